"""What the public verbs accept as a document: a path (``str``, ``pathlib.Path``, ``bytes`` path), nothing else.

Anything else (the bytes of a file, an open file object, a number) gives one clear `VnplanError`
instead of a bare ``TypeError`` deep in a reader.

    >>> as_path("kh-173.pdf"), as_path(b"kh-173.pdf")
    ('kh-173.pdf', 'kh-173.pdf')
    >>> as_path(b"%PDF-1.7 ...")
    Traceback (most recent call last):
    ...
    vnplan.errors.VnplanError: got 12 bytes of content, not a file path; write them to a file (tempfile.NamedTemporaryFile) and pass its path
"""
from __future__ import annotations

import os
from typing import Any

from vnplan.errors import VnplanError

__all__ = ["as_path"]

def as_path(source: Any) -> str:
    """``source`` as a path string (`VnplanError` for content bytes, a file object or another type)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if data and len(data) < 4096 and not any(b in data for b in (b"\x00", b"\n", b"%PDF", b"PK\x03\x04")):
            return os.fsdecode(data)  # a bytes path, as os functions accept
        raise VnplanError(None, f"got {len(data)} bytes of content, not a file path; write them to a file "
                                "(tempfile.NamedTemporaryFile) and pass its path")
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        hint = f": pass its name, {name!r}" if isinstance(name, str) else "; save it to a file and pass its path"
        raise VnplanError(None, f"got an open file object ({type(source).__name__}), not a file path{hint}")
    try:
        path = os.fspath(source)
    except TypeError:
        raise VnplanError(None, f"expected a file path (str or pathlib.Path), not {type(source).__name__}") from None
    return os.fsdecode(path) if isinstance(path, bytes) else path
