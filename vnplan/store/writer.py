"""Writing and reading a store: the batch writer behind ``vnplan extract … -o archive.sqlite``.

Records are written in batches, one transaction each (a killed run leaves every
batch before it, whole); a re-extracted file replaces its rows in the same
transaction.  When the run ends the citation graph (``edges``) is rebuilt from
everything stored.

    >>> w = SqliteWriter(":memory:")
    >>> w.write({"source": {"path": "kh.txt", "sha256": "ab"}, "title": "Kế hoạch"}); w.flush()
    >>> w.con.execute("SELECT path, title FROM records").fetchall()
    [('kh.txt', 'Kế hoạch')]
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vnplan.store.rows import TIDY, search_key, table_rows
from vnplan.store.schema import StoreError, columns, connect

__all__ = ["SqliteWriter", "iter_records", "read_index", "write_records"]

_CHILD_TABLES = (*TIDY, "texts", "search")


class SqliteWriter:
    """``write(record)`` buffers; a batch of ``batch_size`` records (or ``seconds`` old) is one transaction."""

    def __init__(self, path: str, truncate: bool = False, batch_size: int = 50, seconds: float = 2.0) -> None:
        if path == "-":
            raise StoreError(None, key="err.store_stdout")
        if truncate and path != ":memory:" and os.path.exists(path):
            with open(path, "r+b") as fh:  # keep the inode: the batch run holds a lock on it
                fh.truncate(0)
        self.path = path
        self.con = connect(path)
        self.batch_size, self.seconds = batch_size, seconds
        self.pending: list[dict[str, Any]] = []
        self.started = time.monotonic()
        self._columns = {t: columns(self.con, t) for t in ("records", *TIDY)}

    def write(self, record: dict[str, Any]) -> None:
        self.pending.append(record)
        if len(self.pending) >= self.batch_size or time.monotonic() - self.started >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records in one transaction (replacing earlier rows of the same paths)."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        seq = self.con.execute("SELECT coalesce(max(seq), -1) + 1 FROM records").fetchone()[0]
        tables = table_rows(batch, start=seq)
        with self.con:
            self.con.execute("BEGIN IMMEDIATE")
            paths = [(str(r["source"].get("path")),) for r in batch]
            for table in _CHILD_TABLES:
                self.con.executemany(f"DELETE FROM {table} WHERE path = ?", paths)
            self.con.executemany("DELETE FROM records WHERE path = ?", paths)
            for table, (cols, rows) in tables.items():
                self._insert(table, cols, rows)
            self._texts(batch)
        self.started = time.monotonic()

    def _insert(self, table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
        if cols != self._columns[table]:
            raise StoreError(self.path, key="err.store_columns", table=table, have=self._columns[table], got=cols)
        marks = ", ".join("?" * len(cols))
        names = ", ".join(f'"{c}"' for c in cols)
        self.con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    def _texts(self, batch: list[dict[str, Any]]) -> None:
        for record in batch:
            path, text = str(record["source"].get("path")), record.get("text")
            folded_text = search_key(text) if isinstance(text, str) else ""
            if isinstance(text, str):
                self.con.execute("INSERT INTO texts (path, text, text_folded) VALUES (?, ?, ?)",
                                 (path, text, folded_text))
            if "error" not in record or "doc_type" in record:
                self.con.execute("INSERT INTO search (path, title_folded, text_folded) VALUES (?, ?, ?)",
                                 (path, search_key(record.get("title")), folded_text))

    def close(self) -> None:
        """Commit what is buffered and close (the graph is left as it was)."""
        self.flush()
        self.con.close()

    def finish(self) -> None:
        """Commit what is buffered, rebuild the graph edges, close."""
        self.flush()
        rebuild_edges(self.con)
        self.con.close()


def rebuild_edges(con: sqlite3.Connection) -> int:
    """Replace the ``edges`` table with the citation graph of every stored record; return the edge count."""
    from vnplan.link import link

    records = [json.loads(r[0]) for r in con.execute("SELECT record_json FROM records WHERE error IS NULL ORDER BY seq")]
    rows = []
    if records:
        graph = link(records).graph
        for u, v, data in graph.edges(data=True):
            target = graph.nodes[v]
            rows.append((u, v, data.get("relation"), graph.nodes[u].get("path"),
                         target.get("path") if target.get("kind") == "document" else None, target.get("label"),
                         target.get("kind"), data.get("resolution"), data.get("confidence"), data.get("cited_as"),
                         data.get("cited_date"), data.get("text")))
    with con:
        con.execute("BEGIN IMMEDIATE")
        con.execute("DELETE FROM edges")
        con.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def iter_records(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The record dicts of a store, in the order they were written (a replaced record comes last).

    >>> list(iter_records("no-such.sqlite"))
    Traceback (most recent call last):
    vnplan.store.schema.StoreError: no-such.sqlite: không có kho này
    """
    con = connect(path, create=False)
    try:
        for (text,) in con.execute("SELECT record_json FROM records ORDER BY seq"):
            yield json.loads(text)
    finally:
        con.close()


def read_index(path: str, on_record: Callable[[dict[str, Any]], None] | None = None) -> Any:
    """What a store already holds, as the batch resume index (`vnplan.export.records.RecordsIndex`)."""
    from vnplan.export.records import RecordsIndex

    index = RecordsIndex()
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return index
    for record in iter_records(path):
        index.add(record)
        if on_record:
            on_record(record)
    return index


def write_records(records: Iterable[Any], path: str | os.PathLike[str], *, force: bool = False) -> int:
    """Write records (Record objects or dicts, e.g. ``vnplan.load("records.jsonl")``) into a store; return the count.

    An existing store is added to (a path already there is replaced); ``force`` starts afresh.

    >>> write_records([{"source": {"path": "kh.txt"}, "title": "Kế hoạch"}], ":memory:")
    1
    """
    writer = SqliteWriter(os.fspath(path), truncate=force)
    n = 0
    for item in records:
        writer.write(item if isinstance(item, dict) else item.to_dict())
        n += 1
    writer.finish()
    return n
