"""Issue 11 (speed): the PDF reader's fast paths give what the slow ones give, on the corpus PDFs.

pdfium is called with plain integer handles (`pdf_textpage.plain_call`) where pypdfium2's typed
pointers cost more than the call itself; each test compares with the typed calls on real pages.
"""
from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from vnplan.read.pdf_lines import Glyph, lines_from_glyphs
from vnplan.read.pdf_page_kind import page_objects
from vnplan.read.pdf_textpage import OBJ_IMAGE, OBJ_PATH, TextPage

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "real"
PDFS = sorted(CORPUS.glob("*.pdf"))


def _page_objects_typed(page: Any) -> tuple[list[Any], list[Any], float]:
    """`page_objects` through pypdfium2's own declarations (the code before issue 11)."""
    hs: list[Any] = []
    vs: list[Any] = []
    image_area = 0.0
    raw = page.raw
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (l, b, r, t)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (OBJ_PATH, OBJ_IMAGE) or not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        x0, y0, x1, y1 = l.value, b.value, r.value, t.value
        w, h = x1 - x0, y1 - y0
        if kind == OBJ_IMAGE:
            image_area += max(w, 0) * max(h, 0)
        elif h < 2.5 and w > 5:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w < 2.5 and h > 5:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif w > 5 and h > 5:
            pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
            if stroke.value and not fill.value:
                hs += [(y0, x0, x1), (y1, x0, x1)]
                vs += [(x0, y0, y1), (x1, y0, y1)]
    return hs, vs, image_area


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:40])
def test_page_objects_equal_typed_calls(path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        assert page_objects(page) == _page_objects_typed(page)
    pdf.close()


@pytest.mark.parametrize("path", PDFS[:4], ids=lambda p: p.name[:40])
def test_character_boxes_equal_typed_calls(path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    tp = TextPage(pdf[0].get_textpage())
    rect = pdfium_c.FS_RECTF()
    for i in range(len(tp.text)):
        pdfium_c.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(rect))
        assert tp.box(i) == (rect.left, rect.bottom, rect.right, rect.top)
    for line in tp.lines()[:40]:
        want = [Glyph(tp.text[i], *_xxbt(tp.box(i))) for i in range(line.start, line.end) if not tp.text[i].isspace()]
        assert tp.glyphs(line) == want
    pdf.close()


def _xxbt(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, bottom, x1, top = box
    return x0, x1, bottom, top


def test_combining_marks_stay_with_their_letter() -> None:
    """The one-character test of `_clusters` and the general one agree (a mark, a letter, a word)."""
    g = [Glyph("o", 0, 5, 0, 10), Glyph("\u0302", 1, 4, 0, 12), Glyph("\u0301\u0300", 1, 4, 0, 12),
         Glyph("ab", 6, 12, 0, 10), Glyph("\u0323", 7, 9, -2, 0)]
    assert [ln.text for ln in lines_from_glyphs(g)] == ["o\u0302\u0301\u0300ab\u0323"]  # as before issue 11


def _garbled_ratio_reference(text: str) -> float:
    import unicodedata

    from vnplan.read.pdf_page_kind import _GARBLING_SYMBOLS, _UNUSUAL

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


@pytest.mark.parametrize("text", ["Số: 173/KH-UBND “Hà Nội” – 2025", "6Ӣ C‘NG 7+ѬѪ1*", "", "‡·˙ abc", "a\u0301 b\u0323",
                                  "ОБЩЕСТВО", "\u00a0\u2003 x\n\t"])
def test_page_measures_equal_reference(text: str) -> None:
    from vnplan.read.pdf_page_kind import garbled_ratio, visible_chars

    assert garbled_ratio(text) == _garbled_ratio_reference(text)
    assert visible_chars(text) == len(text) - sum(map(str.isspace, text))


def _lines_from_glyphs_reference(glyphs: list[Glyph], space_ratio: float = 0.12) -> list[Any]:
    """`lines_from_glyphs` before issue 11 (builtin min/max, generator expressions)."""
    from vnplan.read.pdf_lines import Line, _clusters

    clusters = [c for c in _clusters(glyphs) if c[0].text.strip()]
    clusters.sort(key=lambda c: -c[0].cy)
    rows: list[list[list[Glyph]]] = []
    for c in clusters:
        g = c[0]
        h = max(g.top - g.bottom, 1.0)
        for row in rows[-3:]:
            ref = row[0][0]
            overlap = min(ref.top, g.top) - max(ref.bottom, g.bottom)
            if overlap > 0.5 * min(h, max(ref.top - ref.bottom, 1.0)):
                row.append(c)
                break
        else:
            rows.append([c])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[0].x0)
        parts: list[str] = []
        prev: Glyph | None = None
        height = max(max(c[0].top for c in row) - min(c[0].bottom for c in row), 1.0)
        for c in row:
            g = c[0]
            gap = g.x0 - prev.x1 if prev is not None else 0.0
            if prev is not None and (
                gap > space_ratio * height
                or (gap > 0.02 * height and prev.text[-1:].isdigit() != g.text[:1].isdigit() and g.text[:1].isalnum())
            ):
                parts.append(" ")
            parts.append("".join(x.text for x in c))
            prev = g
        flat = [x for c in row for x in c]
        lines.append(Line(text="".join(parts), x0=min(x.x0 for x in flat), x1=max(x.x1 for x in flat),
                          bottom=min(x.bottom for x in flat), top=max(x.top for x in flat), glyphs=flat))
    lines.sort(key=lambda ln: -ln.top)
    return lines


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:40])
def test_lines_from_glyphs_equal_reference(path: Path) -> None:
    """Every page's characters grouped into lines, and the left and right halves: same lines both ways."""
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        tp = TextPage(pdf[i].get_textpage())
        glyphs = [g for ln in tp.lines() for g in tp.glyphs(ln)]
        half = [g for g in glyphs if g.cx < 300]
        for sample in (glyphs, half, glyphs[:40]):
            assert lines_from_glyphs(sample) == _lines_from_glyphs_reference(sample)
    pdf.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:40])
def test_bounded_text_in_one_call_equals_pypdfium2(path: Path) -> None:
    """Table cells, page halves and thin strips: one call gives what pypdfium2's two calls give."""
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        tp = TextPage(page.get_textpage())
        boxes = [(0, 0, width, height), (0, 0, width / 2, height), (width / 3, height / 2, width, height),
                 (0, height - 40, width, height), (10, 10, 12, 12)]
        boxes += [(x, y, x + 120, y + 30) for x in range(0, int(width), 150) for y in range(0, int(height), 90)]
        for x0, bottom, x1, top in boxes:
            assert tp.bounded(x0, bottom, x1, top) == tp.tp.get_text_bounded(x0, bottom, x1, top)
    pdf.close()
