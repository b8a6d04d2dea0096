"""Many local plans against one template: one row per locality with verdict, coverage and missing activities.

Locals are inputs (`Record`, dicts, files) or folders, whose documents are found as
by ``vnplan extract`` (README*, SOURCES* and other non-documents skipped).  A local
plan that cannot be read gets an inconclusive row; the table goes on.

    >>> tinh = {"file": "tinh.txt", "activities": [{"text": "Tổ chức Lễ khai mạc"}, {"text": "Treo băng rôn"}],
    ...         "theme": "Học tập suốt đời"}
    >>> xa = {"file": "xa.txt", "activities": [{"text": "Tổ chức Lễ khai mạc"}], "theme": "Học tập suốt đời"}
    >>> check_many(tinh, [xa]).to_dataframe()[["verdict", "coverage", "missing"]].values.tolist()
    [['fail', 0.5, 1]]
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnplan.compare.evidence import heading
from vnplan.compare.inputs import PlanInput
from vnplan.compare.model import EXIT_CODES, ComplianceReport
from vnplan.i18n import t
from vnplan.plaintext import clip
from vnplan.views import view

__all__ = ["COLUMNS", "ComplianceTable", "check_many", "expand_locals"]

COLUMNS = ["path", "document", "issuer", "level", "verdict", "coverage", "covered", "partly", "missing", "total",
           "checks_failed", "missing_activities", "warnings", "reasons"]


def expand_locals(values: Iterable[PlanInput] | PlanInput) -> list[PlanInput]:
    """Inputs with folders replaced by the documents in them (sorted, non-documents skipped)."""
    if isinstance(values, (str, os.PathLike, dict)) or not isinstance(values, Iterable):
        values = [values]  # type: ignore[list-item]
    out: list[PlanInput] = []
    for value in values:
        if isinstance(value, (str, os.PathLike)) and Path(value).is_dir():
            from vnplan.discover import discover

            out += list(discover(value))
        else:
            out.append(value)
    return out


def _row(report: ComplianceReport) -> dict[str, Any]:
    d, cov = report.diff, report.coverage
    missing = [it for it in cov.items if it.status == "missing"]
    return {
        "path": d.local.source.get("path"), "document": heading(d.local), "issuer": d.local.issuer.get("name"),
        "level": d.local.issuer.get("level"), "verdict": report.verdict, "coverage": cov.ratio,
        "covered": cov.count("covered"), "partly": cov.count("partly covered"), "missing": len(missing),
        "total": len(cov.items), "checks_failed": ", ".join(c.name for c in report.checks if c.status == "fail"),
        "missing_activities": "; ".join(f"{it.template.index + 1}. {clip(it.template.text, 80)}" for it in missing),
        "warnings": "; ".join(report.warnings), "reasons": "; ".join(report.reasons),
    }


@dataclass
class ComplianceTable:
    """The reports of many local plans against one template, and their table."""

    template: Any
    reports: list[ComplianceReport] = field(default_factory=list)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [_row(r) for r in self.reports]

    @property
    def exit_code(self) -> int:
        """The worst verdict: 3 when any plan fails, else 4 when any is inconclusive, else 0."""
        verdicts = {r.verdict for r in self.reports}
        return EXIT_CODES["fail"] if "fail" in verdicts else EXIT_CODES["inconclusive"] if (
            "inconclusive" in verdicts or not verdicts) else EXIT_CODES["pass"]

    def counts(self) -> dict[str, int]:
        return {v: sum(r.verdict == v for r in self.reports) for v in ("pass", "fail", "inconclusive")}

    def to_dataframe(self) -> Any:
        """One row per local plan: verdict, coverage (float 0–1), counts, missing activities, warnings."""
        import pandas as pd

        df = pd.DataFrame(self.rows, columns=COLUMNS)
        df["coverage"] = df["coverage"].astype("float64")
        for col in ("covered", "partly", "missing", "total"):
            df[col] = df[col].astype("Int64")
        return df

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str:
        text = self.to_dataframe().to_csv(index=False)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8-sig")  # BOM: Excel opens Vietnamese CSV correctly
        return text

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        view("tables.xlsx")({t("title.checks"): self.to_dataframe()}, path)

    def to_text(self) -> str:
        c = self.counts()
        lines = [t("title.many", template=heading(self.template)),
                 t("summary.many", n=len(self.reports), passed=c["pass"], failed=c["fail"],
                   inconclusive=c["inconclusive"]), ""]
        for row in self.rows:
            cov = "–" if row["coverage"] is None else f"{row['coverage']:.0%}"
            lines.append(f"{t('verdict.' + row['verdict']):<18} {cov:>5}  {row['missing']:>2} "
                         f"{t('status.missing'):<6} {clip(row['document'], 60)}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        head = [t("label.document"), t("label.verdict"), t("label.coverage"), t("label.missing_activities"),
                t("label.warning")]
        md_text = view("markdown.escape")
        lines = [f"# {t('title.many', template=md_text(heading(self.template)))}", "", "| " + " | ".join(head) + " |",
                 "|" + "---|" * len(head)]
        for row in self.rows:
            cov = "–" if row["coverage"] is None else f"{row['coverage']:.0%}"
            cells = [row["document"], t("verdict." + row["verdict"]), cov, row["missing_activities"], row["warnings"]]
            lines.append("| " + " | ".join(md_text(str(c)) for c in cells) + " |")
        return "\n".join(lines) + "\n"

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps({"template": heading(self.template), "rows": self.rows}, ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        return view("checks.html")(self)

    def _repr_html_(self) -> str:
        return view("checks.fragment")(self)

    def __repr__(self) -> str:
        c = self.counts()
        return f"<ComplianceTable {len(self.reports)} plans: {c['pass']} pass, {c['fail']} fail, " \
               f"{c['inconclusive']} inconclusive>"


def check_many(template: PlanInput, locals_: Iterable[PlanInput] | PlanInput, *,
               progress: Callable[[int, int, str], None] | None = None, **options: Any) -> ComplianceTable:
    """Check every local plan against ``template`` (read once); ``progress(i, n, name)`` is called before each."""
    from vnplan.compare.api import _read, check

    tmpl = _read(template)
    items = expand_locals(locals_)
    table = ComplianceTable(tmpl)
    for i, item in enumerate(items):
        if progress is not None:
            name = os.fspath(item) if isinstance(item, (str, os.PathLike)) else str(getattr(item, "label", "?"))
            progress(i, len(items), name)
        table.reports.append(check(tmpl, item, **options))
    return table
