"""The results of a plan comparison: small dataclasses with a short repr, ``to_dict()`` and an HTML repr.

    >>> ItemRef(2, "Tổ chức Lễ khai mạc")
    <ItemRef 2 'Tổ chức Lễ khai mạc'>
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from vnplan.plaintext import clip
from vnplan.record import Record
from vnplan.views import view

__all__ = [
    "COVERAGE_STATUSES",
    "EXIT_CODES",
    "STATUSES",
    "VERDICTS",
    "Check",
    "ComplianceReport",
    "Coverage",
    "CoverageItem",
    "ItemDiff",
    "ItemRef",
    "PlanDiff",
    "SectionDiff",
]

STATUSES = ("kept", "modified", "dropped", "added")
COVERAGE_STATUSES = ("covered", "partly covered", "missing")
VERDICTS = ("pass", "fail", "inconclusive")
EXIT_CODES = {"pass": 0, "fail": 3, "inconclusive": 4}



@dataclass
class ItemRef:
    """One item of a plan: its 0-based ``index`` in the record's list and its text."""

    index: int
    text: str
    tasks: list[str] | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "text": self.text}
        if self.tasks is not None:
            out["tasks"] = self.tasks
        if self.page is not None:
            out["page"] = self.page
        return out

    def __repr__(self) -> str:
        return f"<ItemRef {self.index} {clip(self.text, 40)!r}>"


@dataclass
class ItemDiff:
    """An aligned row: ``status`` is kept, modified, dropped (template only) or added (local only).

    ``redline`` holds word-level ops (see `vnplan.compare.redline`); ``related``
    the indices on the other side that partly hold a dropped or added item
    (merged or split); ``note`` explains an agency substitution.
    """

    status: str
    template: ItemRef | None
    local: ItemRef | None
    similarity: float | None
    redline: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None
    related: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "template": self.template.to_dict() if self.template else None,
            "local": self.local.to_dict() if self.local else None,
            "similarity": self.similarity,
            "redline": [list(op) for op in self.redline],
            "note": self.note,
            "related": self.related,
        }

    def __repr__(self) -> str:
        t = self.template.index if self.template else "–"
        loc = self.local.index if self.local else "–"
        sim = f" {self.similarity:.2f}" if self.similarity is not None else ""
        return f"<ItemDiff {self.status} {t}↔{loc}{sim}>"


@dataclass
class SectionDiff:
    """A plan part by role (purpose, theme, time, activities, organisation, budget, reporting)."""

    role: str
    template: str | None
    local: str | None
    status: str  # "both", "template only", "local only", "neither"

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "template": self.template, "local": self.local, "status": self.status}


@dataclass
class Check:
    """A field check: ``status`` is pass, fail or n/a, with a one-line message and its evidence."""

    name: str
    status: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "message": self.message, "evidence": self.evidence}

    def __repr__(self) -> str:
        return f"<Check {self.name} {self.status}>"


@dataclass
class CoverageItem:
    """A mandated template activity and how the local plan covers it."""

    template: ItemRef
    status: str  # covered, partly covered, missing
    local: ItemRef | None
    similarity: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template.to_dict(), "status": self.status,
                "local": self.local.to_dict() if self.local else None, "similarity": self.similarity}


@dataclass
class Coverage:
    """Coverage of the template's activities, the verdict and its reasons."""

    items: list[CoverageItem]
    ratio: float | None  # (covered + ½ partly) / template activities; None without template activities
    verdict: str  # "pass", "fail" or "inconclusive"
    reasons: list[str]
    min_coverage: float
    warnings: list[str] = field(default_factory=list)  # the pair looks wrong (swapped, unrelated)

    def count(self, status: str) -> int:
        return sum(1 for it in self.items if it.status == status)

    @property
    def percent(self) -> str:
        return "n/a" if self.ratio is None else f"{self.ratio:.0%}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ratio": self.ratio, "percent": self.percent, "min_coverage": self.min_coverage,
            "covered": self.count("covered"), "partly_covered": self.count("partly covered"),
            "missing": self.count("missing"), "total": len(self.items),
            "verdict": self.verdict, "reasons": self.reasons, "warnings": self.warnings,
            "items": [it.to_dict() for it in self.items],
        }

    def __repr__(self) -> str:
        return f"<Coverage {self.percent} {self.verdict}>"


def _doc(record: Record) -> dict[str, Any]:
    from vnplan.compare.evidence import heading

    return {"path": record.source.get("path"), "label": record.label, "heading": heading(record),
            "issuer": record.issuer.get("name"), "level": record.issuer.get("level"), "title": record.title,
            "date": record.issue_date, "year": record.issue_year}


@dataclass
class PlanDiff:
    """The comparison of a template (higher-level) plan with a local plan that implements it."""

    template: Record
    local: Record
    sections: list[SectionDiff]
    activities: list[ItemDiff]
    responsibilities: list[ItemDiff]
    checks: list[Check]
    coverage: Coverage
    options: dict[str, Any] = field(default_factory=dict)

    def counts(self, part: str = "activities") -> dict[str, int]:
        rows = getattr(self, part)
        return {s: sum(1 for r in rows if r.status == s) for s in STATUSES}

    @property
    def verdict(self) -> str:
        return self.coverage.verdict

    @property
    def warnings(self) -> list[str]:
        return self.coverage.warnings

    def to_dataframe(self, part: str = "activities") -> Any:
        """The aligned rows of ``part`` (activities or responsibilities) as a DataFrame, one row per pair."""
        from vnplan.compare.tables import diff_frame

        return diff_frame(self, part)

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": _doc(self.template), "local": _doc(self.local),
            "sections": [s.to_dict() for s in self.sections],
            "activities": [d.to_dict() for d in self.activities],
            "responsibilities": [d.to_dict() for d in self.responsibilities],
            "checks": [c.to_dict() for c in self.checks],
            "coverage": self.coverage.to_dict(),
            "options": self.options,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, width: int = 120) -> str:
        return view("diff.text")(self, width=width)

    def to_markdown(self) -> str:
        return view("diff.markdown")(self)

    def to_html(self) -> str:
        return view("diff.html")(self)

    def _repr_html_(self) -> str:
        return view("diff.fragment")(self)

    def __repr__(self) -> str:
        c = self.counts()
        name = lambda r: str(r.source.get("path", "")).rsplit("/", 1)[-1] or r.label
        return (f"<PlanDiff {name(self.template)} → {name(self.local)}: {c['kept']} kept, {c['modified']} modified, "
                f"{c['dropped']} dropped, {c['added']} added; coverage {self.coverage.percent} {self.verdict}>")


@dataclass
class ComplianceReport:
    """The compliance verdict of a local plan against its template, with reasons, checks and coverage."""

    verdict: str
    reasons: list[str]
    coverage: Coverage
    checks: list[Check]
    diff: PlanDiff = field(repr=False)

    @property
    def passed(self) -> bool:
        return self.verdict == "pass"

    @property
    def exit_code(self) -> int:
        """0 pass, 3 fail, 4 inconclusive (the CLI's exit status)."""
        return EXIT_CODES[self.verdict]

    @property
    def warnings(self) -> list[str]:
        return self.coverage.warnings

    def to_dataframe(self) -> Any:
        """One row per check and per template activity: kind, name, status, sentence and page on each side."""
        from vnplan.compare.tables import report_frame

        return report_frame(self)

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "reasons": self.reasons, "warnings": self.warnings,
                "template": _doc(self.diff.template),
                "local": _doc(self.diff.local), "checks": [c.to_dict() for c in self.checks],
                "coverage": self.coverage.to_dict()}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, width: int = 120) -> str:
        return view("report.text")(self, width=width)

    def to_markdown(self) -> str:
        return view("report.markdown")(self)

    def to_html(self) -> str:
        return view("report.html")(self)

    def _repr_html_(self) -> str:
        return view("report.fragment")(self)

    def __repr__(self) -> str:
        return f"<ComplianceReport {self.verdict}: coverage {self.coverage.percent}, {len(self.reasons)} reasons>"
