"""Structure of bodies the rules were not tuned on (issue 14): part letters inside chapters, attached rules."""
from __future__ import annotations

import pytest
from conftest import ROOT

from vnplan.document import Document

ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"

DECISION = ("TRƯỜNG THPT A\nSố: 12/QĐ-THPT\nQUYẾT ĐỊNH\nVề việc ban hành Quy tắc ứng xử\nHIỆU TRƯỞNG TRƯỜNG THPT A\n"
            "Căn cứ Điều lệ trường trung học;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy tắc ứng xử.\n"
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như điều 2;\n- Lưu: VT.\nHIỆU TRƯỞNG\n"
            "Ngô Thị Huệ\nQUY TẮC ỨNG XỬ VĂN HÓA\nCỦA CÁN BỘ, GIÁO VIÊN\n"
            "(Ban hành kèm theo Quyết định số 12/QĐ-THPT ngày 22 tháng 8 năm 2018 của Hiệu trưởng)\n"
            "CHƯƠNG I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nA. QUY TẮC ỨNG XỬ CỦA CÁN BỘ\nĐiều 2. Đối với bản thân\n"
            "CHƯƠNG II\nTỔ CHỨC THỰC HIỆN\nĐiều 3. Tổ chức thực hiện.\n"
            "1. Ban giám hiệu chịu trách nhiệm phổ biến quy tắc này.\n")


def test_rules_attached_to_a_decision_open_with_their_name_in_capitals() -> None:
    outline = Document.from_text(DECISION).outline
    assert len(outline.attachments) == 1
    assert outline.closing.signature.name.text == "Ngô Thị Huệ"


def test_part_letter_inside_a_chapter_closes_at_the_next_chapter() -> None:
    body = Document.from_text(DECISION).outline.attachments[0].body
    chapters = [n for n in body if n.style == "chapter"]
    assert [c.label for c in chapters] == ["CHƯƠNG I", "CHƯƠNG II"]
    assert [c.style for c in chapters[0].children] == ["article", "alpha"]
    assert [c.label for c in chapters[1].children] == ["Điều 3."]


def test_attached_rules_give_the_responsibilities() -> None:
    from vnplan.extract import extract

    path = ARCHIVE / "0154_quy-tac-ung-xu-nbk.docx"
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    rec = extract(path)
    assert rec.doc_type == "Quyết định"
    assert [r["agency"] for r in rec.responsibilities][:1] == [
        "Ban giám hiệu, Ban chấp hành công đoàn, Ban chấp hành Đoàn TNCS Hồ Chí Minh"]


def test_kinh_gui_after_a_trich_yeu_the_header_did_not_read() -> None:
    """0079: OCR turned ``V/v`` into ``VÀ``; the Kính gửi list below it is still the letter's addressees."""
    path = ARCHIVE / "0079_qt-nguyen-ct-nuoc-lda0001.pdf"
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    import vnplan

    outline = vnplan.read(path).outline
    assert [s.text for s in outline.closing.kinh_gui] == [
        "Phòng giáo dục và đào tạo huyện, thành, thị", "Các đơn vị trực thuộc Sở"]


def test_kinh_gui_line_at_the_body_start() -> None:
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 214/SGDĐT-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Phú Thọ, ngày 2 tháng 5 năm 2019\nVÀ treo cờ rủ trong những ngày Quốc tang\nKính gửi:\n"
            "- Phòng giáo dục và đào tạo huyện;\n- Các đơn vị trực thuộc Sở.\nThực hiện ý kiến chỉ đạo của UBND tỉnh.\n")
    outline = Document.from_text(text).outline
    assert [s.text for s in outline.closing.kinh_gui] == ["Phòng giáo dục và đào tạo huyện", "Các đơn vị trực thuộc Sở"]
    assert "Kính gửi" not in " ".join(n.span.text for n in outline.body)
