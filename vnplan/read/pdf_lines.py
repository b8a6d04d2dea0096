"""Text lines of a PDF page: glyphs with boxes grouped into lines, margins and paragraph breaks.

Coordinates are PDF points with the origin at the bottom left (y grows upwards), whatever
produced the line (pdfium's text layer, ``pdftotext -bbox-layout`` or Tesseract).

    >>> g = [Glyph("S", 100, 107, 727, 739), Glyph("ố", 107, 113, 727, 739),
    ...      Glyph("H", 282, 291, 722, 735), Glyph("à", 291, 297, 722, 735)]
    >>> [ln.text for ln in lines_from_glyphs(g)]
    ['Số Hà']
    >>> [[ln.text for ln in col] for col in split_columns(g, 200.0)]
    [['Số'], ['Hà']]
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Glyph", "Line", "ends_paragraph", "first_word_width", "fold", "lines_from_glyphs", "margin_role",
           "margin_role_text", "paragraph_breaks", "split_columns"]


@dataclass
class Glyph:
    """A character (or an OCR/pdftotext word) with its box in PDF points."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class Line:
    """A text line as the text layer gave it, in stream order ``index``.

    ``glyphs`` is filled on demand by ``fetch`` (pdfium characters are only
    read for lines that need them).
    """

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    index: int = 0
    start: int = 0  # first character index in the pdfium text page
    end: int = 0
    glyphs: list[Glyph] | None = None
    paragraph: int | None = None  # OCR paragraph number, when known

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


def fold(text: str) -> str:
    """Lower-case NFC text without spaces, for matching labels.

    >>> fold("Nơ i  nhậ n:")
    'nơinhận:'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


# --------------------------------------------------------------------------- glyphs → lines


def _clusters(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Attach combining marks to their base glyph, keeping stream order."""
    out: list[list[Glyph]] = []
    combining = unicodedata.combining
    for g in glyphs:
        t = g.text
        if out and t and (combining(t) if len(t) == 1 else all(combining(c) for c in t)):  # one character: most
            out[-1].append(g)
        else:
            out.append([g])
    return out


def lines_from_glyphs(glyphs: Sequence[Glyph], space_ratio: float = 0.12) -> list[Line]:
    """Group glyphs into lines by vertical overlap, order them left to right.

    A space is put between two glyphs when the horizontal gap exceeds
    ``space_ratio`` × line height (glyphs carry no spaces of their own).
    """
    clusters = [c for c in _clusters(glyphs) if c[0].text.strip()]
    clusters.sort(key=lambda c: -c[0].cy)
    rows: list[list[list[Glyph]]] = []
    # min(a, b) is `b if b < a else a` and max(a, b) is `b if b > a else a`, spelt out below (hot loop)
    for c in clusters:
        g = c[0]
        g_top, g_bottom = g.top, g.bottom
        h = g_top - g_bottom
        h = 1.0 if 1.0 > h else h  # noqa: FURB136
        for row in rows[-3:]:
            ref = row[0][0]
            r_top, r_bottom = ref.top, ref.bottom
            rh = r_top - r_bottom
            rh = 1.0 if 1.0 > rh else rh  # noqa: FURB136
            overlap = (g_top if g_top < r_top else r_top) - (g_bottom if g_bottom > r_bottom else r_bottom)  # noqa: FURB136
            if overlap > 0.5 * (rh if rh < h else h):  # noqa: FURB136
                row.append(c)
                break
        else:
            rows.append([c])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c[0].x0)
        parts: list[str] = []
        prev: Glyph | None = None
        height = max(max([c[0].top for c in row]) - min([c[0].bottom for c in row]), 1.0)
        for c in row:
            g = c[0]
            gap = g.x0 - prev.x1 if prev is not None else 0.0
            if prev is not None and (
                gap > space_ratio * height
                or (gap > 0.02 * height and prev.text[-1:].isdigit() != g.text[:1].isdigit() and g.text[:1].isalnum())
            ):
                parts.append(" ")
            parts.append(c[0].text if len(c) == 1 else "".join([x.text for x in c]))
            prev = g
        flat = row[0] if len(row) == 1 else [x for c in row for x in c]
        lines.append(
            Line(
                text="".join(parts),
                x0=min([x.x0 for x in flat]),
                x1=max([x.x1 for x in flat]),
                bottom=min([x.bottom for x in flat]),
                top=max([x.top for x in flat]),
                glyphs=flat if flat is not row[0] else list(flat),
            )
        )
    lines.sort(key=lambda ln: -ln.top)
    return lines


def split_columns(glyphs: Sequence[Glyph], split: float) -> tuple[list[Line], list[Line]]:
    """Lines of the left column, then of the right one, split at x = ``split``."""
    left: list[Glyph] = []
    right: list[Glyph] = []
    for c in _clusters(glyphs):
        (left if c[0].cx < split else right).extend(c)
    return lines_from_glyphs(left), lines_from_glyphs(right)


# --------------------------------------------------------------------------- margins and paragraphs


_PAGE_NO = re.compile(r"^\s*(?:[-–]\s*)?(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?\s*(?:[-–])?\s*$", re.IGNORECASE)


def margin_role_text(text: str) -> bool:
    return bool(_PAGE_NO.match(text))


def margin_role(line: Line, page_height: float) -> str | None:
    """``"page-header"``/``"page-footer"`` for a running page number, else None.

    >>> margin_role(Line("2", 290, 296, 800, 812), 842.0)
    'page-header'
    """
    if not _PAGE_NO.match(line.text):
        return None
    if line.bottom > page_height - 75:  # top margin (20–25 mm)
        return "page-header"
    if line.top < 70:
        return "page-footer"
    return None


def first_word_width(line: Line) -> float:
    """Estimated width of the line's first word and the space before it (ragged-right text).

    A line that stops short only because the next line's first word did not
    fit is not the end of a paragraph (``… trước ngày`` / ``20/10/2025.``).

    >>> first_word_width(Line("20/10/2025. abc", 90, 165, 100, 112))
    60.0
    """
    text = line.text.strip()
    if not text:
        return 0.0
    per_char = (line.x1 - line.x0) / len(text)
    return (len(text.split()[0]) + 1) * per_char


def ends_paragraph(line: Line, lines: Sequence[Line], following: Line | None = None) -> bool:
    """Whether ``line`` (the last of a page) stops well short of the right margin of ``lines``.

    A page ending with a short line ends its paragraph; the next page then
    starts a new one (``2. Nội dung hoạt động`` / next page ``Các xã, …``).

    >>> body = [Line("x" * 80, 90, 518, 700, 712)] * 9
    >>> ends_paragraph(Line("2. Nội dung hoạt động", 90, 210, 100, 112), body)
    True
    >>> ends_paragraph(Line("x" * 80, 90, 517, 100, 112), body)
    False
    """
    if len(lines) < 3:
        return False
    x0s = sorted(ln.x0 for ln in lines)
    x1s = sorted(ln.x1 for ln in lines)
    left, right = x0s[len(x0s) // 10], x1s[(len(x1s) * 9) // 10]
    room = right - line.x1
    return room > 0.12 * max(right - left, 1.0) and (following is None or first_word_width(following) < room)


def paragraph_breaks(lines: Sequence[Line]) -> set[int]:
    """Positions ``i`` (1 ≤ i < len) where a paragraph starts at ``lines[i]``.

    Evidence: an extra vertical gap (pitch above 1.35 × the usual one), a
    previous line that stops well short of the right margin, or a first-line
    indent after a line that is not full.
    """
    if len(lines) < 2:
        return set()
    pitches = sorted(
        a.bottom - b.bottom for a, b in itertools.pairwise(lines) if 0 < a.bottom - b.bottom < 3 * a.height
    )
    pitch = pitches[len(pitches) // 2] if pitches else None
    x0s = sorted(ln.x0 for ln in lines)
    x1s = sorted(ln.x1 for ln in lines)
    left = x0s[len(x0s) // 10]
    right = x1s[(len(x1s) * 9) // 10]
    width = max(right - left, 1.0)
    out: set[int] = set()
    def centred(ln: Line) -> bool:
        lg, rg = ln.x0 - left, right - ln.x1
        return lg > 0.05 * width and rg > 0.05 * width and abs(lg - rg) < 0.06 * width

    for i in range(1, len(lines)):
        a, b = lines[i - 1], lines[i]
        gap = a.bottom - b.bottom
        if (
            centred(a)
            and centred(b)
            and abs(a.height - b.height) < 0.1 * a.height
            and a.text.isupper() == b.text.isupper()
            and (not pitch or 0 < gap < 1.35 * pitch)
        ):
            continue
        short = a.x1 < right - 0.12 * width and a.x1 + first_word_width(b) < right
        if pitch and gap > 1.35 * pitch and gap < 12 * pitch or short or b.x0 > left + 0.04 * width and a.x1 < right - 0.02 * width:
            out.add(i)
    return out
