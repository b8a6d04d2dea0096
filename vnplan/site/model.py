"""The explorer's model of an archive: page ids, citation links, cascades and compliance pairs.

Everything comes from the public functions: `vnplan.link` (graph and cascades,
`vnplan.link.cascade`) and `vnplan.check` (verdicts).

    >>> from vnplan.record import Record
    >>> site = build_model([Record(source={"path": "kh.txt"}, number="5", symbol="KH-UBND")])
    >>> site.docs[0].id, site.docs[0].record.label
    ('d4d65346f876', '5/KH-UBND')
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vnplan.record import Record

__all__ = ["Doc", "Link", "Pair", "SiteModel", "build_model", "page_id"]


def page_id(path: str) -> str:
    """A page name for a source path: short, stable, safe in a URL (file names are never used).

    >>> page_id("luu-tru/kh 173 <b>.pdf")
    'd5aaa1baa097'
    """
    return "d" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:11]


@dataclass
class Link:
    """One citation edge as seen from a document: the other end (a page id when it is in the archive)."""

    relation: str
    label: str
    page: str | None
    text: str | None = None


@dataclass
class Doc:
    """One document of the site."""

    id: str
    record: Record
    node: str | None
    text: str | None = None
    cites: list[Link] = field(default_factory=list)
    cited_by: list[Link] = field(default_factory=list)
    province: str | None = None
    province_as_issued: str | None = None


@dataclass
class Pair:
    """A template → local pair of a cascade, with the `vnplan.check` report in each language."""

    id: str
    template: str  # page ids
    local: str
    reports: dict[str, Any] = field(default_factory=dict)


@dataclass
class SiteModel:
    docs: list[Doc]
    graph: Any  # CitationGraph
    cascades: dict[str, dict[str, Any]] = field(default_factory=dict)  # page id → {"vi": Cascade, "en": Cascade}
    pairs: dict[tuple[str, str], Pair] = field(default_factory=dict)  # (parent node, child node) → pair
    errors: list[dict[str, Any]] = field(default_factory=list)

    def by_id(self) -> dict[str, Doc]:
        return {d.id: d for d in self.docs}


def build_model(records: Iterable[Record], texts: dict[str, str] | None = None,
                errors: list[dict[str, Any]] | None = None, *, checks: bool = True) -> SiteModel:
    """Link the records, find each directive's cascade and check every template → local pair in it."""
    from vnplan.link import link

    records = list(records)
    graph = link(records) if records else None
    node_of = _nodes_by_path(graph)
    docs = [Doc(page_id(p), r, node_of.get(p), (texts or {}).get(p)) for r in records
            for p in [str(r.source.get("path") or "")]]
    page_of = {}
    for doc in docs:
        if doc.node and doc.node not in page_of:
            page_of[doc.node] = doc.id
    model = SiteModel(docs, graph, errors=list(errors or []))
    if graph is not None:
        _links(model, page_of)
        _cascades(model, page_of, checks)
    return model


def _nodes_by_path(graph: Any) -> dict[str, str]:
    if graph is None:
        return {}
    return {p: n for n, d in graph.graph.nodes(data=True) if d.get("kind") == "document" for p in d.get("paths") or []}


def _links(model: SiteModel, page_of: dict[str, str]) -> None:
    g = model.graph.graph
    for doc in model.docs:
        if not doc.node:
            continue
        attrs = g.nodes[doc.node]
        doc.province, doc.province_as_issued = attrs.get("province"), attrs.get("province_as_issued")
        for _, v, data in g.out_edges(doc.node, data=True):
            doc.cites.append(Link(data.get("relation") or "mentions", g.nodes[v].get("label") or v, page_of.get(v),
                                  data.get("text")))
        for u, _, data in g.in_edges(doc.node, data=True):
            doc.cited_by.append(Link(data.get("relation") or "mentions", g.nodes[u].get("label") or u, page_of.get(u)))


def _cascades(model: SiteModel, page_of: dict[str, str], checks: bool) -> None:
    from vnplan.link.graph import DIRECTIVE_RELATIONS

    g = model.graph.graph
    roots = [n for n in page_of if any(data.get("relation") in DIRECTIVE_RELATIONS and u in page_of
                                       for u, _, data in g.in_edges(n, data=True))]
    for root in roots:
        both = {lang: model.graph.cascade(root, coverage=False, lang=lang) for lang in ("vi", "en")}
        for row in both["vi"].rows[1:]:
            if row.parent in page_of and row.node in page_of and checks:
                pair = _pair(model, row.parent, row.node, page_of)
                if pair is not None:
                    ratio = pair.reports["vi"].coverage.ratio
                    for cascade in both.values():
                        for r in cascade.rows:
                            if r.node == row.node and r.parent == row.parent:
                                r.coverage = ratio
        model.cascades[page_of[root]] = both


def _pair(model: SiteModel, parent: str, child: str, page_of: dict[str, str]) -> Pair | None:
    """The compliance pair (template = parent, local = child), checked in both languages."""
    key = (parent, child)
    if key in model.pairs:
        return model.pairs[key]
    template, local = model.graph.records.get(parent), model.graph.records.get(child)
    if template is None or local is None:
        return None
    from vnplan.compare import check
    from vnplan.i18n import use_lang

    reports = {}
    for lang in ("vi", "en"):
        with use_lang(lang):
            try:
                reports[lang] = check(template, local)
            except Exception:  # noqa: BLE001 - a pair that cannot be compared gets no compliance page
                return None
    pair = Pair(f"{page_of[parent]}-{page_of[child]}", page_of[parent], page_of[child], reports)
    model.pairs[key] = pair
    return pair
