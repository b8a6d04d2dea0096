"""Read PDF files: the text layer through pypdfium2, layout only where it matters.

Fast path: pdfium's text of each page, split into its lines; one box per line
(two character boxes).  Character boxes are read only for the two-column
bands (header table, ``Nơi nhận`` beside the signature) so that their columns
come out one after the other; ruled tables are found from the page's path
objects and emitted cell by cell.  Pages without a text layer are read with
Tesseract (`vnplan.read.ocr`) when it is installed.

    >>> raw = read_pdf(Path("corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"))  # doctest: +SKIP
    >>> [b.text for b in raw.blocks if b.region == "header-left"]  # doctest: +SKIP
    ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HÀ NỘI', 'Số:173 /KH-UBND']
"""
from __future__ import annotations

import ctypes
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vnplan.read.budget import BudgetError, budget
from vnplan.document import BLANK, CELL, LINE, PAGE_FOOTER, PAGE_HEADER, PARAGRAPH, RawDocument
from vnplan.errors import CorruptFileError, EncryptedFileError
from vnplan.read import ocr as ocr_mod
from vnplan.read.ocr_header import reread_header
from vnplan.read.pdf_stamps import join_stamped
from vnplan.read.pdf_trust import decide, evidence, signature_box_lines
from vnplan.read.signature import is_mark, pdf_signatures, signature_of, split_stamp
from vnplan.read.pdf_layout import (
    Band,
    Glyph,
    Line,
    TableGrid,
    ends_paragraph,
    find_closing_band,
    find_closing_continuation,
    find_header_band,
    find_tables,
    fold,
    join_wrapped,
    margin_role,
    paragraph_breaks,
    split_columns,
)

__all__ = ["OCR_SETTINGS", "garbled_ratio", "read_pdf"]

OCR_SETTINGS = ocr_mod.OcrSettings()
_NO_OCR_WARNING = "image-only PDF: Tesseract (vie) not installed, text not read"
_ANNOT_WIDGET = 20
_ANNOT_FREETEXT = 3
_ANNOT_STAMP = 13
_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5

Item = tuple[str, dict[str, Any]]


# --------------------------------------------------------------------------- pdfium helpers


class _TextPage:
    """A pdfium text page with cheap per-character box access."""

    def __init__(self, textpage: Any) -> None:
        self.tp = textpage
        self.raw = textpage.raw
        # pdfium marks a hyphen that ends a line with U+FFFE and joins the lines; Vietnamese
        # words do not hyphenate, so it is a real hyphen (``168/KH-`` ``SGD&ĐT``): put it back
        raw_text = textpage.get_text_range()
        self.soft = [m.start() for m in re.finditer("\ufffe", raw_text)]
        self.text: str = raw_text.replace("\ufffe", "-")
        self.recovered = False  # text rebuilt from glyph shapes (fonts without a Unicode map)
        self._rect = pdfium_c.FS_RECTF()
        self._rect_ref = ctypes.byref(self._rect)

    def bounded(self, x0: float, bottom: float, x1: float, top: float) -> str:
        """The text inside a rectangle (from our text when fonts were recovered, else pdfium's)."""
        if not self.recovered:
            return self.tp.get_text_bounded(x0, bottom, x1, top)
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

    def box(self, i: int) -> tuple[float, float, float, float]:
        """Loose box (x0, bottom, x1, top) of character ``i`` (font ascent/descent, advance)."""
        r = self._rect
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, i, self._rect_ref)
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
        for part in re.split(r"\r\n|\r|\n", text):
            start, end = pos, pos + len(part)
            pos = end
            if pos < n and text[pos] == "\r":
                pos += 1
            if pos < n and text[pos] == "\n":
                pos += 1
            cut = start
            for h in self.soft:
                if cut <= h < end - 1:
                    spans.append((cut, h + 1))
                    cut = h + 1
            spans.append((cut, end))
        for k, (start, end) in enumerate(spans):
            part = text[start:end]
            stripped = part.strip()
            if not stripped:
                continue
            a = start + (len(part) - len(part.lstrip()))
            b = start + len(part.rstrip()) - 1
            x0, b0, x1a, t0 = self.box(a)
            xa, b1, x1, t1 = self.box(b)
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
            for i in range(line.start, line.end):
                ch = text[i]
                if ch.isspace():
                    continue
                x0, b, x1, t = self.box(i)
                out.append(Glyph(ch, x0, x1, b, t))
            line.glyphs = out
        return line.glyphs


def _has_text(obj: Any) -> bool:
    """Whether a page object is, or (a form) holds, a text object."""
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == _OBJ_FORM:
        count = pdfium_c.FPDFFormObj_CountObjects(obj)
        return any(_has_text(pdfium_c.FPDFFormObj_GetObject(obj, j)) for j in range(count))
    return kind == _OBJ_TEXT


def _flatten_annotations(pdf: Any, index: int, page: Any) -> Any:
    """Fold the visible appearance of widget/stamp annotations into the page.

    Electronically numbered documents carry the number and date (``173``,
    ``28``, ``4``) in signature widgets, not in the page content.  Only
    annotations whose appearance holds text are worth the flatten and page
    reload (an image-only signature adds no text).
    """
    count = pdfium_c.FPDFPage_GetAnnotCount(page.raw)
    if count <= 0:
        return page
    wanted = False
    for k in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in (_ANNOT_WIDGET, _ANNOT_FREETEXT, _ANNOT_STAMP) and any(
                _has_text(pdfium_c.FPDFAnnot_GetObject(annot, j))
                for j in range(pdfium_c.FPDFAnnot_GetObjectCount(annot))
            ):
                wanted = True
                break
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    if not wanted:
        return page
    if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()
    return pdf[index]


def _page_objects(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], float]:
    """Thin rules (horizontal, vertical) from path objects, and the area share of images."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    image_area = 0.0
    raw = page.raw
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (l, b, r, t)]  # made once: ctypes' per-call conversion is slow
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, k)
        kind = get_type(obj)
        if kind not in (_OBJ_PATH, _OBJ_IMAGE):
            continue
        if not get_bounds(obj, *refs):
            continue
        x0, y0, x1, y1 = l.value, b.value, r.value, t.value
        w, h = x1 - x0, y1 - y0
        if kind == _OBJ_IMAGE:
            image_area += max(w, 0) * max(h, 0)
            continue
        if h < 2.5 and w > 5:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w < 2.5 and h > 5:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif w > 5 and h > 5:
            pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
            if stroke.value and not fill.value:  # a stroked box: its four sides are rules
                hs += [(y0, x0, x1), (y1, x0, x1)]
                vs += [(x0, y0, y1), (x1, y0, y1)]
    return hs, vs, image_area


def _text_objects(page: Any) -> tuple[int, int]:
    """(text objects, invisible ones): render mode 3 is how OCR layers are stored over scans."""
    raw = page.raw
    total = invisible = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) == _OBJ_TEXT:
            total += 1
            invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return total, invisible


def _signature_annotation_lines(lines: list[Line], first_annotation_char: int) -> tuple[list[Line], list[str]]:
    """Split off the e-signature stamp or box that a flattened signature widget printed.

    Flattened annotations come after the page's own text in pdfium's stream, so their
    lines start at or after ``first_annotation_char``.  When they hold a signature mark
    (a signing time, ``Người ký:``), their text lines are signature data, not the closing
    block; short number stamps (``2250``, ``02``) stay for `join_stamped`.
    """
    extra = [ln for ln in lines if ln.start >= first_annotation_char]
    if not extra or not any(is_mark("time", ln.text) or is_mark("box", ln.text) for ln in extra):
        return lines, []
    drop = [ln for ln in extra if not re.fullmatch(r"[\d\s]{1,12}", ln.text)]
    keep = [ln for ln in lines if ln not in drop]
    return keep, [ln.text for ln in sorted(drop, key=lambda x: x.index)]


def _split_closing_stamp(items: list[Item]) -> tuple[list[Item], list[str]]:
    """Take an e-signature stamp printed inside the closing block's right column out of it."""
    right = [n for n, it in enumerate(items) if it[1].get("region") == "closing-right" and it[1].get("kind") != BLANK]
    if not right:
        return items, []
    texts = [items[n][0] for n in right]
    kept, stamp = split_stamp(texts)
    if not stamp:
        return items, []
    drop: set[int] = set()
    want = list(stamp)
    for n in right:
        if want and items[n][0] == want[0]:
            drop.add(n)
            want.pop(0)
    return [it for n, it in enumerate(items) if n not in drop], stamp


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
    letters = sum(map(str.isalpha, text))
    bad = 0
    for ch in _UNUSUAL.findall(text):
        combining = unicodedata.combining(ch)
        if combining and not ch.isalpha():
            letters += 1
        if ch.isalpha() or combining:
            if 0x370 <= ord(ch) <= 0x52F or combining:
                bad += 1
        elif ch in _GARBLING_SYMBOLS:
            bad += 1
    return bad / letters if letters else 0.0


def _visible(text: str) -> int:
    """Characters that are not whitespace.

    >>> _visible("Số: 173 \\n")
    6
    """
    return len(text) - sum(map(str.isspace, text))


def _recover_fonts(tp: _TextPage, state: dict[str, Any], path: Path, index: int) -> bool:
    """Rebuild a garbled page's text from its fonts' glyph shapes (`vnplan.read.pdf_fonts`).

    True when the page then reads as Vietnamese; the page keeps its layout and
    tables and needs no OCR.  Results are cached per file and page, like OCR.
    """
    if "fixer" not in state:
        try:
            from vnplan.read import pdf_fonts
        except ImportError:  # fontTools not installed: OCR stays the way
            state["fixer"] = None
        else:
            state["fixer"] = pdf_fonts.FontFixer()
            state["mod"] = pdf_fonts
            state["digest"] = ocr_mod.file_digest(path)
    fixer = state["fixer"]
    if fixer is None:
        return False
    mod, digest = state["mod"], state["digest"]
    new = mod.cached_page(digest, index, len(tp.text))
    if new is None:
        try:
            new = fixer.fix_page(tp.tp, tp.text)
        except Exception:  # noqa: BLE001 - a damaged embedded font (fontTools struct.error …): OCR stays the way
            new = None
        if new is not None and len(new) == len(tp.text):
            mod.store_page(digest, index, new)
    if new is None or garbled_ratio(new) > 0.02 or len(new) != len(tp.text):
        return False
    tp.text = new
    tp.recovered = True
    return True


# --------------------------------------------------------------------------- page layout → items


def _band_items(band: Band, fetch: Callable[[Line], list[Glyph]], page: int) -> list[Item]:
    """Left column lines then right column lines of a band, as blocks."""
    glyphs = [g for ln in band.lines for g in fetch(ln)]
    left, right = split_columns(glyphs, band.split)
    items: list[Item] = []
    name = band.kind
    if name == "header":
        left, right = join_wrapped(left), join_wrapped(right)  # one cell's wrapped line (… năm / 2023)
        left = left + [ln for ln in band.left_only]
        in_vv = False
        for ln in left:
            text = ln.text
            if fold(text).startswith(("v/v", "về")):
                in_vv = True
            items.append((text, {"kind": LINE if in_vv else PARAGRAPH, "page": page, "region": "header-left"}))
        if in_vv:
            items.append(("", {"kind": BLANK, "page": page, "region": "header-left"}))
        for ln in right:
            items.append((ln.text, {"kind": PARAGRAPH, "page": page, "region": "header-right"}))
    else:
        for ln in left:
            items.append((ln.text, {"kind": LINE, "page": page, "region": "closing-left"}))
        if left:
            items.append(("", {"kind": BLANK, "page": page, "region": "closing-left"}))
        for ln in right:
            items.append((ln.text, {"kind": PARAGRAPH, "page": page, "region": "closing-right"}))
    return items


def _table_items(grid: TableGrid, index: int, tp: _TextPage | None, lines: list[Line], page: int) -> list[Item]:
    items: list[Item] = []
    for row, col, x0, bottom, x1, top in grid.cells:
        if tp is not None:
            text = tp.bounded(x0 + 0.5, bottom + 0.5, x1 - 0.5, top - 0.5)
        else:
            inside = [ln for ln in lines if bottom <= ln.cy <= top and x0 <= (ln.x0 + ln.x1) / 2 <= x1]
            text = " ".join(ln.text for ln in inside)
        text = " ".join(text.split())
        items.append((text, {"kind": CELL, "page": page, "table": index, "row": row, "col": col, "region": "table"}))
    return items


def _layout_page(
    lines: list[Line],
    width: float,
    height: float,
    page: int,
    *,
    first_text_page: bool,
    fetch: Callable[[Line], list[Glyph]],
    tables: list[TableGrid],
    table_base: int,
    tp: _TextPage | None,
    ocr_paragraphs: bool = False,
    edges: dict[str, Any] | None = None,
    closing_from: float | None = None,
) -> list[Item]:
    """Blocks of one page in reading order; ``edges`` receives its first and last body lines."""
    group: dict[int, Any] = {}
    roles: dict[int, str] = {}
    for ln in lines:
        role = margin_role(ln, height)
        if role:
            roles[id(ln)] = role
    body_lines = [ln for ln in lines if id(ln) not in roles]
    for k, grid in enumerate(tables):
        for ln in body_lines:
            if grid.holds(ln):
                group[id(ln)] = ("table", k)
    free = [ln for ln in body_lines if id(ln) not in group]
    bands: list[Band] = []
    if first_text_page:
        head = find_header_band(free, width, fetch)
        if head is not None:
            bands.append(head)
            for ln in head.lines + head.left_only:
                group[id(ln)] = ("band", 0)
            free = [ln for ln in free if id(ln) not in group]
    if closing_from is not None:  # the previous page's closing band runs on here
        cont = find_closing_continuation(free, width, closing_from, fetch)
        if cont is not None:
            bands.append(cont)
            for ln in cont.lines:
                group[id(ln)] = ("band", len(bands) - 1)
            free = [ln for ln in free if id(ln) not in group]
            if edges is not None:
                edges["continued"] = True
    close = find_closing_band(free, width, fetch)
    if close is not None:
        bands.append(close)
        for ln in close.lines:
            group[id(ln)] = ("band", len(bands) - 1)
        low = min(ln.bottom for ln in close.lines)
        if edges is not None and not any(
            ln.cy < low and id(ln) not in group for ln in body_lines
        ) and not any(t.bottom < low for t in tables):
            edges["closing_split"] = close.split  # the band reaches the page's end
    items: list[Item] = []
    emitted: set[Any] = set()
    body_run: list[Line] = []

    def flush() -> None:
        if not body_run:
            return
        if ocr_paragraphs:
            breaks = {i for i in range(1, len(body_run)) if body_run[i].paragraph != body_run[i - 1].paragraph}
        else:
            breaks = paragraph_breaks(body_run)
        for i, ln in enumerate(body_run):
            if i in breaks:
                items.append(("", {"kind": BLANK, "page": page}))
            items.append((ln.text, {"kind": LINE, "page": page}))
        body_run.clear()

    for ln in sorted(lines, key=lambda x: x.index):
        key = id(ln)
        if key in roles:
            continue
        g = group.get(key)
        if g is None:
            body_run.append(ln)
            continue
        if g in emitted:
            continue
        flush()
        emitted.add(g)
        if g[0] == "table":
            items.append(("", {"kind": BLANK, "page": page}))
            items += _table_items(tables[g[1]], table_base + g[1], tp, lines, page)
        else:
            items.append(("", {"kind": BLANK, "page": page}))
            items += _band_items(bands[g[1]], fetch, page)
            items.append(("", {"kind": BLANK, "page": page}))
    if edges is not None:  # for the paragraph test across the page break (see _page_breaks)
        ordered = sorted(lines, key=lambda x: x.index)
        first = next((ln for ln in ordered if id(ln) not in roles), None)
        edges["first"] = first if first is not None and id(first) not in group else None
        edges["last"] = body_run[-1] if body_run else None
        edges["body"] = body_lines
    flush()
    # running headers/footers first/last so they never split a paragraph
    heads = [(ln.text, {"kind": PAGE_HEADER, "page": page}) for ln in lines if roles.get(id(ln)) == "page-header"]
    feet = [(ln.text, {"kind": PAGE_FOOTER, "page": page}) for ln in lines if roles.get(id(ln)) == "page-footer"]
    return heads + items + feet


def _with_signature(items: list[Item], lines: tuple[str, ...], page: int) -> list[Item]:
    """Put a scan's re-read signature lines (`ocr.ocr_signature`) after its ``Nơi nhận`` list.

    The page's own closing-right lines are dropped; when the page had no
    closing band, the ``Nơi nhận`` run (to the next blank) becomes its left column.
    """
    items = [it for it in items if it[1].get("region") != "closing-right"]
    left = [n for n, it in enumerate(items) if it[1].get("region") == "closing-left"]
    if left:
        at = left[-1] + 1
    else:
        start = next((n for n, it in enumerate(items) if fold(it[0]).startswith("nơinhận")), None)
        if start is None:
            at = len(items)
            while at and items[at - 1][1].get("kind") == PAGE_FOOTER:
                at -= 1
        else:
            at = start
            while at < len(items) and items[at][1].get("region") is None:
                text, attrs = items[at]
                if attrs.get("kind") == BLANK and at + 1 < len(items) and items[at + 1][0][:1] in "-+•–":
                    del items[at]  # a paragraph break inside the list (OCR blocks)
                    continue
                if attrs.get("kind") != LINE:
                    break
                items[at] = (text, {**attrs, "region": "closing-left"})
                at += 1
            items.insert(at, ("", {"kind": BLANK, "page": page, "region": "closing-left"}))
            at += 1
    sig = [(text, {"kind": PARAGRAPH, "page": page, "region": "closing-right"}) for text in lines]
    return items[:at] + sig + [("", {"kind": BLANK, "page": page})] + items[at:]


def _join_closing(before: list[Item], after: list[Item]) -> None:
    """Move the signature lines of a page-cut closing band after the rest of its ``Nơi nhận`` list.

    ``before`` ends with the band's first part (list, then signature title);
    ``after`` starts with the rest (list items, then the signer's name).
    """
    right = [it for it in before if it[1].get("region") == "closing-right"]
    if not right:
        return
    keep = [it for it in before if it[1].get("region") != "closing-right"]
    # drop the blanks that closed the first part of the list
    k = max((n for n, it in enumerate(keep) if it[1].get("region") == "closing-left" and it[0]), default=-1)
    tail = [it for it in keep[k + 1:] if it[1].get("kind") != BLANK]
    before[:] = keep[: k + 1] + tail
    first = next((n for n, it in enumerate(after) if it[1].get("region") == "closing-left"), None)
    if first is not None and all(it[1].get("kind") in (BLANK, PAGE_HEADER) for it in after[:first]):
        after[:first] = [it for it in after[:first] if it[1].get("kind") != BLANK]
    at = next((n for n, it in enumerate(after) if it[1].get("region") == "closing-right"), None)
    if at is None:
        last_left = max((n for n, it in enumerate(after) if it[1].get("region") == "closing-left"), default=-1)
        at = last_left + 1
    after[at:at] = right


def _page_breaks(per_page: dict[int, list[Item]], edges: dict[int, dict[str, Any]]) -> None:
    """End a page's last paragraph with a blank block when its last line stops short.

    The normaliser joins lines across a page break; a short last line whose
    gap the next page's first word would have filled is a paragraph end
    (``2. Nội dung hoạt động`` | next page ``Các xã, thị trấn …``).
    """
    pages = sorted(per_page)
    for i, j in zip(pages, pages[1:]):
        e, f = edges.get(i), edges.get(j)
        if not e or e.get("last") is None:
            continue
        following = f.get("first") if f else None
        if ends_paragraph(e["last"], e["body"], following):
            items = per_page[i]
            k = len(items)
            while k and items[k - 1][1].get("kind") == PAGE_FOOTER:
                k -= 1
            items.insert(k, ("", {"kind": BLANK, "page": i + 1}))


def _tidy(items: list[Item]) -> list[Item]:
    """Drop leading, trailing and repeated blank blocks."""
    out: list[Item] = []
    for text, attrs in items:
        if attrs.get("kind") == BLANK and (not out or out[-1][1].get("kind") == BLANK):
            continue
        out.append((text, attrs))
    while out and out[-1][1].get("kind") == BLANK:
        out.pop()
    return out


# --------------------------------------------------------------------------- entry point


def _open(path: Path) -> Any:
    name = os.fspath(path)
    try:
        return pdfium.PdfDocument(name)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(name, "the PDF is password-protected; remove the password to read it") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError(name, "the PDF uses an unsupported security handler") from None
        reason = str(exc).split("(PDFium:")[-1].strip(" )") if "PDFium" in str(exc) else str(exc)
        raise CorruptFileError(name, f"the PDF is damaged and cannot be parsed ({reason.lower()})") from None


def _looks_truncated(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    return b"%%EOF" not in tail


def read_pdf(path: Path, *, ocr: bool = True, recover_fonts: bool = True) -> RawDocument:
    """Read a PDF into blocks with page/region/cell provenance.

    Image-only pages are OCR'd with Tesseract (``vie``) when ``ocr`` is true
    and Tesseract is installed; otherwise the result has ``needs_ocr=True``.
    Pages whose fonts have no Unicode map are first rebuilt from the glyph
    shapes (``recover_fonts``, `vnplan.read.pdf_fonts`); OCR reads only the
    pages that stay garbled.

    >>> raw = read_pdf(Path("corpus/real/014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf"))  # doctest: +SKIP
    >>> [b.text for b in raw.blocks if b.region == "header-left"]  # doctest: +SKIP
    ['BỘ XÂY DỰNG', 'Số: 1074/QĐ-BXD']
    """
    path = Path(path)
    name = os.fspath(path)
    pdf = _open(path)
    warnings: list[str] = []
    items: list[Item] = []
    ocr_used = False
    needs_ocr = False
    meta_extra: dict[str, Any] = {}
    try:
        try:
            n = len(pdf)
        except pdfium.PdfiumError:
            raise CorruptFileError(name, "the PDF's page tree is damaged") from None
        if n == 0:
            raise CorruptFileError(name, "the PDF has no pages")
        limits = budget()
        if n > limits.max_pages:
            raise BudgetError(name, f"the PDF has {n} pages, above the {limits.max_pages}-page budget")
        if _looks_truncated(path):
            warnings.append("the PDF looks truncated (no %%EOF at the end); text may be incomplete")
        image_pages: list[int] = []
        layer_pages: list[int] = []  # scans whose text layer was not trusted (`pdf_trust.decide`)
        decisions: dict[int, dict[str, Any]] = {}
        box_lines: list[str] = []  # digital-signature box / e-signature stamp text
        pdf_sigs = pdf_signatures(pdf)
        garbled_pages: list[int] = []
        recovered_pages: list[int] = []
        recovery: dict[str, Any] = {}  # one FontFixer for the document, made on the first garbled page
        pending: list[tuple[int, str]] = []  # (page index, "image" | "garbled")
        per_page: dict[int, list[Item]] = {}
        edges: dict[int, dict[str, Any]] = {}
        tables_seen = 0
        first_text_done = False
        binary: str | None = None
        digest: str | None = None
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                warnings.append(f"page {i + 1}: damaged, skipped")
                continue
            try:
                width, height = page.get_size()
                tp = _TextPage(page.get_textpage())
                visible = _visible(tp.text)
                hs, vs, image_area = _page_objects(page)
                if visible < 8 and image_area > 0.25 * width * height:
                    image_pages.append(i)  # a scan (signature stamps in annotations do not count)
                    pending.append((i, "image"))
                    continue
                if image_area >= 0.5 * width * height:  # a scan with a text layer: trust it or OCR?
                    total, invisible = _text_objects(page)
                    verdict = decide(evidence(tp.text, image_area / (width * height), total, invisible))
                    if verdict.reasons:
                        warnings.append(verdict.warning(i + 1))
                        decisions[i + 1] = {"source": verdict.source, "reasons": list(verdict.reasons)}
                    if verdict.source == "ocr":
                        box_lines += signature_box_lines(tp.text)
                        layer_pages.append(i)
                        pending.append((i, "layer"))
                        continue
                own_chars = len(tp.text)
                flat = _flatten_annotations(pdf, i, page)
                flattened = flat is not page
                if flattened:
                    page = flat
                    tp = _TextPage(page.get_textpage())
                    visible = _visible(tp.text)
                if visible < 8:
                    if image_area > 0.25 * width * height:
                        image_pages.append(i)
                        pending.append((i, "image"))
                    continue
                if garbled_ratio(tp.text) > 0.08:
                    fixed = recover_fonts and _recover_fonts(tp, recovery, path, i)
                    if fixed:
                        recovered_pages.append(i)
                    else:
                        garbled_pages.append(i)
                        pending.append((i, "garbled"))
                lines = tp.lines()
                if flattened and len(tp.text) > own_chars:
                    lines, stamp = _signature_annotation_lines(lines, own_chars)
                    box_lines += stamp
                lines = join_stamped(lines, tp.glyphs)
                grids = find_tables(hs, vs) if len(hs) >= 2 and len(vs) >= 2 else []
                prev_edges = edges.get(max(per_page)) if per_page else None
                edges[i] = {}
                per_page[i] = _layout_page(
                    lines, width, height, i + 1,
                    first_text_page=not first_text_done, fetch=tp.glyphs,
                    tables=grids, table_base=tables_seen, tp=tp, edges=edges[i],
                    closing_from=prev_edges.get("closing_split") if prev_edges else None,
                )
                per_page[i], stamp = _split_closing_stamp(per_page[i])
                box_lines += stamp
                if edges[i].get("continued") and per_page:
                    _join_closing(per_page[max(p for p in per_page if p < i)], per_page[i])
                first_text_done = True
                tables_seen += len(grids)
            finally:
                page.close()
        # OCR pass for pages without a usable text layer
        if pending:
            binary = ocr_mod.tesseract_available(OCR_SETTINGS.lang) if ocr else None
            if binary is None:
                if layer_pages:  # no OCR: the untrusted layer is still better than nothing
                    warnings.append("pages " + ", ".join(str(p + 1) for p in layer_pages)
                                    + ": text layer not trusted but Tesseract (vie) is not available; not read")
                    needs_ocr = True
                if image_pages:
                    needs_ocr = True
                    if len(image_pages) == n or not per_page:
                        warnings.append(_NO_OCR_WARNING if ocr else "image-only PDF: OCR disabled, text not read")
                    else:
                        pages = ", ".join(str(p + 1) for p in image_pages)
                        warnings.append(f"pages {pages} are images: Tesseract (vie) not available, not read")
                if garbled_pages:
                    pages = ", ".join(str(p + 1) for p in garbled_pages)
                    warnings.append(f"pages {pages}: the text layer uses fonts without a Unicode map; text is garbled")
            else:
                digest = ocr_mod.file_digest(path)
                from vnplan.normalize.ocr_repair import repair_ocr, years_in

                ocr_pages: dict[int, tuple[list[Line], float, float, str]] = {}
                signatures: dict[int, ocr_mod.SignatureRead] = {}
                repairs: list[str] = []

                first_content = min([*per_page, *(p for p, _ in pending)])
                heights = {}
                for i, _ in pending:
                    page = pdf[i]
                    heights[i] = page.get_size()
                    page.close()
                results = ocr_mod.ocr_pages_tsv(pdf, sorted(p for p, _ in pending), digest, OCR_SETTINGS, binary)
                for i, why in sorted(pending):
                    tsv = results.get(i)
                    if not isinstance(tsv, str):
                        warnings.append(f"page {i + 1}: OCR failed ({str(tsv)[:80]})")
                        needs_ocr = True
                        continue
                    width, height = heights[i]
                    tsv, turned = ocr_mod.upright_tsv(pdf, i, tsv, digest, OCR_SETTINGS, binary)
                    if turned:  # the second passes crop the page as scanned: not over a turned reading
                        warnings.append(f"page {i + 1}: scanned turned, read after turning it {turned}°")
                        if turned in (90, 270):
                            width, height = height, width
                    words = ocr_mod.confident_words(ocr_mod.parse_tsv(tsv))
                    if i == first_content and not turned:  # second pass over the header columns (Số, V/v)
                        words = reread_header(pdf, i, words, digest, OCR_SETTINGS, binary)
                    found = None if turned else ocr_mod.ocr_signature(pdf, i, words, digest, OCR_SETTINGS, binary)
                    if found is not None:  # second pass over the signature block (seal, handwriting)
                        signatures[i], body = found
                        words = [w for w in words if not signatures[i].covers(w, body)]
                    ocr_pages[i] = (ocr_mod.ocr_lines(words, OCR_SETTINGS.dpi, height), width, height, why)
                known = years_in("\n".join(ln.text for v in ocr_pages.values() for ln in v[0]))
                for i, (lines, width, height, why) in sorted(ocr_pages.items()):
                    page_items = _layout_page(
                        lines, width, height, i + 1,
                        first_text_page=i == first_content,
                        fetch=lambda ln: ln.glyphs or [],
                        tables=[], table_base=tables_seen, tp=None, ocr_paragraphs=True,
                    )
                    if i in signatures:
                        page_items = _with_signature(page_items, signatures[i].lines, i + 1)
                    per_page[i] = []
                    edges.pop(i, None)
                    for text, attrs in page_items:
                        text, fixes = repair_ocr(text, years=known)
                        repairs += fixes
                        per_page[i].append((text, attrs))
                    ocr_used = True
                if garbled_pages:
                    pages = ", ".join(str(p + 1) for p in garbled_pages)
                    warnings.append(f"pages {pages}: text layer garbled (fonts without a Unicode map); read by OCR")
                meta_extra["ocr_repairs"] = repairs
        if recovered_pages:
            pages = ", ".join(str(p + 1) for p in recovered_pages)
            warnings.append(
                f"pages {pages}: fonts without a Unicode map; text recovered from the glyph shapes (check accents)"
            )
        _page_breaks(per_page, edges)
        for i in sorted(per_page):
            items += per_page[i]
    finally:
        pdf.close()
    return RawDocument.from_texts(
        name, "pdf", _tidy(items), warnings=warnings, needs_ocr=needs_ocr, ocr_used=ocr_used, pages=n,
        meta={"image_pages": [p + 1 for p in image_pages], "garbled_pages": [p + 1 for p in garbled_pages],
              "font_recovered_pages": [p + 1 for p in recovered_pages], "tables": tables_seen,
              "layer_ocr_pages": [p + 1 for p in layer_pages], "page_decisions": decisions,
              "signature": signature_of(pdf_sigs, box_lines), **meta_extra},
    )
