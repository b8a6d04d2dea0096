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
