"""Normalisation: one pass from raw reader text to clean text with an offset map.

    >>> normalize("Ho\\u00e0 Xa\\u0301").text
    'Hoà Xá'
"""
from __future__ import annotations

from vnplan.normalize.fold import fold_key, fold_tone, same_name
from vnplan.normalize.pipeline import NormalizedText, build_document, normalize

__all__ = ["NormalizedText", "build_document", "fold_key", "fold_tone", "normalize", "same_name"]
