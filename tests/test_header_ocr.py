"""OCR repairs of scanned headers and closings (issue 14): the Số line, the date line, the Quốc hiệu, chức vụ.

The rows live in ``vnplan/data/ocr_confusions.tsv``; each example must be repaired to its expected text
(tests/test_ocr.py) and each counter-example must be left alone by its rule (here).
"""
from __future__ import annotations

import pytest

from vnplan.extract.numbers import parse_number_line
from vnplan.normalize.ocr_repair import load_rules, repair_ocr

COUNTERED = [r for r in load_rules() if r.counter]


@pytest.mark.parametrize("rule", COUNTERED, ids=[r.pattern for r in COUNTERED])
def test_confusion_counter_examples_are_left_alone(rule) -> None:
    assert rule.regex.sub(rule.replacement, rule.counter) == rule.counter


@pytest.mark.parametrize(
    "ocr, number, symbol",
    [
        ("Sá:⁄J /SGD&ĐĐT-VP", None, "SGD&ĐT-VP"),  # handwritten số, Số misread, Đ doubled
        ("Số: @† /TTg-CĐS", None, "TTg-CĐS"),  # handwritten số read as debris
        ("Số:##49/SGDDT-TCCB", None, "SGDDT-TCCB"),
        ("Số: 2/4 /§GD&ĐT-VP", None, "SGD&ĐT-VP"),
        ("Số: ISGD&ĐT-VP", None, "SGD&ĐT-VP"),
        ("Số: 173/KH-UBND", "173", "KH-UBND"),  # printed numbers stay
        ("Số: 12/2020/TT-BGDĐT", "12", "2020/TT-BGDĐT"),
        ("Số: 57-NQ/TW", "57", "NQ/TW"),
        ("Số:  /KH-UBND", None, "KH-UBND"),
        ("Số: /2020/TT-BGDĐT", None, "2020/TT-BGDĐT"),  # regression: the year part of a blank normative số stays
        ("Số: / 212/QĐ-UBND", None, "QĐ-UBND"),
    ],
)
def test_scan_number_line_debris_gives_null_number(ocr: str, number: str | None, symbol: str) -> None:
    fixed, _ = repair_ocr(ocr)
    parsed = parse_number_line(fixed)
    assert (parsed.number, parsed.symbol) == (number, symbol)


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Hà Nội, ngày30 tháng 4 năm 2026", "Hà Nội, ngày 30 tháng 4 năm 2026"),
        ("Bình Phước, ngàv#® tháng 6 năm 2017", "Bình Phước, ngày  tháng 6 năm 2017"),
        ("Phú Thọ, ngàyzZổ tháng 7 năm 2016", "Phú Thọ, ngày  tháng 7 năm 2016"),
        ("Phú Thọ, ngày 16 tháng 3 năm 2017", "Phú Thọ, ngày 16 tháng 3 năm 2017"),
    ],
)
def test_scan_date_line_handwritten_day(ocr: str, expected: str) -> None:
    assert repair_ocr(ocr)[0] == expected
