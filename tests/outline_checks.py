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


def gold_problems(outline: Outline, gold: dict[str, Any]) -> list[str]:
    """Gold fields not found in the outline's header/closing (empty list: all found)."""
    out: list[str] = []
    h = outline.header
    number = gold.get("number")
    if number and (h.number_line is None or number not in h.number_line.text.replace(" ", "")):
        out.append(f"number {number!r} not in {h.number_line}")
    title = gold.get("title")
    if title and (h.title is None or _norm(title) not in _norm(h.title.text)):
        out.append(f"title {title[:50]!r} not in {h.title}")
    sig = outline.closing.signature
    name = (gold.get("signer") or {}).get("name")
    if name and (sig is None or sig.name is None or _norm(sig.name.text) != _norm(name)):
        out.append(f"signer {name!r} != {sig.name if sig else None}")
    found = {_norm(s.text) for s in outline.closing.recipients + outline.closing.kinh_gui}
    for r in gold.get("recipients") or []:
        if _norm(r) not in found:
            out.append(f"recipient {r!r} missing")
    return out
