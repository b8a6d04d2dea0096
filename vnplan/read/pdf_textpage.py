"""PDF reader state: an open pdfium document and the text of one of its pages.

`TextPage` wraps a pdfium text page with cheap per-character boxes and pdfium's own lines;
`flatten_annotations` folds signature widgets that print text (the number and date of an
electronically numbered document) into the page; `open_pdf` turns pdfium's errors into
vnplan's (`EncryptedFileError`, `CorruptFileError`).

    >>> tp = TextPage(open_pdf(Path("corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"))[0].get_textpage())  # doctest: +SKIP
    >>> tp.lines()[0].text  # doctest: +SKIP
    'ỦY BAN NHÂN DÂN'
"""
from __future__ import annotations

import ctypes
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vnplan.errors import CorruptFileError, EncryptedFileError
from vnplan.read.pdf_lines import Glyph, Line

__all__ = ["OBJ_FORM", "OBJ_IMAGE", "OBJ_PATH", "OBJ_TEXT", "TextPage", "annotation_start", "annotations_print_text",
           "flatten_annotations", "flatten_page", "looks_truncated", "open_pdf"]

_ANNOT_WIDGET = 20
_ANNOT_FREETEXT = 3
_ANNOT_STAMP = 13
OBJ_TEXT, OBJ_PATH, OBJ_IMAGE, OBJ_FORM = 1, 2, 3, 5  # pdfium page object types


@cache
def plain_call(name: str, restype: Any, argtypes: tuple[Any, ...]) -> Any | None:
    """pdfium's function ``name`` declared with plain types (``c_void_p`` for handles), or None.

    pypdfium2 declares handles as typed pointers, so each call converts and builds pointer
    objects; with plain integer handles a call costs a fraction of that (per-character boxes,
    page objects).  None when this pypdfium2 does not expose its loaded library.
    """
    try:
        from pypdfium2_raw import bindings

        lib = bindings._libs["pdfium"]
        fn = getattr(ctypes.CDLL(lib._name, handle=lib._handle), name)  # a second view of the loaded library
    except (ImportError, AttributeError, KeyError, OSError, TypeError):  # pragma: no cover - another pypdfium2
        return None
    fn.restype, fn.argtypes = restype, list(argtypes)
    return fn


def plain_handle(handle: Any) -> int | None:
    """A pypdfium2 handle as the integer `plain_call` functions take."""
    return ctypes.cast(handle, ctypes.c_void_p).value


_VP = ctypes.c_void_p


class TextPage:
    """A pdfium text page with cheap per-character box access."""

    def __init__(self, textpage: Any) -> None:
        self.tp = textpage
        self.raw = textpage.raw
        box = plain_call("FPDFText_GetLooseCharBox", ctypes.c_int, (_VP, ctypes.c_int, _VP))
        if box is None:  # pragma: no cover - another pypdfium2
            self._box, self._handle = pdfium_c.FPDFText_GetLooseCharBox, self.raw
        else:
            self._box, self._handle = box, plain_handle(self.raw)
        # pdfium marks a hyphen that ends a line with U+FFFE and joins the lines; Vietnamese
        # words do not hyphenate, so it is a real hyphen (``168/KH-`` ``SGD&ĐT``): put it back
        raw_text = textpage.get_text_range()
        self.soft = [m.start() for m in re.finditer("\ufffe", raw_text)]
        self.text: str = raw_text.replace("\ufffe", "-")
        self.recovered = False  # text rebuilt from glyph shapes (fonts without a Unicode map)
        self._text_buffer: Any = None  # for `_bounded_once`, made on first use
        self._rect = pdfium_c.FS_RECTF()
        self._rect_ref = ctypes.byref(self._rect)

    def bounded(self, x0: float, bottom: float, x1: float, top: float) -> str:
        """The text inside a rectangle (from our text when fonts were recovered, else pdfium's)."""
        if not self.recovered:
            return self._bounded_once(x0, bottom, x1, top)
        out: list[str] = []
        space = False
        for i, ch in enumerate(self.text):
            if ch.isspace():
                space = True
                continue
            a, b, c, d = self.box(i)
            if x0 <= (a + c) / 2 <= x1 and bottom <= (b + d) / 2 <= top:
                if space and out:
                    out.append(" ")
                out.append(ch)
                space = False
        return "".join(out)

    def _bounded_once(self, x0: float, bottom: float, x1: float, top: float) -> str:
        """pypdfium2's ``get_text_bounded`` in one pdfium call instead of two (size, then text).

        pdfium collects the rectangle's text on every call.  pypdfium2 asks first for its length
        in characters and then fetches that many UTF-16 units; here a buffer large enough for any
        text of the page is filled at once (pdfium ends it with a NUL).  When every unit is a
        character (no surrogate pair) that is the same text; otherwise, or when the buffer is full,
        pypdfium2 is asked.
        """
        size = 2 * len(self.text) + 64
        if self._text_buffer is None or len(self._text_buffer) < size:
            self._text_buffer = (ctypes.c_ushort * size)()
        buffer = self._text_buffer
        got = pdfium_c.FPDFText_GetBoundedText(self.raw, x0, top, x1, bottom, buffer, len(buffer)) - 1  # NUL
        if got <= 0:
            return ""
        if got + 1 >= len(buffer) or buffer[got] != 0:  # pragma: no cover - a full buffer, or no NUL: pypdfium2
            return str(self.tp.get_text_bounded(x0, bottom, x1, top))
        units = bytes(memoryview(buffer).cast("B")[: 2 * got])
        if len(units.decode("utf-16-le", errors="surrogatepass")) != got:  # a surrogate pair: as pypdfium2 does
            return str(self.tp.get_text_bounded(x0, bottom, x1, top))
        return units.decode("utf-16-le", errors="ignore")  # one unit a character: pypdfium2 reads them all

    def box(self, i: int) -> tuple[float, float, float, float]:
        """Loose box (x0, bottom, x1, top) of character ``i`` (font ascent/descent, advance)."""
        r = self._rect
        self._box(self._handle, i, self._rect_ref)
        return r.left, r.bottom, r.right, r.top

    def lines(self) -> list[Line]:
        """pdfium's own lines (stream order) with a box from their first and last characters.

        A line pdfium joined at a line-end hyphen (U+FFFE) is split back into
        its two visual lines; the normaliser rejoins ``KH-`` + ``SGD&ĐT``.
        """
        out: list[Line] = []
        text = self.text
        pos = 0
        n = len(text)
        spans: list[tuple[int, int]] = []
        soft = self.soft
        for part in re.split(r"\r\n|\r|\n", text):
            start, end = pos, pos + len(part)
            pos = end
            if pos < n and text[pos] == "\r":
                pos += 1
            if pos < n and text[pos] == "\n":
                pos += 1
            cut = start
            for h in soft:
                if cut <= h < end - 1:
                    spans.append((cut, h + 1))
                    cut = h + 1
            spans.append((cut, end))
        box, handle, r, ref = self._box, self._handle, self._rect, self._rect_ref  # `box`, inlined
        for k, (start, end) in enumerate(spans):
            part = text[start:end]
            stripped = part.strip()
            if not stripped:
                continue
            a = start + (len(part) - len(part.lstrip()))
            b = start + len(part.rstrip()) - 1
            box(handle, a, ref)
            x0, b0, x1a, t0 = r.left, r.bottom, r.right, r.top
            box(handle, b, ref)
            xa, b1, x1, t1 = r.left, r.bottom, r.right, r.top
            if x1 < x0:  # characters drawn right to left in the stream: fall back to all boxes
                xs = [self.box(i) for i in range(a, b + 1)]
                x0, x1 = min(x[0] for x in xs), max(x[2] for x in xs)
            out.append(Line(stripped, min(x0, xa), max(x1, x1a), min(b0, b1), max(t0, t1), k, a, b + 1))
        return out

    def glyphs(self, line: Line) -> list[Glyph]:
        """The characters of a line with their boxes (whitespace dropped)."""
        if line.glyphs is None:
            out: list[Glyph] = []
            text = self.text
            box, handle, r, ref = self._box, self._handle, self._rect, self._rect_ref  # inlined `box`
            for i in range(line.start, line.end):
                ch = text[i]
                if ch.isspace():
                    continue
                box(handle, i, ref)
                out.append(Glyph(ch, r.left, r.right, r.bottom, r.top))
            line.glyphs = out
        return line.glyphs


def _has_text(obj: Any) -> bool:
    """Whether a page object is, or (a form) holds, a text object."""
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == OBJ_FORM:
        count = pdfium_c.FPDFFormObj_CountObjects(obj)
        return any(_has_text(pdfium_c.FPDFFormObj_GetObject(obj, j)) for j in range(count))
    return kind == OBJ_TEXT


def flatten_annotations(pdf: Any, index: int, page: Any) -> Any:
    """Fold the visible appearance of widget/stamp annotations into the page.

    Electronically numbered documents carry the number and date (``173``,
    ``28``, ``4``) in signature widgets, not in the page content.  Only
    annotations whose appearance holds text are worth the flatten and page
    reload (an image-only signature adds no text).
    """
    return flatten_page(pdf, index, page) if annotations_print_text(page) else page


def annotations_print_text(page: Any) -> bool:
    """Whether a widget, free-text or stamp annotation of the page draws text (worth a flatten)."""
    count = pdfium_c.FPDFPage_GetAnnotCount(page.raw)
    for k in range(max(count, 0)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in (_ANNOT_WIDGET, _ANNOT_FREETEXT, _ANNOT_STAMP) and any(
                _has_text(pdfium_c.FPDFAnnot_GetObject(annot, j))
                for j in range(pdfium_c.FPDFAnnot_GetObjectCount(annot))
            ):
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def flatten_page(pdf: Any, index: int, page: Any) -> Any:
    """The page reloaded with its annotations flattened into it (``page`` itself when pdfium fails)."""
    if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()
    return pdf[index]


def _text_objects_in(obj: Any, out: set[int | None]) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == OBJ_FORM:
        for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _text_objects_in(pdfium_c.FPDFFormObj_GetObject(obj, j), out)
    elif kind == OBJ_TEXT:
        out.add(plain_handle(obj))


def annotation_start(page: Any, first_object: int, tp: TextPage) -> int:
    """Where the flattened annotations' text starts in a flattened page's text (`flatten_page`).

    The flatten appends the annotations as form objects after the page's ``first_object`` own
    objects, and pdfium's text follows the objects' order with a generated line break before the
    annotations: the index is that of the first annotation character, less that break.  It is
    the length of the page's text before the flatten, without reading that text (a text page less).
    """
    ours: set[int | None] = set()
    for k in range(first_object, pdfium_c.FPDFPage_CountObjects(page.raw)):
        _text_objects_in(pdfium_c.FPDFPage_GetObject(page.raw, k), ours)
    text, handle = tp.text, tp.raw
    start = len(text)
    for c in range(len(text) - 1, -1, -1):  # the annotations' characters come last
        obj = pdfium_c.FPDFText_GetTextObject(handle, c)
        if not obj:
            continue  # a generated character
        if plain_handle(obj) not in ours:
            break
        start = c
    while start > 0 and text[start - 1] in "\r\n" and pdfium_c.FPDFText_IsGenerated(handle, start - 1) == 1:
        start -= 1
    return start


def open_pdf(path: Path) -> Any:
    name = os.fspath(path)
    try:
        return pdfium.PdfDocument(name)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(name, key="err.pdf_encrypted") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError(name, key="err.pdf_security") from None
        reason = str(exc).split("(PDFium:")[-1].strip(" )") if "PDFium" in str(exc) else str(exc)
        raise CorruptFileError(name, key="err.pdf_damaged", detail=reason.lower()) from None


def looks_truncated(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    return b"%%EOF" not in tail
