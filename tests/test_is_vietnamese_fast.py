"""Issue 11 (speed): `is_vietnamese` answers from the share of marked letters among all characters first.

The slow reference counts letters, then marked letters among them; both must agree on the
corpus texts, on their English-like and diacritic-less variants, and on short and empty texts.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnplan.read import _VIETNAMESE, is_vietnamese

ROOT = Path(__file__).resolve().parents[1]


def _reference(text: str, *, min_letters: int = 200, min_share: float = 0.03) -> bool:
    low = text.lower()
    letters = sum(map(str.isalpha, low))
    if letters < min_letters:
        return True
    return sum(map(_VIETNAMESE.__contains__, low)) / letters >= min_share


def _bare(text: str) -> str:
    """``KE HOACH``: the letters without their marks (an OCR layer without diacritics)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _texts() -> list[str]:
    seeds = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[:12]
    out = [p.read_text(encoding="utf-8") for p in seeds]
    out += [_bare(t) for t in out]
    out += [t[:300] + " plan report " * 400 for t in out[:6]]  # a little Vietnamese in much English
    out += ["", "   ", "Kế hoạch", "KE HOACH " * 100, "1234 " * 500, "ă" + "x" * 33 + " " * 70]
    return out


@pytest.mark.parametrize("share", [0.03, 0.01, 0.2])
def test_agrees_with_the_reference(share: float) -> None:
    texts = _texts()
    assert len(texts) > 15
    answers = [is_vietnamese(t, min_share=share) for t in texts]
    assert answers == [_reference(t, min_share=share) for t in texts]
    assert True in answers and False in answers
