"""A citation graph as two pandas tables: its nodes (documents and cited-only documents) and its edges (citations).

Columns follow the other tables: ``path`` is the key column (the document's source path; the citing
document's on an edge), dates are datetime64, numbers stay text, years are ``Int64``.

    >>> import vnplan
    >>> g = vnplan.load("records.jsonl").graph()  # doctest: +SKIP
    >>> graph_frame(g, "edges").groupby("relation").size()  # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any

from vnplan.errors import VnplanError

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "PARTS", "graph_frame"]

PARTS = ("nodes", "edges")
NODE_COLUMNS = ["path", "node", "label", "kind", "status", "type", "number", "symbol", "date", "year", "issuer",
                "level", "province", "province_as_issued", "locality", "title", "cites", "cited_by", "in_cycle"]
EDGE_COLUMNS = ["path", "source", "target", "source_label", "target_label", "relation", "resolution", "confidence",
                "reason", "cited_as", "cited_date", "cited_issuer", "text"]


def _nodes(g: Any) -> Any:
    import pandas as pd

    rows = [{**{c: d.get(c) for c in NODE_COLUMNS}, "node": n, "cites": g.out_degree(n), "cited_by": g.in_degree(n),
             "in_cycle": bool(d.get("in_cycle"))} for n, d in g.nodes(data=True)]
    df = pd.DataFrame(rows, columns=NODE_COLUMNS)
    for col in ("year", "cites", "cited_by"):
        df[col] = df[col].astype("Int64")
    df["number"] = df["number"].astype("string")
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    return df


def _edges(g: Any) -> Any:
    import pandas as pd

    def label(node: str) -> Any:
        return g.nodes[node].get("label") or node

    rows = [{**{c: d.get(c) for c in EDGE_COLUMNS}, "path": g.nodes[u].get("path"), "source": u, "target": v,
             "source_label": label(u), "target_label": label(v)} for u, v, d in g.edges(data=True)]
    df = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    df["confidence"] = df["confidence"].astype("float64")
    df["cited_date"] = pd.to_datetime(df["cited_date"], format="%Y-%m-%d", errors="coerce")
    return df


def graph_frame(graph: Any, part: str = "nodes") -> Any:
    """One row per node (``part="nodes"``) or per citation edge (``"edges"``) of a `CitationGraph`.

    >>> from vnplan.link import link
    >>> from vnplan.record import Record
    >>> kh = Record(source={"path": "kh.txt"}, number="12", symbol="KH-UBND", issue_date="2026-02-01",
    ...             citations=[{"number": "1050", "symbol": "QĐ-SCT", "date": "2026-01-20", "relation": "implements"}])
    >>> graph_frame(link([kh]), "edges")[["path", "cited_as", "relation"]].values.tolist()
    [['kh.txt', '1050/QĐ-SCT', 'implements']]
    """
    g = getattr(graph, "graph", graph)
    if part not in PARTS:
        raise VnplanError(None, key="err.unknown_graph_table", value=repr(part), valid=", ".join(PARTS))
    return _nodes(g) if part == "nodes" else _edges(g)
