"""Spaced-out letters and split syllables, and spaces inside document symbols.

Two kinds of noise:

* letter-spaced lines (each letter followed by a space, words by two or
  more): ``T Ổ   C H Ứ C`` → ``TỔ CHỨC``;
* syllables split at random points (PDF → HTML conversions):
  ``ỦY B AN NHÂN D Â N`` → ``ỦY BAN NHÂN DÂN``, ``T hủ tướ ng`` → ``Thủ tướng``.
  Only lines with several fragments that are not Vietnamese syllables are
  touched, and pieces are merged only into known syllables (or into upper-case
  abbreviations made mostly of single letters: ``U B ND`` → ``UBND``).

Symbols lose stray spaces: ``3210/QĐ - UBND`` → ``3210/QĐ-UBND``,
``1050 /QĐ-SCT`` → ``1050/QĐ-SCT``, ``401/ PGD&ĐT`` → ``401/PGD&ĐT``.

    >>> fix_spacing(MappedText.identity("V .   T Ổ   C H Ứ C   T H Ự C   H I Ệ N"))[0].text
    'V. TỔ CHỨC THỰC HIỆN'
    >>> fix_spacing(MappedText.identity("| ỦY B AN NHÂN D Â N |"))[0].text
    '| ỦY BAN NHÂN DÂN |'

The syllable list is the word list shipped with ``pyvi``; without it only the
letter-spacing rule runs.
"""
from __future__ import annotations

import bisect
import importlib.util
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from vnplan.normalize.fold import fold_tone
from vnplan.normalize.lines import line_spans
from vnplan.normalize.offsetmap import Edits, MappedText

__all__ = ["fix_spacing", "is_syllable", "merge_fragments", "syllable_counts"]

_TOKEN = re.compile(r"\S+")
_ALPHA = re.compile(r"[^\W\d_]+")
_PLAIN_CAPS = re.compile(r"[A-ZĐ]+")
_MERGE_PENALTY = 4.0  # cost of every segment: favours merging pieces
_MAX_PIECES = 6
_SYMBOL_HYPHEN = re.compile(
    r"\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*( - | -|- )(?=[A-ZĐ][A-ZĐ0-9&]+(?![^\W\d_A-ZĐ]))"
)
# Spaces beside a slash in a number: after the digits (`05 /KH`, deleted up to the slash, group 1)
# or after the slash (`05/ KH`, the whole match).  Spelt to start with a literal space, so the
# whole text is searched fast (a leading look-behind is tried at every position); the slow
# reference is `(?<=\d)( +)/(?=[A-ZĐ])|(?<=\d/)( +)(?=[A-ZĐ]{2})` (tests/test_normalize_fast.py).
_NUMBER_SLASH = re.compile(r" (?:(?<=\d ) *(/)(?=[A-ZĐ])|(?<=\d/ ) *(?=[A-ZĐ]{2}))")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[^\W\d_]) (?=[,;:.)](?:\s|$))|(?<=\() (?=\S)")


@lru_cache(maxsize=1)
def syllable_counts() -> Counter[str]:
    """Syllable → number of dictionary words containing it (tone-folded, lower case).

    >>> syllable_counts()["minh"] > syllable_counts()["chím"]  # doctest: +SKIP
    True
    """
    counts: Counter[str] = Counter()
    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.origin:
        return counts
    path = Path(spec.origin).parent / "models" / "words.txt"
    if not path.exists():
        return counts
    valid = _phonotactic()
    raw = Counter(path.read_text(encoding="utf-8").lower().replace("_", " ").split())
    for syl, n in raw.items():
        syl = unicodedata.normalize("NFC", syl)
        if _ALPHA.fullmatch(syl) and valid(syl):
            counts[fold_tone(syl)] += n
    return counts


_STOP_CODA = re.compile(r"[aăâeêioôơuưy](?:ch|c|p|t)$")
_NEEDS_CODA = re.compile(r"^[^aăâeêioôơuưy]*[ăâ]$")


def _phonotactic() -> Callable[[str], bool]:
    """A spelling check for one syllable (from `vnplan.normalize.legacy`, if present)."""
    try:
        from vnplan.normalize.legacy import is_vietnamese_syllable
    except ImportError:  # pragma: no cover - legacy module not installed
        return lambda syl: True

    def valid(syl: str) -> bool:
        nfd = unicodedata.normalize("NFD", syl)
        bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in "\u0300\u0301\u0303\u0309\u0323"))
        if _STOP_CODA.search(bare) and not any(c in "\u0301\u0323" for c in nfd):
            return False  # a syllable closed by c/ch/p/t takes only the sắc or nặng tone
        return is_vietnamese_syllable(syl) and not _NEEDS_CODA.match(bare)

    return valid


@lru_cache(maxsize=65536)
def _count(piece: str) -> float:
    """Dictionary count of a syllable; 0.3 for a well-spelt one the list lacks (names: Nguyễn)."""
    key = fold_tone(piece.lower())
    c = syllable_counts().get(key, 0)
    if c == 0 and _ALPHA.fullmatch(key) and _valid_spelling()(key):
        return 0.3
    return c


@lru_cache(maxsize=1)
def _valid_spelling() -> Callable[[str], bool]:
    return _phonotactic()


def is_syllable(piece: str) -> bool:
    """Whether ``piece`` is a known Vietnamese syllable (any case, any tone placement).

    >>> is_syllable("Thủ"), is_syllable("ng"), is_syllable("ỦY")
    (True, False, True)
    """
    return _count(piece) > 0


def _abbrev_like(piece: str) -> bool:
    return len(piece) >= 2 and bool(_PLAIN_CAPS.fullmatch(piece))


@lru_cache(maxsize=65536)
def _is_fragment(piece: str) -> bool:
    return not is_syllable(piece) and not _abbrev_like(piece)


def _segment_score(pieces: tuple[str, ...]) -> float:
    if len(pieces) == 1:
        p = pieces[0]
        c = _count(p)
        if c:
            return math.log1p(c) - _MERGE_PENALTY
        return (-1.0 if _abbrev_like(p) else -8.0) - _MERGE_PENALTY
    word = "".join(pieces)
    c = _count(word)
    if c:
        if all(len(p) >= 2 and is_syllable(p) for p in pieces):
            return -math.inf  # two real words never merge ("ô tô" stays)
        return math.log1p(c) - _MERGE_PENALTY
    if _PLAIN_CAPS.fullmatch(word) and 2 * sum(len(p) == 1 for p in pieces) > len(pieces):
        return -1.0 - _MERGE_PENALTY
    return -math.inf


def merge_fragments(pieces: list[str]) -> list[int]:
    """Best grouping of adjacent pieces into syllables; returns group sizes.

    >>> merge_fragments(["C", "H", "Í", "M", "I", "NH"])
    [3, 3]
    >>> merge_fragments(["U", "B", "ND"])
    [3]
    """
    return list(_merge_sizes(tuple(pieces)))


@lru_cache(maxsize=16384)
def _merge_sizes(pieces: tuple[str, ...]) -> tuple[int, ...]:
    n = len(pieces)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for i in range(1, n + 1):
        for k in range(1, min(_MAX_PIECES, i) + 1):
            if best[i - k] == -math.inf:
                continue
            score = best[i - k] + _segment_score(pieces[i - k : i])
            if score > best[i]:
                best[i], back[i] = score, k
    sizes: list[int] = []
    i = n
    while i > 0:
        sizes.append(back[i])
        i -= back[i]
    return tuple(sizes[::-1])


def _letter_spaced(text: str, s: int, e: int, ed: Edits) -> bool:
    if not _SPACED4.search(text, s, e):
        return False
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, s, e)]
    if len(tokens) < 4:
        return False
    single = sum(1 for a, b in tokens if b - a == 1)
    if single < 0.7 * len(tokens):
        return False
    gaps = [tokens[k + 1][0] - tokens[k][1] for k in range(len(tokens) - 1)]
    letters_only = all(text[a].isalpha() for a, b in tokens if b - a == 1)
    if max(gaps) < 2 and not letters_only:
        return False
    if max(gaps) < 2:
        return False  # single-spaced letters: left to the syllable merger
    for k, gap in enumerate(gaps):
        a_end, b_start = tokens[k][1], tokens[k + 1][0]
        if gap == 1 and tokens[k][1] - tokens[k][0] == 1 and tokens[k + 1][1] - tokens[k + 1][0] == 1:
            ed.delete(a_end, b_start)
        elif gap >= 2:
            ed.delete(a_end + 1, b_start)
    return True


_SPACED4 = re.compile(r"(?<!\S)\S (?:\S ){2,}\S(?!\S)")


def _split_syllables(text: str, s: int, e: int, ed: Edits) -> int:
    # a fragment worth a look: a one- or two-letter run that is no syllable
    if not any(len(w) <= 2 and _is_fragment(w) for w in _ALPHA.findall(text, s, e)):
        return 0
    words = [(m.start(), m.end()) for m in _ALPHA.finditer(text, s, e)]
    if len(words) < 2 or not syllable_counts():
        return 0
    fragments = sum(1 for a, b in words if _is_fragment(text[a:b]))
    singles = sum(1 for k in range(1, len(words)) if words[k][1] - words[k][0] == 1
                  and words[k - 1][1] - words[k - 1][0] == 1 and words[k][0] - words[k - 1][1] == 1)
    if fragments == 0 or (fragments < 2 or fragments < 0.1 * len(words)) and not singles:
        return 0
    merged = 0
    k = 0
    while k < len(words):
        j = k
        while j + 1 < len(words) and text[words[j][1] : words[j + 1][0]] == " ":
            j += 1
        run = words[k : j + 1]
        if len(run) >= 2 and any(_is_fragment(text[a:b]) for a, b in run):
            sizes = merge_fragments([text[a:b] for a, b in run])
            pos = 0
            for size in sizes:
                for q in range(pos, pos + size - 1):
                    ed.delete(run[q][1], run[q + 1][0])
                    merged += 1
                pos += size
        k = j + 1
    for m in _SPACE_BEFORE_PUNCT.finditer(text, s, e):
        ed.delete(m.start(), m.end())
    return merged


# A maximal run of one or two letters: the short words `_split_syllables` looks at first.
_SHORT_ALPHA = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,2}(?![^\W\d_])")
# Part of every `_SPACED4` match (from the space after its first letter on), with a literal first
# character, so the whole text is searched fast.
_SPACED_TAIL = re.compile(r" \S (?:\S )+\S(?!\S)")


def _lines_to_check(text: str) -> list[tuple[int, int]]:
    """The lines either spacing rule may touch: a run of spaced-out letters, or a short non-syllable.

    A line with neither is left alone by `_letter_spaced` and `_split_syllables` (their first
    tests), so only the others are looked at.  Both are searched once over the whole text; no
    match crosses a line separator (separators are whitespace, the runs are letters and spaces).
    """
    spans = line_spans(text)
    if len(spans) == 1:
        return spans
    starts = [s for s, _ in spans]
    at = [m.start() for m in _SPACED_TAIL.finditer(text)]
    if syllable_counts():
        is_fragment = _is_fragment
        at += [m.start() for m in _SHORT_ALPHA.finditer(text) if is_fragment(m.group())]
    return [spans[k] for k in sorted({bisect.bisect_right(starts, a) - 1 for a in at})]


def fix_spacing(mt: MappedText) -> tuple[MappedText, list[str]]:
    """Join spaced-out letters and split syllables; tighten spaces inside symbols.

    >>> fix_spacing(MappedText.identity("Số: 3210/QĐ - U B ND"))[0].text
    'Số: 3210/QĐ-UBND'
    """
    text = mt.text
    ed = mt.edits()
    spaced_lines = 0
    merged = 0
    for s, e in _lines_to_check(text):
        if e - s < 3:
            continue
        if _letter_spaced(text, s, e, ed):
            spaced_lines += 1
            continue
        merged += _split_syllables(text, s, e, ed)
    mt = mt.apply(ed)
    text = mt.text
    ed = mt.edits()
    for m in _SYMBOL_HYPHEN.finditer(text):
        dash = text.index("-", m.start(1), m.end(1))
        ed.delete(m.start(1), dash)
        ed.delete(dash + 1, m.end(1))
    for m in _NUMBER_SLASH.finditer(text) if " /" in text or "/ " in text else ():  # a space beside a slash
        ed.delete(m.start(), m.start(1) if m.group(1) else m.end())
    mt = mt.apply(ed)
    warnings = []
    if spaced_lines:
        warnings.append(f"spaced-out letters joined on {spaced_lines} line(s)")
    if merged:
        warnings.append(f"split syllables rejoined ({merged} spaces removed)")
    return mt, warnings
