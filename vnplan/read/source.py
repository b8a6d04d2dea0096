"""What the public verbs accept as a document: a path (``str``, ``pathlib.Path``, ``bytes`` path), nothing else.

Anything else (the bytes of a file, an open file object, a number) gives one clear `VnplanError`
instead of a bare ``TypeError`` deep in a reader.

    >>> as_path("kh-173.pdf"), as_path(b"kh-173.pdf")
    ('kh-173.pdf', 'kh-173.pdf')
    >>> as_path(b"%PDF-1.7 ...")
    Traceback (most recent call last):
    ...
    vnplan.errors.VnplanError: nhận được 12 byte nội dung, không phải đường dẫn tệp; hãy ghi chúng ra tệp (tempfile.NamedTemporaryFile) rồi truyền đường dẫn
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
        raise VnplanError(None, key="err.got_bytes", n=len(data))
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        from vnplan.i18n import t

        hint = t("err.hint_pass_name", name=repr(name)) if isinstance(name, str) else t("err.hint_save_file")
        raise VnplanError(None, key="err.got_file_object", kind=type(source).__name__, hint=hint)
    try:
        path = os.fspath(source)
    except TypeError:
        raise VnplanError(None, key="err.got_other", kind=type(source).__name__) from None
    return os.fsdecode(path) if isinstance(path, bytes) else path
