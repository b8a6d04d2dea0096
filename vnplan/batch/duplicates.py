"""Flag duplicates in a stream of records: the same content, or the same document key.

A later record that repeats an earlier one gets ``source.duplicate_of`` (the
earlier path) and ``source.duplicate_by`` (``"content"``: byte-identical file;
``"key"``: same issuer, number, symbol and year, e.g. the PDF and the DOCX of
one plan).  The first occurrence is left as it is, so records can be written
as they come.  A key counts only when all four parts are known.

    >>> finder = DuplicateFinder()
    >>> a = {"source": {"path": "a/kh-173.pdf", "sha256": "1"}, "number": "173", "symbol": "KH-UBND",
    ...      "issue_year": 2025, "issuer": {"name": "UBND Thành phố Hà Nội"}}
    >>> b = {**a, "source": {"path": "b/kh-173.docx", "sha256": "2"}}
    >>> finder.check(a), finder.check(b)
    (None, ('a/kh-173.pdf', 'key'))
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["DuplicateFinder", "document_key"]


_ABBREVIATIONS = [(re.compile(r"\bubnd\b"), "uỷ ban nhân dân"), (re.compile(r"\bhđnd\b"), "hội đồng nhân dân")]


def _norm(value: Any, expand: bool = False) -> str:
    text = unicodedata.normalize("NFC", str(value)).casefold().replace("ủy", "uỷ")
    if expand:  # issuer names: "UBND tỉnh" = "Ủy ban nhân dân tỉnh"
        for pattern, full in _ABBREVIATIONS:
            text = pattern.sub(full, text)
    return " ".join(text.split())


def document_key(record: dict[str, Any]) -> tuple[str, str, str, str] | None:
    """(issuer, number, symbol, year) normalised for comparison, or ``None`` if any part is blank.

    >>> document_key({"issuer": {"name": "Ủy ban nhân dân tỉnh Lào Cai"}, "number": "05",
    ...               "symbol": "KH-UBND", "issue_year": 2025})
    ('uỷ ban nhân dân tỉnh lào cai', '05', 'kh-ubnd', '2025')
    """
    if "error" in record:
        return None
    issuer = record.get("issuer")
    name = issuer.get("name") if isinstance(issuer, dict) else None
    parts = (name, record.get("number"), record.get("symbol"), record.get("issue_year"))
    if any(p is None or str(p).strip() == "" for p in parts):
        return None
    return (_norm(name, expand=True), _norm(parts[1]), _norm(parts[2]), _norm(parts[3]))


class DuplicateFinder:
    """Remembers the first path of each content hash and document key it has seen."""

    def __init__(self) -> None:
        self.by_hash: dict[str, str] = {}
        self.by_key: dict[tuple[str, str, str, str], str] = {}

    def add(self, record: dict[str, Any]) -> None:
        """Remember a record without flagging it (records already in the output)."""
        self.check(record, flag=False)

    def check(self, record: dict[str, Any], flag: bool = True) -> tuple[str, str] | None:
        """Return ``(first path, "content"|"key")`` if ``record`` repeats an earlier one.

        With ``flag``, also write ``duplicate_of``/``duplicate_by`` into ``record["source"]``.
        """
        source = record.get("source") or {}
        if "error" in record:
            return None  # an error record is neither a duplicate nor an original
        path = str(source.get("path"))
        found: tuple[str, str] | None = None
        sha = source.get("sha256")
        if sha:
            first = self.by_hash.setdefault(sha, path)
            if first != path:
                found = (first, "content")
        key = document_key(record)
        if key is not None:
            first = self.by_key.setdefault(key, path)
            if found is None and first != path:
                found = (first, "key")
        if found and flag:
            record["source"] = {**source, "duplicate_of": found[0], "duplicate_by": found[1]}
        return found
