"""Plan comparison: how a local plan adapted its template, and whether anything mandated is missing.

Two public verbs:

- `compare(template, local)` → `PlanDiff`: sections by role, activities and
  responsibilities aligned one to one (kept / modified with a redline /
  dropped / added), field checks, coverage and a verdict.
- `check(template, local)` → `ComplianceReport`: the verdict (pass, fail or
  inconclusive) with its reasons, evidence and warnings for a pair that looks wrong.
- `check_many(template, locals)` → `ComplianceTable`: one row per local plan.

Inputs are `Record` objects, record dicts, record JSON files, or documents
(PDF, DOCX, TXT, MD), which are read and extracted first.

    >>> from vnplan.record import Record
    >>> t = Record(source={"path": "tinh.txt"}, activities=[{"text": "Tổ chức Lễ khai mạc"}, {"text": "Treo băng rôn"}])
    >>> l = Record(source={"path": "xa.txt"}, activities=[{"text": "Tổ chức Lễ khai mạc Tuần lễ"}])
    >>> diff = compare(t, l)
    >>> [a.status for a in diff.activities]
    ['modified', 'dropped']
    >>> diff.coverage.percent
    '50%'
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.many import ComplianceTable
    from vnplan.compare.model import ComplianceReport, PlanDiff

__all__ = [
    "Check",
    "ComplianceReport",
    "ComplianceTable",
    "Coverage",
    "CoverageItem",
    "ItemDiff",
    "ItemRef",
    "PlanDiff",
    "SectionDiff",
    "check",
    "check_many",
    "combined",
    "compare",
    "fuzzy",
    "tfidf_char",
]


def compare(template: Any, local: Any, **options: Any) -> PlanDiff:
    """Compare a template (higher-level) plan with a local plan that implements it.

    Options (similarity function, thresholds, checks) are those of
    `vnplan.compare.api.compare`.  The heavy modules (scikit-learn, scipy)
    load on first use.

    >>> compare({"file": "a.txt"}, {"file": "b.txt"}).coverage.ratio is None
    True
    """
    from vnplan.compare.api import compare as _compare

    return _compare(template, local, **options)


def check(template: Any = None, local: Any = None, *, against: Any = None, **options: Any) -> ComplianceReport:
    """The compliance verdict (pass / fail / inconclusive) of ``local`` against ``template``.

    The order is that of `compare` and ``vnplan diff TEMPLATE LOCAL``; ``check(local, against=template)`` works too.
    Options as for `compare`.

    >>> check({"file": "tinh.txt", "theme": "A"}, {"file": "xa.txt", "theme": "B"}).verdict
    'inconclusive'
    """
    from vnplan.compare.api import check as _check

    return _check(template, local, against=against, **options)


def check_many(template: Any, locals_: Any, **options: Any) -> ComplianceTable:
    """Many local plans against one template: one row per local plan (verdict, coverage, missing activities).

    ``locals_`` is a list of inputs or folders (documents in a folder are found as by ``vnplan extract``).

    >>> check_many({"file": "tinh.txt", "theme": "A"}, [{"file": "xa.txt", "theme": "A"}]).rows[0]["verdict"]
    'inconclusive'
    """
    from vnplan.compare.many import check_many as _check_many

    return _check_many(template, locals_, **options)


_HOME = {"ComplianceTable": "many", "Check": "model", "ComplianceReport": "model", "Coverage": "model", "CoverageItem": "model",
         "ItemDiff": "model", "ItemRef": "model", "PlanDiff": "model", "SectionDiff": "model",
         "combined": "similarity", "fuzzy": "similarity", "tfidf_char": "similarity"}


def __getattr__(name: str) -> Any:  # the rest of the API, loaded on first use
    if name in _HOME:
        return getattr(importlib.import_module(f"vnplan.compare.{_HOME[name]}"), name)
    raise AttributeError(f"module 'vnplan.compare' has no attribute {name!r}")
