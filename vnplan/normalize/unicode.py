"""Character-level clean-up: NFC, split diacritics, Ð→Đ, odd spaces, hyphens and line ends.

    >>> clean_unicode(MappedText.identity("TI\\u0309NH  Ðắk\\u00a0Lắk"))[0].text
    'TỈNH  Đắk Lắk'

Tone marks that a PDF text layer put after a space (``"TI \\u0309NH"``) or as
spacing characters (``"a´"``) are attached to their letter.  En and em dashes
and curly quotes are kept: they are what the document printed.
"""
from __future__ import annotations

import re
import unicodedata

from vnplan.normalize.offsetmap import MappedText

__all__ = ["CONTROL_CHARS", "DELETE_CHARS", "HARD_BREAK", "SOFT_JOIN", "SPACE_CHARS", "clean_unicode", "compose_nfc"]

# Pipeline-internal line separators (raw U+2028/U+2029 become "\n" first).
HARD_BREAK = "\u2029"  # a paragraph break no later pass may remove
SOFT_JOIN = "\u2028"  # a line break that must be joined (inside markdown emphasis)

# Control characters (C0 except tab, newline, carriage return, vertical tab and form feed, which
# are line ends or spaces; DEL; C1 except NEL) and the non-characters U+FFFE/U+FFFF: a PDF text
# layer can carry them (U+0002 in a Sở công văn), and XML exports (GraphML) cannot hold them.
CONTROL_CHARS = (
    "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D))
    + "\u007f" + "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85) + "\uffff"
)
DELETE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufffe" + CONTROL_CHARS
SPACE_CHARS = "\t\u000b\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ONE_TO_ONE = {
    **{c: " " for c in SPACE_CHARS},
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00d0": "\u0110", "\u00f0": "\u0111",  # Icelandic eth typed for Đ/đ
    "\u01a2": "\u01af", "\u01a3": "\u01b0",  # Ƣ/ƣ (oi) of a legacy-font text layer for Ư/ư: "dƣỡng"
    "\u0085": "\n", "\u2028": "\n", "\u2029": "\n",
}
# Spacing forms of tone marks seen in PDF text layers → combining marks.
_SPACING_TONES = {"\u00b4": "\u0301", "\u02ca": "\u0301", "\u02cb": "\u0300", "\u02dc": "\u0303", "\u02c0": "\u0309"}
_COMBINING = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_VOWEL = "aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ"
_ODD = re.compile(
    "[" + re.escape(DELETE_CHARS + "".join(_ONE_TO_ONE)) + "]|\r\n?"
)
# letter, optional single space, combining marks (split diacritics); or any char + marks
_CLUSTER = re.compile(rf"([^\s{_COMBINING}])( ?)([{_COMBINING}]+)")
_MARK_RUN = re.compile(rf"(?:^|(?<=\s))[{_COMBINING}]{{2,}}")
_SPACING = re.compile(rf"([{_VOWEL}])( ?)([{''.join(_SPACING_TONES)}])(?=[\w\s]|$)")
_CONTROL_SET = frozenset(CONTROL_CHARS)
_MARK = re.compile(rf"[{_COMBINING}]")
_NON_NFC_SINGLE = re.compile("[\u0340\u0341\u0343\u0344\u0374\u037e\u0387\u1f71-\u1ffd\u2000\u2001\u2126\u212a\u212b\u2329\u232a]")


def _compose(base: str, marks: str) -> str | None:
    """The single precomposed character for ``base + marks``, if there is one."""
    out = unicodedata.normalize("NFC", base + marks)
    return out if len(out) == 1 else None


def _where(src: str, out: str) -> list[int]:
    """Source index of each character of a composed cluster: marks are matched forward by identity."""
    where: list[int] = []
    last = -1
    for ch in out:
        k = src.find(ch, last + 1) if unicodedata.combining(ch) else -1
        if k < 0:
            k = max(last, 0)
        where.append(k)
        last = max(last, k)
    return where


def clean_unicode(mt: MappedText) -> tuple[MappedText, list[str]]:
    """NFC-compose, attach split tone marks, map odd spaces/hyphens/Ð, unify line ends.

    Returns the new text and warnings.

    >>> clean_unicode(MappedText.identity("Ho\\u0300a\\r\\nX"))[0].text
    'Hòa\\nX'
    >>> clean_unicode(MappedText.identity("Số: 12\\u0002/KH"))[0].text
    'Số: 12/KH'
    """
    text = mt.text
    ed = mt.edits()
    warnings: list[str] = []
    split = 0
    first_mark = _MARK.search(text)  # every cluster holds a combining mark: none before the first one
    for m in _CLUSTER.finditer(text, max(0, first_mark.start() - 2)) if first_mark else ():
        base, space, marks = m.group(1), m.group(2), m.group(3)
        composed = _compose(base, marks)
        if space and composed is None:
            continue
        if composed is not None:
            ed.replace(m.start(), m.end(), composed)
            split += bool(space)
        else:
            src = m.group(0)
            nfc = unicodedata.normalize("NFC", src)
            if nfc != src:
                ed.replace(m.start(), m.end(), nfc, _where(src, nfc))
    for m in _SPACING.finditer(text) if any(c in text for c in _SPACING_TONES) else ():
        composed = _compose(m.group(1), _SPACING_TONES[m.group(3)])
        if composed is not None and ed.replace(m.start(), m.end(), composed):
            split += 1
    controls = 0
    for m in _ODD.finditer(text):
        s = m.group(0)
        if s in ("\r\n", "\r"):
            ed.replace(m.start(), m.end(), "\n")
        elif s in DELETE_CHARS:
            controls += s in _CONTROL_SET  # each control character is a match of its own
            ed.delete(m.start(), m.end())
        else:
            ed.replace(m.start(), m.end(), _ONE_TO_ONE[s])
    for m in _NON_NFC_SINGLE.finditer(text):
        ed.replace(m.start(), m.end(), unicodedata.normalize("NFC", m.group(0)))
    if controls:
        warnings.append(f"control characters removed ({controls})")
    if split:
        warnings.append(f"split diacritics joined to their letters ({split})")
    if "\u00d0" in text or "\u00f0" in text:
        warnings.append("Ð (eth) read as Đ")
    if "\u01a2" in text or "\u01a3" in text:
        warnings.append("ƣ (oi) read as ư")
    return mt.apply(ed), warnings


def compose_nfc(mt: MappedText) -> MappedText:
    """NFC again after later passes deleted characters between a letter and its mark (``A*\u0300``).

    >>> compose_nfc(MappedText.identity("A\u0300")).text
    'À'
    """
    if unicodedata.is_normalized("NFC", mt.text):
        return mt
    ed = mt.edits()
    for m in _CLUSTER.finditer(mt.text):
        if m.group(2):
            continue
        src = m.group(0)
        nfc = unicodedata.normalize("NFC", src)
        if nfc != src:
            ed.replace(m.start(), m.end(), nfc, _where(src, nfc))
    for m in _NON_NFC_SINGLE.finditer(mt.text):
        ed.replace(m.start(), m.end(), unicodedata.normalize("NFC", m.group(0)))
    for m in _MARK_RUN.finditer(mt.text):  # orphan marks (no letter before them): canonical order only
        src = m.group(0)
        nfc = unicodedata.normalize("NFC", src)
        if nfc != src:
            ed.replace(m.start(), m.end(), nfc, _where(src, nfc))
    return mt.apply(ed)
