"""Text stamped into the gaps of a line after the page was made.

E-signing systems write the number and the day of a document onto the
finished PDF: ``Số:      /KH-ĐKT`` gets ``1105`` drawn into its gap, and
``ngày    tháng 3`` gets ``10``.  Those characters come last in the text
stream, so pdfium gives them as a line of their own at the end of the page
(``1105\\r\\n10``).  `join_stamped` puts each such piece back into the line
it sits in, at its place from left to right.

    >>> from vnplan.read.pdf_layout import Glyph
    >>> def line(text, x, index):  # one 6-pt wide glyph per character, spaces 6 pt
    ...     glyphs = [Glyph(c, x + 6 * k, x + 6 * k + 5, 700, 710) for k, c in enumerate(text) if c != " "]
    ...     return Line(text, x, x + 6 * len(text) - 1, 700, 710, index, glyphs=glyphs)
    >>> so, stamp = line("Số:      /KH-ĐKT", 100, 0), line("1105", 130, 9)
    >>> [ln.text for ln in join_stamped([so, stamp], lambda ln: ln.glyphs)]
    ['Số: 1105/KH-ĐKT']
"""
from __future__ import annotations

import re
from collections.abc import Callable

from vnplan.read.pdf_layout import Glyph, Line

__all__ = ["join_stamped"]

_MAX_STAMP = 40  # characters: a stamp is a number or a date, never a sentence
_STAMP_TEXT = re.compile(r"^[\d\s/.,:-]+$")


def _v_overlap(a: Line, b: Line) -> float:
    return min(a.top, b.top) - max(a.bottom, b.bottom)


def _fits(host: list[Glyph], piece: list[Glyph]) -> bool:
    """Every glyph of ``piece`` lies within the host's span and in a gap between its glyphs."""
    x0, x1 = min(g.x0 for g in host), max(g.x1 for g in host)
    for p in piece:
        if not (x0 <= p.x0 and p.x1 <= x1):
            return False
        width = max(p.x1 - p.x0, 0.1)
        for g in host:
            if min(g.x1, p.x1) - max(g.x0, p.x0) > 0.3 * width:
                return False
    return True


def _splice(host: Line, host_glyphs: list[Glyph], piece: list[Glyph]) -> str:
    """The host's text with the piece's characters inserted where their x says."""
    # position in host.text of each non-space character (glyphs skip whitespace, in order)
    positions = [i for i, ch in enumerate(host.text) if not ch.isspace()]
    if len(positions) != len(host_glyphs):
        return host.text  # glyphs and text disagree: leave the host alone
    height = host.height
    inserts: dict[int, list[Glyph]] = {}
    for p in piece:
        k = sum(1 for g in host_glyphs if g.x0 + g.x1 < p.x0 + p.x1)  # host glyphs left of the piece (by centre)
        inserts.setdefault(k, []).append(p)
    out: list[str] = []
    text = host.text
    cut = 0
    for k in sorted(inserts):
        run = sorted(inserts[k], key=lambda g: g.x0)
        left = host_glyphs[k - 1] if k > 0 else None
        right = host_glyphs[k] if k < len(host_glyphs) else None
        end = positions[k - 1] + 1 if k > 0 else 0
        out.append(text[cut:end])
        words: list[str] = []
        prev: Glyph | None = None
        for g in run:
            if prev is not None and g.x0 - prev.x1 > 0.12 * height:
                words.append(" ")
            words.append(g.text)
            prev = g
        gap_left = run[0].x0 - left.x1 if left is not None else 0.0
        gap_right = right.x0 - run[-1].x1 if right is not None else 0.0
        before, after = gap_left > 0.12 * height, gap_right > 0.12 * height
        start = positions[k] if k < len(positions) else len(text)
        if not (before or after) and any(c.isspace() for c in text[end:start]):
            # the host had a space there (loose boxes hide gaps): keep one, on the wider side
            before, after = gap_left >= gap_right, gap_left < gap_right
        out.append((" " if before else "") + "".join(words) + (" " if after else ""))
        cut = start
    out.append(text[cut:])
    return " ".join("".join(out).split())


def join_stamped(lines: list[Line], fetch: Callable[[Line], list[Glyph]]) -> list[Line]:
    """Lines with each short stamped line merged into the line whose gaps it fills.

    A line is a stamp when it is short digits (a number, a day), overlaps another
    line vertically by more than half its height, and each of its characters
    sits inside that line's span without covering any of its characters.
    """
    if len(lines) < 2:
        return lines
    merged: dict[int, Line] = {}
    dropped: set[int] = set()
    for stamp in lines:
        text = stamp.text.strip()
        if not text or len(text) > _MAX_STAMP or not _STAMP_TEXT.match(text):
            continue
        hosts = [
            ln for ln in lines
            if ln is not stamp and id(ln) not in dropped and len(ln.text) > len(text)
            and _v_overlap(ln, stamp) > 0.5 * min(ln.height, stamp.height)
            and ln.x0 <= stamp.x0 and stamp.x1 <= ln.x1
        ]
        if not hosts:
            continue
        piece = fetch(stamp)
        if not piece:
            continue
        for host in sorted(hosts, key=lambda ln: -len(ln.text)):
            current = merged.get(id(host), host)
            glyphs = fetch(current)
            if not glyphs or not _fits(glyphs, piece):
                continue
            text2 = _splice(current, glyphs, piece)
            if text2 == current.text:
                continue
            merged[id(host)] = Line(
                text2, current.x0, current.x1, min(current.bottom, stamp.bottom), max(current.top, stamp.top),
                current.index, current.start, current.end, glyphs=sorted(glyphs + piece, key=lambda g: g.x0),
                paragraph=current.paragraph,
            )
            dropped.add(id(stamp))
            break
    if not dropped:
        return lines
    return [merged.get(id(ln), ln) for ln in lines if id(ln) not in dropped]
