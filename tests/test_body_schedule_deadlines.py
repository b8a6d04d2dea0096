"""Dated steps of school and Phòng schedules (issue 14; body_cues.json ``schedule_deadline``)."""
from __future__ import annotations

from vnplan.document import Document
from vnplan.extract import extract

PLAN = ("TRƯỜNG THPT A\nSố: 12/KH-THPT\nAn Giang, ngày 12 tháng 9 năm 2024\nKẾ HOẠCH\nVề việc B\n"
        "I. THỜI GIAN\nTừ ngày 01/10/2024 đến ngày 07/10/2024.\nII. NỘI DUNG\n1. Thi viết\n"
        "- Nhận bài từ nay đến hết ngày 05/11/2024.\n- Chấm thi dự kiến ngày 19/11/2024.\n"
        "(1) Từ ngày 01/10/2024 đến ngày 07/10/2024: Các lớp tổ chức tuần lễ.\n"
        "(2) Từ ngày 08/10/2024 đến ngày 15/10/2024: Tổng hợp kết quả.\n")


def test_schedule_steps_are_deadlines_and_the_period_is_not() -> None:
    record = extract(Document.from_text(PLAN))
    assert record.period == {"start": "2024-10-01", "end": "2024-10-07"}
    assert sorted(d["date"] for d in record.deadlines) == ["2024-10-15", "2024-11-05", "2024-11-19"]


def test_timed_event_in_a_letters_opening_paragraph_is_a_milestone() -> None:
    """Caught on 0033 (scan): the letter's opening paragraph (its preamble, before the numbered body) gave the
    event with its clock time ('từ 8h30 đến 10h30 ngày 19/10/2016'), and deadlines were read from the body only."""
    import vnplan
    from vnplan.document import Document

    text = ("UBND TỈNH X\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/SGDĐT-VP\nV/v dự lễ tuyên dương\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nX, ngày 04 tháng 10 năm 2026\n"
            "Kính gửi: Các trường trực thuộc.\n"
            "Thực hiện Công văn số 4321/BGDĐT-VP ngày 01/10/2026 của Bộ Giáo dục và Đào tạo về việc tổ chức Lễ "
            "tuyên dương nhà giáo. Lễ tuyên dương được truyền hình trực tuyến từ 8h30 đến 10h30 ngày 19/10/2026.\n"
            "Sở Giáo dục và Đào tạo yêu cầu các đơn vị:\n1. Tổ chức cho cán bộ, giáo viên theo dõi.\n"
            "2. Báo cáo kết quả.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert [d["date"] for d in vnplan.extract(Document.from_text(text)).deadlines] == ["2026-10-19"]
