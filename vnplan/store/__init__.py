"""The SQLite store: an archive of plan records as one file that any SQL tool opens.

One table per tidy table (records, citations, activities, responsibilities,
deadlines, recipients, warnings), the citation graph (``edges``), the texts, and
an FTS5 index over accent-folded titles and texts.  ``vnplan extract … -o
archive.sqlite`` writes it; ``vnplan.load("archive.sqlite")`` reads it back.

    >>> import vnplan
    >>> plans = vnplan.load("archive.sqlite")  # doctest: +SKIP
    >>> [h.title for h in search("archive.sqlite", "hoa xa")]  # doctest: +SKIP
    ['Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025 của UBND xã Hoà Xá']
"""
from __future__ import annotations

from vnplan.store.schema import SCHEMA_VERSION, StoreError, connect, is_store, migrate
from vnplan.store.search import Hit, search
from vnplan.store.text import extract_with_text, text_fn
from vnplan.store.writer import SqliteWriter, iter_records, read_index, rebuild_edges, write_records
from vnplan.views import register

# the records writer and readers of vnplan.export (a layer below) open a .sqlite output through these
register("records.sqlite.writer")(SqliteWriter)
register("records.sqlite.index")(read_index)
register("records.sqlite.records")(iter_records)

__all__ = [
    "SCHEMA_VERSION",
    "Hit",
    "SqliteWriter",
    "StoreError",
    "connect",
    "extract_with_text",
    "is_store",
    "iter_records",
    "migrate",
    "read_index",
    "rebuild_edges",
    "search",
    "text_fn",
    "write_records",
]
