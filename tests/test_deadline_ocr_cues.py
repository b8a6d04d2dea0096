"""Deadline cues of issue 14, round 2: OCR-damaged cues and days, and an 'earliest' date (sớm nhất)."""
from __future__ import annotations

import pytest

from vnplan.extract.dates import find_deadlines

MUST = [
    ("tổng kết năm học, báo cáo kết quả thực hiện các tiêu chí thi đua trước ngày 3 1/7.", "2020-07-31"),
    ("gửi về Sở GD&ĐT (qua Văn phòng Sở) ước ngày 22/7/2020, đồng thời gửi bản mềm", "2020-07-22"),
    ("Riêng đối với lớp 1, tựu trường sớm nhất từ ngày 23 tháng 8 năm 2020.", "2020-08-23"),
    ("Tựu trường sớm nhất vào ngày 01 tháng 9 năm 2020.", "2020-09-01"),
]
MUST_NOT = [
    "Mong ước ngày mai tươi sáng hơn.",
    "Hoàn thành trước ngày 3 tuần.",
    "Học sinh nghỉ 3 1/2 ngày.",
    "Khai giảng sớm nhất trong tháng 9.",
]


@pytest.mark.parametrize("text,expected", MUST)
def test_deadline_found(text: str, expected: str) -> None:
    assert [d.date.isoformat() for d in find_deadlines(text, 2020)] == [expected]


@pytest.mark.parametrize("text", MUST_NOT)
def test_no_deadline(text: str) -> None:
    assert find_deadlines(text, 2020) == []


@pytest.mark.parametrize("heading,agency", [
    ("Ban Giám khảo có Nhiệm vụ và quyền hạn", "Ban Giám khảo"),  # a later word of the verb capitalised as printed
    ("Thủ trưởng các Sở, ban, ngành của tỉnh có Trách nhiệm", "Thủ trưởng các Sở, ban, ngành của tỉnh"),
    ("Ban Chỉ đạo Tuyên truyền", "Ban Chỉ đạo Tuyên truyền"),  # a capitalised name is never cut
])
def test_agency_verb_second_word_any_case(heading: str, agency: str) -> None:
    from vnplan.extract.plan_fields import agency_subject

    assert agency_subject(heading) == agency


@pytest.mark.parametrize("heading,expected", [
    ("Hội thi giáo viên dạy giỏi, giáo viên chủ nhiệm giỏi cấp trường, cấp huyện, cấp tỉnh", False),
    ("Hội nghị sơ kết học kỳ I", False),
    ("Hội Khuyến học tỉnh", True),
    ("Hội đồng thi", True),
    ("Hội Liên hiệp Phụ nữ tỉnh", True),
])
def test_event_is_no_association(heading: str, expected: bool) -> None:
    from vnplan.extract.plan_fields import is_agency_heading

    assert is_agency_heading(heading) is expected
