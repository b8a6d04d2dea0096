"""The citation graph as one self-contained, offline HTML page that stays usable at thousands of documents.

The page embeds the graph once, as columns (values that repeat, such as
issuers, provinces and levels, are stored once in a table and referred to by
number), and the viewer script ``vnplan/export/graph_view.js``; it loads
nothing from the network.  The viewer groups documents by level and locality,
filters by level, province (as issued, or today's after the 2025 merger), year
and relation, and lays out only what the filters leave: above `OVERVIEW_LIMIT`
documents it draws one box per group with the citations between groups, and a
click on a box opens that group.  The filter state lives in the address
(``graph.html#level=commune&province=Lào Cai``), so a view can be shared.

Every string reaches the page as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the script writes it with
``textContent``: a title holding ``</script>`` or ``<img onerror>`` is text.

    >>> from vnplan.link.graph import CitationGraph
    >>> page = graph_html(CitationGraph(), lang="en")
    >>> "<canvas" in page and '<html lang="en">' in page
    True
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnplan.export.graph_formats import LEVEL_COLOURS, RELATION_STYLES
from vnplan.i18n import get_lang, t
from vnplan.link.labels import level_name
from vnplan.plaintext import clip
from vnplan.views import register

if TYPE_CHECKING:
    from vnplan.link.graph import CitationGraph

__all__ = ["OVERVIEW_LIMIT", "graph_html", "page_data", "script_json"]

OVERVIEW_LIMIT = 1500  # more documents than this after filtering: one box per group instead of one disc per document
_DASHES = {"solid": [], "bold": [], "dashed": [7, 4], "dotted": [2, 3]}
_LEVELS = ("party", "central", "province", "district", "commune", "unit", None)
_NODE_COLUMNS = ("id", "label", "kind", "status", "type", "level", "province", "province_as_issued", "year", "date",
                 "issuer", "title", "path", "in_cycle")
_SHARED = {"kind", "status", "type", "level", "province", "province_as_issued", "issuer"}  # columns of repeated values
_WORDS = ("graph.shown", "graph.found", "graph.overview", "graph.hint", "graph.cites", "graph.cited_by",
          "graph.neighbours", "col.type", "col.status", "col.year", "col.date", "col.issuer", "col.level",
          "col.province", "col.province_as_issued", "col.title", "col.path", "col.candidates", "col.confidence")
_MAX_CITATION_TEXT = 400  # characters of the citing sentence kept for the details panel

_CSS = """
html,body{margin:0;height:100%;font:13px/1.4 "DejaVu Sans",Arial,sans-serif;color:#222}
#bar{position:absolute;top:0;left:0;right:0;height:104px;padding:5px 10px;box-sizing:border-box;
 border-bottom:1px solid #ddd;background:#fafafa;overflow:hidden}
#bar h1{font-size:14px;margin:0 10px 0 0;display:inline-block}
#bar .row{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;margin-bottom:3px}
#bar fieldset{display:inline;border:0;padding:0;margin:0 10px 0 0}
#bar label{margin-right:6px;font-size:12px}#bar select,#bar input,#bar button{font-size:12px}
#bar i{display:inline-block;width:10px;height:10px;border-radius:5px;margin:0 2px 0 1px;vertical-align:middle}
#bar svg{vertical-align:middle;margin:0 2px}
#count{color:#555;margin-left:6px}
#graph{position:absolute;top:104px;left:0;width:calc(100% - 340px);height:calc(100% - 104px);cursor:grab;background:#fff}
#details{position:absolute;top:104px;right:0;width:340px;bottom:0;overflow:auto;border-left:1px solid #ddd;
 padding:8px 12px;box-sizing:border-box;background:#fcfcfc}
#details table{border-collapse:collapse;width:100%}#details th{text-align:left;vertical-align:top;padding-right:6px;
 color:#666;font-weight:normal;white-space:nowrap}#details td{word-break:break-word}
#details h2{font-size:14px;margin:4px 0 8px;word-break:break-word}#details h3{font-size:13px;margin:10px 0 4px}
#details ul{padding-left:14px;margin:0}#details button.link{border:0;background:none;color:#0645ad;cursor:pointer;
 padding:0;text-align:left;font:inherit}.cite{color:#666;font-size:11px}.hint{color:#777}
"""


def _style(lang: str) -> dict[str, Any]:
    return {
        "levels": {("null" if k is None else k): v for k, v in LEVEL_COLOURS.items()},
        "level_names": {("null" if k is None else k): level_name(k, lang) for k in _LEVELS},
        "relations": {k: {"colour": c, "width": w, "dash": _DASHES.get(s, []), "name": t(f"relation.{k}", lang)}
                      for k, (s, c, w) in RELATION_STYLES.items()},
        "status_names": {s: t(f"graph.status.{s}", lang)
                         for s in ("archive", "missing", "ambiguous", "unconfirmed", "registry")},
    }


def page_data(cg: CitationGraph, lang: str = "vi") -> dict[str, Any]:
    """The viewer's data: node and edge columns, each repeated value once in ``values``, and the page's words.

    >>> from vnplan.link.graph import CitationGraph
    >>> sorted(page_data(CitationGraph()))
    ['edges', 'limit', 'nodes', 'style', 'values', 'words']
    """
    g = cg.graph
    values: list[Any] = [None]
    seen: dict[Any, int] = {None: 0}

    def ref(value: Any) -> int:
        if value not in seen:
            seen[value] = len(values)
            values.append(value)
        return seen[value]

    order = {node: i for i, node in enumerate(g.nodes)}
    nodes: dict[str, list[Any]] = {name: [] for name in _NODE_COLUMNS}
    nodes["candidates"] = []
    for node, d in g.nodes(data=True):
        for name in _NODE_COLUMNS:
            value = node if name == "id" else d.get(name)
            nodes[name].append(ref(value) if name in _SHARED else (1 if value else 0) if name == "in_cycle" else value)
        nodes["candidates"].append([order[c] for c in d.get("candidates") or [] if c in order] or 0)
    edges: dict[str, list[Any]] = {"source": [], "target": [], "relation": [], "text": [], "confidence": []}
    for u, v, d in g.edges(data=True):
        text = d.get("text")
        edges["source"].append(order[u])
        edges["target"].append(order[v])
        edges["relation"].append(ref(d.get("relation") or "mentions"))
        edges["text"].append(clip(text, _MAX_CITATION_TEXT + 1, words=False) if text else text)
        edges["confidence"].append(d.get("confidence") if d.get("resolution") == "resolved" else None)
    return {"values": values, "nodes": nodes, "edges": edges, "style": _style(lang), "limit": OVERVIEW_LIMIT,
            "words": {key: t(key, lang) for key in _WORDS}}


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and the two JavaScript line separators escaped.

    >>> script_json({"title": "</script><img src=x onerror=alert(1)>"})
    '{"title":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _script() -> str:
    script = (Path(__file__).resolve().parent / "graph_view.js").read_text(encoding="utf-8")
    if "</script" in script.lower():  # pragma: no cover - a guard on the shipped file
        raise ValueError("graph_view.js must not contain </script")
    return script


@register("graph.html")
def graph_html(cg: CitationGraph, title: str | None = None, lang: str | None = None) -> str:
    """The interactive page for ``cg`` as an HTML string (no external resources), in Vietnamese or English
    (``lang``; default the current language of `vnplan.i18n`, Vietnamese unless asked).

    >>> from vnplan.link.graph import CitationGraph
    >>> "Đồ thị trích dẫn" in graph_html(CitationGraph())
    True
    """
    lang = lang or get_lang()
    title = title or t("graph.title", lang)
    def w(key: str) -> str:  # a word of the page, escaped
        return html.escape(t(key, lang), quote=True)

    summary = html.escape(repr(cg))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang, quote=True)}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_CSS}</style></head>
<body>
<div id="bar"><div class="row"><h1>{html.escape(title)}</h1>
<input id="search" type="search" placeholder="{w("graph.search")}" size="26">
<button id="fit" type="button">{w("graph.fit")}</button> <button id="reset" type="button">{w("graph.reset")}</button>
<span id="count"></span> <small class="hint">{summary}</small></div>
<div class="row"><fieldset id="levels"><b>{w("col.level")}:</b> </fieldset>
<label><input id="stubs" type="checkbox" checked> {w("graph.stubs")}</label></div>
<div class="row"><fieldset id="relations"><b>{w("col.relation")}:</b> </fieldset>
<label>{w("graph.group_by")} <select id="group"><option value="locality">{w("graph.group_locality")}</option>
<option value="level">{w("graph.group_level")}</option></select></label></div>
<div class="row"><label>{w("col.locality")}: <select id="province"><option value="">{w("graph.all")}</option></select></label>
<label>{w("graph.province_mode")} <select id="mode"><option value="today">{w("graph.today")}</option>
<option value="issued">{w("graph.as_issued")}</option></select></label>
<label>{w("graph.year_from")} <select id="from"></select></label><label>{w("graph.year_to")} <select id="to"></select></label>
</div></div>
<canvas id="graph" aria-label="{html.escape(title, quote=True)}"></canvas>
<aside id="details"></aside>
<script id="graph-data" type="application/json">{script_json(page_data(cg, lang))}</script>
<script>{_script()}</script>
</body></html>
"""
