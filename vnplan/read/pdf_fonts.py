"""Recover the text of PDF fonts that have no Unicode map, by the shape of their glyphs.

Word-made PDFs printed through a driver often embed Times New Roman subsets
as ``Identity-H`` fonts without a ``ToUnicode`` map: pdfium then reports the
glyph id as the character (``6Ӣ`` for ``SỞ``: ``S`` is glyph 54, ``Ở`` glyph
1250).  The Latin-1 letters of the same page sit in symbolic TrueType fonts
whose codes pdfium reads as Mac Roman (``L¿O CAI`` for ``LÀO CAI``).  Glyph
order differs between font versions and styles, so the ids are not mapped by
a table: each glyph is drawn from the embedded font program and compared with
the glyphs of the metric-compatible Liberation font of the same style
(Liberation Serif for Times New Roman, Liberation Sans for Arial): only
characters of the same advance width are candidates, and the best overlap
wins.  Composite glyphs are read as base + marks, each mark by the shape of
its outline stretched to a square (a font flattens the marks of capitals and
shrinks those stacked beside a circumflex).  When pdfium's character names
no glyph of a symbolic font (bold ``Á`` read as ``£``), the glyph is found by
its box, and between glyphs of one box (``À``/``Á``) by the character as the
page paints it.

    >>> fixer = FontFixer()  # doctest: +SKIP
    >>> fixer.fix_page(textpage)  # doctest: +SKIP
    'UBND TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\r\\nSỞ CÔNG THƯƠNG …'
"""
from __future__ import annotations

import logging
import ctypes
import hashlib
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2.raw as pdfium_c

logging.getLogger("fontTools").setLevel(logging.ERROR)  # subset fonts trip harmless table warnings

__all__ = ["RECOVERY_VERSION", "FontFixer", "cached_page", "candidate_chars", "reference_font", "store_page"]

RECOVERY_VERSION = "3"  # part of the cache key: bump when the recovery changes its answers

_EM = 56  # pixels per em for glyph comparison
_TOP, _BOTTOM = 1.3, 0.35  # canvas above / below the baseline, in em
_PAD = 0.3  # canvas left of the origin and right of the advance, in em
_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts")
_SYMBOLIC = 4
_MIN_SCORE = 0.55
_NEAR = 0.03  # two candidates' scores this close are a near tie
_MARK_SCORE, _MARK_MARGIN = 0.5, 0.05  # a mark's best shape score, and its lead over the next mark


def candidate_chars() -> str:
    """The characters a glyph may be: ASCII, Latin-1 letters and all Vietnamese letters.

    >>> all(c in candidate_chars() for c in "SỞCÔNGTHƯƠNGđĐăữ")
    True
    """
    chars = [chr(c) for c in range(0x21, 0x7F)]
    chars += [chr(c) for c in range(0xA0, 0x100) if chr(c).isprintable()]
    chars += list("ĂăĐđĨĩŨũƠơƯư")
    chars += [chr(c) for c in range(0x1EA0, 0x1EFA)]
    chars += list("–—‘’“”…•№")
    chars = [c for c in chars if c not in "Ðð"]  # Icelandic eth: drawn like Đ/đ, never Vietnamese
    return "".join(dict.fromkeys(chars))


def _style(name: str) -> tuple[str, bool, bool]:
    """Family ("Serif"/"Sans"/"Mono") and bold/italic from a PDF base font name."""
    n = name.split("+", 1)[-1].lower()
    bold = "bold" in n or "black" in n or "heavy" in n
    italic = "italic" in n or "oblique" in n
    if any(k in n for k in ("arial", "helvetica", "sans", "verdana", "tahoma", "calibri")):
        family = "Sans"
    elif any(k in n for k in ("courier", "mono")):
        family = "Mono"
    else:
        family = "Serif"
    return family, bold, italic


@lru_cache(maxsize=16)
def reference_font(family: str, bold: bool, italic: bool) -> Any | None:
    """The Liberation font of that style as a fontTools ``TTFont``, or None when not installed."""
    from fontTools.ttLib import TTFont

    suffix = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    for d in _FONT_DIRS:
        hits = sorted(Path(d).rglob(f"Liberation{family}-{suffix}.ttf")) if Path(d).is_dir() else []
        if hits:
            return TTFont(str(hits[0]), lazy=True)
    return None


# --------------------------------------------------------------------------- glyph drawing


def _polygons(glyphset: Any, name: str) -> list[list[tuple[float, float]]]:
    from fontTools.pens.basePen import BasePen

    class Flat(BasePen):
        def __init__(self) -> None:
            super().__init__(glyphset)
            self.contours: list[list[tuple[float, float]]] = []

        def _moveTo(self, pt: tuple[float, float]) -> None:
            self.contours.append([pt])

        def _lineTo(self, pt: tuple[float, float]) -> None:
            self.contours[-1].append(pt)

        def _curveToOne(self, p1: Any, p2: Any, p3: Any) -> None:
            (x0, y0) = self.contours[-1][-1]
            for k in range(1, 5):
                t = k / 4
                a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
                self.contours[-1].append((a * x0 + b * p1[0] + c * p2[0] + d * p3[0],
                                          a * y0 + b * p1[1] + c * p2[1] + d * p3[1]))

        def _qCurveToOne(self, p1: Any, p2: Any) -> None:
            (x0, y0) = self.contours[-1][-1]
            for k in range(1, 4):
                t = k / 3
                a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
                self.contours[-1].append((a * x0 + b * p1[0] + c * p2[0], a * y0 + b * p1[1] + c * p2[1]))

    pen = Flat()
    glyphset[name].draw(pen)
    return pen.contours


def _raster(glyphset: Any, name: str, upm: int, width_em: float) -> Any:
    """A boolean image of the glyph (even-odd fill), origin at the left, baseline fixed."""
    from PIL import Image, ImageChops, ImageDraw

    pad = int(_PAD * _EM)  # italics and commas reach past the origin and the advance
    w = max(int(width_em * _EM) + 2 * pad, 4)
    h = int((_TOP + _BOTTOM) * _EM)
    img = Image.new("1", (w, h), 0)
    s = _EM / upm
    for contour in _polygons(glyphset, name):
        if len(contour) < 3:
            continue
        layer = Image.new("1", (w, h), 0)
        ImageDraw.Draw(layer).polygon([(pad + x * s, _TOP * _EM - y * s) for x, y in contour], fill=1)
        img = ImageChops.logical_xor(img, layer)
    return np.asarray(img, dtype=bool)


def _raster_mark(glyphset: Any, name: str, upm: int, dy: float = 0.0) -> Any:
    """A mark glyph drawn wherever its x lies (combining marks sit left of the origin)."""
    return _raster_outline(_polygons(glyphset, name), upm, dy)


def _raster_outline(contours: list[list[tuple[float, float]]], upm: int, dy: float = 0.0) -> Any:
    """Contours of a mark drawn like `_raster_mark`: baseline fixed, left edge at the ink."""
    from PIL import Image, ImageChops, ImageDraw

    contours = [c for c in contours if len(c) >= 3]
    if not contours:
        return np.zeros((4, 4), dtype=bool)
    s = _EM / upm
    x_min = min(x for c in contours for x, _ in c)
    x_max = max(x for c in contours for x, _ in c)
    w = int((x_max - x_min) * s) + 5
    h = int((_TOP + _BOTTOM) * _EM)
    img = Image.new("1", (w, h), 0)
    for contour in contours:
        layer = Image.new("1", (w, h), 0)
        ImageDraw.Draw(layer).polygon([(2 + (x - x_min) * s, _TOP * _EM - (y + dy) * s) for x, y in contour], fill=1)
        img = ImageChops.logical_xor(img, layer)
    return np.asarray(img, dtype=bool)


def _pieces(contours: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """The contours of a glyph grouped into the pieces they fill (a counter stays with its outline).

    Contours join when their filled areas touch, drawn at 256 pixels per
    1000 units: the circumflex and the acute of one ``ấ`` mark glyph part.

    >>> square = lambda x, y, s: [(x, y), (x + s, y), (x + s, y + s), (x, y + s)]
    >>> [len(p) for p in _pieces([square(0, 0, 100), square(20, 20, 40), square(90, 110, 50)])]
    [2, 1]
    """
    from PIL import Image, ImageDraw

    contours = [c for c in contours if len(c) >= 3]
    if len(contours) < 2:
        return [contours] if contours else []
    scale = 0.256
    x0 = min(x for c in contours for x, _ in c)
    y1 = max(y for c in contours for _, y in c)
    w = int((max(x for c in contours for x, _ in c) - x0) * scale) + 3
    h = int((y1 - min(y for c in contours for _, y in c)) * scale) + 3
    masks = []
    for c in contours:
        layer = Image.new("1", (w, h), 0)
        ImageDraw.Draw(layer).polygon([(1 + (x - x0) * scale, 1 + (y1 - y) * scale) for x, y in c], fill=1)
        masks.append(np.asarray(layer, dtype=bool))
    group = list(range(len(contours)))

    def root(k: int) -> int:
        while group[k] != k:
            k = group[k]
        return k

    for a in range(len(masks)):
        for b in range(a + 1, len(masks)):
            if (masks[a] & masks[b]).any():
                group[root(b)] = root(a)
    pieces: dict[int, list[list[tuple[float, float]]]] = {}
    for k, c in enumerate(contours):
        pieces.setdefault(root(k), []).append(c)
    return list(pieces.values())


def _grow(a: Any) -> Any:
    out = a.copy()
    out[1:, :] |= a[:-1, :]
    out[:-1, :] |= a[1:, :]
    out[:, 1:] |= a[:, :-1]
    out[:, :-1] |= a[:, 1:]
    return out


class _Shape:
    """A glyph image with what comparisons need: its ink, the ink grown by a pixel, its parts."""

    __slots__ = ("img", "ink", "grown", "labels", "parts")

    def __init__(self, img: Any) -> None:
        from scipy import ndimage

        self.img = img
        self.ink = int(img.sum())
        self.grown = _grow(img)
        self.labels, n = ndimage.label(img)
        sizes = ndimage.sum(img, self.labels, range(1, n + 1)) if n else []
        self.parts = [(k + 1, sz) for k, sz in enumerate(sizes) if sz >= 3]


def _fit(x: Any, w: int) -> Any:
    return x[:, :w]


def _score(a: _Shape, b: _Shape, parts: bool = True) -> float:
    """Overlap of two glyph images: the worse of the two directions, each tolerant of a pixel.

    A mark that only one glyph has (the acute of ``ố`` beside ``ô``) lowers the
    score; with ``parts`` a missing part (the dot of ``Ọ``, a horn) costs more
    than its share of ink.
    """
    if not a.ink or not b.ink:
        return 0.0
    w = min(a.img.shape[1], b.img.shape[1])
    ai, bi, ag, bg = _fit(a.img, w), _fit(b.img, w), _fit(a.grown, w), _fit(b.grown, w)
    ab, ba = ai & bg, bi & ag
    overall = min(ab.sum() / a.ink, ba.sum() / b.ink)
    if not parts:
        return float(overall)
    worst = min(_parts_covered(a, ab, w), _parts_covered(b, ba, w))
    return float(overall * (0.5 + 0.5 * worst))


def _parts_covered(a: _Shape, hit: Any, w: int) -> float:
    """The least covered share among the connected parts of ``a``."""
    if len(a.parts) <= 1:
        return float(hit.sum() / max(a.ink, 1))
    labels = _fit(a.labels, w)
    counts = np.bincount(labels[hit], minlength=int(a.labels.max()) + 1)  # parts skip specks: labels run past them
    return float(min(counts[k] / sz for k, sz in a.parts))


_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0308"


_MARK_PX = 24  # side of the square a mark's outline is stretched to for comparison
# the tone marks stacked beside a circumflex or a breve (ầ ấ ẩ ẫ, ằ ắ ẳ ẵ) have their own, smaller designs
_STACKED = {"\u0300": "ầằ", "\u0301": "ấắ", "\u0309": "ẩẳ", "\u0303": "ẫẵ"}


def _mark_shape(contours: list[list[tuple[float, float]]]) -> _Shape | None:
    """A mark's outline stretched to fill a ``_MARK_PX`` square: its shape without size or proportions.

    Marks are compared by shape alone: a font draws a mark narrower or flatter
    over capitals and beside a circumflex (the hook of ``Ể`` is half as tall as
    the hook of ``ỏ``, and then as flat as a tilde), and drawing the outline at
    this size keeps the detail a 6-pixel mark of the glyph images lacks.
    """
    from PIL import Image, ImageChops, ImageDraw

    contours = [c for c in contours if len(c) >= 3]
    if not contours:
        return None
    x0 = min(x for c in contours for x, _ in c)
    x1 = max(x for c in contours for x, _ in c)
    y0 = min(y for c in contours for _, y in c)
    y1 = max(y for c in contours for _, y in c)
    sx, sy = (_MARK_PX - 1) / max(x1 - x0, 1e-6), (_MARK_PX - 1) / max(y1 - y0, 1e-6)
    img = Image.new("1", (_MARK_PX, _MARK_PX), 0)
    for contour in contours:
        layer = Image.new("1", (_MARK_PX, _MARK_PX), 0)
        ImageDraw.Draw(layer).polygon([((x - x0) * sx, (y1 - y) * sy) for x, y in contour], fill=1)
        img = ImageChops.logical_xor(img, layer)
    return _Shape(np.asarray(img, dtype=bool))


def _part_shown(img: Any, whole: Any, less: Any) -> bool:
    """Whether ``whole`` is ``less`` plus a part (the bar of ``đ`` over ``d``) that ``img`` has.

    For near ties between reference glyphs: the part, the ink of ``whole`` a
    pixel or more away from ``less`` (``less`` having next to none of its own),
    must mostly be there; design differences allowed for, 60 % of it.
    """
    w = min(img.shape[1], whole.shape[1], less.shape[1])
    img, whole, less = img[:, :w], whole[:, :w], less[:, :w]
    part, rest = whole & ~_grow(less), less & ~_grow(whole)
    if part.sum() < 10 or rest.sum() >= 10:
        return False  # no part of some size, or the two differ elsewhere too
    return bool((part & _grow(img)).sum() >= 0.6 * part.sum())


class _Reference:
    """Candidate glyph images of one reference font, grouped by advance width."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self.upm = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        self.glyphset = font.getGlyphSet()
        self.by_width: list[tuple[float, str, str]] = []  # (advance in em, char, glyph name)
        for ch in candidate_chars():
            name = cmap.get(ord(ch))
            if name:
                self.by_width.append((hmtx[name][0] / self.upm, ch, name))
        self._img: dict[str, Any] = {}
        self.marks: list[tuple[str, _Shape]] = []  # (combining char, outline shape) of the marks above
        for m in _MARKS:
            name = cmap.get(ord(m))
            if name and m not in "\u0323\u031b":  # dot below and horn are told by their place
                shape = _mark_shape(_polygons(self.glyphset, name))
                if shape is not None:
                    self.marks.append((m, shape))
        self.marks += self._stacked_marks(cmap)

    def _stacked_marks(self, cmap: dict[int, str]) -> list[tuple[str, _Shape]]:
        """The tone marks of the reference's ``ầ ấ ẩ ẫ ằ ắ ẳ ẵ``: each the outline beside the circumflex
        (or breve) of one mark glyph of two outlines, as Liberation draws them."""
        if "glyf" not in self.font:
            return []
        glyf = self.font["glyf"]
        out: list[tuple[str, _Shape]] = []
        for m, letters in _STACKED.items():
            for letter in letters:
                shape_mark = "\u0302" if letter in "ầấẩẫ" else "\u0306"
                name, plain = cmap.get(ord(letter)), cmap.get(ord(shape_mark))
                if not name or not plain or not glyf[name].isComposite():
                    continue
                first = _mark_shape(_polygons(self.glyphset, plain))
                for comp in glyf[name].components[1:]:
                    parts = [c for c in _polygons(self.glyphset, comp.glyphName) if len(c) >= 3]
                    if len(parts) != 2 or first is None:
                        continue
                    shapes = [_mark_shape([c]) for c in parts]
                    like = [_score(sh, first) if sh is not None else 1.0 for sh in shapes]
                    tone = shapes[int(np.argmin(like))]
                    if tone is not None:
                        out.append((m, tone))
        return out

    def mark(self, img: Any, base_top: float, outline: list[list[tuple[float, float]]]) -> str | None:
        """The combining mark a mark glyph is: below the baseline a dot, beside the base's top a
        horn, above it by the shape of its ``outline`` (``img`` is the glyph drawn in place)."""
        ys = img.any(axis=1).nonzero()[0]
        if not len(ys):
            return None
        top, bottom = _TOP - ys.min() / _EM, _TOP - (ys.max() + 1) / _EM
        if top < 0.05:
            return "\u0323"
        if bottom < base_top - 0.08:
            return "\u031b"
        shape = _mark_shape(outline)
        if shape is None:
            return None
        best: dict[str, float] = {}
        for m, ref in self.marks:
            best[m] = max(best.get(m, 0.0), _score(shape, ref))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < _MARK_SCORE:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _MARK_MARGIN:
            return None  # two marks alike: better unread than wrong
        return ranked[0][0]

    def image(self, name: str, adv: float) -> _Shape:
        if name not in self._img:
            self._img[name] = _Shape(_raster(self.glyphset, name, self.upm, adv))
        return self._img[name]

    def best(
        self, img: Any, adv: float, prior: str | None = None, ascii_penalty: float = 0.0
    ) -> tuple[str | None, float]:
        """The candidate of the same advance whose image overlaps best.

        ``prior`` (what the glyph's position in the standard order says) wins
        when it is nearly as good as the best: shapes alone confuse ``5``/``ä``.
        """
        shape = _Shape(img)
        if prior is not None and " " < prior < "\x7f":  # an ASCII id: check its standard reading first
            hit = next(((w, n) for w, ch, n in self.by_width if ch == prior and abs(w - adv) <= 0.012), None)
            if hit is not None:
                sc = _score(shape, self.image(hit[1], hit[0]))
                if sc >= 0.35:
                    return prior, sc
        rough: list[tuple[float, str, str, float]] = []
        for w, ch, name in self.by_width:
            if abs(w - adv) <= 0.012:
                rough.append((_score(shape, self.image(name, w), parts=False), ch, name, w))
        rough.sort(reverse=True)
        best: tuple[str | None, float] = (None, 0.0)
        prior_score = 0.0
        scored: list[tuple[float, str, str, float]] = []
        for _, ch, name, w in rough[:6] + [r for r in rough[6:] if r[1] == prior]:
            sc = _score(shape, self.image(name, w)) - (ascii_penalty if ch < "\x80" else 0.0)
            scored.append((sc, ch, name, w))
            if ch == prior:
                prior_score = sc
            if sc > best[1]:
                best = (ch, sc)
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] - scored[1][0] < _NEAR:  # a near tie (d/đ): the part one lacks
            first, second = (self.image(name, w).img for _, _, name, w in scored[:2])
            if _part_shown(img, second, first):
                best = (scored[1][1], scored[1][0])
        # an ASCII prior (standard ids 3–97 are near universal) may lose more to design differences
        if prior is not None and " " < prior < "\x7f" and prior_score >= 0.35:
            return prior, prior_score  # a roughly matching ASCII shape at its standard id
        if prior is not None and prior_score >= 0.5 and prior_score >= best[1] - 0.06:
            return prior, prior_score
        return best


class _Embedded:
    """An embedded font program: glyph ids by code, glyph images."""

    def __init__(self, data: bytes, name: str) -> None:
        from fontTools.ttLib import TTFont

        self.font = TTFont(io.BytesIO(data), lazy=True)
        self.name = name
        self.upm = self.font["head"].unitsPerEm
        self.order = self.font.getGlyphOrder()
        self.glyphset = self.font.getGlyphSet()
        self.mac: dict[int, str] = {}  # (1, 0) subtable: Mac Roman code → glyph
        self.win: dict[int, str] = {}  # (3, 0) or (3, 1) subtable: code (or 0xF000 + code) → glyph
        if "cmap" in self.font:
            for t in self.font["cmap"].tables:
                if (t.platformID, t.platEncID) == (1, 0):
                    self.mac.update(t.cmap)
                elif t.platformID == 3 and t.platEncID in (0, 1):
                    self.win.update(t.cmap)
        self.win_code = {g: c & 0xFF for c, g in sorted(self.win.items(), reverse=True)}
        self.cmaps = [m for m in (self.mac, self.win) if m]

    def glyphs_for_char(self, ch: str, latin1_first: bool = False) -> list[tuple[str, str | None]]:
        """Glyphs pdfium may have drawn for ``ch`` in a symbolic font, each with its Windows reading.

        pdfium names such a glyph by its Mac Roman code in the (1, 0) subtable,
        or by the Latin-1 code of the (3, 0) subtable.
        """
        out: list[tuple[str, str | None]] = []
        codes = []
        try:
            codes.append(("mac", ch.encode("mac_roman")[0]))
        except UnicodeEncodeError:
            pass
        if ord(ch) < 256:
            codes.insert(0 if latin1_first else len(codes), ("win", ord(ch)))
        for table, code in codes:
            if table == "mac":
                glyph = self.mac.get(code)
            else:
                glyph = self.win.get(0xF000 + code) or self.win.get(code)
            if glyph is not None and glyph not in (g for g, _ in out):
                wc = self.win_code.get(glyph)
                out.append((glyph, bytes([wc]).decode("cp1252", "replace") if wc is not None else None))
        return out

    def glyphs_by_box(self, box: tuple[float, float, float, float]) -> list[tuple[str, str | None]]:
        """The glyphs of the Windows subtable whose outline box (in em, from the origin) is ``box``.

        The last resort when pdfium's character names no glyph of a symbolic
        font (bold ``Á`` read as ``£``): the drawn box tells most glyphs apart;
        glyphs of one box (``À`` and ``Á``) all come back, for `_drawn_glyph`
        to choose from.  Each comes with its Windows reading.
        """
        glyf = self.font["glyf"] if "glyf" in self.font else None
        if glyf is None:
            return []
        found: list[tuple[float, str]] = []
        for glyph in sorted(set(self.win.values())):
            g = glyf[glyph]
            if not getattr(g, "numberOfContours", 0):
                continue
            g.recalcBounds(glyf)
            ours = (g.xMin / self.upm, g.yMin / self.upm, g.xMax / self.upm, g.yMax / self.upm)
            found.append((sum(abs(a - b) for a, b in zip(ours, box)), glyph))
        found.sort()
        if not found or found[0][0] > 0.08:
            return []
        out = []
        for dist, glyph in found:
            if dist - found[0][0] >= 0.01:
                break
            wc = self.win_code.get(glyph)
            out.append((glyph, bytes([wc]).decode("cp1252", "replace") if wc is not None else None))
        return out

    def advance(self, name: str) -> float:
        return self.font["hmtx"][name][0] / self.upm


def _char_box_em(raw: Any, i: int) -> tuple[float, float, float, float]:
    """The tight box of character ``i`` from its origin, in em (font size units)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
    pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
    size = pdfium_c.FPDFText_GetFontSize(raw, i) or 1.0
    return ((left.value - ox.value) / size, (bottom.value - oy.value) / size,
            (right.value - ox.value) / size, (top.value - oy.value) / size)


def _drawn(textpage: Any, i: int, width_em: float) -> Any | None:
    """Character ``i`` as pdfium paints it, in the frame of `_raster` (None without its page).

    Only the frame around the character is rendered (well under a millisecond).
    """
    page = getattr(getattr(textpage, "page", None), "raw", None)
    if page is None:
        return None
    raw = textpage.raw
    size = pdfium_c.FPDFText_GetFontSize(raw, i)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    if not size or not pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy):
        return None
    # the origin in the page's display space (y down, /Rotate applied), to 1/64 point
    fine, dx, dy = 64, ctypes.c_int(), ctypes.c_int()
    width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
    if not pdfium_c.FPDF_PageToDevice(page, 0, 0, round(width * fine), round(height * fine), 0,
                                      ox.value, oy.value, dx, dy):
        return None
    scale, pad = _EM / size, int(_PAD * _EM)
    w, h = max(int(width_em * _EM) + 2 * pad, 4), int((_TOP + _BOTTOM) * _EM)
    bitmap = pdfium_c.FPDFBitmap_Create(w, h, 0)
    if not bitmap:
        return None
    try:
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xFFFFFFFF)
        matrix = pdfium_c.FS_MATRIX(scale, 0, 0, scale, pad - dx.value / fine * scale, _TOP * _EM - dy.value / fine * scale)
        pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap, page, matrix, pdfium_c.FS_RECTF(0, 0, w, h), 0)
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        buf = ctypes.cast(pdfium_c.FPDFBitmap_GetBuffer(bitmap), ctypes.POINTER(ctypes.c_ubyte * (stride * h))).contents
        pixels = np.frombuffer(buf, dtype=np.uint8).reshape(h, stride)[:, : 4 * w].reshape(h, w, 4)
        return pixels[:, :, :3].min(axis=2) < 128  # ink: any dark channel (coloured text too)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)


def _which_drawn(drawn: Any, images: list[Any]) -> int | None:
    """Which of glyph images alike but for a part (``À``/``Á``) ``drawn`` shows, or None.

    Each pair of images is compared on the ink one has and the other lacks
    (the accent), two pixels of misplacement allowed: the winner's own ink
    must be on the page and the loser's not, against every other image, and
    the winner's whole image must be on the page too.
    """
    seen = _grow(drawn)
    wider = [_grow(_grow(img)) for img in images]

    def shown(k: int, j: int) -> float | None:  # the share of k's ink beyond j that is on the page
        own = images[k] & ~wider[j]
        n = int(own.sum())
        return float((own & seen).sum() / n) if n >= 10 else None  # a few pixels tell nothing

    for k, img in enumerate(images):
        if not img.any() or (img & seen).sum() < 0.8 * img.sum():
            continue
        wins = True
        for j in range(len(images)):
            if j == k:
                continue
            mine, theirs = shown(k, j), shown(j, k)
            if mine is None and theirs is None:
                return None  # two glyphs alike at this size: better unread than wrong
            if (mine is not None and mine < 0.75) or (theirs is not None and theirs > 0.35):
                wins = False
                break
        if wins:
            return k
    return None


@lru_cache(maxsize=16)
def _reference(family: str, bold: bool, italic: bool) -> _Reference | None:
    """The candidate shapes of one reference style, shared by all documents of the process."""
    font = reference_font(family, bold, italic)
    return _Reference(font) if font is not None else None


def _standard_char(glyph: str, gid: int) -> str | None:
    """What a glyph is by its name, or by its id in the standard Macintosh order (ids below 258).

    >>> _standard_char("glyph00054", 54), _standard_char("uni1EDE", 1250)
    ('S', 'Ở')
    """
    from fontTools.agl import toUnicode
    from fontTools.ttLib.standardGlyphOrder import standardGlyphOrder

    name = glyph
    if glyph.startswith("glyph") and glyph[5:].isdigit():
        if not 3 <= gid < len(standardGlyphOrder):
            return None
        name = standardGlyphOrder[gid]
    ch = toUnicode(name)
    return ch if len(ch) == 1 else None


def _gid(name: str) -> int:
    """The glyph id in a ``glyphNNNNN`` name (fontTools' name for unnamed glyphs), else -1."""
    return int(name[5:]) if name.startswith("glyph") and name[5:].isdigit() else -1


class FontFixer:
    """Map the characters of fonts without a Unicode map back to Unicode, by glyph shape.

    One fixer serves a whole document (fonts and decisions are cached).
    """

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[_Embedded | None, str, int, bool]] = {}
        self._memo: dict[tuple[str, str], tuple[str | None, float]] = {}  # (font, glyph) → (char, score)
        self.stats = {"fixed": 0, "unsure": 0}

    def _font(self, handle: Any) -> tuple[_Embedded | None, str, int, bool]:
        key = ctypes.cast(handle, ctypes.c_void_p).value or 0
        if key not in self._fonts:
            buf = ctypes.create_string_buffer(256)
            pdfium_c.FPDFFont_GetBaseFontName(handle, buf, 256)
            name = buf.value.decode("latin-1")
            flags = pdfium_c.FPDFFont_GetFlags(handle)
            size = ctypes.c_size_t()
            emb: _Embedded | None = None
            digest = ""
            if pdfium_c.FPDFFont_GetFontData(handle, None, 0, size) and size.value:
                data = (ctypes.c_ubyte * size.value)()
                pdfium_c.FPDFFont_GetFontData(handle, data, size.value, size)
                raw = bytes(data)
                digest = hashlib.sha1(raw).hexdigest()
                try:
                    emb = _Embedded(raw, name)
                except Exception:  # not a TrueType program (CFF, Type 1): cannot be drawn here
                    emb = None
            self._fonts[key] = (emb, name + "#" + digest, flags, bool(flags & _SYMBOLIC))
        return self._fonts[key]

    def _ref(self, name: str) -> _Reference | None:
        return _reference(*_style(name))

    def _decide(self, emb: _Embedded, fid: str, glyph: str, prior: str | None) -> tuple[str | None, float]:
        """What one glyph is: a composite by its parts (base + marks), else by its whole shape."""
        key = (fid, glyph)
        if key not in self._memo:
            self._memo[key] = (None, 0.0)  # guards against cyclic composites
            ref = self._ref(emb.name)
            out: tuple[str | None, float] = (None, 0.0)
            if ref is not None and glyph in emb.glyphset:
                if prior is not None and prior.isprintable():  # a plausible reading by position
                    whole = self._whole(emb, glyph, ref, prior)
                    if whole[0] == prior:
                        self._memo[key] = whole
                        return whole
                out = self._composite(emb, fid, glyph, ref) or self._whole(emb, glyph, ref, prior)
            self._memo[key] = out
        return self._memo[key]

    def _whole(self, emb: _Embedded, glyph: str, ref: _Reference, prior: str | None) -> tuple[str | None, float]:
        adv = emb.advance(glyph)
        img = _raster(emb.glyphset, glyph, emb.upm, adv)
        if not img.any():
            return (" ", 0.5) if adv > 0.15 else (None, 0.0)
        # ASCII keeps its standard glyph ids: a glyph far beyond them is rarely plain ASCII (Đ, not D)
        ch, sc = ref.best(img, adv, prior, 0.05 if _gid(glyph) >= 258 else 0.0)
        return (ch, sc) if sc >= _MIN_SCORE else (None, sc)

    def _composite(self, emb: _Embedded, fid: str, glyph: str, ref: _Reference) -> tuple[str | None, float] | None:
        """A Vietnamese letter drawn as base + marks (``ố`` = ``o`` + circumflex + acute)."""
        if "glyf" not in emb.font:
            return None
        g = emb.font["glyf"][glyph]
        if not g.isComposite() or len(g.components) < 2:
            return None
        parts = [(c.glyphName, getattr(c, "y", 0) or 0) for c in g.components]
        base_name = parts[0][0]
        base, sc = self._decide(emb, fid, base_name, _standard_char(base_name, _gid(base_name)))
        if base is None or not base.strip():
            return None
        base = {"ı": "i", "ȷ": "j"}.get(base, base)
        rows = _raster(emb.glyphset, base_name, emb.upm, emb.advance(base_name)).any(axis=1).nonzero()[0]
        base_top = _TOP - rows.min() / _EM if len(rows) else 0.7
        marks: list[str] = []
        for name, dy in parts[1:]:
            outline = _polygons(emb.glyphset, name)
            pieces = _pieces(outline)
            if len(pieces) > 1:  # two marks in one glyph (circumflex and acute), unless one mark of parts (¨)
                each = [ref.mark(_raster_outline(p, emb.upm, dy), base_top, p) for p in pieces]
                if None not in each and len(set(each)) == len(each):
                    marks += [m for m in each if m is not None]
                    continue
            m = ref.mark(_raster_outline(outline, emb.upm, dy), base_top, outline)
            if m is None:
                return None
            marks.append(m)
        if len(set(marks)) != len(marks):
            return None  # a mark twice: not a letter
        marks.sort(key=lambda m: m not in "\u0302\u0306\u031b")  # shape marks before tone marks
        text = unicodedata.normalize("NFC", base + "".join(marks))
        return (text, sc) if len(text) == 1 else None

    def _drawn_glyph(
        self, textpage: Any, i: int, emb: _Embedded, readings: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        """Of glyphs of the same box, the one character ``i`` paints (none when unsure)."""
        width = max(emb.advance(g) for g, _ in readings)
        drawn = _drawn(textpage, i, width)
        if drawn is None:
            return []
        images = [_raster(emb.glyphset, g, emb.upm, width) for g, _ in readings]
        if any(img.shape != drawn.shape for img in images):
            return []
        k = _which_drawn(drawn, images)
        return [] if k is None else [readings[k]]

    def fix_page(self, textpage: Any, text: str) -> str | None:
        """The page text with the characters of unmapped fonts recovered, or None if nothing changed.

        ``text`` is pdfium's text of the page (one character per char index).
        """
        raw = textpage.raw
        n = pdfium_c.FPDFText_CountChars(raw)
        if n != len(text):
            return None
        out = list(text)
        changed = False
        for i in range(n):
            ch = text[i]
            if ch in "\r\n":
                continue
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            if not obj:
                continue
            emb, fid, _flags, symbolic = self._font(pdfium_c.FPDFTextObj_GetFont(obj))
            if emb is None:
                continue
            new: str | None = None
            error = pdfium_c.FPDFText_HasUnicodeMapError(raw, i)
            if error and not emb.cmaps:
                gid = ord(ch)  # Identity-H without ToUnicode: pdfium reports the glyph id
                if 0 < gid < len(emb.order):
                    glyph = emb.order[gid]
                    prior = _standard_char(glyph, gid)
                    new, _ = self._decide(emb, fid, glyph, prior)
                    if new is None and prior is not None and "!" <= prior <= "~":
                        new = prior  # the standard order is near universal for ASCII
            elif emb.cmaps and (symbolic or error) and (ord(ch) >= 0x80 or error):  # ASCII codes read right
                # pdfium read the code through the Mac or the Windows subtable: try both
                # (pdfium flags the codes it read as Latin-1); the first plausible reading wins
                new = None
                readings = emb.glyphs_for_char(ch, latin1_first=bool(error))
                if not readings:  # no subtable has pdfium's code: the glyph of the drawn box
                    readings = emb.glyphs_by_box(_char_box_em(raw, i))
                    if len(readings) > 1:  # glyphs of one box (À, Á): the one painted on the page
                        readings = self._drawn_glyph(textpage, i, emb, readings)
                for glyph, prior in readings:
                    new = self._decide(emb, fid, glyph, prior)[0]
                    if new is not None:
                        break
            else:
                continue
            if new is None:
                self.stats["unsure"] += 1
                continue
            if new != ch:
                out[i] = new
                changed = True
            self.stats["fixed"] += 1
        return "".join(out) if changed else None  # same length: char indices stay valid


# --------------------------------------------------------------------------- cache of recovered pages


def _cache_file(digest: str, page: int) -> Path:
    from vnplan.read import cache

    return cache.entry_path(cache.cache_dir("fonts"), f"{digest}-{page}-v{RECOVERY_VERSION}", ".txt")


def cached_page(digest: str, page: int, length: int) -> str | None:
    """The recovered text of page ``page`` (0-based) of the file with that digest, if cached.

    Kept next to the OCR cache (``$VNPLAN_CACHE/fonts``); the text must have
    pdfium's length (one character per char index).
    """
    from vnplan.read.cache import read_entry

    text = read_entry(_cache_file(digest, page), newline="")  # keep pdfium's \r\n
    return text if text is not None and len(text) == length else None


def store_page(digest: str, page: int, text: str) -> None:
    """Keep a recovered page text (written atomically; a failure to write is ignored)."""
    from vnplan.read.cache import write_atomic

    write_atomic(_cache_file(digest, page), text, newline="")
