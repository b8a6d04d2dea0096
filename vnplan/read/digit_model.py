"""The learned handwritten-digit reader: a small network's weights as package data, and a reading of a blank.

The weights (``vnplan/data/handwritten_digit_model.json``, plain JSON, no pickle) are built by
``scripts/train_handwritten_digits.py`` from ``sklearn.datasets.load_digits`` and the digit crops of the
tuning scans (``corpus/handwritten_digits``); ``scripts/cv_handwritten_digits.py`` cross-validates it by
document.  A blank's digits are read together (`read_digits`): a day must be 1–31, a month 1–12, and
the reading's confidence is the product of its digits' probabilities, so one unsure digit or a value
that only an impossible digit would make sure leaves the blank unread.

    >>> p = np.full((2, 10), 0.01); p[0, 2] = 0.91; p[1, 5] = 0.91
    >>> read_digits(p, "day")
    ('25', 0.83)
"""
from __future__ import annotations

import functools
import itertools

import numpy as np

from vnplan.data import load_json

__all__ = ["digit_probabilities", "read_digits"]

_RANGE = {"day": (1, 31), "month": (1, 12)}


@functools.lru_cache(maxsize=1)
def _layers() -> list[tuple[np.ndarray, np.ndarray]]:
    model = load_json("handwritten_digit_model.json")
    return [(np.array(layer["weights"]), np.array(layer["bias"])) for layer in model["layers"]]


def digit_probabilities(features: np.ndarray) -> np.ndarray:
    """Class probabilities (digits 0–9) of rows of 64 ink counts (0–16, ``digit_features``).

    >>> digit_probabilities(np.zeros((1, 64))).shape
    (1, 10)
    """
    a = np.atleast_2d(np.asarray(features, dtype=float)) / 16.0
    layers = _layers()
    for k, (w, b) in enumerate(layers):
        a = a @ w + b
        if k < len(layers) - 1:
            a = np.maximum(a, 0.0)
    a = np.exp(a - a.max(axis=1, keepdims=True))
    return a / a.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def read_digits(probs: np.ndarray, field: str) -> tuple[str, float]:
    """The likeliest reading of a blank's digits (rows of ``probs``) that its ``field`` allows, and its probability.

    A day is 1–31 and a month 1–12 (``07`` or ``7``); a số is any digits.  No digits, or none allowed: ``("", 0.0)``.

    >>> p = np.full((2, 10), 0.01); p[0, 4] = 0.6; p[0, 1] = 0.3; p[1, 8] = 0.91
    >>> read_digits(p, "day")  # 48 is no day: 18
    ('18', 0.27)
    >>> read_digits(p, "number")
    ('48', 0.55)
    """
    p = np.asarray(probs, dtype=float)
    if p.ndim != 2 or len(p) == 0 or len(p) > 6:
        return "", 0.0
    if field not in _RANGE:
        return "".join(str(int(k)) for k in p.argmax(axis=1)), round(float(np.prod(p.max(axis=1))), 2)
    if len(p) > 2:
        return "", 0.0  # three pieces are no day or month (a slash or a printed letter cut with them)
    lo, hi = _RANGE[field]
    best, score = "", 0.0
    for digits in itertools.product(range(10), repeat=len(p)):
        value = int("".join(map(str, digits)))
        if lo <= value <= hi:
            s = float(np.prod([p[i, d] for i, d in enumerate(digits)]))
            if s > score:
                best, score = "".join(map(str, digits)), s
    return best, round(score, 2)
