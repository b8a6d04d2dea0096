"""vnplan: read Vietnamese government plan documents and turn them into data.

    >>> import vnplan
    >>> doc = vnplan.read("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec = vnplan.extract("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec.symbol  # doctest: +SKIP
    'KH-UBND'
"""
from __future__ import annotations

from typing import Any

from vnplan.document import Document
from vnplan.errors import VnplanError
from vnplan.read import read
from vnplan.record import Record

__version__ = "0.1.0"

__all__ = [
    "read", "extract", "extract_many", "to_dataframe", "load", "link", "compare", "check",
    "Document", "Record", "VnplanError", "__version__",
]


def __getattr__(name: str) -> Any:  # lazy: heavy modules load on first use
    if name == "extract":
        from vnplan.extract import extract

        return extract
    if name in ("extract_many", "to_dataframe"):
        from vnplan import batch

        return getattr(batch, name)
    if name == "load":
        from vnplan.collection import load

        return load
    if name == "link":
        from vnplan.link import link

        return link
    if name in ("compare", "check"):
        from vnplan import compare as _compare

        return getattr(_compare, name)
    raise AttributeError(f"module 'vnplan' has no attribute {name!r}")
