"""Page classification: what a PDF page holds, measured cheaply before it is read.

Image and rule objects (`page_objects`: a scan is mostly image; ruled tables are thin
paths), text objects drawn invisibly (`text_objects`: how OCR layers are stored), a text
layer written in fonts without a Unicode map (`garbled_ratio`), and the visible characters
of a layer (`visible_chars`).  `vnplan.read.pdf_trust` turns these into the page decision.

    >>> garbled_ratio("Kế hoạch số 173/KH-UBND"), visible_chars("Số: 173")
    (0.0, 6)
"""
from __future__ import annotations

import ctypes
import re
import unicodedata
from functools import lru_cache
from typing import Any

import pypdfium2.raw as pdfium_c

from vnplan.read.pdf_textpage import OBJ_IMAGE, OBJ_PATH, OBJ_TEXT, plain_call, plain_handle

__all__ = ["garbled_ratio", "page_objects", "text_objects", "visible_chars"]


@lru_cache(maxsize=1)
def _object_calls() -> tuple[Any, Any, Any, Any, Any]:
    """(count, get object, get type, get bounds, path draw mode), with plain handles (`plain_call`).

    Walking a page's objects is most of what classifying it costs; pypdfium2's own declarations
    (typed pointers) are the fallback.
    """
    vp, fp, ip = ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_int)
    calls = (plain_call("FPDFPage_CountObjects", ctypes.c_int, (vp,)),
             plain_call("FPDFPage_GetObject", vp, (vp, ctypes.c_int)),
             plain_call("FPDFPageObj_GetType", ctypes.c_int, (vp,)),
             plain_call("FPDFPageObj_GetBounds", ctypes.c_int, (vp, fp, fp, fp, fp)),
             plain_call("FPDFPath_GetDrawMode", ctypes.c_int, (vp, ip, ip)))
    if any(fn is None for fn in calls):  # pragma: no cover - another pypdfium2
        return (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType,
                pdfium_c.FPDFPageObj_GetBounds, pdfium_c.FPDFPath_GetDrawMode)
    return calls[0], calls[1], calls[2], calls[3], calls[4]


def page_objects(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], float]:
    """Thin rules (horizontal, vertical) from path objects, and the area share of images."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    image_area = 0.0
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (l, b, r, t)]  # made once: ctypes' per-call conversion is slow
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    count, get_object, get_type, get_bounds, draw_mode = _object_calls()
    raw = page.raw if count is pdfium_c.FPDFPage_CountObjects else plain_handle(page.raw)
    for k in range(count(raw)):
        obj = get_object(raw, k)
        kind = get_type(obj)
        if kind != OBJ_PATH and kind != OBJ_IMAGE:
            continue
        if not get_bounds(obj, *refs):
            continue
        x0, y0, x1, y1 = l.value, b.value, r.value, t.value
        w, h = x1 - x0, y1 - y0
        if kind == OBJ_IMAGE:
            image_area += max(w, 0) * max(h, 0)
            continue
        if h < 2.5 and w > 5:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w < 2.5 and h > 5:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif w > 5 and h > 5:
            draw_mode(obj, fill, stroke)
            if stroke.value and not fill.value:  # a stroked box: its four sides are rules
                hs += [(y0, x0, x1), (y1, x0, x1)]
                vs += [(x0, y0, y1), (x1, y0, y1)]
    return hs, vs, image_area


def text_objects(page: Any) -> tuple[int, int]:
    """(text objects, invisible ones): render mode 3 is how OCR layers are stored over scans."""
    raw = page.raw
    total = invisible = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) == OBJ_TEXT:
            total += 1
            invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return total, invisible


# Characters worth a closer look in `garbled_ratio`: everything but ASCII and the Latin letters
# Vietnamese is written in (Latin-1 letters, Latin Extended-A/B, Latin Extended Additional),
# none of which is Greek, Cyrillic, a combining mark or one of the garbling symbols.
_UNUSUAL = re.compile("[^\x00-\x7f\u00c0-\u024f\u1e00-\u1eff]")


_GARBLING_SYMBOLS = frozenset("‡·˙˝¿„‚ˆ˜")


def garbled_ratio(text: str) -> float:
    """Share of letters that cannot be Vietnamese (a font without a Unicode map).

    Letters are counted in C (``str.isalpha``); only the few unusual characters are
    looked at one by one.

    >>> garbled_ratio("Số: 173/KH-UBND")
    0.0
    >>> garbled_ratio("6Ӣ C‘NG 7+ѬѪ1*") > 0.2
    True
    """
    unusual = _UNUSUAL.findall(text)
    if not unusual:
        return 0.0  # nothing bad: the share is 0 whatever the letters
    letters = sum(map(str.isalpha, text))
    bad = 0
    for ch in unusual:
        combining = unicodedata.combining(ch)
        if combining and not ch.isalpha():
            letters += 1
        if ch.isalpha() or combining:
            if 0x370 <= ord(ch) <= 0x52F or combining:
                bad += 1
        elif ch in _GARBLING_SYMBOLS:
            bad += 1
    return bad / letters if letters else 0.0


def visible_chars(text: str) -> int:
    """Characters that are not whitespace.

    >>> visible_chars("Số: 173 \\n")
    6
    """
    return len("".join(text.split()))  # str.split() cuts at exactly the characters str.isspace() calls space
