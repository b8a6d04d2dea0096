"""Field extraction: a document → its plan `Record`.

    >>> from vnplan import extract
    >>> rec = extract("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec.doc_type, rec.symbol  # doctest: +SKIP
    ('Kế hoạch', 'KH-UBND')
"""
from __future__ import annotations

import os
from typing import Any

from vnplan.document import Document
from vnplan.record import Record

__all__ = ["extract", "extract_document"]


def extract_document(doc: Document, path: str | None = None) -> Record:
    """Extract the plan record from an already-read `Document`."""
    from vnplan.extract.builder import build_record

    return build_record(doc, path or doc.path)


def extract(source: "str | os.PathLike[str] | Document", **read_options: Any) -> Record:
    """Read a file (or take a `Document`) and extract its plan record.

    >>> rec = extract("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec.title  # doctest: +SKIP
    'Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025'
    """
    if isinstance(source, Document):
        return extract_document(source)
    from vnplan.read import read
    from vnplan.read.source import as_path

    path = as_path(source)
    return extract_document(read(path, **read_options), path)
