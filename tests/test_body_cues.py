"""Body cues (vnplan/data/body_cues.json): every cue's examples are recognised and its counter-examples are not."""
from __future__ import annotations

import importlib

import pytest

from vnplan.structure import markers as mk

CUES = mk.body_cues()["cues"]


def _apply(cue: dict, example: object) -> bool:
    fn = getattr(importlib.import_module(cue["module"]), cue["function"])
    return bool(fn(*example) if isinstance(example, list) else fn(example))


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c["cue"])
def test_cue_examples(cue: dict) -> None:
    assert cue["examples"] and cue["counter"], "every cue needs examples and counter-examples"
    for example in cue["examples"]:
        assert _apply(cue, example), example
    for counter in cue["counter"]:
        assert not _apply(cue, counter), counter


def test_part_letter_is_a_label_family() -> None:
    lab = mk.label_of("C- TỔ CHỨC THỰC HIỆN")
    assert lab is not None and (lab.label, lab.style) == ("C-", "alpha")
    assert mk.label_of("A. Nguyễn Văn An") is None
    assert mk.label_of("I. MỤC ĐÍCH").style == "roman"
