"""The annotate verb: a document's text with every extracted value marked where it is printed.

This is the honest view of provenance for a reviewer (eyecite's
``annotate_citations`` does the same for citations): each value of the record
is wrapped, at its `vnplan.model.Source`, in ``⟦field|…⟧`` (plain text) or
``<mark data-field="field">…</mark>`` (HTML, the text escaped).  Marks nest;
a value whose span crosses the end of another is closed there and reopened,
so every mark's pieces join to exactly the value's source text.

    >>> from vnplan.normalize import document_from_text
    >>> from vnplan.record import Record
    >>> doc = document_from_text("Số: 173/KH-UBND")
    >>> rec = Record(source={}, number="173", symbol="KH-UBND",
    ...              provenance={"number": {"span": [4, 7]}, "symbol": {"span": [8, 15]}})
    >>> annotate(doc, rec)
    'Số: ⟦number|173⟧/⟦symbol|KH-UBND⟧'
    >>> annotate(doc, rec, html=True)
    'Số: <mark data-field="number">173</mark>/<mark data-field="symbol">KH-UBND</mark>'
"""
from __future__ import annotations

import html as _html
from dataclasses import dataclass

from vnplan.document import Document
from vnplan.provenance import sources
from vnplan.record import Record

__all__ = ["CLOSE", "OPEN", "SEP", "annotate"]

OPEN, SEP, CLOSE = "⟦", "|", "⟧"


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    label: str
    order: int


def _open(mark: _Mark, as_html: bool) -> str:
    return f'<mark data-field="{_html.escape(mark.label)}">' if as_html else f"{OPEN}{mark.label}{SEP}"


def _marks(record: Record, text_length: int) -> list[_Mark]:
    found = [(path, src) for path, _value, src in sources(record)]
    return [_Mark(s.start, min(s.end, text_length), path, i) for i, (path, s) in enumerate(found)
            if s.start < min(s.end, text_length)]


def annotate(doc: Document, record: Record, *, html: bool = False) -> str:
    """``doc.text`` with every value of ``record`` marked at its source (``html=True``: ``<mark>`` tags).

    >>> from vnplan.normalize import document_from_text
    >>> doc = document_from_text("Hoà Xá, ngày 25 tháng 9 năm 2025")
    >>> annotate(doc, Record(source={}, place="Hoà Xá", provenance={"place": {"span": [0, 6]}}))
    '⟦place|Hoà Xá⟧, ngày 25 tháng 9 năm 2025'
    """
    text = doc.text
    esc = _html.escape if html else (lambda s: s)
    close = "</mark>" if html else CLOSE
    marks = _marks(record, len(text))
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    stack: list[_Mark] = []
    prev = 0
    for pos in bounds:
        out.append(esc(text[prev:pos]))
        prev = pos
        ending = [i for i, m in enumerate(stack) if m.end == pos]
        reopen: list[_Mark] = []
        if ending:
            lowest = ending[0]
            reopen = [m for m in stack[lowest:] if m.end != pos]
            out.append(close * (len(stack) - lowest))
            del stack[lowest:]
        for mark in sorted(reopen + starting.get(pos, []), key=lambda m: (-m.end, m.order)):
            out.append(_open(mark, html))
            stack.append(mark)
    return "".join(out)
