"""Assemble a `Record` from a document's outline and the field extractors."""
from __future__ import annotations

from vnplan.document import Document
from vnplan.record import Record

__all__ = ["build_record"]


def build_record(doc: Document, path: str) -> Record:
    """Build the plan record of ``doc`` (fields filled by the extractors)."""
    record = Record(source={"path": path, "format": doc.format, "pages": doc.pages})
    record.warnings.extend(doc.warnings)
    if doc.needs_ocr:
        record.warnings.append("needs_ocr: image-only PDF and Tesseract is not installed")
    if doc.ocr_used:
        record.warnings.append("ocr_used")
    return record
