"""Markdown, HTML and table-pipe artefacts of web crawls, removed with the offset map kept.

    >>> strip_markup(MappedText.identity("**KẾ HOẠCH**  \\n[Luật](http://x.vn) \\\\- A &amp; B<br>C"))[0].text
    'KẾ HOẠCH  \\nLuật - A & B\\nC'

Table rows (``| Số: 05 | Hà Nội, ngày ... |``) become one line per cell,
separated by hard breaks; lines holding only ``|``, ``|---|---|`` or a rule of
dashes are dropped and end the paragraph before them.  A line break inside a
bold or italic span (``**ỦY BAN NHÂN\\nDÂN**``) becomes a must-join break.
"""
from __future__ import annotations

import bisect
import html
import re

from vnplan.normalize.lines import line_spans
from vnplan.normalize.offsetmap import Edits, MappedText
from vnplan.normalize.unicode import HARD_BREAK, SOFT_JOIN

__all__ = ["split_cell", "strip_markup"]

_SEPARATOR_LINE = re.compile(r"[ \t]*(?:\|[ \t]*|\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?|[-–—_=*~]{3,}|#{1,6}|\*{1,4}[ \t]*\*{0,4})[ \t]*")
_SEPARATOR_CHARS = " \t|:-–—_=*~#"  # every character `_SEPARATOR_LINE` can match
_ROW = re.compile(r"[ \t]*\|(.*[^\\])\|[ \t]*")
_CELL_SEP = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+")
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{1,500})\]\(([^)\s]{0,2000})(?:[ \t]+\"[^\"\n]{0,300}\")?\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~=/])")
_HTML_TAG = re.compile(r"<!--.{0,5000}?-->|</?([a-zA-Z][a-zA-Z0-9]{0,10})\b(?:[^<>\"']|\"[^\"]*\"|'[^']*'){0,2000}/?>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BREAK_TAGS = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
_CELL_TAGS = {"td", "th"}
_KNOWN_TAGS = _BREAK_TAGS | _CELL_TAGS | {"b", "i", "u", "em", "strong", "span", "font", "a", "sup", "sub", "img",
                                         "tbody", "thead", "col", "colgroup", "center", "small", "big", "s", "strike",
                                         "hr", "section", "article", "header", "footer", "nav", "o", "w"}

# Split points inside one flattened table cell (thuvienphapluat header/signature tables).
_CELL_SPLITS = [
    re.compile(r"(?<=\S)[ \t]+-{3,}[ \t]*"),  # "ỦY BAN NHÂN DÂN TỈNH SƠN LA -------"
    re.compile(r"(?<=[A-ZĐ])[ \t]+(?=Độc lập\s*[-–])"),  # "... VIỆT NAM Độc lập - Tự do - Hạnh phúc"
    re.compile(r"(?<=[;:])[ \t]+(?=- )"),  # "Nơi nhận: - Như trên; - Lưu: VT"
    re.compile(r"(?<=\S)[ \t]+(?=(?:KT|TM|TL|TUQ)\.[ \t])"),  # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    re.compile(r"(?<=[A-ZĐ])[ \t]+(?=(?:PHÓ CHỦ TỊCH|THỨ TRƯỞNG|PHÓ GIÁM ĐỐC|PHÓ THỦ TƯỚNG)\b)"),
    re.compile(r"(?<=\S)[ \t]+(?=V/v\b)"),  # "Số: 2214/BXD-QLN V/v: Hỗ trợ ..."
    # "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH": the agency, then its place
    re.compile(r"(?<=^(?:ỦY|UỶ) BAN NHÂN DÂN)[ \t]+(?=(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b)"),
    # an upper-case title followed by a personal name at the end of the cell
    re.compile(r"(?<=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]{2})[ \t]+"
               r"(?=(?:[A-ZĐ][^\W\d_A-Z]*[ \t]+){1,4}[A-ZĐ][^\W\d_A-Z]+[ \t]*$)"),
]


def split_cell(cell: str) -> list[tuple[int, int]]:
    """Spans inside a flattened table cell where a line break belongs.

    >>> c = "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tín"
    >>> [c[s:e] for s, e in split_cell(c)]
    [' ', ' ']
    """
    spans: list[tuple[int, int]] = []
    if " " not in cell and "\t" not in cell:
        return spans  # every split point is a run of spaces or tabs
    for pattern in _CELL_SPLITS:
        for m in pattern.finditer(cell):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _html(text: str, ed: Edits) -> int:
    n = 0
    for m in _HTML_TAG.finditer(text):
        name = (m.group(1) or "").lower()
        if m.group(0).startswith("<!--"):
            ed.delete(m.start(), m.end())
        elif name in _BREAK_TAGS:
            ed.replace(m.start(), m.end(), "\n" if name == "br" else HARD_BREAK)
        elif name in _CELL_TAGS:
            ed.replace(m.start(), m.end(), HARD_BREAK if not m.group(0).startswith("</") else "")
        elif name in _KNOWN_TAGS:
            ed.delete(m.start(), m.end())
        else:
            continue
        n += 1
    for m in _ENTITY.finditer(text):
        ch = html.unescape(m.group(0))
        if ch != m.group(0):
            ed.replace(m.start(), m.end(), ch.replace("\u00a0", " "))
            n += 1
    return n


def _separators_and_rows(text: str, ed: Edits) -> int:
    spans = line_spans(text)
    n = 0
    i = 0
    while i < len(spans):
        s, e = spans[i]
        line = text[s:e]
        if "|" not in line and line.strip(_SEPARATOR_CHARS):  # neither a separator line nor a table row
            i += 1
            continue
        if line.strip() and _SEPARATOR_LINE.fullmatch(line) and line.strip() != "*":
            j = i
            while j + 1 < len(spans) and spans[j + 1][1] > spans[j + 1][0] and _SEPARATOR_LINE.fullmatch(text[spans[j + 1][0]:spans[j + 1][1]]):
                j += 1
            run_end = spans[j][1]
            if run_end < len(text):
                ed.delete(s, run_end + 1)
                if s > 0:
                    ed.replace(s - 1, s, HARD_BREAK)
            else:
                ed.delete(max(0, s - 1), run_end)
            n += j - i + 1
            i = j + 1
            continue
        row = _ROW.fullmatch(line)
        if row:
            n += 1
            inner_start = s + row.start(1)
            inner_end = s + row.end(1)
            ed.delete(s, inner_start)
            ed.delete(inner_end, e)
            cells: list[tuple[int, int]] = []
            pos = inner_start
            for m in _CELL_SEP.finditer(text, inner_start, inner_end):
                ed.replace(m.start(), m.end(), HARD_BREAK)
                cells.append((pos, m.start()))
                pos = m.end()
            cells.append((pos, inner_end))
            for cs, ce in cells:
                while cs < ce and text[cs] in " \t":
                    cs += 1
                for a, b in split_cell(text[cs:ce]):
                    ed.replace(cs + a, cs + b, HARD_BREAK)
        i += 1
    return n


def _emphasis(text: str, ed: Edits) -> int:
    """Delete emphasis markers; turn newlines inside a span into must-join breaks."""
    n = 0
    open_kind: str | None = None
    pending: list[int] = []  # newlines seen while a span is open
    for m in re.finditer(r"\n[ \t]*(?:\n|\|[ \t]*\n)|\n|\*{1,3}|_{2,3}", text):
        tok = m.group(0)
        if tok.startswith("\n"):
            if tok.strip(" \t\n|") == "" and len(tok) > 1 or len(pending) >= 3:
                open_kind, pending = None, []  # blank line or table boundary ends any span
            elif open_kind is not None:
                pending.append(m.start())
            continue
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before == "\\":
            continue  # an escaped, literal star
        if tok == "*" and (before.isalnum() and after.isalnum() or before in "(" and after in ")"):
            continue  # "(*)", "a*b"
        if tok == "*" and before in " \t\n" and after in " \t\n" and open_kind is None:
            continue  # a lone star (bullet handled elsewhere)
        if tok.startswith("_") and (before.isalnum() or after.isalnum()) and not (before in " \t\n" or after in " \t\n"):
            continue  # snake_case
        ed.delete(m.start(), m.end())
        n += 1
        kind = tok[0] + str(min(len(tok), 2))
        if open_kind is None:
            open_kind, pending = kind, []
        else:
            for nl in pending:
                ed.replace(nl, nl + 1, SOFT_JOIN)
            open_kind, pending = None, []
    return n


def _split_cells(mt: MappedText, cells: list[tuple[int, int]]) -> MappedText:
    """Line breaks inside table-cell blocks (raw spans) that hold a flattened header or signature."""
    ed = mt.edits()
    offs = mt.offsets
    hi = len(offs) - 1
    for rs, re_ in cells:
        s = bisect.bisect_left(offs, rs, hi=hi)
        e = bisect.bisect_left(offs, re_, hi=hi)
        for a, b in split_cell(mt.text[s:e]):
            ed.replace(s + a, s + b, HARD_BREAK)
    return mt.apply(ed)


def strip_markup(mt: MappedText, cells: list[tuple[int, int]] | None = None) -> tuple[MappedText, list[str]]:
    """Remove markdown/HTML/table-pipe artefacts.  Returns the new text and warnings.

    ``cells`` are raw spans of table-cell blocks from the reader; a flattened
    header or signature inside one is split into lines (see `split_cell`).

    >>> strip_markup(MappedText.identity("|\\n**ỦY BAN NHÂN\\nDÂN **\\n|"))[0].text
    'ỦY BAN NHÂN\\u2028DÂN '
    """
    text = mt.text
    counts = {"html": 0, "table": 0, "markdown": 0}
    if "<" in text or "&" in text:
        ed = mt.edits()
        counts["html"] = _html(text, ed)
        mt = mt.apply(ed)
        text = mt.text
    ed = mt.edits()
    counts["table"] = _separators_and_rows(text, ed)
    for m in _IMAGE.finditer(text):
        ed.delete(m.start(), m.end())
        counts["markdown"] += 1
    for m in _LINK.finditer(text):
        if ed.delete(m.start(), m.start() + 1):
            ed.delete(m.end(1), m.end())
            counts["markdown"] += 1
    for s, e in line_spans(text) if "#" in text else ():
        h = _HEADING.match(text, s, e)
        if h:
            ed.delete(h.start(), h.end())
            counts["markdown"] += 1
    for m in _ESCAPE.finditer(text):
        ed.delete(m.start(), m.start() + 1)
        counts["markdown"] += 1
    if "*" in text or "__" in text:  # no marker, no emphasis span: the walk over the newlines would change nothing
        counts["markdown"] += _emphasis(text, ed)
    mt = mt.apply(ed)
    if cells:
        mt = _split_cells(mt, cells)
    warnings = []
    if counts["html"]:
        warnings.append(f"HTML markup removed ({counts['html']})")
    return mt, warnings
