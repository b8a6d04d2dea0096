"""The per-file function of ``vnplan extract … -o archive.sqlite``: the record and its normalised text.

A store keeps each document's text (for full-text search and the explorer's
document pages); the record dict carries it under ``text`` from the worker to
the writer, which files it in the ``texts`` table, never in the record.

    >>> rec = extract_with_text("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec["text"][:8]  # doctest: +SKIP
    'UBND TỈNH'
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["extract_with_text", "text_fn"]


def extract_with_text(path: str, **read_options: Any) -> dict[str, Any]:
    """Read ``path`` once, extract its record, and return the record dict with the normalised ``text``."""
    from vnplan.extract import extract_document
    from vnplan.read import read

    doc = read(path, **read_options)
    return {**extract_document(doc, path).to_dict(), "text": doc.text}


def text_fn(fn: Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    """The per-file function for a store: ``fn`` (default `vnplan.extract`, with its read options) plus the text.

    Any other function is kept as it is (its records get no text).

    >>> text_fn(None).func.__name__
    'extract_with_text'
    """
    from vnplan.extract import extract

    if fn is None or fn is extract:
        return functools.partial(extract_with_text)
    if isinstance(fn, functools.partial) and fn.func is extract and not fn.args:
        return functools.partial(extract_with_text, **fn.keywords)
    return fn
