"""Body fields on documents the rules were not tuned on (issue 14): responsibilities, activities, deadlines.

Each mechanism has a test on a short generated snippet and, where the archive is mounted, an assertion on
the tuning-half document (corpus/archive/split.json) that showed it.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from vnplan.document import Document
from vnplan.extract.dates import find_deadlines
from vnplan.extract.plan_fields import content_sections, responsibilities
from vnplan.structure.roles import find_section

ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"


def _archive(name: str) -> Path:
    path = ARCHIVE / name
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    return path


def _agencies(text: str) -> list[str]:
    outline = Document.from_text(text).outline
    org = find_section(outline, "organisation")
    fallback = [c for n in outline.body for c in ([n] if n.style != "article" else n.children)]
    return [r["agency"] for r in (responsibilities(org) or responsibilities(None, fallback))]


LETTER = ("ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/UBND-VX\nV/v phòng chống dịch\nKính gửi: Các đơn vị\n")


def test_letter_task_sentences_name_no_agency() -> None:
    """A công văn's numbered task sentences are not agency headings (gold [] for such letters)."""
    body = ("1. Thủ trưởng các đơn vị tiến hành rà soát các biện pháp phòng, chống dịch.\n"
            "2. Phòng Giáo dục và Đào tạo thành phố phối hợp với trường Tiểu học A tổ chức trao tặng.\n")
    assert _agencies(LETTER + body) == []


def test_letter_standalone_agency_headings_are_kept() -> None:
    body = "1. Chi cục Thủy lợi\nRà soát các hồ chứa.\n2. Giao Sở Xây dựng\nKiểm tra các công trình.\n"
    assert _agencies(LETTER + body) == ["Chi cục Thủy lợi", "Sở Xây dựng"]


def test_letter_heading_over_its_task_items_is_the_agency_as_printed() -> None:
    body = ("1. Hình thức bồi dưỡng\nTrực tuyến.\n2. Đơn vị thực hiện nhiệm vụ bồi dưỡng thường xuyên\n"
            "a) Cung cấp tài liệu cho Sở GDĐT.\nb) Tổ chức quản lý lớp học.\n3. Đơn vị chủ trì tổ chức:\nViện KHGD.\n")
    assert _agencies(LETTER + body) == ["Đơn vị thực hiện nhiệm vụ bồi dưỡng thường xuyên"]


def test_truong_hop_is_not_a_school() -> None:
    """``Trường hợp khác …`` (a case, in a circular's list) opened with the agency word ``Trường``."""
    from vnplan.extract.plan_fields import is_agency_heading

    assert not is_agency_heading("Trường hợp khác theo quy định của pháp luật")
    assert is_agency_heading("Trường THPT Chuyên Hùng Vương")


def test_negated_sentence_is_no_standalone_agency() -> None:
    body = "1. Doanh nghiệp không bảo đảm các điều kiện quy định tại Điều 49 Nghị định này\n2. Chi cục Thủy lợi\n"
    assert _agencies(LETTER + body) == ["Chi cục Thủy lợi"]


def test_trach_nhiem_cua_heading_names_the_agency() -> None:
    text = ("KẾ HOẠCH\nI. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của Sở Tài chính:\n- Hướng dẫn thực hiện.\n"
            "2. Trách nhiệm của Cục Thuế:\n- Kiểm tra việc kê khai.\n")
    assert _agencies(text) == ["Sở Tài chính", "Cục Thuế"]


def test_heading_over_agency_headings_is_a_group() -> None:
    """``1. Trách nhiệm của các Bộ, ngành`` over ``a) Bộ Xây dựng:``: the agencies are the lettered items."""
    text = ("KẾ HOẠCH\nI. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các Bộ, ngành Trung ương\n"
            "a) Bộ Xây dựng:\n- Chủ trì hướng dẫn.\nb) Bộ Tài chính:\n- Bố trí kinh phí.\n")
    assert _agencies(text) == ["Bộ Xây dựng", "Bộ Tài chính"]


def test_run_in_agency_paragraph_over_a_dash_list() -> None:
    """An unlabelled paragraph ``Văn phòng Sở phối hợp … các nhiệm vụ sau:`` under an agency heading names one more."""
    text = ("KẾ HOẠCH\nIII. TỔ CHỨC THỰC HIỆN\n1. Trưởng phòng Giáo dục và Đào tạo huyện căn cứ Kế hoạch này triển khai.\n"
            "Văn phòng Sở phối hợp với Thanh tra Sở thực hiện các nhiệm vụ sau:\n- Xây dựng kế hoạch kiểm tra.\n")
    assert _agencies(text) == ["Trưởng phòng Giáo dục và Đào tạo huyện", "Văn phòng Sở"]


def test_recipients_block_in_the_middle_of_the_body() -> None:
    """PDF object order put Nơi nhận on page 1; the body goes on with II. and the signature comes later."""
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nKẾ HOẠCH\nĐổi mới cơ chế một cửa\nI. MỤC ĐÍCH\n- Số hóa hồ sơ.\nNơi nhận:\n"
            "- UBND tỉnh;\n- Lưu: VT.\n- Giảm thời gian chờ.\nII. NỘI DUNG TRIỂN KHAI\n1. Gắn kết việc số hóa\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng chủ trì thực hiện.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Long\n")
    outline = Document.from_text(text).outline
    assert [n.label for n in outline.body] == ["I.", "II.", "III."]
    assert [r.text for r in outline.closing.recipients] == ["UBND tỉnh"]
    assert outline.closing.signature.name.text == "Nguyễn Văn Long"


def test_part_letters_and_upper_case_agency_headings() -> None:
    text = ("KẾ HOẠCH\nA. MỤC ĐÍCH, YÊU CẦU\nI. MỤC ĐÍCH\n- Nâng cao nhận thức.\nB. KẾ HOẠCH XÂY DỰNG THƯ VIỆN\n"
            "I. NHIỆM VỤ\n1. Rà soát thư viện\nII. GIẢI PHÁP CHỦ YẾU\n1. Tăng cường chỉ đạo\n"
            "C. TỔ CHỨC THỰC HIỆN\nI. ĐỐI VỚI SỞ GDĐT\n1. Kiểm tra thư viện.\nII. ĐỐI VỚI PHÒNG GDĐT\n1. Hướng dẫn.\n")
    outline = Document.from_text(text).outline
    assert [(n.label, [c.label for c in n.children]) for n in outline.body] == [
        ("A.", ["I."]), ("B.", ["I.", "II."]), ("C.", ["I.", "II."])]
    assert [n.title.text for n in content_sections(outline)] == ["NHIỆM VỤ", "GIẢI PHÁP CHỦ YẾU"]
    assert _agencies(text) == ["SỞ GDĐT", "PHÒNG GDĐT"]


def test_activities_stop_before_the_means() -> None:
    """NỘI DUNG HOẠT ĐỘNG then GIẢI PHÁP THỰC HIỆN: the solutions are not activities (corpus 046)."""
    outline = Document.from_text("KẾ HOẠCH\nI. NỘI DUNG HOẠT ĐỘNG\n1. Truyền thông\nII. GIẢI PHÁP THỰC HIỆN\n"
                                 "1. Bố trí ngân sách\nIII. TỔ CHỨC THỰC HIỆN\n").outline
    assert [n.label for n in content_sections(outline)] == ["I."]


@pytest.mark.parametrize("text, day", [
    ("có văn bản gửi Bộ Tư pháp trong ngày 30 tháng 4 năm 2026.", date(2026, 4, 30)),
    ("Báo cáo kết quả về Sở bằng email, hạn cuối vào ngày 15/9/2026.", date(2026, 9, 15)),
    ("Điểm thi sẽ được công bố vào ngày 26/7/2026.", date(2026, 7, 26)),
])
def test_day_to_act_on(text: str, day: date) -> None:
    assert [d.date for d in find_deadlines(text, 2026, issue_date=date(2026, 4, 20))] == [day]


def test_past_deadline_with_the_action_at_the_clause_start() -> None:
    """A misprinted year (15/01/2017 in a 2017-2018 plan) stays a deadline when its clause reports something."""
    text = ("- Gửi Kế hoạch về Thanh tra Sở trước ngày 20/10/2017; báo cáo sơ kết học kỳ I, báo cáo tình hình dạy "
            "thêm học thêm, thu chi các khoản phục vụ nhu cầu của học sinh học kỳ I trước ngày 15/01/2017.")
    got = [d.date for d in find_deadlines(text, 2017, issue_date=date(2017, 9, 20))]
    assert got == [date(2017, 10, 20), date(2017, 1, 15)]
    assert find_deadlines("Người hoạt động cách mạng trước ngày 01/01/1945.", 2017, issue_date=date(2017, 9, 20)) == []


def test_submission_window_closes_on_its_end() -> None:
    text = "- Thời gian nhận đăng ký và nhận hồ sơ:\n• từ ngày 01/05/2025 đến 30/06/2025\n- Mọi chi tiết xin liên hệ."
    assert [(d.date, d.cue) for d in find_deadlines(text, 2025)] == [(date(2025, 6, 30), "latest")]
    assert find_deadlines("Thời gian tổ chức: từ ngày 01/05/2025 đến 30/06/2025.", 2025) == []


def test_vao_ngay_before_the_letter_is_not_a_deadline() -> None:
    assert find_deadlines("Quyết định được ký vào ngày 10/3/2026.", 2026, issue_date=date(2026, 4, 20)) == []


# ------------------------------------------------------------------ tuning-half documents that showed each mechanism

def test_letter_with_numbered_tasks_has_no_responsibilities() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0137_cv-2255-tiep-tuc-tang-cuong-cac-bien-phap-phong-chong-dich-b.pdf"))
    assert rec.responsibilities == []
    assert "2020-09-15" in {d["date"] for d in rec.deadlines}  # "hạn cuối vào ngày 15/9/2020"


def test_decision_trach_nhiem_cua_headings() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0125_1-signed-66-qd-ban-hanh-quy-dinh-bang-gia-tinh-thue-tai-nguy.pdf"))
    assert [r["agency"] for r in rec.responsibilities][:2] == ["Sở Tài chính", "Cục Thuế"]


def test_school_plan_in_lettered_parts() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0027_kehoach-xd-thuvien-truong-trung-hoc-2021-2025-signed-signed.pdf"))
    assert [r["agency"].upper() for r in rec.responsibilities] == [
        "SỞ GDĐT", "PHÒNG GDĐT", "CÁC TRƯỜNG PHỔ THÔNG TRỰC THUỘC SỞ GDĐT"]
    texts = [a["text"] for a in rec.activities]
    assert len(texts) == 16 and texts[9].startswith("Tăng cường sự lãnh đạo, chỉ đạo - Xác định")


def test_school_notice_deadline_trong_ngay() -> None:
    """0030: "nộp cho giáo viên chủ nhiệm trong ngày 20/9/2021" (issued 19/9/2021)."""
    from vnplan.extract import extract

    rec = extract(_archive("0030_thong-bao-khan.pdf"))
    assert [d["date"] for d in rec.deadlines] == ["2021-09-20"]


def test_letter_event_day_vao_ngay() -> None:
    """0095: "điểm thi ... sẽ được công bố vào ngày 26/7/2021" (issued 23/7/2021)."""
    from vnplan.extract import extract

    rec = extract(_archive("0095_cv-huong-dan-tra-cuu-diem-thi-tot-nghiep-thpt-nam-2021-signe.pdf"))
    assert [d["date"] for d in rec.deadlines] == ["2021-07-26"]


def test_plan_with_recipients_printed_mid_body() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0006_kh-de-an-doi-moi-thuc-hien-co-che-mot-cua-mot-cua-lien-thong.pdf"))
    assert len(rec.activities) == 5 and rec.activities[0]["text"].startswith("Gắn kết việc số hoá hồ sơ")
    assert [r["agency"] for r in rec.responsibilities] == [
        "Văn phòng", "Các phòng chuyên môn, nghiệp vụ thuộc Sở", "Bưu điện tỉnh Gia Lai, Trung tâm phục vụ hành chính công tỉnh"]
    assert rec.signer["name"] == "Nguyễn Văn Long"


def test_letter_unit_heading_over_lettered_tasks() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0009_1746-sgddt-gdtrhcttx-signed-signed.pdf"))
    # the PDF's font maps ư to ƣ in this heading (a read-layer matter; the scorer's fold does not care)
    assert [r["agency"].replace("ƣ", "ư") for r in rec.responsibilities] == [
        "Đơn vị thực hiện nhiệm vụ bồi dưỡng thường xuyên"]


def test_admission_notice_registration_window() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0180_thong-bao-tuyen-sinh-khoa-xvii.docx"))
    assert "2025-06-30" in {d["date"] for d in rec.deadlines}


@pytest.mark.archive
def test_archive_admission_step_named_in_four_words_is_a_milestone() -> None:
    """Caught on 0082 (tuning, read by OCR): ``Thời gian thí sinh nhập học: 29/9/2017`` was lost, the step
    having four words where three were allowed."""
    from vnplan.extract import extract

    path = ARCHIVE / "0082_1560-tb-dhln-dt.pdf"
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    assert "2017-09-29" in {d["date"] for d in extract(path).deadlines}
