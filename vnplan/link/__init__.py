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

from typing import Any

from vnplan.link.graph import DIRECTIVE_RELATIONS, LEVELS, RELATIONS, CitationGraph, build_graph
from vnplan.link.resolve import ArchiveIndex, Resolution, Resolver, default_resolver, load_records

__all__ = ["link", "CitationGraph", "default_resolver", "Resolution", "Resolver", "ArchiveIndex", "load_records",
           "LEVELS", "RELATIONS", "DIRECTIVE_RELATIONS"]


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
    return build_graph(records, resolver)
