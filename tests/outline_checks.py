"""Checks of an outline against a gold record (shared by tests and scripts/update_outline_golden.py).

The gold number, title, signer and recipients must be findable in the header
and closing parts of the outline.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from vnplan.structure.model import Outline


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").lower()
    text = re.sub(r"^(v/v|về việc)\s*:?\s*", "", text.strip())
    return re.sub(r"[\W_]+", "", text)


def gold_problems(outline: Outline, gold: dict[str, Any], *, fuzzy: bool = False) -> list[str]:
    """Gold fields not found in the outline's header/closing (empty list: all found).

    With ``fuzzy`` (OCR'd scans) a text counts as found when it is `OCR_SIMILARITY`
    similar: OCR letter errors (``chông`` for ``chống``) do not hide a part that is there.
    """
    from rapidfuzz import fuzz

    def found_in(needle: str, hay: str | None) -> bool:
        if hay is None:
            return False
        if fuzzy:
            return fuzz.partial_ratio(_norm(needle), _norm(hay)) >= OCR_SIMILARITY
        return _norm(needle) in _norm(hay)

    out: list[str] = []
    h = outline.header
    number = gold.get("number")
    if number and (h.number_line is None or number not in h.number_line.text.replace(" ", "")):
        out.append(f"number {number!r} not in {h.number_line}")
    title = gold.get("title")
    if title and not found_in(title, h.title.text if h.title else None):
        out.append(f"title {title[:50]!r} not in {h.title}")
    sig = outline.closing.signature
    name = (gold.get("signer") or {}).get("name")
    if name and (sig is None or sig.name is None or not _close(_norm(sig.name.text), _norm(name), fuzzy)):
        out.append(f"signer {name!r} != {sig.name if sig else None}")
    found = [_norm(s.text) for s in outline.closing.recipients + outline.closing.kinh_gui]
    for r in gold.get("recipients") or []:
        if not any(_close(f, _norm(r), fuzzy) for f in found):
            out.append(f"recipient {r!r} missing")
    return out

def _close(a: str, b: str, fuzzy: bool) -> bool:
    if not fuzzy:
        return a == b
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= OCR_SIMILARITY


# OCR'd outlines (scans) are compared with this similarity (0–100) per text, so that a
# Tesseract version that reads a letter differently does not fail the test; the shape
# (which parts, how many items, which labels and roles) must still be the same.
OCR_SIMILARITY = 90


def outline_differences(got: Any, expected: Any, *, fuzzy: bool = False, path: str = "") -> list[str]:
    """Where two outline dicts differ (texts compared with `OCR_SIMILARITY` when ``fuzzy``)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return [f"{path or '/'}: keys {sorted(got) if isinstance(got, dict) else got!r} != {sorted(expected)}"]
        return [d for k in expected for d in outline_differences(got[k], expected[k], fuzzy=fuzzy, path=f"{path}/{k}")]
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: {len(got) if isinstance(got, list) else got!r} items != {len(expected)}"]
        return [d for k, (g, e) in enumerate(zip(got, expected))
                for d in outline_differences(g, e, fuzzy=fuzzy, path=f"{path}[{k}]")]
    if isinstance(expected, str) and isinstance(got, str):
        return [] if _close(got, expected, fuzzy) else [f"{path}: {got!r} != {expected!r}"]
    return [] if got == expected else [f"{path}: {got!r} != {expected!r}"]
