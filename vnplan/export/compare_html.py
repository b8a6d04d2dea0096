"""A self-contained, side-by-side HTML report of a plan diff, with redlines (inline CSS, no scripts, no network).

Row colours show the change at a glance: deleted words on red, inserted words
on green, dropped rows tinted red, added rows tinted green, modified rows amber.

    >>> from vnplan.compare import compare
    >>> page = diff_page(compare({"file": "t.txt"}, {"file": "l.txt"}))
    >>> page.startswith("<!DOCTYPE html>") and "</html>" in page
    True
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from vnplan.compare.evidence import heading, page_label, percent
from vnplan.compare.redline import to_html
from vnplan.export.scoped_css import host_reset
from vnplan.i18n import get_lang, t
from vnplan.views import register

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.model import ComplianceReport, Coverage, ItemDiff, ItemRef, PlanDiff

__all__ = ["COLOURS", "diff_fragment", "diff_page", "report_fragment", "report_page"]

# The redline colours (the browser test looks for them in a screenshot).
COLOURS = {"del": "#ff9e9e", "ins": "#8fe39a", "dropped": "#ffe3e3", "added": "#e3f9e5", "modified": "#fff4d6",
           "pass": "#2e9d47", "fail": "#d93838", "n/a": "#8a8f98", "inconclusive": "#6b5ca5"}

CSS = f"""
.vnp {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #1d2430; }}
.vnp h1 {{ font-size: 20px; margin: 0 0 4px; }} .vnp h2 {{ font-size: 16px; margin: 18px 0 6px; }}
.vnp .sub {{ color: #5a6270; margin-bottom: 8px; }}
.vnp table {{ border-collapse: collapse; width: 100%; }}
.vnp th, .vnp td {{ border: 1px solid #d5d9e0; padding: 5px 7px; vertical-align: top; text-align: left; }}
.vnp th {{ background: #eef1f5; }}
.vnp td.st {{ width: 86px; font-weight: 600; }} .vnp td.sim {{ width: 52px; text-align: right; }}
.vnp col.st {{ width: 86px; }} .vnp col.sim {{ width: 52px; }}
.vnp tr.dropped td {{ background: {COLOURS['dropped']}; }} .vnp tr.added td {{ background: {COLOURS['added']}; }}
.vnp tr.modified td {{ background: {COLOURS['modified']}; }}
.vnp del {{ background: {COLOURS['del']}; color: #7a0010; text-decoration: line-through; }}
.vnp ins {{ background: {COLOURS['ins']}; color: #0b4f1c; text-decoration: none; }}
.vnp .note {{ color: #5a6270; font-style: italic; }}
.vnp .badge {{ display: inline-block; padding: 1px 8px; border-radius: 9px; color: #fff; font-weight: 600;
  white-space: nowrap; }}
.vnp .pass {{ background: {COLOURS['pass']}; }} .vnp .fail {{ background: {COLOURS['fail']}; }}
.vnp .na {{ background: {COLOURS['n/a']}; }}
.vnp .bar {{ height: 14px; background: #e6e9ee; border-radius: 7px; overflow: hidden; width: 320px; display: inline-block;
  vertical-align: middle; }}
.vnp .bar span {{ display: block; height: 100%; background: {COLOURS['pass']}; }}
.vnp .legend span {{ margin-right: 12px; }}
.vnp .ev {{ color: #3d4552; font-size: 12.5px; margin-top: 3px; }} .vnp .pg {{ color: #7a818c; font-size: 12px; }}
.vnp .docs {{ margin: 4px 0 10px; }} .vnp .docs b {{ display: inline-block; min-width: 150px; }}
.vnp .warnbox {{ background: #fff4d6; border-left: 4px solid #d9a400; padding: 6px 10px; margin: 8px 0; }}
.vnp .inconclusive {{ background: #6b5ca5; }}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _badge(status: str, kind: str = "result") -> str:
    cls = {"pass": "pass", "fail": "fail", "inconclusive": "inconclusive"}.get(status, "na")
    return f'<span class="badge {cls}">{_e(t(kind + "." + status))}</span>'


def _status(status: str) -> str:
    return t("status." + status.replace(" ", "_"))


def _pg(ref: ItemRef | None) -> str:
    label = page_label({"page": ref.page}) if ref is not None and ref.page else ""
    return f' <span class="pg">({_e(label)})</span>' if label else ""


def _side(row: ItemDiff, side: str) -> str:
    ref = getattr(row, side)
    if ref is None:
        return ""
    if side == "local" and row.status == "modified" and row.redline:
        body = to_html(row.redline)
    elif side == "template" and row.status == "modified" and row.redline:
        body = to_html([op for op in row.redline if op[0] != "+"])
    else:
        body = _e(ref.text)
    if side == "local" and row.note:
        body += f'<div class="note">{_e(row.note)}</div>'
    for rel in row.related:
        if (side == "template") == (rel["kind"] == "merged"):
            note = t("related." + rel["kind"], n=rel["index"] + 1, sim=f"{rel['similarity']:.2f}")
            body += f'<div class="note">{_e(note)}</div>'
    return f"<b>{ref.index + 1}.</b> {body}{_pg(ref)}"


def _rows(title: str, rows: list[ItemDiff], left: str, right: str) -> str:
    out = [f"<h2>{_e(title)}</h2>", '<table><colgroup><col><col class="st"><col class="sim"><col></colgroup>',
           (f"<tr><th>{_e(left)}</th><th>{_e(t('label.status'))}</th><th class='num'>{_e(t('label.sim'))}</th>"
           f"<th>{_e(right)}</th></tr>")]
    for row in rows:
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f'<tr class="{row.status}"><td>{_side(row, "template")}</td><td class="st">{_e(_status(row.status))}'
                   f'</td><td class="sim num">{sim}</td><td>{_side(row, "local")}</td></tr>')
    return "\n".join(out + ["</table>"])


def _sources_html(sources: list[dict[str, Any]]) -> str:
    out = []
    for s in sources:
        page = page_label(s)
        out.append(f'<div class="ev"><b>{_e(t("side." + s["side"]))}</b>'
                   f'{" <span class=pg>(" + _e(page) + ")</span>" if page else ""}: “{_e(s["text"])}”</div>')
    return "".join(out)


def _checks_html(checks: list[Any]) -> str:
    out = [f"<h2>{_e(t('title.checks'))}</h2>",
           (f"<table><tr><th style='width:130px'>{_e(t('label.check'))}</th><th style='width:100px'>"
           f"{_e(t('label.result'))}</th><th>{_e(t('label.message'))} · {_e(t('label.evidence'))}</th></tr>")]
    out += [f"<tr><td>{_e(t('check.' + c.name))}</td><td>{_badge(c.status)}</td><td>{_e(c.message)}"
            f"{_sources_html(c.evidence.get('sources') or [])}</td></tr>" for c in checks]
    return "\n".join(out + ["</table>"])


def _verdict_html(verdict: str, reasons: list[str], warnings: list[str]) -> str:
    warn = "".join(f'<div class="warnbox">⚠ {_e(t("label.warning"))}: {_e(w)}</div>' for w in warnings)
    return (f"<p>{_e(t('label.verdict'))}: {_badge(verdict, 'verdict')}</p>{warn}<ul>"
            + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>")


def _coverage_html(cov: Coverage) -> str:
    pct = 0 if cov.ratio is None else round(cov.ratio * 100)
    if cov.ratio is None:
        return f"<h2>{_e(t('title.coverage'))}</h2><p>{_e(t('coverage.none'))}</p>"
    out = [f"<h2>{_e(t('title.coverage'))}</h2>",
           (f'<p><span class="bar"><span style="width:{pct}%"></span></span> '
           f"{_e(t('coverage.of_template', pct=percent(cov), min=f'{cov.min_coverage:.0%}'))}</p>"),
           (f"<table><tr><th>{_e(t('label.template_activity'))}</th><th style='width:120px'>{_e(t('label.status'))}</th>"
           f"<th>{_e(t('label.local_text'))}</th><th class='num' style='width:52px'>{_e(t('label.sim'))}</th></tr>")]
    cls = {"covered": "", "partly covered": "modified", "missing": "dropped"}
    for it in cov.items:
        local = f"<b>{it.local.index + 1}.</b> {_e(it.local.text)}{_pg(it.local)}" if it.local else ""
        sim = f"{it.similarity:.2f}" if it.similarity is not None else ""
        out.append(f'<tr class="{cls[it.status]}"><td><b>{it.template.index + 1}.</b> {_e(it.template.text)}'
                   f"{_pg(it.template)}</td><td>{_e(_status(it.status))}</td><td>{local}</td>"
                   f"<td class='sim num'>{sim}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def _docs_html(d: PlanDiff) -> str:
    def one(side: str, r: Any) -> str:
        title = f" — {_e(r.title)}" if r.title else ""
        return f"<div><b>{_e(t('side.' + side))}:</b> {_e(heading(r))}{title}</div>"

    return f'<div class="docs">{one("template", d.template)}{one("local", d.local)}</div>'


def _style() -> str:
    return f"<style>{CSS}{host_reset('vnp')}</style>"


@register("diff.fragment")
def diff_fragment(diff: PlanDiff) -> str:
    """The report as an HTML fragment (Jupyter's ``_repr_html_``)."""
    tn, ln = heading(diff.template), heading(diff.local)
    c = diff.counts()
    sec_cls = {"template only": "dropped", "local only": "added"}
    sections = [f"<h2>{_e(t('title.sections'))}</h2>",
                (f"<table><tr><th style='width:130px'>{_e(t('label.role'))}</th><th style='width:130px'>"
                f"{_e(t('label.status'))}</th><th>{_e(t('side.template'))}</th><th>{_e(t('side.local'))}</th></tr>")]
    sections += [f'<tr class="{sec_cls.get(s.status, "")}"><td>{_e(t("role." + s.role))}</td>'
                 f'<td>{_e(t("section." + s.status.replace(" ", "_")))}</td><td>{_e(s.template)}</td>'
                 f"<td>{_e(s.local)}</td></tr>" for s in diff.sections]
    sections.append("</table>")
    parts = [
        '<div class="vnp">',
        f"<h1>{_e(t('title.diff'))}: {_e(tn)} → {_e(ln)}</h1>",
        _docs_html(diff),
        f"<p>{_e(t('summary.activities', None, **c))} · {_e(t('label.coverage'))} <b>{_e(percent(diff.coverage))}</b></p>",
        _verdict_html(diff.verdict, diff.coverage.reasons, diff.warnings),
        (f'<p class="legend"><span><del>{_e(t("legend.deleted"))}</del></span><span><ins>{_e(t("legend.inserted"))}'
        f'</ins></span><span style="background:#ffe3e3">{_e(t("status.dropped"))}</span>'
        f'<span style="background:#e3f9e5">{_e(t("status.added"))}</span>'
        f'<span style="background:#fff4d6">{_e(t("status.modified"))}</span></p>'),
        _rows(t("title.activities"), diff.activities, f"{t('side.template')}: {tn}", f"{t('side.local')}: {ln}"),
        _rows(t("title.responsibilities"), diff.responsibilities, f"{t('side.template')}: {tn}",
              f"{t('side.local')}: {ln}"),
        _checks_html(diff.checks),
        _coverage_html(diff.coverage),
        "\n".join(sections),
        "</div>",
    ]
    return _style() + "\n" + "\n".join(parts)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{get_lang()}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"</head>\n<body>\n{body}\n</body></html>\n")


@register("diff.html")
def diff_page(diff: PlanDiff) -> str:
    """A complete, self-contained HTML page of the diff."""
    return _page(f"{heading(diff.template)} → {heading(diff.local)}", diff_fragment(diff))


@register("report.fragment")
def report_fragment(report: ComplianceReport) -> str:
    """A compliance report as an HTML fragment: documents, verdict, reasons, warnings, checks, coverage."""
    d = report.diff
    return (f"{_style()}\n<div class=\"vnp\"><h1>{_e(t('title.report'))}: {_e(heading(d.local))} "
            f"{_badge(report.verdict, 'verdict')}</h1>\n{_docs_html(d)}\n"
            f"{_verdict_html(report.verdict, report.reasons, report.warnings)}\n{_checks_html(report.checks)}\n"
            f"{_coverage_html(report.coverage)}</div>")


@register("report.html")
def report_page(report: ComplianceReport) -> str:
    """A complete, self-contained HTML page of the compliance report."""
    return _page(f"{t('title.report')}: {heading(report.diff.local)}", report_fragment(report))
