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
wins.

    >>> fixer = FontFixer()  # doctest: +SKIP
    >>> fixer.fix_page(textpage)  # doctest: +SKIP
    'UBND TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\r\\nSỞ CÔNG THƯƠNG …'
"""
from __future__ import annotations

import ctypes
import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import pypdfium2.raw as pdfium_c

__all__ = ["FontFixer", "candidate_chars", "reference_font"]

_EM = 40  # pixels per em for glyph comparison
_TOP, _BOTTOM = 1.3, 0.35  # canvas above / below the baseline, in em
_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts")
_SYMBOLIC = 4
_MIN_SCORE = 0.55


def candidate_chars() -> str:
    """The characters a glyph may be: ASCII, Latin-1 letters and all Vietnamese letters.

    >>> all(c in candidate_chars() for c in "SỞ CÔNG THƯƠNG đ Đ ă ữ")
    True
    """
    chars = [chr(c) for c in range(0x21, 0x7F)]
    chars += [chr(c) for c in range(0xA0, 0x100) if chr(c).isprintable()]
    chars += list("ĂăĐđĨĩŨũƠơƯư")
    chars += [chr(c) for c in range(0x1EA0, 0x1EFA)]
    chars += list("–—‘’“”…•№")
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
    import numpy as np
    from PIL import Image, ImageChops, ImageDraw

    w = max(int(width_em * _EM) + 4, 4)
    h = int((_TOP + _BOTTOM) * _EM)
    img = Image.new("1", (w, h), 0)
    s = _EM / upm
    for contour in _polygons(glyphset, name):
        if len(contour) < 3:
            continue
        layer = Image.new("1", (w, h), 0)
        ImageDraw.Draw(layer).polygon([(2 + x * s, _TOP * _EM - y * s) for x, y in contour], fill=1)
        img = ImageChops.logical_xor(img, layer)
    return np.asarray(img, dtype=bool)


def _grow(a: Any) -> Any:
    import numpy as np

    out = a.copy()
    out[1:, :] |= a[:-1, :]
    out[:-1, :] |= a[1:, :]
    out[:, 1:] |= a[:, :-1]
    out[:, :-1] |= a[:, 1:]
    return out


def _score(a: Any, b: Any) -> float:
    """Overlap of two glyph images, tolerant of a pixel of design difference."""
    w = min(a.shape[1], b.shape[1])
    a, b = a[:, :w], b[:, :w]
    ga, gb = _grow(a), _grow(b)
    hit = (a & gb).sum() + (b & ga).sum()
    total = a.sum() + b.sum()
    return float(hit / total) if total else 0.0


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

    def image(self, name: str, adv: float) -> Any:
        if name not in self._img:
            self._img[name] = _raster(self.glyphset, name, self.upm, adv)
        return self._img[name]

    def best(self, img: Any, adv: float) -> tuple[str | None, float]:
        best: tuple[str | None, float] = (None, 0.0)
        for w, ch, name in self.by_width:
            if abs(w - adv) > 0.012:
                continue
            sc = _score(img, self.image(name, w))
            if sc > best[1]:
                best = (ch, sc)
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
        self.cmaps: list[dict[int, str]] = []
        if "cmap" in self.font:
            for t in self.font["cmap"].tables:
                if (t.platformID, t.platEncID) in ((3, 0), (1, 0), (3, 1)):
                    self.cmaps.append(t.cmap)

    def glyph_for_code(self, code: int) -> str | None:
        for cm in self.cmaps:
            for c in (code, 0xF000 + code):
                if c in cm:
                    return cm[c]
        return None

    def advance(self, name: str) -> float:
        return self.font["hmtx"][name][0] / self.upm


class FontFixer:
    """Map the characters of fonts without a Unicode map back to Unicode, by glyph shape.

    One fixer serves a whole document (fonts and decisions are cached).
    """

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[_Embedded | None, str, int, bool]] = {}
        self._refs: dict[tuple[str, bool, bool], _Reference | None] = {}
        self._memo: dict[tuple[str, str], str | None] = {}
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
        style = _style(name)
        if style not in self._refs:
            font = reference_font(*style)
            self._refs[style] = _Reference(font) if font is not None else None
        return self._refs[style]

    def _decide(self, emb: _Embedded, fid: str, glyph: str) -> str | None:
        key = (fid, glyph)
        if key not in self._memo:
            ref = self._ref(emb.name)
            out: str | None = None
            if ref is not None and glyph in emb.glyphset:
                adv = emb.advance(glyph)
                img = _raster(emb.glyphset, glyph, emb.upm, adv)
                if not img.any():
                    out = " " if adv > 0.15 else None
                else:
                    ch, sc = ref.best(img, adv)
                    out = ch if sc >= _MIN_SCORE else None
            self._memo[key] = out
        return self._memo[key]

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
            if ch in "\r\n" or ch.isspace():
                continue
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            if not obj:
                continue
            emb, fid, _flags, symbolic = self._font(pdfium_c.FPDFTextObj_GetFont(obj))
            if emb is None:
                continue
            glyph: str | None = None
            if pdfium_c.FPDFText_HasUnicodeMapError(raw, i):
                gid = ord(ch)  # Identity-H without ToUnicode: pdfium reports the glyph id
                if 0 < gid < len(emb.order):
                    glyph = emb.order[gid]
            elif symbolic and emb.cmaps:
                try:
                    code = ch.encode("mac_roman")[0]  # pdfium read the byte as Mac Roman
                except UnicodeEncodeError:
                    code = ord(ch) if ord(ch) < 256 else -1
                if code >= 0:
                    glyph = emb.glyph_for_code(code)
            if glyph is None:
                continue
            new = self._decide(emb, fid, glyph)
            if new is None:
                self.stats["unsure"] += 1
                continue
            if new != ch:
                out[i] = new
                changed = True
            self.stats["fixed"] += 1
        return "".join(out) if changed else None  # same length: char indices stay valid
