"""Kept for imports written before 0.x: legacy ``.doc`` conversion lives in `vnplan.read.legacy_doc`.

    >>> from vnplan.batch.legacy_doc import find_soffice  # doctest: +SKIP
"""
from vnplan.read.legacy_doc import CONVERT_TIMEOUT, convert_doc, find_soffice

__all__ = ["CONVERT_TIMEOUT", "convert_doc", "find_soffice"]
