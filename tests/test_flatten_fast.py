"""Issue 11 (speed): a signed born-digital page is flattened before its first text page is read.

`annotation_start` finds where the flattened annotations' text begins from the flattened page
alone; the slow reference is the length of the page's text read before the flatten (a second text
page).  Checked on every corpus page whose annotations print text.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from vnplan.read.pdf_textpage import TextPage, annotation_start, annotations_print_text, flatten_page

ROOT = Path(__file__).resolve().parents[1]


def _signed_pages() -> list[tuple[Path, int]]:
    found = []
    for path in sorted((ROOT / "corpus" / "real").glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                if annotations_print_text(page):
                    found.append((path, i))
                page.close()
        finally:
            pdf.close()
    return found


SIGNED = _signed_pages()


def test_corpus_has_signed_pages() -> None:
    assert len(SIGNED) >= 5


@pytest.mark.parametrize(("path", "index"), SIGNED, ids=[f"{p.name[:24]}-{i}" for p, i in SIGNED])
def test_annotation_start_is_the_text_length_before_the_flatten(path: Path, index: int) -> None:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        before = TextPage(page.get_textpage()).text  # the slow reference: a text page before the flatten
        own_objects = pdfium_c.FPDFPage_CountObjects(page.raw)
        flat = flatten_page(pdf, index, page)
        assert flat is not page
        tp = TextPage(flat.get_textpage())
        start = annotation_start(flat, own_objects, tp)
        assert start == len(before)
        assert tp.text[:start] == before
        assert len(tp.text) > start  # the annotations' text follows
        flat.close()
    finally:
        pdf.close()
