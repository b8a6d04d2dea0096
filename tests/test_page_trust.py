"""The page-trust thresholds (vnplan/data/page_trust.json): each signal's examples and counter-examples (issue 11)."""
from __future__ import annotations

import dataclasses

import pytest

from vnplan.read.pdf_trust import PageEvidence, decide, duplicated_share, evidence, thresholds

SIGNALS = sorted(thresholds())
FIELDS = {f.name for f in dataclasses.fields(PageEvidence)}


def test_every_signal_has_a_value_a_reason_and_cases() -> None:
    for name, row in thresholds().items():
        assert isinstance(row["value"], (int, float)) and row["why"] and row["measured"], name
        assert row["examples"] and row["counter"], name


@pytest.mark.parametrize("name", SIGNALS)
def test_examples_are_ocrd_and_counter_examples_keep_their_layer(name: str) -> None:
    row = thresholds()[name]
    for case in row["examples"]:  # type: ignore[attr-defined]
        assert set(case) <= FIELDS
        assert decide(PageEvidence(**case)).source == "ocr", (name, case)
    for case in row["counter"]:  # type: ignore[attr-defined]
        assert decide(PageEvidence(**case)).source == "text", (name, case)


LINES = ["ỦY BAN NHÂN DÂN HUYỆN BẢO THẮNG", "Số: 125/KH-UBND Bảo Thắng, ngày 12 tháng 3 năm 2024",
         "KẾ HOẠCH", "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024",
         "Thực hiện Công văn số 1234/SGDĐT-GDTX của Sở Giáo dục và Đào tạo"]


def test_a_layer_drawn_twice_is_ocrd_with_its_reason() -> None:
    ev = evidence("\n".join(LINES + LINES), 1.0, 20, 20)
    assert ev.duplicated_share == 1.0
    verdict = decide(ev)
    assert verdict.source == "ocr" and any("repeats itself (100% of its lines twice)" in r for r in verdict.reasons)


def test_a_table_repeating_some_rows_is_not_a_doubled_layer() -> None:
    rows = LINES + ["- Các trường tiểu học trên địa bàn huyện;"] * 2
    assert 0 < duplicated_share("\n".join(rows)) < thresholds()["duplicated_share"]["value"]  # type: ignore[operator]
    assert decide(evidence("\n".join(rows), 1.0, 20, 20)).source == "text"


def test_short_layers_say_nothing_about_duplication() -> None:
    assert duplicated_share("Số: 12\nSố: 12\nKẾ HOẠCH\nKẾ HOẠCH") == 0.0
