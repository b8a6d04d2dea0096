"""A learned section-role classifier for body headings the keyword table (``data/headings.tsv``) does not name.

A multinomial logistic regression over a heading's words, label family, depth, place in the body and the
kind of items under it, trained by ``scripts/train_section_roles.py`` on the headings of the annotated
documents (corpus and the archive tuning half; labels from their gold activities and responsibilities)
and shipped as plain coefficients in ``data/section_role_model.json`` (no pickles).  `roles.find_section`
asks it only when the table finds no section of a role.

    >>> from vnplan.document import Document
    >>> body = Document.from_text("KẾ HOẠCH\\nI. MỤC ĐÍCH\\n1. Nâng cao\\nII. CÔNG TÁC TRỌNG TÂM\\n1. Rà soát\\n"
    ...                           "2. Kiểm tra\\nIII. KINH PHÍ\\nNgân sách.").outline.body
    >>> f = node_features(body, 1)
    >>> "label=roman" in f, "first=công" in f, "kids=2-3" in f
    (True, True, True)
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from vnplan import data
from vnplan.normalize.fold import fold_key
from vnplan.structure import markers as mk
from vnplan.structure.model import Node

__all__ = ["CLASSES", "HEADING_STYLES", "SECTION_STYLES", "node_features", "predict", "role_probabilities"]

CLASSES = ("activities", "organisation", "other")
HEADING_STYLES = ("part", "chapter", "alpha", "section", "article", "roman", "arabic")  # rows it is trained on
SECTION_STYLES = ("part", "chapter", "alpha", "section", "roman")  # what it may name: never a letter's "2." item


def _words(title: str) -> list[str]:
    return re.findall(r"\w+", fold_key(title))[:6]


def node_features(siblings: list[Node], k: int) -> list[str]:
    """Binary features of heading ``siblings[k]``: its words, label family, depth, place, and its items."""
    node = siblings[k]
    words = _words(node.title.text)
    kids = [c for c in node.children if c.style not in ("dash", "plus", "text")]
    out = [f"label={node.style}", f"level={min(node.level, 2)}",
           f"place={min(2, 3 * k // max(1, len(siblings)))}",
           f"kids={'0' if not kids else '1' if len(kids) == 1 else '2-3' if len(kids) <= 3 else '4+'}",
           "upper" if mk.is_upper_line(node.title.text, 0.9) else "lower"]
    out += [f"w={w}" for w in words]
    if words:
        out.append(f"first={words[0]}")
    if len(words) >= 2:
        out.append(f"bi={words[0]}_{words[1]}")
    if kids:
        from vnplan.extract.plan_fields import is_agency_heading

        share = sum(1 for c in kids if is_agency_heading(c.title.text)) / len(kids)
        out.append(f"agency_kids={'none' if share == 0 else 'some' if share < 0.5 else 'most'}")
    return out


@lru_cache(maxsize=1)
def _model() -> dict:
    return data.load_json("section_role_model.json")


def role_probabilities(features: list[str]) -> dict[str, float]:
    """Class probabilities of one heading's features (softmax of the shipped linear scores)."""
    model = _model()
    scores = {}
    for cls in model["classes"]:
        weights = model["weights"][cls]
        scores[cls] = model["intercept"][cls] + sum(weights.get(f, 0.0) for f in features)
    top = max(scores.values())
    exp = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def predict(roots: list[Node], role: str, threshold: float | None = None) -> Node | None:
    """The section heading (``I.``, ``A.``, ``Phần``) most likely to hold ``role`` ("activities", "organisation"),
    if its probability reaches the model's threshold; numbered items (``1.``, ``Điều 3.``) are never named.

    >>> from vnplan.document import Document
    >>> body = Document.from_text("KẾ HOẠCH\\nI. MỤC ĐÍCH\\nII. PHÂN CÔNG\\n1. Phòng GDĐT\\n2. Các trường").outline.body
    >>> predict(body, "organisation").label
    'II.'
    """
    threshold = _model()["threshold"] if threshold is None else threshold
    best: tuple[float, Node] | None = None
    for siblings in _levels(roots):
        for k, node in enumerate(siblings):
            if node.style not in SECTION_STYLES:
                continue
            p = role_probabilities(node_features(siblings, k)).get(role, 0.0)
            if p >= threshold and (best is None or p > best[0]):
                best = (p, node)
    return best[1] if best else None


def _levels(roots: list[Node]) -> list[list[Node]]:
    """The body's top level and, under part/chapter/alpha headings, the level below (where sections sit)."""
    out = [roots]
    for node in roots:
        if node.style in ("part", "chapter", "alpha", "section") and node.children:
            out.append(node.children)
    return out
