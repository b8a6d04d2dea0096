"""The store's schema: versioned SQL files, opening a store, and migrating an older one.

``schema_v1.sql`` creates a store from nothing; ``MIGRATIONS[n]`` turns a version
``n`` store into version ``n + 1`` (SQL text or a function of the connection).

    >>> con = connect(":memory:")
    >>> version(con)
    1
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from vnplan.errors import VnplanError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreError", "columns", "connect", "is_store", "migrate", "version"]

SCHEMA_VERSION = 1
_HERE = Path(__file__).parent
Migration = str | Callable[[sqlite3.Connection], None]
#: version n → the step to version n + 1 (none yet: version 1 is the first)
MIGRATIONS: dict[int, Migration] = {}


class StoreError(VnplanError):
    """A file that is not a vnplan store, or one written by a newer vnplan."""

    code = "E020"


def schema_sql(v: int = SCHEMA_VERSION) -> str:
    """The SQL that creates a version ``v`` store."""
    return (_HERE / f"schema_v{v}.sql").read_text(encoding="utf-8")


def version(con: sqlite3.Connection) -> int:
    """The schema version of an open store; 0 for an empty database.

    >>> version(sqlite3.connect(":memory:"))
    0
    """
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return 0
    if "schema_version" not in tables:
        raise StoreError(_name(con), key="err.not_a_store")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _name(con: sqlite3.Connection) -> str | None:
    row = con.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


def migrate(con: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Create the schema in an empty database, or bring an older store up to ``target``; return the version.

    Each step runs in one transaction with its ``schema_version`` row.

    >>> migrate(sqlite3.connect(":memory:"))
    1
    """
    current = version(con)
    if current > target:
        raise StoreError(_name(con), key="err.store_newer", current=current, target=target)
    if current == 0:
        _apply(con, schema_sql(target), target)
        return target
    while current < target:
        step = MIGRATIONS.get(current)
        if step is None:
            raise StoreError(_name(con), key="err.store_no_migration", current=current, next=current + 1)
        _apply(con, step, current + 1)
        current += 1
    return current


def _apply(con: sqlite3.Connection, step: Migration, to: int) -> None:
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with con:
        con.execute("BEGIN")
        if callable(step):
            step(con)
        else:
            for statement in _statements(step):
                con.execute(statement)
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (to, stamp))


def _statements(sql: str) -> list[str]:
    """The statements of a schema file (``executescript`` would commit on its own)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an SQLite file (by its first bytes), whatever its name.

    >>> is_store("records.jsonl")
    False
    """
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def connect(path: str | os.PathLike[str], *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or migrate) a store; a file that is not one raises `StoreError`.

    >>> connect(":memory:").execute("SELECT count(*) FROM records").fetchone()
    (0,)
    """
    name = os.fspath(path)
    if name != ":memory:" and os.path.exists(name) and os.path.getsize(name) > 0 and not is_store(name):
        raise StoreError(name, key="err.store_exists_other")
    if not create and (name == ":memory:" or not os.path.exists(name)):
        raise StoreError(name, key="err.no_store")
    try:
        con = sqlite3.connect(name, isolation_level=None)  # transactions are explicit
        con.execute("PRAGMA foreign_keys = ON")
        migrate(con)
    except sqlite3.DatabaseError as exc:
        raise StoreError(name, key="err.store_unopenable", detail=str(exc)) from None
    return con


def columns(con: sqlite3.Connection, table: str) -> list[str]:
    """The column names of ``table``, in order.

    >>> columns(connect(":memory:"), "recipients")
    ['path', 'document', 'level', 'year', 'index', 'recipient']
    """
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
