"""Terminal tables and Markdown for a `PlanDiff` and a `ComplianceReport`, in the current language.

Every check and every coverage row shows the sentence it rests on and its page.

    >>> from vnplan.compare import compare
    >>> from vnplan.i18n import use_lang
    >>> with use_lang("vi"):
    ...     print(diff_markdown(compare({"file": "t.txt"}, {"file": "l.txt"})).splitlines()[0])
    # So sánh kế hoạch: t.txt → l.txt
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from vnplan.compare.evidence import heading, page_label, percent
from vnplan.compare.redline import to_markdown, to_text
from vnplan.i18n import t
from vnplan.plaintext import clip
from vnplan.views import register

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.model import ComplianceReport, Coverage, ItemDiff, ItemRef, PlanDiff

__all__ = ["diff_markdown", "diff_table", "md_text", "report_markdown", "report_table"]

_MARK = {"kept": "=", "modified": "~", "dropped": "-", "added": "+"}



def _cell(row: ItemDiff, side: str, n: int) -> str:
    ref = getattr(row, side)
    return f"{ref.index + 1}. {clip(ref.text, n - 4)}" if ref else ""


def _ref_page(ref: ItemRef | None) -> str:
    return page_label({"page": ref.page}) if ref is not None and ref.page else ""


def _status(status: str) -> str:
    return t("status." + status.replace(" ", "_"))


def _rows_table(title: str, rows: list[ItemDiff], width: int) -> list[str]:
    col = max(20, (width - 16) // 2)
    out = [title, f"{'':2}{t('side.template'):<{col}}  {t('label.sim'):>5}  {t('side.local'):<{col}}",
           "-" * min(width, 2 * col + 11)]
    for row in rows:
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f"{_MARK[row.status]} {_cell(row, 'template', col):<{col}}  {sim:>5}  {_cell(row, 'local', col)}")
        if row.note:
            out.append(f"{'':2}{'':<{col}}  {'':>5}  ({row.note})")
        if row.status == "modified" and row.redline:
            for line in textwrap.wrap(to_text(row.redline), width - 4)[:6]:
                out.append(f"    {line}")
        for rel in row.related:
            out.append("    " + t(f"related.{rel['kind']}", n=rel["index"] + 1, sim=f"{rel['similarity']:.2f}"))
    return out


def _evidence_lines(sources: list[dict[str, Any]], width: int, indent: str = "      ") -> list[str]:
    out = []
    for src in sources:
        page = page_label(src)
        head = f"{t('side.' + src['side'])}{', ' + page if page else ''}: "
        out += textwrap.wrap(f"“{src['text']}”", width - len(indent), initial_indent=indent + head,
                             subsequent_indent=indent + "  ", break_long_words=False)[:4]
    return out


def _checks(checks: list[Any], width: int) -> list[str]:
    out = []
    result = max(len(t("result." + r)) for r in ("pass", "fail", "n/a"))
    name = max((len(t("check." + c.name)) for c in checks), default=0)
    for c in checks:
        out.append(f"  {t('result.' + c.status):<{result}}  {t('check.' + c.name):<{name}}  {c.message}")
        out += _evidence_lines(c.evidence.get("sources") or [], width)
    return out


def _coverage(cov: Coverage, width: int) -> list[str]:
    if cov.ratio is None:
        return [t("coverage.none")]
    out = [t("coverage.title_line", pct=percent(cov))]
    for it in cov.items:
        page = _ref_page(it.template)
        out.append(f"  {_status(it.status):<15} {it.template.index + 1}. {clip(it.template.text, width - 30)}"
                   + (f" ({page})" if page else ""))
        if it.local:
            lp = _ref_page(it.local)
            out += textwrap.wrap(f"“{clip(it.local.text, 300)}”", width - 8,
                                 initial_indent=f"      → {t('side.local')} {it.local.index + 1}"
                                                f"{', ' + lp if lp else ''} ({it.similarity:.2f}): ",
                                 subsequent_indent="        ", break_long_words=False)[:3]
    return out


def _verdict_lines(verdict: str, reasons: list[str], warnings: list[str]) -> list[str]:
    out = [f"{t('label.verdict')}: {t('verdict.' + verdict)}"] + [f"  - {r}" for r in reasons]
    return out + [f"  ! {t('label.warning')}: {w}" for w in warnings]


def _docs(template: Any, local: Any) -> list[str]:
    return [f"{t('side.template')}: {heading(template)}", f"{t('side.local')}: {heading(local)}"]


@register("diff.text")
def diff_table(diff: PlanDiff, width: int = 120) -> str:
    """The diff as plain-text tables: ``=`` kept, ``~`` modified (with a ``[-…-]{+…+}`` redline), ``-`` dropped, ``+`` added."""
    c = diff.counts()
    out = [f"{t('title.diff')}: {heading(diff.template)} → {heading(diff.local)}",
           t("summary.activities", None, **c), ""]
    role = max((len(t("role." + s.role)) for s in diff.sections), default=0)
    status = max((len(t("section." + s.status.replace(" ", "_"))) for s in diff.sections), default=0)
    out += [t("title.sections")] + [f"  {t('role.' + s.role):<{role}}  {t('section.' + s.status.replace(' ', '_')):<{status}}  "
                                    f"{clip(s.template, 40):<40}  {clip(s.local, 40)}".rstrip()
                                    for s in diff.sections] + [""]
    out += _rows_table(t("title.activities"), diff.activities, width) + [""]
    out += _rows_table(t("title.responsibilities"), diff.responsibilities, width) + [""]
    out += [t("title.checks")] + _checks(diff.checks, width) + [""]
    out += _coverage(diff.coverage, width) + [""]
    out += _verdict_lines(diff.verdict, diff.coverage.reasons, diff.warnings)
    return "\n".join(out)


_MD_ESCAPES = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "\n": " ", "\r": " "})


@register("markdown.escape")
def md_text(text: str | None) -> str:
    """Document text as inert Markdown on one line: no HTML tag (``<script>``, ``<iframe srcdoc>``, ``onerror=``
    need a ``<``), no link (``[…](javascript:…)``), no table cell break.

    >>> md_text('Kế hoạch <script>alert(1)</script> | [xem](javascript:alert(1))')
    'Kế hoạch &lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\[xem\\\\](javascript:alert(1))'
    """
    return (text or "").translate(_MD_ESCAPES)


_md = md_text


def _md_rows(title: str, rows: list[ItemDiff]) -> list[str]:
    out = [f"## {title}", "", f"| | {t('side.template')} | {t('label.similarity')} | {t('side.local')} |",
           "|---|---|---|---|"]
    for row in rows:
        tp = f"{row.template.index + 1}. {_md(row.template.text)}" if row.template else ""
        loc = f"{row.local.index + 1}. {_md(row.local.text)}" if row.local else ""
        if row.status == "modified" and row.redline:
            loc = f"{row.local.index + 1}. {_md(to_markdown(row.redline))}" if row.local else loc
        if row.note:
            loc += f" *({_md(row.note)})*"
        for rel in row.related:
            loc += " *(" + t(f"related.{rel['kind']}", n=rel["index"] + 1, sim=f"{rel['similarity']:.2f}") + ")*"
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f"| {_status(row.status)} | {tp} | {sim} | {loc} |")
    return out + [""]


def _md_sources(sources: list[dict[str, Any]]) -> str:
    return "<br>".join(f"{t('side.' + s['side'])}{' (' + page_label(s) + ')' if page_label(s) else ''}: "
                       f"“{_md(clip(s['text'], 300))}”" for s in sources)


def _md_ref(ref: ItemRef | None) -> str:
    if ref is None:
        return ""
    page = _ref_page(ref)
    return f"{ref.index + 1}. {_md(clip(ref.text, 300))}" + (f" *({page})*" if page else "")


def _report_md(checks: list[Any], cov: Coverage) -> list[str]:
    out = [f"## {t('title.checks')}", "",
           f"| {t('label.check')} | {t('label.result')} | {t('label.message')} | {t('label.evidence')} |",
           "|---|---|---|---|"]
    out += [f"| {t('check.' + c.name)} | {t('result.' + c.status)} | {_md(c.message)} | "
            f"{_md_sources(c.evidence.get('sources') or [])} |" for c in checks] + [""]
    if cov.ratio is None:
        out += [f"## {t('title.coverage')}", "", t("coverage.none"), ""]
        out += [f"## {t('label.verdict')}: {t('verdict.' + cov.verdict)}", ""] + [f"- {_md(r)}" for r in cov.reasons]
        return out + [f"- **{t('label.warning')}:** {_md(w)}" for w in cov.warnings] + [""]
    out += [f"## {t('title.coverage')}", "", t("coverage.of_template", pct=percent(cov), min=f"{cov.min_coverage:.0%}"),
            "", (f"| {t('label.template_activity')} | {t('label.status')} | {t('label.local_text')} | "
                f"{t('label.similarity')} |"), "|---|---|---|---|"]
    for it in cov.items:
        sim = f"{it.similarity:.2f}" if it.similarity is not None else ""
        out.append(f"| {_md_ref(it.template)} | {_status(it.status)} | {_md_ref(it.local)} | {sim} |")
    out += ["", f"## {t('label.verdict')}: {t('verdict.' + cov.verdict)}", ""] + [f"- {_md(r)}" for r in cov.reasons]
    out += [f"- **{t('label.warning')}:** {_md(w)}" for w in cov.warnings]
    return out + [""]


@register("diff.markdown")
def diff_markdown(diff: PlanDiff) -> str:
    """The diff as Markdown: section table, activities and responsibilities (redlines as ~~deleted~~ **inserted**),
    checks with their evidence, coverage and verdict."""
    c = diff.counts()
    out = [f"# {t('title.diff')}: {_md(heading(diff.template))} → {_md(heading(diff.local))}", "",
           t("summary.activities", None, **c) + " " + t("summary.verdict", pct=percent(diff.coverage),
                                                 verdict=t("verdict." + diff.verdict)), "",
           f"## {t('title.sections')}", "",
           f"| {t('label.role')} | {t('label.status')} | {t('side.template')} | {t('side.local')} |",
           "|---|---|---|---|"]
    out += [f"| {t('role.' + s.role)} | {t('section.' + s.status.replace(' ', '_'))} | {_md(s.template)} | "
            f"{_md(s.local)} |" for s in diff.sections] + [""]
    out += _md_rows(t("title.activities"), diff.activities) + _md_rows(t("title.responsibilities"),
                                                                        diff.responsibilities)
    out += _report_md(diff.checks, diff.coverage)
    return "\n".join(out)


@register("report.text")
def report_table(report: ComplianceReport, width: int = 120) -> str:
    """The compliance report as plain text: documents, verdict, reasons, warnings, checks and coverage with evidence."""
    out = [t("title.report"), *_docs(report.diff.template, report.diff.local), ""]
    out += _verdict_lines(report.verdict, report.reasons, report.warnings) + ["", t("title.checks")]
    out += _checks(report.checks, width) + [""] + _coverage(report.coverage, width)
    return "\n".join(out)


@register("report.markdown")
def report_markdown(report: ComplianceReport) -> str:
    """The compliance report as Markdown."""
    d = report.diff
    out = [f"# {t('title.report')}: {_md(heading(d.local))}", "",
           f"- {t('side.template')}: {_md(heading(d.template))}", f"- {t('side.local')}: {_md(heading(d.local))}", "",
           f"**{t('label.verdict')}: {t('verdict.' + report.verdict)}**", ""]
    return "\n".join(out + _report_md(report.checks, report.coverage))
