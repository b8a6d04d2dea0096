"""Coverage of the template's mandated activities, and the compliance verdict.

Each template activity is *covered* (matched one to one with a score of at
least ``covered_at``), *partly covered* (matched with a lower score, or held
inside a longer local item), or *missing*.  Coverage is (covered + ½ partly)
over the template's activities.  The verdict passes when coverage reaches
``min_coverage`` and no field check fails; it is inconclusive when too little
could be checked (see `verdict`).

    >>> from vnplan.compare.model import ItemRef
    >>> items = [CoverageItem(ItemRef(0, "a"), "covered", ItemRef(0, "a"), 1.0),
    ...          CoverageItem(ItemRef(1, "b"), "missing", None, None)]
    >>> coverage_ratio(items)
    0.5
"""
from __future__ import annotations

from vnplan.compare.model import Check, Coverage, CoverageItem, ItemDiff, ItemRef
from vnplan.i18n import t
from vnplan.plaintext import clip

__all__ = ["COVERED_AT", "MIN_APPLICABLE_CHECKS", "MIN_COVERAGE", "build_coverage", "coverage_items", "coverage_ratio", "verdict"]

COVERED_AT = 0.3  # a one-to-one match scoring at least this covers the template activity
MIN_COVERAGE = 0.8  # the verdict needs at least this share of the template's activities


def coverage_items(rows: list[ItemDiff], local_items: list[ItemRef], covered_at: float = COVERED_AT) -> list[CoverageItem]:
    """One `CoverageItem` per template activity, in template order."""
    out = []
    for row in rows:
        if row.template is None:
            continue
        if row.local is not None and row.similarity is not None:
            status = "covered" if row.similarity >= covered_at else "partly covered"
            out.append(CoverageItem(row.template, status, row.local, row.similarity))
        elif row.related:
            best = max(row.related, key=lambda r: r["similarity"])
            out.append(CoverageItem(row.template, "partly covered", local_items[best["index"]], best["similarity"]))
        else:
            out.append(CoverageItem(row.template, "missing", None, None))
    return sorted(out, key=lambda it: it.template.index)


def coverage_ratio(items: list[CoverageItem]) -> float | None:
    """(covered + ½ partly covered) / all; ``None`` when there are no template activities."""
    if not items:
        return None
    score = sum(1.0 if it.status == "covered" else 0.5 if it.status == "partly covered" else 0.0 for it in items)
    return round(score / len(items), 4)



MIN_APPLICABLE_CHECKS = 2  # without template activities, at least this many field checks must apply


def verdict(items: list[CoverageItem], ratio: float | None, checks: list[Check],
            min_coverage: float = MIN_COVERAGE, blockers: list[str] | None = None) -> tuple[str, list[str]]:
    """``("pass" | "fail" | "inconclusive", reasons)``.

    Inconclusive when something blocks the comparison (``blockers``: an unreadable
    or empty side, a document checked against itself) or when the template lists no
    activities and fewer than two field checks apply; otherwise failing checks and
    low coverage fail.  Missing and partly covered activities are always listed.

    >>> verdict([], None, [Check("theme", "fail", "khác chủ đề")])[0]
    'inconclusive'
    >>> verdict([], None, [Check("theme", "fail", "x"), Check("period", "pass", "y")])[0]
    'fail'
    """
    reasons = [f"{t('check.' + c.name)}: {c.message}" for c in checks if c.status == "fail"]
    ok = not reasons
    applicable = sum(c.status != "n/a" for c in checks)
    if ratio is not None:
        n = len(items)
        covered = sum(it.status == "covered" for it in items)
        partly = sum(it.status == "partly covered" for it in items)
        reasons.append(t("coverage.line", pct=f"{ratio:.0%}", covered=covered, total=n, partly=partly,
                         op="≥" if ratio >= min_coverage else "<", min=f"{min_coverage:.0%}"))
        ok = ok and ratio >= min_coverage
        reasons += [t("reason.missing", n=it.template.index + 1, text=clip(it.template.text, 90))
                    for it in items if it.status == "missing"]
        reasons += [t("reason.partly", n=it.template.index + 1, text=clip(it.template.text, 90))
                    for it in items if it.status == "partly covered"]
    else:
        reasons.append(t("coverage.none"))
    if blockers:
        return "inconclusive", [*blockers, *reasons]
    if ratio is None and applicable < MIN_APPLICABLE_CHECKS:
        return "inconclusive", [t("reason.too_few_checks", n=applicable), *reasons]
    if ok:
        reasons.insert(0, t("reason.no_check_failed"))
    return ("pass" if ok else "fail"), reasons


def build_coverage(rows: list[ItemDiff], local_items: list[ItemRef], checks: list[Check], *,
                   covered_at: float = COVERED_AT, min_coverage: float = MIN_COVERAGE,
                   blockers: list[str] | None = None, warnings: list[str] | None = None) -> Coverage:
    """Coverage items, ratio and verdict of an activity diff."""
    items = coverage_items(rows, local_items, covered_at)
    ratio = coverage_ratio(items)
    result, reasons = verdict(items, ratio, checks, min_coverage, blockers)
    return Coverage(items, ratio, result, reasons, min_coverage, list(warnings or []))
