"""Second OCR pass over the two-column header of a scanned first page.

The page-level pass (``--psm 3``) reads the header badly: the small print under ``Số:`` (the ``V/v``
of a công văn comes out as ``MAI``), the ký hiệu beside a handwritten số, and lines of the two
columns that it joins out of order (``V/v thông báo … hỗ E NT quà thá Xm 2017``).  The header is
located on the page by layout (`header_region`: the Quốc hiệu opens the right-hand column, the
header ends at the first line whose words run over the gutter), then cropped: each column as a block,
and the ``Số`` line and the place-and-date line each alone (`field_lines`), all crops read by one
Tesseract process (``--psm 6``).  Every page line keeps whichever reading scores better
(`line_score`: Vietnamese syllables, well-formed numbers and ký hiệu, the place-and-date shape count
for it, debris against it).  (A handwritten số is not judged by Tesseract's confidence:
068's 4214 is read right at 71, 0028's 550 wrong as 42 at 54, and a second reading of the same pixels is
no confirmation, the page pass and the crops agree on the 42.)  Results are cached on disk next to the page OCR.
(Handwritten day and month digits are not re-read: a digits-only pass on 068's ``16`` and ``9``
answered ``1``, ``46``, ``3``, ``4`` or ``8`` depending on the crop, and a wrong date is worse than none.
Measured again in session 7 on the tuning scans whose day is handwritten: the gap between ``ngày`` and
``tháng`` cropped from the header date line, read with ``--psm 7/8`` and a digits whitelist over 2 scales
× 4 binarisations (16 readings), voted: of 10 crops found, the majority agreed with the gold day in none
(``16``→``6``, ``18``→``75``, ``23``→``3``, ``20``→``80``/``0``, ``07``→``0``, ``22``→``1``), and only 0167's
``06`` came near (5 of 16 votes).  Tesseract's models do not read handwriting; a day needs a learned
reader trained on handwritten digits, not another pass: since session 8, `vnplan.read.ocr_handwriting`.)

    >>> line_score("V/v cơ chế đặc thù xây dựng công trình") > line_score("MAI cơ chế đặc thù xây dựng công trình")
    True
    >>> line_score("Số:4214/BCA-C04") > line_score("Số:#214/BCA-C04")
    True
    >>> line_score("Số: ⁄23//BGDĐT-GDĐH_") > line_score("Số: /8GDĐT-GDĐH_")
    True
    >>> line_score("Số:4214/BCA-C04") > line_score("Số: +244/BCA-C04")
    True
"""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from typing import Any

from vnplan.lexicon import is_syllable
from vnplan.plaintext import strip_diacritics
from vnplan.read.ocr import (
    OcrSettings,
    OcrWord,
    _png,
    _write_atomic,
    page_pixels,
    parse_tsv,
    pass_cache_path,
    render_gray,
    word_lines,
)
from vnplan.read.ocr_page import ocr_images
from vnplan.read.pdf_layout import find_gutter, fold

__all__ = ["HEADER_VERSION", "field_lines", "line_score", "reread_header"]

HEADER_VERSION = "head14-glued-marker"

_QUOC_HIEU = ("xãhộichủnghĩa", "cộnghòaxã", "cộnghoàxã", "độclập")
_NUMBER = re.compile(r"^\d{1,5}(/\d{2,4})?(/[A-ZĐ][A-ZĐ0-9&]*(-[A-ZĐ0-9&]+)*)?$")
_DATE = re.compile(r"^\d{1,2}([/.]\d{1,2}([/.]\d{2,4})?)?$")
_SYMBOL_END = re.compile(r"/[A-ZĐ][A-ZĐ&]*(?:-[A-ZĐ0-9&]+)+_?$")
_DATE_SHAPE = re.compile(r"\bngày.{0,16}?tháng.{0,12}?năm\b")  # also "ngày 04tháng 02 năm"
_PUNCT = ".,;:()\"'“”-–"


def _token_score(token: str) -> int:
    core = token.strip(_PUNCT)
    if not core:
        return 0 if all(c in _PUNCT for c in token) else -1
    if core.lower() in ("v/v", "số", "số:"):
        return 2  # a header marker: worth more than the syllable it is misread as (MAI)
    if core[:3].lower() == "số:" and len(core) > 3:  # "Số:4214/BCA-C04": the marker and its value
        return 2 + _token_score(core[3:])
    if core.isalpha():
        if is_syllable(core):
            return 1
        return 0 if core.isupper() and len(core) <= 5 else -1  # an abbreviation (UBND, VPCP)
    if _NUMBER.match(core) or _DATE.match(core):
        return 2 if re.search(r"/[A-ZĐ]{2,}", core) else 1  # a whole số and ký hiệu ("2/J" is not one)
    if _SYMBOL_END.search(core):
        return 1  # a printed ký hiệu, whatever handwriting OCR read before it ("⁄23//BGDĐT-GDĐH")
    return -1


def line_score(text: str) -> int:
    """How Vietnamese a line reads: +1 a syllable or well-formed number, −1 debris; +3 the place-and-date shape.

    The shape ``ngày … tháng … năm`` counts for a reading of the date line whose handwritten day is
    debris, over a page reading that lost the line's words (``E NT quà thá Xm 2017``).

    >>> line_score("Hà Nội, ngày 28 tháng 4 năm 2026"), line_score("¬—VV'vwịi")
    (11, -1)
    >>> line_score("Hà Nội, ngày 2‡ tháng +4 năm 2017") > line_score("E NT quà thá Xm 6 2017")
    True
    >>> line_score("Quảng Ngãi, ngày 04+tháng 02 năm 2025") > line_score("Quảng Ngãi, ngày 04tháng 02 năm 2025")
    False
    """
    shape = 3 if _DATE_SHAPE.search(text) else 0
    return shape + sum(_token_score(t) for t in text.split())


def _lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Tesseract's lines, top to bottom."""
    return sorted(word_lines(words).values(), key=lambda ws: min(w.top for w in ws))


def _text(ws: list[OcrWord]) -> str:
    return " ".join(w.text for w in sorted(ws, key=lambda w: w.left))


def _is_word(text: str) -> bool:
    """A word, not a speck: two letters or digits at least (``hỗ``, ``12``; not ``-``, ``_``, ``'``).

    >>> _is_word("hỗ"), _is_word("-"), _is_word("_")
    (True, False, False)
    """
    return sum(c.isalnum() for c in text) >= 2


def _motto_left(line: list[OcrWord]) -> int | None:
    """Left edge of the Quốc hiệu's first word (CỘNG) on its OCR line, or None.

    >>> _motto_left([OcrWord("BỘ", 380, 0, 60, 40, 90, (1, 1, 1)), OcrWord("CỘNG", 1136, 0, 140, 40, 90, (1, 1, 1)),
    ...              OcrWord("HOÀ", 1298, 0, 110, 40, 90, (1, 1, 1))])
    1136
    """
    for k, w in enumerate(line):
        if strip_diacritics("".join(x.text for x in line[k:k + 2])).lower().startswith("conghoa"):
            return w.left
    return None


def header_region(words: list[OcrWord], width: int, height: int) -> tuple[int, int] | None:
    """(bottom, gutter) in pixels of the two-column header that opens a page, or None.

    The header needs a Quốc hiệu line in the top third of the page; it ends
    at the first line below it with a word over the column gutter.
    """
    lines = [ws for ws in _lines(words) if min(w.top for w in ws) < height / 3]
    qh = next((ws for ws in lines if any(k in fold(_text(ws)) for k in _QUOC_HIEU)), None)
    if qh is None:
        return None
    qh_top = min(w.top for w in qh)
    top_lines = [ws for ws in lines if min(w.top for w in ws) <= qh_top + 0.25 * height]
    gutter = find_gutter(
        ((w.left, w.left + w.width) for ws in top_lines for w in ws if min(x.top for x in ws) < qh_top + 0.12 * height),
        0.25 * width, 0.65 * width,
    )
    start = _motto_left(qh)
    if start is not None and (gutter is None or gutter > start):
        # the Quốc hiệu opens the right-hand column: a gap between its own words (CỘNG HOÀ | XÃ, when the
        # lines below cover the real gutter) is no gutter
        left = [w.left + w.width for w in qh if w.left + w.width <= start]
        gutter = (max(left) + start) / 2 if left else start - 0.01 * width
    if gutter is None:
        return None
    bottom = None
    lo, hi = gutter - 0.02 * width, gutter + 0.02 * width
    for ws in _lines(words):
        top = min(w.top for w in ws)
        if top <= qh_top + 0.02 * height:
            continue
        # a line whose words run over the gutter (Tesseract may join the two columns' lines: look at words;
        # a speck or a rule read as "-" or "_" between the columns is no word)
        if len(ws) >= 4 and any(w.left < hi and w.left + w.width > lo and _is_word(w.text) for w in ws):
            bottom = top - 4
            break
    if bottom is None or bottom > 0.45 * height:
        return None
    return int(bottom), int(gutter)


def _shift(words: list[OcrWord], dx: int, dy: int, block: int) -> list[OcrWord]:
    return [
        OcrWord(w.text, w.left + dx, w.top + dy, w.width, w.height, w.conf, (block + w.line[0], w.line[1], w.line[2]))
        for w in words
    ]


def _choose_lines(old: list[OcrWord], new: list[OcrWord]) -> list[OcrWord]:
    """Page words with each header line replaced by its re-reading where that scores better."""
    out = list(old)
    taken: dict[tuple[int, int, int], int] = {}
    for line in _lines(new):
        top, bottom = min(w.top for w in line), max(w.top + w.height for w in line)
        x0, x1 = min(w.left for w in line), max(w.left + w.width for w in line)
        same = [
            w for w in out
            if top <= w.top + w.height / 2 <= bottom and x0 - 20 <= w.left + w.width / 2 <= x1 + 20
        ]
        if not same:
            continue  # nothing read there before: specks and seal edges, not text
        if line_score(_text(line)) <= line_score(_text(same)):
            continue
        base = min(w.line for w in same)
        taken[base] = taken.get(base, -1) + 1  # two new lines over one old line stay two lines, in order
        key = (base[0], base[1], base[2] + taken[base] / 100)
        drop = {id(w) for w in same}
        out = [w for w in out if id(w) not in drop]
        out += [OcrWord(w.text, w.left, w.top, w.width, w.height, w.conf, key) for w in line]  # type: ignore[arg-type]
    return out


_SO_START = re.compile(r"^\W{0,2}S[ốôóòo6]\s*[:.;]", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày|tháng|năm\s*\d{4}")


def field_lines(words: list[OcrWord], bottom: int, gutter: int, width: int) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of the header's Số line (left column) and place-and-date line (right).

    Each box spans its column and the line's height with a margin, so the line is read alone.

    >>> ws = [OcrWord("Số:", 400, 300, 60, 45, 90, (1, 1, 2)), OcrWord("/KH-UBND", 500, 300, 200, 45, 90, (1, 1, 2)),
    ...       OcrWord("Hà", 1300, 380, 60, 40, 90, (1, 1, 3)), OcrWord("Nội,", 1370, 380, 80, 45, 90, (1, 1, 3)),
    ...       OcrWord("ngày", 1460, 380, 100, 45, 90, (1, 1, 3)), OcrWord("tháng", 1580, 380, 120, 45, 90, (1, 1, 3))]
    >>> field_lines(ws, 600, 1100, 2480)
    [(0, 282, 1100, 363), (1100, 362, 2480, 443)]
    """
    found: dict[str, tuple[int, int, int, int]] = {}
    for line in _lines([w for w in words if w.top < bottom]):
        left = [w for w in line if w.left + w.width / 2 < gutter]
        right = [w for w in line if w.left + w.width / 2 >= gutter]
        for kind, ws, x0, x1 in (("so", left, 0, gutter), ("date", right, gutter, width)):
            if not ws or kind in found:
                continue
            text = _text(ws)
            if kind == "so" and not _SO_START.match(text) or kind == "date" and len(_DATE_WORDS.findall(text)) < 2:
                continue
            top, low = min(w.top for w in ws), max(w.top + w.height for w in ws)
            pad = (low - top) * 2 // 5
            found[kind] = (x0, max(0, top - pad), x1, low + pad)
    return [found[k] for k in ("so", "date") if k in found]


def reread_header(
    pdf: Any, index: int, words: list[OcrWord], digest: str, settings: OcrSettings, binary: str
) -> list[OcrWord]:
    """The page's OCR words with the header re-read column by column (unchanged when there is no header).

    The blanks of the form (a handwritten số, day or month) are then read by the learned digit reader
    (`vnplan.read.ocr_handwriting`), for the record builder to use where the print leaves a value empty.

    >>> words = reread_header(pdf, 0, words, digest, OcrSettings(), binary)  # doctest: +SKIP
    >>> " ".join(w.text for w in words if w.top < 900)  # doctest: +SKIP
    'VĂN PHÒNG CHÍNH PHỦ … Số: 3722/VPCP-CN … V/v cơ chế đặc thù xây dựng công trình …'
    """
    out = _reread_header(pdf, index, words, digest, settings, binary)
    try:
        from vnplan.read.ocr_handwriting import read_handwriting

        read_handwriting(pdf, index, out, digest, settings.dpi)
    except Exception:  # noqa: BLE001, S110 - a reading that fails leaves the record as the print gives it
        pass
    return out


def _reread_header(
    pdf: Any, index: int, words: list[OcrWord], digest: str, settings: OcrSettings, binary: str
) -> list[OcrWord]:
    page = pdf[index]
    try:
        width, height = page_pixels(page, settings.dpi)
        region = header_region(words, width, height)
        if region is None:
            return words
        bottom, gutter = region
        path = pass_cache_path(digest, index, settings, binary, HEADER_VERSION, "head")
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            return [OcrWord(t, l, tp, w, h, c, tuple(k)) for t, l, tp, w, h, c, k in cached]  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError):
            pass
        image = render_gray(page, settings.dpi)
    finally:
        page.close()
    out = list(words)
    # the two columns, then the Số line and the place-and-date line each alone (a line read alone keeps a
    # printed ký hiệu that the handwritten số beside it spoils in a column: "/CT-CS", not "“€TI-CS")
    boxes = [(0, 0, gutter, bottom), (gutter, 0, width, bottom)] + field_lines(words, bottom, gutter, width)
    try:  # every crop read by one Tesseract process (the language model loaded once)
        tsvs = ocr_images([_png(image.crop(box)) for box in boxes], binary, dataclasses.replace(settings, psm=6))
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return words
    for n, ((x0, y0, _x1, _y1), tsv) in enumerate(zip(boxes, tsvs)):
        out = _choose_lines(out, _shift(parse_tsv(tsv), x0, y0, 1000 * (n + 1)))
    _write_atomic(path, json.dumps([[w.text, w.left, w.top, w.width, w.height, w.conf, list(w.line)] for w in out],
                                   ensure_ascii=False))
    return out
