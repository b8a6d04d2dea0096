"""Whole-file outputs (``-o`` of ``diff``, ``check``, ``graph``; Excel workbooks): atomic, and never over a stranger's file.

A file is written to a temporary file beside it and renamed over the target, so a full disk or a
kill leaves the old file (or none), never half a file.  An existing file is replaced only if vnplan
wrote it (its SHA-256 is remembered under ``$VNPLAN_CACHE/written``, default ``~/.cache/vnplan``),
it is empty, or ``force`` is given; anything else gives a one-line `OutputExistsError`.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "so-sanh.md")
    >>> write_output(path, "# So sánh\\n")
    >>> write_output(path, "# So sánh lần 2\\n")   # vnplan wrote it: replaced
    >>> _ = open(path, "w").write("ghi chú của cán bộ")
    >>> write_output(path, "# lần 3\\n")
    Traceback (most recent call last):
    ...
    vnplan.export.outfile.OutputExistsError: ...: đã có và không do vnplan ghi; thêm --force để ghi đè
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from vnplan.errors import VnplanError

__all__ = ["OutputError", "OutputExistsError", "claim", "remember", "write_atomic", "write_output"]


class OutputError(VnplanError):
    """An output that cannot be written (read-only folder, full disk, a folder in the way)."""

    code = "E014"


class OutputExistsError(OutputError):
    """An output file that exists and that vnplan did not write: not replaced without ``--force``."""

    code = "E015"


def _registry() -> Path:
    base = os.environ.get("VNPLAN_CACHE")
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnplan"
    return root / "written"


def _entry(path: str | os.PathLike[str]) -> Path:
    return _registry() / hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:32]


def _digest(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def claim(paths: Iterable[str | os.PathLike[str]], force: bool = False) -> None:
    """Refuse (`OutputExistsError`) if one of ``paths`` exists, is not empty, and is not vnplan's last output there.

    >>> claim(["/tmp/chua-co-tep-nay.html"])   # absent: fine
    """
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            raise OutputError(name, key="err.output_is_folder")
        if force or not os.path.exists(name):
            continue
        try:
            if os.path.getsize(name) == 0 or _entry(name).read_text(encoding="ascii").strip() == _digest(name):
                continue
        except OSError:
            pass
        raise OutputExistsError(name, key="err.output_exists")


def remember(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Note that vnplan wrote ``paths`` as they are now (best effort: an unwritable cache only costs a --force later)."""
    for path in paths:
        try:
            entry = _entry(path)
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.write_text(_digest(path), encoding="ascii")
        except OSError:
            pass


def write_atomic(path: str | os.PathLike[str], fill: Callable[[IO[bytes]], Any]) -> None:
    """Call ``fill(binary file)`` on a temporary file beside ``path``, then rename it over ``path``.

    Any failure (full disk, read-only folder) removes the temporary file and raises `OutputError`.
    """
    name = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(name))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(name)}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(name):
            os.chmod(tmp, os.stat(name).st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, name)
        tmp = None
    except OSError as exc:
        raise OutputError(name, key="err.cannot_write", detail=str(exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically, refusing to replace a file vnplan did not write (unless ``force``)."""
    claim([path], force)
    data = text.encode(encoding, errors="surrogateescape" if encoding.startswith("utf-8") else "strict")
    write_atomic(path, lambda fh: fh.write(data))
    remember([path])
