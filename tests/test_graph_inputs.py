"""Graph inputs and exports that never break: control characters, no partial files, CSV/Parquet records,
error records and non-documents set apart, unique readable labels, one set of document keys for every query."""
from __future__ import annotations

import glob
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from vnplan.export.records import open_writer
from vnplan.cli import main
from vnplan.export.graph_formats import ExportError
from vnplan.link import link
from vnplan.link.graph import NodeNotFound
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(glob.glob(str(ROOT / "corpus" / "gold" / "*.json")))


def gold_dicts() -> list[dict]:
    return [{**(g := json.loads(Path(p).read_text(encoding="utf-8"))), "source": {"path": g["file"]}} for p in GOLD]


def control_record() -> Record:
    return Record(source={"path": "kh\x01.txt"}, doc_type="Kế hoạch", number="7", symbol="KH-UBND",
                  issue_date="2025-03-04", issue_year=2025, issuer={"name": "UBND tỉnh\x0bSơn La", "level": "province"},
                  title="Triển khai\x00 nhiệm vụ\x1f năm 2025\x0c",
                  citations=[{"number": "5", "symbol": "QĐ-UBND", "date": "2025-01-02", "issuer": "UBND\x08 tỉnh",
                              "relation": "implements", "text": "Quyết định số 5/QĐ-UBND\x1b"}])


@pytest.mark.parametrize("ext", ["graphml", "gexf", "dot", "json", "html", "csv"])
def test_record_with_control_characters_exports(tmp_path: Path, ext: str) -> None:
    """Regression: GraphML crashed with a traceback on a control character in a title and left half a file."""
    g = link([control_record()])
    written = g.write(tmp_path / f"g.{ext}")
    assert all(Path(p).stat().st_size > 0 for p in written)
    if ext == "graphml":
        back = nx.read_graphml(written[0])
        assert back.nodes["doc:7/KH-UBND:2025"]["title"] == "Triển khai nhiệm vụ năm 2025 "
    if ext == "gexf":
        assert nx.read_gexf(written[0]).number_of_nodes() == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_failed_export_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "g.graphml"
    target.write_text("the previous graph", encoding="utf-8")

    def broken(graph, handle, **kwargs):
        handle.write(b"<?xml version='1.0'?><graphml>")
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(nx, "write_graphml", broken)
    with pytest.raises(ExportError, match="g.graphml: không ghi được đồ thị dạng graphml"):
        link([control_record()]).write(target)
    assert target.read_text(encoding="utf-8") == "the previous graph"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_records_from_csv_and_parquet(tmp_path: Path, fmt: str) -> None:
    """Regression: `vnplan graph records.csv` extracted the CSV as a text document; .parquet failed."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / f"records.{fmt}"
    writer = open_writer(str(path), fmt, truncate=True)
    for item in gold_dicts():
        writer.write(Record.from_dict(item).to_dict())
    writer.finish()
    a, b = link(gold_dicts()), link(str(path))
    assert sorted(a.graph.nodes) == sorted(b.graph.nodes)
    assert sorted(a.graph.edges) == sorted(b.graph.edges)
    assert main(["graph", str(path), "--ancestors", "1105/KH-ĐKT"]) == 0


def test_error_records_and_non_documents_are_set_apart(tmp_path: Path, capsys) -> None:
    """Regression: error records became document nodes, and a SOURCES.md in the folder became a document."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / "seeds" / "000_28b0c8e4ade0a855.txt", folder)
    shutil.copy(ROOT / "corpus" / "SOURCES.md", folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    assert main(["graph", str(folder), "--set-aside"]) == 0
    out = capsys.readouterr().out
    assert "2 đầu vào được để riêng" in out and "SOURCES.md: không phải văn bản" in out and "broken.pdf: lỗi:" in out
    records = [*gold_dicts(), {"path": "x.pdf", "error": "E002", "message": "the PDF is corrupt"}]
    g = link(records)
    assert len(g.documents) == len(link(gold_dicts()).documents)
    assert not any(g.node(n)["path"] == "x.pdf" for n in g.documents)
    assert g.set_aside == [{"path": "x.pdf", "reason": "lỗi: the PDF is corrupt"}]


def test_labels_are_unique_and_readable() -> None:
    g = link(gold_dicts())
    labels = [d["label"] for _, d in g.graph.nodes(data=True)]
    assert len(labels) == len(set(labels))
    assert not any(label.startswith("(no number)") for label in labels)
    assert g.node("1105/KH-ĐKT")["label"].startswith("1105/KH-ĐKT · ")
    plan = Record(source={"path": "tb.pdf"}, number="2379", symbol="KH-UBND", issue_date="2021-08-06",
                  issue_year=2021, issuer={"name": "Ủy ban nhân dân huyện Châu Thành", "level": "district"})
    assert link([plan]).node("2379/KH-UBND")["label"] == "2379/KH-UBND · UBND huyện Châu Thành · 06/8/2021"


def test_every_query_accepts_the_same_keys() -> None:
    """Regression: describe("1105/KH-ĐKT") raised a networkx KeyError where ancestors() accepted the same string."""
    g = link(gold_dicts())
    node = g.find("1105/KH-ĐKT")[0]
    keys = ["1105/KH-ĐKT", "1105/KH-DKT", node, g.node(node)["label"], Path(g.node(node)["path"]).name]
    for key in keys:
        assert g.describe(key).startswith("1105/KH-ĐKT")
        assert g.ancestors(key) == g.ancestors(node)
        assert g.cascade(key).root == node
    with pytest.raises(NodeNotFound, match="no document '9999/KH-X'"):
        g.describe("9999/KH-X")
