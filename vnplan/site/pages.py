"""The explorer's pages as HTML strings: index, document, cascades, cascade, compliance, graph.

Record values and file names are escaped (`shell.esc`); links point at page ids, never at file names.

    >>> from vnplan.site.model import build_model
    >>> from vnplan.record import Record
    >>> m = build_model([Record(source={"path": "<x>.txt"}, title="Kế hoạch <script>")])
    >>> "<script>" in doc_page(m.docs[0], m), "&lt;script&gt;" in doc_page(m.docs[0], m)
    (False, True)
"""
from __future__ import annotations

from typing import Any

from vnplan.plaintext import clip
from vnplan.site.marks import marked_text
from vnplan.site.model import Doc, Link, Pair, SiteModel
from vnplan.site.shell import both, esc, label, name, page, vi_date
from vnplan.warning_text import warning_text

__all__ = ["cascade_page", "cascades_page", "check_page", "doc_page", "graph_page", "index_page"]


def _filename(doc: Doc) -> str:
    return str(doc.record.source.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]


def _title(doc: Doc) -> str:
    r = doc.record
    return " ".join(x for x in (r.doc_type, r.label if (r.number or r.symbol) else None) if x) or _filename(doc)


def index_page(version: str) -> str:
    """The index: filters, search box and the table (rows drawn by ``static/site.js`` from ``data/docs.js``)."""
    filters = "".join(
        f'<label>{label(key)}<select id="f-{col}" data-col="{col}"><option value="">(…)</option></select></label>'
        for col, key in (("level", "site.col.level"), ("province", "site.col.province"), ("year", "site.col.year"),
                         ("type", "site.col.type"), ("issuer", "site.col.issuer")))
    cols = (("type", "site.col.type"), ("label", "site.col.number"), ("date", "site.col.date"),
            ("issuer", "site.col.issuer"), ("level", "site.col.level"), ("province", "site.col.province"),
            ("title", "site.col.title"), ("warnings", "site.col.warnings"))
    head = "".join(f'<th data-sort="{c}" tabindex="0">{label(k)}</th>' for c, k in cols)
    body = (f'<section class="search"><label for="q">{label("site.search.label")}</label>'
            f'<input id="q" type="search" autocomplete="off" data-ph-vi="{esc(_t("site.search.placeholder", "vi"))}"'
            f' data-ph-en="{esc(_t("site.search.placeholder", "en"))}"></section>'
            f'<section class="filters">{filters}<button type="button" id="clear">{label("site.filter.clear")}</button>'
            f'</section><p id="count" aria-live="polite"></p>'
            f'<table id="docs" class="docs"><thead><tr>{head}</tr></thead><tbody></tbody></table>'
            f'<p><button type="button" id="more" hidden></button></p>')
    return page(_t("site.title", "vi"), body, "", ("data/docs.js", "vendor/minisearch-7.2.0.js",
                                                    "static/index.js"), version)


def _t(key: str, lang: str, **values: Any) -> str:
    from vnplan.i18n import t

    return t(key, lang=lang, **values)


def _row(key: str, value: str) -> str:
    return f"<tr><th>{label(key)}</th><td>{value}</td></tr>" if value else ""


def _card(doc: Doc) -> str:
    r = doc.record
    period = " – ".join(vi_date(x) for x in (r.period.get("start"), r.period.get("end")) if x)
    signer = ", ".join(esc(x) for x in (r.signer.get("title"), r.signer.get("name")) if x)
    province = "; ".join(esc(x) for x in dict.fromkeys((doc.province, doc.province_as_issued)) if x)
    rows = [_row("site.field.doc_type", esc(r.doc_type)),
            _row("site.field.label", esc(r.label) if (r.number or r.symbol) else ""),
            _row("site.field.issue_date", vi_date(r.issue_date) or esc(r.issue_year)),
            _row("site.field.place", esc(r.place)), _row("site.field.issuer", esc(r.issuer.get("name"))),
            _row("site.field.level", name("level", r.issuer.get("level"))),
            _row("site.field.parent", esc(r.issuer.get("parent"))), _row("site.field.province", province),
            _row("site.field.title", esc(r.title)), _row("site.field.theme", esc(r.theme)),
            _row("site.field.period", period), _row("site.field.signer", signer),
            _row("site.doc.file", f"<code>{esc(r.source.get('path'))}</code>")]
    return f'<table class="card">{"".join(rows)}</table>'


def _lists(doc: Doc) -> str:
    r = doc.record
    parts = []
    if r.activities:
        items = "".join(f"<li>{esc(a.get('text') if isinstance(a, dict) else a)}</li>" for a in r.activities)
        parts.append(f'<details><summary>{label("site.field.activities")} ({len(r.activities)})</summary>'
                     f"<ol>{items}</ol></details>")
    if r.responsibilities:
        items = "".join(f"<li><b>{esc(e.get('agency'))}</b>: {esc('; '.join(e.get('tasks') or []))}</li>"
                        for e in r.responsibilities if isinstance(e, dict))
        parts.append(f'<details><summary>{label("site.field.responsibilities")} ({len(r.responsibilities)})'
                     f"</summary><ul>{items}</ul></details>")
    if r.deadlines:
        items = "".join(f"<li><b>{vi_date(d.get('date'))}</b> {esc(d.get('text'))}</li>"
                        for d in r.deadlines if isinstance(d, dict))
        parts.append(f'<details><summary>{label("site.field.deadlines")} ({len(r.deadlines)})</summary>'
                     f"<ul>{items}</ul></details>")
    if r.recipients:
        items = "".join(f"<li>{esc(x)}</li>" for x in r.recipients)
        parts.append(f'<details><summary>{label("site.field.recipients")} ({len(r.recipients)})</summary>'
                     f"<ul>{items}</ul></details>")
    return "".join(parts)


def _links(links: list[Link]) -> str:
    if not links:
        return f'<p class="muted">{label("site.doc.none")}</p>'
    items = []
    for link in sorted(links, key=lambda x: (x.page is None, x.label)):
        target = (f'<a href="{link.page}.html" title="{esc(link.text)}">{esc(link.label)}</a>' if link.page
                  else f'{esc(link.label)} <span class="muted">({label("site.doc.outside")})</span>')
        items.append(f'<li><span class="rel">{name("relation", link.relation)}</span> {target}</li>')
    return f'<ul class="links">{"".join(items)}</ul>'


def doc_page(doc: Doc, model: SiteModel, version: str = "") -> str:
    """One document: record card, text with marks, cites / cited by, warnings, its cascade if it has one."""
    r = doc.record
    shown = "".join(f"<li>{both(esc(warning_text(w, 'vi')), esc(w))}</li>" for w in r.warnings)
    warnings = (f'<ul class="warnings">{shown}</ul>' if r.warnings
                else f'<p class="muted">{label("site.doc.none")}</p>')
    cascade = (f'<p><a class="button" href="../cascade/{doc.id}.html">{label("site.doc.open_cascade")}</a></p>'
               if doc.id in model.cascades else "")
    text = (f'<pre class="text">{marked_text(doc.text, r)}</pre>' if doc.text
            else f'<p class="muted">{label("site.doc.notext")}</p>')
    legend = "".join(f'<mark class="{c}">{label(k)}</mark> ' for c, k in (
        ("m-field", "site.doc.card"), ("m-cite", "site.doc.cites"), ("m-deadline", "site.field.deadlines"),
        ("m-activity", "site.field.activities")))
    body = (f'<h1>{esc(_title(doc))}</h1><p class="subtitle">{esc(r.title)}</p>{cascade}'
            f'<div class="cols"><section><h2>{label("site.doc.card")}</h2>{_card(doc)}{_lists(doc)}'
            f'<h2>{label("site.doc.cites")}</h2>{_links(doc.cites)}'
            f'<h2>{label("site.doc.citedby")}</h2>{_links(doc.cited_by)}'
            f'<h2>{label("site.doc.warnings")}</h2>{warnings}</section>'
            f'<section><h2>{label("site.doc.text")}</h2><p class="legend">{legend}</p>{text}</section></div>')
    return page(_title(doc), body, "../", (), version)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def cascade_page(page_id: str, model: SiteModel, version: str = "") -> str:
    """A directive's cascade: who acted (level, locality), lead time, coverage, compliance links, gaps."""
    cascades = model.cascades[page_id]
    vi, en = cascades["vi"], cascades["en"]
    page_of = {d.node: d.id for d in model.docs if d.node}
    rows = []
    for row in vi.rows:
        pair = model.pairs.get((row.parent, row.node)) if row.parent else None
        doc_link = (f'<a href="../doc/{page_of[row.node]}.html">{esc(row.label)}</a>' if row.node in page_of
                    else esc(row.label))
        check = (f'<a href="../check/{pair.id}.html">{name("verdict", pair.reports["vi"].verdict)}</a>'
                 if pair else "")
        rows.append(f'<tr class="depth-{min(row.depth, 4)}"><td style="padding-left:{0.4 + row.depth * 1.4:.1f}em">'
                    f'{"↳ " if row.depth else ""}{doc_link}</td><td>{esc(row.type)}</td><td>{esc(row.issuer)}</td>'
                    f'<td>{name("level", row.level)}</td><td>{esc(row.locality)}</td><td>{vi_date(row.date)}</td>'
                    f'<td>{name("relation", row.relation)}</td><td class="num">{esc(row.lead_days)}</td>'
                    f'<td class="num">{_pct(row.coverage)}</td><td>{check}</td></tr>')
    head = "".join(f"<th>{label(k)}</th>" for k in (
        "site.col.number", "site.col.type", "site.col.issuer", "site.col.level", "site.col.province",
        "site.col.date", "site.cascade.relation", "site.cascade.lead", "site.cascade.coverage", "site.cascade.check"))
    acted: dict[tuple[str, str], int] = {}
    for row in vi.rows[1:]:
        if row.in_archive:
            key = (row.level or "", row.locality or "")
            acted[key] = acted.get(key, 0) + 1
    acted_html = "".join(f"<li>{name('level', lv)} · {esc(loc) or '—'} · {n}</li>" for (lv, loc), n in acted.items())
    gaps = "".join(f"<li>{both(esc(a), esc(b))}</li>" for a, b in zip(vi.gaps, en.gaps))
    gaps_html = f'<h2>{label("cascade.gaps")}</h2><ul>{gaps}</ul>' if gaps else ""
    root = vi.rows[0]
    body = (f'<h1>{label("site.cascade.title")}: {esc(root.label)}</h1>'
            f'<p>{label("site.cascade.documents", n=len(vi.rows) - 1)}</p>'
            f'<h2>{label("site.cascade.acted")}</h2><ul class="acted">{acted_html}</ul>'
            f'<table class="cascade"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{gaps_html}')
    return page(f"{_t('site.cascade.title', 'vi')}: {root.label}", body, "../", (), version)


def cascades_page(model: SiteModel, version: str = "") -> str:
    """The list of directives with a cascade, and of compliance pairs."""
    by_id = model.by_id()
    items = []
    for pid, c in sorted(model.cascades.items(), key=lambda kv: -len(kv[1]["vi"].rows)):
        doc = by_id[pid]
        items.append(f'<li><a href="cascade/{pid}.html">{esc(c["vi"].rows[0].label)}</a> — {esc(doc.record.title)} '
                     f'({label("site.cascade.documents", n=len(c["vi"].rows) - 1)})</li>')
    pairs = "".join(
        f'<li><a href="check/{p.id}.html">{esc(by_id[p.template].record.label)} → {esc(by_id[p.local].record.label)}'
        f'</a> · {name("verdict", p.reports["vi"].verdict)}</li>' for p in model.pairs.values())
    body = (f'<h1>{label("site.cascade.list")}</h1>'
            + (f'<ul class="cascades">{"".join(items)}</ul>' if items else f'<p>{label("site.cascade.empty")}</p>')
            + f'<h2>{label("site.check.list")}</h2><ul class="pairs">{pairs}</ul>')
    return page(_t("site.cascade.list", "vi"), body, "", (), version)


def _report(report: Any) -> str:
    """Verdict, reasons, checks with their evidence and the coverage of the template's activities."""
    reasons = "".join(f"<li>{esc(x)}</li>" for x in report.reasons)
    checks = "".join(f'<tr><td>{name("check", c.name)}</td><td class="st-{esc(c.status)}">{name("result", c.status)}</td>'
                     f'<td>{esc(c.message)}</td><td>{_evidence(c.evidence)}</td></tr>' for c in report.checks)
    items = "".join(f'<tr><td>{esc(it.template.text)}</td><td class="st-{esc(it.status.replace(" ", "_"))}">'
                    f'{name("status", it.status.replace(" ", "_"))}</td><td>{esc(it.local.text if it.local else "")}</td>'
                    f'<td class="num">{_pct(it.similarity)}</td></tr>' for it in report.coverage.items)
    return (f'<p class="verdict v-{esc(report.verdict)}">{name("verdict", report.verdict)}</p>'
            f"<ul>{reasons}</ul><table class=\"checks\"><tbody>{checks}</tbody></table>"
            + (f'<table class="checks"><tbody>{items}</tbody></table>' if items else ""))


def _plain(value: Any) -> str:
    """Evidence as words: texts as they are, lists joined, sentences by their text; spans and pages left out."""
    if isinstance(value, dict):
        if "text" in value:
            return str(value["text"])
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v not in (None, "", [], {}) and k != "span")
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value if v not in (None, "", [], {}))
    return str(value)


def _evidence(evidence: dict[str, Any]) -> str:
    parts = []
    for key, value in evidence.items():
        text = _plain(value) if value not in (None, "", [], {}) else ""
        if text:
            text = clip(text, 400, words=False)
            parts.append(f"<b>{esc(key)}</b>: {esc(text)}")
    return "<br>".join(parts)


def check_page(pair: Pair, model: SiteModel, version: str = "") -> str:
    """A template → local pair: verdict, reasons, checks with evidence, activity coverage (both languages)."""
    by_id = model.by_id()
    t_doc, l_doc = by_id[pair.template], by_id[pair.local]
    docs = (f'<table class="card"><tr><th>{label("site.check.template")}</th><td><a href="../doc/{t_doc.id}.html">'
            f'{esc(t_doc.record.label)}</a> {esc(t_doc.record.title)}</td></tr><tr><th>{label("site.check.local")}</th>'
            f'<td><a href="../doc/{l_doc.id}.html">{esc(l_doc.record.label)}</a> {esc(l_doc.record.title)}</td></tr>'
            f"</table>")
    body = (f'<h1>{label("site.check.title")}</h1>{docs}'
            f'<div class="l-vi">{_report(pair.reports["vi"])}</div><div class="l-en">{_report(pair.reports["en"])}</div>')
    return page(f"{_t('site.check.title', 'vi')}: {t_doc.record.label} → {l_doc.record.label}", body, "../", (),
                version)


def graph_page(version: str = "") -> str:
    """The citation graph (Cytoscape.js): filters by level and relation, a document's neighbourhood on click."""
    from vnplan.link.graph import RELATIONS

    levels = "".join(f'<label><input type="checkbox" class="g-level" value="{lv}" checked>{name("level", lv) if lv else label("site.graph.nolevel")}</label>'
                     for lv in ("central", "party", "province", "district", "commune", "unit", ""))
    relations = "".join(f'<option value="{esc(r)}" data-t="relation.{esc(r)}">{esc(_t(f"relation.{r}", "vi"))}</option>'
                        for r in RELATIONS)
    body = (f'<h1>{label("site.graph.title")}</h1><section class="filters"><fieldset><legend>'
            f'{label("site.graph.levels")}</legend>{levels}</fieldset><label>{label("site.graph.relation")}'
            f'<select id="g-relation"><option value="" data-t="site.filter.all">{esc(_t("site.filter.all", "vi"))}</option>{relations}</select></label>'
            f'<label class="inline"><input type="checkbox" id="g-archive">{label("site.graph.archive_only")}</label>'
            f'<button type="button" id="g-reset">{label("site.graph.reset")}</button></section>'
            f'<p class="muted">{label("site.graph.hint")} <span id="g-focus"></span></p><div id="cy"></div>')
    return page(_t("site.graph.title", "vi"), body, "", ("vendor/cytoscape-3.35.0.min.js", "data/graph.js",
                                                        "static/graph.js"), version)
