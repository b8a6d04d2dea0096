"""Page layout for PDF reading: lines with boxes, column bands and ruled tables.

Coordinates are PDF points with the origin at the bottom left (y grows
upwards), whatever produced the line (pdfium's text layer, ``pdftotext
-bbox-layout`` or Tesseract).  Most lines only need their box; the glyphs of a
line (characters or words) are fetched for the few lines that sit in a
two-column band: the header table (agency / ``Số: 173/KH-UBND`` on the left,
Quốc hiệu / ``Hà Nội, ngày 28 tháng 4 năm 2026`` on the right) and the closing
table (``Nơi nhận:`` beside the signature block).

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Band",
    "Glyph",
    "Line",
    "TableGrid",
    "ends_paragraph",
    "find_closing_band",
    "find_closing_continuation",
    "find_gutter",
    "find_header_band",
    "find_tables",
    "first_word_width",
    "fold",
    "join_wrapped",
    "lines_from_glyphs",
    "margin_role",
    "paragraph_breaks",
    "split_columns",
]


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


@dataclass
class Band:
    """A run of lines laid out in two columns; ``split`` is the gutter's x."""

    kind: str  # "header" | "closing"
    lines: list[Line]
    split: float
    left_only: list[Line] = field(default_factory=list)  # lines wholly in the left column (V/v …)


@dataclass
class TableGrid:
    """A ruled table: cells as ``(row, col, x0, bottom, x1, top)``."""

    x0: float
    bottom: float
    x1: float
    top: float
    cells: list[tuple[int, int, float, float, float, float]]

    def holds(self, line: Line) -> bool:
        """Whether the line's centre falls inside the table."""
        cx = (line.x0 + line.x1) / 2
        return self.bottom - 1 <= line.cy <= self.top + 1 and self.x0 - 1 <= cx <= self.x1 + 1


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
    for g in glyphs:
        if out and g.text and all(unicodedata.combining(c) for c in g.text):
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
    for c in clusters:
        g = c[0]
        h = max(g.top - g.bottom, 1.0)
        for row in rows[-3:]:
            ref = row[0][0]
            overlap = min(ref.top, g.top) - max(ref.bottom, g.bottom)
            if overlap > 0.5 * min(h, max(ref.top - ref.bottom, 1.0)):
                row.append(c)
                break
        else:
            rows.append([c])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c[0].x0)
        parts: list[str] = []
        prev: Glyph | None = None
        height = max(max(c[0].top for c in row) - min(c[0].bottom for c in row), 1.0)
        for c in row:
            g = c[0]
            gap = g.x0 - prev.x1 if prev is not None else 0.0
            if prev is not None and (
                gap > space_ratio * height
                or (gap > 0.02 * height and prev.text[-1:].isdigit() != g.text[:1].isdigit() and g.text[:1].isalnum())
            ):
                parts.append(" ")
            parts.append("".join(x.text for x in c))
            prev = g
        flat = [x for c in row for x in c]
        lines.append(
            Line(
                text="".join(parts),
                x0=min(x.x0 for x in flat),
                x1=max(x.x1 for x in flat),
                bottom=min(x.bottom for x in flat),
                top=max(x.top for x in flat),
                glyphs=flat,
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


# --------------------------------------------------------------------------- bands

_QUOC_HIEU = ("xãhộichủnghĩa", "cộnghòaxã", "cộnghoàxã", "đảngcộngsảnviệtnam")
_DATE_LINE = re.compile(r"ngày.{0,12}tháng|ngày\d|,ngày|\d{1,2}/\d{1,2}/(19|20)\d\d$")
_TIEU_NGU = ("độclập", "tựdo")
_NOI_NHAN = re.compile(r"^nơinhận|^kínhgửi.*nơinhận")
_NOI_NHAN_FIRST = frozenset("nNkK\u212a")  # what folds to the first letter of a match (U+212A: Kelvin sign, NFC K)
# a place-and-date line: "Si Ma Cai, ngày   tháng 9 năm" (anywhere in a line: columns may share it)
_PLACE_DATE = re.compile(r"\w[^,;:\d]{1,40},\s*ngày[\s\d.…_]*tháng[\s\d.…_]*năm", re.IGNORECASE)
_SO_LINE = re.compile(r"^số:?[\d/.…_]")  # on folded text: "số:/kh-ubnd", "số:173/kh-ubnd"
_AGENCY = re.compile(
    r"^(ủybannhândân|ubnd|hộiđồngnhândân|hđnd|sở|bộ|vănphòng|tỉnhủy|huyệnủy|thànhủy|đảngủy|"
    r"côngan|cụcthuế|cục|tổngcục|ban[a-zđ]|phòng|trường|trungtâm|thủtướng|chínhphủ)"
)


def find_gutter(glyph_boxes: Iterable[tuple[float, float]], lo: float, hi: float) -> float | None:
    """The middle of the widest gap between glyphs whose clipped part lies in [lo, hi].

    Only gaps with glyphs on both sides count: the empty margin right of a
    signature block is not a column gutter.

    >>> find_gutter([(100, 228), (260, 530)], 150, 450)
    244.0
    >>> find_gutter([(90, 278), (306, 396)], 183, 428)
    292.0
    """
    spans = sorted((a, b) for a, b in glyph_boxes)
    best: tuple[float, float] | None = None
    cur: float | None = None
    for a, b in spans:
        if cur is not None and a > cur:
            ga, gb = max(cur, lo), min(a, hi)
            if gb - ga > 0 and (best is None or gb - ga > best[1] - best[0]):
                best = (ga, gb)
        cur = b if cur is None else max(cur, b)
    if best is None or best[1] - best[0] < 4:
        return None
    return (best[0] + best[1]) / 2


def _header_marker(text: str) -> str | None:
    """Which header marker a line carries, if any (``"qh"``, ``"tn"``, ``"date"``, ``"so"``, ``"agency"``).

    >>> [_header_marker(t) for t in ("Số: /KH-UBND Độc lập - Tự do - Hạnh phúc",
    ...                               "Si Ma Cai, ngày   tháng 9 năm", "ỦY BAN NHÂN DÂN", "KẾ HOẠCH")]
    ['tn', 'date', 'agency', None]
    """
    f = fold(text)
    if any(k in f for k in _QUOC_HIEU):
        return "qh"
    if all(k in f for k in _TIEU_NGU):
        return "tn"
    if _PLACE_DATE.search(unicodedata.normalize("NFC", text)):
        return "date"
    if _SO_LINE.match(f):
        return "so"
    if text.strip().isupper() and _AGENCY.match(f):
        return "agency"
    return None


def _is_continuation(prev: Line, ln: Line) -> bool:
    """Whether ``ln`` is the wrapped tail of ``prev`` in the same table cell.

    Same left edge (or same centre), no extra vertical gap, and a tail that
    starts with a digit or a lower-case letter (``năm`` / ``2023``).
    """
    text = ln.text.lstrip()
    if not text or not (text[0].isdigit() or text[0].islower()):
        return False
    if _header_marker(ln.text) or ln.top < prev.bottom - 0.8 * prev.height:
        return False
    aligned = abs(ln.x0 - prev.x0) < 3 or abs((ln.x0 + ln.x1) - (prev.x0 + prev.x1)) < 6
    return aligned and abs(ln.height - prev.height) < 0.25 * prev.height


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Join a column's wrapped lines back into one (``… tháng 9 năm`` + ``2023``).

    >>> a = Line("Si Ma Cai, ngày tháng 9 năm", 306, 487, 689, 700)
    >>> b = Line("2023", 306, 332, 671, 682)
    >>> [ln.text for ln in join_wrapped([a, b])]
    ['Si Ma Cai, ngày tháng 9 năm 2023']
    """
    out: list[Line] = []
    last: Line | None = None  # the last physical line of out[-1]
    for ln in lines:
        if out and last is not None and _is_continuation(last, ln):
            prev = out[-1]
            out[-1] = Line(
                prev.text.rstrip() + " " + ln.text.lstrip(), min(prev.x0, ln.x0), max(prev.x1, ln.x1),
                min(prev.bottom, ln.bottom), max(prev.top, ln.top), prev.index, prev.start, ln.end,
                (prev.glyphs or []) + (ln.glyphs or []),
            )
        else:
            out.append(ln)
        last = ln
    return out


def find_header_band(
    lines: list[Line], width: float, fetch: Callable[[Line], list[Glyph]]
) -> Band | None:
    """The two-column header at the top of the first page, if there is one.

    The band is found from any of its markers (Quốc hiệu, Tiêu ngữ, ``Số:``,
    the place-and-date line, agency lines); it runs from the top of the page
    to the place-and-date line (or the lowest marker when the date line is
    missing) and takes every line whose centre lies above that, plus the
    wrapped tail of a right-column line; the left-column lines right below it
    (``V/v …``) follow.  Without a column gutter there is no band.
    """
    if not lines:
        return None
    by_top = sorted(lines, key=lambda ln: -ln.top)[:14]
    qh = next((ln for ln in by_top if any(k in fold(ln.text) for k in _QUOC_HIEU)), None)
    if qh is not None:
        below = [ln for ln in by_top if ln.top <= qh.top + 2 and ln is not qh]
        date = next((ln for ln in below if _DATE_LINE.search(fold(ln.text))), None)
        anchor = date or next((ln for ln in below if any(k in fold(ln.text) for k in _TIEU_NGU)), None) or qh
    else:
        # no Quốc hiệu: the markers must open the page (the first lines, above the title)
        marked = []
        for ln in by_top[:8]:
            kind = _header_marker(ln.text)
            if kind is None:
                break
            marked.append((ln, kind))
        if not marked or not any(k in ("tn", "date", "so") for _, k in marked):
            return None
        dates = [ln for ln, k in marked if k == "date"]
        anchor = dates[-1] if dates else marked[-1][0]
    limit = anchor.bottom + 0.3 * anchor.height
    band = [ln for ln in lines if ln.cy >= limit]
    glyphs = [g for ln in band for g in fetch(ln)]
    split = find_gutter(((g.x0, g.x1) for g in glyphs), 0.25 * width, 0.65 * width)
    if split is None and qh is not None:
        split = qh.x0 - 1 if qh.x0 > 0.3 * width else find_gutter(((g.x0, g.x1) for g in fetch(qh)), 0.25 * width, 0.65 * width)
    if split is None:
        return None
    rest = sorted((ln for ln in lines if ln.cy < limit), key=lambda ln: -ln.top)
    # the wrapped tail of the last right-column line (``năm`` / ``2023``) belongs to the band
    right = [ln for ln in band if ln.x0 >= split]
    while rest and right and rest[0].x0 >= split and _is_continuation(right[-1], rest[0]):
        right.append(rest[0])
        band.append(rest.pop(0))
    # left-only lines below (trích yếu of a công văn): narrow, close, left of the gutter
    left_only: list[Line] = []
    beside: list[Line] = []  # right-column lines beside the trích yếu (a received-document stamp)
    prev_bottom = min(ln.bottom for ln in band)
    for ln in rest:
        if left_only and ln.x0 >= split:
            beside.append(ln)
            continue
        if ln.x1 > split + 0.03 * width or ln.top < prev_bottom - 2.2 * ln.height:
            break
        if not ln.text.strip():
            continue
        left_only.append(ln)
        prev_bottom = ln.bottom
    if left_only and not fold(left_only[0].text).startswith(("v/v", "về", "v/")) and not re.match(
        r"^(số|so)[:\s]", fold(left_only[0].text)
    ):
        left_only = []
    if left_only:
        band += [ln for ln in beside if ln.top > left_only[-1].bottom]
    return Band("header", band, split, left_only)


def _starts_noi_nhan(text: str) -> bool:
    """Whether a line opens the ``Nơi nhận`` list; folded only when its first letter can start one.

    >>> _starts_noi_nhan("Nơ i nhậ n:"), _starts_noi_nhan("Kính gửi: Sở Tài chính"), _starts_noi_nhan("- Như trên;")
    (True, False, False)
    """
    return text.lstrip()[:1] in _NOI_NHAN_FIRST and _NOI_NHAN.match(fold(text)) is not None


def find_closing_band(
    lines: list[Line], width: float, fetch: Callable[[Line], list[Glyph]]
) -> Band | None:
    """The ``Nơi nhận`` list beside the signature block, to the end of the page."""
    start = next((ln for ln in lines if _starts_noi_nhan(ln.text)), None)
    if start is None:
        return None
    top = start.top + 0.5 * start.height
    # the signature title may start a line or two above "Nơi nhận:" (right column only)
    above = sorted((ln for ln in lines if start.top < ln.top and ln.x0 > 0.45 * width), key=lambda ln: ln.top)
    for ln in above:
        if ln.bottom - top > 1.6 * ln.height:
            break
        top = ln.top + 0.1
    band = sorted((ln for ln in lines if ln.top <= top + 0.01 and not margin_role_text(ln.text)), key=lambda ln: -ln.top)
    right = [ln for ln in band if ln.x0 > 0.45 * width]
    if right:
        # the band ends at the first line running across the gutter (footnotes under the closing)
        tentative = min(ln.x0 for ln in right) - 1
        for k, ln in enumerate(band):
            if ln.top < start.bottom and _crosses(fetch(ln), tentative, ln.height):
                band = band[:k]
                break
    glyphs = [g for ln in band for g in fetch(ln)]
    split = find_gutter(((g.x0, g.x1) for g in glyphs), 0.3 * width, 0.7 * width)
    if split is None:
        # no clean gutter: a wrapped recipient runs under the signature; use the signature's left edge
        right = [ln for ln in band if ln.x0 > 0.45 * width]
        if not right:
            return None
        split = min(ln.x0 for ln in right) - 1
    return Band("closing", band, split)


def find_closing_continuation(
    lines: list[Line], width: float, split: float, fetch: Callable[[Line], list[Glyph]]
) -> Band | None:
    """The rest of a closing band that a page break cut: lines at the top of the next page.

    Lines are taken from the top while each stays on one side of the
    previous page's gutter ``split`` and follows the previous one closely
    (``- Hội khuyến học huyện;`` beside ``Nguyễn Khánh Bình``).
    """
    band: list[Line] = []
    pitches: list[float] = []
    prev: Line | None = None
    for ln in sorted(lines, key=lambda x: -x.top):
        if prev is not None:
            pitch = prev.bottom - ln.bottom
            if pitch > 1.6 * ln.height + 2 or (pitches and pitch > 1.35 * min(pitches)):
                break
            if pitch > 0.5 * ln.height:
                pitches.append(pitch)
        if ln.x0 < split < ln.x1 and _crosses(fetch(ln), split, ln.height):
            break
        band.append(ln)
        prev = ln if prev is None or ln.bottom < prev.bottom else prev
    if not band or not fold(band[0].text).startswith(("-", "+", "•")) and not any(ln.x0 >= split for ln in band):
        return None
    return Band("closing", band, split)


def _crosses(glyphs: Sequence[Glyph], x: float, height: float) -> bool:
    """Whether text runs continuously across x (no column gap there)."""
    xs = sorted((g.x0, g.x1) for g in glyphs)
    for (a0, a1), (b0, b1) in itertools.pairwise(xs):
        if a0 < x < a1 or (a1 <= x <= b0 and b0 - a1 < 0.6 * height):
            return True
    return any(a0 < x < a1 for a0, a1 in xs[-1:])


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


# --------------------------------------------------------------------------- ruled tables


def _merge(segs: list[tuple[float, float, float]], tol: float = 3.0) -> list[tuple[float, float, float]]:
    """Snap segments ``(pos, a, b)`` to shared positions and join overlapping ones."""
    segs = sorted(segs)
    groups: list[list[tuple[float, float, float]]] = []
    for s in segs:
        if groups and s[0] - groups[-1][0][0] <= tol:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[tuple[float, float, float]] = []
    for grp in groups:
        pos = sum(s[0] for s in grp) / len(grp)
        spans = sorted((s[1], s[2]) for s in grp)
        a, b = spans[0]
        for c, d in spans[1:]:
            if c <= b + tol:
                b = max(b, d)
            else:
                out.append((pos, a, b))
                a, b = c, d
        out.append((pos, a, b))
    return out


def find_tables(
    hsegs: list[tuple[float, float, float]],
    vsegs: list[tuple[float, float, float]],
    tol: float = 3.0,
) -> list[TableGrid]:
    """Ruled tables from horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` rules.

    The lattice method: corners are crossings of rules; a cell is the smallest
    rectangle whose four sides are drawn; cells sharing corners form a table.

    >>> h = [(0, 0, 200), (20, 0, 200), (40, 0, 200)]
    >>> v = [(0, 0, 40), (100, 0, 40), (200, 0, 40)]
    >>> t = find_tables(h, v)[0]
    >>> sorted((r, c) for r, c, *_ in t.cells)
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    H = _merge(hsegs, tol)
    V = _merge(vsegs, tol)
    if len(H) < 2 or len(V) < 2:
        return []
    points: set[tuple[float, float]] = set()
    for x, vy0, vy1 in V:
        for y, hx0, hx1 in H:
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                points.add((x, y))
    if len(points) < 4:
        return []

    def h_edge(y: float, xa: float, xb: float) -> bool:
        return any(abs(hy - y) < 0.01 and a - tol <= xa and xb <= b + tol for hy, a, b in H)

    def v_edge(x: float, ya: float, yb: float) -> bool:
        return any(abs(vx - x) < 0.01 and a - tol <= ya and yb <= b + tol for vx, a, b in V)

    xs_at: dict[float, list[float]] = {}
    ys_at: dict[float, list[float]] = {}
    for x, y in points:
        xs_at.setdefault(y, []).append(x)
        ys_at.setdefault(x, []).append(y)
    for v in xs_at.values():
        v.sort()
    for v in ys_at.values():
        v.sort(reverse=True)
    cells: list[tuple[float, float, float, float]] = []  # x0, bottom, x1, top
    for x, y in points:  # (x, y) is a top-left corner
        downs = [yy for yy in ys_at[x] if yy < y]
        rights = [xx for xx in xs_at[y] if xx > x]
        found = False
        for yb in downs:
            if not v_edge(x, yb, y):
                break
            for xr in rights:
                if not h_edge(y, x, xr):
                    break
                if (xr, yb) in points and v_edge(xr, yb, y) and h_edge(yb, x, xr):
                    cells.append((x, yb, xr, y))
                    found = True
                    break
            if found:
                break
    if not cells:
        return []
    # group cells sharing a corner
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    corner_owner: dict[tuple[float, float], int] = {}
    for i, (x0, b, x1, t) in enumerate(cells):
        for pt in ((x0, b), (x0, t), (x1, b), (x1, t)):
            j = corner_owner.setdefault(pt, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(root(i), []).append(c)
    tables: list[TableGrid] = []
    for grp in groups.values():
        if len(grp) < 2:
            continue
        tops = sorted({c[3] for c in grp}, reverse=True)
        lefts = sorted({c[0] for c in grp})
        rows = {t: i for i, t in enumerate(tops)}
        cols = {x: i for i, x in enumerate(lefts)}
        out = sorted(((rows[c[3]], cols[c[0]], *c) for c in grp), key=lambda r: (r[0], r[1]))
        tables.append(
            TableGrid(
                x0=min(c[0] for c in grp),
                bottom=min(c[1] for c in grp),
                x1=max(c[2] for c in grp),
                top=max(c[3] for c in grp),
                cells=out,
            )
        )
    tables.sort(key=lambda t: -t.top)
    return tables
