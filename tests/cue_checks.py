"""One check for every cue table of vnplan/data (layout_cues.json, body_cues.json): a cue names the function
that recognises it (``module`` + ``function``), and its examples must be recognised, its counter-examples not."""
from __future__ import annotations

import importlib
from types import ModuleType


def _apply(cue: dict, example: object, default: ModuleType | None) -> bool:
    module = importlib.import_module(cue["module"]) if "module" in cue else default
    fn = getattr(module, cue["function"])
    return bool(fn(*example) if isinstance(example, list) else fn(example))


def check_cue(cue: dict, default: ModuleType | None = None) -> None:
    """Assert the examples and counter-examples of one cue (``default``: the module of cues without one)."""
    assert cue["examples"] and cue["counter"], "every cue needs examples and counter-examples"
    for example in cue["examples"]:
        assert _apply(cue, example, default), example
    for counter in cue["counter"]:
        assert not _apply(cue, counter, default), counter
