"""The archive read benchmark never opens the held-out split nor a file split.json does not list."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_archive_read as bench


def test_held_out_split_is_named_by_the_top_level_key() -> None:
    split = {"heldout": "heldout9", "documents": [
        {"file": "a.pdf", "split": "heldout9"}, {"file": "b.pdf", "split": "heldout4"},
        {"file": "c.pdf", "split": "tuning"}, {"file": "d.pdf", "split": "heldout9", "annotated": False}]}
    assert bench.held_out(split) == {"a.pdf", "d.pdf"}
    assert bench.tuning_files(split) == {"b.pdf", "c.pdf"}


def test_real_split_keeps_the_held_out_set_out() -> None:
    held, tuning = bench.held_out(), bench.tuning_files()
    assert held and tuning and not held & tuning
