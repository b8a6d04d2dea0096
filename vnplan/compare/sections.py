"""Plan parts by role — purpose, theme, time, activities, organisation, budget, reporting — side by side.

A role is present when the record has the field (theme, period, activities,
responsibilities, reporting deadlines) or a section whose heading names it
(``Mục đích, yêu cầu``, ``Kinh phí``, ``Chế độ báo cáo``).

    >>> from vnplan.record import Record
    >>> [s.status for s in align_sections(Record(source={}, theme="A"), Record(source={}))][:2]
    ['neither', 'template only']
"""
from __future__ import annotations

import re
from typing import Any

from vnplan.compare.model import SectionDiff
from vnplan.compare.similarity import fold
from vnplan.i18n import date_text, t
from vnplan.record import Record

__all__ = ["ROLES", "align_sections", "section_role", "summarize"]

ROLES = ("purpose", "theme", "time", "activities", "organisation", "budget", "reporting")
_HEADINGS = {  # folded heading keywords → role
    "purpose": r"muc dich|yeu cau|muc tieu",
    "theme": r"chu de",
    "time": r"thoi gian|dia diem",
    "activities": r"noi dung|hoat dong|nhiem vu|giai phap",
    "organisation": r"to chuc thuc hien|phan cong",
    "budget": r"kinh phi|nguon von|tai chinh",
    "reporting": r"bao cao|che do thong tin",
}


def section_role(heading: str | None) -> str | None:
    """The role a section heading names, if any.

    >>> section_role("IV. KINH PHÍ THỰC HIỆN")
    'budget'
    """
    folded = fold(heading)
    for role in ("budget", "reporting", "organisation", "purpose", "theme", "time", "activities"):
        if re.search(_HEADINGS[role], folded):
            return role
    return None


def _section_roles(record: Record) -> dict[str, str]:
    found: dict[str, str] = {}
    for sec in record.sections or []:
        if not isinstance(sec, dict):
            continue
        heading = sec.get("title") or sec.get("heading") or sec.get("label") or ""
        role = sec.get("role") or section_role(str(heading))
        if role in ROLES and role not in found:
            found[role] = str(heading) or role
    return found


def summarize(record: Record) -> dict[str, str | None]:
    """A one-line summary per role, ``None`` when the plan has no such part."""
    sections = _section_roles(record)
    p = record.period or {}
    reports = [d for d in record.deadlines if re.search(r"bao cao", fold(d.get("text")))]
    out: dict[str, Any] = {
        "purpose": sections.get("purpose"),
        "theme": record.theme,
        "time": f"{date_text(p.get('start'))} – {date_text(p.get('end'))}" if p.get("start") or p.get("end")
        else sections.get("time"),
        "activities": t("count.activities", n=len(record.activities)) if record.activities else sections.get("activities"),
        "organisation": (t("count.agencies", n=len(record.responsibilities)) if record.responsibilities
                         else sections.get("organisation")),
        "budget": sections.get("budget"),
        "reporting": (", ".join(date_text(d["date"]) for d in reports) if reports else sections.get("reporting")),
    }
    return out


def align_sections(template: Record, local: Record) -> list[SectionDiff]:
    """The roles of both plans in a fixed order, each with its presence status."""
    t, loc = summarize(template), summarize(local)
    rows = []
    for role in ROLES:
        status = {(True, True): "both", (True, False): "template only", (False, True): "local only",
                  (False, False): "neither"}[(t[role] is not None, loc[role] is not None)]
        rows.append(SectionDiff(role, t[role], loc[role], status))
    return rows
