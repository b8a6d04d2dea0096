"""The cascade as HTML: a collapsible tree by level, the gaps, and the table, with level and locality filters.

Every value is escaped for the place it goes (text, attribute); the page's
small script reads only ``data-`` attributes and hides or dims rows, so a
title holding ``<img onerror>`` stays text.  The filter state lives in the
address (``cascade.html#level=province&locality=Cần Thơ``).

    >>> from vnplan.link.cascade import Cascade, CascadeRow
    >>> row = CascadeRow("doc:1", 0, "1/KH-UBND · UBND tỉnh Lào Cai", "Kế hoạch", "UBND tỉnh Lào Cai", "province",
    ...                  "Lào Cai", "2025-03-06", None, None, None, None, None, None, "kh.pdf")
    >>> "06/3/2025" in cascade_page(Cascade("doc:1", [row]), "Chuỗi triển khai")
    True
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from vnplan.i18n import t
from vnplan.link.labels import level_name, vn_date
from vnplan.views import register

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.link.cascade import Cascade, CascadeRow

__all__ = ["cascade_body", "cascade_page"]

_SHOWN = ("depth", "document", "type", "issuer", "level", "locality", "date", "parent", "relation", "lead_days",
          "coverage", "confidence")

_CSS = """body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;margin:16px;color:#222}
h1{font-size:22px;margin:0 0 10px}.filters{background:#fafafa;border:1px solid #e4e4e4;padding:5px 8px;margin-bottom:8px}
.filters label{margin-right:8px}
.tree,.tree ul{list-style:none;padding-left:18px;margin:2px 0}.tree li{margin:3px 0}
.tree li.off>.head,.tree li.off>details>summary>.head{opacity:.3}
summary{cursor:pointer}small{color:#555}.lv{display:inline-block;padding:0 5px;border-radius:3px;color:#fff;
background:#7f7f7f}.lv-party{background:#d62728}.lv-central{background:#1f77b4}.lv-province{background:#2ca02c}
.lv-district{background:#ff7f0e}.lv-commune{background:#9467bd}.lv-unit{background:#8c564b}.cov{font-weight:bold}
.out{color:#a33;font-size:12px}.vnp-table{border-collapse:collapse;margin-top:14px;font-size:12px}
.vnp-table td,.vnp-table th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"""

# Reads data-level / data-locality only; hides table rows and dims tree items that the filters leave out.
_SCRIPT = """(function(){"use strict";
var boxes=[].slice.call(document.querySelectorAll(".filters input[type=checkbox]")),loc=document.getElementById("locality");
function apply(){var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
[].forEach.call(document.querySelectorAll("[data-level]"),function(x){
var ok=on[x.getAttribute("data-level")]!==false&&(!loc.value||x.getAttribute("data-locality")===loc.value);
if(x.tagName==="TR"){x.hidden=!ok;}else{x.classList.toggle("off",!ok);}});
var parts=[],off=boxes.filter(function(b){return !b.checked;});
if(off.length){parts.push("level="+boxes.filter(function(b){return b.checked;}).map(function(b){return b.value;}).join(","));}
if(loc.value){parts.push("locality="+encodeURIComponent(loc.value));}
try{history.replaceState(null,"",parts.length?"#"+parts.join("&"):location.pathname);}catch(e){}}
location.hash.replace(/^#/,"").split("&").forEach(function(p){var k=p.split("=")[0],v="";
try{v=decodeURIComponent(p.slice(k.length+1));}catch(e){return;}
if(k==="level"){var want=v.split(",");boxes.forEach(function(b){b.checked=want.indexOf(b.value)>=0;});}
if(k==="locality"){[].forEach.call(loc.options,function(o){if(o.value===v){loc.value=v;}});}});
boxes.forEach(function(b){b.addEventListener("change",apply);});loc.addEventListener("change",apply);apply();})();"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _data(row: CascadeRow) -> str:
    return f'data-level="{_e(row.level or "null")}" data-locality="{_e(row.locality or "")}"'


def _cells(c: Cascade, row: CascadeRow) -> list[str]:
    lang = c.lang
    values = {"depth": row.depth, "document": row.label, "type": row.type, "issuer": row.issuer,
              "level": level_name(row.level, lang), "locality": row.locality, "date": vn_date(row.date),
              "parent": row.parent_label, "relation": t(f"relation.{row.relation}", lang) if row.relation else None,
              "lead_days": row.lead_days, "coverage": f"{row.coverage:.0%}" if row.coverage is not None else None,
              "confidence": f"{row.confidence:.0%}" if row.confidence else None}
    return [_e(values[name]) for name in _SHOWN]


def _tree_item(c: Cascade, row: CascadeRow) -> str:
    facts = [f'<span class="lv lv-{_e(row.level)}">{_e(level_name(row.level, c.lang))}</span>']
    facts += [_e(x) for x in (row.locality, vn_date(row.date)) if x]
    if row.lead_days is not None:
        facts.append(f"+{row.lead_days} {_e(t('cascade.days', c.lang))}")
    if row.coverage is not None:
        facts.append(f'<span class="cov" title="{_e(t("col.coverage", c.lang))}">{row.coverage:.0%}</span>')
    missing = "" if row.in_archive else f' <span class="out">({_e(t("graph.status.missing", c.lang))})</span>'
    head = (f'<span class="head"><b>{_e(row.label.split(" · ")[0])}</b> {_e(row.issuer)}{missing} '
            f'<small>{" · ".join(facts)}</small></span>')
    kids = c.children(row.node)
    if not kids:
        return f"<li {_data(row)}>{head}</li>"
    inner = "".join(_tree_item(c, k) for k in kids)
    return f"<li {_data(row)}><details open><summary>{head}</summary><ul>{inner}</ul></details></li>"


@register("cascade.fragment")
def cascade_body(c: Cascade) -> str:
    """The tree, the gaps and the table (no filters, no script): the Jupyter view."""
    def w(key: str) -> str:
        return _e(t(key, c.lang))

    tree = f'<ul class="tree">{_tree_item(c, c.rows[0])}</ul>' if c.rows else ""
    if len(c.rows) <= 1:
        tree += f"<p>{w('cascade.none')}</p>"
    gaps = (f"<h3>{w('cascade.gaps')}</h3><ul>" + "".join(f"<li>{_e(g)}</li>" for g in c.gaps) + "</ul>"
            if c.gaps else "")
    head = "".join(f"<th>{w(f'col.{name}')}</th>" for name in _SHOWN)
    body = "".join(f"<tr {_data(r)}>" + "".join(f"<td>{cell}</td>" for cell in _cells(c, r)) + "</tr>" for r in c.rows)
    return f'<div class="vnp-cascade">{tree}{gaps}<table class="vnp-table"><tr>{head}</tr>{body}</table></div>'


def _filters(c: Cascade) -> str:
    def w(key: str) -> str:
        return _e(t(key, c.lang))

    levels = list(dict.fromkeys(r.level or "null" for r in c.rows))
    boxes = "".join(f'<label><input type="checkbox" value="{_e(lv)}" checked> '
                    f'<span class="lv lv-{_e(lv)}">{_e(level_name(None if lv == "null" else lv, c.lang))}</span></label>'
                    for lv in levels)
    places = sorted({r.locality for r in c.rows if r.locality})
    options = "".join(f'<option value="{_e(p)}">{_e(p)}</option>' for p in places)
    return (f'<div class="filters"><b>{w("col.level")}:</b> {boxes} <label>{w("col.locality")}: '
            f'<select id="locality"><option value="">{w("graph.all")}</option>{options}</select></label></div>')


@register("cascade.html")
def cascade_page(c: Cascade, title: str) -> str:
    """A self-contained page: heading, filters (level, locality), tree, gaps, table."""
    root = c.rows[0].label if c.rows else c.root
    return (f'<!DOCTYPE html><html lang="{_e(c.lang)}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{_CSS}</style></head><body><h1>{_e(title)}: {_e(root)}</h1>{_filters(c)}{cascade_body(c)}"
            f"<script>{_SCRIPT}</script></body></html>\n")
