"""Read PDF files: the text layer through pypdfium2, layout only where it matters.

Fast path: pdfium's text of each page, split into its lines; one box per line
(two character boxes).  Character boxes are read only for the two-column
bands (header table, ``Nơi nhận`` beside the signature) so that their columns
come out one after the other; ruled tables are found from the page's path
objects and emitted cell by cell.  Pages without a text layer are read with
Tesseract (`vnplan.read.pdf_ocr`) when it is installed.

    >>> raw = read_pdf(Path("corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"))  # doctest: +SKIP
    >>> [b.text for b in raw.blocks if b.region == "header-left"]  # doctest: +SKIP
    ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HÀ NỘI', 'Số:173 /KH-UBND']
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vnplan.document import RawDocument
from vnplan.errors import CorruptFileError
from vnplan.read.budget import BudgetError, budget
from vnplan.read.cache import file_digest
from vnplan.read.ocr_page import OcrSettings, tesseract_available
from vnplan.read.pdf_items import (
    Item,
    join_closing,
    layout_page,
    page_breaks,
    signature_annotation_lines,
    split_closing_stamp,
    tidy,
)
from vnplan.read.pdf_ocr import read_by_ocr
from vnplan.read.pdf_page_kind import garbled_ratio, page_objects, text_objects, visible_chars
from vnplan.read.pdf_stamps import join_stamped
from vnplan.read.pdf_tables import find_tables
from vnplan.read.pdf_textpage import (
    TextPage,
    annotation_start,
    annotations_print_text,
    flatten_annotations,
    flatten_page,
    looks_truncated,
    open_pdf,
)
from vnplan.read.pdf_trust import decide, evidence, signature_box_lines
from vnplan.read.signature import pdf_signatures, signature_of

__all__ = ["OCR_SETTINGS", "garbled_ratio", "read_pdf"]

OCR_SETTINGS = OcrSettings()
_NO_OCR_WARNING = "image-only PDF: Tesseract (vie) not installed, text not read"


def _recover_fonts(tp: TextPage, state: dict[str, Any], path: Path, index: int) -> bool:
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
            state["digest"] = file_digest(path)
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
    pdf = open_pdf(path)
    warnings: list[str] = []
    items: list[Item] = []
    ocr_used = False
    needs_ocr = False
    meta_extra: dict[str, Any] = {}
    try:
        try:
            n = len(pdf)
        except pdfium.PdfiumError:
            raise CorruptFileError(name, key="err.pdf_tree_damaged") from None
        if n == 0:
            raise CorruptFileError(name, key="err.pdf_no_pages")
        limits = budget()
        if n > limits.max_pages:
            raise BudgetError(name, key="err.pdf_page_budget", pages=n, limit=limits.max_pages)
        if looks_truncated(path):
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
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                warnings.append(f"page {i + 1}: damaged, skipped")
                continue
            try:
                width, height = page.get_size()
                hs, vs, image_area = page_objects(page)
                flattened = False
                printing = image_area <= 0.25 * width * height and annotations_print_text(page)
                if printing:  # born-digital: flatten before the first text page (no text page read twice)
                    own_objects = pdfium_c.FPDFPage_CountObjects(page.raw)
                    flat = flatten_page(pdf, i, page)
                    if flat is not page:
                        page, flattened = flat, True
                        tp = TextPage(page.get_textpage())
                        own_chars = annotation_start(page, own_objects, tp)
                        visible = visible_chars(tp.text)
                if not flattened:
                    tp = TextPage(page.get_textpage())
                    visible = visible_chars(tp.text)
                if not flattened and visible < 8 and image_area > 0.25 * width * height:
                    image_pages.append(i)  # a scan (signature stamps in annotations do not count)
                    pending.append((i, "image"))
                    continue
                if image_area >= 0.5 * width * height:  # a scan with a text layer: trust it or OCR?
                    total, invisible = text_objects(page)
                    verdict = decide(evidence(tp.text, image_area / (width * height), total, invisible))
                    if verdict.reasons:
                        warnings.append(verdict.warning(i + 1))
                        decisions[i + 1] = {"source": verdict.source, "reasons": list(verdict.reasons)}
                    if verdict.source == "ocr":
                        box_lines += signature_box_lines(tp.text)
                        layer_pages.append(i)
                        pending.append((i, "layer"))
                        continue
                if not flattened and image_area > 0.25 * width * height:  # `printing` was not asked
                    own_chars = len(tp.text)
                    flat = flatten_annotations(pdf, i, page)
                    flattened = flat is not page
                    if flattened:
                        page = flat
                        tp = TextPage(page.get_textpage())
                        visible = visible_chars(tp.text)
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
                    lines, stamp = signature_annotation_lines(lines, own_chars)
                    box_lines += stamp
                lines = join_stamped(lines, tp.glyphs)
                grids = find_tables(hs, vs) if len(hs) >= 2 and len(vs) >= 2 else []
                prev_edges = edges.get(max(per_page)) if per_page else None
                edges[i] = {}
                per_page[i] = layout_page(
                    lines, width, height, i + 1,
                    first_text_page=not first_text_done, fetch=tp.glyphs,
                    tables=grids, table_base=tables_seen, tp=tp, edges=edges[i],
                    closing_from=prev_edges.get("closing_split") if prev_edges else None,
                )
                per_page[i], stamp = split_closing_stamp(per_page[i])
                box_lines += stamp
                if edges[i].get("continued") and per_page:
                    join_closing(per_page[max(p for p in per_page if p < i)], per_page[i])
                first_text_done = True
                tables_seen += len(grids)
            finally:
                page.close()
        # OCR pass for pages without a usable text layer
        if pending:
            binary = tesseract_available(OCR_SETTINGS.lang) if ocr else None
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
                first_content = min([*per_page, *(p for p, _ in pending)])
                done = read_by_ocr(pdf, path, pending, first_content, binary, tables_seen, OCR_SETTINGS)
                warnings += done.warnings
                needs_ocr = needs_ocr or done.failed
                for i, page_items in done.items.items():
                    per_page[i] = page_items
                    edges.pop(i, None)
                    ocr_used = True
                if garbled_pages:
                    pages = ", ".join(str(p + 1) for p in garbled_pages)
                    warnings.append(f"pages {pages}: text layer garbled (fonts without a Unicode map); read by OCR")
                meta_extra["ocr_repairs"] = done.repairs
        if recovered_pages:
            pages = ", ".join(str(p + 1) for p in recovered_pages)
            warnings.append(
                f"pages {pages}: fonts without a Unicode map; text recovered from the glyph shapes (check accents)"
            )
        page_breaks(per_page, edges)
        for i in sorted(per_page):
            items += per_page[i]
    finally:
        pdf.close()
    return RawDocument.from_texts(
        name, "pdf", tidy(items), warnings=warnings, needs_ocr=needs_ocr, ocr_used=ocr_used, pages=n,
        meta={"image_pages": [p + 1 for p in image_pages], "garbled_pages": [p + 1 for p in garbled_pages],
              "font_recovered_pages": [p + 1 for p in recovered_pages], "tables": tables_seen,
              "layer_ocr_pages": [p + 1 for p in layer_pages], "page_decisions": decisions,
              "signature": signature_of(pdf_sigs, box_lines), **meta_extra},
    )
