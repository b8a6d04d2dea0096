"""HTML of a `ComplianceTable`: one row per local plan, verdict badge, coverage bar, missing activities.

    >>> from vnplan.compare.many import check_many
    >>> "<table" in table_page(check_many({"file": "t.txt"}, [{"file": "x.txt"}]))
    True
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from vnplan.compare.evidence import heading
from vnplan.export.compare_html import CSS, _badge, _page
from vnplan.export.scoped_css import host_reset
from vnplan.i18n import t
from vnplan.views import register

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.many import ComplianceTable
    from vnplan.compare.model import ComplianceReport

__all__ = ["table_fragment", "table_page"]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _why(report: ComplianceReport) -> list[str]:
    """What a reader needs beside the missing activities: the pair's warnings, and for a verdict other than
    pass the reasons that are not about single activities (failed checks, a document against itself, …)."""
    per_item = tuple(t(key, n=0, text="").split("0")[0] for key in ("reason.missing", "reason.partly"))
    reasons = [] if report.verdict == "pass" else [r for r in report.reasons if not r.startswith(per_item)]
    return list(dict.fromkeys([*report.warnings, *reasons]))


@register("checks.fragment")
def table_fragment(table: ComplianceTable) -> str:
    """The table as an HTML fragment (Jupyter)."""
    c = table.counts()
    head = "".join(f"<th>{_e(h)}</th>" for h in (t("label.document"), t("label.verdict"), t("label.coverage"),
                                                  t("label.missing_activities"), t("label.reasons")))
    body = []
    for row, report in zip(table.rows, table.reports):
        why = "".join(f"<li>{_e(w)}</li>" for w in _why(report))
        why = f"<ul style='margin:0;padding-left:16px'>{why}</ul>" if why else ""
        pct = 0 if row["coverage"] is None else round(row["coverage"] * 100)
        cov = "–" if row["coverage"] is None else f"{pct}%"
        body.append(
            f"<tr><td><b>{_e(row['document'])}</b><div class='pg'>{_e(str(row['path']).rsplit('/', 1)[-1])}</div></td>"
            f"<td>{_badge(row['verdict'], 'verdict')}</td>"
            f"<td style='min-width:120px;white-space:nowrap'><span class='bar' style='width:70px'>"
            f"<span style='width:{pct}%'></span></span> {cov}</td><td>{_e(row['missing_activities'])}</td>"
            f"<td>{why}</td></tr>")
    summary = t("summary.many", n=len(table.reports), passed=c["pass"], failed=c["fail"],
                inconclusive=c["inconclusive"])
    return (f"<style>{CSS}{host_reset('vnp')}</style><div class='vnp'><h1>"
            f"{_e(t('title.many', template=heading(table.template)))}</h1><p>{_e(summary)}</p>"
            f"<table><tr>{head}</tr>{''.join(body)}</table></div>")


@register("checks.html")
def table_page(table: ComplianceTable) -> str:
    """A complete, self-contained HTML page of the table."""
    return _page(t("title.many", template=heading(table.template)), table_fragment(table))
