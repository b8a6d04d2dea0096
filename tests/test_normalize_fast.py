"""Issue 11 (speed): every fast path of the normaliser gives what its slow reference gives.

Each fast path replaced a slower way of computing the same value; the slow way is kept here as the
reference, and the two are compared on real text (the corpus's lines) and on generated text.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vnplan.normalize.offsetmap import Edits, MappedText

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@cache
def corpus_text() -> str:
    """The corpus's text files (seeds, pdftotext and web copies), joined: real Vietnamese lines."""
    files = sorted(p for d in ("seeds", "real") for p in (CORPUS / d).glob("*.txt"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


# --------------------------------------------------------------------------- offset maps


def _reference_local(ed: Edits) -> list[int]:
    """The per-character map of `Edits.apply` as it was built before issue 11: one index per character."""
    text = ed.text
    local: list[int] = []
    pos = 0
    for start, end, new in sorted(ed._items, key=lambda it: (it[0], it[1])):
        if start > pos:
            local.extend(range(pos, start))
        span = end - start
        explicit = ed._where.get((start, end))
        if explicit is not None and len(explicit) == len(new):
            local.extend(explicit)
        elif span == 0:
            local.extend([start] * len(new))
        else:
            local.extend(start + min(k, span - 1) for k in range(len(new)))
        pos = max(pos, end)
    local.extend(range(pos, len(text) + 1))
    return local


edit_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 6), st.text(alphabet="ab \n", max_size=5), st.booleans()),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Kế hoạch số 05 \n", min_size=0, max_size=60), edit_lists, st.integers(0, 50))
def test_apply_to_equals_per_character_composition(text: str, edits: list, shift: int) -> None:
    ed = Edits(text)
    for start, size, new, explicit in edits:
        start = min(start, len(text))
        end = min(start + size, len(text))
        ed.replace(start, end, new, list(range(len(new)))[::-1] if explicit else None)
    offsets = [shift + 2 * i for i in range(len(text) + 1)]  # a parent map that is not the identity
    new_text, new_offsets = ed.apply_to(offsets)
    assert new_text == ed.apply()[0]
    assert new_offsets == [offsets[i] for i in _reference_local(ed)]
    assert ed.apply()[1] == _reference_local(ed)


def test_apply_to_on_corpus_lines() -> None:
    """Deleting every double space and replacing every line break of the corpus: same map both ways."""
    text = corpus_text()
    mt = MappedText.identity(text)
    ed = mt.edits()
    pos = text.find("  ")
    while pos != -1:
        ed.delete(pos, pos + 1)
        pos = text.find("  ", pos + 2)
    pos = text.find("\n")
    while pos != -1:
        ed.replace(pos, pos + 1, " \n")
        pos = text.find("\n", pos + 1)
    out = mt.apply(ed)
    assert out.offsets == _reference_local(ed)
