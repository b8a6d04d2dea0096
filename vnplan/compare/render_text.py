"""Terminal tables and Markdown for a `PlanDiff` and a `ComplianceReport`.

    >>> from vnplan.compare import compare
    >>> print(diff_markdown(compare({"file": "t.txt"}, {"file": "l.txt"})).splitlines()[0])
    # Plan comparison: t.txt → l.txt
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from vnplan.compare.redline import to_markdown, to_text

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.model import ComplianceReport, ItemDiff, PlanDiff

__all__ = ["diff_markdown", "diff_table", "report_markdown", "report_table"]

_MARK = {"kept": "=", "modified": "~", "dropped": "-", "added": "+"}
_CHECK = {"pass": "PASS", "fail": "FAIL", "n/a": "n/a "}


def _name(record) -> str:  # type: ignore[no-untyped-def]
    path = str(record.source.get("path") or "")
    return path.rsplit("/", 1)[-1] or record.label


def _short(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _cell(row: ItemDiff, side: str, n: int) -> str:
    ref = getattr(row, side)
    return f"{ref.index + 1}. {_short(ref.text, n - 4)}" if ref else ""


def _rows_table(title: str, rows: list[ItemDiff], width: int) -> list[str]:
    col = max(20, (width - 16) // 2)
    out = [title, f"{'':2}{'template':<{col}}  {'sim':>5}  {'local':<{col}}", "-" * min(width, 2 * col + 11)]
    for row in rows:
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f"{_MARK[row.status]} {_cell(row, 'template', col):<{col}}  {sim:>5}  {_cell(row, 'local', col)}")
        if row.note:
            out.append(f"{'':2}{'':<{col}}  {'':>5}  ({row.note})")
        if row.status == "modified" and row.redline:
            for line in textwrap.wrap(to_text(row.redline), width - 4)[:6]:
                out.append(f"    {line}")
        for rel in row.related:
            out.append(f"    partly {'in local' if rel['kind'] == 'merged' else 'from template'} item "
                       f"{rel['index'] + 1} ({rel['kind']}, {rel['similarity']:.2f})")
    return out


def _checks(checks) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"  {_CHECK[c.status]}  {c.name:<10} {c.message}" for c in checks]


def _coverage(cov, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    out = [f"Coverage of the template's activities: {cov.percent}"]
    for it in cov.items:
        local = f"→ local {it.local.index + 1} ({it.similarity:.2f})" if it.local else ""
        out.append(f"  {it.status:<15} {it.template.index + 1}. {_short(it.template.text, width - 40)} {local}")
    return out


def diff_table(diff: PlanDiff, width: int = 120) -> str:
    """The diff as plain-text tables: ``=`` kept, ``~`` modified (with a ``[-…-]{+…+}`` redline), ``-`` dropped, ``+`` added."""
    c = diff.counts()
    out = [f"Plan comparison: {_name(diff.template)} → {_name(diff.local)}",
           f"Activities: {c['kept']} kept, {c['modified']} modified, {c['dropped']} dropped, {c['added']} added", ""]
    out += ["Sections"] + [f"  {s.role:<13} {s.status:<14} {_short(s.template, 40):<40}  {_short(s.local, 40)}"
                           for s in diff.sections] + [""]
    out += _rows_table("Activities", diff.activities, width) + [""]
    out += _rows_table("Responsibilities", diff.responsibilities, width) + [""]
    out += ["Checks"] + _checks(diff.checks) + [""]
    out += _coverage(diff.coverage, width) + ["", f"Verdict: {diff.verdict.upper()}"]
    out += [f"  - {r}" for r in diff.coverage.reasons]
    return "\n".join(out)


def _md(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _md_rows(title: str, rows: list[ItemDiff]) -> list[str]:
    out = [f"## {title}", "", "| | template | similarity | local |", "|---|---|---|---|"]
    for row in rows:
        t = f"{row.template.index + 1}. {_md(row.template.text)}" if row.template else ""
        loc = f"{row.local.index + 1}. {_md(row.local.text)}" if row.local else ""
        if row.status == "modified" and row.redline:
            loc = f"{row.local.index + 1}. {_md(to_markdown(row.redline))}" if row.local else loc
        if row.note:
            loc += f" *({_md(row.note)})*"
        for rel in row.related:
            loc += f" *(partly: {'local' if rel['kind'] == 'merged' else 'template'} {rel['index'] + 1})*"
        sim = f"{row.similarity:.2f}" if row.similarity is not None else ""
        out.append(f"| {row.status} | {t} | {sim} | {loc} |")
    return out + [""]


def diff_markdown(diff: PlanDiff) -> str:
    """The diff as Markdown: section table, activities and responsibilities (redlines as ~~deleted~~ **inserted**),
    checks, coverage and verdict."""
    c = diff.counts()
    out = [f"# Plan comparison: {_name(diff.template)} → {_name(diff.local)}", "",
           f"Activities: {c['kept']} kept, {c['modified']} modified, {c['dropped']} dropped, {c['added']} added. "
           f"Coverage {diff.coverage.percent}; verdict **{diff.verdict}**.", "",
           "## Sections", "", "| role | status | template | local |", "|---|---|---|---|"]
    out += [f"| {s.role} | {s.status} | {_md(s.template)} | {_md(s.local)} |" for s in diff.sections] + [""]
    out += _md_rows("Activities", diff.activities) + _md_rows("Responsibilities", diff.responsibilities)
    out += _report_md(diff.checks, diff.coverage)
    return "\n".join(out)


def _report_md(checks, cov) -> list[str]:  # type: ignore[no-untyped-def]
    out = ["## Checks", "", "| check | result | evidence |", "|---|---|---|"]
    out += [f"| {c.name} | {c.status} | {_md(c.message)} |" for c in checks] + [""]
    out += ["## Coverage", "", f"{cov.percent} of the template's activities (minimum {cov.min_coverage:.0%}).", "",
            "| template activity | status | local | similarity |", "|---|---|---|---|"]
    for it in cov.items:
        local = f"{it.local.index + 1}. {_md(_short(it.local.text, 120))}" if it.local else ""
        sim = f"{it.similarity:.2f}" if it.similarity is not None else ""
        out.append(f"| {it.template.index + 1}. {_md(_short(it.template.text, 120))} | {it.status} | {local} | {sim} |")
    out += ["", f"## Verdict: {cov.verdict}", ""] + [f"- {r}" for r in cov.reasons] + [""]
    return out


def report_table(report: ComplianceReport, width: int = 120) -> str:
    """The compliance report as plain text: verdict, reasons, checks, coverage."""
    out = [f"Compliance: {_name(report.diff.local)} against {_name(report.diff.template)}",
           f"Verdict: {report.verdict.upper()}"] + [f"  - {r}" for r in report.reasons] + ["", "Checks"]
    out += _checks(report.checks) + [""] + _coverage(report.coverage, width)
    return "\n".join(out)


def report_markdown(report: ComplianceReport) -> str:
    """The compliance report as Markdown."""
    out = [f"# Compliance: {_name(report.diff.local)} against {_name(report.diff.template)}", "",
           f"**Verdict: {report.verdict}**", ""]
    return "\n".join(out + _report_md(report.checks, report.coverage))
