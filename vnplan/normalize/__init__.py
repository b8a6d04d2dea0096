"""Normalisation: one pass from raw reader text to clean text with an offset map.

    >>> normalize("Ho\\u00e0 Xa\\u0301").text
    'Hoà Xá'
"""
from __future__ import annotations

from vnplan.normalize.pipeline import NormalizedText, build_document, normalize

__all__ = ["normalize", "build_document", "NormalizedText"]
