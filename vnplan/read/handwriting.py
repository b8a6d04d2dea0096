"""Handwritten số, day and month on a scanned printed form: where the pen wrote, and its digits cut out.

Many scanned letters are printed with blanks that an officer fills in by pen when the letter is
registered: ``Số: 428 /SGD&ĐT-VP`` and ``Phú Thọ, ngày 25 tháng 9 năm 2020``.  Tesseract's models do not
read handwriting (`vnplan.read.ocr_header`), so the blank is located from the printed words around it
(`field_gaps`: between ``Số:`` and the printed ký hiệu, between ``ngày`` and ``tháng``, between ``tháng``
and ``năm``), the pen's ink in it is separated from the print (`ink_mask`: blue or violet ink on a colour
scan, darkness otherwise), cut into digit candidates (`digit_boxes`: connected components, broken strokes
merged, touching pairs split by width) and each normalised to the 8×8 grid of 0–16 ink counts that
`sklearn.datasets.load_digits` uses (`digit_features`), for the learned reader `vnplan.read.digit_model`.

    >>> gap = Gap("day", (120, 10, 180, 50), 30)
    >>> gap.field, gap.width
    ('day', 60)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from vnplan.plaintext import strip_diacritics
from vnplan.read.ocr_page import OcrWord

__all__ = ["Blank", "Gap", "digit_boxes", "digit_features", "field_gaps", "ink_mask", "page_blanks"]

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels

_SO = re.compile(r"^\W{0,2}S[ốôóòo6]\s*[:.;]?", re.IGNORECASE)
_SYMBOL = re.compile(r"/+\s*[A-ZĐ]")  # the printed ký hiệu after the blank: /SGD&ĐT-VP, /QĐ-BGDĐT


@dataclass(frozen=True)
class Gap:
    """A blank of the printed form: which field (number, day, month), its box, the printed line's height."""

    field: str
    box: Box
    line_height: int

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]


def _fold(text: str) -> str:
    return strip_diacritics(text).lower()


def _char_width(ws: list[OcrWord]) -> float:
    """Median width of a printed letter on the line (words of letters only)."""
    widths = sorted(w.width / len(w.text) for w in ws if w.text.isalpha() and len(w.text) >= 2)
    return widths[len(widths) // 2] if widths else 0.0


def _print_width(text: str, char_width: float) -> float:
    """Width of printed text at the line's lowercase letter width (a capital is wider)."""
    return sum(char_width * (1.35 if c.isupper() else 1.0) for c in text)


def _x_after(word: OcrWord, chars: int, char_width: float = 0.0) -> int:
    """Pixel x where the printed rest of a word starts, after ``chars`` characters of a blank's ink.

    Printed text is measured back from the word's end at the line's letter width (``char_width``): the
    handwriting before it is wider than its few debris characters.  Without a width, characters are
    taken as equally wide.
    """
    if char_width and 0 < chars < len(word.text):
        return max(word.left, round(word.left + word.width - _print_width(word.text[chars:], char_width)))
    return word.left + round(word.width * chars / max(1, len(word.text)))


def _x_before_end(word: OcrWord, chars: int, char_width: float) -> int:
    """Pixel x after the first ``chars`` printed characters of a word (``ngày``, ``Số:``), the blank after it."""
    if char_width:
        return min(word.left + word.width, round(word.left + _print_width(word.text[:chars], char_width)))
    return word.left + round(word.width * chars / max(1, len(word.text)))


def _lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    return sorted((sorted(ws, key=lambda w: w.left) for ws in groups.values()), key=lambda ws: min(w.top for w in ws))


def _band(ws: list[OcrWord]) -> tuple[int, int, int]:
    """(top, bottom, height) of a printed line: the median word box, so a tall handwritten word does not count."""
    tops = sorted(w.top for w in ws)
    bottoms = sorted(w.top + w.height for w in ws)
    top, bottom = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
    return top, bottom, max(8, bottom - top)


def _number_gap(ws: list[OcrWord]) -> Gap | None:
    marker = ws[0]
    m = _SO.match(marker.text)
    if m is None:
        return None
    cw = _char_width(ws)
    x0 = _x_before_end(marker, m.end(), cw)
    top, bottom, h = _band(ws)
    for w in ws:
        s = _SYMBOL.search(w.text, 0 if w is not marker else m.end())
        if s is None:
            continue
        x1 = _x_after(w, s.start(), cw) if s.start() else w.left
        if x1 - x0 >= h // 2:
            return Gap("number", (x0, top - h // 2, x1, bottom + h // 2), h)
        return None
    return None


def _between(ws: list[OcrWord], first: str, second: str, field: str) -> Gap | None:
    """The blank after the word ``first`` and before the word ``second`` (folded, diacritics off)."""
    top, bottom, h = _band(ws)
    cw = _char_width(ws)
    for i, w in enumerate(ws):
        f = _fold(w.text)
        if not f.startswith(first):
            continue
        x0 = _x_before_end(w, len(first), cw)
        for v in ws[i:]:
            g = _fold(v.text)
            k = g.find(second, len(first) if v is w else 0)
            if k < 0:
                continue
            x1 = _x_after(v, k, cw) if k else v.left
            if x1 - x0 >= h // 2:
                return Gap(field, (x0, top - h // 2, x1, bottom + h // 2), h)
            return None
        return None
    return None


def field_gaps(words: list[OcrWord], bottom: int, gutter: int) -> list[Gap]:
    """The blanks of the header (above ``bottom``): the số (left of ``gutter``), the day and the month (right).

    >>> ws = [OcrWord("Số:", 400, 300, 60, 40, 90, (1, 1, 1)), OcrWord("/SGD&ĐT-VP", 620, 300, 240, 40, 90, (1, 1, 1)),
    ...       OcrWord("Phú", 1300, 380, 60, 40, 90, (2, 1, 1)), OcrWord("Thọ,", 1370, 380, 80, 40, 90, (2, 1, 1)),
    ...       OcrWord("ngày", 1460, 380, 100, 40, 90, (2, 1, 1)), OcrWord("tháng", 1640, 380, 120, 40, 90, (2, 1, 1)),
    ...       OcrWord("9", 1780, 380, 20, 40, 90, (2, 1, 1)), OcrWord("năm", 1820, 380, 80, 40, 90, (2, 1, 1))]
    >>> [(g.field, g.box) for g in field_gaps(ws, 600, 1100)]
    [('number', (460, 280, 620, 360)), ('day', (1560, 360, 1640, 440)), ('month', (1760, 360, 1820, 440))]
    """
    out: dict[str, Gap] = {}
    for line in _lines([w for w in words if w.top < bottom]):  # bottom: a little below the header's (a joined Số line)
        left = [w for w in line if w.left + w.width / 2 < gutter]
        right = [w for w in line if w.left + w.width / 2 >= gutter]
        if left and "number" not in out and _SO.match(left[0].text):
            gap = _number_gap(left)
            if gap is not None:
                out["number"] = gap
        if right and "day" not in out and "month" not in out and any("thang" in _fold(w.text) for w in right):
            for gap in (_between(right, "ngay", "thang", "day"), _between(right, "thang", "nam", "month")):
                if gap is not None:
                    out[gap.field] = gap
    return [out[k] for k in ("number", "day", "month") if k in out]


def ink_mask(rgb: Any) -> np.ndarray:
    """Pen ink of a crop (an RGB array or PIL image): blue or violet strokes when there are any, else dark pixels.

    Blue and violet ballpoint is bluer than it is green and red; black print is grey and a red seal is
    red, so on a colour scan the colour alone separates the pen.  A grey or black-and-white scan falls
    back to darkness.

    >>> px = np.full((40, 40, 3), 255, dtype=np.uint8); px[5:10, 5:10] = (40, 60, 170); px[20:25, 20:25] = 20
    >>> m = ink_mask(px); int(m[5:10, 5:10].sum()), int(m[20:25, 20:25].sum())  # the pen, not the print
    (25, 0)
    >>> int(ink_mask(px.mean(axis=2))[20:25, 20:25].sum())  # a grey scan: the dark pixels
    25
    """
    a = np.asarray(rgb).astype(np.int16)
    gray = a if a.ndim == 2 else a.mean(axis=2)
    if a.ndim == 3:
        r, g, b = a[..., 0], a[..., 1], a[..., 2]
        blue = (b - g > 30) & (b - r > 5) & (b < 250)
        if blue.sum() >= max(20, a.shape[0] * a.shape[1] // 2000):
            return blue  # type: ignore[no-any-return]
    return gray < _dark_threshold(gray)  # type: ignore[no-any-return]


def _dark_threshold(gray: np.ndarray) -> float:
    """Otsu's threshold of a grey crop, kept between 100 and 190 (a faint pen on white paper, not the paper)."""
    hist = np.bincount(np.clip(gray, 0, 255).astype(int).ravel(), minlength=256).astype(float)
    total = hist.sum()
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 / total - m0) ** 2 / (w0 * w1)
    between = np.nan_to_num(between)
    return float(min(190, max(100, int(between.argmax()))))


def digit_boxes(mask: np.ndarray, line_height: int) -> list[Box]:
    """Digit candidates in an ink mask, left to right: components tall enough, broken strokes merged, pairs split.

    >>> m = np.zeros((40, 60), dtype=bool); m[5:35, 5:9] = True; m[5:35, 30:34] = True; m[5:7, 40:55] = True
    >>> digit_boxes(m, 30)
    [(5, 5, 9, 35), (30, 5, 34, 35)]
    """
    from scipy import ndimage

    mask = mask.copy()
    mask[mask.mean(axis=1) > 0.6] = False  # a printed rule across the blank (the header's underline)
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3)))
    boxes: list[list[int]] = []
    for sl in ndimage.find_objects(labels):
        if sl is None:
            continue
        y0, y1, x0, x1 = sl[0].start, sl[0].stop, sl[1].start, sl[1].stop
        boxes.append([x0, y0, x1, y1])
    boxes.sort()
    merged: list[list[int]] = []
    for b in boxes:  # a stroke over or under another (the bar of a 5, a broken 4): one digit
        if merged:
            p = merged[-1]
            overlap = min(p[2], b[2]) - max(p[0], b[0])
            if overlap > 0.5 * min(p[2] - p[0], b[2] - b[0]):
                merged[-1] = [min(p[0], b[0]), min(p[1], b[1]), max(p[2], b[2]), max(p[3], b[3])]
                continue
        merged.append(b)
    out: list[Box] = []
    for x0, y0, x1, y1 in merged:
        h, w = y1 - y0, x1 - x0
        if h < 0.45 * line_height or h > 3 * line_height or w * h < 0.05 * line_height ** 2:
            continue  # a dot of the printed leader, a diacritic, a speck; or a flourish across the line
        parts = max(1, round(w / (0.8 * h))) if w > 1.1 * h else 1  # touching digits: a pair is wider than tall
        step = w / parts
        out += [(round(x0 + k * step), y0, round(x0 + (k + 1) * step), y1) for k in range(parts)]
    return out


def _upright(mask: np.ndarray) -> np.ndarray:
    """A slanted (italic) digit sheared upright by its second moments, as MNIST digits are deskewed."""
    ys, xs = np.nonzero(mask)
    cy, cx = ys.mean(), xs.mean()
    var_y = ((ys - cy) ** 2).mean()
    if var_y == 0:
        return mask
    skew = float(np.clip(((ys - cy) * (xs - cx)).mean() / var_y, -0.6, 0.6))
    h, w = mask.shape
    pad = int(abs(skew) * h) + 1
    out = np.zeros((h, w + 2 * pad), dtype=bool)
    nx = np.round(xs - skew * (ys - cy)).astype(int) + pad
    out[ys, np.clip(nx, 0, w + 2 * pad - 1)] = True
    from scipy import ndimage

    return ndimage.binary_closing(out, structure=np.ones((1, 2)))  # type: ignore[no-any-return]


def digit_features(mask: np.ndarray) -> np.ndarray:
    """A digit's ink as ``load_digits`` has it: scaled to fit 32×32 (aspect kept, centred), 4×4 blocks counted (0–16).

    >>> m = np.zeros((30, 6), dtype=bool); m[:, 2:4] = True
    >>> f = digit_features(m).reshape(8, 8); int(f[:, 3:5].sum() > 0), int(f[:, 0].sum())
    (1, 0)
    """
    from PIL import Image

    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return np.zeros(64)
    mask = _upright(mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1])
    ys, xs = np.nonzero(mask)
    piece = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = piece.shape
    scale = 28 / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    img = Image.fromarray((piece * 255).astype(np.uint8)).resize((nw, nh), Image.Resampling.BILINEAR)
    canvas = np.zeros((32, 32))
    y, x = (32 - nh) // 2, (32 - nw) // 2
    canvas[y:y + nh, x:x + nw] = np.asarray(img) > 60
    if piece.mean() < 0.25:  # thin pen strokes: thicken to the optdigits stroke width
        from scipy import ndimage

        canvas = ndimage.binary_dilation(canvas, iterations=1)
    return canvas.reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel().astype(float)


@dataclass(frozen=True)
class Blank:
    """A blank of the form as cut: its gap, the ink mode (``blue`` or ``dark``), each digit's features, the OCR text in it."""

    field: str
    mode: str
    digits: list[np.ndarray]
    printed: str


def _ink_mode(rgb: np.ndarray) -> str:
    a = rgb.astype(np.int16)
    blue = (a[..., 2] - a[..., 1] > 30) & (a[..., 2] - a[..., 0] > 5) & (a[..., 2] < 250)
    return "blue" if blue.sum() >= max(20, a.shape[0] * a.shape[1] // 2000) else "dark"


def page_blanks(image: Any, words: list[OcrWord], bottom: int, gutter: int) -> list[Blank]:
    """The header's blanks cut from a colour page ``image`` (PIL, the OCR's pixels) with its OCR ``words``.

    >>> page_blanks(image, words, 900, 1150)  # doctest: +SKIP
    [Blank(field='number', mode='blue', digits=[...3 arrays], printed=''), Blank(field='day', ...)]
    """
    rgb = np.asarray(image.convert("RGB"))
    out = []
    # the Số and date line is often the line the header region ends on (its two columns' words joined)
    for gap in field_gaps(words, bottom + rgb.shape[0] // 12, gutter):
        x0, y0, x1, y1 = gap.box
        x0, y0 = max(0, x0), max(0, y0)
        crop = rgb[y0:y1, x0:x1]
        if crop.size == 0:
            continue
        mask = ink_mask(crop)
        boxes = digit_boxes(mask, gap.line_height)
        inside = " ".join(w.text for w in sorted(words, key=lambda w: w.left)
                          if x0 <= w.left + w.width / 2 <= x1 and y0 <= w.top + w.height / 2 <= y1)
        out.append(Blank(gap.field, _ink_mode(crop), [digit_features(mask[b[1]:b[3], b[0]:b[2]]) for b in boxes], inside))
    return out
