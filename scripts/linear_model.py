"""Fit a logistic regression on rows of feature names and write it as plain linear coefficients.

Shared by the training scripts of vnplan's learned components (``train_section_roles.py``,
``train_citation_relations.py``): each row is ``{"features": [...], "label": ...}``; the package reads the
result with no scikit-learn at run time (``vnplan.structure.section_model``, ``vnplan.extract.citation_model``).
"""
from __future__ import annotations


def fit_linear(rows: list[dict], doc: str, threshold: float, c: float = 1.0, max_iter: int = 2000) -> dict:
    """A model as JSON-ready coefficients: classes, threshold, intercept and weights per class."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(r["features"], 1) for r in rows])
    clf = LogisticRegression(C=c, max_iter=max_iter).fit(matrix, [r["label"] for r in rows])
    names = vec.get_feature_names_out()
    return {
        "_doc": doc,
        "classes": list(clf.classes_), "threshold": threshold,
        "intercept": {k: round(float(b), 4) for k, b in zip(clf.classes_, clf.intercept_)},
        "weights": {k: {n: round(float(w), 4) for n, w in zip(names, coef) if abs(w) >= 1e-3}
                    for k, coef in zip(clf.classes_, clf.coef_)},
    }
