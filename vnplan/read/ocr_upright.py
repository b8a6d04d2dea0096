"""A second OCR pass: a page scanned sideways or upside down, re-read the right way up.

Tesseract's orientation detection (``--psm 0``) is asked only when the page-level reading is
poor (mean word confidence under 50); the turned reading is kept when it is clearly better.

    >>> osd_rotation("Page number: 0\\nOrientation in degrees: 270\\nRotate: 90\\n")
    90
"""
from __future__ import annotations

import os
import re
import subprocess

from vnplan.read.ocr_page import (
    OcrSettings,
    OcrWord,
    _tiff,
    _write_atomic,
    ocr_image,
    parse_tsv,
    pass_cache_path,
    render_gray,
)

__all__ = ["UPRIGHT_VERSION", "mean_confidence", "osd_rotation", "upright_tsv"]


UPRIGHT_VERSION = "upright2"  # the re-reading of a page scanned sideways or upside down


_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)


def mean_confidence(words: list[OcrWord]) -> float:
    """Tesseract's mean word confidence on a page (0 for no words): a page read sideways gives about 35, a good one 90.

    >>> mean_confidence([OcrWord("Số", 0, 0, 9, 9, 90.0, (1, 1, 1)), OcrWord("#1", 9, 0, 9, 9, 20.0, (1, 1, 1))])
    55.0
    """
    return sum(w.conf for w in words) / len(words) if words else 0.0


def osd_rotation(osd: str) -> int:
    """Degrees (clockwise) that Tesseract's orientation report (``--psm 0``) says turn the page upright.

    >>> osd_rotation("Page number: 0\\nOrientation in degrees: 270\\nRotate: 90\\nOrientation confidence: 0.86")
    90
    >>> osd_rotation("")
    0
    """
    m = _OSD_ROTATE.search(osd)
    return int(m.group(1)) % 360 if m else 0


def _turned_reading(image, binary: str, settings: OcrSettings) -> str:  # type: ignore[no-untyped-def]
    """``angle<TAB>tsv`` of the page turned as Tesseract's orientation detection says (``0`` and no TSV if upright)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run([binary, "-", "-", "--psm", "0"], input=_tiff(image), capture_output=True,
                         timeout=settings.timeout, env=env, check=False)
    angle = osd_rotation(out.stdout.decode("utf-8", "replace"))
    if not angle:
        return "0\t"
    return f"{angle}\t" + ocr_image(_tiff(image.rotate(-angle, expand=True)), binary, settings)


def upright_tsv(pdf, index: int, tsv: str, digest: str, settings: OcrSettings, binary: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The page's TSV read the right way up, and the angle it was turned by (0: as scanned).

    A page read with mean confidence under 50 is asked for its orientation (Tesseract
    ``--psm 0``) and read again turned; that reading is kept when its confidence is 20
    points better (its word boxes are then in the turned image).

    >>> upright_tsv(pdf, 3, tsv, digest, OcrSettings(), binary)[1]  # 0112: bảng danh sách in ngang  # doctest: +SKIP
    90
    """
    words = parse_tsv(tsv)
    before = mean_confidence(words)
    if len(words) < 20 or before >= 50:
        return tsv, 0
    path = pass_cache_path(digest, index, settings, binary, UPRIGHT_VERSION, "rot")
    try:
        cached = path.read_text(encoding="utf-8")
    except OSError:
        page = pdf[index]
        try:
            image = render_gray(page, settings.dpi)
        finally:
            page.close()
        try:
            cached = _turned_reading(image, binary, settings)
        except (OSError, RuntimeError, subprocess.SubprocessError):
            return tsv, 0
        _write_atomic(path, cached)
    angle, _, turned = cached.partition("\t")
    if int(angle) and mean_confidence(parse_tsv(turned)) >= before + 20:
        return turned, int(angle)
    return tsv, 0
