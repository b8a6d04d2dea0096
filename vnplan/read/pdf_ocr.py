"""The OCR pass of a PDF: its pages without a usable text layer, read by Tesseract and laid out.

Each pending page (an image page, a scan whose layer was not trusted, a page whose fonts stayed
garbled) is read by the page pass (`vnplan.read.ocr_page`, all pages at once, in parallel), turned
upright when it was scanned sideways (`vnplan.read.ocr_upright`), its header columns re-read
on the first page (`vnplan.read.ocr_header`) and its signature block re-read under the seal
(`vnplan.read.ocr_signature`); then laid out like a text page (`vnplan.read.pdf_items`) and its
Tesseract confusions repaired (``2O25`` → ``2025``).

    >>> done = read_by_ocr(pdf, path, [(0, "image")], 0, binary, 0, OcrSettings())  # doctest: +SKIP
    >>> done.items[0][0]  # doctest: +SKIP
    ('VĂN PHÒNG CHÍNH PHỦ', {'kind': 'paragraph', 'page': 1, 'region': 'header-left'})
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnplan.errors import VnplanError
from vnplan.read.cache import file_digest
from vnplan.read.ocr_header import reread_header
from vnplan.read.ocr_page import OcrSettings, PageImages, confident_words, ocr_lines, ocr_pages_tsv, parse_tsv
from vnplan.read.ocr_signature import SignatureRead, ocr_signature
from vnplan.read.ocr_upright import upright_tsv
from vnplan.read.pdf_items import Item, layout_page, with_signature
from vnplan.read.pdf_lines import Line

__all__ = ["OcrPass", "read_by_ocr"]


@dataclass
class OcrPass:
    """What the OCR pass gives: blocks per page read (0-based index), warnings, repairs made."""

    items: dict[int, list[Item]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    failed: bool = False  # a page could not be read (Tesseract failed, or the page passes the budget)
    repairs: list[str] = field(default_factory=list)


def read_by_ocr(pdf: Any, path: Path, pending: list[tuple[int, str]], first_content: int, binary: str,
                table_base: int, settings: OcrSettings) -> OcrPass:
    """OCR the ``pending`` pages ``(index, why)`` of an open pypdfium2 document ``pdf`` read from ``path``.

    ``first_content`` is the first page with content (its header columns get a second pass);
    ``table_base`` the number of tables before these pages.
    """
    from vnplan.normalize.ocr_repair import repair_ocr, years_in

    done = OcrPass()
    digest = file_digest(path)
    ocr_pages: dict[int, tuple[list[Line], float, float, str]] = {}
    signatures: dict[int, SignatureRead] = {}
    heights = {}
    for i, _ in pending:
        page = pdf[i]
        heights[i] = page.get_size()
        page.close()
    # each page is rendered once: the page pass keeps the renders of the pages the second passes will
    # crop (the header page, and the last page, where the signature block is), and they crop those
    images = PageImages(pdf, wanted={first_content, max(p for p, _ in pending)} if pending else set())
    shared = images.pages
    results = ocr_pages_tsv(pdf, sorted(p for p, _ in pending), digest, settings, binary, keep=images)
    for i, why in sorted(pending):
        tsv = results.get(i)
        if not isinstance(tsv, str):
            images.forget(i)
            why_not = tsv.problem_in("en") if isinstance(tsv, VnplanError) else str(tsv)  # records keep English
            done.warnings.append(f"page {i + 1}: OCR failed ({why_not[:80]})")
            done.failed = True
            continue
        width, height = heights[i]
        tsv, turned = upright_tsv(shared, i, tsv, digest, settings, binary)
        if turned:  # the second passes crop the page as scanned: not over a turned reading
            done.warnings.append(f"page {i + 1}: scanned turned, read after turning it {turned}°")
            if turned in (90, 270):
                width, height = height, width
        words = confident_words(parse_tsv(tsv))
        if i == first_content and not turned:  # second pass over the header columns (Số, V/v)
            words = reread_header(shared, i, words, digest, settings, binary)
        found = None if turned else ocr_signature(shared, i, words, digest, settings, binary)
        images.forget(i)
        if found is not None:  # second pass over the signature block (seal, handwriting)
            signatures[i], body = found
            words = [w for w in words if not signatures[i].covers(w, body)]
        ocr_pages[i] = (ocr_lines(words, settings.dpi, height), width, height, why)
    known = years_in("\n".join(ln.text for v in ocr_pages.values() for ln in v[0]))
    for i, (lines, width, height, _why) in sorted(ocr_pages.items()):
        page_items = layout_page(
            lines, width, height, i + 1,
            first_text_page=i == first_content,
            fetch=lambda ln: ln.glyphs or [],
            tables=[], table_base=table_base, tp=None, ocr_paragraphs=True,
        )
        if i in signatures:
            page_items = with_signature(page_items, signatures[i].lines, i + 1)
        done.items[i] = []
        for text, attrs in page_items:
            text, fixes = repair_ocr(text, years=known)
            done.repairs += fixes
            done.items[i].append((text, attrs))
    return done
