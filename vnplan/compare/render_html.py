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
from typing import TYPE_CHECKING

from vnplan.compare.redline import to_html

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.model import ComplianceReport, ItemDiff, PlanDiff

__all__ = ["COLOURS", "diff_fragment", "diff_page", "report_fragment"]

# The redline colours (the browser test looks for them in a screenshot).
COLOURS = {"del": "#ff9e9e", "ins": "#8fe39a", "dropped": "#ffe3e3", "added": "#e3f9e5", "modified": "#fff4d6",
           "pass": "#2e9d47", "fail": "#d93838", "n/a": "#8a8f98"}

CSS = f"""
.vnp {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #1d2430; }}
.vnp h1 {{ font-size: 20px; margin: 0 0 4px; }} .vnp h2 {{ font-size: 16px; margin: 18px 0 6px; }}
.vnp .sub {{ color: #5a6270; margin-bottom: 8px; }}
.vnp table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
.vnp th, .vnp td {{ border: 1px solid #d5d9e0; padding: 5px 7px; vertical-align: top; text-align: left; }}
.vnp th {{ background: #eef1f5; }}
.vnp td.st {{ width: 86px; font-weight: 600; }} .vnp td.sim {{ width: 52px; text-align: right; }}
.vnp col.st {{ width: 86px; }} .vnp col.sim {{ width: 52px; }}
.vnp tr.dropped td {{ background: {COLOURS['dropped']}; }} .vnp tr.added td {{ background: {COLOURS['added']}; }}
.vnp tr.modified td {{ background: {COLOURS['modified']}; }}
.vnp del {{ background: {COLOURS['del']}; color: #7a0010; text-decoration: line-through; }}
.vnp ins {{ background: {COLOURS['ins']}; color: #0b4f1c; text-decoration: none; }}
.vnp .note {{ color: #5a6270; font-style: italic; }}
.vnp .badge {{ display: inline-block; padding: 1px 8px; border-radius: 9px; color: #fff; font-weight: 600; }}
.vnp .pass {{ background: {COLOURS['pass']}; }} .vnp .fail {{ background: {COLOURS['fail']}; }}
.vnp .na {{ background: {COLOURS['n/a']}; }}
.vnp .bar {{ height: 14px; background: #e6e9ee; border-radius: 7px; overflow: hidden; width: 320px; display: inline-block;
  vertical-align: middle; }}
.vnp .bar span {{ display: block; height: 100%; background: {COLOURS['pass']}; }}
.vnp .legend span {{ margin-right: 12px; }}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _name(record) -> str:  # type: ignore[no-untyped-def]
    path = str(record.source.get("path") or "")
    return path.rsplit("/", 1)[-1] or record.label


def _badge(status: str) -> str:
    cls = {"pass": "pass", "fail": "fail"}.get(status, "na")
    return f'<span class="badge {cls}">{_e(status)}</span>'


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
        where = "local" if rel["kind"] == "merged" else "template"
        if (side == "template") == (rel["kind"] == "merged"):
            body += (f'<div class="note">partly in {where} item {rel["index"] + 1} '
                     f'({_e(rel["kind"])}, {rel["similarity"]:.2f})</div>')
    return f"<b>{ref.index + 1}.</b> {body}"


def _rows(title: str, rows: list[ItemDiff], left: str, right: str) -> str:
    out = [f"<h2>{_e(title)}</h2>", '<table><colgroup><col><col class="st"><col class="sim"><col></colgroup>',
           f"<tr><th>{_e(left)}</th><th>status</th><th>sim.</th><th>{_e(right)}</th></tr>"]
    for row in rows:
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f'<tr class="{row.status}"><td>{_side(row, "template")}</td><td class="st">{row.status}</td>'
                   f'<td class="sim">{sim}</td><td>{_side(row, "local")}</td></tr>')
    return "\n".join(out + ["</table>"])


def _checks_html(checks) -> str:  # type: ignore[no-untyped-def]
    out = ["<h2>Checks</h2>", "<table><tr><th style='width:110px'>check</th><th style='width:70px'>result</th>"
           "<th>evidence</th></tr>"]
    out += [f"<tr><td>{_e(c.name)}</td><td>{_badge(c.status)}</td><td>{_e(c.message)}</td></tr>" for c in checks]
    return "\n".join(out + ["</table>"])


def _coverage_html(cov) -> str:  # type: ignore[no-untyped-def]
    pct = 0 if cov.ratio is None else round(cov.ratio * 100)
    out = ["<h2>Coverage</h2>",
           f'<p><span class="bar"><span style="width:{pct}%"></span></span> <b>{_e(cov.percent)}</b> of the '
           f"template's activities (minimum {cov.min_coverage:.0%}) — verdict {_badge(cov.verdict)}</p>",
           "<table><tr><th>template activity</th><th style='width:120px'>status</th><th>local text</th>"
           "<th style='width:52px'>sim.</th></tr>"]
    cls = {"covered": "", "partly covered": "modified", "missing": "dropped"}
    for it in cov.items:
        local = f"<b>{it.local.index + 1}.</b> {_e(it.local.text)}" if it.local else ""
        sim = f"{it.similarity:.2f}" if it.similarity is not None else ""
        out.append(f'<tr class="{cls[it.status]}"><td><b>{it.template.index + 1}.</b> {_e(it.template.text)}</td>'
                   f"<td>{_e(it.status)}</td><td>{local}</td><td class='sim'>{sim}</td></tr>")
    out.append("</table><ul>" + "".join(f"<li>{_e(r)}</li>" for r in cov.reasons) + "</ul>")
    return "\n".join(out)


def diff_fragment(diff: PlanDiff) -> str:
    """The report as an HTML fragment (Jupyter's ``_repr_html_``)."""
    t, loc = _name(diff.template), _name(diff.local)
    c = diff.counts()
    sections = ["<h2>Sections</h2>", "<table><tr><th style='width:110px'>role</th><th style='width:110px'>status</th>"
                "<th>template</th><th>local</th></tr>"]
    sections += [f'<tr class="{"dropped" if s.status == "template only" else "added" if s.status == "local only" else ""}">'
                 f"<td>{_e(s.role)}</td><td>{_e(s.status)}</td><td>{_e(s.template)}</td><td>{_e(s.local)}</td></tr>"
                 for s in diff.sections]
    sections.append("</table>")
    parts = [
        '<div class="vnp">',
        f"<h1>Plan comparison: {_e(t)} → {_e(loc)}</h1>",
        f'<div class="sub">Template: {_e(diff.template.title or diff.template.label)} · '
        f'{_e(diff.template.issuer.get("name"))}<br>Local: {_e(diff.local.title or diff.local.label)} · '
        f'{_e(diff.local.issuer.get("name"))}</div>',
        f"<p>Activities: <b>{c['kept']}</b> kept, <b>{c['modified']}</b> modified, <b>{c['dropped']}</b> dropped, "
        f"<b>{c['added']}</b> added · coverage <b>{_e(diff.coverage.percent)}</b> · verdict {_badge(diff.verdict)}</p>",
        '<p class="legend"><span><del>deleted</del></span><span><ins>inserted</ins></span>'
        '<span style="background:#ffe3e3">dropped</span><span style="background:#e3f9e5">added</span>'
        '<span style="background:#fff4d6">modified</span></p>',
        _rows("Activities", diff.activities, f"template: {t}", f"local: {loc}"),
        _rows("Responsibilities", diff.responsibilities, f"template: {t}", f"local: {loc}"),
        _checks_html(diff.checks),
        _coverage_html(diff.coverage),
        "\n".join(sections),
        "</div>",
    ]
    return f"<style>{CSS}</style>\n" + "\n".join(parts)


def diff_page(diff: PlanDiff) -> str:
    """A complete, self-contained HTML page of the diff."""
    title = f"{_name(diff.template)} → {_name(diff.local)}"
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{_e(title)}</title></head>\n'
            f"<body>\n{diff_fragment(diff)}\n</body></html>\n")


def report_fragment(report: ComplianceReport) -> str:
    """A compliance report as an HTML fragment: verdict, reasons, checks, coverage."""
    d = report.diff
    return (f"<style>{CSS}</style>\n<div class=\"vnp\"><h1>Compliance: {_e(_name(d.local))} against "
            f"{_e(_name(d.template))} {_badge(report.verdict)}</h1>\n{_checks_html(report.checks)}\n"
            f"{_coverage_html(report.coverage)}</div>")
