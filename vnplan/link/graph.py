"""The citation graph: archive documents, cited-only stubs, and citation edges, with queries.

Edges go from the citing document to the cited one (``069 —implements→ 4214``),
so what a plan carries out lies *above* it: `CitationGraph.ancestors` follows
edges forward (the directives over a plan), `CitationGraph.descendants`
backward (the documents acting on a directive).

    >>> import glob, json
    >>> from vnplan.link import link
    >>> g = link([json.load(open(p)) for p in sorted(glob.glob("corpus/gold/*.json"))])  # doctest: +SKIP
    >>> g.ancestors("1105/KH-ĐKT")  # doctest: +SKIP
    ['doc:1050/QĐ-SCT:2026', ...]
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from vnplan.errors import VnplanError
from vnplan.link.keys import name_key, number_key, symbol_key
from vnplan.link.labels import readable_label, short_label, unique_labels
from vnplan.model.source import item_span
from vnplan.views import view

__all__ = ["DIRECTIVE_RELATIONS", "LEVELS", "RELATIONS", "CitationGraph", "NodeNotFound", "Step", "walk"]


class NodeNotFound(VnplanError, KeyError):
    """A document key (``1105/KH-ĐKT``, a node id, a label, a file name) naming no node, or several."""

    code = "E011"

    def __str__(self) -> str:
        return self.message

LEVELS = ("party", "central", "province", "district", "commune", "unit")
RELATIONS = ("attached_to", "basis", "implements", "proposal", "mentions")
DIRECTIVE_RELATIONS = ("implements", "basis", "attached_to")
LEVEL_NAMES = {"party": "Đảng", "central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã",
               "unit": "Đơn vị", None: "?"}


def level_rank(level: str | None) -> int:
    """Top-down layout rank: party 0, central 1, province 2, district 3, commune 4, unit 5, unknown 6.

    >>> level_rank("party"), level_rank("commune"), level_rank(None)
    (0, 4, 6)
    """
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


@dataclass
class CitationGraph:
    """A `networkx.MultiDiGraph` of documents and citations, with the queries of the citation graph.

    Node attributes: ``kind`` (``document`` / ``cited``), ``status`` (``archive``,
    ``missing``, ``ambiguous``), ``type``, ``number``, ``symbol``, ``label``,
    ``year``, ``date``, ``issuer``, ``level``, ``rank``, ``province``,
    ``province_as_issued``, ``locality``, ``title``, ``path``, ``paths``,
    ``candidates``.  Edge attributes: ``relation``, ``text``, ``span``,
    ``cited_as`` (number/symbol as printed), ``resolution``.
    """

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    records: dict[str, Any] = field(default_factory=dict, repr=False)  # node id → its (first) Record

    # --- basic views -------------------------------------------------------------------------------------------
    @property
    def documents(self) -> list[str]:
        """Node ids of archive documents."""
        return [n for n, d in self.graph.nodes(data=True) if d.get("kind") == "document"]

    @property
    def stubs(self) -> list[str]:
        """Node ids of documents cited but not in the archive."""
        return [n for n, d in self.graph.nodes(data=True) if d.get("kind") != "document"]

    def node(self, node: str) -> dict[str, Any]:
        """The attributes of one node (by id or by reference, see `find`)."""
        return dict(self.graph.nodes[self._one(node)])

    def edges(self, resolved_only: bool = False) -> list[tuple[str, str, dict[str, Any]]]:
        """Every citation edge (source, target, attributes); ``resolved_only`` keeps archive → archive links."""
        out = []
        for u, v, data in self.graph.edges(data=True):
            if resolved_only and self.graph.nodes[v].get("kind") != "document":
                continue
            out.append((u, v, dict(data)))
        return out

    def find(self, ref: str) -> list[str]:
        """Node ids matching ``ref``: a node id, a label, ``1105/KH-ĐKT``, ``1105/KH-ĐKT:2026``, ``22/2013/QĐ-TTg``
        or a file name.  Every query (`describe`, `ancestors`, `cascade`, …) accepts the same keys.

        Symbols match loosely (``KH-DKT`` finds ``KH-ĐKT``).

        >>> CitationGraph().find("1105/KH-ĐKT")
        []
        """
        if ref in self.graph:
            return [ref]
        by_label = [n for n, d in self.graph.nodes(data=True) if d.get("label") == ref]
        if by_label:
            return by_label
        year = None
        text = ref.strip()
        match = re.match(r"^(.*?)[:@ ]((?:19|20)\d{2})$", text)
        if match:
            text, year = match.group(1), int(match.group(2))
        found = []
        if "/" in text:
            number, symbol = text.split("/", 1)
            nkey, skey = number_key(number), symbol_key(symbol)
            ymatch = re.match(r"^((?:19|20)\d{2})/", symbol.strip())
            year = year or (int(ymatch.group(1)) if ymatch else None)
            for node, data in self.graph.nodes(data=True):
                if number_key(data.get("number")) == nkey and symbol_key(data.get("symbol")) == skey and (
                        year is None or data.get("year") == year):
                    found.append(node)
        if not found:
            for node, data in self.graph.nodes(data=True):
                paths = data.get("paths") or []
                if any(text == p or p.endswith("/" + text) or p.rsplit("/", 1)[-1].startswith(text) for p in paths):
                    found.append(node)
        return sorted(found, key=lambda n: (self.graph.nodes[n].get("kind") != "document", n))

    def _one(self, ref: str) -> str:
        found = self.find(ref)
        if not found:
            raise NodeNotFound(None, f"no document {ref!r} in the graph")
        docs = [n for n in found if self.graph.nodes[n].get("kind") == "document"] or found
        if len(docs) > 1:
            raise NodeNotFound(None, f"{ref!r} names {len(docs)} documents: "
                                     f"{', '.join(self.graph.nodes[n].get('label') or n for n in docs)}; add the year (…:2026)")
        return docs[0]

    @property
    def set_aside(self) -> list[dict[str, Any]]:
        """Inputs that are not document nodes: error records and non-documents, each with ``path`` and ``reason``."""
        return list(self.graph.graph.get("set_aside") or [])

    # --- queries -----------------------------------------------------------------------------------------------
    def _walk(self, start: str, forward: bool, relations: Iterable[str] | None) -> list[tuple[str, int, str, str]]:
        return [(step.node, step.depth, step.relation, step.via)
                for step in walk(self.graph, start, forward, relations)]

    def ancestors(self, ref: str, relations: Iterable[str] | None = None) -> list[str]:
        """The documents above ``ref``: what it cites, what those cite, … (nearest first).

        ``relations`` limits the edges followed, e.g. `DIRECTIVE_RELATIONS` for the chain of directives.
        """
        return [n for n, *_ in self._walk(self._one(ref), True, relations)]

    def descendants(self, ref: str, relations: Iterable[str] | None = None) -> list[str]:
        """The documents below ``ref``: those citing it, those citing them, … (nearest first)."""
        return [n for n, *_ in self._walk(self._one(ref), False, relations)]

    def chain(self, ref: str, relations: Iterable[str] | None = DIRECTIVE_RELATIONS) -> list[tuple[str, int, str, str]]:
        """The chain of directives above a plan as (node, depth, relation, via) rows, breadth first."""
        return self._walk(self._one(ref), True, relations)

    def tree(self, ref: str, forward: bool = True, relations: Iterable[str] | None = None) -> str:
        """An indented text tree of ancestors (``forward``) or descendants, for the CLI."""
        root = self._one(ref)
        rows = self._walk(root, forward, relations)
        children: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for node, _depth, relation, via in rows:
            children[via].append((node, relation))
        arrow = "→" if forward else "←"
        lines = [self.describe(root)]

        def emit(node: str, indent: int) -> None:
            for child, relation in children.get(node, []):
                lines.append(f"{'  ' * indent}{arrow} {relation}: {self.describe(child)}")
                emit(child, indent + 1)

        emit(root, 1)
        return "\n".join(lines)

    def describe(self, ref: str) -> str:
        """One line for a document (any key `find` accepts): label, level, province, status.

        >>> CitationGraph().describe("1105/KH-ĐKT")
        Traceback (most recent call last):
        vnplan.link.graph.NodeNotFound: no document '1105/KH-ĐKT' in the graph
        """
        d = self.graph.nodes[self._one(ref)]
        bits = [d.get("label") or ref]
        where = "/".join(str(x) for x in (d.get("level"), d.get("province")) if x)
        if where:
            bits.append(f"[{where}]")
        if d.get("kind") != "document":
            bits.append(f"({d.get('status')}, not in archive)")
        return " · ".join(bits)

    def implementers(self, ref: str, relations: Iterable[str] = DIRECTIVE_RELATIONS,
                     archive_only: bool = True) -> dict[tuple[str | None, str | None], list[str]]:
        """The documents implementing a directive (transitively), grouped by (province, level).

        Groups are ordered top-down by level, then by province name.
        """
        groups: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
        for node in self.descendants(ref, relations):
            data = self.graph.nodes[node]
            if archive_only and data.get("kind") != "document":
                continue
            groups[(data.get("province"), data.get("level"))].append(node)
        return dict(sorted(groups.items(), key=lambda kv: (level_rank(kv[0][1]), kv[0][0] or "")))

    def cascade(self, ref: str, relations: Iterable[str] | None = None, coverage: bool = True,
                lang: str | None = None) -> Any:
        """The implementation cascade under ``ref``: the documents carrying it out, level by level (`Cascade`).

        Each row: issuer, level, locality, date, days after its parent, coverage of the parent's activities
        (`vnplan.compare`); ``gaps`` names levels and provinces with no implementing document.

            >>> g = CitationGraph()
            >>> g.cascade("22/2013/QĐ-TTg")  # doctest: +SKIP
        """
        from vnplan.link.cascade import build_cascade

        return build_cascade(self, ref, relations=relations, coverage=coverage, lang=lang)

    def missing(self) -> list[tuple[str, list[str]]]:
        """Cited documents not in the archive, with the archive documents citing them (most cited first)."""
        out = []
        for node in self.stubs:
            citing = sorted({u for u, _ in self.graph.in_edges(node)})
            out.append((node, citing))
        return sorted(out, key=lambda item: (-len(item[1]), level_rank(self.graph.nodes[item[0]].get("level")),
                                             item[0]))

    def unresolved(self) -> list[tuple[str, list[str]]]:
        """Citations left unresolved: several archive documents within the margin, or one under the threshold."""
        return [(n, list(d.get("candidates") or [])) for n, d in self.graph.nodes(data=True)
                if d.get("status") in ("ambiguous", "unconfirmed")]

    def cycles(self) -> list[list[str]]:
        """Citation cycles (A cites B cites … A), each listed once; normally there are none."""
        found = [[n] for n in nx.nodes_with_selfloops(self.graph)]
        for component in nx.strongly_connected_components(self.graph):  # linear; cycles live only inside these
            if len(component) > 1:
                found += nx.simple_cycles(nx.DiGraph(self.graph.subgraph(component)))
        return sorted((sorted_cycle(c) for c in found), key=lambda c: (len(c), c))

    # --- conversions -------------------------------------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying graph (shared, not a copy)."""
        return self.graph

    def write(self, path: str, format: str | None = None) -> list[str]:
        """Export to ``path``; the format comes from ``format`` or the extension. Returns the files written."""
        return view("graph.write")(self, path, format)

    def to_html(self, title: str | None = None, lang: str | None = None) -> str:
        """The self-contained interactive HTML page (works offline), Vietnamese unless ``lang="en"``."""
        return view("graph.html")(self, title=title, lang=lang)

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __repr__(self) -> str:
        resolved = len(self.edges(resolved_only=True))
        missing = sum(1 for _, d in self.graph.nodes(data=True) if d.get("status") == "missing")
        ambiguous = sum(1 for _, d in self.graph.nodes(data=True) if d.get("status") == "ambiguous")
        return (f"<CitationGraph {len(self.documents)} documents, {missing} cited-only"
                f"{f', {ambiguous} ambiguous' if ambiguous else ''}, {self.graph.number_of_edges()} citations"
                f" ({resolved} within the archive)"
                f"{f', {len(self.set_aside)} inputs set aside' if self.set_aside else ''}>")

    def _repr_html_(self) -> str:
        import html as _html

        page = self.to_html()
        return (f'<iframe srcdoc="{_html.escape(page, quote=True)}" style="width:100%;height:620px;border:1px solid #ccc"'
                f' sandbox="allow-scripts" title="citation graph"></iframe><div>{_html.escape(repr(self))}</div>')


@dataclass(frozen=True)
class Step:
    """One document reached by `walk`: its depth, the edge's relation and data, and the node it was reached from."""

    node: str
    depth: int
    relation: str
    via: str
    data: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


def _relation_order(edge: tuple[str, str, dict[str, Any]]) -> tuple[Any, ...]:
    relation = edge[2].get("relation")
    return (RELATIONS.index(relation) if relation in RELATIONS else 9, edge[0], edge[1])


def walk(g: nx.MultiDiGraph, start: str, forward: bool, relations: Iterable[str] | None = None,
         order: Callable[[tuple[str, str, dict[str, Any]]], Any] = _relation_order) -> list[Step]:
    """Breadth-first walk from ``start`` along (``forward``) or against the edges; each node once, nearest first.

    ``relations`` limits the edges followed; ``order`` sorts the edges met at one node.  Every query of the
    graph (ancestors, descendants, chain, tree, cascade) is this one walk, linear in the edges it meets.

    >>> g = nx.MultiDiGraph([("kh-xa", "kh-huyen", {"relation": "implements"}),
    ...                      ("kh-huyen", "qd-tinh", {"relation": "implements"})])
    >>> [(s.node, s.depth) for s in walk(g, "qd-tinh", forward=False)]
    [('kh-huyen', 1), ('kh-xa', 2)]
    """
    allowed = set(relations) if relations else None
    seen = {start}
    out: list[Step] = []
    frontier = [start]
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for node in frontier:
            edges = g.out_edges(node, data=True) if forward else g.in_edges(node, data=True)
            for u, v, data in sorted(edges, key=order):
                other = v if forward else u
                if allowed is not None and data.get("relation") not in allowed or other in seen:
                    continue
                seen.add(other)
                out.append(Step(other, depth, data.get("relation", ""), node, data))
                nxt.append(other)
        frontier = nxt
    return out


def sorted_cycle(cycle: list[str]) -> list[str]:
    """A cycle rotated to start at its smallest node id, so each cycle is listed one way.

    >>> sorted_cycle(["b", "c", "a"])
    ['a', 'b', 'c']
    """
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]


def stub_id(number: str | None, symbol: str | None, year: int | None, scope: str) -> str:
    """The id of a cited-only node: ``cited:7619/QĐ-BCA:2025`` (+ ``:P68`` for a local issuer's locality)."""
    compact = re.sub(r"\s+", "", symbol or "")
    label = f"{(number or '').strip()}/{compact}"
    return "cited:" + label + (f":{year}" if year else "") + (f":{scope}" if scope else "")


def _span(citation: dict) -> list[int] | None:
    span = item_span(citation)
    return list(span) if span else None


def _doc_attrs(entry: Any) -> dict[str, Any]:
    record = entry.record
    issuer = record.issuer or {}
    loc = entry.locality
    paths = list(dict.fromkeys(str(r.source.get("path", "")) for r in entry.records))
    return {
        "kind": "document", "status": "archive", "type": record.doc_type, "number": record.number,
        "symbol": record.symbol, "label": readable_label(record.number, record.symbol, issuer.get("name"),
                                                         record.issue_date, entry.year),
        "short": short_label(record.number, record.symbol), "year": entry.year, "date": record.issue_date,
        "issuer": issuer.get("name"), "level": entry.level, "rank": level_rank(entry.level),
        "province": loc.province if loc else None, "province_as_issued": loc.as_named if loc else None,
        "locality": loc.key if loc else None, "locality_history": loc.history if loc else [],
        "locality_source": entry.locality_source, "commune": entry.commune, "title": record.title,
        "path": paths[0] if paths else None, "paths": paths, "candidates": [],
    }


def build_graph(records: Any, resolver: Any = None) -> CitationGraph:
    """Build the citation graph of ``records`` (Record objects, dicts, or a records .jsonl path).

    ``resolver(citation, citing_entry, index) -> Resolution`` decides each
    citation; `vnplan.link.default_resolver` is used when none is given.

        >>> from vnplan.record import Record
        >>> a = Record(source={"path": "cv.docx"}, number=None, symbol="UBND-NC", issue_year=2025,
        ...            issuer={"name": "UBND tỉnh Lâm Đồng", "level": "province"},
        ...            citations=[{"doc_type": "Công văn", "number": "4214", "symbol": "BCA-C04",
        ...                        "date": "2025-09-16", "issuer": "Bộ Công an", "relation": "implements"}])
        >>> build_graph([a])
        <CitationGraph 1 documents, 1 cited-only, 1 citations (0 within the archive)>
    """
    from vnplan.link.resolve import ArchiveIndex, cited_key, default_resolver, read_records

    resolver = resolver or default_resolver
    records, set_aside = read_records(records)
    index = ArchiveIndex.build(records)
    g = nx.MultiDiGraph(name="vnplan citation graph", set_aside=set_aside)
    for entry in index.entries:
        g.add_node(entry.node, **_doc_attrs(entry))
    pending: list[tuple[str, dict, Any, Any]] = []
    for entry in index.entries:
        for record in entry.records:
            for citation in record.citations or []:
                pending.append((entry.node, citation, resolver(citation, entry, index), cited_key(citation, entry)))
    # a citation without a year joins the one dated stub of the same number and symbol, if there is exactly one
    dated: dict[tuple, set] = defaultdict(set)
    for _, _, res, key in pending:
        if res.status != "resolved" and key.year:
            dated[(key.number, key.symbol.key, _scope_of(key))].add(key.year)
    seen_edges: set[tuple] = set()
    stub_of: dict[tuple, str] = {}  # loose key → stub id, so CT/TTg and CT-TTg share a node
    for source, citation, res, key in pending:
        if res.status == "resolved":
            target = res.target
            if target not in g:
                g.add_node(target, **{"kind": "cited", "status": "registry", "rank": level_rank(res.attrs.get("level")),
                                      **res.attrs})
        else:
            year = key.year
            years = dated.get((key.number, key.symbol.key, _scope_of(key)), set())
            if year is None and len(years) == 1:
                year = next(iter(years))
            loose = (key.number, key.symbol.key, year, _scope_of(key))
            target = stub_of.setdefault(loose, stub_id(citation.get("number"), citation.get("symbol"), year,
                                                       _scope_of(key)))
            _add_stub(g, target, citation, key, year, res)
        edge_key = (source, target, citation.get("relation") or "mentions")
        if edge_key in seen_edges:
            continue
        seen_edges.add(edge_key)
        g.add_edge(source, target, key=edge_key[2], relation=edge_key[2], text=citation.get("text"),
                   span=_span(citation), cited_as=f"{citation.get('number') or ''}/{citation.get('symbol') or ''}",
                   cited_date=citation.get("date"), cited_issuer=citation.get("issuer"),
                   resolution=res.status, reason=res.reason or None, confidence=res.confidence,
                   evidence=list(res.evidence), candidates=list(res.candidates))
    labels = unique_labels({n: (d.get("label") or n, (d.get("path") or "").rsplit("/", 1)[-1])
                            for n, d in g.nodes(data=True)})
    nx.set_node_attributes(g, labels, "label")
    graph = CitationGraph(g, records={entry.node: entry.record for entry in index.entries})
    g.graph["cycles"] = [list(c) for c in graph.cycles()]
    for cycle in g.graph["cycles"]:
        for node in cycle:
            g.nodes[node]["in_cycle"] = True
    return graph


def _scope_of(key: Any) -> str:
    if key.scope == "local":
        return key.locality.key if key.locality else "local"
    return ""


def _inferred_issuer(citation: dict) -> str | None:
    """The issuer named by a citation's symbol when the text names none (``2024/QH15`` → ``Quốc hội``)."""
    from vnplan.link.resolve import issuer_of_symbol

    found = issuer_of_symbol(citation.get("symbol"))
    return found[0] if found and found[1] in ("central", "party") else None


def _add_stub(g: nx.MultiDiGraph, node: str, citation: dict, key: Any, year: int | None, res: Any) -> None:
    """Add (or enrich) a cited-only node with what the citations say of it."""
    loc = key.locality
    level = key.level
    if level is None and key.scope == "local" and key.symbol.issuer_code in ("UBND", "HDND") and loc:
        level = "province" if key.locality_from_text and re.search(r"\b(tinh|thanh pho)\b", name_key(
            citation.get("issuer"))) else None
    attrs = {
        "kind": "cited", "status": res.status, "type": citation.get("doc_type"), "number": citation.get("number"),
        "symbol": citation.get("symbol"),
        "label": readable_label(citation.get("number"), citation.get("symbol"),
                                citation.get("issuer") or _inferred_issuer(citation), citation.get("date"), year),
        "short": short_label(citation.get("number"), citation.get("symbol")),
        "year": year, "date": citation.get("date"), "issuer": citation.get("issuer") or _inferred_issuer(citation),
        "issuer_inferred": not citation.get("issuer") and bool(_inferred_issuer(citation)), "level": level,
        "rank": level_rank(level), "province": loc.province if loc else None,
        "province_as_issued": loc.as_named if loc else None, "locality": loc.key if loc else None,
        "locality_history": loc.history if loc else [], "locality_source": ("citation" if key.locality_from_text
                                                                            else "citing document") if loc else None,
        "commune": key.commune, "title": None, "path": None, "paths": [],
        "candidates": list(res.candidates),
    }
    if node not in g:
        g.add_node(node, **attrs)
        return
    data = g.nodes[node]
    for name, value in attrs.items():  # fill what earlier citations left blank
        if data.get(name) in (None, "", []) and value not in (None, "", []):
            data[name] = value
    if res.status in ("ambiguous", "unconfirmed"):
        data["status"] = "ambiguous" if "ambiguous" in (res.status, data.get("status")) else res.status
        data["candidates"] = sorted(set(data.get("candidates") or []) | set(res.candidates))
    data["rank"] = level_rank(data.get("level"))
