"""pandas tables of `Records` (issue 16): types, one key column, one row per agency × task, linked deadlines,
warnings and recipients tables, validated filters, slicing, Excel."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from vnplan.collection import LEVELS, Records, _warning_rules, warning_code
from vnplan.errors import VnplanError
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def plans() -> Records:
    records = []
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records.append(Record.from_dict({**data, "source": {"path": data["file"]}}))
    return Records(records)


@pytest.mark.parametrize("row", _warning_rules(), ids=lambda r: r[0])
def test_warning_code_examples(row: tuple[str, str, str]) -> None:
    code = row[0]
    path = Path(__file__).resolve().parent.parent / "vnplan" / "data" / "warning_codes.tsv"
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(code + "\t"))
    for example in line.split("\t")[3].split(" | "):
        assert warning_code(example) == code, example
    assert warning_code("a message no rule knows") == "other"


def test_types_and_one_key_column(plans: Records) -> None:
    df = plans.to_dataframe()
    assert "path" in df.columns and "source_path" not in df.columns
    assert str(df["issue_date"].dtype).startswith("datetime64")
    assert df.loc[df.path.str.startswith("052_"), "number"].tolist() == ["0124"]  # leading zero kept as text
    for table in (plans.citations(), plans.activities(), plans.responsibilities(), plans.deadlines(),
                  plans.recipients(), plans.warnings()):
        assert table.columns[0] == "path"
    assert str(plans.deadlines()["date"].dtype).startswith("datetime64")


def test_responsibilities_one_row_per_agency_and_task(plans: Records) -> None:
    resp = plans.responsibilities()
    expected = sum(max(1, len(e.get("tasks") or [])) for r in plans for e in r.responsibilities)
    assert len(resp) == expected and "task" in resp.columns
    from vnplan import extract

    rec = extract(ROOT / "corpus" / "real" / "016_cv-5973-ubnd-tinh-laocai-tang-cuong-thanh-kiem-tra-khoang-san.pdftotext.txt")
    real = Records([rec]).responsibilities()
    assert len(real) == sum(max(1, len(e.get("tasks") or [])) for e in rec.responsibilities) > len(rec.responsibilities)
    assert real["task"].notna().all() and real.groupby("agency")["task_index"].max().max() >= 1


def test_deadline_linked_to_its_activity() -> None:
    r = Record(source={"path": "kh.txt"}, activities=[{"text": "Tổ chức Lễ khai mạc ngày 11/9/2026", "span": [10, 60]}],
               responsibilities=[{"agency": "Sở Y tế", "tasks": ["Báo cáo trước 15/10/2026"], "span": [100, 160]}],
               deadlines=[{"date": "2026-09-11", "text": "ngày 11/9/2026", "span": [40, 54]},
                          {"date": "2026-10-15", "text": "Báo cáo trước 15/10/2026", "span": [120, 150]},
                          {"date": "2026-12-01", "text": "1/12/2026", "span": [300, 309]}])
    dl = Records([r]).deadlines()
    assert dl["activity_index"].tolist()[:2] == [0, None] or dl["activity_index"].iloc[0] == 0
    assert dl["agency"].iloc[1] == "Sở Y tế" and dl["agency"].isna().iloc[2]


def test_real_deadline_is_linked() -> None:
    from vnplan import extract

    rec = extract(ROOT / "corpus" / "real" / "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf")
    dl = Records([rec]).deadlines()
    assert dl["activity_index"].notna().sum() >= 1  # "Thời gian dự kiến: ngày 11/9/2026" inside activity 1
    assert dl.loc[dl["date"] == "2026-09-11", "activity_index"].iloc[0] == 0


def test_warnings_and_recipients_tables(plans: Records) -> None:
    rec = Record(source={"path": "kh.pdf"}, warnings=["ocr_used: text read by OCR", "page numbers removed (3)"],
                 recipients=["Như trên", "Sở Y tế"])
    both = Records([rec], errors=[{"path": "hong.pdf", "error": "CorruptFileError", "message": "not a PDF"}])
    w = both.warnings()
    assert w["code"].tolist() == ["ocr_used", "cleanup", "CorruptFileError"]
    assert w["severity"].tolist() == ["info", "info", "error"]
    assert both.recipients()["recipient"].tolist() == ["Như trên", "Sở Y tế"]
    assert len(plans.recipients()) == sum(len(r.recipients) for r in plans)


@pytest.mark.parametrize("value, level", [("Tỉnh", "province"), ("xã", "commune"), ("Trung ương", "central"),
                                          ("province", "province"), ("HUYỆN", "district")])
def test_level_filter_accepts_vietnamese_names(plans: Records, value: str, level: str) -> None:
    """Regression: filter(level="Tỉnh") silently returned nothing."""
    got = plans.filter(level=value)
    assert len(got) == sum(r.issuer.get("level") == level for r in plans)
    assert level != "province" or len(got) > 0


def test_unknown_level_lists_the_valid_ones(plans: Records) -> None:
    with pytest.raises(VnplanError) as err:
        plans.filter(level="thành phố lớn")
    assert all(level in str(err.value) for level in LEVELS) and "tỉnh" in str(err.value)


def test_slicing_returns_records(plans: Records) -> None:
    assert isinstance(plans[:3], Records) and len(plans[:3]) == 3 and isinstance(plans[0], Record)


def test_to_excel_one_sheet_per_table(plans: Records, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "records.xlsx"
    plans.to_excel(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["records", "citations", "activities", "responsibilities", "deadlines", "recipients",
                             "warnings"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws["A1"].value == "path"
    ws = wb["records"]
    col = {c.value: c.column_letter for c in ws[1]}
    assert "0124" in [c.value for c in ws[col["number"]]]
    assert ws.column_dimensions[col["title"]].width >= 40


def test_graph_tables_nodes_and_edges(plans: Records) -> None:
    from vnplan.export.graph_tables import graph_frame

    graph = plans.graph()
    nodes, edges = graph_frame(graph, "nodes"), graph_frame(graph, "edges")
    assert nodes.columns[0] == edges.columns[0] == "path"
    assert len(nodes) == len(graph.graph) and len(edges) == graph.graph.number_of_edges()
    assert set(nodes.loc[nodes.kind == "document", "path"]) <= set(plans.to_dataframe()["path"])
    assert str(nodes["date"].dtype).startswith("datetime64") and str(edges["cited_date"].dtype).startswith("datetime64")
    assert str(nodes["year"].dtype) == "Int64" and str(edges["confidence"].dtype) == "float64"
    # 1105/KH-ĐKT carries out 1050/QĐ-SCT; the edge is keyed by the citing file
    kh = edges[edges.path.str.startswith("012_") & (edges.cited_as == "1050/QĐ-SCT")]
    assert len(kh) == 1 and kh.iloc[0].resolution == "resolved" and kh.iloc[0].relation == "implements"
    assert int(nodes.set_index("node").loc[kh.iloc[0].target, "cited_by"]) >= 1
    with pytest.raises(VnplanError, match="các bảng: nodes, edges"):
        graph_frame(graph, "citations")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_old_files_with_source_path_are_still_read(tmp_path: Path, fmt: str) -> None:
    """Records files written before the key column was renamed (``source_path``) load with ``path``."""
    from vnplan.export.records import FLAT_COLUMNS, flatten, iter_records, read_index

    rec = {"source": {"path": "luu-tru/kh-173.pdf", "sha256": "ab"}, "doc_type": "Kế hoạch", "number": "0124"}
    old = ["source_path" if c == "path" else c for c in FLAT_COLUMNS]
    row = flatten(rec)
    path = tmp_path / f"old.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(old)
            writer.writerow(["" if v is None else v for v in row.values()])
    else:
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([{("source_path" if k == "path" else k): v for k, v in row.items()}]), path)
    assert [r["source"]["path"] for r in iter_records(path)] == ["luu-tru/kh-173.pdf"]
    assert read_index(str(path), fmt).hashes == {"luu-tru/kh-173.pdf": "ab"}
    from vnplan.collection import load

    assert load(path).to_dataframe()["path"].tolist() == ["luu-tru/kh-173.pdf"]


@pytest.mark.parametrize("criteria, message", [({"doc_type": "Kế hoạch nhỏ"}, "các loại: Biên bản"),
                                               ({"year": "năm ngoái"}, "năm"), ({"year": 25}, "năm")])
def test_unknown_filter_values_are_errors(plans: Records, criteria: dict, message: str) -> None:
    with pytest.raises(VnplanError, match=message):
        plans.filter(**criteria)


@pytest.mark.parametrize("criteria", [{"doc_type": "cong van"}, {"doc_type": "CÔNG VĂN"}, {"year": "2025"}])
def test_filter_values_in_any_form(plans: Records, criteria: dict) -> None:
    key = next(iter(criteria))
    expected = {"doc_type": lambda r: r.doc_type == "Công văn", "year": lambda r: r.issue_year == 2025}[key]
    assert len(plans.filter(**criteria)) == sum(map(expected, plans)) > 0
