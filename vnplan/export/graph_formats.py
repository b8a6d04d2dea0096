"""Citation-graph exports: GraphML, GEXF, JSON node-link, Cytoscape.js JSON, CSV, DOT, HTML.

Every format carries the same node and edge attributes; GraphML and GEXF
cannot hold null or list values, so nulls are left out and lists are written
as JSON strings.  A layered layout (party at the top, communes at the
bottom) gives positions to the HTML page and to GEXF (``viz`` positions and
colours, read by Gephi).

    >>> from vnplan.link import link
    >>> g = link("records.jsonl")  # doctest: +SKIP
    >>> write_graph(g, "graph.gexf")  # doctest: +SKIP
    ['graph.gexf']
"""
from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import networkx as nx

from vnplan.errors import VnplanError
from vnplan.views import register

if TYPE_CHECKING:
    from vnplan.link.graph import CitationGraph

__all__ = [
    "FORMATS",
    "LEVEL_COLOURS",
    "RELATION_STYLES",
    "SCHEMA_PATH",
    "atomic_write",
    "cytoscape_json",
    "format_of",
    "layered_layout",
    "node_link",
    "to_dot",
    "write_graph",
    "xml_safe",
]

SCHEMA_PATH = Path(__file__).with_name("graph.schema.json")

FORMATS = {
    ".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".cyjs": "cyjs", ".cy.json": "cyjs",
    ".csv": "csv", ".dot": "dot", ".gv": "dot", ".html": "html", ".htm": "html",
}
LEVEL_COLOURS = {
    "party": "#d62728", "central": "#1f77b4", "province": "#2ca02c", "district": "#ff7f0e",
    "commune": "#9467bd", "unit": "#8c564b", None: "#7f7f7f",
}
# relation → (DOT style, colour, pen width)
RELATION_STYLES = {
    "implements": ("solid", "#333333", 2.0), "basis": ("solid", "#1f5f9f", 1.2),
    "attached_to": ("bold", "#17a2b8", 2.5), "proposal": ("dashed", "#b8860b", 1.2),
    "mentions": ("dotted", "#999999", 1.0),
}
NODE_FIELDS = ["id", "kind", "status", "label", "type", "number", "symbol", "year", "date", "issuer", "level", "rank",
               "province", "province_as_issued", "locality", "locality_history", "locality_source", "commune", "title",
               "path", "paths", "candidates", "in_cycle", "x", "y"]
EDGE_FIELDS = ["source", "target", "key", "relation", "text", "span", "cited_as", "cited_date", "cited_issuer",
               "resolution", "reason", "confidence", "evidence", "candidates"]


class ExportError(VnplanError):
    """An export the graph cannot be written to (unknown format, unwritable path)."""

    code = "E010"


def format_of(path: str | Path, format: str | None = None) -> str:
    """The export format for ``path``: given, else from the extension.

    >>> format_of("do-thi.gexf"), format_of("g.cy.json"), format_of("g.txt", "dot")
    ('gexf', 'cyjs', 'dot')
    """
    if format:
        fmt = format.lower().lstrip(".")
        aliases = {"cytoscape": "cyjs", "node-link": "json", "d3": "json", "gv": "dot", "htm": "html"}
        fmt = aliases.get(fmt, fmt)
        if fmt not in set(FORMATS.values()):
            raise ExportError(str(path), key="err.unknown_graph_format", value=repr(format),
                              valid=", ".join(sorted(set(FORMATS.values()))))
        return fmt
    name = str(path).lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    raise ExportError(str(path), key="err.graph_format_unknown_ext")


def layered_layout(cg: CitationGraph, width: float = 1600.0, row_gap: float = 140.0,
                   max_per_row: int = 28) -> dict[str, tuple[float, float]]:
    """Top-down positions: one band per level (party → commune), nodes ordered to shorten edges.

    >>> from vnplan.link.graph import CitationGraph
    >>> layered_layout(CitationGraph())
    {}
    """
    g = cg.graph
    bands: dict[int, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        bands[int(data.get("rank", 6))].append(node)
    for band in bands.values():  # archive documents first, then by id: a stable start
        band.sort(key=lambda n: (g.nodes[n].get("kind") != "document", g.nodes[n].get("province") or "", n))
    order = {n: i / max(1, len(b)) for b in bands.values() for i, n in enumerate(b)}
    undirected = nx.Graph(g)
    for _ in range(6):  # barycentre sweeps
        for rank in sorted(bands):
            def bary(n: str) -> float:
                nbrs = [order[m] for m in undirected.neighbors(n) if m != n]
                return sum(nbrs) / len(nbrs) if nbrs else order[n]
            bands[rank].sort(key=bary)
            for i, n in enumerate(bands[rank]):
                order[n] = i / max(1, len(bands[rank]))
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for rank in sorted(bands):
        stubs = [n for n in bands[rank] if g.nodes[n].get("kind") != "document"]
        docs = [n for n in bands[rank] if g.nodes[n].get("kind") == "document"]
        # cited-only rows above the band's documents, documents spread wide so their labels do not overlap
        rows = [stubs[i:i + max_per_row] for i in range(0, len(stubs), max_per_row)]
        rows += [docs[i:i + max(1, max_per_row // 3)] for i in range(0, len(docs), max(1, max_per_row // 3))]
        for r, row in enumerate(rows):
            step = width / max(1, len(row))
            offset = (step / 4) * (r % 2)
            for i, n in enumerate(row):
                positions[n] = (round(step * (i + 0.5) + offset, 1), round(y, 1))
            y += row_gap * (0.5 if r < len(rows) - 1 else 1.0)
    return positions


def _plain(value: Any) -> Any:
    """A JSON-ready value (tuples → lists)."""
    if isinstance(value, tuple):
        return list(value)
    return value


def node_link(cg: CitationGraph, positions: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """The JSON node-link form (D3): ``{"directed", "multigraph", "graph", "nodes", "links"}``.

    It validates against ``graph.schema.json`` and loads back with
    ``networkx.node_link_graph(data, edges="links")``.
    """
    g = cg.graph
    positions = positions if positions is not None else layered_layout(cg)
    nodes = []
    for node, data in g.nodes(data=True):
        item = {"id": node, **{k: _plain(v) for k, v in data.items()}}
        if node in positions:
            item["x"], item["y"] = positions[node]
        for name in ("paths", "candidates", "locality_history"):
            item.setdefault(name, [])
        nodes.append(item)
    links = [{"source": u, "target": v, "key": k, **{a: _plain(b) for a, b in d.items()}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    meta = {k: _plain(v) for k, v in g.graph.items()}
    meta.setdefault("cycles", [])
    return {"format": "vnplan-citation-graph", "version": 1, "directed": True, "multigraph": True, "graph": meta,
            "nodes": nodes, "links": links}


def cytoscape_json(cg: CitationGraph, positions: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """The Cytoscape.js form: ``{"data", "elements": {"nodes": [{"data", "position"}], "edges": [{"data"}]}}``."""
    data = node_link(cg, positions)
    nodes = []
    for n in data["nodes"]:
        pos = {"x": n.pop("x"), "y": n.pop("y")} if "x" in n else None
        item: dict[str, Any] = {"data": n}
        if pos:
            item["position"] = pos
        nodes.append(item)
    edges = [{"data": {"id": f"e{i}", **e}} for i, e in enumerate(data["links"])]
    return {"format": "vnplan-citation-graph-cytoscape", "version": 1, "data": data["graph"],
            "elements": {"nodes": nodes, "edges": edges}}


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 cannot hold (C0 controls but tab and newlines, lone surrogates).

    >>> xml_safe("Kế hoạch\x0bsố 5\x00")
    'Kế hoạch số 5'
    """
    return _XML_UNSAFE.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def _flat(value: Any) -> Any:
    """GraphML/GEXF-safe value: lists and dicts → JSON text, strings XML-safe; None dropped by the caller."""
    if isinstance(value, (list, tuple, dict)):
        return xml_safe(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return xml_safe(value)
    return value


def _flat_graph(cg: CitationGraph, viz: bool) -> nx.MultiDiGraph:
    g = cg.graph
    out = nx.MultiDiGraph()
    positions = layered_layout(cg) if viz else {}
    for node, data in g.nodes(data=True):
        attrs = {k: _flat(v) for k, v in data.items() if v is not None and v != []}
        attrs.setdefault("label", node)
        if viz:
            colour = LEVEL_COLOURS.get(data.get("level"), LEVEL_COLOURS[None]).lstrip("#")
            x, y = positions.get(node, (0.0, 0.0))
            attrs["viz"] = {"color": {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16),
                                      "a": 1.0 if data.get("kind") == "document" else 0.45},
                            "position": {"x": x, "y": -y, "z": 0.0},
                            "size": 10.0 if data.get("kind") == "document" else 5.0}
        out.add_node(node, **attrs)
    for i, (u, v, _k, data) in enumerate(g.edges(keys=True, data=True)):
        attrs = {k: _flat(v2) for k, v2 in data.items() if v2 is not None and v2 != []}
        out.add_edge(u, v, key=f"e{i}", **attrs)
    out.graph.update({"name": "vnplan citation graph"})
    return out


def to_dot(cg: CitationGraph) -> str:
    """Graphviz DOT text, top-down, one rank per level, coloured by level, edge style by relation.

    >>> from vnplan.link.graph import CitationGraph
    >>> to_dot(CitationGraph()).splitlines()[0]
    'digraph citations {'
    """
    def q(value: Any) -> str:
        text = xml_safe(str(value)).replace("\r", " ")
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    g = cg.graph
    lines = ["digraph citations {", ("  rankdir=TB; newrank=true; node [shape=box, style=\"rounded,filled\", "
             "fontname=\"DejaVu Sans\", fontsize=10]; edge [fontsize=8];")]
    ids = {node: f"n{i}" for i, node in enumerate(g.nodes)}
    ranks: dict[int, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        colour = LEVEL_COLOURS.get(data.get("level"), LEVEL_COLOURS[None])
        doc = data.get("kind") == "document"
        label = data.get("label") or node
        if data.get("year"):
            label += f"\\n{data['year']}"
        if data.get("issuer"):
            label += f"\\n{data['issuer'][:40]}"
        style = "rounded,filled" if doc else "rounded,dashed"
        fill = colour if doc else "white"
        font = "white" if doc else "black"
        tooltip = data.get("title") or data.get("issuer") or node
        lines.append(f"  {ids[node]} [label={q(label)}, fillcolor={q(fill)}, color={q(colour)}, style={q(style)}, "
                     f"fontcolor={q(font)}, tooltip={q(tooltip)}, id={q(node)}];")
        ranks[int(data.get("rank", 6))].append(ids[node])
    for rank in sorted(ranks):
        lines.append(f"  {{ rank=same; {'; '.join(ranks[rank])}; }}")
    for u, v, data in g.edges(data=True):
        style, colour, width = RELATION_STYLES.get(data.get("relation"), RELATION_STYLES["mentions"])
        lines.append(f"  {ids[u]} -> {ids[v]} [label={q(data.get('relation', ''))}, style={style}, color={q(colour)}, "
                     f"penwidth={width}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _csv_cell(value: Any) -> Any:
    """A CSV cell: lists as JSON, None blank, text a spreadsheet cannot run as a formula (`safe_cell`).

    >>> _csv_cell("=1+1"), _csv_cell(["a"]), _csv_cell(None), _csv_cell(2021)
    ("'=1+1", '["a"]', '', 2021)
    """
    from vnplan.export.records import safe_cell

    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return safe_cell(value) if isinstance(value, str) else value


def _write_csv(cg: CitationGraph, path: Path) -> list[str]:
    base = str(path)[: -len(".csv")] if str(path).lower().endswith(".csv") else str(path)
    data = node_link(cg)
    written = []
    for suffix, rows, fields in ((".nodes.csv", data["nodes"], NODE_FIELDS), (".edges.csv", data["links"], EDGE_FIELDS)):
        target = Path(base + suffix)
        with atomic_write(target, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _csv_cell(v) for k, v in row.items()})
        written.append(str(target))
    return written


@register("file.atomic")
class atomic_write:
    """Open a temporary file next to ``path`` for writing; on success rename it over ``path``, on error delete it.

    There is never a half-written file at ``path``.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "g.txt"
    >>> with atomic_write(target) as f:
    ...     _ = f.write("xong")
    >>> target.read_text(encoding="utf-8")
    'xong'
    """

    def __init__(self, path: str | Path, newline: str | None = None, binary: bool = False) -> None:
        self.path = Path(path)
        self.newline = newline
        self.binary = binary

    def __enter__(self) -> Any:
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or ".")
        self.handle = os.fdopen(fd, "wb") if self.binary else os.fdopen(fd, "w", encoding="utf-8", newline=self.newline)
        return self.handle

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.handle.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


@register("graph.write")
def write_graph(cg: CitationGraph, path: str | Path, format: str | None = None) -> list[str]:
    """Write the graph to ``path`` in ``format`` (or the one its extension names); returns the files written.

    CSV writes two files next to each other: ``NAME.nodes.csv`` and ``NAME.edges.csv``.
    """
    path = Path(path)
    fmt = format_of(path, format)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            return _write_csv(cg, path)
        with atomic_write(path, binary=fmt in ("graphml", "gexf")) as handle:
            if fmt == "graphml":
                nx.write_graphml(_flat_graph(cg, viz=False), handle, encoding="utf-8")
            elif fmt == "gexf":
                nx.write_gexf(_flat_graph(cg, viz=True), handle, encoding="utf-8", version="1.2draft")
            elif fmt == "json":
                handle.write(json.dumps(node_link(cg), ensure_ascii=False, indent=1))
            elif fmt == "cyjs":
                handle.write(json.dumps(cytoscape_json(cg), ensure_ascii=False, indent=1))
            elif fmt == "dot":
                handle.write(to_dot(cg))
            elif fmt == "html":
                from vnplan.export.graph_html import graph_html

                handle.write(graph_html(cg))
    except OSError as exc:
        raise ExportError(str(path), key="err.cannot_write_graph", detail=str(exc.strerror or exc)) from None
    except (ValueError, TypeError) as exc:  # a value the format cannot hold: nothing is left behind
        raise ExportError(str(path), key="err.cannot_write_graph_as", fmt=fmt,
                          detail=f"{exc.__class__.__name__}: {exc}") from None
    return [str(path)]
