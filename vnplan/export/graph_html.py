"""The citation graph as one self-contained, offline HTML page.

The page embeds the node-link data (with layered positions) and the viewer
script ``vnplan/render/graph_view.js``; it loads nothing from the network.
Zoom with the wheel, pan by dragging, search by number, issuer or title,
click a node for its record.  Nodes are coloured by level; edge style shows
the relation.

    >>> from vnplan.link.graph import CitationGraph
    >>> "<canvas" in graph_html(CitationGraph(), title="Đồ thị trích dẫn")
    True
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

from vnplan.export.graph_formats import LEVEL_COLOURS, RELATION_STYLES, node_link

if TYPE_CHECKING:
    from vnplan.link.graph import CitationGraph

__all__ = ["graph_html"]

_DASHES = {"solid": [], "bold": [], "dashed": [7, 4], "dotted": [2, 3]}
_LEVEL_NAMES = {"party": "Đảng (Party)", "central": "Trung ương (central)", "province": "Tỉnh (province)",
                "district": "Huyện (district)", "commune": "Xã (commune)", "unit": "Đơn vị (unit)", "null": "?"}

_CSS = """
html,body{margin:0;height:100%;font:13px/1.4 "DejaVu Sans",Arial,sans-serif;color:#222}
#bar{position:absolute;top:0;left:0;right:340px;height:92px;padding:6px 10px;box-sizing:border-box;
 border-bottom:1px solid #ddd;background:#fafafa}
#bar h1{font-size:14px;margin:0 0 4px 0;display:inline-block;margin-right:12px}
#legend span{display:inline-block;margin-right:10px;font-size:11px}
#legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:3px;vertical-align:middle}
#legend svg{vertical-align:middle;margin-right:3px}
#graph{position:absolute;top:92px;left:0;right:340px;bottom:0;width:calc(100% - 340px);height:calc(100% - 92px);
 cursor:grab;background:#fff}
#details{position:absolute;top:0;right:0;width:340px;bottom:0;overflow:auto;border-left:1px solid #ddd;
 padding:8px 12px;box-sizing:border-box;background:#fcfcfc}
#details table{border-collapse:collapse;width:100%}#details th{text-align:left;vertical-align:top;padding-right:6px;
 color:#666;font-weight:normal;white-space:nowrap}#details td{word-break:break-word}
#details h2{font-size:15px;margin:4px 0 8px}#details h3{font-size:13px;margin:10px 0 4px}
#details ul{padding-left:14px;margin:0}.cite{color:#666;font-size:11px}.hint{color:#888}
"""


def _style() -> dict:
    return {
        "levels": {("null" if k is None else k): v for k, v in LEVEL_COLOURS.items()},
        "level_names": _LEVEL_NAMES,
        "relations": {k: {"colour": c, "width": w, "dash": _DASHES.get(s, [])} for k, (s, c, w) in RELATION_STYLES.items()},
    }


def _script() -> str:
    return (Path(__file__).resolve().parent.parent / "render" / "graph_view.js").read_text(encoding="utf-8")


def graph_html(cg: "CitationGraph", title: str = "vnplan citation graph") -> str:
    """The interactive page for ``cg`` as an HTML string (no external resources)."""
    data = node_link(cg)
    data["style"] = _style()
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    script = _script().replace("</script", "<\\/script")
    summary = html.escape(repr(cg))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_CSS}</style></head>
<body>
<div id="bar"><h1>{html.escape(title)}</h1>
<input id="search" type="search" placeholder="Tìm số, cơ quan, trích yếu…" size="28">
<span id="count"></span>
<label><input id="show-stubs" type="checkbox" checked> cited-only documents</label>
<button id="fit" type="button">Fit</button>
<div id="legend"></div><small>{summary}</small></div>
<canvas id="graph" aria-label="citation graph"></canvas>
<aside id="details"></aside>
<script id="graph-data" type="application/json">{payload}</script>
<script>{script}</script>
</body></html>
"""
