"""Normalisation: one pass from raw reader text to clean text with an offset map.

    >>> normalize("Ho\\u00e0 Xa\\u0301").text
    'Hoà Xá'
"""
from __future__ import annotations

from vnplan.document import Document, register_factory
from vnplan.normalize.fold import fold_key, fold_tone, same_name
from vnplan.normalize.pipeline import NormalizedText, build_document, normalize

__all__ = ["NormalizedText", "build_document", "document_from_text", "fold_key", "fold_tone", "normalize",
           "same_name"]


def document_from_text(text: str, path: str = "<text>") -> Document:
    """Read a string as if it were a text file, normalised the same way.

    >>> document_from_text("Hoà Xá, ngày 25/9/2025").text
    'Hoà Xá, ngày 25/9/2025'
    """
    from vnplan.read.text import blocks_from_string

    return build_document(blocks_from_string(text, path))


register_factory("text", document_from_text)
