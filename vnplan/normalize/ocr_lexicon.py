"""Repair OCR'd syllables whose diacritics were misread, using the word list of `vnplan.lexicon`.

Tesseract often reads a Vietnamese letter with the wrong mark: ``quôc`` for
``quốc``, ``triên`` for ``triển``.  A word that is not a Vietnamese syllable
is replaced by a syllable with the same letters (marks aside) when a reading
makes a word with a neighbour (``quôc gia`` → ``quốc gia``), or else when one
reading is clearly the most common.  Capitalised and upper-case words are
left alone (names, abbreviations), and so are misreadings that happen to be
real syllables (``chông`` for ``chống``): on the corpus's born-digital text a
rule for those changed 108 correct words in 83,710.

Only text that came out of OCR goes through this.  The length of the text is
kept.

    >>> repair_syllables("Chương trình mục tiêu quôc gia; nguôn lực triên khai")
    ('Chương trình mục tiêu quốc gia; nguồn lực triển khai', ['quôc→quốc', 'nguôn→nguồn', 'triên→triển'])
    >>> repair_syllables("ông Hoàng Văn Thuân, Nguyễn Văn Long, UBND, MOOC")[1]
    []
"""
from __future__ import annotations

import functools
import re
import unicodedata

from vnplan.lexicon import is_syllable, is_word_pair, syllable_count, syllables
from vnplan.normalize.fold import fold_tone
from vnplan.plaintext import strip_diacritics

__all__ = ["repair_syllables", "skeleton"]

_WORD = re.compile(r"[^\W\d_]+")
_JOIN = re.compile(r"^\s*[,-]?\s*$")  # what may stand between the syllables of a word (in a list: "phòng, chống")
_VOWELS = set("aeiouy")


def skeleton(token: str) -> str:
    """The letters of a syllable without any mark (``đ`` → ``d``).

    >>> skeleton("Quốc"), skeleton("đường")
    ('quoc', 'duong')
    """
    return strip_diacritics(token.lower())


@functools.lru_cache(maxsize=1)
def _readings() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for s in syllables():
        out.setdefault(skeleton(s), []).append(s)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _cased(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _choose(token: str, prev: str | None, nxt: str | None) -> str | None:
    if token[:1].isupper() or len(token) < 2:
        return None  # names, abbreviations
    low = fold_tone(unicodedata.normalize("NFC", token))
    if is_syllable(low) or not (set(skeleton(low)) & _VOWELS):
        return None
    others = [r for r in _readings().get(skeleton(low), ()) if fold_tone(r) != low]
    if not others:
        return None
    paired = [r for r in others if (prev and is_word_pair(prev, r)) or (nxt and is_word_pair(r, nxt))]
    if len(paired) == 1:
        return paired[0]
    ranked = sorted(paired or others, key=syllable_count, reverse=True)
    if len(ranked) == 1 or syllable_count(ranked[0]) >= 2 * max(1, syllable_count(ranked[1])):
        return ranked[0]
    return None


def repair_syllables(text: str) -> tuple[str, list[str]]:
    """OCR'd ``text`` with misread syllables replaced; return ``(text, repairs)``."""
    words = list(_WORD.finditer(text))
    if not words or not syllables():
        return text, []
    out: list[str] = []
    repairs: list[str] = []
    pos = 0
    for k, m in enumerate(words):
        if m.start() and text[m.start() - 1].isalnum() or m.end() < len(text) and text[m.end()].isalnum():
            continue  # glued to digits ("0hựe"): not a word of its own
        prev = words[k - 1].group(0) if k and _JOIN.match(text[words[k - 1].end():m.start()]) else None
        nxt = words[k + 1].group(0) if k + 1 < len(words) and _JOIN.match(text[m.end():words[k + 1].start()]) else None
        new = _choose(m.group(0), prev, nxt)
        if new is None or len(new) != len(m.group(0)):
            continue
        new = _cased(m.group(0), new)
        out.append(text[pos:m.start()] + new)
        pos = m.end()
        repairs.append(f"{m.group(0)}→{new}")
    if not out:
        return text, []
    return "".join(out) + text[pos:], repairs
