"""The comparison verbs with their defaults (imported lazily by `vnplan.compare`)."""
from __future__ import annotations

from typing import Any

from vnplan.compare.align import MARGIN, MIN_SIMILARITY, ORDER_WEIGHT, PARTIAL_THRESHOLD, THRESHOLD, align
from vnplan.compare.checks import run_checks
from vnplan.compare.coverage import COVERED_AT, MIN_COVERAGE, build_coverage
from vnplan.compare.inputs import PlanInput, as_record
from vnplan.compare.model import ComplianceReport, ItemRef, PlanDiff
from vnplan.compare.rows import responsibility_rows, rows_from_alignment
from vnplan.compare.sections import align_sections
from vnplan.compare.similarity import Similarity, combined

__all__ = ["check", "compare"]


def _activity_texts(record: Any) -> list[str]:
    return [str(a.get("text") or "") if isinstance(a, dict) else str(a) for a in record.activities]


def compare(template: PlanInput, local: PlanInput, *, similarity: Similarity | str | None = None,
            threshold: float = THRESHOLD, min_similarity: float = MIN_SIMILARITY,
            order_weight: float = ORDER_WEIGHT, margin: float = MARGIN,
            partial_threshold: float = PARTIAL_THRESHOLD, covered_at: float = COVERED_AT,
            min_coverage: float = MIN_COVERAGE, checks: list[str] | None = None) -> PlanDiff:
    """Compare a template (higher-level) plan with a local plan that implements it.

    ``similarity`` scores two lists of texts (default `combined`: TF-IDF over
    character n-grams with rapidfuzz); pairs at or above ``threshold`` are kept
    (weaker ones down to ``min_similarity`` only as mutual best choices);
    ``checks`` names the field checks to run (default: theme, period,
    deadlines, citation).

    >>> compare({"file": "a.txt"}, {"file": "b.txt"}).coverage.ratio is None
    True
    """
    t, loc = as_record(template), as_record(local)
    t_texts, l_texts = _activity_texts(t), _activity_texts(loc)
    options: dict[str, Any] = {"threshold": threshold, "min_similarity": min_similarity,
                               "order_weight": order_weight, "margin": margin}
    alignment = align(t_texts, l_texts, similarity=similarity, threshold=threshold, min_similarity=min_similarity,
                      order_weight=order_weight, margin=margin, partial_threshold=partial_threshold)
    t_items = [ItemRef(i, x) for i, x in enumerate(t_texts)]
    l_items = [ItemRef(j, x) for j, x in enumerate(l_texts)]
    activities = rows_from_alignment(alignment, t_items, l_items)
    responsibilities = responsibility_rows(t.responsibilities, loc.responsibilities, similarity=similarity)
    results = run_checks(t, loc, checks)
    coverage = build_coverage(activities, l_items, results, covered_at=covered_at, min_coverage=min_coverage)
    name = similarity if isinstance(similarity, str) else getattr(similarity or combined, "__name__", "custom")
    return PlanDiff(t, loc, align_sections(t, loc), activities, responsibilities, results, coverage,
                    {**options, "similarity": name, "partial_threshold": partial_threshold,
                     "covered_at": covered_at, "min_coverage": min_coverage})


def check(local: PlanInput, against: PlanInput, **options: Any) -> ComplianceReport:
    """The compliance verdict of ``local`` against its template ``against`` (options as for `compare`).

    >>> check({"file": "xa.txt", "theme": "B"}, {"file": "tinh.txt", "theme": "A"}).verdict
    'fail'
    """
    diff = compare(against, local, **options)
    return ComplianceReport(diff.coverage.verdict, diff.coverage.reasons, diff.coverage, diff.checks, diff)

