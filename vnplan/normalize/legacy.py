"""Legacy 8-bit Vietnamese encodings (TCVN3/ABC and VNI-Windows) seen as Windows-1252 text.

Older provincial files were typed in the ``.VnTime`` (TCVN3) or ``VNI-Times``
(VNI) fonts; read today, their bytes show up as Latin-1 letters and symbols.
`detect_legacy` recognises such text and `convert_legacy` turns it into
Unicode, with a map from each output character back to the input.

    >>> detect_legacy("KÕ ho¹ch ph¸t triÓn kinh tÕ x· héi")
    'tcvn3'
    >>> convert_legacy("Keá hoaïch", "vni")[0]
    'Kế hoạch'

The tables are data: ``vnplan/data/legacy_encodings.tsv``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from vnplan import data

__all__ = ["ENCODINGS", "convert_legacy", "detect_legacy", "encode_legacy", "is_vietnamese_syllable"]

ENCODINGS = ("tcvn3", "vni")
_SAMPLE = 20_000  # characters looked at by detect_legacy


@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    text = data.text("legacy_encodings.tsv")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


def _hex(s: str) -> str:
    return bytes(int(h, 16) for h in s.split()).decode("latin-1")


@lru_cache(maxsize=1)
def _tcvn3() -> tuple[dict[str, str], dict[str, str]]:
    """(legacy char → unicode, unicode → legacy char) for TCVN3."""
    dec: dict[str, str] = {}
    enc: dict[str, str] = {}
    for row in _rows():
        code = _hex(row["tcvn3_hex"])
        enc[row["unicode"]] = code
        if row["tcvn3_case"] != "font" and (code != row["unicode"] or not code.isascii()):
            dec[code] = row["unicode"]
    return dec, enc


@lru_cache(maxsize=1)
def _vni() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(pair → unicode, single char → unicode, unicode → legacy) for VNI.

    Pairs are stored in both cases of the diacritic byte, since files typed
    with Caps Lock put capital diacritic bytes after capital letters and
    mixed files exist.
    """
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}
    enc: dict[str, str] = {}
    for row in _rows():
        code = _hex(row["vni_hex"])
        uni = row["unicode"]
        enc[uni] = code
        if len(code) == 2:
            base, mark = code[0], code[1]
            for m in {mark, mark.lower(), mark.upper()}:
                pairs.setdefault(base + m, uni)
        elif code != uni:
            singles[code] = uni
    return pairs, singles, enc


def encode_legacy(text: str, encoding: str) -> str:
    """Unicode → legacy text as it looks in Windows-1252 (the reverse of `convert_legacy`).

    Characters outside the table are kept. Used to build test inputs.

    >>> encode_legacy("Kế hoạch", "tcvn3")
    'KÕ ho¹ch'
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        table = _tcvn3()[1]
    elif encoding == "vni":
        table = _vni()[2]
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; use one of {ENCODINGS}")
    return "".join(table.get(ch, ch) for ch in text)


def convert_legacy(text: str, encoding: str) -> tuple[str, list[int]]:
    """Convert TCVN3 or VNI text (read as Windows-1252) to Unicode.

    Returns the text and, for each output character, the index of the input
    character it came from (a VNI letter + diacritic pair maps to the letter).
    TCVN3 capitals typed in a capitals font come back upper-case when the
    word around them is upper-case.

    >>> convert_legacy("Céng hßa", "tcvn3")
    ('Cộng hòa', [0, 1, 2, 3, 4, 5, 6, 7])
    >>> convert_legacy("Vieät", "vni")
    ('Việt', [0, 1, 2, 4])
    """
    if encoding == "tcvn3":
        dec = _tcvn3()[0]
        out = [dec.get(ch, ch) for ch in text]
        converted = [ch in dec for ch in text]
        _restore_capitals(out, converted)
        return "".join(out), list(range(len(text)))
    if encoding == "vni":
        pairs, singles, _ = _vni()
        chars: list[str] = []
        index: list[int] = []
        i, n = 0, len(text)
        while i < n:
            pair = text[i : i + 2]
            if len(pair) == 2 and pair in pairs:
                chars.append(pairs[pair])
                index.append(i)
                i += 2
                continue
            chars.append(singles.get(text[i], text[i]))
            index.append(i)
            i += 1
        return "".join(chars), index
    raise ValueError(f"unknown legacy encoding {encoding!r}; use one of {ENCODINGS}")


_WORD = re.compile(r"\w+")


def _restore_capitals(out: list[str], converted: list[bool]) -> None:
    """Upper-case converted letters inside upper-case words (TCVN3 caps fonts).

    Evidence of a word's case: its unconverted letters and converted capitals
    (Ă Â Ê Ô Ơ Ư Đ have their own codes). A word with fewer than two such
    letters ("KÕ", "ë") follows its neighbours.
    """
    text = "".join(out)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    line_cases: dict[int, str] = {}
    states: list[str] = []
    for s, e in words:
        evidence = [out[k] for k in range(s, e) if out[k].isalpha() and (not converted[k] or out[k].isupper())]
        if any(c.islower() for c in evidence):
            states.append("lower")
        elif len(evidence) >= 2:
            states.append("upper")
        else:
            states.append("unknown")
    for w, (s, e) in enumerate(words):
        state = states[w]
        if state == "unknown":
            near = [states[k] for k in (w - 1, w + 1) if 0 <= k < len(words)]
            if "lower" in near:
                state = "lower"
            elif "upper" in near:
                state = "upper"
            else:  # spaced-out capitals ("T Ổ   C H Ứ C"): the case of the whole line decides
                line = text.rfind("\n", 0, s)
                if line not in line_cases:
                    line_cases[line] = _line_case(out, converted, s)
                state = line_cases[line]
        if state == "upper":
            for k in range(s, e):
                if converted[k]:
                    out[k] = out[k].upper()


def _line_case(out: list[str], converted: list[bool], pos: int) -> str:
    start = pos
    while start > 0 and out[start - 1] != "\n":
        start -= 1
    end = pos
    while end < len(out) and out[end] != "\n":
        end += 1
    evidence = [out[k] for k in range(start, end) if out[k].isalpha() and (not converted[k] or out[k].isupper())]
    return "upper" if len(evidence) >= 2 and all(c.isupper() for c in evidence) else "lower"


# --- detection -------------------------------------------------------------

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
_NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu"]
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))}){_CODA}$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIET_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is spelt like one Vietnamese syllable (at most one tone).

    >>> is_vietnamese_syllable("nghiêng"), is_vietnamese_syllable("schön")
    (True, False)
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return bool(_SYLLABLE.match(bare))


def _score(words: list[str], encoding: str) -> tuple[int, int]:
    """(words changed by the conversion, of which valid Vietnamese syllables)."""
    changed = valid = 0
    for word, count in Counter(words).items():
        new, _ = convert_legacy(word, encoding)
        if new == word:
            continue
        changed += count
        parts = [p for p in re.split(r"[^\w]|\d|_", new) if p]
        if parts and all(is_vietnamese_syllable(p) for p in parts):
            valid += count
    return changed, valid


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None``: is ``text`` Vietnamese typed in a legacy encoding?

    Decided on the share of words that the conversion changes and that come
    out as well-formed Vietnamese syllables; Unicode Vietnamese, English and
    other Latin-script languages give ``None``.

    >>> detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    'vni'
    >>> detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam") is None
    True
    """
    sample = text[:_SAMPLE]
    if not any("\u00a0" <= ch <= "\u00ff" for ch in sample):
        return None
    viet_only = len(_VIET_ONLY.findall(sample))
    if viet_only > max(2, len(sample.split()) // 50):
        return None  # already Unicode Vietnamese (decided before the word list: there are no more words)
    words = [w for w in sample.split() if any(c.isalpha() for c in w)]
    if not words:
        return None
    if viet_only > max(2, len(words) // 50):
        return None  # already Unicode Vietnamese
    best: tuple[int, str] | None = None
    for encoding in ENCODINGS:
        changed, valid = _score(words, encoding)
        if changed < min(2, len(words)) or changed < 0.15 * len(words):
            continue
        if valid < 0.7 * changed:
            continue
        if best is None or valid > best[0]:
            best = (valid, encoding)
    return best[1] if best else None
