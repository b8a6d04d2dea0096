"""Repair OCR'd syllables whose diacritics were misread, using the word list of `vnplan.lexicon`.

Tesseract often reads a Vietnamese letter with the wrong mark: ``quôc`` for
``quốc``, ``triên`` for ``triển``.  A word that is not a Vietnamese syllable
is replaced by a syllable with the same letters (marks aside) when a reading
makes a word with a neighbour (``quôc gia`` → ``quốc gia``), or else when one
reading is clearly the most common.  Capitalised and upper-case words are
left alone (names, abbreviations), and so are misreadings that happen to be
real syllables (``chông`` for ``chống``): on the corpus's born-digital text a
rule for those changed 108 correct words in 83,710.  Such a misreading is
repaired only from its neighbours (`repair_in_context`): ``tô chức`` → ``tổ
chức`` (a hatted vowel's tone lost), ``bỗ sung`` → ``bổ sung`` (hỏi and ngã swapped) when the word as read makes no word with either neighbour and exactly
one other reading does, asking the word list and the plan wording of the gold
records (``plan_word_pairs.tsv``, built by ``scripts/build_plan_word_pairs.py``).

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
from collections.abc import Callable

from vnplan import data
from vnplan.lexicon import is_syllable, is_word_pair, syllable_count, syllables
from vnplan.normalize.fold import fold_tone
from vnplan.plaintext import strip_diacritics

__all__ = ["is_plan_pair", "repair_in_context", "repair_inner_capitals", "repair_syllables", "skeleton"]

_WORD = re.compile(r"[^\W\d_]+")
_JOIN = re.compile(r"^\s*[,-]?\s*$")  # what may stand between the syllables of a word (in a list: "phòng, chống")
_SPACE = re.compile(r"^\s+$")  # what may stand between two syllables a context repair reads together
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


@functools.lru_cache(maxsize=1)
def _plan_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((r["first"], r["second"]) for r in data.rows("plan_word_pairs.tsv"))


def is_plan_pair(first: str, second: str) -> bool:
    """Whether two syllables stand side by side in plan wording (word list or gold records).

    >>> is_plan_pair("về", "việc"), is_plan_pair("vê", "việc"), is_plan_pair("Tổ", "chức")
    (True, False, True)
    """
    a, b = fold_tone(unicodedata.normalize("NFC", first).lower()), fold_tone(unicodedata.normalize("NFC", second).lower())
    return is_word_pair(a, b) or (a, b) in _plan_pairs()


@functools.lru_cache(maxsize=1)
def _plan_counts() -> dict[str, int]:
    return {r["syllable"]: int(r["count"]) for r in data.rows("plan_syllables.tsv")}


def _in_plan(first: str, second: str) -> bool:
    return (fold_tone(first.lower()), fold_tone(second.lower())) in _plan_pairs()


def _cased(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _choose(token: str, prev: str | None, nxt: str | None) -> str | None:
    if len(token) < 2 or token.isupper():
        return None  # abbreviations, capitals
    capital = token[:1].isupper() and token[1:].islower()  # a name or a sentence start: only a reading its lower-case neighbour calls for
    if capital:
        prev = prev if prev and prev.islower() else None
        nxt = nxt if nxt and nxt.islower() else None
    low = fold_tone(unicodedata.normalize("NFC", token.lower()))
    if is_syllable(low) or not (set(skeleton(low)) & _VOWELS) or capital and _plan_counts().get(low):
        return None  # a word, no word, or a name the gold records write (Nguyễn is in no word list)
    others = [r for r in _readings().get(skeleton(low), ()) if fold_tone(r) != low]
    if not others:
        return None
    paired = [r for r in others if (prev and is_word_pair(prev, r)) or (nxt and is_word_pair(r, nxt))]
    if len(paired) == 1:
        return paired[0]
    if capital:
        return None
    ranked = sorted(paired or others, key=syllable_count, reverse=True)
    if len(ranked) == 1 or syllable_count(ranked[0]) >= 2 * max(1, syllable_count(ranked[1])):
        return ranked[0]
    return None


def _in_context(token: str, prev: str | None, nxt: str | None) -> str | None:
    """The one other reading of a real syllable that its neighbours call for (``tô`` before ``chức``)."""
    if len(token) < 2 or token[1:] != token[1:].lower() and not token.isupper():
        return None  # mixed case: no word
    low = fold_tone(unicodedata.normalize("NFC", token.lower()))
    if token.isupper():  # a heading in capitals: only capitals count as its neighbours
        prev = prev if prev and prev.isupper() else None
        nxt = nxt if nxt and nxt.isupper() else None
    elif token[:1].isupper():  # a capitalised word beside another is a name (Tô Lâm): only lower case counts
        prev = prev if prev and prev.islower() else None
        nxt = nxt if nxt and nxt.islower() else None
    if not (prev or nxt) or not is_syllable(low):
        return None
    if (prev and is_plan_pair(prev, low)) or (nxt and is_plan_pair(low, nxt)):
        return None  # the word as read makes a word with a neighbour
    others = [r for r in _readings().get(skeleton(low), ()) if _misread_as(r, low)]
    if not others:
        return None
    seen = _plan_counts().get(low, 0)
    called = [r for r in others if ((prev and _in_plan(prev, r)) or (nxt and _in_plan(r, nxt)))
              and _plan_counts().get(r, 0) > RARER * seen]  # never a plan word into a rarer one (lương, dân)
    return called[0] if len(called) == 1 else None


RARER = 10  # a reading is suspect when plan wording uses the word it calls for this many times as often
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_HATS = set("âêôăơư")


def _tone(syllable: str) -> bool:
    return any(c in _TONES for c in unicodedata.normalize("NFD", syllable))


def _untoned(syllable: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in _TONES))


_LOOKALIKE = {"\u0303": "\u0309", "\u0309": "\u0303"}  # ngã and hỏi: the small marks OCR takes for each other


def _misread_as(word: str, read: str) -> bool:
    """Whether OCR may read ``word`` as ``read``: a hatted vowel's tone lost, or hỏi and ngã swapped."""
    if _untoned(word) != _untoned(read) or word == read:
        return False
    if not _tone(read):
        return bool(set(read) & _HATS) and _tone(word)
    tw = [c for c in unicodedata.normalize("NFD", word) if c in _TONES]
    tr = [c for c in unicodedata.normalize("NFD", read) if c in _TONES]
    return len(tw) == len(tr) == 1 and _LOOKALIKE.get(tr[0]) == tw[0]


def repair_in_context(text: str) -> tuple[str, list[str]]:
    """OCR'd ``text`` with real syllables misread for the word their neighbours call for.

    >>> repair_in_context("Tô chức thực hiện; vê việc phô biến, Tô Lâm")
    ('Tổ chức thực hiện; về việc phổ biến, Tô Lâm', ['Tô→Tổ', 'vê→về', 'phô→phổ'])
    """
    return _repair(text, _in_context, _SPACE)


_INNER_CAPITAL = re.compile(
    r"(?<!\w)[a-zà-ỹđ]+[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ][a-zà-ỹđ]*(?!\w)")


def repair_inner_capitals(text: str) -> tuple[str, list[str]]:
    """OCR'd ``text`` with a marked vowel read as a capital inside a lower-case word put in lower case.

    Tesseract sometimes takes the capital glyph of a vowel with marks (``sỐ``, ``vỊ``, ``kỊp``);
    the word is lowered when that makes a Vietnamese syllable.  The length is kept.

    >>> repair_inner_capitals("Nghị định sỐ 12 của đơn vỊ; iPhone, eKYC")
    ('Nghị định số 12 của đơn vị; iPhone, eKYC', ['sỐ→số', 'vỊ→vị'])
    """
    repairs: list[str] = []

    def sub(m: re.Match[str]) -> str:
        word, low = m.group(0), m.group(0).lower()
        if not word[0].islower() or sum(c.isupper() for c in word) != 1 or not is_syllable(low):
            return m.group(0)
        repairs.append(f"{m.group(0)}→{low}")
        return low

    return _INNER_CAPITAL.sub(sub, text), repairs


def repair_syllables(text: str) -> tuple[str, list[str]]:
    """OCR'd ``text`` with misread syllables replaced; return ``(text, repairs)``."""
    return _repair(text, _choose, _JOIN)


def _repair(text: str, choose: Callable[[str, str | None, str | None], str | None],
            join: re.Pattern[str]) -> tuple[str, list[str]]:
    words = list(_WORD.finditer(text))
    if not words or not syllables():
        return text, []
    out: list[str] = []
    repairs: list[str] = []
    pos = 0
    done: dict[int, str] = {}  # words already repaired, read as the next word's neighbour
    for k, m in enumerate(words):
        if m.start() and text[m.start() - 1].isalnum() or m.end() < len(text) and text[m.end()].isalnum():
            continue  # glued to digits ("0hựe"): not a word of its own
        prev = done.get(k - 1, words[k - 1].group(0)) if k and join.match(text[words[k - 1].end():m.start()]) else None
        nxt = words[k + 1].group(0) if k + 1 < len(words) and join.match(text[m.end():words[k + 1].start()]) else None
        new = choose(m.group(0), prev, nxt)
        if new is None or len(new) != len(m.group(0)):
            continue
        new = _cased(m.group(0), new)
        done[k] = new
        out.append(text[pos:m.start()] + new)
        pos = m.end()
        repairs.append(f"{m.group(0)}→{new}")
    if not out:
        return text, []
    return "".join(out) + text[pos:], repairs
