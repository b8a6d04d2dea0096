"""Run the per-file function over many files in isolated worker processes.

`process_file` is the pure, picklable unit of work (a path → a record dict or
an error record dict); `run_batch` feeds paths to a few worker processes, one
file at a time each, with a bounded window of files in flight, and yields the
results in input order.  A file that raises gives an error record; a worker
that runs past the timeout is killed and replaced; a worker that dies gives
an error record for its file and is replaced.  The batch goes on.

    >>> for path, rec in run_batch(["corpus/seeds/000_28b0c8e4ade0a855.txt"], workers=1):  # doctest: +SKIP
    ...     print(rec["source"]["sha256"][:8])
    5c1f0a2e
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing as mp
import os
import pickle
import shutil
import signal
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from vnplan.errors import VnplanError
from vnplan.i18n import get_lang
from vnplan.plaintext import clip

__all__ = [
    "ErrorRecord",
    "ExtractTimeoutError",
    "WorkerCrashedError",
    "default_workers",
    "error_record",
    "file_digest",
    "is_error",
    "process_file",
    "run_batch",
]

ExtractFn = Callable[[str], Any]
_MESSAGE_LIMIT = 1000
_PRELOAD = ["vnplan.extract", "vnplan.extract.builder", "vnplan.read", "vnplan.read.text", "vnplan.read.pdf",
            "vnplan.read.docx", "vnplan.normalize", "vnplan.batch.warmup"]


class ExtractTimeoutError(VnplanError):
    """A file whose extraction ran past the batch's per-file timeout."""

    code = "E101"


class WorkerCrashedError(VnplanError):
    """A file during whose extraction the worker process died (segfault, out of memory, exit)."""

    code = "E102"


@dataclass
class ErrorRecord:
    """The record of a file that could not be extracted: where, which error, one-line message.

    >>> ErrorRecord({"path": "kh.pdf", "sha256": None}, "EmptyFileError", "kh.pdf: the file is empty (0 bytes)")
    <ErrorRecord EmptyFileError kh.pdf>
    """

    source: dict[str, Any]
    error: str
    message: str
    ok: bool = field(default=False, init=False, repr=False)

    @property
    def key(self) -> tuple[None, None, None, None]:
        return (None, None, None, None)

    def to_dict(self) -> dict[str, Any]:
        return {"source": dict(self.source), "error": self.error, "message": self.message}

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ErrorRecord:
        return cls(dict(data.get("source") or {}), str(data.get("error")), str(data.get("message", "")))

    def __repr__(self) -> str:
        path = str(self.source.get("path", "")).rsplit("/", 1)[-1]
        return f"<ErrorRecord {self.error} {path}>"


def is_error(record: dict[str, Any]) -> bool:
    """Whether a record dict is an error record.

    >>> is_error({"source": {"path": "kh.pdf"}, "error": "CorruptFileError", "message": "kh.pdf: damaged"})
    True
    """
    return "error" in record and "message" in record


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def file_digest(path: str) -> tuple[str, int]:
    """``(sha256 hex, size)`` of a regular file, read in chunks (`VnplanError` for a FIFO, device, socket).

    >>> file_digest("corpus/seeds/000_28b0c8e4ade0a855.txt")[1] > 0  # doctest: +SKIP
    True
    """
    from vnplan.read.budget import check_regular_file

    check_regular_file(path)  # never open a FIFO or a device: it could block forever
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _one_line(text: str) -> str:
    return clip(" ".join(str(text).split()), _MESSAGE_LIMIT, words=False)


def error_record(path: str, exc: BaseException | str, message: str | None = None,
                 sha256: str | None = None, size: int | None = None) -> dict[str, Any]:
    """The error record dict of ``path`` for an exception (or an error class name and message).

    >>> error_record("kh.pdf", VnplanError("kh.pdf", "the file is empty"))["message"]
    'kh.pdf: the file is empty'
    """
    if isinstance(exc, BaseException) and _out_of_memory(exc):
        from vnplan.read.budget import budget

        name = "OutOfMemoryError"
        limit = budget().max_memory
        message = (f"{path}: {VnplanError(None, key='err.out_of_memory').problem}"
                   + (f" ({limit / 1024 ** 3:g} GB)" if limit else ""))
    elif isinstance(exc, BaseException):
        name = type(exc).__name__
        if isinstance(exc, VnplanError):
            message = exc.message if exc.path else f"{path}: {exc.message}"
        else:
            detail = str(exc) or repr(exc)
            message = f"{path}: {name}: {detail}"
    else:
        name = exc
        message = message or f"{path}: {name}"
    source: dict[str, Any] = {"path": path, "sha256": sha256}
    if size is not None:
        source["size"] = size
    return {"source": source, "error": name, "message": _one_line(message)}


def _out_of_memory(exc: BaseException) -> bool:
    """A MemoryError, or a parser's report of a failed allocation (lxml: "Memory allocation failed")."""
    return isinstance(exc, MemoryError) or "memory allocation failed" in str(exc).lower()


def _default_fn() -> ExtractFn:
    from vnplan.extract import extract

    return extract


def _as_dict(result: Any) -> dict[str, Any]:
    if isinstance(result, dict):
        return dict(result)
    if hasattr(result, "to_dict"):
        return dict(result.to_dict())
    raise TypeError(f"the extract function returned {type(result).__name__}, not a Record or dict")


def _repath(record: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """Replace the file name a record carries (message, warnings) after a copy or a conversion."""
    if old == new:
        return record
    if "message" in record:
        record["message"] = str(record["message"]).replace(old, new)
    warnings = record.get("warnings")
    if isinstance(warnings, list):
        record["warnings"] = [w.replace(old, new) if isinstance(w, str) else w for w in warnings]
    return record


def _extract(path: str, fn: ExtractFn | None, sha256: str | None, size: int | None) -> dict[str, Any]:
    """Call ``fn`` on ``path`` (converting a legacy .doc first); any exception → an error record."""
    fn = fn or _default_fn()
    workdir: str | None = None
    target = path
    try:
        if path.lower().endswith(".doc"):
            from vnplan.read import sniff

            if sniff(path) == "ole":
                from vnplan.read.legacy_doc import convert_doc

                workdir = tempfile.mkdtemp(prefix="vnplan-doc-")
                target = convert_doc(path, workdir)
        record = _as_dict(fn(target))
        if target != path:
            record = _repath(record, target, path)
            record.setdefault("warnings", []).append("converted from .doc with LibreOffice")
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        record = _repath(error_record(path, exc, sha256=sha256, size=size), target, path)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    source = dict(record.get("source") or {})
    source["path"] = path
    source["sha256"] = sha256
    if size is not None:
        source["size"] = size
    return {"source": source, **{k: v for k, v in record.items() if k != "source"}}


def process_file(path: str | os.PathLike[str], fn: ExtractFn | None = None) -> dict[str, Any]:
    """Extract one file into a record dict, or an error record dict: never raises.

    Pure and picklable (``fn`` defaults to `vnplan.extract`), so it runs in a worker
    process, on a Dask cluster, or in a plain loop.  The record's ``source`` carries
    ``path``, ``sha256`` and ``size``.

    >>> rec = process_file("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec["source"]["path"], len(rec["source"]["sha256"])  # doctest: +SKIP
    ('corpus/seeds/000_28b0c8e4ade0a855.txt', 64)
    """
    path = os.fspath(path)
    digest = _digest(path)
    if isinstance(digest, dict):
        return digest
    return _extract(path, fn, *digest)


def _digest(path: str) -> tuple[str, int] | dict[str, Any]:
    """`file_digest` of ``path``, or the error record of a file (or folder) that cannot be read."""
    try:
        return file_digest(path)
    except (VnplanError, OSError) as exc:
        if os.path.isdir(path):
            try:
                os.listdir(path)
                folder = VnplanError(path, key="err.batch_folder")
            except OSError as err:
                folder = VnplanError(path, key="err.batch_folder_unreadable", detail=str(err.strerror or err))
            return error_record(path, folder)
        if isinstance(exc, VnplanError):
            return error_record(path, exc)
        return error_record(path, VnplanError(path, key="err.cannot_open", detail=str(exc.strerror or exc)))


class _CopyCache:
    """Results by (content hash, extension): a copy of a file already seen is not re-extracted."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[str, str], tuple[str, bytes]] = OrderedDict()

    def get(self, key: tuple[str, str], path: str, size: int) -> dict[str, Any] | None:
        hit = self.items.get(key)
        if hit is None:
            return None
        self.items.move_to_end(key)
        old_path, blob = hit
        record = _repath(pickle.loads(blob), old_path, path)
        record["source"] = {**record["source"], "path": path, "size": size}
        return record

    def put(self, key: tuple[str, str], path: str, record: dict[str, Any]) -> None:
        if self.size <= 0:
            return
        self.items[key] = (path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        if len(self.items) > self.size:
            self.items.popitem(last=False)


def _handle(path: str, known: str | None, fn: ExtractFn | None, cache: _CopyCache) -> dict[str, Any] | None:
    """One task: ``None`` when ``known`` (the recorded hash) still matches, else the record."""
    digest = _digest(path)
    if isinstance(digest, dict):
        return digest
    sha256, size = digest
    if known is not None and known == sha256:
        return None
    key = (sha256, os.path.splitext(path)[1].lower())
    record = cache.get(key, path, size)
    if record is None:
        record = _extract(path, fn, sha256, size)
        cache.put(key, path, record)
    return record


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001, S110  # pragma: no cover - best effort
            pass


def _worker_main(conn: Connection, fn: ExtractFn | None, cache_size: int, tmp: str | None = None,
                 ocr_threads: int = 1, lang: str | None = None) -> None:
    _die_with_parent()
    if lang:  # error messages and warnings in the parent's language (a --lang en run, or set_lang("en"))
        from vnplan.i18n import set_lang

        set_lang(lang)
    try:
        os.setpgid(0, 0)  # its own process group: a kill of the worker also reaches LibreOffice under it
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        pass
    if tmp:  # temporary files (a .doc conversion, LibreOffice's profile) go where the parent removes them
        tempfile.tempdir = tmp
        os.environ["TMPDIR"] = tmp
    from vnplan.read import ocr
    from vnplan.read.budget import limit_memory

    ocr.set_page_workers(ocr_threads)  # the cores are shared by the workers: no N × N Tesseract processes
    limit_memory()  # a file that would need more fails alone (MemoryError → an error record)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    cache = _CopyCache(cache_size)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, path, known = task
        record = _handle(path, known, fn, cache)
        try:
            conn.send((seq, record))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send((seq, error_record(path, exc, sha256=(record or {}).get("source", {}).get("sha256"))))
        except (BrokenPipeError, OSError):
            return


def _context() -> Any:
    if sys.platform.startswith("linux") and "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)  # new workers (after a kill) start with vnplan imported
        return ctx
    return mp.get_context("spawn")


_TMP_PREFIX = "vnplan-worker-"


def _sweep_stale_temp() -> None:
    """Remove worker folders left by a run that was itself killed (SIGKILL of the parent skips its cleanup):
    ``vnplan-worker-<parent pid>-…`` whose parent process no longer exists."""
    root = tempfile.gettempdir()
    try:
        names = [n for n in os.listdir(root) if n.startswith(_TMP_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(_TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        except OSError:  # alive, another user's: not ours to remove
            continue


def _needs_main(fn: ExtractFn | None) -> bool:
    """Whether unpickling ``fn`` in a worker needs the caller's ``__main__`` (a function defined in the script)."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    return fn is not None and getattr(fn, "__module__", None) == "__main__"


@contextlib.contextmanager
def _main_not_reimported(fn: ExtractFn | None) -> Iterator[None]:
    """Start a worker without re-running the caller's script in it.

    A new worker (spawn, forkserver) imports the parent's ``__main__`` from its file or module name; a
    script that calls `vnplan.load` without an ``if __name__ == "__main__":`` guard would run again in
    every worker.  The workers need ``__main__`` only for an ``fn`` defined there, so otherwise its file
    and module name are hidden while the process starts."""
    main = sys.modules.get("__main__")
    if main is None or _needs_main(fn):
        yield
        return
    missing = object()
    saved = {key: main.__dict__.get(key, missing) for key in ("__file__", "__spec__")}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is missing:
                main.__dict__.pop(key, None)
            else:
                main.__dict__[key] = value


class _Worker:
    def __init__(self, ctx: Any, fn: ExtractFn | None, cache_size: int, ocr_threads: int = 1) -> None:
        self.conn, child = ctx.Pipe()
        self.tmp = tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-")  # removed by stop(), even after a kill
        self.proc = ctx.Process(target=_worker_main, args=(child, fn, cache_size, self.tmp, ocr_threads, get_lang()),
                                daemon=True,
                                name="vnplan-extract")
        try:
            with _main_not_reimported(fn):
                self.proc.start()
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            self.conn.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise VnplanError(None, key="err.fn_not_picklable", detail=str(exc)) from None
        finally:
            child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0
        self.done = 0

    def send(self, seq: int, path: str, known: str | None) -> bool:
        try:
            self.conn.send((seq, path, known))
        except (BrokenPipeError, OSError):
            return False
        self.task, self.started = (seq, path), time.monotonic()
        return True

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            self.proc.join(2)
        if kill or self.proc.is_alive():
            self._kill_group()
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _kill_group(self) -> None:
        """SIGKILL the worker's process group: the worker and what it started (LibreOffice)."""
        pid = self.proc.pid
        if pid is None or self.proc.exitcode is not None or not hasattr(os, "killpg"):
            return  # not started, or already reaped: its pid may belong to another process now
        try:
            if os.getpgid(pid) == pid:  # the worker leads its own group (never the parent's group)
                os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


def _failure(path: str, exc: VnplanError) -> dict[str, Any]:
    try:
        sha256, size = file_digest(path)
    except (OSError, VnplanError):
        sha256, size = None, None
    return error_record(path, exc, sha256=sha256, size=size)


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _normkey(path: str) -> str:
    return os.path.normpath(path)


def _serial(paths: Iterable[str], fn: ExtractFn | None, known: Mapping[str, str],
            cache_size: int) -> Iterator[tuple[str, dict[str, Any] | None]]:
    cache = _CopyCache(cache_size)
    for path in paths:
        path = os.fspath(path)
        yield path, _handle(path, known.get(_normkey(path)), fn, cache)


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    fn: ExtractFn | None = None,
    *,
    workers: int | None = None,
    timeout: float | None = None,
    known: Mapping[str, str] | None = None,
    reuse_copies: bool = True,
    max_tasks_per_worker: int | None = 1000,
    window: int | None = None,
) -> Generator[tuple[str, dict[str, Any] | None], None, None]:
    """Yield ``(path, record dict)`` for each path, in input order, extracting in parallel.

    ``known`` maps already-recorded paths to their sha256: a file whose content still has
    that hash yields ``(path, None)`` (skipped).  ``workers=0`` runs in this process (no
    timeout, no crash isolation).  With ``reuse_copies`` a worker re-uses its result for a
    byte-identical file with the same extension (``fn`` must depend only on the content).

    >>> for path, rec in run_batch(["luu-tru/kh-173.pdf", "luu-tru/hong.docx"], workers=2):  # doctest: +SKIP
    ...     print(path, rec.get("error"))
    luu-tru/kh-173.pdf None
    luu-tru/hong.docx CorruptFileError
    """
    known = {_normkey(k): v for k, v in (known or {}).items()}
    cache_size = 128 if reuse_copies else 0
    n_workers = default_workers() if workers is None else workers
    if n_workers <= 0:
        yield from _serial((os.fspath(p) for p in paths), fn, known, cache_size)
        return
    window = window or max(256, 32 * n_workers)  # results held for in-order output: bounded
    ocr_threads = max(1, default_workers() // n_workers)  # Tesseract pages at once in each worker
    _sweep_stale_temp()
    ctx = _context()
    pool: list[_Worker] = []
    source = iter(paths)
    exhausted = False
    seq = next_out = 0
    done: dict[int, tuple[str, dict[str, Any] | None]] = {}

    def replace(w: _Worker, kill: bool) -> None:
        w.stop(kill=kill)
        pool.remove(w)

    try:
        while True:
            # hand out files to idle workers (starting workers on demand), within the window
            while not exhausted and seq < next_out + window:
                idle = next((w for w in pool if w.task is None), None)
                if idle is None:
                    if len(pool) >= n_workers:
                        break
                    idle = _Worker(ctx, fn, cache_size, ocr_threads)
                    pool.append(idle)
                try:
                    path = os.fspath(next(source))
                except StopIteration:
                    exhausted = True
                    break
                if not idle.send(seq, path, known.get(_normkey(path))):
                    replace(idle, kill=True)
                    fresh = _Worker(ctx, fn, cache_size, ocr_threads)
                    pool.append(fresh)
                    if not fresh.send(seq, path, known.get(_normkey(path))):  # pragma: no cover
                        done[seq] = (path, error_record(path, WorkerCrashedError(path, key="err.no_worker")))
                seq += 1
            busy = [w for w in pool if w.task is not None]
            if not busy:
                break
            now = time.monotonic()
            wait_for = 1.0
            if timeout:
                wait_for = max(0.0, min(w.started + timeout for w in busy) - now)
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for))
            now = time.monotonic()
            for w in busy:
                assert w.task is not None
                task_seq, path = w.task
                lost = False
                if w.conn in ready or w.conn.poll():
                    try:
                        got_seq, record = w.conn.recv()
                    except (EOFError, OSError):
                        lost = True  # the worker is gone: a crash
                        w.proc.join(5)
                    else:
                        done[got_seq] = (path, record)
                        w.task = None
                        w.done += 1
                        if max_tasks_per_worker and w.done >= max_tasks_per_worker:
                            replace(w, kill=False)  # recycle: bounds memory leaked by readers
                        continue
                if lost or not w.proc.is_alive():
                    w.proc.join(1)
                    crash = WorkerCrashedError(path, key="err.worker_died", detail=_exit_text(w.proc.exitcode))
                    done[task_seq] = (path, _failure(path, crash))
                    replace(w, kill=True)
                elif timeout and now - w.started >= timeout:
                    late = ExtractTimeoutError(path, key="err.timeout", seconds=f"{timeout:g}")
                    done[task_seq] = (path, _failure(path, late))
                    replace(w, kill=True)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        while next_out in done:  # pragma: no cover - defensive
            yield done.pop(next_out)
            next_out += 1
    finally:
        for w in pool:
            w.stop(kill=w.task is not None)
