"""Full-text search of a store, accents folded: ``hoa xa`` finds ``Hoà Xá``.

    >>> from vnplan.store import write_records
    >>> import tempfile, os
    >>> db = os.path.join(tempfile.mkdtemp(), "a.sqlite")
    >>> _ = write_records([{"source": {"path": "kh.txt"}, "title": "Kế hoạch của UBND xã Hoà Xá"}], db)
    >>> [hit.path for hit in search(db, "hoa xa")]
    ['kh.txt']
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from vnplan.plaintext import fold
from vnplan.store.schema import connect

__all__ = ["Hit", "fts_query", "search"]


@dataclass(frozen=True)
class Hit:
    """One search result: the document's path, title and a folded snippet around the match."""

    path: str
    title: str | None
    snippet: str


def fts_query(text: str) -> str:
    """An FTS5 query for words typed by a person: folded, each word quoted, all required.

    >>> fts_query('Hoà Xá "2025"')
    '"hoa" "xa" "2025"'
    """
    words = re.findall(r"\w+", fold(text))
    return " ".join(f'"{w}"' for w in words)


def search(store: str | os.PathLike[str], text: str, limit: int = 20) -> list[Hit]:
    """The documents whose title or text holds every word of ``text`` (accents, case ignored), best first:
    those with the words side by side (``hoa xa`` as one phrase) before the others."""
    words = fts_query(text)
    if not words:
        return []
    phrase = '"' + " ".join(w.strip('"') for w in words.split()) + '"'
    con = connect(store, create=False)
    try:
        hits: dict[str, Hit] = {}
        for query in (phrase, words):
            rows = con.execute(
                "SELECT s.path, r.title, snippet(search, -1, '[', ']', '…', 12) FROM search s "
                "JOIN records r ON r.path = s.path WHERE search MATCH ? ORDER BY bm25(search, 10.0, 1.0) LIMIT ?",
                (query, limit)).fetchall()
            for p, t, s in rows:
                hits.setdefault(p, Hit(p, t, s))
    finally:
        con.close()
    return list(hits.values())[:limit]
