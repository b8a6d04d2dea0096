"""Batch extraction over an archive: `extract_many` (records, in Python) and `extract_to` (a records file).

    >>> import vnplan
    >>> for rec in vnplan.extract_many("luu-tru/2025", workers=2):  # doctest: +SKIP
    ...     print(rec)
    <Record Kế hoạch 173/KH-UBND kh-173-festival.pdf>
    <ErrorRecord CorruptFileError hong.docx>
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from typing import Any, Union

from vnplan.batch.duplicates import DuplicateFinder
from vnplan.batch.progress import Progress, Summary
from vnplan.batch.runner import ErrorRecord, is_error, run_batch
from vnplan.discover import discover
from vnplan.errors import VnplanError
from vnplan.export.records import RecordsIndex, compact, detect_format, journal_path, open_writer, read_index
from vnplan.record import Record

__all__ = ["as_record", "extract_many", "extract_to"]

Paths = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]


def as_record(data: dict[str, Any]) -> Record | ErrorRecord:
    """A record dict as a `Record`, or an `ErrorRecord` for a failed file.

    >>> as_record({"source": {"path": "kh.pdf", "sha256": None}, "error": "EmptyFileError", "message": "kh.pdf: empty"})
    <ErrorRecord EmptyFileError kh.pdf>
    """
    return ErrorRecord.from_dict(data) if is_error(data) else Record.from_dict(data)


def extract_many(
    paths: Paths,
    fn: Callable[[str], Any] | None = None,
    *,
    workers: int | None = None,
    timeout: float | None = 600.0,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    reuse_copies: bool = True,
    flag_duplicates: bool = True,
) -> Iterator[Record | ErrorRecord]:
    """Extract every document under ``paths`` in parallel; yield one record per file, in order.

    Folders are walked (`discover`); ``fn`` is the per-file function (default `vnplan.extract`);
    ``workers`` defaults to all cores (0: in this process); a file that fails, runs past
    ``timeout`` seconds or kills its worker gives an `ErrorRecord`.  Repeats are flagged in
    ``source.duplicate_of`` / ``source.duplicate_by``.

    >>> recs = list(extract_many(["luu-tru/kh-173.pdf", "luu-tru/kh-173.docx"]))  # doctest: +SKIP
    >>> recs[1].source["duplicate_of"]  # doctest: +SKIP
    'luu-tru/kh-173.pdf'
    """
    finder = DuplicateFinder() if flag_duplicates else None
    files = discover(paths, include=include, exclude=exclude)
    with closing(run_batch(files, fn, workers=workers, timeout=timeout, reuse_copies=reuse_copies)) as results:
        for _path, data in results:
            assert data is not None
            if finder is not None:
                finder.check(data)
            yield as_record(data)


def _norm(path: str) -> str:
    return os.path.normpath(path)


def _without(paths: Iterator[str], output: str, fmt: str) -> Iterator[str]:
    """The discovered paths minus the output file itself (and its journal), if it lies in the archive."""
    if output == "-":
        yield from paths
        return
    own = {os.path.abspath(output), os.path.abspath(journal_path(output))}
    for path in paths:
        if os.path.abspath(path) not in own:
            yield path


def _lock(path: str) -> int | None:
    """Hold an exclusive lock on the output for this run; a second run on it gets a clear error."""
    if path == "-":
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise VnplanError(path, key="err.cannot_write", detail=str(exc.strerror or exc)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise VnplanError(path, key="err.output_locked") from None
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        try:
            os.close(fd)  # closing the descriptor releases the lock
        except OSError:  # pragma: no cover
            pass


def _record_one(path: str, data: dict[str, Any] | None, index: RecordsIndex, replaced: set[str],
                finder: DuplicateFinder, writer: Any, summary: Summary, progress: Progress) -> None:
    """Count one result, flag it if it repeats an earlier record, and write it."""
    summary.total += 1
    progress.current = path
    key = _norm(path)
    if data is None:
        summary.skipped += 1
        if key in index.errors:
            summary.skipped_failed += 1
        progress.update()
        return
    if key in index.hashes or key in index.errors:
        replaced.add(key)  # re-extracted (or an unopenable file retried): its old line goes at the end
    if finder.check(data):
        summary.duplicates += 1
    writer.write(data)
    if is_error(data):
        summary.failed += 1
        summary.errors[data["error"]] = summary.errors.get(data["error"], 0) + 1
        progress.update(failed=data["error"])
    else:
        summary.extracted += 1
        progress.update()


def extract_to(
    paths: Paths,
    output: str = "-",
    *,
    format: str | None = None,
    fn: Callable[[str], Any] | None = None,
    workers: int | None = None,
    timeout: float | None = 600.0,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    force: bool = False,
    retry_errors: bool = False,
    reuse_copies: bool = True,
    progress: Progress | None = None,
    on_problem: Callable[[str], None] | None = None,
) -> Summary:
    """Extract ``paths`` into a records file (JSON Lines, CSV or Parquet), resuming if it exists.

    Files already in ``output`` with the same content hash are skipped (``force``: start
    afresh; ``retry_errors``: re-extract files whose record is an error).  An existing file
    that is not a vnplan records file is refused unless ``force``.

    >>> summary = extract_to("luu-tru", "records.jsonl", workers=2)  # doctest: +SKIP
    >>> print(summary)  # doctest: +SKIP
    2040 files: 1928 extracted, 112 failed (CorruptFileError 40, …), 0 already recorded, 610 duplicates; …
    """
    start = time.monotonic()
    fmt = detect_format(output, format)
    if output != "-" and os.path.isdir(output):
        raise VnplanError(output, key="err.output_is_folder_records")
    include, exclude = list(include), list(exclude)
    if fmt == "sqlite":  # a store also keeps each document's text
        from vnplan.store import text_fn

        fn = text_fn(fn)
    locked = journal_path(output) if fmt == "parquet" else output
    created = locked != "-" and not os.path.exists(locked)
    lock = _lock(locked)
    try:
        return _extract_locked(paths, output, fmt, fn, workers, timeout, include, exclude, force, retry_errors,
                               reuse_copies, progress, on_problem, start)
    finally:
        if created and os.path.exists(locked) and os.path.getsize(locked) == 0:
            os.remove(locked)  # a refused or empty run leaves no empty file behind (nor an empty journal)
        _unlock(lock)


def _extract_locked(paths: Paths, output: str, fmt: str, fn: Callable[[str], Any] | None, workers: int | None,
                    timeout: float | None, include: list[str], exclude: list[str], force: bool, retry_errors: bool,
                    reuse_copies: bool, progress: Progress | None, on_problem: Callable[[str], None] | None,
                    start: float) -> Summary:
    finder = DuplicateFinder()
    index = RecordsIndex()
    if output != "-" and not force:
        index = read_index(output, fmt, on_record=finder.add)
        for problem in index.problems:
            if on_problem:
                on_problem(problem)
    known = {p: h for p, h in index.hashes.items() if not (retry_errors and p in index.errors)}
    writer = open_writer(output, fmt, truncate=force and output != "-")
    summary = Summary(output=output)
    progress = progress or Progress(enabled=False)
    if isinstance(paths, (str, os.PathLike, list, tuple)):
        progress.count_in_background(lambda: discover(paths, include=include, exclude=exclude))
    replaced: set[str] = set()
    finished = False
    try:
        files = _without(discover(paths, include=include, exclude=exclude), output, fmt)
        with closing(run_batch(files, fn, workers=workers, timeout=timeout, known=known,
                               reuse_copies=reuse_copies)) as results:
            for path, data in results:
                _record_one(path, data, index, replaced, finder, writer, summary, progress)
        finished = True
    finally:
        if finished:
            writer.finish()
        else:
            writer.close()  # keep what is written (and a Parquet journal) for the next run
        progress.close()
    compact(output, fmt, replaced)
    summary.elapsed = time.monotonic() - start
    return summary
