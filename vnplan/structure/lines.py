"""Logical lines of a document: markdown marks dropped, wrapped bold runs rejoined, offsets kept.

The segmenter works on `Line` objects rather than on raw text, so it reads the
same way a clean normalised text, a web crawl with ``**bold**`` and ``|`` table
cells, and a ``pdftotext -layout`` dump with column gaps.  Every character of
``Line.text`` keeps its offset in `Document.text` (``Line.pos``), so any slice
becomes a `Span` of the normalised text.

    >>> [l.text for l in logical_lines("**KẾ HOẠCH**\\n**I. MỤC\\nĐÍCH, YÊU CẦU**")]
    ['KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnplan.structure.model import Span

__all__ = ["Line", "join_spans", "logical_lines", "span_of", "starts_lower"]

_RULE = re.compile(r"[-_=–]{3,}")  # "-------" under agency names and mottos
_GAP = re.compile(r" {3,}")


@dataclass
class Line:
    """One logical line: clean ``text`` and the `Document.text` offset of each of its characters.

    ``cells`` are the parts of the line split at table bars (``|``) and rules
    (``-----``); ``blank_before`` says an empty line preceded it; ``indent`` is
    the count of leading spaces of the raw line (layout dumps centre headings).
    """

    text: str
    pos: list[int]
    index: int = 0
    blank_before: bool = False
    indent: int = 0
    cells: list["Line"] = field(default_factory=list)
    table_row: bool = False
    bold: bool = False  # the whole line was **bold** (a heading in a web copy)

    @property
    def start(self) -> int:
        return self.pos[0] if self.pos else 0

    @property
    def end(self) -> int:
        return self.pos[-1] + 1 if self.pos else 0

    def span(self, a: int = 0, b: int | None = None) -> Span:
        """The `Span` of ``text[a:b]`` (whitespace trimmed)."""
        return span_of(self.text, self.pos, a, b)

    def sub(self, a: int, b: int | None = None) -> "Line":
        """A new line holding ``text[a:b]`` trimmed (same index and flags)."""
        b = len(self.text) if b is None else b
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return Line(self.text[a:b], self.pos[a:b], self.index, self.blank_before, self.indent)

    def gaps(self) -> list["Line"]:
        """Split at runs of 3+ spaces (columns of a layout dump)."""
        out, last = [], 0
        for m in _GAP.finditer(self.text):
            if m.start() > last:
                out.append(self.sub(last, m.start()))
            last = m.end()
        if last < len(self.text):
            out.append(self.sub(last))
        return [p for p in out if p.text]

    def __repr__(self) -> str:
        return f"Line({self.index}, {self.text[:50]!r})"


def span_of(text: str, pos: list[int], a: int = 0, b: int | None = None) -> Span:
    """`Span` for ``text[a:b]`` whose characters sit at ``pos`` in the document."""
    b = len(text) if b is None else b
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b:
        p = pos[a] if a < len(pos) else (pos[-1] + 1 if pos else 0)
        return Span(p, p, "")
    return Span(pos[a], pos[b - 1] + 1, " ".join(text[a:b].split()))


def join_spans(spans: list[Span], sep: str = " ") -> Span | None:
    """One span from the first start to the last end, texts joined."""
    spans = [s for s in spans if s is not None and s.text]
    if not spans:
        return None
    return Span(spans[0].start, spans[-1].end, sep.join(s.text for s in spans))


def starts_lower(text: str) -> bool:
    """True when the first letter of ``text`` is lower case (a wrapped continuation)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


_MARKUP_CHARS = re.compile(r"[*\\\t\xa0]|^\s*#")


def _clean(raw: str, base: int) -> tuple[str, list[int], int]:
    """Drop markdown emphasis and heading marks; keep offsets.  Returns text, pos, indent."""
    indent = len(raw) - len(raw.lstrip(" \t"))
    if not _MARKUP_CHARS.search(raw):  # fast path: nothing to drop, offsets run straight through
        return raw, list(range(base, base + len(raw))), indent
    chars: list[str] = []
    pos: list[int] = []
    i, n = 0, len(raw)
    # leading markdown heading marks
    j = indent
    while j < n and raw[j] == "#":
        j += 1
    if j > indent and (j == n or raw[j] == " "):
        i = j
    while i < n:
        ch = raw[i]
        if ch == "*":
            # a bullet "* Lưu ý" at line start stays; emphasis stars go
            rest = raw[:i].strip()
            if not rest and i + 1 < n and raw[i + 1] == " " and not (i + 2 < n and raw[i + 2] == "*"):
                chars.append(ch)
                pos.append(base + i)
            i += 1
            continue
        if ch == "\\" and i + 1 < n and raw[i + 1] in "-*_#|.()[]":
            i += 1
            continue
        if ch == "\t" or ch == "\xa0":
            ch = " "
        chars.append(ch)
        pos.append(base + i)
        i += 1
    return "".join(chars), pos, indent


def _glued_bold(raw: str) -> list[int]:
    """Offsets where a ``**`` run sits between two non-spaces ("lục**BÁO", "2025****I.")."""
    cuts = []
    for m in re.finditer(r"\*{2,}", raw):
        a, b = m.start(), m.end()
        if 0 < a and b < len(raw) and not raw[a - 1].isspace() and not raw[b].isspace():
            if raw[a - 1] not in "*" and raw[b] not in ".,;:)":
                cuts.append(a)
    return cuts


def _odd_marks(raw: str) -> bool:
    """An emphasis run opened and not closed on this raw line."""
    doubles = len(re.findall(r"\*\*", raw))
    if doubles % 2:
        return True
    single = raw.replace("**", "")
    stripped = single.strip()
    if stripped.startswith("* "):
        return False
    return single.count("*") % 2 == 1 and stripped.startswith("*")


def _find_all(text: str, ch: str) -> list[int]:
    out, i = [], text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _cells(line: Line) -> list[Line]:
    """Split a line at table bars and rules into cells."""
    text = line.text
    cuts: list[tuple[int, int]] = [(i, i + 1) for i in _find_all(text, "|")]
    for m in _RULE.finditer(text):
        cuts.append((m.start(), m.end()))
    if not cuts:
        return [line]
    cuts.sort()
    out, last = [], 0
    for a, b in cuts:
        if a > last:
            out.append(line.sub(last, a))
        last = max(last, b)
    if last < len(text):
        out.append(line.sub(last))
    return [c for c in out if c.text and c.text.strip(" -|:")]


def logical_lines(text: str) -> list[Line]:
    """The document's logical lines (markdown cleaned, wrapped emphasis rejoined).

    >>> [c.text for c in logical_lines("| Số: 254/QĐ-UBND | Sơn La, ngày 17 tháng 02 năm 2023 |")[0].cells]
    ['Số: 254/QĐ-UBND', 'Sơn La, ngày 17 tháng 02 năm 2023']
    """
    raw_lines: list[tuple[str, int]] = []
    glued: set[int] = set()  # pieces cut at a glued bold mark: never rejoined
    pos = 0
    for raw in text.split("\n"):
        cuts = _glued_bold(raw)
        last = 0
        for c in cuts:
            glued.add(len(raw_lines))
            raw_lines.append((raw[last:c], pos + last))
            last = c
        if cuts:
            glued.add(len(raw_lines))
        raw_lines.append((raw[last:], pos + last))
        pos += len(raw) + 1

    out: list[Line] = []
    blank = False
    i = 0
    while i < len(raw_lines):
        raw, base = raw_lines[i]
        group = [(raw, base)]
        k = i
        # rejoin an emphasis run wrapped over lines (at most 5 lines, never over a table bar)
        acc = raw
        while i not in glued and _odd_marks(acc) and k + 1 < len(raw_lines) and len(group) < 6:
            nraw = raw_lines[k + 1][0]
            if not nraw.strip() or nraw.strip().startswith("|"):
                break
            k += 1
            group.append(raw_lines[k])
            acc += " " + nraw
        i = k + 1
        chars: list[str] = []
        poss: list[int] = []
        indent = 0
        for gi, (graw, gbase) in enumerate(group):
            t, p, ind = _clean(graw, gbase)
            if gi == 0:
                indent = ind
            else:
                chars.append(" ")
                poss.append(gbase - 1)
            chars.extend(t)
            poss.extend(p)
        line_text = "".join(chars)
        stripped = line_text.strip()
        bare = stripped.replace("|", "").replace("-", "").replace(":", "").strip()
        if not bare:
            blank = True
            continue
        line = Line(line_text, poss, len(out), blank, indent)
        line = line.sub(0)
        line.indent = indent
        line.table_row = "|" in line_text
        joined = " ".join(g[0] for g in group).strip()
        line.bold = joined.startswith("**") and joined.endswith("**") and len(joined.strip("* ")) > 0
        line.cells = _cells(line)
        if line.table_row or len(line.cells) > 1:
            # keep the cells joined by " | " as the line text for reading, cells for parsing
            pass
        if not line.text:
            blank = True
            continue
        line.index = len(out)
        line.blank_before = blank
        out.append(line)
        blank = False
    return out
