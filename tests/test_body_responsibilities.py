"""Responsibilities of school and Phòng plans and of regulations (issue 14, round 1-2 tuning material).

Each case is a mechanism seen on real documents, written as a small synthetic text so that the rule,
not one document, is what the test pins.
"""
from __future__ import annotations

import pytest

from vnplan.document import Document
from vnplan.extract import extract
from vnplan.extract.plan_fields import agency_subject, is_agency_heading, is_recipient_line, run_in_agency

PLAN = "TRƯỜNG THPT A\nSố: 12/KH-THPT\nKẾ HOẠCH\nVề việc B\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"


def _agencies(body: str) -> list[str]:
    return [r["agency"] for r in extract(Document.from_text(PLAN + body)).responsibilities]


@pytest.mark.parametrize("heading, agency", [
    ("Lãnh đạo nhà trường xây dựng kế hoạch và triển khai đến cán bộ", "Lãnh đạo nhà trường"),
    ("GVCN tuyên truyền về chủ đề của Tuần lễ", "GVCN"),
    ("Tổ Tin học tổ chức các lớp tập huấn", "Tổ Tin học"),
    ("Các tổ chuyên môn, Đoàn thanh niên tổ chức sinh hoạt", "Các tổ chuyên môn, Đoàn thanh niên"),
    ("Các cơ quan, tổ chức, cá nhân liên quan thực hiện", "Các cơ quan, tổ chức, cá nhân liên quan"),
])
def test_school_task_sentence_names_its_agency(heading: str, agency: str) -> None:
    assert is_agency_heading(heading)
    assert agency_subject(heading) == agency


@pytest.mark.parametrize("heading", [
    "Lãnh đạo, chỉ đạo tập trung thực hiện nghiêm các quy định",
    "Thực hiện việc báo cáo kết quả cho Sở GDĐT",
    "Phối hợp với các ban ngành ở địa phương",
])
def test_task_sentences_without_an_agency(heading: str) -> None:
    assert not is_agency_heading(heading)


def test_school_plan_dash_items_under_to_chuc_thuc_hien() -> None:
    body = ("II. NỘI DUNG\n1. Tuyên truyền\nIII. TỔ CHỨC THỰC HIỆN\n"
            "- Lãnh đạo nhà trường xây dựng kế hoạch.\n- GVCN tuyên truyền đến học sinh.\n"
            "- Phối hợp với các ban ngành ở địa phương.\n")
    assert _agencies(body) == ["Lãnh đạo nhà trường", "GVCN"]


def test_lower_case_agency_after_trach_nhiem_cua() -> None:
    assert is_agency_heading("Trách nhiệm của thủ trưởng cơ quan")
    assert not is_agency_heading("Trách nhiệm thi hành")


def test_chapter_title_on_the_line_below_its_label() -> None:
    """``Chương 3`` over ``TỔ CHỨC THỰC HIỆN``: the chapter is the organisation part (archive 0148)."""
    doc = Document.from_text("QUY CHẾ\nChương 1\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nNội dung.\nChương 3\n"
                             "TỔ CHỨC THỰC HIỆN\nĐiều 9. Trách nhiệm của thủ trưởng cơ quan.\n1. Trao đổi với cấp ủy.\n")
    chapters = [n for n in doc.outline.body if n.style == "chapter"]
    assert [c.title.text for c in chapters] == ["QUY ĐỊNH CHUNG", "TỔ CHỨC THỰC HIỆN"]
    assert [r["agency"] for r in extract(doc).responsibilities] == ["thủ trưởng cơ quan"]


def test_duty_chapter_of_a_regulation_is_not_the_organisation_part() -> None:
    """``TRÁCH NHIỆM CỦA THÍ SINH`` is a rule chapter; the TỔ CHỨC THỰC HIỆN chapter's run-in paragraphs name
    the agencies (archive 0151)."""
    doc = Document.from_text(
        "QUY CHẾ\nChương I\nTRÁCH NHIỆM CỦA THÍ SINH\nĐiều 1. Trách nhiệm của thí sinh\nCó mặt đúng giờ.\n"
        "Chương II\nTỔ CHỨC THỰC HIỆN\nĐiều 2. Trách nhiệm của đơn vị\n"
        "Ban Lãnh đạo trường: chỉ đạo, kiểm tra việc thực hiện Quy chế.\n"
        "Lãnh đạo các tổ bộ môn có trách nhiệm phổ biến Quy chế đến giáo viên.\n")
    assert [r["agency"] for r in extract(doc).responsibilities] == ["Ban Lãnh đạo trường", "Lãnh đạo các tổ bộ môn"]


def test_run_in_agency() -> None:
    assert run_in_agency("Ban Lãnh đạo trường: chỉ đạo, kiểm tra.") == "Ban Lãnh đạo trường"
    assert run_in_agency("Trên đây là kế hoạch của trường.") is None


@pytest.mark.parametrize("line, expected", [
    ("- Bộ Công an (để p/h);", True), ("- Ủy ban ATGT QG (để b/c) ;", True), ("1. Sở Y tế", False),
    ("3. Các trường (trừ trường THPT chuyên)", False),
])
def test_recipient_line(line: str, expected: bool) -> None:
    assert is_recipient_line(line) is expected


def test_topic_labels_over_dashes_are_activities() -> None:
    """``1. Hoạt động thông tin, tuyên truyền`` and ``2. Tổ chức … hoạt động chuyên môn`` over dashes are two
    activities; ``1. Nhiệm vụ chung`` over dashes is a group whose dashes are the activities (archive 0161, 0027)."""
    topic = PLAN + ("II. CÁC NỘI DUNG HOẠT ĐỘNG\n1. Hoạt động thông tin, tuyên truyền\n- Treo băng rôn.\n- Đăng tin.\n"
                    "2. Hoạt động chuyên môn\n- Thành lập câu lạc bộ.\n- Thi kể chuyện.\nIII. TỔ CHỨC THỰC HIỆN\n")
    acts = [a["text"] for a in extract(Document.from_text(topic)).activities]
    assert [a.split(" - ")[0] for a in acts] == ["Hoạt động thông tin, tuyên truyền", "Hoạt động chuyên môn"]
    generic = PLAN + ("II. NHIỆM VỤ\n1. Nhiệm vụ chung\n- Tăng cường vai trò thư viện.\n- Nâng cao nhận thức.\n"
                      "2. Nhiệm vụ cụ thể\n- Bổ sung sách.\n- Sửa chữa phòng đọc.\nIII. TỔ CHỨC THỰC HIỆN\n")
    assert len(extract(Document.from_text(generic)).activities) == 4


def test_letter_laid_out_like_a_plan_has_activities() -> None:
    letter = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/SGDĐT-VP\nV/v hướng dẫn nhiệm vụ năm học\nKính gửi: Các trường\n"
              "I. NHIỆM VỤ CHUNG\nTiếp tục đổi mới.\nII. NHIỆM VỤ CỤ THỂ\n1. Hoàn thiện cơ sở dữ liệu.\n"
              "2. Triển khai phần mềm quản lý.\n")
    record = extract(Document.from_text(letter))
    assert record.doc_type == "Công văn"
    assert len(record.activities) >= 2


def test_decision_article_of_duties_names_its_agency() -> None:
    """``Điều 2. Nhiệm vụ của Đoàn Kiểm tra`` in a decision without TỔ CHỨC THỰC HIỆN (archive 0031); a sentence
    ``Điều 2. Hiệu trưởng … có trách nhiệm …`` is a condition of the decision, not a task heading (archive 0007)."""
    head = "ỦY BAN NHÂN DÂN TỈNH A\nSố: 5/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Đoàn kiểm tra\nQUYẾT ĐỊNH:\n"
    duties = head + ("Điều 1. Thành lập Đoàn kiểm tra.\nĐiều 2. Nhiệm vụ của Đoàn Kiểm tra\n- Kiểm tra hồ sơ.\n"
                     "Điều 3. Quyết định có hiệu lực kể từ ngày ký.\n")
    assert [r["agency"] for r in extract(Document.from_text(duties)).responsibilities] == ["Đoàn Kiểm tra"]
    condition = head + ("Điều 1. Cho phép hoạt động.\nĐiều 2. Hiệu trưởng Trường A có trách nhiệm tổ chức hoạt động.\n"
                        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.\n")
    assert extract(Document.from_text(condition)).responsibilities == []
