"""What a site is built from: records and texts out of a store, a records file, or a folder of documents.

    >>> archive = read_archive("archive.sqlite")  # doctest: +SKIP
    >>> len(archive.records), len(archive.texts)  # doctest: +SKIP
    (213, 213)
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from vnplan.errors import VnplanError
from vnplan.record import Record

__all__ = ["Archive", "read_archive"]

Source = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]
_RECORD_FILES = (".jsonl", ".json", ".csv", ".parquet", ".pq", ".sqlite", ".sqlite3", ".db")


@dataclass
class Archive:
    """Records (in archive order), the files that could not be read, and each document's text by path."""

    records: list[Record]
    errors: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def _is_records_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in _RECORD_FILES


def read_archive(source: Source, *, workers: int | None = None) -> Archive:
    """An `Archive` from a store (texts included), a records file, or documents (extracted through a temporary store).

    >>> read_archive("khong-co.jsonl")
    Traceback (most recent call last):
    vnplan.errors.VnplanError: khong-co.jsonl: no such file or folder
    """
    paths = [Path(source)] if isinstance(source, (str, os.PathLike)) else [Path(s) for s in source]
    for path in paths:
        if not path.exists():
            raise VnplanError(str(path), "no such file or folder")
    if len(paths) == 1 and _is_records_file(paths[0]):
        return _from_records_file(paths[0])
    if any(_is_records_file(p) for p in paths):
        raise VnplanError(None, "give one records file or store, or folders and files of documents, not both")
    from vnplan.batch import extract_to

    with tempfile.TemporaryDirectory(prefix="vnplan-site-") as tmp:
        store = os.path.join(tmp, "archive.sqlite")
        extract_to([str(p) for p in paths], store, workers=workers)
        return _from_store(store)


def _from_records_file(path: Path) -> Archive:
    from vnplan.store import is_store

    if is_store(path):
        return _from_store(str(path))
    from vnplan.collection import load

    loaded = load(path)
    return Archive(list(loaded.records), list(loaded.errors), _read_texts(loaded.records))


def _from_store(path: str) -> Archive:
    from vnplan.collection import load
    from vnplan.store import connect

    loaded = load(path)
    con = connect(path, create=False)
    try:
        texts = dict(con.execute("SELECT path, text FROM texts"))
    finally:
        con.close()
    return Archive(list(loaded.records), list(loaded.errors), texts)


def _read_texts(records: list[Record]) -> dict[str, str]:
    """Texts of the source files still present and unchanged (a records file keeps no text)."""
    from vnplan.batch.runner import file_digest
    from vnplan.read import read

    texts: dict[str, str] = {}
    for record in records:
        path = str(record.source.get("path") or "")
        if not path or not os.path.isfile(path):
            continue
        try:
            if record.source.get("sha256") and file_digest(path)[0] != record.source["sha256"]:
                continue
            texts[path] = read(path).text
        except Exception:  # noqa: BLE001, S112 - a source that no longer reads leaves the page without text
            continue
    return texts
