"""The implementation cascade: the documents that carry out a directive, level by level.

For each document below the root: its issuer, level, locality, date, the
days since its parent (the document it carries out) and how much of the
parent's activities it covers (`vnplan.compare`).  Levels below the root
with no implementing document, and provinces of the archive with none, are
named as gaps.

    >>> from vnplan.link import link
    >>> from vnplan.record import Record
    >>> qd = Record(source={"path": "qd.pdf"}, doc_type="Quyết định", number="1050", symbol="QĐ-SCT",
    ...             issue_date="2026-03-06", issue_year=2026, issuer={"name": "Sở Công Thương tỉnh Lào Cai",
    ...             "level": "province"})
    >>> kh = Record(source={"path": "kh.pdf"}, doc_type="Kế hoạch", number="12", symbol="KH-UBND",
    ...             issue_date="2026-03-20", issue_year=2026, issuer={"name": "UBND xã Bảo Hà", "level": "commune"},
    ...             place="Lào Cai", citations=[{"number": "1050", "symbol": "QĐ-SCT", "date": "2026-03-06",
    ...             "issuer": "Sở Công Thương tỉnh Lào Cai", "relation": "implements"}])
    >>> c = link([qd, kh]).cascade("1050/QĐ-SCT", coverage=False)
    >>> [(r.label.split(" · ")[0], r.level, r.lead_days) for r in c.rows]
    [('1050/QĐ-SCT', 'province', None), ('12/KH-UBND', 'commune', 14)]
    >>> c.gaps
    ['Huyện: không có văn bản triển khai trong kho']
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnplan.i18n import get_lang
from vnplan.i18n import t as _t
from vnplan.link.labels import level_name
from vnplan.views import view

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.link.graph import CitationGraph

__all__ = ["Cascade", "CascadeRow", "build_cascade"]

_ORDER = ("party", "central", "province", "district", "commune", "unit")
_BELOW = {"party": ("province", "district", "commune"), "central": ("province", "district", "commune"),
          "province": ("district", "commune"), "district": ("commune",), "commune": (), "unit": ()}
COLUMNS = ("depth", "document", "type", "issuer", "level", "locality", "date", "parent", "relation", "lead_days",
           "coverage", "confidence", "path")


@dataclass
class CascadeRow:
    """One document of the cascade (the root has depth 0 and no parent)."""

    node: str
    depth: int
    label: str
    type: str | None
    issuer: str | None
    level: str | None
    locality: str | None
    date: str | None
    parent: str | None
    parent_label: str | None
    relation: str | None
    lead_days: int | None
    coverage: float | None
    confidence: float | None
    path: str | None
    in_archive: bool = True


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (date.fromisoformat(str(b)[:10]) - date.fromisoformat(str(a)[:10])).days if a and b else None
    except ValueError:
        return None


@dataclass
class Cascade:
    """The implementation cascade under ``root``: rows breadth first, and the gaps named."""

    root: str
    rows: list[CascadeRow]
    gaps: list[str] = field(default_factory=list)
    lang: str = "vi"

    def children(self, node: str) -> list[CascadeRow]:
        return [r for r in self.rows if r.parent == node]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts with the `COLUMNS` names."""
        return [{"depth": r.depth, "document": r.label, "type": r.type, "issuer": r.issuer, "level": r.level,
                 "locality": r.locality, "date": r.date, "parent": r.parent_label, "relation": r.relation,
                 "lead_days": r.lead_days, "coverage": r.coverage, "confidence": r.confidence, "path": r.path}
                for r in self.rows]

    def to_dataframe(self, labels: bool = False) -> Any:
        """A pandas DataFrame, one row per document; ``labels`` gives the columns their Vietnamese (or English) names."""
        import pandas as pd

        df = pd.DataFrame(self.records(), columns=list(COLUMNS))
        df["lead_days"] = df["lead_days"].astype("Int64")
        if labels:
            df = df.rename(columns={c: _t(f"col.{c}", self.lang) for c in COLUMNS})
        return df

    def to_csv(self, path: str | Path) -> str:
        """Write the table as CSV (UTF-8 with BOM, for Excel) through a temporary file; returns the path."""
        with view("file.atomic")(path, newline="") as handle:
            self.to_dataframe().to_csv(handle, index=False, encoding="utf-8")
        return str(path)

    def __str__(self) -> str:
        lines = []
        for r in self.rows:
            bits = [r.label, level_name(r.level, self.lang)]
            if r.locality:
                bits.append(r.locality)
            if r.lead_days is not None:
                bits.append(f"+{r.lead_days} {_t('cascade.days', self.lang)}")
            if r.coverage is not None:
                bits.append(f"{r.coverage:.0%}")
            lines.append("  " * r.depth + ("← " if r.depth else "") + " · ".join(bits))
        if len(self.rows) == 1:
            lines.append("  " + _t("cascade.none", self.lang))
        if self.gaps:
            lines.append(_t("cascade.gaps", self.lang) + ":")
            lines += [f"  - {g}" for g in self.gaps]
        return "\n".join(lines)

    def to_html(self, title: str | None = None) -> str:
        """A self-contained HTML page: the tree by level (collapsible), the table and the gaps."""
        return view("cascade.html")(self, title or _t("cascade.title", self.lang))

    def write_html(self, path: str | Path) -> str:
        with view("file.atomic")(path) as handle:
            handle.write(self.to_html())
        return str(path)

    def _repr_html_(self) -> str:
        return view("cascade.fragment")(self)


def _coverage(graph: CitationGraph, parent: str, child: str) -> float | None:
    records = getattr(graph, "records", {}) or {}
    a, b = records.get(parent), records.get(child)
    if a is None or b is None or not a.activities or not b.activities:
        return None
    try:
        from vnplan.compare import compare

        return compare(a, b).coverage.ratio
    except Exception:  # noqa: BLE001 - a comparison that fails leaves the coverage blank, the cascade goes on
        return None


def build_cascade(graph: CitationGraph, ref: str, relations: Iterable[str] | None = None,
                  coverage: bool = True, lang: str | None = None) -> Cascade:
    """The cascade under the document ``ref`` (any key `CitationGraph.find` accepts).

    Edges followed: ``relations`` (default implements, basis, attached_to).
    """
    from vnplan.link.graph import DIRECTIVE_RELATIONS, walk

    g = graph.graph
    root = graph._one(ref)

    def row(node: str, depth: int, parent: str | None, relation: str | None, conf: float | None) -> CascadeRow:
        d = g.nodes[node]
        pd_ = g.nodes[parent] if parent else {}
        return CascadeRow(node=node, depth=depth, label=d.get("label") or node, type=d.get("type"),
                          issuer=d.get("issuer"), level=d.get("level"), locality=d.get("province"),
                          date=d.get("date"), parent=parent, parent_label=pd_.get("label") if parent else None,
                          relation=relation, lead_days=_days(pd_.get("date"), d.get("date")) if parent else None,
                          coverage=_coverage(graph, parent, node) if parent and coverage else None,
                          confidence=conf, path=d.get("path"), in_archive=d.get("kind") == "document")

    def order(edge: tuple[str, str, dict[str, Any]]) -> tuple[Any, ...]:  # top-down, then by province and date
        d = g.nodes[edge[0]]
        return (_ORDER.index(d["level"]) if d.get("level") in _ORDER else 9, d.get("province") or "",
                d.get("date") or "", edge[0])

    rows = [row(root, 0, None, None, None)]
    rows += [row(s.node, s.depth, s.via, s.relation, s.data.get("confidence"))
             for s in walk(g, root, forward=False, relations=relations or DIRECTIVE_RELATIONS, order=order)]
    lang = lang or get_lang()
    return Cascade(root=root, rows=rows, gaps=_gaps(graph, rows, lang), lang=lang)


def _gaps(graph: CitationGraph, rows: list[CascadeRow], lang: str) -> list[str]:
    """Levels below the root with no implementing document; provinces of the archive with none."""
    root = rows[0]
    below = [r for r in rows[1:] if r.in_archive]
    gaps = []
    levels = _BELOW.get(root.level or "", ("province", "district", "commune"))
    for level in levels:
        if not any(r.level == level for r in below):
            gaps.append(_t("cascade.gap_level", lang, level=level_name(level, lang)))
    if root.level in ("party", "central"):
        provinces = sorted({d.get("province") for _, d in graph.graph.nodes(data=True)
                            if d.get("kind") == "document" and d.get("province")})
        covered = {r.locality for r in below}
        for province in provinces:
            if province not in covered:
                gaps.append(_t("cascade.gap_province", lang, label=_t("col.locality", lang), province=province))
    return gaps

