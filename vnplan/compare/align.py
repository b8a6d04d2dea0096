"""One-to-one alignment of plan items (activities, responsibilities) by optimal assignment.

Scores come from a similarity function (`vnplan.compare.similarity`); the
pairs are chosen with the Hungarian method (`scipy.optimize.linear_sum_assignment`)
on the scores plus a weak document-order prior, so reordered and renumbered
items are still found.  A pair is kept when its score reaches ``threshold``,
or, between ``min_similarity`` and ``threshold``, when the two items are each
other's best choice and stand out from the rest of their row and column.
Items left over get *partial* links to an item that contains them (merged
into, or split out of, a longer item).

    >>> a = align(["Tổ chức Lễ khai mạc", "Tuyên truyền về học tập suốt đời"],
    ...           ["Đẩy mạnh tuyên truyền về học tập suốt đời", "Tổ chức Lễ khai mạc Tuần lễ"])
    >>> [(m.template, m.local) for m in a.matches]
    [(0, 1), (1, 0)]
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from vnplan.compare.similarity import SIMILARITIES, Similarity, combined, containment

__all__ = [
    "MARGIN",
    "MIN_SIMILARITY",
    "ORDER_WEIGHT",
    "PARTIAL_THRESHOLD",
    "THRESHOLD",
    "Alignment",
    "Link",
    "align",
    "assign",
    "resolve_similarity",
    "score_alignment",
]

THRESHOLD = 0.4  # a pair at or above this is kept outright
MIN_SIMILARITY = 0.15  # below this a pair is never kept
ORDER_WEIGHT = 0.15  # weight of the document-order prior in the assignment (not in acceptance)
MARGIN = 0.05  # how far a weak pair must stand above its row and column means
PARTIAL_THRESHOLD = 0.8  # containment needed for a merged / split link


@dataclass(frozen=True)
class Link:
    """``template`` ↔ ``local`` item indices; ``kind`` is ``match``, ``merged`` or ``split``."""

    template: int
    local: int
    similarity: float
    kind: str = "match"

    def __repr__(self) -> str:
        return f"<Link {self.template}↔{self.local} {self.kind} {self.similarity:.2f}>"


@dataclass
class Alignment:
    """The links between two item lists, and the score matrix they came from."""

    links: list[Link]
    matrix: np.ndarray = field(repr=False)

    @property
    def matches(self) -> list[Link]:
        return [lk for lk in self.links if lk.kind == "match"]

    @property
    def partial(self) -> list[Link]:
        return [lk for lk in self.links if lk.kind != "match"]

    def __repr__(self) -> str:
        n, m = self.matrix.shape
        return f"<Alignment {n}×{m}: {len(self.matches)} matched, {len(self.partial)} partial>"


def resolve_similarity(similarity: Similarity | str | None) -> Similarity:
    """A similarity function from a function or its name (``combined``, ``tfidf``, ``fuzzy``).

    >>> resolve_similarity("tfidf").__name__
    'tfidf_char'
    """
    if similarity is None:
        return combined
    if isinstance(similarity, str):
        try:
            return SIMILARITIES[similarity]
        except KeyError:
            raise ValueError(f"unknown similarity {similarity!r}; use one of {', '.join(SIMILARITIES)}") from None
    return similarity


def assign(matrix: np.ndarray, *, threshold: float = THRESHOLD, min_similarity: float = MIN_SIMILARITY,
           order_weight: float = ORDER_WEIGHT, margin: float = MARGIN) -> list[Link]:
    """Optimal one-to-one pairs of a score matrix (rows: template, columns: local).

    >>> assign(np.array([[0.9, 0.1], [0.2, 0.1]]))
    [<Link 0↔0 match 0.90>]
    """
    n, m = matrix.shape
    if n == 0 or m == 0:
        return []
    rows = np.arange(n)[:, None] / max(n - 1, 1)
    cols = np.arange(m)[None, :] / max(m - 1, 1)
    adjusted = matrix + order_weight * (1.0 - np.abs(rows - cols))
    lift = matrix - 0.5 * (matrix.mean(axis=1, keepdims=True) + matrix.mean(axis=0, keepdims=True))
    best_local, best_template = adjusted.argmax(axis=1), adjusted.argmax(axis=0)
    links = []
    for i, j in zip(*linear_sum_assignment(-adjusted)):
        score = float(matrix[i, j])
        mutual = best_local[i] == j and best_template[j] == i
        if score >= threshold or (score >= min_similarity and mutual and lift[i, j] >= margin):
            links.append(Link(int(i), int(j), round(score, 4)))
    return sorted(links, key=lambda lk: lk.template)


def _partial_links(template: Sequence[str], local: Sequence[str], matches: list[Link],
                   partial_threshold: float) -> list[Link]:
    """Merged (template item inside a local item) and split (local item inside a template item) links."""
    if not template or not local:
        return []
    taken_t = {lk.template for lk in matches}
    taken_l = {lk.local for lk in matches}
    inside_local = containment(template, local)  # template i found in local j
    inside_template = containment(local, template)  # local j found in template i
    links = []
    for i in range(len(template)):
        if i not in taken_t:
            j = int(inside_local[i].argmax())
            if inside_local[i, j] >= partial_threshold:
                links.append(Link(i, j, round(float(inside_local[i, j]), 4), "merged"))
    for j in range(len(local)):
        if j not in taken_l:
            i = int(inside_template[j].argmax())
            if inside_template[j, i] >= partial_threshold:
                links.append(Link(i, j, round(float(inside_template[j, i]), 4), "split"))
    return links


def align(template: Sequence[str], local: Sequence[str], *, similarity: Similarity | str | None = None,
          threshold: float = THRESHOLD, min_similarity: float = MIN_SIMILARITY, order_weight: float = ORDER_WEIGHT,
          margin: float = MARGIN, partial_threshold: float = PARTIAL_THRESHOLD,
          matrix: np.ndarray | None = None) -> Alignment:
    """Align two lists of item texts one to one; ``matrix`` overrides the similarity scores.

    >>> align(["Treo băng rôn, khẩu hiệu"], ["Báo cáo kết quả về UBND xã"]).matches
    []
    """
    scores = resolve_similarity(similarity)(template, local) if matrix is None else np.asarray(matrix, dtype=float)
    matches = assign(scores, threshold=threshold, min_similarity=min_similarity, order_weight=order_weight,
                     margin=margin)
    return Alignment(matches + _partial_links(template, local, matches, partial_threshold), scores)


def score_alignment(predicted: Iterable[Sequence[int]], gold: Iterable[Sequence[int]],
                    partial: Iterable[Sequence[int]] = ()) -> dict[str, Any]:
    """Precision and recall of predicted pairs against gold pairs; ``partial`` pairs count neither way.

    >>> score_alignment([(0, 0), (1, 2), (2, 1)], [(0, 0), (2, 1), (3, 3)], [(1, 2)])["recall"]
    0.6667
    """
    pred = {tuple(p) for p in predicted}
    gold_set = {tuple(p) for p in gold}
    loose = {tuple(p) for p in partial}
    tp = len(pred & gold_set)
    fp = len(pred - gold_set - loose)
    fn = len(gold_set - pred)
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "tp": tp, "fp": fp, "fn": fn,
        "false_pairs": sorted(pred - gold_set - loose), "missed": sorted(gold_set - pred),
    }
