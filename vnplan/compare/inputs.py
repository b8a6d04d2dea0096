"""Inputs of a comparison: a `Record`, a record dict, a record JSON file, or a document to extract.

    >>> as_record({"file": "kh.txt", "theme": "Học tập suốt đời"})
    <Record ? (no number) kh.txt>
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Union

from vnplan.errors import RecordError, VnplanError
from vnplan.record import Record

__all__ = ["PlanInput", "as_record"]

PlanInput = Union[Record, dict, str, "os.PathLike[str]"]


def _from_dict(data: dict[str, Any], path: str | None = None) -> Record:
    if "error" in data and "doc_type" not in data:  # an error record of a batch: kept as an empty record
        where = data.get("path") or data.get("file") or path or ""
        return Record(source={"path": where, "error": data.get("error"), "message": data.get("message")})
    if "source" not in data:
        data = {**data, "source": {"path": data.get("file") or data.get("path") or path or ""}}
    return Record.from_dict(data)


def as_record(value: Any) -> Record:
    """A `Record` from any accepted input; document files are read and extracted (`vnplan.extract`)."""
    if isinstance(value, Record):
        return value
    if isinstance(value, dict):
        return _from_dict(value)
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"expected a Record, a dict or a file path, not {type(value).__name__}")
    path = Path(value)
    name = os.fspath(value)
    if not path.exists():
        raise VnplanError(name, key="err.no_such_file")
    if path.suffix.lower() in (".json", ".jsonl"):
        text = path.read_text(encoding="utf-8").strip()
        try:
            data = json.loads(text.splitlines()[0] if path.suffix.lower() == ".jsonl" else text)
        except (json.JSONDecodeError, IndexError) as exc:
            raise RecordError(name, key="err.not_record_json", detail=str(exc)) from None
        if not isinstance(data, dict):
            raise RecordError(name, key="err.not_record_object")
        return _from_dict(data, name)
    from vnplan.extract import extract

    return extract(name)
