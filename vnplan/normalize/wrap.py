"""Rejoin hard-wrapped lines into paragraphs; one paragraph per output line.

A line break is removed (the lines joined with a space) when it is a wrap:

* never across a hard break (a block boundary, a table cell, a removed
  separator line) — always inside a markdown emphasis span;
* never before a heading or list item (``I.``, ``1.``, ``a)``, ``-``, ``+``,
  ``Điều 1.``) or a header/signature line, never after a header line
  (Quốc hiệu, ``Số:``, place and date, ``KẾ HOẠCH``, ``TM. ...``, ``Nơi nhận:``);
* when the next line starts in lower case or with a digit (after ``.``, ``:``
  or ``;`` only in lower case);
* when it starts with a capital: if the line ends with a word that cannot end
  a paragraph (``của``, ``và``, ``Bộ`` ...), or is as long as the document's
  wrapped lines, or (layout text) the next line is not indented.

A blank line is a paragraph break, unless the document is double-spaced
(blank lines between wrapped lines) or the text plainly runs on (a line
without final punctuation followed by a lower-case line: a page break).
``168/KH-`` + ``SGD&ĐT`` join without a space.  Output lines carry no
leading/trailing spaces and there are no empty lines.

    >>> rejoin(MappedText.identity("Ủy ban nhân dân huyện xây dựng kế hoạch\\ntổ chức Tuần lễ.\\nI. MỤC ĐÍCH")).text
    'Ủy ban nhân dân huyện xây dựng kế hoạch tổ chức Tuần lễ.\\nI. MỤC ĐÍCH'
"""
from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from vnplan.normalize.lines import SEPARATORS, connectors, is_list_start, line_spans, role
from vnplan.normalize.offsetmap import MappedText
from vnplan.normalize.unicode import HARD_BREAK, SOFT_JOIN

__all__ = ["WrapStyle", "rejoin", "split_columns"]

_COLUMN_GAP = re.compile(r"(?<=\S)[ ]{4,}(?=\S)")
_HEADER_ROLES = frozenset({"national-motto", "motto", "number", "place-date", "signature", "signer-title",
                           "recipients", "doc-type", "drafter"})
_ARTICLE_LABEL = re.compile(r"^(Điều|Khoản|Mục)\s+\d+[.:]?$")
_MULTISPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_PUNCT = "\"'“”‘’()[]«».,;:!?…*_-–/ "
_FIRST_WORD = re.compile(r"^\W*([^\W\d_]+)")


@dataclass
class _Line:
    start: int  # content start (after indentation)
    end: int  # content end (before trailing spaces)
    indent: int
    text: str


@dataclass(frozen=True)
class WrapStyle:
    """What the document's line breaks look like (measured, not configured)."""

    double_spaced: bool
    layout: bool
    width: float | None
    blank_paragraphs: bool = False  # blank lines end paragraphs, single breaks are wraps (web crawls)


def split_columns(mt: MappedText) -> MappedText:
    """Break a layout line at wide gaps before a capital (``Số: 05     Hà Nội, ngày ...``).

    >>> split_columns(MappedText.identity("Số:      /KH-UBND        Si Ma Cai, ngày   tháng 9")).text
    'Số:      /KH-UBND\\u2029Si Ma Cai, ngày   tháng 9'
    """
    text = mt.text
    ed = mt.edits()
    for m in _COLUMN_GAP.finditer(text) if "    " in text else ():  # a gap is four spaces or more
        nxt = text[m.end()]
        before = text[max(0, m.start() - 4) : m.start()]
        if (nxt.isupper() or nxt in "-–(") and not before.endswith(("Số:", "số:")):
            ed.replace(m.start(), m.end(), HARD_BREAK)
    return mt.apply(ed)


def _lines(text: str) -> list[_Line]:
    out = []
    for s, e in line_spans(text):
        raw = text[s:e]
        stripped = raw.strip(" ")
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip(" "))
        out.append(_Line(s + lead, s + lead + len(stripped), lead, stripped))
    return out


def _last_word(s: str) -> str:
    words = s.rsplit(None, 1)
    return words[-1].strip(_PUNCT) if words else ""


def _first_alpha(s: str) -> str:
    for ch in s:
        if ch.isalnum():
            return ch
        if ch not in "\"'“”‘’([«*_ ":
            return ch
    return ""


def _continues(s: str) -> bool:
    """A line that plainly continues the one before: lower-case start, not a list label."""
    return _first_alpha(s).islower() and not is_list_start(s)


@lru_cache(maxsize=8192)
def _is_upper(s: str) -> bool:  # asked of a line as the first and as the second of a pair: cached
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def measure(text: str, lines: list[_Line]) -> WrapStyle:
    """Measure the document's wrap style from its lines."""
    pairs = list(itertools.pairwise(lines))
    blank = [b.start - a.end > 1 and sum(text.count(c, a.end, b.start) for c in SEPARATORS) > 1 for a, b in pairs]
    blank_gaps = [p for p, is_blank in zip(pairs, blank) if is_blank]
    continues = {id(ln): _continues(ln.text) for ln in lines[1:]}  # asked up to three times a line below
    lower_after_blank = sum(1 for a, b in blank_gaps if continues[id(b)])
    double = bool(pairs) and len(blank_gaps) >= 0.5 * len(pairs) and lower_after_blank >= 0.1 * max(1, len(blank_gaps))
    indented = sum(1 for ln in lines if ln.indent >= 3)
    flush = sum(1 for ln in lines if ln.indent == 0)
    layout = bool(lines) and indented >= 0.15 * len(lines) and flush >= 0.3 * len(lines)
    widths = [a.indent + len(a.text) for (a, b), is_blank in zip(pairs, blank)
              if continues[id(b)] and (double or not is_blank)]
    width = statistics.median(widths) if len(widths) >= 5 else None
    single = [b for (a, b), is_blank in zip(pairs, blank) if not is_blank]
    lower_single = sum(1 for b in single if continues[id(b)])
    blank_paragraphs = (not double and len(blank_gaps) >= 0.1 * max(1, len(pairs))
                        and lower_after_blank <= 0.05 * len(blank_gaps)
                        and len(single) >= 10 and lower_single >= 0.5 * len(single))
    return WrapStyle(double, layout, width, blank_paragraphs)


_RANGE_END = re.compile(r"^[-–]\s*\d")


def _join(a: _Line, b: _Line, blank: bool, style: WrapStyle, title: bool = False) -> bool:
    at, bt = a.text.strip("*_ "), b.text.strip("*_ ")
    if not at or not bt:
        return False
    if not blank and at[-1].isdigit() and _RANGE_END.match(bt):
        return True  # "giai đoạn 2021" / "- 2025”;"
    if is_list_start(bt) or role(bt) is not None:
        return False
    if _ARTICLE_LABEL.match(at) and not blank:
        return True
    if role(at) in _HEADER_ROLES:
        return False
    last = at[-1]
    first = _first_alpha(bt)
    lower = first.islower()
    if last == "-" and len(at) >= 2 and at[-2].isalnum() and first.isalnum():
        return True  # 168/KH- / SGD&ĐT
    if blank and not style.double_spaced:
        return (lower or _last_word(at) in connectors()) and last not in ".;:!?"
    if title and _is_upper(at) and _is_upper(bt):
        return True  # the upper-case title after KẾ HOẠCH / QUYẾT ĐỊNH
    if style.blank_paragraphs and not blank:
        return True
    if last in ".!?…":
        return lower and not at.endswith("./.")
    if last in ":;":
        return lower
    if lower or first.isdigit():
        return True
    if style.layout and b.indent >= 3:
        return False
    if _last_word(at) in connectors():
        return True
    a_upper, b_upper = _is_upper(at), _is_upper(bt)
    if a_upper and not b_upper:
        return False
    nxt = _FIRST_WORD.match(bt)
    if a_upper and b_upper and nxt and nxt.group(1) in connectors():
        return True
    if style.layout and b.indent < 3 and not a_upper:
        return True
    return bool(style.width and a.indent + len(a.text) >= 0.85 * style.width)


def rejoin(mt: MappedText, *, style: WrapStyle | None = None) -> MappedText:
    """Join wrapped lines, one paragraph per line, no empty lines, no stray spaces.

    >>> rejoin(MappedText.identity("  Kế hoạch số 168/KH-\\n\\nSGD&ĐT ngày 15/9/2023  ")).text
    'Kế hoạch số 168/KH-SGD&ĐT ngày 15/9/2023'
    """
    text = mt.text
    lines = _lines(text)
    if style is None:
        style = measure(text, lines)
    ed = mt.edits()
    if not lines:
        ed.delete(0, len(text))
        return mt.apply(ed)
    ed.delete(0, lines[0].start)
    ed.delete(lines[-1].end, len(text))
    title = False  # inside the upper-case title that follows the document type
    after_type = False
    for a, b in itertools.pairwise(lines):
        gap = text[a.end : b.start]
        seps = 1 if gap == "\n" else sum(gap.count(c) for c in SEPARATORS)  # one plain break: most lines
        if HARD_BREAK in gap:
            join = False
        elif SOFT_JOIN in gap and seps == 1:
            join = not (is_list_start(b.text) or role(b.text) in _HEADER_ROLES)
        else:
            in_title = (title and (seps == 1 or style.double_spaced)) or after_type
            join = _join(a, b, seps > 1, style, in_title)
            title = in_title and join
        after_type = not join and role(a.text) == "doc-type"
        if not join:
            ed.replace(a.end, b.start, "\n")
        elif a.text.endswith(("-", "/")) and len(a.text) >= 2 and a.text[-2].isalnum() and b.text[:1].isalnum():
            ed.delete(a.end, b.start)
        else:
            ed.replace(a.end, b.start, " ")
    for m in _MULTISPACE.finditer(text) if "  " in text else ():  # inside line contents: never a separator
        ed.delete(m.start() + 1, m.end())
    return mt.apply(ed)
