"""Vietnamese syllables and two-syllable words, from underthesea's Viet74K word list.

The list (73,901 words, shipped with underthesea) is read straight from the
installed package, without importing underthesea (which takes a second).
OCR repair and OCR line choice use it to tell a Vietnamese syllable
(``quốc``) from an OCR misreading (``quôc``), and a pair that forms a word
(``phòng chống``) from one that does not (``phòng chông``).

    >>> is_syllable("quốc"), is_syllable("quôc"), is_syllable("Hà")
    (True, False, True)
    >>> is_word_pair("phòng", "chống"), is_word_pair("phòng", "chông")
    (True, False)
"""
from __future__ import annotations

import functools
import itertools
import unicodedata
from importlib.util import find_spec
from pathlib import Path

__all__ = ["is_syllable", "is_word_pair", "syllable_count", "syllables", "word_pairs"]


def _path() -> Path | None:
    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    return path if path.exists() else None


def _norm(token: str) -> str:
    return unicodedata.normalize("NFC", token).lower()


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], frozenset[tuple[str, str]]]:
    counts: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    path = _path()
    if path is None:
        return counts, frozenset()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [_norm(p) for p in line.replace("-", " ").split()]
        for p in parts:
            if p.isalpha():
                counts[p] = counts.get(p, 0) + 1
        pairs.update(itertools.pairwise(parts))
    return counts, frozenset(pairs)


@functools.lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every syllable of the word list, lower case NFC (empty when underthesea is missing).

    >>> "nghĩa" in syllables()
    True
    """
    return frozenset(_tables()[0])


def syllable_count(token: str) -> int:
    """In how many words of the list a syllable occurs (a rough frequency; 0 = unknown).

    >>> syllable_count("quốc") > syllable_count("quộc")
    True
    """
    return _tables()[0].get(_norm(token), 0)


def is_syllable(token: str) -> bool:
    """Whether ``token`` (any case) is a syllable of a Vietnamese word.

    >>> is_syllable("NGHĨA"), is_syllable("nghỉa")
    (True, False)
    """
    return _norm(token) in _tables()[0]


def word_pairs() -> frozenset[tuple[str, str]]:
    """Adjacent syllable pairs of the list's words (``("quốc", "gia")``)."""
    return _tables()[1]


def is_word_pair(first: str, second: str) -> bool:
    """Whether two syllables make (part of) one word of the list.

    >>> is_word_pair("Quốc", "gia"), is_word_pair("gia", "quốc")
    (True, False)
    """
    return (_norm(first), _norm(second)) in _tables()[1]
