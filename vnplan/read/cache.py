"""vnplan's disk caches: where they live, how a file is keyed, how an entry is written.

Every cache is a folder under ``$VNPLAN_CACHE`` (default ``~/.cache/vnplan``, or
``$XDG_CACHE_HOME/vnplan``): ``ocr`` (Tesseract readings of pages and second passes),
``fonts`` (page texts recovered from glyph shapes), ``records`` (`scripts/score_archive.py`).
Entries are keyed by the SHA-256 of the file's bytes (`file_digest`) and spread over
256 sub-folders (`entry_path`); they are written through a temporary file and a rename
(`write_atomic`), so concurrent workers never see half an entry.

    >>> entry_path(Path("/tmp/c"), "ab12cd", ".tsv")
    PosixPath('/tmp/c/ab/ab12cd.tsv')
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "cache_root", "entry_path", "file_digest", "read_entry", "write_atomic"]


def cache_root() -> Path:
    """The folder of all vnplan caches: ``$VNPLAN_CACHE``, else ``$XDG_CACHE_HOME/vnplan`` or ``~/.cache/vnplan``.

    >>> cache_dir("ocr").parent == cache_root()
    True
    """
    base = os.environ.get("VNPLAN_CACHE")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnplan"


def cache_dir(kind: str) -> Path:
    """The folder of one cache (``"ocr"``, ``"fonts"``, ``"records"``) under `cache_root`.

    >>> cache_dir("ocr").name
    'ocr'
    """
    return cache_root() / kind


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, read in 1 MB steps (the first part of every cache key)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def entry_path(folder: Path, key: str, suffix: str) -> Path:
    """Where the entry ``key`` lives in ``folder``: a sub-folder named by the key's first two characters."""
    return folder / key[:2] / f"{key}{suffix}"


def read_entry(path: Path, *, newline: str | None = None) -> str | None:
    """The text of a cache entry, or None when there is none (or it cannot be read).

    ``newline=""`` keeps ``\\r\\n`` as written (pdfium's page texts keep their own line ends).
    """
    try:
        with open(path, encoding="utf-8", newline=newline) as fh:
            return fh.read()
    except OSError:
        return None


def write_atomic(path: Path, text: str, *, newline: str | None = None) -> None:
    """Write ``text`` through a temporary file in the same folder and a rename (safe with concurrent writers).

    A failure to write (a full disk, a read-only cache) is ignored: a cache is never needed.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
