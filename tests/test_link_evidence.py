"""The evidence resolver (one case per rule, the near-misses of ../shared/archive/CHAINS.md) and the cascade."""
from __future__ import annotations

import glob
import json
import subprocess
from pathlib import Path

import pytest

from vnplan.cli import main
from vnplan.link import link
from vnplan.link.evidence import MARGIN, THRESHOLD, WEIGHTS
from vnplan.link.resolve import ArchiveIndex, default_resolver
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(glob.glob(str(ROOT / "corpus" / "gold" / "*.json")))


def doc(number, symbol, date, issuer, level, title=None, place=None, path=None, doc_type="Kế hoạch",
        citations=()) -> Record:
    return Record(source={"path": path or f"{number}-{date}-{issuer}.pdf"}, doc_type=doc_type, number=number,
                  symbol=symbol, issue_date=date, issue_year=int(date[:4]) if date else None, title=title,
                  issuer={"name": issuer, "level": level}, place=place, citations=list(citations))


def resolve(archive: list[Record], citation: dict, citing: Record | None = None):
    citing = citing or doc("9", "TB-THCS", "2021-09-01", "Trường THCS Tân Phú", "unit", path="tb.pdf")
    index = ArchiveIndex.build([*archive, citing])
    res = default_resolver(citation, index.entry_of(citing), index)
    return res, index


CT_BEN_TRE = doc("2379", "KH-UBND", "2021-08-06", "Ủy ban nhân dân huyện Châu Thành", "district",
                 title="Kế hoạch tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em năm 2021", place="Bến Tre")
CT_AN_GIANG = doc("2379", "KH-UBND", "2021-03-15", "Ủy ban nhân dân huyện Châu Thành", "district",
                  title="Kế hoạch phòng, chống thiên tai năm 2021", place="An Giang")
CITE_CT = {"doc_type": "Kế hoạch", "number": "2379", "symbol": "KH-UBND", "date": "2021-08-06",
           "issuer": "Ủy ban nhân dân huyện Châu Thành", "relation": "implements",
           "text": "Kế hoạch số 2379/KH-UBND ngày 06/8/2021 của Ủy ban nhân dân huyện Châu Thành"}


def rules(res) -> list[str]:
    return [e["rule"] for e in res.evidence]


def test_exact_date_and_issuer_name_resolve_across_same_named_districts() -> None:
    """Regression: "ambiguous: locality unknown" for a citation whose number, date and issuer all match one plan."""
    res, index = resolve([CT_BEN_TRE, CT_AN_GIANG], CITE_CT)
    assert res.status == "resolved" and res.target == index.entry_of(CT_BEN_TRE).node
    assert {"date", "issuer", "level"} <= set(rules(res)) and res.confidence >= THRESHOLD / 10
    assert res.scores[index.entry_of(CT_AN_GIANG).node] < res.scores[res.target] - MARGIN


def test_misprinted_date_with_matching_title_resolves() -> None:
    cite = {**CITE_CT, "date": "2021-08-16",
            "text": CITE_CT["text"] + " về tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em năm 2021"}
    res, index = resolve([CT_BEN_TRE], cite)
    assert res.status == "resolved" and rules(res)[-1] == "title" and "date_one_digit" in rules(res)


def test_misprinted_date_without_title_stays_unconfirmed() -> None:
    res, _ = resolve([CT_BEN_TRE], {**CITE_CT, "date": "2021-08-16"})
    assert res.status == "unconfirmed" and res.target is None


def test_same_number_other_subject_is_not_linked() -> None:
    cite = {**CITE_CT, "date": "2021-08-16", "text": CITE_CT["text"] + " về việc phòng, chống dịch bệnh tả lợn châu Phi"}
    res, _ = resolve([CT_BEN_TRE], cite)
    assert res.status == "missing" and "điểm 1.5 < 2.0" in res.reason


def test_two_candidates_the_evidence_cannot_separate_are_ambiguous() -> None:
    a = doc("5", "KH-UBND", "2021-08-06", "UBND huyện Châu Thành", "district", place="Bến Tre", path="a.pdf")
    b = doc("5", "KH-UBND", "2021-08-06", "UBND huyện Châu Thành", "district", place="Tiền Giang", path="b.pdf")
    res, _ = resolve([a, b], {**CITE_CT, "number": "5"})
    assert res.status == "ambiguous" and len(res.candidates) == 2 and res.target is None


@pytest.mark.parametrize("rule, archive, citation, status", [
    ("type_other", [doc("7", "KH-UBND", "2024-05-02", "UBND tỉnh Sơn La", "province", doc_type="Quyết định")],
     {"doc_type": "Kế hoạch", "number": "7", "symbol": "KH-UBND", "date": "2024-05-02", "issuer": "UBND tỉnh Sơn La"},
     "resolved"),
    ("locality", [doc("7", "KH-UBND", "2024-05-02", "UBND tỉnh Sơn La", "province")],
     {"number": "7", "symbol": "KH-UBND", "date": "2024-05-02", "issuer": "UBND tỉnh Điện Biên"}, "missing"),
    ("era", [doc("50", "KH-UBND", "2024-03-01", "UBND tỉnh Lào Cai", "province")],
     {"number": "50", "symbol": "KH-UBND", "date": "2024-03-01", "issuer": "UBND tỉnh Yên Bái"}, "missing"),
    ("level", [doc("7", "KH-UBND", "2024-05-02", "UBND huyện Mường La", "district", place="Sơn La")],
     {"number": "7", "symbol": "KH-UBND", "date": "2024-05-02", "issuer": "UBND tỉnh Sơn La"}, "missing"),
    ("commune", [doc("7", "KH-UBND", "2026-05-02", "UBND xã Bảo Hà", "commune", place="Lào Cai")],
     {"number": "7", "symbol": "KH-UBND", "date": "2026-05-02", "issuer": "UBND xã Bảo Thắng"}, "missing"),
    ("symbol year", [doc("22", "2013/QĐ-TTg", "2013-04-26", "Thủ tướng Chính phủ", "central")],
     {"number": "22", "symbol": "2014/QĐ-TTg", "issuer": "Thủ tướng Chính phủ"}, "missing"),
    ("issuer other ministry", [doc("4214", "BCA-C04", "2025-09-16", "Bộ Công an", "central")],
     {"number": "4214", "symbol": "BCA-C04", "date": "2025-09-16", "issuer": "Bộ Xây dựng"}, "missing"),
    ("issuer abbreviation", [doc("1247", "BGDĐT-GDCTHSSV", "2020-04-13", "Bộ Giáo dục và Đào tạo", "central")],
     {"number": "1247", "symbol": "BGDĐT-GDCTHSSV", "date": "2020-04-13", "issuer": "Bộ GD&ĐT"}, "resolved"),
    ("number and symbol only (floor)", [doc("7", "KH-UBND", "2024-05-02", "UBND tỉnh Sơn La", "province")],
     {"number": "7", "symbol": "KH-UBND", "date": None, "issuer": None}, "missing"),
    ("same year, issuer partial", [doc("7", "KH-UBND", None, "UBND tỉnh Sơn La", "province")],
     {"number": "7", "symbol": "KH-UBND", "date": None, "issuer": "UBND tỉnh"}, "unconfirmed"),
])
def test_each_evidence_rule(rule: str, archive, citation: dict, status: str) -> None:
    res, _ = resolve(archive, {"relation": "implements", **citation})
    assert res.status == status, res
    if rule == "type_other":
        assert "type_other" in rules(res)


def test_near_miss_number_reused_in_another_year() -> None:
    """CHAINS.md near-miss 1: 2312/KH-SGDĐT of 01/12/2020 is not the 2312/KH-SGDĐT of 08/10/2021 cited."""
    kh = doc("2312", "KH-SGDĐT", "2020-12-01", "Sở Giáo dục và Đào tạo", "province", place="Gia Lai",
             title="Kế hoạch tổ chức phong trào thi đua năm học 2020-2021")
    citing = doc("2473", "SGDĐT-GDTrHCTTX", "2021-10-25", "Sở Giáo dục và Đào tạo", "province", place="Gia Lai",
                 doc_type="Công văn", path="cv.pdf")
    res, _ = resolve([kh], {"number": "2312", "symbol": "KH-SGDĐT", "date": "2021-10-08",
                            "issuer": "Sở Giáo dục và Đào tạo", "relation": "implements"}, citing)
    assert res.status == "missing" and "year_other" not in rules(res) and "điểm" in res.reason


def test_near_miss_same_number_same_school_other_decision() -> None:
    """CHAINS.md near-miss 2: 08/QĐ-THPT of 30/03/2022 (kiểm tra tập trung) is not the 08 of 18/01/2021 cited."""
    qd = doc("08", "QĐ-THPT", "2022-03-30", "Trường THPT Nguyễn Bỉnh Khiêm", "unit", doc_type="Quyết định",
             title="Ban hành Quy chế kiểm tra tập trung, trực tiếp", place="An Giang")
    citing = doc("24", "QĐ-THPT", "2022-01-20", "Trường THPT Nguyễn Bỉnh Khiêm", "unit", place="An Giang",
                 doc_type="Quyết định", path="qd24.docx")
    text = ("Quyết định số 08/QĐ-THPT ngày 18 tháng 01 năm 2021 của Hiệu trưởng về việc ban hành Quy chế chi tiêu "
            "nội bộ")
    for date in ("2021-01-18", "2022-01-18"):  # another year; or a same-year misprint that the title still refutes
        res, _ = resolve([qd], {"doc_type": "Quyết định", "number": "08", "symbol": "QĐ-THPT", "date": date,
                                "issuer": "Hiệu trưởng", "relation": "implements", "text": text}, citing)
        assert res.status == "missing", res


def test_weights_are_stated() -> None:
    assert THRESHOLD == 5.0 and MARGIN == 1.5 and WEIGHTS["date"] == 3.0 and WEIGHTS["title_other"] < 0


def test_edges_carry_confidence_and_evidence() -> None:
    plan = doc("12", "KH-THCS", "2021-08-20", "Trường THCS Tân Phú", "unit", path="kh.pdf",
               citations=[{**CITE_CT}])
    g = link([CT_BEN_TRE, CT_AN_GIANG, plan])
    [(u, v, d)] = g.edges(resolved_only=True)
    assert d["confidence"] >= 0.5 and d["evidence"][0]["rule"] == "number" and g.node(v)["date"] == "2021-08-06"


# --- the cascade ---------------------------------------------------------------------------------------------------
def gold_dicts() -> list[dict]:
    return [{**(g := json.loads(Path(p).read_text(encoding="utf-8"))), "source": {"path": g["file"]}} for p in GOLD]


def test_cascade_over_the_corpus() -> None:
    g = link(gold_dicts())
    c = g.cascade("7619/QĐ-BCA", coverage=False)
    labels = [r.label.split(" · ")[0] for r in c.rows]
    assert labels[0] == "7619/QĐ-BCA" and {"4214/BCA-C04", "153/KH-UBND", "…/UBND-NC"} <= set(labels)
    by = {r.label.split(" · ")[0]: r for r in c.rows}
    assert by["4214/BCA-C04"].lead_days == 8 and by["153/KH-UBND"].level == "province"
    assert by["153/KH-UBND"].locality == "Cần Thơ"
    assert "Huyện: không có văn bản triển khai trong kho" in c.gaps
    assert any(g_.startswith("Địa phương Hà Nội") for g_ in c.gaps)
    df = c.to_dataframe()
    assert list(df.columns)[:3] == ["depth", "document", "type"] and len(df) == len(c.rows)
    assert "Chuỗi triển khai" in c.to_html() and "<details" in c._repr_html_()


def test_cascade_coverage_comes_from_compare() -> None:
    golds = {Path(d["file"]).name[:3]: d for d in gold_dicts() if d["file"].startswith("corpus/seeds")
             or "/seeds/" in d["file"] or Path(d["file"]).name[:3] in ("000", "003")}
    template = {**golds["003"], "number": "99", "symbol": "KH-UBND", "issue_date": "2023-09-01", "issue_year": 2023}
    local = {**golds["000"], "citations": [{"doc_type": "Kế hoạch", "number": "99", "symbol": "KH-UBND",
                                           "date": "2023-09-01", "issuer": template["issuer"]["name"],
                                           "relation": "implements"}]}
    g = link([template, local])
    c = g.cascade("99/KH-UBND")
    from vnplan.compare import compare

    assert len(c.rows) == 2 and c.rows[1].coverage == pytest.approx(compare(template, local).coverage.ratio)
    assert c.rows[1].coverage is not None and 0 < c.rows[1].coverage <= 1


def test_cascade_cli_table_and_page(tmp_path: Path, capsys) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in gold_dicts()), encoding="utf-8")
    assert main(["cascade", str(records), "--root", "7619/QĐ-BCA", "--no-coverage"]) == 0
    assert "← 4214/BCA-C04" in capsys.readouterr().out
    assert main(["cascade", str(records), "--root", "7619/QĐ-BCA", "-o", str(tmp_path / "c.csv")]) == 0
    assert "153/KH-UBND" in (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert main(["cascade", str(records), "--root", "7619/QĐ-BCA", "-o", str(tmp_path / "c.html")]) == 0
    assert (tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["cascade", str(records), "--root", "1/KHÔNG-CÓ"]) == 1
    assert "no document '1/KHÔNG-CÓ'" in capsys.readouterr().err


# --- chains of ../shared/archive/CHAINS.md as extracted --------------------------------------------------------------
CV_1247 = doc("1247", "BGDĐT-GDCTHSSV", "2020-04-12", "Bộ Giáo dục và Đào tạo", "central", doc_type="Công văn")
CITE_1247 = {"doc_type": "Công văn", "number": "1247", "symbol": "BGDĐT-GDCTHSSV", "date": "2020-04-13",
             "issuer": "Bộ Giáo dục và Đào tạo", "relation": "implements",
             "text": "Công văn số 1247/BGDĐT-GDCTHSSV ngày 13/4/2020 của Bộ Giáo dục và Đào tạo"}


def test_national_symbol_with_a_day_off_by_one_resolves() -> None:
    """Chain 1 (0130 → 0129): a ministry's number and symbol are unique in a year; the day differs by one digit."""
    res, index = resolve([CV_1247], CITE_1247)
    assert res.status == "resolved" and res.target == index.entry_of(CV_1247).node
    assert {"symbol_issuer", "date_one_digit", "year"} <= set(rules(res))


@pytest.mark.parametrize("change, status", [
    ({"date": "2021-04-12"}, "missing"),  # one digit, but the year's: numbers restart every year
    ({"text": CITE_1247["text"] + " về việc tuyển sinh đại học năm 2020"}, "unconfirmed")])  # another subject
def test_national_symbol_misprint_does_not_resolve_against_year_or_subject(change: dict, status: str) -> None:
    res, _ = resolve([Record(**{**CV_1247.__dict__, "title": "Về việc hướng dẫn công tác học sinh, sinh viên"})],
                     {**CITE_1247, **change})
    assert res.status == status and res.target is None


def test_local_symbol_with_a_day_off_by_one_still_needs_the_title() -> None:
    res, _ = resolve([CT_BEN_TRE], {**CITE_CT, "date": "2021-08-16"})
    assert res.status == "unconfirmed" and "year" not in rules(res)


def test_a_signed_report_without_header_cites_as_a_document() -> None:
    """Chain 11 (0156 → 0143): the school's self-assessment has no number, type or date, only its signer."""
    tt = doc("18", "2018/TT-BGDĐT", "2018-08-22", "Bộ Giáo dục và Đào tạo", "central", doc_type="Thông tư")
    report = Record(source={"path": "bao-cao.docx"}, signer={"name": "Ngô Thị Kiều Huệ", "title": "Hiệu trưởng"},
                    citations=[{"doc_type": "Thông tư", "number": "18", "symbol": "2018/TT-BGDĐT",
                                 "issuer": "Bộ trưởng Bộ GDĐT", "relation": "basis"}])
    g = link([tt, report, Record(source={"path": "SOURCES.md"})])
    [(source, target, _)] = g.edges(resolved_only=True)
    assert g.node(source)["paths"] == ["bao-cao.docx"] and g.node(target)["number"] == "18"
    assert [a["path"] for a in g.set_aside] == ["SOURCES.md"]
