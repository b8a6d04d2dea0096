"""The stream-bomb check skips only streams too short to pass the budget (issue 11 speed).

A Flate stream of n bytes inflates to at most about 1032 n bytes, so a stream whose dictionary
states a short length, and ends there, is not inflated; a length that is indirect, repeated or
wrong (no ``endstream`` where it says) is no evidence, and the stream is inflated as before.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hostile_files import deflated_spaces, inflating_pdf

from vnplan.read.budget import BudgetError, check_pdf_streams

budget_module = importlib.import_module("vnplan.read.budget")  # vnplan.read.budget is also a function's name
BOMB_MB = 16  # 16 MB of spaces in about 16 KB


@pytest.mark.parametrize("how", ["direct", "indirect", "short and wrong"])
def test_a_bomb_is_refused_whatever_its_length_says(tmp_path: Path, small_budget, how: str) -> None:
    small_budget(max_stream_bytes=4 * 1024 * 1024)
    n = len(deflated_spaces(BOMB_MB))
    length = {"direct": str(n), "indirect": "5 0 R", "short and wrong": "10"}[how]
    pdf = inflating_pdf(tmp_path / "b.pdf", BOMB_MB, length, [str(n).encode()])
    with pytest.raises(BudgetError, match="giải nén ra hơn 4 MB"):
        check_pdf_streams(str(pdf))


def test_a_short_stream_is_not_inflated(tmp_path: Path, small_budget, monkeypatch) -> None:
    small_budget(max_stream_bytes=64 * 1024 * 1024)  # 16 KB × 1100 < 64 MB: cannot pass the budget
    pdf = inflating_pdf(tmp_path / "b.pdf", BOMB_MB, extra=[b"0" * (64 * 1024)])  # a file too big for the whole-file bound

    def boom(*a, **k):
        raise AssertionError("a short stream must not be inflated")

    monkeypatch.setattr(budget_module, "_inflated_size", boom)
    check_pdf_streams(str(pdf))
