"""The normalisation pipeline (minimal version: NFC with an offset map)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from vnplan.document import Cell, Document, RawDocument, Table

__all__ = ["NormalizedText", "normalize", "build_document"]


@dataclass(frozen=True)
class NormalizedText:
    """Clean text plus ``offsets``: raw index of each character (len(text)+1 entries)."""

    text: str
    offsets: list[int]
    warnings: tuple[str, ...] = ()


def normalize(raw: str, hard_breaks: frozenset[int] | None = None) -> NormalizedText:
    """NFC-compose ``raw`` keeping a map back to it.

    ``hard_breaks`` are raw offsets of newlines that must stay paragraph breaks.
    """
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        composed = unicodedata.normalize("NFC", raw[i:j])
        for k, ch in enumerate(composed):
            out.append(ch)
            offsets.append(i if k == 0 else min(i + k, j - 1))
        i = j
    offsets.append(n)
    return NormalizedText("".join(out), offsets)


def _tables(raw_doc: RawDocument, norm: NormalizedText) -> list[Table]:
    """Group table-cell blocks into tables with spans in the normalised text."""
    import bisect

    tables: dict[int, Table] = {}
    for block in raw_doc.blocks:
        if block.table is None or block.row is None or block.col is None:
            continue
        s = bisect.bisect_left(norm.offsets, block.start, hi=len(norm.offsets) - 1)
        e = bisect.bisect_left(norm.offsets, block.end, hi=len(norm.offsets) - 1)
        table = tables.setdefault(block.table, Table(index=block.table, rows=[], page=block.page))
        while len(table.rows) <= block.row:
            table.rows.append([])
        table.rows[block.row].append(Cell(norm.text[s:e].strip(), s, e, block.row, block.col))
    return [tables[k] for k in sorted(tables)]


def build_document(raw_doc: RawDocument) -> Document:
    """Normalise a reader's output into a `Document`."""
    hard = frozenset(b.end for b in raw_doc.blocks if b.kind != "line")
    norm = normalize(raw_doc.raw, hard)
    return Document(
        path=raw_doc.path,
        format=raw_doc.format,
        text=norm.text,
        offsets=norm.offsets,
        raw=raw_doc,
        tables=_tables(raw_doc, norm),
        warnings=[*raw_doc.warnings, *norm.warnings],
    )
