"""Aligned rows of a plan diff: activities and responsibilities classified kept / modified / dropped / added.

    >>> rows = activity_rows(["Tổ chức Lễ khai mạc", "Treo băng rôn"], ["Tổ chức Lễ khai mạc"])
    >>> [r.status for r in rows]
    ['kept', 'dropped']
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from vnplan.compare.agency_roles import lead_agency, role_similarity, substitution
from vnplan.compare.align import Alignment, align, resolve_similarity
from vnplan.compare.model import ItemDiff, ItemRef
from vnplan.compare.redline import changed_words, redline
from vnplan.compare.similarity import Similarity, fold

__all__ = ["activity_rows", "agency_text", "responsibility_rows", "rows_from_alignment"]


def _same(a: str, b: str) -> bool:
    return fold(a).strip(" .;:") == fold(b).strip(" .;:")


def rows_from_alignment(alignment: Alignment, template: list[ItemRef], local: list[ItemRef],
                        texts: tuple[Sequence[str], Sequence[str]] | None = None) -> list[ItemDiff]:
    """Rows in reading order: template items in order, each added local item after its matched neighbour."""
    t_texts, l_texts = texts or ([t.text for t in template], [x.text for x in local])
    rows: list[tuple[float, ItemDiff]] = []
    matched_local = {}
    for lk in alignment.matches:
        i, j = lk.template, lk.local
        ops = redline(t_texts[i], l_texts[j])
        status = "kept" if _same(t_texts[i], l_texts[j]) or not changed_words(ops) else "modified"
        rows.append((i, ItemDiff(status, template[i], local[j], lk.similarity, [] if status == "kept" else ops)))
        matched_local[j] = i
    merged: dict[int, list[dict[str, Any]]] = {}
    split: dict[int, list[dict[str, Any]]] = {}
    for lk in alignment.partial:
        if lk.kind == "merged":
            merged.setdefault(lk.template, []).append({"index": lk.local, "similarity": lk.similarity, "kind": "merged"})
        else:
            split.setdefault(lk.local, []).append({"index": lk.template, "similarity": lk.similarity, "kind": "split"})
    taken_t = {lk.template for lk in alignment.matches}
    for i, item in enumerate(template):
        if i not in taken_t:
            rows.append((i, ItemDiff("dropped", item, None, None, related=merged.get(i, []))))
    for j, item in enumerate(local):
        if j not in matched_local:
            before = [matched_local[k] for k in matched_local if k < j]
            anchor = max(before) if before else -1
            rows.append((anchor + 0.5 + j / 1000, ItemDiff("added", None, item, None, related=split.get(j, []))))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def activity_rows(template: Sequence[str], local: Sequence[str], *, similarity: Similarity | str | None = None,
                  **options: Any) -> list[ItemDiff]:
    """Align and classify two activity lists (texts)."""
    alignment = align(template, local, similarity=similarity, **options)
    return rows_from_alignment(alignment, [ItemRef(i, t) for i, t in enumerate(template)],
                               [ItemRef(j, t) for j, t in enumerate(local)])


def agency_text(entry: dict[str, Any]) -> str:
    """``Agency: task; task`` — the text a responsibility is compared by.

    >>> agency_text({"agency": "Sở Y tế", "tasks": ["Chỉ đạo các cơ sở y tế"]})
    'Sở Y tế: Chỉ đạo các cơ sở y tế'
    """
    tasks = [t for t in entry.get("tasks") or [] if t]
    return f"{entry.get('agency') or ''}: {'; '.join(tasks)}" if tasks else str(entry.get("agency") or "")


def _responsibility_matrix(template: list[dict[str, Any]], local: list[dict[str, Any]],
                           similarity: Similarity) -> np.ndarray:
    t_names = [str(e.get("agency") or "") for e in template]
    l_names = [str(e.get("agency") or "") for e in local]
    names = similarity(t_names, l_names)
    roles = np.array([[role_similarity(a, b) for b in l_names] for a in t_names]).reshape(names.shape)
    agency = np.maximum(names, roles)
    t_tasks = ["; ".join(e.get("tasks") or []) for e in template]
    l_tasks = ["; ".join(e.get("tasks") or []) for e in local]
    if any(t_tasks) and any(l_tasks):
        tasks = similarity(t_tasks, l_tasks)
        both = np.array([[bool(a and b) for b in l_tasks] for a in t_tasks]).reshape(names.shape)
        agency = np.where(both, 0.5 * agency + 0.5 * tasks, agency)
    return agency


def responsibility_rows(template: list[dict[str, Any]], local: list[dict[str, Any]], *,
                        similarity: Similarity | str | None = None, threshold: float = 0.5,
                        **options: Any) -> list[ItemDiff]:
    """Align and classify two responsibility lists (``{"agency", "tasks"}``); substitutions get a note."""
    sim = resolve_similarity(similarity)
    matrix = _responsibility_matrix(template, local, sim)
    t_texts = [agency_text(e) for e in template]
    l_texts = [agency_text(e) for e in local]
    options.setdefault("order_weight", 0.05)
    options.setdefault("partial_threshold", 1.01)  # no merged/split links between agencies
    alignment = align(t_texts, l_texts, matrix=matrix, threshold=threshold, **options)
    t_items = [ItemRef(i, str(e.get("agency") or ""), e.get("tasks")) for i, e in enumerate(template)]
    l_items = [ItemRef(j, str(e.get("agency") or ""), e.get("tasks")) for j, e in enumerate(local)]
    rows = rows_from_alignment(alignment, t_items, l_items, (t_texts, l_texts))
    for row in rows:
        if row.template and row.local and not _same(row.template.text, row.local.text):
            sub = (substitution(lead_agency(row.template.text), lead_agency(row.local.text))
                   or substitution(row.template.text, row.local.text))
            if sub:
                role, t_level, l_level = sub
                from vnplan.i18n import t

                lv = lambda x: t(f"level.{x}") if x in ("central", "province", "district", "commune") else x
                row.note = (t("note.role_down", role=role, template=lv(t_level), local=lv(l_level))
                            if t_level != l_level else t("note.role_same", role=role))
    return rows


