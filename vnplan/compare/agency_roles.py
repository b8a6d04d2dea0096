"""Agency roles across levels: the same duty one level down (Sở GD&ĐT → Phòng GD&ĐT → Phòng Văn hóa - Xã hội).

The table is `vnplan/data/agency_roles.tsv` (role, level, pattern, examples);
patterns are searched in the folded name (`vnplan.compare.similarity.fold`).

    >>> substitution("Sở Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo")
    ('education', 'province', 'district')
    >>> substitution("UBND tỉnh", "UBND xã")
    ('government', 'province', 'commune')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vnplan import data
from vnplan.compare.similarity import fold

__all__ = ["LEVELS", "RoleRow", "agency_roles", "lead_agency", "load_roles", "role_similarity", "substitution"]

LEVELS = ("central", "province", "district", "commune")
SAME_ROLE_SCORE = 0.85  # the agency score of a recognised substitution (same name: 1.0)
OTHER_ROLE_SCORE = 0.75  # the role of a body named after the leading one


@dataclass(frozen=True)
class RoleRow:
    """One row of the table: an agency ``pattern`` holding ``role`` at ``level``."""

    role: str
    level: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@lru_cache(maxsize=1)
def load_roles() -> tuple[RoleRow, ...]:
    """The rows of ``agency_roles.tsv``, compiled once.

    >>> any(r.role == "police" and r.level == "commune" for r in load_roles())
    True
    """
    text = data.text("agency_roles.tsv")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "role\t")):
            continue
        role, level, pattern, examples = (line.split("\t") + [""] * 4)[:4]
        if level not in LEVELS:
            raise ValueError(f"agency_roles.tsv: unknown level {level!r} in {line!r}")
        rows.append(RoleRow(role, level, re.compile(pattern), tuple(e.strip() for e in examples.split(" ; ") if e.strip())))
    return tuple(rows)


def agency_roles(name: str | None) -> set[tuple[str, str]]:
    """The (role, level) pairs an agency name holds.

    >>> sorted(agency_roles("Phòng Văn hóa – xã hội"))[:2]
    [('culture', 'commune'), ('education', 'commune')]
    """
    folded = fold(name)
    return {(row.role, row.level) for row in load_roles() if row.pattern.search(folded)}


def substitution(template_agency: str | None, local_agency: str | None) -> tuple[str, str, str] | None:
    """``(role, template level, local level)`` when the local agency holds a template agency's role at the same
    level or lower; ``None`` otherwise.

    >>> substitution("Sở Y tế", "Sở Tư pháp") is None
    True
    """
    best: tuple[int, tuple[str, str, str]] | None = None
    local = agency_roles(local_agency)
    for role, t_level in agency_roles(template_agency):
        for l_role, l_level in local:
            step = LEVELS.index(l_level) - LEVELS.index(t_level)
            if l_role == role and step >= 0 and (best is None or step < best[0]):
                best = (step, (role, t_level, l_level))
    return best[1] if best else None


def lead_agency(name: str | None) -> str:
    """The first body of a heading that names several (the one that leads).

    >>> lead_agency("Sở Khoa học và Công nghệ phối hợp với Sở Giáo dục và Đào tạo")
    'Sở Khoa học và Công nghệ'
    """
    text = name or ""
    return re.split(r"\s+(?:phối hợp|chủ trì|chỉ đạo)\b|[;,(]|\s+và\s+(?:các|Sở|Ủy|UBND)\b", text, maxsplit=1)[0].strip()


def role_similarity(template_agency: str | None, local_agency: str | None) -> float:
    """1.0 for the same agency name; 0.85 when the local agency holds the template's leading body's role at the
    same or a lower level; 0.75 when it holds the role of another body the heading names; else 0.0.

    >>> role_similarity("Sở Văn hóa, Thể thao và Du lịch", "Phòng Văn hóa – xã hội")
    0.85
    >>> role_similarity("Sở Khoa học và Công nghệ phối hợp với Sở Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo")
    0.75
    """
    if fold(template_agency) and fold(template_agency) == fold(local_agency):
        return 1.0
    if substitution(lead_agency(template_agency), lead_agency(local_agency)):
        return SAME_ROLE_SCORE
    return OTHER_ROLE_SCORE if substitution(template_agency, local_agency) else 0.0
