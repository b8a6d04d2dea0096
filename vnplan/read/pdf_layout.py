"""Page layout for PDF reading: lines with boxes, column bands and ruled tables.

One name for the three layout modules: `vnplan.read.pdf_lines` (glyphs → lines, margins,
paragraph breaks), `vnplan.read.pdf_bands` (the header and closing two-column bands) and
`vnplan.read.pdf_tables` (ruled tables).

    >>> g = [Glyph("S", 100, 107, 727, 739), Glyph("ố", 107, 113, 727, 739),
    ...      Glyph("H", 282, 291, 722, 735), Glyph("à", 291, 297, 722, 735)]
    >>> [ln.text for ln in lines_from_glyphs(g)]
    ['Số Hà']
"""
from __future__ import annotations

from vnplan.read.pdf_bands import (
    Band,
    find_closing_band,
    find_closing_continuation,
    find_gutter,
    find_header_band,
    join_wrapped,
)
from vnplan.read.pdf_lines import (
    Glyph,
    Line,
    ends_paragraph,
    first_word_width,
    fold,
    lines_from_glyphs,
    margin_role,
    paragraph_breaks,
    split_columns,
)
from vnplan.read.pdf_tables import TableGrid, find_tables

__all__ = [
    "Band",
    "Glyph",
    "Line",
    "TableGrid",
    "ends_paragraph",
    "find_closing_band",
    "find_closing_continuation",
    "find_gutter",
    "find_header_band",
    "find_tables",
    "first_word_width",
    "fold",
    "join_wrapped",
    "lines_from_glyphs",
    "margin_role",
    "paragraph_breaks",
    "split_columns",
]
