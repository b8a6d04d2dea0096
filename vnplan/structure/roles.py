"""Section roles of body headings (``data/headings.tsv``) and finding a section by role.

    >>> role_of("IV. NỘI DUNG HOẠT ĐỘNG TRONG TUẦN LỄ"), role_of("III. PHÂN CÔNG NHIỆM VỤ")
    ('activities', 'organisation')
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

from vnplan import data
from vnplan.structure import markers as mk
from vnplan.structure.model import Node, Outline

__all__ = ["MODEL_ROLES", "ROLES", "SECTION_STRATEGY", "find_section", "find_sections", "headings_table", "role_of", "roles_of", "tag_roles"]

ROLES = ("purpose", "theme", "time", "scope", "activities", "organisation", "budget", "reporting")
MODEL_ROLES = ("activities", "organisation")  # the roles the learned model (section_model) may name
# How the keyword table and the learned model share the decision for MODEL_ROLES: "rules" (table only),
# "fallback" (the model where the table names no section) or "model_first" (a confident model wins);
# measured by scripts/cv_section_roles.py (leave-documents-out), which chose the default.
SECTION_STRATEGY = "fallback"


@lru_cache(maxsize=1)
def headings_table() -> list[tuple[str, str, str]]:
    """``(KEYWORD, role, example)`` rows, longest keyword first."""
    text = data.text("headings.tsv")
    rows = csv.DictReader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t")
    out = [(_key(r["keyword"]), r["role"], r["example"]) for r in rows]
    return sorted(out, key=lambda r: -len(r[0]))


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).upper().replace("Ð", "Đ")
    return " ".join(re.sub(r"[^\w\s,;]", " ", text).split())


def roles_of(title: str) -> list[str]:
    """Every role named in a heading title, in order (``CHỦ ĐỀ, THỜI GIAN TỔ CHỨC`` → theme, time).

    >>> roles_of("II. CHỦ ĐỀ, THỜI GIAN TỔ CHỨC")
    ['theme', 'time']
    """
    return list(_roles_of(title))


@lru_cache(maxsize=4096)
def _roles_of(title: str) -> tuple[str, ...]:
    lab = mk.label_of(title)
    if lab is not None:
        title = title[lab.end:]
    key = _key(title)
    if len(key) > 120:
        return []
    out: list[str] = []
    parts = re.split(r"\s*[,;]\s*|\s+VÀ\s+", key)
    for k, part in enumerate(parts):
        for kw, role, _ in headings_table():
            if part == kw or part.startswith(kw + " "):
                if role not in out:
                    out.append(role)
                break
        if not out:  # the title must open with a section keyword
            break
    return tuple(out)


def role_of(title: str) -> str | None:
    """The first role of a heading title, or None."""
    roles = roles_of(title)
    return roles[0] if roles else None


def tag_roles(nodes: list[Node]) -> None:
    """Set ``Node.role`` on every heading (not on dash/plus items) whose title names a section."""
    for root in nodes:
        for node in root.walk():
            if node.style in ("dash", "plus", "text") or node.label is None:
                continue
            node.role = role_of(node.title.text)


def find_sections(outline: Outline, role: str) -> list[Node]:
    """All headings of ``role``, shallowest first, then in document order (attached plans included)."""
    found: list[tuple[int, int, Node]] = []
    order = 0
    for part_no, part in enumerate([outline, *outline.attachments]):
        for node in part.walk():
            order += 1
            if node.style in ("dash", "plus", "text"):
                continue
            if role in roles_of(node.title.text):
                found.append((part_no, node.level, order, node))  # type: ignore[arg-type]
    found.sort(key=lambda r: (r[0], r[1], r[2]))  # type: ignore[index]
    return [r[-1] for r in found]  # type: ignore[misc]


def find_section(outline: Outline, role: str, strategy: str | None = None) -> Node | None:
    """The section of ``role`` ("activities", "organisation", "purpose", "theme", "time", "budget", "reporting").

    The shallowest matching heading wins (``V. TỔ CHỨC THỰC HIỆN`` over a ``3. Tổ chức thực hiện`` below it);
    a Quyết định's own body is searched before the plan attached to it.  ``strategy`` (default
    `SECTION_STRATEGY`) says how the learned model shares the decision for activities and organisation.

    >>> from vnplan.document import Document
    >>> doc = Document.from_text("KẾ HOẠCH\\nI. MỤC ĐÍCH\\nII. NỘI DUNG\\n1. Tuyên truyền\\nIII. TỔ CHỨC THỰC HIỆN\\n1. Sở Y tế")
    >>> find_section(doc.outline, "organisation").label
    'III.'
    """
    if role not in ROLES:
        raise ValueError(f"unknown section role {role!r}; one of {', '.join(ROLES)}")
    strategy = strategy or SECTION_STRATEGY
    if strategy not in ("rules", "fallback", "model_first"):
        raise ValueError(f"unknown section strategy {strategy!r}; one of rules, fallback, model_first")
    if role in MODEL_ROLES and strategy == "model_first":
        node = _predicted(outline, role)
        if node is not None:
            return node
    found = find_sections(outline, role)
    if found:
        return found[0]
    if role in MODEL_ROLES and strategy == "fallback":  # a heading the table does not name: ask the model
        return _predicted(outline, role)
    return None


def _predicted(outline: Outline, role: str) -> Node | None:
    from vnplan.structure.section_model import predict

    for part in [outline, *outline.attachments]:
        node = predict(part.body, role)
        if node is not None:
            return node
    return None
