"""A pass over a scan's header blanks that reads handwritten digits, kept on disk for the record builder.

After the header's second OCR pass (`vnplan.read.ocr_header`), the blanks of the printed form (số, day,
month) are cut from the page rendered in colour (`vnplan.read.handwriting`) and each digit candidate is
given its class probabilities by the learned reader (`vnplan.read.digit_model`).  The probabilities are
cached under the file's digest (with the model's), so the record builder finds them by the source's
``sha256`` (`handwritten_readings`) and decides, field by field, whether a reading is sure enough to fill
a value the printed text left empty.

    >>> handwritten_readings("0" * 64)
    {}
"""
from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

import numpy as np

from vnplan.read import cache
from vnplan.read.budget import check_render
from vnplan.read.ocr_page import OcrWord, cache_dir, page_pixels

__all__ = ["HANDWRITING_VERSION", "handwritten_readings", "read_handwriting"]

HANDWRITING_VERSION = "hand1"


@functools.lru_cache(maxsize=1)
def _model_digest() -> str:
    """The model's weights and the cutting code: a reading made by other weights or cuts is not reused."""
    from pathlib import Path

    from vnplan.data import text
    from vnplan.read import handwriting

    h = hashlib.sha256(text("handwritten_digit_model.json").encode())
    h.update(Path(handwriting.__file__).read_bytes())
    return h.hexdigest()[:16]


def _path(digest: str) -> Any:
    key = hashlib.sha256(f"{digest}|{HANDWRITING_VERSION}|{_model_digest()}".encode()).hexdigest()
    return cache.entry_path(cache_dir(), key, ".hand.json")


def read_handwriting(pdf: Any, index: int, words: list[OcrWord], digest: str, dpi: int) -> None:
    """Read the header blanks of page ``index`` (its OCR ``words`` at ``dpi``) and cache the readings.

    >>> read_handwriting(pdf, 0, words, digest, 300)  # doctest: +SKIP
    >>> handwritten_readings(digest)  # doctest: +SKIP
    {'number': [[0.01, …], …], 'day': [[…], […]]}
    """
    from vnplan.read.digit_model import digit_probabilities
    from vnplan.read.handwriting import page_blanks
    from vnplan.read.ocr_header import header_region

    path = _path(digest)
    if path.exists():
        return
    page = pdf[index]
    try:
        width, height = page_pixels(page, dpi)
        region = header_region(words, width, height)
        found: dict[str, list[list[float]]] = {}
        if region is not None:
            w_pt, h_pt = page.get_size()
            check_render(w_pt, h_pt, dpi)
            image = page.render(scale=dpi / 72).to_pil()
            for blank in page_blanks(image, words, *region):
                if blank.digits:
                    probs = digit_probabilities(np.array(blank.digits))
                    found[blank.field] = [[round(float(v), 4) for v in row] for row in probs]
    finally:
        page.close()
    cache.write_atomic(path, json.dumps(found))


def handwritten_readings(digest: str) -> dict[str, list[list[float]]]:
    """The cached digit probabilities of a file's header blanks (``number``, ``day``, ``month``), or ``{}``.

    >>> handwritten_readings("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")  # doctest: +SKIP
    {'number': [[0.0, 0.97, …], …]}
    """
    raw = cache.read_entry(_path(digest))
    if not raw:
        return {}
    try:
        out = json.loads(raw)
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}
