"""The document text with each extracted value marked where it was found (from the record's provenance).

    >>> from vnplan.record import Record
    >>> r = Record(source={"path": "kh.txt"}, number="5", provenance={"number": {"span": [4, 8]}})
    >>> marked_text("Số: 5/KH <b>", r)
    'Số: <mark class="m-field" title="number">5/KH</mark> &lt;b&gt;'
"""
from __future__ import annotations

from html import escape
from typing import Any

from vnplan.model.source import item_span
from vnplan.record import Record

__all__ = ["marked_text", "spans"]

# (start, end, css class, what it is); earlier kinds win where spans overlap
_PRIORITY = {"m-field": 0, "m-cite": 1, "m-deadline": 2, "m-activity": 3}


def _pair(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    return None


def spans(record: Record) -> list[tuple[int, int, str, str]]:
    """Every span the record points at: fields (provenance), citations, deadlines, activities.

    >>> spans(Record(source={"path": "a"}, citations=[{"number": "7", "start": 3, "end": 9}]))
    [(3, 9, 'm-cite', '7/')]
    """
    out = []
    for name, prov in (record.provenance or {}).items():
        for one in prov if isinstance(prov, list) else [prov]:  # recipients: one source per entry
            span = _pair(one.get("span")) if isinstance(one, dict) else None
            if span:
                out.append((*span, "m-field", name))
    for c in record.citations:
        label = f"{c.get('number') or ''}/{c.get('symbol') or ''}"
        mentions = c.get("mentions") or [[c.get("start"), c.get("end")]]
        out += [(*s, "m-cite", label) for s in map(_pair, mentions) if s]
    for d in record.deadlines:
        span = item_span(d)
        if span:
            out.append((*span, "m-deadline", str(d.get("date") or "")))
    for i, a in enumerate(record.activities):
        span = item_span(a)
        if span:
            out.append((*span, "m-activity", f"activity {i + 1}"))
    return out


def marked_text(text: str, record: Record) -> str:
    """``text`` as escaped HTML with ``<mark>`` around each value, innermost kinds first, no overlaps."""
    chosen: list[tuple[int, int, str, str]] = []
    for s, e, cls, label in sorted(spans(record), key=lambda x: (_PRIORITY[x[2]], x[0])):
        if 0 <= s < e <= len(text) and all(e <= cs or s >= ce for cs, ce, _, _ in chosen):
            chosen.append((s, e, cls, label))
    out, pos = [], 0
    for s, e, cls, label in sorted(chosen):
        out.append(escape(text[pos:s], quote=False))
        out.append(f'<mark class="{cls}" title="{escape(label)}">{escape(text[s:e], quote=False)}</mark>')
        pos = e
    out.append(escape(text[pos:], quote=False))
    return "".join(out)
