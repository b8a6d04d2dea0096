"""The comparison verbs with their defaults (imported lazily by `vnplan.compare`)."""
from __future__ import annotations

from typing import Any

from vnplan.compare.align import MARGIN, MIN_SIMILARITY, ORDER_WEIGHT, PARTIAL_THRESHOLD, THRESHOLD, align
from vnplan.compare.checks import run_checks
from vnplan.compare.coverage import COVERED_AT, MIN_COVERAGE, build_coverage
from vnplan.compare.evidence import source
from vnplan.compare.inputs import PlanInput, as_record
from vnplan.compare.model import ComplianceReport, ItemRef, PlanDiff
from vnplan.compare.pairing import blockers, pair_warnings
from vnplan.compare.rows import responsibility_rows, rows_from_alignment
from vnplan.compare.sections import align_sections
from vnplan.compare.similarity import Similarity, combined
from vnplan.errors import VnplanError
from vnplan.record import Record

__all__ = ["check", "compare"]


def _activity_texts(record: Any) -> list[str]:
    return [str(a.get("text") or "") if isinstance(a, dict) else str(a) for a in record.activities]


def _items(record: Record, texts: list[str]) -> list[ItemRef]:
    pages = [(source(record, "x", x, item=a) or {}).get("page") if isinstance(a, dict) else None
             for a, x in zip(record.activities, texts)]
    return [ItemRef(i, x, page=p) for i, (x, p) in enumerate(zip(texts, pages))]


def _read(value: PlanInput) -> Record:
    """The record of an input; a file that exists but cannot be read becomes an error record (inconclusive)."""
    try:
        return as_record(value)
    except VnplanError as exc:
        if exc.key == "err.no_such_file":
            raise
        return Record(source={"path": exc.path or str(value), "error": type(exc).__name__, "message": exc.problem})


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
    t, loc = _read(template), _read(local)
    t_texts, l_texts = _activity_texts(t), _activity_texts(loc)
    options: dict[str, Any] = {"threshold": threshold, "min_similarity": min_similarity,
                               "order_weight": order_weight, "margin": margin}
    alignment = align(t_texts, l_texts, similarity=similarity, threshold=threshold, min_similarity=min_similarity,
                      order_weight=order_weight, margin=margin, partial_threshold=partial_threshold)
    t_items, l_items = _items(t, t_texts), _items(loc, l_texts)
    activities = rows_from_alignment(alignment, t_items, l_items)
    responsibilities = responsibility_rows(t.responsibilities, loc.responsibilities, similarity=similarity)
    results = run_checks(t, loc, checks)
    cited = any(c.name == "citation" and c.status == "pass" for c in results)
    coverage = build_coverage(activities, l_items, results, covered_at=covered_at, min_coverage=min_coverage,
                              blockers=blockers(t, loc), warnings=pair_warnings(t, loc, citation_found=cited))
    name = similarity if isinstance(similarity, str) else getattr(similarity or combined, "__name__", "custom")
    return PlanDiff(t, loc, align_sections(t, loc), activities, responsibilities, results, coverage,
                    {**options, "similarity": name, "partial_threshold": partial_threshold,
                     "covered_at": covered_at, "min_coverage": min_coverage})


def check(template: PlanInput | None = None, local: PlanInput | None = None, *, against: PlanInput | None = None,
          **options: Any) -> ComplianceReport:
    """The compliance verdict of ``local`` against ``template`` (options as for `compare`).

    Same names and order as `compare` and ``vnplan diff TEMPLATE LOCAL``; ``check(local, against=template)``
    (the order of ``vnplan check LOCAL --against TEMPLATE``) is accepted too.

    >>> tinh = {"file": "tinh.txt", "theme": "A", "period": {"start": "2025-01-01", "end": "2025-12-31"}}
    >>> xa = {"file": "xa.txt", "theme": "B", "period": {"start": "2025-02-01", "end": "2025-03-01"}}
    >>> check(tinh, xa).verdict, check(xa, against=tinh).verdict
    ('fail', 'fail')
    """
    if against is not None:
        if local is not None:
            raise TypeError("check(): give either check(template, local) or check(local, against=template)")
        template, local = against, template
    if template is None or local is None:
        raise TypeError("check() needs a template and a local plan")
    diff = compare(template, local, **options)
    return ComplianceReport(diff.coverage.verdict, diff.coverage.reasons, diff.coverage, diff.checks, diff)

