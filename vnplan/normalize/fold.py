"""Matching helpers: keys that ignore tone-mark placement, case and spacing.

Vietnamese has two conventions for where the tone mark goes in ``oa``, ``oe``
and ``uy``: ``Hòa``/``Hoà``, ``Thanh Hóa``/``Thanh Hoá``, ``thủy``/``thuỷ``.
Both appear in official documents.  These helpers are for keys and
comparisons only: the normalised document text keeps what the source wrote.

    >>> fold_tone("Hoà Xá, Thanh Hoá, tuỳ")
    'Hòa Xá, Thanh Hóa, tùy'
    >>> same_name("UBND xã Hoà Xá", "ubnd  xã Hòa Xá")
    True
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vnplan.plaintext import strip_diacritics

__all__ = ["TONE_MARKS", "fold_key", "fold_tone", "same_name"]

# grave, acute, tilde, hook above, dot below
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aeiouy")
_SHAPED = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn: â ă ê ô ơ ư
_WORD = re.compile(r"[^\W\d_]+")


def _fold_word(word: str) -> str:
    """Re-place the tone mark of one syllable (old style: ``hòa``, ``thủy``)."""
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    tone = tones[0]
    # letters: (base char, shape marks)
    letters: list[list[str]] = []
    for c in nfd:
        if c in TONE_MARKS:
            continue
        if unicodedata.combining(c) and letters:
            letters[-1].append(c)
        else:
            letters.append([c])
    bases = [ls[0].lower() for ls in letters]
    n = len(bases)
    i = 0
    # onset: consonants, plus the u of "qu" and the i of "gi" before another vowel
    while i < n and bases[i] not in _VOWELS:
        i += 1
    if i < n and i > 0 and bases[i - 1] == "q" and bases[i] == "u" and i + 1 < n and bases[i + 1] in _VOWELS or i == 1 and n > 2 and bases[0] == "g" and bases[1] == "i" and bases[2] in _VOWELS:
        i += 1
    j = i
    while j < n and bases[j] in _VOWELS:
        j += 1
    nucleus = list(range(i, j))
    if not nucleus:
        return word
    shaped = [k for k in nucleus if any(m in _SHAPED for m in letters[k][1:])]
    if shaped:
        target = shaped[-1]  # ươ → ơ, uyê → ê, ô/ê/â...
    elif len(nucleus) == 1:
        target = nucleus[0]
    elif len(nucleus) >= 3 or j < n:
        target = nucleus[1]
    else:  # open two-vowel rhyme, old style: hòa, thủy, mùa, tài
        target = nucleus[0]
    letters[target].append(tone)
    return unicodedata.normalize("NFC", "".join("".join(ls) for ls in letters))


@lru_cache(maxsize=65536)
def _fold_word_cached(word: str) -> str:
    return _fold_word(word)


def fold_tone(text: str) -> str:
    """Move every tone mark to one canonical place (tone on ``o``/``u`` in open ``oa``/``oe``/``uy``).

    The length and everything else of ``text`` are unchanged (NFC in, NFC out).

    >>> fold_tone("Quyết định phê duyệt Đề án thuỷ lợi Hoà Bình")
    'Quyết định phê duyệt Đề án thủy lợi Hòa Bình'
    >>> fold_tone("Khánh Hoà") == fold_tone("Khánh Hòa")
    True
    """
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _fold_word_cached(m.group(0)), text)



_SPACES = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"\s*([-/–,.;:()])\s*")


def fold_key(text: str, *, diacritics: bool = True) -> str:
    """A comparison key: NFC, canonical tone placement, casefold, single spaces.

    ``diacritics=False`` also strips all marks and folds ``đ`` to ``d``, for
    fallbacks on text typed without Vietnamese input.

    >>> fold_key("  Thanh  Hoá ")
    'thanh hóa'
    >>> fold_key("Đắk Lắk", diacritics=False)
    'dak lak'
    """
    key = fold_tone(text.replace("Ð", "Đ").replace("ð", "đ"))
    key = _SPACES.sub(" ", key).strip().casefold()
    key = unicodedata.normalize("NFC", key)
    if not diacritics:
        key = strip_diacritics(key)
    return key


def same_name(a: str, b: str, *, diacritics: bool = True) -> bool:
    """Whether two names are the same up to tone placement, case, spacing and spaces around punctuation.

    >>> same_name("Thanh Hoá", "THANH HÓA")
    True
    >>> same_name("Sở GD&ĐT", "Sở GD & ĐT")
    False
    >>> same_name("Hà Nội", "Ha Noi", diacritics=False)
    True
    """
    ka = _PUNCT_SPACE.sub(r"\1", fold_key(a, diacritics=diacritics))
    kb = _PUNCT_SPACE.sub(r"\1", fold_key(b, diacritics=diacritics))
    return ka == kb
