"""Citation relations on documents the rules were not tuned on (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from vnplan.data import rows as read_table
from vnplan.extract.citations import find_citations

ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"


def _archive(name: str) -> Path:
    path = ARCHIVE / name
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    return path


def test_type_word_printed_apart_from_its_number() -> None:
    """``các Công văn: Số 1060/BTC-QLGCS``: the type word belongs to the number, so the cue reaches it."""
    text = ("Theo đề nghị của Bộ Tài chính tại nội dung các Công văn: Số 1060/BTC-QLGCS ngày 23/01/2025 về việc "
            "xin ý kiến dự thảo Nghị định.")
    assert [(c.number, c.relation) for c in find_citations(text)] == [("1060", "proposal")]


def test_document_that_issued_a_named_regulation_takes_the_clause_relation() -> None:
    text = ("Căn cứ Điều lệ trường Trung học cơ sở, trường Trung học phổ thông và trường phổ thông có nhiều cấp học "
            "ban hành kèm theo Thông tư số 12/2011/TT-BGDĐT ngày 28/3/2011 của Bộ trưởng Bộ Giáo dục và Đào tạo;")
    assert [(c.number, c.relation) for c in find_citations(text)] == [("12", "basis")]


def test_long_description_still_cuts_the_cue() -> None:
    """Without a carrier phrase, a long gap between the cue and the number still gives ``mentions``."""
    text = ("Căn cứ tình hình thực tế của địa phương trong những năm qua và kết quả thực hiện nhiệm vụ của các "
            "đơn vị trên địa bàn toàn tỉnh, Công văn số 15/SGDĐT-VP ngày 2/3/2021 nêu rõ.")
    assert [c.relation for c in find_citations(text)] == ["mentions"]


def test_letter_citing_proposals_of_the_ministry() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0174_575-ub-signed.pdf"))
    rel = {c["number"]: c["relation"] for c in rec.citations}
    assert rel.get("1060") == "proposal" and rel.get("1187") == "proposal"


_SYMBOL_ROWS = read_table("citation_symbols.tsv")


def _keys(text: str, ocr: bool) -> list[tuple[str, str]]:
    return [(c.number, c.symbol) for c in find_citations(text, ocr=ocr)]


@pytest.mark.parametrize("row", _SYMBOL_ROWS, ids=lambda r: f"{r['kind']}:{r['pattern']}")
def test_citation_symbol_rows_repair_their_example_and_leave_their_counter(row: dict[str, str]) -> None:
    """Each reviewed row of ``data/citation_symbols.tsv``: its example gives the expected (number, symbol);
    its counter-example reads the same with and without the row (OCR rows apply only to OCR'd text)."""
    ocr = row["kind"] == "ocr"
    assert _keys(row["example"], ocr) == [tuple(row["expected"].split(" "))]
    assert _keys(row["counter"], ocr) == _keys(row["counter"], False)
    if ocr:  # born-digital text is never repaired
        assert _keys(row["example"], False) != [tuple(row["expected"].split(" "))]


def test_education_symbol_typed_in_two_pieces_is_one_symbol() -> None:
    """Caught on 0071 and 0073 (.doc): ``16/2017/TT-BGD ĐT`` was cut to ``TT-BGD``, so the Thông tư never matched."""
    text = "vị trí việc làm theo Thông tư số 16/2017/TT-BGD ĐT) làm đầu mối theo dõi"
    assert _keys(text, False) == [("16", "2017/TT-BGDĐT")]


def test_ocr_symbol_misreadings_merge_into_one_citation() -> None:
    """Caught on 0112 (scan): ``109/KI-UBND`` and ``109/KII-UBND`` were two citations, neither the gold KH-UBND."""
    text = ("Căn cứ Kế hoạch số 109/KI-UBND ngày 05/05/2017 của UBND tỉnh.\n"
            "- Triển khai Kế hoạch số 109/KII-UBND ngày 05/05/2017 của UBND tỉnh.")
    assert _keys(text, True) == [("109", "KH-UBND")]


def test_archive_doc_symbol_in_two_pieces() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0071_sgd-hd-1301-thanh-tra-201718.doc"))
    assert ("09", "2009/TT-BGDĐT") in {(c["number"], c["symbol"]) for c in rec.citations}


@pytest.mark.archive
def test_archive_scan_ocr_citation_number() -> None:
    """0048 (scan): ``§32/BGDĐT-CTHSSV`` is Văn bản 832, implemented by the letter."""
    from vnplan.extract import extract

    rec = extract(_archive("0048_cv-345-s-cc-p-gdt-cc-n-v-tt.pdf"))
    assert [(c["number"], c["relation"]) for c in rec.citations] == [("832", "implements")]


@pytest.mark.parametrize("text, relation", [
    ("Đối với đồng phục: Thực hiện theo Thông tư số 26/2009/TT-BGDĐT ngày 30/9/2009 của Bộ GDĐT.", "mentions"),
    ("Thực hiện đúng tinh thần Thông tư số 55/2011/TT-BGDĐT ngày 22/11/2011.", "mentions"),
    ("Thực hiện Công văn số 2876/SGDĐT-VP ngày 03/8/2024 của Sở GDĐT, trường xây dựng kế hoạch.", "implements"),
    ("Thực hiện theo chỉ đạo của UBND tỉnh tại Công văn số 12/UBND-VX ngày 03/8/2024, Sở hướng dẫn.", "implements"),
])
def test_thuc_hien_theo_follows_a_rule(text: str, relation: str) -> None:
    """``Thực hiện theo / đúng …`` follows the rule of a document; it does not carry it out (archive 0140, 0152)."""
    from vnplan.extract.citations import find_citations

    assert [c.relation for c in find_citations(text)] == [relation]


def test_symbol_with_its_d_typed_for_dj_is_the_same_document() -> None:
    """Caught on 0026 (born-digital): ``4726/BGDDT-GDTC`` in an appendix was a second citation beside
    ``4726/BGDĐT-GDTC`` of the Căn cứ clause; one document, its Đ typed as D."""
    text = ("Căn cứ Công văn số 4726/BGDĐT-GDTC ngày 15/10/2021 của Bộ GDĐT.\n"
            "(Kèm theo Công văn số 4726/BGDDT-GDTC ngày 15/10/2021 của Bộ GDĐT)")
    assert _keys(text, False) == [("4726", "BGDĐT-GDTC")]


@pytest.mark.parametrize("text, key", [
    ("Căn cứ Thông báo số: 194/TB-THPT.XM về việc Tổ chức Gian hàng", ("194", "TB-THPT.XM")),
    ("Công văn số 127/CV.TCVG ngày 12/3/1999 của Sở Tài chính vật giá", ("127", "CV.TCVG")),
    ("Thực hiện Kế hoạch số 12/KH-UBND. Các đơn vị báo cáo.", ("12", "KH-UBND")),
])
def test_dotted_symbol_group(text: str, key: tuple[str, str]) -> None:
    """Caught on 0104 and 0140: a symbol group with a dotted part was cut at the dot; a sentence's dot is not one."""
    assert _keys(text, False) == [key]


@pytest.mark.parametrize("text, key", [
    ("Nghị quyết số 163/2024/QHI5 ngày 27/11/2024 của Quốc hội; Nghị quyết số 163/2024/QH15 ngày 27/11/2024.",
     ("163", "2024/QH15")),
    ("Căn cứ Nghị định số 167/2017/NĐ-CP ngày 31/12/2017; Nghị định số 167/2017/NĐ-ngày 31/12/2017 của Chính phủ",
     ("167", "2017/NĐ-CP")),
])
def test_one_document_read_two_ways_is_one_citation_in_its_clean_spelling(text: str, key: tuple[str, str]) -> None:
    """Caught on 068 (corpus scan, QHI5 beside QH15), 0111 (QHIS) and 0152 (a symbol cut before its last group):
    two citations of one document; the spelling kept is the one without letters OCR makes of digits, whole."""
    assert _keys(text, False) == [key]
