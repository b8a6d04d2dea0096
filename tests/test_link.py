"""The citation graph: resolution tables, corpus links (explicit expected list), queries, CLI."""
from __future__ import annotations

import glob
import json
from pathlib import Path

import pytest

from vnplan.cli import main
from vnplan.link import CitationGraph, Resolution, default_resolver, link
from vnplan.link.keys import level_of_issuer_text, number_key, parse_symbol, symbol_key
from vnplan.link.localities import commune_of, locate
from vnplan.link.resolve import ArchiveIndex
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(glob.glob(str(ROOT / "corpus" / "gold" / "*.json")))


def gold_records() -> list[Record]:
    out = []
    for path in GOLD:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        out.append(Record.from_dict({**gold, "source": {"path": gold["file"]}}))
    return out


@pytest.fixture(scope="module")
def corpus_graph() -> CitationGraph:
    return link(gold_records())


def stem(path: str) -> str:
    return Path(path).name.split("_", 1)[0]


# --- keys ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("KH-SGD&ĐT", "KH-SGDĐT"), ("CT-TTg", "CT-TTG"), ("CT/TTg", "CT-TTg"), ("BCA–C04", "BCA-C04"),
    ("BCA‑C04", "bca-c04"), ("NĐCP", "NĐ-CP"), ("2024/NĐ-CP", "NĐ-CP"), ("QĐ - UBND", "QĐ-UBND"),
    ("KH-ÐKT", "KH-ĐKT"),
])
def test_symbol_variants_share_a_key(a: str, b: str) -> None:
    assert symbol_key(a) == symbol_key(b)


@pytest.mark.parametrize("a, b", [("QĐ-UBND", "KH-UBND"), ("QĐ-BCA", "QĐ-BXD"), ("BGDĐT-GDTX", "BGDĐT-GDTH")])
def test_different_symbols_differ(a: str, b: str) -> None:
    assert symbol_key(a) != symbol_key(b)


@pytest.mark.parametrize("symbol, year, type_abbr, code, party", [
    ("2013/QĐ-TTg", 2013, "QD", "TTG", False),
    ("KH-SGD&ĐT", None, "KH", "SGDDT", False),
    ("BCA-C04", None, None, "BCA", False),
    ("NQ/TW", None, "NQ", "TW", True),
    ("CTr/TU", None, "CTR", "TU", True),
    ("2024/QH15", 2024, None, "QH", False),
    ("NQ-UBTVQH13", None, "NQ", "UBTVQH", False),
    ("NĐCP", None, "ND", "CP", False),
    ("TTr-CAT-ANCTNB", None, "TTR", "CAT", False),
])
def test_parse_symbol(symbol: str, year, type_abbr, code, party) -> None:
    parts = parse_symbol(symbol)
    assert (parts.year, parts.type_abbr, parts.issuer_code, parts.party) == (year, type_abbr, code, party)


@pytest.mark.parametrize("number, key", [("05", "5"), ("0124", "124"), ("66.7", "66.7"), (" 7619 ", "7619"),
                                         ("0", "0"), (None, None), ("", None)])
def test_number_key(number, key) -> None:
    assert number_key(number) == key


@pytest.mark.parametrize("text, level", [
    ("Bộ Chính trị", "party"), ("Ban Thường vụ Tỉnh ủy Lào Cai", "party"), ("Thành uỷ Hà Nội", "party"),
    ("Ủy ban thường vụ Quốc hội", "central"), ("Thủ tướng Chính phủ", "central"), ("Bộ trưởng Bộ Công an", "central"),
    ("UBND tỉnh Lào Cai", "province"), ("Sở GD&ĐT Lào Cai", "province"), ("UBND huyện Thanh Oai", "district"),
    ("Ủy ban nhân dân xã Hoà Xá", "commune"), ("Công ty TNHH Lương Việt", None),
])
def test_level_of_issuer_text(text: str, level) -> None:
    assert level_of_issuer_text(text) == level


# --- localities (2025 reorganisation) ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, province, as_named", [
    ("Ủy ban nhân dân tỉnh Yên Bái", "Lào Cai", "Yên Bái"),
    ("UBND tỉnh Lào Cai", "Lào Cai", "Lào Cai"),
    ("Ủy ban nhân dân tỉnh Đắk Nông", "Lâm Đồng", "Đắk Nông"),
    ("UBND tỉnh Bình Thuận", "Lâm Đồng", "Bình Thuận"),
    ("UBND tỉnh Thừa Thiên Huế", "Huế", "Thừa Thiên Huế"),
    ("UBND tỉnh Hoà Bình", "Phú Thọ", "Hòa Bình"),
    ("UBND tỉnh Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thành uỷ Hà Nội", "Hà Nội", "Hà Nội"),
    ("Hậu Giang", "Cần Thơ", "Hậu Giang"),
])
def test_locality_before_and_after_the_merger(text: str, province: str, as_named: str) -> None:
    loc = locate(text)
    assert (loc.province, loc.as_named) == (province, as_named)
    assert loc.key == locate(province).key  # one locality, its history two names


@pytest.mark.parametrize("text", ["UBND huyện Si Ma Cai", "Công an tỉnh", "Bộ Công an", None, ""])
def test_no_province_named(text) -> None:
    assert locate(text) is None


def test_commune_names_with_either_tone_mark_placement_are_one() -> None:
    assert commune_of("Ủy ban nhân dân xã Hoà Xá") == commune_of("UBND xã Hòa Xá") == "xa hoa xa"


# --- resolution tables ---------------------------------------------------------------------------------------------
def doc(number, symbol, year, issuer, level, date=None, place=None, path=None, citations=()) -> Record:
    return Record(source={"path": path or f"{number}-{symbol}-{year}-{issuer}.txt"}, number=number, symbol=symbol,
                  issue_year=year, issue_date=date, issuer={"name": issuer, "level": level}, place=place,
                  citations=list(citations))


def cite(number, symbol, date=None, issuer=None, relation="implements") -> dict:
    return {"number": number, "symbol": symbol, "date": date, "issuer": issuer, "relation": relation}


def resolve(archive: list[Record], citing: Record, citation: dict) -> Resolution:
    index = ArchiveIndex.build([*archive, citing])
    return default_resolver(citation, index.entry_of(citing), index)


LAO_CAI_PLAN = doc("12", "KH-UBND", 2026, "UBND xã Bảo Hà", "commune", place="Lào Cai", path="kh-xa.txt")
SGD = doc("168", "KH-SGDĐT", 2023, "Sở Giáo dục và Đào tạo", "province", place="Lào Cai")
TTG = doc("38", "CT-TTg", 2020, "Thủ tướng Chính phủ", "central", place="Hà Nội")
BCA = doc("4214", "BCA-C04", 2025, "Bộ Công an", "central", date="2025-09-16")
ND = doc("181", "2024/NĐ-CP", 2024, "Chính phủ", "central")
QD5 = doc("05", "2025/QĐ-UBND", 2025, "Ủy ban nhân dân tỉnh Lào Cai", "province", date="2025-07-01")
UB_LC = doc("200", "KH-UBND", 2026, "Ủy ban nhân dân tỉnh Lào Cai", "province")
YB_2024 = doc("50", "KH-UBND", 2024, "Ủy ban nhân dân tỉnh Yên Bái", "province", date="2024-03-01")
LC_2024 = doc("50", "KH-UBND", 2024, "Ủy ban nhân dân tỉnh Lào Cai", "province", date="2024-03-02")
HUYEN = doc("200", "KH-UBND", 2026, "Ủy ban nhân dân huyện Bảo Thắng", "district", place="Lào Cai")
GL_PLAN = doc("9", "KH-SNNMT", 2026, "Sở Nông nghiệp và Môi trường", "province", place="Gia Lai", path="gl.txt")

RESOLUTION_TABLE = [
    # (id, archive, citing, citation, expected status, expected target's path or None)
    ("ampersand", [SGD], LAO_CAI_PLAN, cite("168", "KH-SGD&ĐT", "2023-09-15", "Sở GD&ĐT Lào Cai"), "resolved", SGD),
    ("case", [TTG], LAO_CAI_PLAN, cite("38", "CT-TTG", "2020-09-29", "Thủ tướng Chính phủ"), "resolved", TTG),
    ("slash for dash", [TTG], LAO_CAI_PLAN, cite("38", "CT/TTg", "2020-09-29"), "resolved", TTG),
    ("en dash", [BCA], LAO_CAI_PLAN, cite("4214", "BCA–C04", "2025-09-16", "Bộ Công an"), "resolved", BCA),
    ("lost hyphen", [ND], LAO_CAI_PLAN, cite("181", "2024/NĐCP", None, "Chính phủ"), "resolved", ND),
    ("leading zero", [QD5], LAO_CAI_PLAN, cite("5", "2025/QĐ-UBND", None, "UBND tỉnh Lào Cai"), "resolved", QD5),
    ("year from the date", [BCA], LAO_CAI_PLAN, cite("4214", "BCA-C04", "2025-09-16"), "resolved", BCA),
    ("other year", [BCA], LAO_CAI_PLAN, cite("4214", "BCA-C04", "2024-03-10", "Bộ Công an"), "missing", None),
    ("year digit off, no title", [BCA], LAO_CAI_PLAN, cite("4214", "BCA-C04", "2024-09-16", "Bộ Công an"),
     "missing", None),
    ("day one digit off, national symbol", [BCA], LAO_CAI_PLAN, cite("4214", "BCA-C04", "2025-09-15", "Bộ Công an"),
     "resolved", BCA),
    ("issuer from the symbol", [TTG], LAO_CAI_PLAN, cite("38", "CT-TTg", "2020-09-29", None), "resolved", TTG),
    ("central name contradicts", [BCA], LAO_CAI_PLAN, cite("4214", "BCA-C04", "2025-09-16", "Bộ Xây dựng"),
     "missing", None),
    ("province from the citing doc", [UB_LC], LAO_CAI_PLAN, cite("200", "KH-UBND", "2026-05-05", "UBND tỉnh"),
     "resolved", UB_LC),
    ("other province's UBND", [UB_LC], GL_PLAN, cite("200", "KH-UBND", "2026-05-05", "UBND tỉnh"), "missing", None),
    ("province named", [UB_LC], GL_PLAN, cite("200", "KH-UBND", "2026-05-05", "UBND tỉnh Lào Cai"), "resolved",
     UB_LC),
    ("level differs", [HUYEN], LAO_CAI_PLAN, cite("200", "KH-UBND", "2026-05-05", "UBND tỉnh Lào Cai"), "missing",
     None),
    ("old province before the merger", [LC_2024], LAO_CAI_PLAN,
     cite("50", "KH-UBND", "2024-03-01", "UBND tỉnh Yên Bái"), "missing", None),
    ("old province named as printed", [YB_2024, LC_2024], LAO_CAI_PLAN,
     cite("50", "KH-UBND", "2024-03-01", "UBND tỉnh Yên Bái"), "resolved", YB_2024),
]


@pytest.mark.parametrize("case", RESOLUTION_TABLE, ids=[c[0] for c in RESOLUTION_TABLE])
def test_resolution_variants(case) -> None:
    _, archive, citing, citation, status, target = case
    index = ArchiveIndex.build([*archive, citing])
    res = default_resolver(citation, index.entry_of(citing), index)
    assert res.status == status, res
    if target is not None:
        assert res.target == index.entry_of(target).node


AMBIGUOUS_TABLE = [
    # (id, archive, citation, status, number of candidates): two within the margin are ambiguous, one under the
    # threshold is unconfirmed; neither is linked
    ("two UBND of one province, issuer unnamed", [UB_LC, HUYEN], cite("200", "KH-UBND", "2026-05-05"), "ambiguous", 2),
    ("no year anywhere", [TTG], cite("38", "CT-TTg", None, "Thủ tướng Chính phủ"), "unconfirmed", 1),
    ("archive doc without a year", [doc("7", "KH-UBND", None, "UBND tỉnh Lào Cai", "province")],
     cite("7", "KH-UBND", "2026-01-02", "UBND tỉnh Lào Cai"), "unconfirmed", 1),
]


@pytest.mark.parametrize("case", AMBIGUOUS_TABLE, ids=[c[0] for c in AMBIGUOUS_TABLE])
def test_ambiguous_candidates_stay_unresolved(case) -> None:
    _, archive, citation, status, n = case
    res = resolve(archive, LAO_CAI_PLAN, citation)
    assert res.status == status and res.target is None and len(res.candidates) == n


def test_ambiguous_citation_is_a_stub_listing_its_candidates() -> None:
    plan = doc("12", "KH-UBND", 2026, "UBND xã Bảo Hà", "commune", place="Lào Cai",
               citations=[cite("200", "KH-UBND", "2026-05-05")])
    g = link([UB_LC, HUYEN, plan])
    assert not g.edges(resolved_only=True)
    [(stub, candidates)] = g.unresolved()
    assert len(candidates) == 2 and g.node(stub)["status"] == "ambiguous"


def test_resolver_is_pluggable() -> None:
    registry = {("4214", "bcac04"): {"label": "4214/BCA-C04", "issuer": "Bộ Công an", "level": "central"}}

    def lookup(citation, citing, index):
        hit = registry.get((citation["number"], symbol_key(citation["symbol"])))
        if hit:
            return Resolution("resolved", target="registry:4214/BCA-C04", attrs=hit)
        return default_resolver(citation, citing, index)

    plan = doc("1", "KH-UBND", 2025, "UBND tỉnh Lâm Đồng", "province",
               citations=[cite("4214", "BCA-C04", "2025-09-16", "Bộ Công an"), cite("7619", "QĐ-BCA", "2025-09-08")])
    g = link([plan], resolver=lookup)
    assert g.node("registry:4214/BCA-C04")["issuer"] == "Bộ Công an"
    assert {v for _, v, _ in g.edges()} == {"registry:4214/BCA-C04", "cited:7619/QĐ-BCA:2025"}


def test_records_from_dicts_and_jsonl(tmp_path: Path) -> None:
    golds = [json.loads(Path(p).read_text(encoding="utf-8")) for p in GOLD]
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({**g, "source": {"path": g["file"]}}, ensure_ascii=False) for g in golds),
                       encoding="utf-8")
    a, b = link(golds), link(str(records))
    assert sorted(a.graph.nodes) == sorted(b.graph.nodes)
    assert sorted(a.graph.edges) == sorted(b.graph.edges)


def test_bad_records_file_is_a_one_line_error(tmp_path: Path) -> None:
    from vnplan.errors import RecordError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"number": "1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(RecordError, match="bad.jsonl: dòng 2"):
        link(str(bad))


def test_cycles_are_flagged() -> None:
    a = doc("1", "KH-UBND", 2025, "UBND tỉnh Sơn La", "province",
            citations=[cite("2", "QĐ-UBND", "2025-01-01", "UBND tỉnh")])
    b = doc("2", "QĐ-UBND", 2025, "UBND tỉnh Sơn La", "province",
            citations=[cite("1", "KH-UBND", "2025-02-01", "UBND tỉnh")])
    g = link([a, b])
    assert g.cycles() == [["doc:1/KH-UBND:2025", "doc:2/QĐ-UBND:2025"]]
    assert g.node("doc:1/KH-UBND:2025")["in_cycle"]


# --- the corpus ----------------------------------------------------------------------------------------------------
# Every citation that resolves to an archive document, as (citing file, relation, cited file): the complete list.
EXPECTED_RESOLVED = sorted([
    ("012", "implements", "011"),   # 1105/KH-ĐKT → 1050/QĐ-SCT
    ("015", "implements", "014"),   # 7432/UBND-XD → 1074/QĐ-BXD
    ("040", "mentions", "039"),     # 2214/BXD-QLN → 22/2013/QĐ-TTg
    ("042", "basis", "039"),        # 3210/QĐ-UBND → 22/2013/QĐ-TTg
    ("069", "implements", "068"),   # Lâm Đồng công văn (number blank) → 4214/BCA-C04
])


def test_every_resolved_edge_is_expected(corpus_graph: CitationGraph) -> None:
    got = sorted((stem(corpus_graph.node(u)["path"]), d["relation"], stem(corpus_graph.node(v)["path"]))
                 for u, v, d in corpus_graph.edges(resolved_only=True))
    assert got == EXPECTED_RESOLVED


def test_blank_numbered_document_is_linked(corpus_graph: CitationGraph) -> None:
    [node] = corpus_graph.find("069_cv-ubnd-tinh-lamdong-giao-cat-tham-muu-cv-4214-bca.docx")
    data = corpus_graph.node(node)
    assert data["number"] is None and data["kind"] == "document"
    [(target, rel)] = [(v, d["relation"]) for u, v, d in corpus_graph.edges() if u == node]
    assert rel == "implements" and target == corpus_graph.find("4214/BCA-C04")[0]


def test_plans_citing_one_missing_directive_share_one_stub(corpus_graph: CitationGraph) -> None:
    [stub] = corpus_graph.find("7619/QĐ-BCA")
    data = corpus_graph.node(stub)
    assert data["kind"] == "cited" and data["status"] == "missing"
    assert (data["type"], data["number"], data["symbol"], data["date"], data["issuer"]) == (
        "Quyết định", "7619", "QĐ-BCA", "2025-09-08", "Bộ Công an")
    citing = {stem(corpus_graph.node(u)["path"]) for u, v, _ in corpus_graph.edges() if v == stub}
    assert {"050", "070"} <= citing


def test_symbol_variants_in_the_corpus_share_a_stub(corpus_graph: CitationGraph) -> None:
    # 006 prints 38/CT/TTg, 016 prints 38/CT-TTg: one document
    assert len([n for n in corpus_graph.stubs if corpus_graph.node(n)["number"] == "38"
                and corpus_graph.node(n)["year"] == 2020]) == 1


def test_two_readings_of_one_pdf_are_one_node(corpus_graph: CitationGraph) -> None:
    [node] = corpus_graph.find("1050/QĐ-SCT")
    assert sorted(stem(p) for p in corpus_graph.node(node)["paths"]) == ["011", "011b"]


def test_same_number_other_year_and_province_is_not_linked(corpus_graph: CitationGraph) -> None:
    # seed 004 (Thanh Hóa, 2022) cites 173/KH-UBND of 2022; the archive's 173/KH-UBND is Hà Nội's of 2026
    hanoi = corpus_graph.find("173/KH-UBND:2026")[0]
    assert not [u for u, v, _ in corpus_graph.edges() if v == hanoi]


def test_levels_lay_out_top_down(corpus_graph: CitationGraph) -> None:
    level = lambda ref: corpus_graph.node(corpus_graph.find(ref)[0])["level"]  # noqa: E731
    assert [level(r) for r in ("10/NQ/TW", "4214/BCA-C04", "1050/QĐ-SCT")] == ["party", "central", "province"]
    ranks = {d["level"]: d["rank"] for _, d in corpus_graph.graph.nodes(data=True) if d["level"]}
    assert ranks["party"] < ranks["central"] < ranks["province"] < ranks["district"] < ranks["commune"]


def test_queries(corpus_graph: CitationGraph) -> None:
    g = corpus_graph
    assert g.ancestors("1105/KH-ĐKT")[0] == g.find("1050/QĐ-SCT")[0]
    assert g.find("181/2024/NĐ-CP")[0] in g.ancestors("1105/KH-ĐKT")  # through 1050
    assert g.descendants("4214/BCA-C04") == g.find("069_cv-ubnd-tinh-lamdong-giao-cat-tham-muu-cv-4214-bca.docx")
    groups = g.implementers("22/2013/QĐ-TTg")
    assert list(groups) == [("Hồ Chí Minh", "province")]
    missing = dict(g.missing())
    assert len(missing[g.find("7619/QĐ-BCA")[0]]) == 3
    assert g.cycles() == []
    assert repr(g).startswith("<CitationGraph 31 documents")
    assert "<iframe" in g._repr_html_()


def test_cli_ancestors_descendants_missing_cycles(tmp_path: Path, capsys) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in gold_records()),
                       encoding="utf-8")
    assert main(["graph", str(records), "--ancestors", "1105/KH-ĐKT"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("  → implements: 1050/QĐ-SCT")
    assert main(["graph", str(records), "--descendants", "4214/BCA-C04"]) == 0
    assert "← implements: …/UBND-NC" in capsys.readouterr().out
    assert main(["graph", str(records), "--missing", "--cycles"]) == 0
    out = capsys.readouterr().out
    assert "7619/QĐ-BCA" in out and "0 vòng trích dẫn" in out
    assert main(["graph", str(records), "--implementers", "22/2013/QĐ-TTg"]) == 0
    assert "3210/QĐ-UBND" in capsys.readouterr().out
    assert main(["graph", str(records), "--ancestors", "9999/KH-KHONG"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vnplan: lỗi:") and "Traceback" not in err


def test_stub_issuer_inferred_from_the_symbol(corpus_graph: CitationGraph) -> None:
    pytest.importorskip("vnplan.extract.numbers")
    data = corpus_graph.node(corpus_graph.find("42/2024/QH15")[0])  # 1050 cites the law without naming its issuer
    assert (data["issuer"], data["issuer_inferred"], data["level"]) == ("Quốc hội", True, "central")
