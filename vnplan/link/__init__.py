"""The citation graph of an archive of plan records.

``link(records)`` resolves every citation of every record to an archive
document (or a stub node for a document not in the archive) and returns a
`CitationGraph` with queries and exports.

    >>> import vnplan
    >>> g = vnplan.link("records.jsonl")  # doctest: +SKIP
    >>> g.ancestors("1105/KH-ĐKT")  # doctest: +SKIP
    ['doc:1050/QĐ-SCT:2026', 'cited:181/2024/NĐ-CP:2024', ...]
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.link.graph import CitationGraph
    from vnplan.link.resolve import Resolver

_LAZY = {"CitationGraph": "graph", "LEVELS": "graph", "RELATIONS": "graph", "DIRECTIVE_RELATIONS": "graph",
         "build_graph": "graph", "ArchiveIndex": "resolve", "Resolution": "resolve", "Resolver": "resolve",
         "default_resolver": "resolve", "load_records": "resolve"}

__all__ = [
    "DIRECTIVE_RELATIONS",
    "LEVELS",
    "RELATIONS",
    "ArchiveIndex",
    "CitationGraph",
    "Resolution",
    "Resolver",
    "default_resolver",
    "link",
    "load_records",
]


def link(records: Any, resolver: Resolver | None = None) -> CitationGraph:
    """Build the citation graph of ``records``: Record objects, dicts, or a records JSON Lines path.

    ``resolver`` decides each citation (default `default_resolver`); plug in a
    lookup of your own registry with the same signature.

        >>> from vnplan.record import Record
        >>> kh = Record(source={"path": "kh.txt"}, doc_type="Kế hoạch", number="153", symbol="KH-UBND",
        ...             issue_year=2025, issuer={"name": "UBND thành phố Cần Thơ", "level": "province"},
        ...             citations=[{"doc_type": "Quyết định", "number": "7619", "symbol": "QĐ-BCA",
        ...                         "date": "2025-09-08", "issuer": "Bộ Công an", "relation": "implements"}])
        >>> link([kh]).missing()
        [('cited:7619/QĐ-BCA:2025', ['doc:153/KH-UBND:2025'])]
    """
    from vnplan.link.graph import build_graph

    return build_graph(records, resolver)


def __getattr__(name: str) -> Any:  # networkx loads on first use
    if name in _LAZY:
        return getattr(importlib.import_module(f"vnplan.link.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'vnplan.link' has no attribute {name!r}")
