"""Two-column bands of a PDF page: the header table and the closing table.

The glyphs of a line (characters or words) are fetched only for the few lines that sit in a
two-column band: the header table (agency / ``Số: 173/KH-UBND`` on the left, Quốc hiệu /
``Hà Nội, ngày 28 tháng 4 năm 2026`` on the right) and the closing table (``Nơi nhận:``
beside the signature block).  Each band is read column by column.

    >>> find_gutter([(100, 228), (260, 530)], 150, 450)
    244.0
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from vnplan.read.pdf_lines import Glyph, Line, fold, margin_role_text

__all__ = ["Band", "find_closing_band", "find_closing_continuation", "find_gutter", "find_header_band",
           "join_wrapped"]


@dataclass
class Band:
    """A run of lines laid out in two columns; ``split`` is the gutter's x."""

    kind: str  # "header" | "closing"
    lines: list[Line]
    split: float
    left_only: list[Line] = field(default_factory=list)  # lines wholly in the left column (V/v …)


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
