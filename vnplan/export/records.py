"""Records files: JSON Lines, CSV and Parquet writers, reading back, and the resume index.

Every record is written whole, as one line with a single ``write`` (JSON
Lines and CSV), by the parent process only, so a killed run leaves at worst
one truncated last line; `read_index` drops it (and truncates the file back
to its last complete line) while collecting ``path → sha256`` of what is
already there.  CSV rows are flat (`FLAT_COLUMNS`; lists as JSON, line breaks
in texts as spaces, one physical line per row).  Parquet files cannot be
appended to, so records go to a JSON Lines journal next to the output first
(``records.parquet.journal.jsonl``) and are merged into the Parquet file when
the run ends; a killed run resumes from the journal.

    >>> flatten({"source": {"path": "kh.txt"}, "number": "173", "recipients": ["Như trên"]})["recipients"]
    '["Như trên"]'
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from vnplan.errors import VnplanError
from vnplan.views import register, view

__all__ = [
    "FLAT_COLUMNS",
    "FORMATS",
    "RecordsIndex",
    "compact",
    "detect_format",
    "flatten",
    "iter_records",
    "journal_path",
    "open_writer",
    "read_index",
    "to_dataframe",
    "unflatten",
]

FORMATS = ("jsonl", "csv", "parquet", "sqlite")
FLAT_COLUMNS = [
    "path", "source_sha256", "source_size", "source_format", "source_pages", "duplicate_of", "duplicate_by",
    "error", "message", "doc_type", "number", "symbol", "issue_date", "issue_year", "place", "issuer_name",
    "issuer_level", "issuer_parent", "title", "theme", "period_start", "period_end", "signer_name", "signer_title",
    "signer_authority", "citations", "named_citations", "activities", "responsibilities", "deadlines", "recipients",
    "warnings",
]
LIST_COLUMNS = frozenset({"signer_authority", "citations", "named_citations", "activities", "responsibilities",
                          "deadlines", "recipients", "warnings"})
INT_COLUMNS = frozenset({"source_size", "source_pages", "issue_year"})
OLD_KEY = "source_path"  # the key column of files written before 0.2 (read as "path")
_SOURCE_KEYS = {"path": "path", "source_sha256": "sha256", "source_size": "size", "source_format": "format",
                "source_pages": "pages", "duplicate_of": "duplicate_of", "duplicate_by": "duplicate_by"}
_NESTED = {"issuer_name": ("issuer", "name"), "issuer_level": ("issuer", "level"), "issuer_parent": ("issuer", "parent"),
           "period_start": ("period", "start"), "period_end": ("period", "end"), "signer_name": ("signer", "name"),
           "signer_title": ("signer", "title"), "signer_authority": ("signer", "authority")}


# ---------------------------------------------------------------- flat rows

def flatten(record: dict[str, Any], lists: str = "json") -> dict[str, Any]:
    """One flat row of `FLAT_COLUMNS`; lists as JSON text (``lists="json"``) or kept (``"python"``).

    >>> row = flatten({"source": {"path": "kh.txt"}, "issuer": {"name": "UBND tỉnh Lào Cai"}})
    >>> row["path"], row["issuer_name"], row["activities"]
    ('kh.txt', 'UBND tỉnh Lào Cai', '[]')
    """
    source = record.get("source") or {}
    row: dict[str, Any] = {}
    for col in FLAT_COLUMNS:
        if col in _SOURCE_KEYS:
            value = source.get(_SOURCE_KEYS[col])
        elif col in _NESTED:
            outer, inner = _NESTED[col]
            holder = record.get(outer)
            value = holder.get(inner) if isinstance(holder, dict) else None
        else:
            value = record.get(col)
        if col in LIST_COLUMNS:
            value = value if value is not None else ([] if "error" not in record else None)
            if lists == "json" and value is not None:
                value = json.dumps(value, ensure_ascii=False)
                if not _encodable(value):
                    value = json.dumps(json.loads(value))  # escapes for surrogates (ASCII JSON)
        elif lists == "json" and col == "path" and isinstance(value, str):
            value = path_cell(value)
        elif lists == "json" and isinstance(value, str) and not _encodable(value):
            value = value.encode("utf-8", "backslashreplace").decode()
        row[col] = value
    return row


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A text cell that a spreadsheet shows as text: one starting like a formula gets a ``'`` in front.

    >>> safe_cell("=SUM(A1:A9)"), safe_cell("- Như trên"), safe_cell("Kế hoạch 173")
    ("'=SUM(A1:A9)", "'- Như trên", 'Kế hoạch 173')
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def unsafe_cell(value: str) -> str:
    """The text `safe_cell` was given.

    >>> unsafe_cell("'=1+1"), unsafe_cell("'Quote")
    ('=1+1', "'Quote")
    """
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def path_cell(path: str) -> str:
    """A path as a cell that UTF-8 can hold: undecodable bytes (surrogate escapes) as a JSON string.

    >>> import os
    >>> path_cell("luu-tru/kh.pdf"), path_cell(os.fsdecode(b"h\\xf4.txt")).encode()
    ('luu-tru/kh.pdf', b'"h\\\\udcf4.txt"')
    """
    if _encodable(path) and "\n" not in path and "\r" not in path:
        return path
    return json.dumps(path)  # also keeps a line break in a file name


def cell_path(cell: str) -> str:
    """The path of a `path_cell`.

    >>> import os
    >>> cell_path(path_cell(os.fsdecode(b"h\\xf4.txt"))) == os.fsdecode(b"h\\xf4.txt")
    True
    """
    if len(cell) > 1 and cell.startswith('"') and cell.endswith('"'):
        try:
            value = json.loads(cell)
        except ValueError:
            return cell
        if isinstance(value, str) and (not _encodable(value) or "\n" in value or "\r" in value):
            return value
    return cell


def _from_cell(col: str, value: Any) -> Any:
    if value is None or value == "":
        return [] if col in LIST_COLUMNS else None
    if col == "path" and isinstance(value, str):
        return cell_path(value)
    if col in LIST_COLUMNS:
        return json.loads(value) if isinstance(value, str) else list(value)
    if col in INT_COLUMNS:
        return int(value)
    return value


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """The record dict of a flat row (CSV or Parquet); an error row gives an error record.

    >>> unflatten({"path": "kh.pdf", "error": "EmptyFileError", "message": "kh.pdf: empty"})["error"]
    'EmptyFileError'
    """
    if OLD_KEY in row and "path" not in row:
        row = {**row, "path": row[OLD_KEY]}
    source = {key: _from_cell(col, row.get(col)) for col, key in _SOURCE_KEYS.items()}
    source = {k: v for k, v in source.items() if v is not None or k in ("path", "sha256")}
    if row.get("error"):
        return {"source": source, "error": row["error"], "message": row.get("message") or ""}
    record: dict[str, Any] = {"source": source}
    for col in FLAT_COLUMNS:
        if col in _SOURCE_KEYS or col in ("error", "message"):
            continue
        value = _from_cell(col, row.get(col))
        if col in _NESTED:
            outer, inner = _NESTED[col]
            record.setdefault(outer, {})[inner] = value
        else:
            record[col] = value
    return record


def _csv_line(record: dict[str, Any]) -> str:
    row = flatten(record)
    cells = ["" if v is None else safe_cell(" ".join(str(v).splitlines())) if isinstance(v, str) else str(v)
             for v in (row[c] for c in FLAT_COLUMNS)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


_CSV_HEADER = ",".join(FLAT_COLUMNS) + "\n"
_OLD_CSV_HEADER = _CSV_HEADER.replace("path", OLD_KEY, 1)
_JSON_START = b'{"source": {'


# ---------------------------------------------------------------- formats

def detect_format(path: str, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else by extension (``.csv``, ``.parquet``, ``.sqlite``), else JSON Lines.

    >>> detect_format("ke-hoach-2025.parquet"), detect_format("-")
    ('parquet', 'jsonl')
    """
    if fmt:
        if fmt not in FORMATS:
            raise VnplanError(None, key="err.unknown_format", value=repr(fmt), valid=", ".join(FORMATS))
        return fmt
    ext = os.path.splitext(str(path))[1].lower()
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".sqlite": "sqlite", ".sqlite3": "sqlite",
            ".db": "sqlite"}.get(ext, "jsonl")


def journal_path(path: str) -> str:
    """Where a Parquet output keeps its records until the run ends."""
    return f"{path}.journal.jsonl"


# ---------------------------------------------------------------- resume index

@dataclass
class RecordsIndex:
    """What an existing output already holds: ``path → sha256`` and the paths with error records."""

    hashes: dict[str, str] = field(default_factory=dict)
    errors: set[str] = field(default_factory=set)
    count: int = 0
    dropped_tail: bool = False
    problems: list[str] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        source = record.get("source") or {}
        path = os.path.normpath(str(source.get("path")))
        if source.get("sha256"):
            self.hashes[path] = source["sha256"]
        else:
            self.hashes.pop(path, None)
        if "error" in record:
            self.errors.add(path)
        else:
            self.errors.discard(path)
        self.count += 1


def _not_records(path: str, what: str, **values: object) -> VnplanError:
    """Refusal to overwrite ``path``; ``what`` is a ``what.*`` key of data/messages.tsv saying why."""
    from vnplan.i18n import t

    return VnplanError(path, key="err.not_records_output", detail=t(what, None, **values))


def _lines(path: str) -> Iterator[tuple[int, bytes, bool]]:
    """``(offset, line, complete)`` for each line; only the last can be incomplete (no ``\\n``)."""
    offset = 0
    with open(path, "rb") as fh:
        for line in fh:
            yield offset, line, line.endswith(b"\n")
            offset += len(line)


def _scan(path: str, parse: Callable[[bytes, int], dict[str, Any] | None], index: RecordsIndex,
          on_record: Callable[[dict[str, Any]], None] | None, start: bytes) -> None:
    """Stream a line-based records file into ``index``; cut an incomplete or broken last line.

    An incomplete first line is cut only if it begins like one of ours (``start``), so a file
    that is not a records file is never truncated."""
    pending_bad: tuple[int, int] | None = None  # (offset, line number) of an unparsable line
    cut: int | None = None
    number = 0
    seen_content = False
    for offset, line, complete in _lines(path):
        number += 1
        if pending_bad is not None:
            index.problems.append(f"{path}:{pending_bad[1]}: unreadable record line skipped")
            pending_bad = None
        if not line.strip():
            if number == 1:
                raise _not_records(path, "what.first_line_blank")  # vnplan never writes a blank line
            continue
        if not seen_content:
            seen_content = True
            number = 1 if number != 1 else number
        record = parse(line, number) if complete else None
        if record is None:
            if not complete:
                head = line.lstrip(b"\xef\xbb\xbf")
                if number == 1 and not (head.startswith(start) or start.startswith(head)):
                    raise _not_records(path, "what.first_line_not_record")
                cut = offset
            else:
                pending_bad = (offset, number)
            continue
        if not record:
            continue
        index.add(record)
        if on_record:
            on_record(record)
    if pending_bad is not None:
        cut = pending_bad[0] if cut is None else min(cut, pending_bad[0])
    if cut is not None:
        os.truncate(path, cut)
        index.dropped_tail = True


def _parse_json(path: str) -> Callable[[bytes, int], dict[str, Any] | None]:
    def parse(line: bytes, number: int) -> dict[str, Any] | None:
        try:
            data = json.loads(line)
        except ValueError:
            if number == 1:
                raise _not_records(path, "what.first_line_not_json") from None
            return None
        if not isinstance(data, dict) or not isinstance(data.get("source"), dict) or "path" not in data["source"]:
            if number == 1:
                raise _not_records(path, "what.first_line_no_source")
            return None
        return data
    return parse


def _parse_csv(path: str) -> Callable[[bytes, int], dict[str, Any] | None]:
    def parse(line: bytes, number: int) -> dict[str, Any] | None:
        text = line.decode("utf-8", errors="replace").lstrip("\ufeff")
        if number == 1:
            if text.rstrip("\r\n") not in (_CSV_HEADER.rstrip("\n"), _OLD_CSV_HEADER.rstrip("\n")):
                raise _not_records(path, "what.csv_header")
            return {}  # the header: not a record, not a problem
        try:
            cells = next(csv.reader([text]))
        except (csv.Error, StopIteration):
            return None
        if len(cells) != len(FLAT_COLUMNS):
            return None
        try:
            return unflatten(dict(zip(FLAT_COLUMNS, (unsafe_cell(c) for c in cells))))
        except ValueError:
            return None
    return parse


def _iter_parquet_rows(path: str, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    pq = _pyarrow_parquet()
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - any failure to open means "not ours"
        raise _not_records(path, "what.parquet_unreadable", kind=type(exc).__name__) from None
    names = [("path" if c == OLD_KEY else c) for c in pf.schema_arrow.names]
    missing = [c for c in FLAT_COLUMNS if c not in names]
    if missing:
        raise (_not_records(path, "what.no_column", column=missing[0]) if len(missing) < len(FLAT_COLUMNS)
               else _not_records(path, "what.no_columns"))
    for batch in pf.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield {("path" if k == OLD_KEY else k): v for k, v in row.items()}


def read_index(path: str, fmt: str, on_record: Callable[[dict[str, Any]], None] | None = None) -> RecordsIndex:
    """Stream an existing output once: what it records, repairing a truncated last line.

    Raises `VnplanError` if the file exists but is not a vnplan records file of that format.

    >>> idx = read_index("records.jsonl", "jsonl")  # doctest: +SKIP
    >>> idx.count, len(idx.errors)  # doctest: +SKIP
    (2040, 112)
    """
    if fmt == "sqlite":  # the store (vnplan/store/, a layer above) keeps its own logic and registers it
        found: RecordsIndex = view("records.sqlite.index")(path, on_record)
        return found
    index = RecordsIndex()
    if fmt == "parquet":
        if os.path.exists(path) and os.path.getsize(path) > 0:
            for row in _iter_parquet_rows(path):
                record = unflatten(row)
                index.add(record)
                if on_record:
                    on_record(record)
        journal = journal_path(path)
        if os.path.exists(journal):
            _scan(journal, _parse_json(journal), index, on_record, _JSON_START)
        return index
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return index
    if fmt == "csv":
        _scan(path, _parse_csv(path), index, on_record, _CSV_HEADER.encode())
    else:
        _scan(path, _parse_json(path), index, on_record, _JSON_START)
    return index


# ---------------------------------------------------------------- writers

class _LineWriter:
    """Appends whole lines with one ``write`` each (``path="-"``: standard output)."""

    def __init__(self, path: str, truncate: bool) -> None:
        self.path = path
        if path == "-":
            self.fd = None
        else:
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if truncate else 0)
            self.fd = os.open(path, flags, 0o644)

    def write_line(self, text: str) -> None:
        data = text.encode("utf-8")
        if self.fd is None:
            import sys

            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        start = os.lseek(self.fd, 0, os.SEEK_END)
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as exc:  # a full disk: no half line left behind, one clear error
            try:
                os.ftruncate(self.fd, start)
            except OSError:
                pass
            raise VnplanError(self.path, key="err.cannot_write", detail=str(exc.strerror or exc)) from None

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def json_line(record: dict[str, Any]) -> str:
    """One JSON line; a path holding undecodable bytes (surrogate escapes) is kept losslessly as ``\\udcXX``.

    >>> import os
    >>> json_line({"source": {"path": os.fsdecode(b"h\\xf4-so.txt")}})
    '{"source": {"path": "h\\\\udcf4-so.txt"}}\\n'
    """
    text = json.dumps(record, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(record, ensure_ascii=True)  # JSON escapes round-trip lone surrogates
    return text + "\n"


class JsonlWriter(_LineWriter):
    def write(self, record: dict[str, Any]) -> None:
        self.write_line(json_line(record))

    def finish(self) -> None:
        self.close()


class CsvWriter(_LineWriter):
    def __init__(self, path: str, truncate: bool) -> None:
        super().__init__(path, truncate)
        empty = path == "-" or truncate or os.path.getsize(path) == 0
        if empty:
            self.write_line(("\ufeff" if path != "-" else "") + _CSV_HEADER)  # BOM: Excel reads UTF-8

    def write(self, record: dict[str, Any]) -> None:
        self.write_line(_csv_line(record))

    def finish(self) -> None:
        self.close()


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise VnplanError(None, key="err.parquet_needs_pyarrow") from None
    return pq


def _arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in FLAT_COLUMNS])


class ParquetWriter:
    """Journal records as JSON Lines; `finish` merges them into the Parquet file."""

    def __init__(self, path: str, truncate: bool, batch_size: int = 1000) -> None:
        if path == "-":
            raise VnplanError(None, key="err.parquet_stdout")
        _pyarrow_parquet()
        self.path = path
        self.batch_size = batch_size
        if truncate and os.path.exists(path):
            os.remove(path)
        self.journal = JsonlWriter(journal_path(path), truncate)

    def write(self, record: dict[str, Any]) -> None:
        self.journal.write(record)

    def close(self) -> None:
        self.journal.close()

    def finish(self) -> None:
        """Write old rows (minus those the journal replaces) and the journal's rows, then swap in."""
        self.journal.close()
        pq = _pyarrow_parquet()
        import pyarrow as pa

        journal = journal_path(self.path)
        last: dict[str, int] = {}
        if os.path.exists(journal):
            for n, record in enumerate(iter_records(journal, "jsonl")):
                last[os.path.normpath(str(record["source"].get("path")))] = n
        schema = _arrow_schema()
        tmp = os.path.join(os.path.dirname(os.path.abspath(self.path)), f".{os.path.basename(self.path)}.tmp")
        try:
            self._merge(pq, pa, tmp, schema, journal, last)
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk: the old file and the journal stay, the next run merges them
            _remove(tmp)
            raise VnplanError(self.path, key="err.cannot_write", detail=str(exc.strerror or exc)) from None
        if os.path.exists(journal):
            os.remove(journal)

    def _merge(self, pq: Any, pa: Any, tmp: str, schema: Any, journal: str, last: dict[str, int]) -> None:
        writer = pq.ParquetWriter(tmp, schema)
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()

        try:
            if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
                for row in _iter_parquet_rows(self.path, self.batch_size):
                    if os.path.normpath(str(row.get("path"))) not in last:
                        batch.append(row)
                        if len(batch) >= self.batch_size:
                            flush()
            if os.path.exists(journal):
                for n, record in enumerate(iter_records(journal, "jsonl")):
                    if last.get(os.path.normpath(str(record["source"].get("path")))) == n:
                        batch.append(flatten(record))
                        if len(batch) >= self.batch_size:
                            flush()
            flush()
        finally:
            writer.close()


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def open_writer(path: str, fmt: str, truncate: bool = False) -> Any:
    """A writer with ``write(record)`` and ``finish()`` for ``fmt`` (``truncate``: start afresh)."""
    if fmt == "sqlite":
        return view("records.sqlite.writer")(path, truncate)
    if fmt == "csv":
        return CsvWriter(path, truncate)
    if fmt == "parquet":
        return ParquetWriter(path, truncate)
    return JsonlWriter(path, truncate)


# ---------------------------------------------------------------- reading back

@register("records.read")
def iter_records(path: str | os.PathLike[str], fmt: str | None = None) -> Iterator[dict[str, Any]]:
    """Stream the record dicts of a JSON Lines, CSV or Parquet records file.

    >>> for rec in iter_records("records.jsonl"):  # doctest: +SKIP
    ...     print(rec["source"]["path"], rec.get("symbol"))
    luu-tru/kh-173.pdf KH-UBND
    """
    path = os.fspath(path)
    fmt = detect_format(path, fmt)
    if fmt == "sqlite":
        yield from view("records.sqlite.records")(path)
        return
    if fmt == "parquet":
        for row in _iter_parquet_rows(path):
            yield unflatten(row)
        return
    parse = _parse_csv(path) if fmt == "csv" else _parse_json(path)
    for n, (_, line, complete) in enumerate(_lines(path), 1):
        if not complete or not line.strip():
            continue
        record = parse(line, n)
        if record:
            yield record


def compact(path: str, fmt: str, replaced: set[str]) -> int:
    """Keep only the last record of each path in ``replaced`` (re-extracted files); return lines dropped."""
    if not replaced or fmt in ("parquet", "sqlite") or path == "-":  # a store replaces rows as it writes
        return 0
    parse = _parse_csv(path) if fmt == "csv" else _parse_json(path)

    def key(line: bytes, n: int) -> str | None:
        record = parse(line, n) if line.strip() else None
        return os.path.normpath(str(record["source"]["path"])) if record else None

    last: dict[str, int] = {}
    for n, (_, line, _c) in enumerate(_lines(path), 1):
        k = key(line, n)
        if k in replaced:
            last[k] = n
    tmp = os.path.join(os.path.dirname(os.path.abspath(path)), f".{os.path.basename(path)}.tmp")
    dropped = 0
    try:
        with open(tmp, "wb") as out:
            for n, (_, line, _c) in enumerate(_lines(path), 1):
                k = key(line, n)
                if k in replaced and last.get(k) != n:
                    dropped += 1
                    continue
                out.write(line)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk: the output keeps its old lines (the next run compacts them)
        _remove(tmp)
        raise VnplanError(path, key="err.cannot_compact", detail=str(exc.strerror or exc)) from None
    return dropped


def to_dataframe(records: Iterable[Any] | str | os.PathLike[str]) -> Any:
    """A pandas DataFrame, one row per record, flat columns (`FLAT_COLUMNS`), lists kept as lists.

    ``records`` is an iterable of `Record` / error records / dicts, or the path of a records file.

    >>> df = to_dataframe([{"source": {"path": "kh.txt"}, "doc_type": "Kế hoạch", "issue_year": 2025}])
    >>> df.loc[0, "doc_type"], int(df.loc[0, "issue_year"])
    ('Kế hoạch', 2025)
    """
    import pandas as pd

    items: Iterable[Any] = iter_records(records) if isinstance(records, (str, os.PathLike)) else records
    rows = []
    for rec in items:
        data = rec if isinstance(rec, dict) else rec.to_dict()
        rows.append(flatten(data, lists="python"))
    df = pd.DataFrame(rows, columns=FLAT_COLUMNS)
    for col in INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    return df

