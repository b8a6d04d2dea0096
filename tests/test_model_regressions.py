"""Regression tests for the bugs issue 13 found in the untyped record, each named after what it caught."""
from __future__ import annotations

from vnplan.document import Document
from vnplan.extract import extract
from vnplan.normalize import document_from_text

# A theme stated under "I. MỤC ĐÍCH, YÊU CẦU", not in a section of its own.
PLAN = """UBND XÃ HOÀ XÁ
Số: 12/KH-UBND
Hoà Xá, ngày 20 tháng 9 năm 2025
KẾ HOẠCH
Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025
I. MỤC ĐÍCH, YÊU CẦU
Hưởng ứng Tuần lễ với chủ đề: “Học để phát triển bản thân”.
II. NỘI DUNG
1. Tổ chức Lễ khai mạc Tuần lễ.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A"""


def test_theme_under_muc_dich_found_outline_span_had_empty_text() -> None:
    """The outline span was built with empty text, so a theme outside a theme section came out None."""
    doc = document_from_text(PLAN)
    assert doc.outline.span is not None and doc.outline.span.text == doc.text[doc.outline.span.start:doc.outline.span.end]
    record = extract(doc)
    assert record.theme == "Học để phát triển bản thân"
    start, end = record.provenance["theme"]["span"]
    assert doc.text[start:end] == "Học để phát triển bản thân"


def test_attachment_outline_spans_hold_their_text() -> None:
    """Every part of the outline (the decision and the plan it issues) carries the text it spans."""
    from conftest import CORPUS

    doc = Document.from_text((CORPUS / "real" / "036_qd-254-ubnd-tinh-sonla-ban-hanh-kh-bao-ve-bmnn-2023.tvpl.md.txt")
                             .read_text(encoding="utf-8"))
    parts = [doc.outline, *doc.outline.attachments]
    assert len(parts) == 2
    for part in parts:
        assert part.span is not None and part.span.text == doc.text[part.span.start:part.span.end] != ""


def test_number_source_is_the_number_not_the_so_line() -> None:
    """The number's provenance covered the whole ``Số: 12/KH-UBND`` line."""
    doc = document_from_text(PLAN)
    record = extract(doc)
    spans = {k: record.provenance[k]["span"] for k in ("number", "symbol", "place", "issue_date")}
    assert {k: doc.text[s:e] for k, (s, e) in spans.items()} == {
        "number": "12", "symbol": "KH-UBND", "place": "Hoà Xá", "issue_date": "ngày 20 tháng 9 năm 2025"}


def test_place_and_recipients_have_a_source() -> None:
    """Before issue 13, place and recipients never carried provenance."""
    doc = document_from_text(PLAN)
    record = extract(doc)
    assert record.recipients == ["UBND huyện"]
    [where] = record.provenance["recipients"]
    assert doc.text[slice(*where["span"])] == "UBND huyện"
    assert "place" in record.provenance


def test_theme_of_a_cited_document_in_the_preamble_is_not_the_theme() -> None:
    """With the outline text restored, a chủ đề quoted in a "Thực hiện …" clause (the cited programme's,
    archive 0136) must not become the letter's theme."""
    letter = PLAN.replace("I. MỤC ĐÍCH, YÊU CẦU\nHưởng ứng Tuần lễ với chủ đề: “Học để phát triển bản thân”.\n",
                          "Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND huyện về Chương trình với "
                          "chủ đề “Giữ trọn ước mơ”; UBND xã xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n"
                          "Nâng cao nhận thức.\n")
    doc = document_from_text(letter)
    assert [c.kind for c in doc.outline.preamble] == ["thuc_hien"]
    assert extract(doc).theme is None
