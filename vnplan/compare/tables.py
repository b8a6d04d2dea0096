"""pandas views of comparisons: a diff's aligned rows and a compliance report's checks and coverage rows.

Column names are the same as in `vnplan.Records` tables (``path`` is the key column).

    >>> from vnplan.compare import compare
    >>> from vnplan.record import Record
    >>> d = compare(Record(source={"path": "t"}, activities=[{"text": "Tổ chức Lễ khai mạc"}]),
    ...             Record(source={"path": "l"}, activities=[{"text": "Tổ chức Lễ khai mạc"}]))
    >>> diff_frame(d)[["status", "similarity"]].values.tolist()
    [['kept', 1.0]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.compare.model import ComplianceReport, ItemRef, PlanDiff

__all__ = ["diff_frame", "report_frame"]


def _ref(ref: ItemRef | None, prefix: str) -> dict[str, Any]:
    return {f"{prefix}_index": None if ref is None else ref.index + 1,
            f"{prefix}_text": None if ref is None else ref.text,
            f"{prefix}_page": None if ref is None else ref.page}


def _typed(df: Any) -> Any:
    for col in df.columns:
        if col.endswith(("_index", "_page")):
            df[col] = df[col].astype("Int64")
        if col in ("similarity", "coverage"):
            df[col] = df[col].astype("float64")
    return df


def diff_frame(diff: PlanDiff, part: str = "activities") -> Any:
    """One row per aligned pair of ``part``: status, similarity, both texts with their 1-based numbers and pages."""
    import pandas as pd

    if part not in ("activities", "responsibilities"):
        from vnplan.errors import VnplanError

        raise VnplanError(None, key="err.unknown_part", value=repr(part))
    rows = [{"template_path": diff.template.source.get("path"), "path": diff.local.source.get("path"),
             "status": r.status, "similarity": r.similarity, **_ref(r.template, "template"), **_ref(r.local, "local"),
             "note": r.note} for r in getattr(diff, part)]
    cols = ["template_path", "path", "status", "similarity", "template_index", "template_text", "template_page",
            "local_index", "local_text", "local_page", "note"]
    return _typed(pd.DataFrame(rows, columns=cols))


def report_frame(report: ComplianceReport) -> Any:
    """One row per field check and per template activity: kind, name, status, message, evidence on each side."""
    import pandas as pd

    d = report.diff
    base = {"template_path": d.template.source.get("path"), "path": d.local.source.get("path"),
            "verdict": report.verdict}
    rows = []
    for c in report.checks:
        srcs = {s["side"]: s for s in c.evidence.get("sources") or []}
        rows.append({**base, "kind": "check", "name": c.name, "status": c.status, "message": c.message,
                     "similarity": c.evidence.get("similarity"),
                     "template_index": None, "template_text": (srcs.get("template") or {}).get("text"),
                     "template_page": (srcs.get("template") or {}).get("page"),
                     "local_index": None, "local_text": (srcs.get("local") or {}).get("text"),
                     "local_page": (srcs.get("local") or {}).get("page")})
    for it in report.coverage.items:
        rows.append({**base, "kind": "coverage", "name": "activity", "status": it.status, "message": None,
                     "similarity": it.similarity, **_ref(it.template, "template"), **_ref(it.local, "local")})
    cols = ["template_path", "path", "verdict", "kind", "name", "status", "message", "similarity", "template_index",
            "template_text", "template_page", "local_index", "local_text", "local_page"]
    return _typed(pd.DataFrame(rows, columns=cols))
