"""The citation graph at scale: candidates by key (no all-pairs), one shared walk, a page without duplicated data,
graph CSV cells that a spreadsheet cannot run, and the cascade's words from the message catalogue."""
from __future__ import annotations

import csv
import importlib
import json
import sys
from pathlib import Path

import pytest

from vnplan.export.graph_html import OVERVIEW_LIMIT, graph_html, page_data
from vnplan.link import link
from vnplan.link.graph import DIRECTIVE_RELATIONS
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from graph_scale import exponent, generate  # noqa: E402

resolve = importlib.import_module("vnplan.link.resolve")


def plan(number: str, issuer: str, level: str, path: str, **extra) -> Record:
    return Record(source={"path": path}, doc_type="Kế hoạch", number=number, symbol="KH-UBND",
                  issue_date="2025-03-06", issue_year=2025, issuer={"name": issuer, "level": level}, **extra)


def scored_per_citation(records: list[Record], monkeypatch: pytest.MonkeyPatch) -> float:
    calls = []
    original = resolve.score_candidate
    monkeypatch.setattr(resolve, "score_candidate", lambda *a: calls.append(1) or original(*a))
    link(records)
    return len(calls) / sum(len(r.citations) for r in records)


def test_one_number_in_every_province_is_not_scored_against_every_citation(monkeypatch) -> None:
    # "12/KH-UBND" of every province today; each province's commune plan cites its own province's
    from vnplan.link.localities import locate, province_names

    provinces = list({locate(f"tỉnh {p}").key: p for p in province_names() if locate(f"tỉnh {p}")}.values())
    assert len(provinces) >= 30
    records = [plan("12", f"UBND tỉnh {p}", "province", f"p{i}.pdf") for i, p in enumerate(provinces)]
    records += [plan("3", f"UBND xã Một tỉnh {p}", "commune", f"x{i}.pdf", place=p,
                     citations=[{"number": "12", "symbol": "KH-UBND", "date": "2025-03-06",
                                 "issuer": f"UBND tỉnh {p}", "relation": "implements"}])
                for i, p in enumerate(provinces)]
    assert scored_per_citation(records, monkeypatch) == 1.0  # its own province's plan only, not all of them
    g = link(records)
    assert len(g.edges(resolved_only=True)) == len(provinces)


def test_candidates_scored_per_citation_stay_flat_as_the_archive_grows(monkeypatch) -> None:
    small = scored_per_citation(generate(600), monkeypatch)
    large = scored_per_citation(generate(6000), monkeypatch)
    # bounded by the issuers of one level in one province, not by the archive (all-pairs would be ×10)
    assert large < 3 and large < 4 * small, (small, large)


def test_many_documents_with_one_number_get_distinct_ids() -> None:
    records = [plan("1", f"UBND xã Số {i}", "commune", f"x{i}.pdf") for i in range(300)]
    g = link(records)
    assert len(g.documents) == 300 and len(set(g.documents)) == 300


def test_growth_exponent_fit() -> None:
    assert exponent([(1000, 2.0), (10000, 20.0)]) == pytest.approx(1.0)
    assert exponent([(1000, 1.0), (10000, 100.0)]) == pytest.approx(2.0)


def test_cycles_found_inside_strongly_connected_parts_only() -> None:
    a = plan("1", "UBND tỉnh Lào Cai", "province", "a.pdf",
             citations=[{"number": "2", "symbol": "KH-UBND", "issuer": "UBND tỉnh Lào Cai", "date": "2025-03-06"}])
    b = plan("2", "UBND tỉnh Lào Cai", "province", "b.pdf",
             citations=[{"number": "1", "symbol": "KH-UBND", "issuer": "UBND tỉnh Lào Cai", "date": "2025-03-06"}])
    c = plan("3", "UBND tỉnh Lào Cai", "province", "c.pdf",
             citations=[{"number": "1", "symbol": "KH-UBND", "issuer": "UBND tỉnh Lào Cai", "date": "2025-03-06"}])
    g = link([a, b, c])
    assert [len(cycle) for cycle in g.cycles()] == [2]


def test_cascade_and_descendants_walk_the_same_documents() -> None:
    g = link(generate(400))
    root = next(n for n, d in g.graph.nodes(data=True) if d.get("level") == "central" and d["kind"] == "document"
                and g.graph.in_degree(n) > 2)
    cascade = g.cascade(root, coverage=False)
    assert [r.node for r in cascade.rows[1:]] != [] and \
        sorted(r.node for r in cascade.rows[1:]) == sorted(g.descendants(root, DIRECTIVE_RELATIONS))
    depths = [r.depth for r in cascade.rows]
    assert depths == sorted(depths)  # breadth first, nearest first
    ranks = [("province", "district", "commune").index(r.level) for r in cascade.rows if r.depth == 1]
    assert ranks == sorted(ranks) and ranks[0] == 0  # top-down within a depth, as the cascade orders its walk


# --- the page carries each value once --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big() -> object:
    return link(generate(3000))


def test_repeated_values_are_stored_once(big) -> None:
    data = page_data(big)
    values = data["values"]
    assert len(values) == len(set(map(json.dumps, values)))
    issuers = {d.get("issuer") for _, d in big.graph.nodes(data=True)}
    assert len(values) < len(issuers) + 200  # issuers, provinces, levels… once each, not once per node
    assert all(isinstance(i, int) for i in data["nodes"]["issuer"])


def test_the_page_holds_no_duplicated_data(big) -> None:
    page = graph_html(big)
    node, attrs = next((n, d) for n, d in big.graph.nodes(data=True) if d.get("title"))
    assert page.count(json.dumps(attrs["title"], ensure_ascii=False)) == 1
    assert page.count(json.dumps(node, ensure_ascii=False)) == 1
    assert "doc:" not in page.split('id="graph-data"')[0]  # nothing of the data outside its one script block
    assert len(page.encode()) / len(big) < 320  # bytes per node (was ~7,500 with positions, lists and evidence)
    assert OVERVIEW_LIMIT < len(big.documents)


def test_english_page_on_request(big) -> None:
    page = graph_html(big, lang="en")
    assert '<html lang="en">' in page and "<title>Citation graph</title>" in page and "Clear filters" in page
    assert "Bỏ lọc" not in page
    vi = graph_html(big)
    assert '<html lang="vi">' in vi and "Đồ thị trích dẫn" in vi and "Bỏ lọc" in vi


# --- graph CSV -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("title", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A2)"])
def test_graph_csv_cells_cannot_run_as_formulas(tmp_path: Path, title: str) -> None:
    g = link([plan("5", "UBND tỉnh Lào Cai", "province", "a.pdf", title=title)])
    g.write(tmp_path / "g.csv")
    with open(tmp_path / "g.nodes.csv", encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["title"] == "'" + title and row["year"] == "2025"


# --- words from the message catalogue ----------------------------------------------------------------------------
def test_cascade_words_come_from_the_catalogue() -> None:
    from vnplan import i18n
    from vnplan.link import labels

    assert not hasattr(labels, "TEXT")
    g = link(generate(200))
    root = next(n for n, d in g.graph.nodes(data=True) if d.get("level") == "central" and g.graph.in_degree(n))
    en = g.cascade(root, coverage=False, lang="en")
    assert i18n.t("cascade.days", lang="en") in str(en) and "Province" in str(en)
    assert list(en.to_dataframe(labels=True).columns)[:2] == [i18n.t("col.depth", "en"), i18n.t("col.document", "en")]
    vi = g.cascade(root, coverage=False)
    assert "Tỉnh" in str(vi) and i18n.t("col.coverage", "vi") in vi.to_html()


def test_cli_language_reaches_graph_and_cascade_pages(tmp_path: Path) -> None:
    from vnplan.cli import main

    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in generate(150)), encoding="utf-8")
    assert main(["--lang", "en", "graph", str(records), "-o", str(tmp_path / "g.html")]) == 0
    assert main(["graph", str(records), "-o", str(tmp_path / "g-vi.html")]) == 0
    assert main(["cascade", str(records), "--root", "100/QĐ-TTg", "--no-coverage", "--lang", "en",
                 "-o", str(tmp_path / "c.html")]) == 0
    assert '<html lang="en">' in (tmp_path / "g.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in (tmp_path / "g-vi.html").read_text(encoding="utf-8")
    assert "Implementation cascade" in (tmp_path / "c.html").read_text(encoding="utf-8")
