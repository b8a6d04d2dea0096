"""Legacy Word ``.doc`` files: converted to DOCX with LibreOffice, when it is installed.

    >>> find_soffice()  # doctest: +SKIP
    '/usr/bin/soffice'
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from vnplan.errors import CorruptFileError, UnsupportedFormatError

__all__ = ["convert_doc", "find_soffice", "is_word_binary", "read_doc"]

CONVERT_TIMEOUT = 180.0


def find_soffice() -> str | None:
    """The LibreOffice binary, or ``None``.  ``VNPLAN_SOFFICE`` overrides (``none`` disables).

    >>> find_soffice()  # doctest: +SKIP
    '/usr/bin/soffice'
    """
    forced = os.environ.get("VNPLAN_SOFFICE")
    if forced is not None:
        return None if forced.lower() in ("", "none", "0") else forced
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc(path: str, outdir: str) -> str:
    """Convert ``path`` (a ``.doc``) to a DOCX inside ``outdir``; return the new file's path.

    Raises `UnsupportedFormatError` (naming the file) when LibreOffice is not installed,
    and `CorruptFileError` when the conversion fails.

    >>> convert_doc("luu-tru/cv-1234-ubnd.doc", "/tmp/x")  # doctest: +SKIP
    '/tmp/x/cv-1234-ubnd.docx'
    """
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(path, key="err.doc_needs_soffice")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=outdir))
    cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "docx", "--outdir", outdir, os.path.abspath(path)]
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise CorruptFileError(path, key="err.doc_timeout", seconds=f"{CONVERT_TIMEOUT:.0f}") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = Path(outdir) / (Path(path).stem + ".docx")
    if not out.exists() or out.stat().st_size == 0:
        raise CorruptFileError(path, key="err.doc_unconvertible")
    return str(out)


_WORD_STREAM = "WordDocument".encode("utf-16-le")


def is_word_binary(path: str | os.PathLike[str]) -> bool:
    """Whether an OLE file (``D0 CF 11 E0``) holds a Word document (its ``WordDocument`` stream).

    An encrypted DOCX is an OLE file too, but holds ``EncryptionInfo`` instead.

    >>> is_word_binary("luu-tru/cv-392-y-manh-tuyen-truyen.doc")  # doctest: +SKIP
    True
    """
    with open(path, "rb") as fh:
        head = fh.read(512)
        if len(head) < 512:
            return False
        shift = int.from_bytes(head[0x1E:0x20], "little")
        first_dir = int.from_bytes(head[0x30:0x34], "little")
        if 7 <= shift <= 16 and first_dir < 0xFFFFFFFA:  # the directory's first sector (Root Entry, streams)
            fh.seek((first_dir + 1) << shift)
            if _WORD_STREAM in fh.read(4 << shift):
                return True
        fh.seek(0)
        return _WORD_STREAM in fh.read()


def read_doc(path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
    """Read a legacy Word file (whatever its extension) through LibreOffice: a `RawDocument`.

    >>> raw = read_doc("luu-tru/kh-1590-tuyen-truyen-luat.doc")  # doctest: +SKIP
    >>> raw.format, raw.warnings[-1]  # doctest: +SKIP
    ('docx', 'converted from .doc with LibreOffice')
    """
    from vnplan.read.docx import read_docx

    name = os.fspath(path)
    workdir = tempfile.mkdtemp(prefix="vnplan-doc-")
    try:
        src = Path(workdir) / "in.doc"  # LibreOffice picks its filter by content; a .doc name avoids a .docx guess
        shutil.copyfile(name, src)
        try:
            target = convert_doc(str(src), workdir)
        except (UnsupportedFormatError, CorruptFileError) as exc:
            raise exc.at(name) from None
        raw = read_docx(Path(target))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    raw.path = name
    raw.warnings = [w.replace(target, name) for w in raw.warnings] + ["converted from .doc with LibreOffice"]
    return raw
