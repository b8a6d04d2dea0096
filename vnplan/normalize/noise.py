"""Layout noise: DOCX text-box anchor digits, page numbers, running headers, page breaks.

    >>> remove_noise(MappedText.identity("669290381000Số: 05\\n\\f- 2 -\\nKẾ HOẠCH"))[0].text
    'Số: 05\\nKẾ HOẠCH'

* A naive DOCX text dump glues the position numbers of floating text boxes
  (``<wp:posOffset>``) to the next word: ``669290381000Số:`` → ``Số:``.
* A page number is a line holding only ``- 3 -``, ``Trang 4`` / ``Trang 4/12``,
  or a bare number that sits at a page edge (next to a form feed or a page
  boundary given by the reader) or is centred far to the right in layout text.
* A running header/footer is a line repeated at the top or bottom of at least
  three pages (and half of them); digits are ignored when comparing.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import lru_cache

from vnplan.normalize.fold import fold_key
from vnplan.normalize.offsetmap import Edits, MappedText
from vnplan.normalize.unicode import HARD_BREAK

__all__ = ["ANCHOR", "PAGE_NUMBER", "remove_noise"]

ANCHOR = re.compile(r"(?<![\w/.,:\-])\d{6,}(?=[^\W\d_]{2})")
PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?P<dash>[-–—][ \t]*\d{1,3}[ \t]*[-–—])|(?P<word>(?:Trang|TRANG|Page|trang)[ \t]*\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)"
    r"|(?P<bare>\d{1,3}))[ \t]*"
)
_SIX_DIGITS = re.compile(r"\d{6}")
_PIPE_LINE = re.compile(r"[ \t]*\|[ \t]*")
_CLERK = re.compile(r"\./\.(?=[^\W\d_])")
_MAILTO_LINE = re.compile(r"[ \t]*mailto:\S+[ \t]*")
_DIGITS = re.compile(r"\d+")


_LINE_SEP = re.compile("[\n\f\u2028\u2029]")


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Lines, with a form feed (page break) also ending a line.

    Every separator is one character: the spans follow from the lengths of the split parts.
    """
    for sep in "\f\u2028\u2029":
        if sep in text:
            text = text.replace(sep, "\n")
    spans, pos = [], 0
    for part in text.split("\n"):
        end = pos + len(part)
        spans.append((pos, end))
        pos = end + 1
    return spans


# What a line's first character (after spaces and tabs) must be for `PAGE_NUMBER` (a dash, Trang,
# Page, a digit) or `_MAILTO_LINE` to match it whole.
_NOISE_FIRST = frozenset("-–—TPtm")


@lru_cache(maxsize=4096)
def _header_key(line: str) -> str:
    """A running header's key: folded, digits ignored (the same line recurs on every page)."""
    return _DIGITS.sub("#", fold_key(line))


def _delete_line(ed: Edits, spans: list[tuple[int, int]], k: int, n: int) -> None:
    s, e = spans[k]
    if e < n:
        ed.delete(s, e + 1)
    elif s > 0:
        ed.delete(s - 1, e)
    else:
        ed.delete(s, e)


def remove_noise(mt: MappedText, page_starts: list[int] | None = None) -> tuple[MappedText, list[str]]:
    """Remove anchor digits, page numbers and running headers; form feeds become line breaks.

    ``page_starts`` are raw offsets where pages begin (from the reader's blocks).
    """
    text = mt.text
    warnings: list[str] = []
    ed = mt.edits()
    anchors = 0
    for m in ANCHOR.finditer(text) if _SIX_DIGITS.search(text) else ():  # an anchor is six digits or more
        ed.delete(m.start(), m.end())
        anchors += 1
    spans = _line_spans(text)
    n = len(text)
    # page of each line: form feeds in the text, or the reader's page starts
    page_of: list[int] = []
    page = 0
    starts = sorted(page_starts or [])
    feeds, pos = 0, 0
    has_feeds = "\f" in text
    for s, e in spans:
        if has_feeds:
            feeds += text.count("\f", pos, s)  # form feeds end lines: they sit between spans
        pos = s
        page = feeds + (bisect.bisect_right(starts, mt.offsets[s]) if starts else 0)
        page_of.append(page)
    nonblank = [k for k, (s, e) in enumerate(spans) if text[s:e].strip(" \t")]
    edges: set[int] = set()
    by_page: dict[int, list[int]] = defaultdict(list)
    for k in nonblank:
        by_page[page_of[k]].append(k)
    multi_page = len(by_page) > 1
    for ks in by_page.values():
        edges.update(ks[:2] + ks[-2:])
    removed_pages = 0
    removed = set()
    for idx, k in enumerate(nonblank):
        s, e = spans[k]
        line = text[s:e]
        first = line.lstrip(" \t")[0]  # a non-blank line
        if first not in _NOISE_FIRST and not first.isdecimal():
            continue  # neither a page number nor a mailto line (what \\d matches is what isdecimal() is)
        if _MAILTO_LINE.fullmatch(line):  # link targets a PDF-to-text tool printed after their text
            _delete_line(ed, spans, k, n)
            removed.add(k)
            continue
        pm = PAGE_NUMBER.fullmatch(line)
        if not pm:
            continue
        prev_k = nonblank[idx - 1] if idx > 0 else None
        next_k = nonblank[idx + 1] if idx + 1 < len(nonblank) else None
        near_pipe = any(j is not None and _PIPE_LINE.fullmatch(text[spans[j][0]:spans[j][1]]) for j in (prev_k, next_k))
        if near_pipe:
            continue
        if pm.group("bare"):
            near_ff = "\f" in text[spans[prev_k][1] if prev_k is not None else 0 : spans[next_k][0] + 1 if next_k is not None else n]
            indent = len(line) - len(line.lstrip(" "))
            at_edge = multi_page and k in edges and (k == by_page[page_of[k]][0] or k == by_page[page_of[k]][-1])
            if not (near_ff or indent >= 12 or at_edge):
                continue
            if int(pm.group("bare")) == 0:
                continue
        _delete_line(ed, spans, k, n)
        removed.add(k)
        removed_pages += 1
    # running headers/footers
    if len(by_page) >= 3:
        seen: dict[str, set[int]] = defaultdict(set)
        where: dict[str, list[int]] = defaultdict(list)
        for pg, ks in by_page.items():
            for k in set(ks[:2] + ks[-2:]):
                if k in removed:
                    continue
                line = text[spans[k][0]:spans[k][1]].strip()
                if not 3 <= len(line) <= 120 or sum(c.isalpha() for c in line) < 4:
                    continue  # short labels and numbers ("STT", "0,48") are table content
                key = _header_key(line)
                seen[key].add(pg)
                where[key].append(k)
        for key, pages in seen.items():
            if len(pages) >= max(3, len(by_page) // 2):
                for k in where[key]:
                    _delete_line(ed, spans, k, n)
                warnings.append(f"running header/footer removed from {len(pages)} pages: {key[:40]!r}")
    for m in _CLERK.finditer(text):  # "thực hiện./.Oanh": the typist's initials after the closing mark
        ed.insert(m.end(), HARD_BREAK)
    for m in re.finditer("\f", text) if has_feeds else ():  # a page break is a line break, not a blank line
        if m.start() > 0 and text[m.start() - 1] in "\n\u2028\u2029":
            ed.delete(m.start(), m.end())
        else:
            ed.replace(m.start(), m.end(), "\n")
    if anchors:
        warnings.append(f"DOCX text-box anchor digits removed ({anchors})")
    if removed_pages:
        warnings.append(f"page numbers removed ({removed_pages})")
    return mt.apply(ed), warnings
