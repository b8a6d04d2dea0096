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

__all__ = ["convert_doc", "find_soffice"]

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
        raise UnsupportedFormatError(
            path, "skipped: legacy .doc needs LibreOffice (soffice) to convert it, and it is not installed")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=outdir))
    cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "docx", "--outdir", outdir, os.path.abspath(path)]
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise CorruptFileError(path, f"LibreOffice did not convert the .doc file within {CONVERT_TIMEOUT:.0f} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = Path(outdir) / (Path(path).stem + ".docx")
    if not out.exists() or out.stat().st_size == 0:
        raise CorruptFileError(path, "LibreOffice could not convert the .doc file (damaged or not a Word document)")
    return str(out)
