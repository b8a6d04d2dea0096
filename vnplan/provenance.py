"""One provenance shape: the last step of building a record gives every extracted value one `Source`.

The extractors note where they found a value in several ways (a span of the
header line, an inline ``span`` list, ``start``/``end``, nothing at all).
`attach_sources` turns all of them into one `vnplan.model.Source`, written
the same way for every field: scalar fields in ``record.provenance[field]``
(``recipients`` as a list parallel to the entries), list items under their
own ``"provenance"`` key.  Where the note covers more than the value (the
whole ``Số:`` line for the number), the source is narrowed to the value as
printed; a value with no note (``place``, a recipient, a law cited by name)
is found where it is printed.

    >>> from vnplan.normalize import document_from_text
    >>> from vnplan.record import Record
    >>> doc = document_from_text("Số: 173/KH-UBND")
    >>> r = Record(source={}, number="173", symbol="KH-UBND", provenance={"number": {"span": [0, 15]}})
    >>> attach_sources(doc, None, r)
    >>> r.provenance["number"]["span"], r.provenance["symbol"]["span"]
    ([4, 7], [8, 15])
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from vnplan.document import Document
from vnplan.model import FIELDS, Plan, Source
from vnplan.model.source import EXCERPT, LEGACY_KEYS, item_span
from vnplan.record import Record
from vnplan.structure.model import Outline, Span

__all__ = ["attach_sources", "source_of", "sources"]

def source_of(doc: Document, start: int, end: int) -> Source:
    """The `Source` of ``doc.text[start:end]``: raw span, page, paragraph and cell from the reader.

    >>> from vnplan.normalize import document_from_text
    >>> source_of(document_from_text("Hoà Xá, ngày 25/9/2025"), 0, 6)
    Source(0:6 ¶1 'Hoà Xá')
    """
    rs, re_ = doc.source_span(start, end)
    block = doc.raw.block_at(rs)
    cell = None
    if block is not None and None not in (block.table, block.row, block.col):
        cell = (int(block.table or 0), int(block.row or 0), int(block.col or 0))
    return Source(start, end, raw=(rs, re_), page=block.page if block else None,
                  paragraph=block.paragraph if block else None, cell=cell, text=doc.text[start:end][:EXCERPT])


def _pattern(value: str) -> re.Pattern[str]:
    """The value as printed, with any run of spaces (or none, between letters of a symbol) in between."""
    return re.compile(r"\s*".join(re.escape(part) for part in "".join(value.split())))


def _locate(text: str, value: str | None, lo: int = 0, hi: int | None = None,
            fuzzy_spaces: bool = False) -> tuple[int, int] | None:
    """Where ``value`` is printed in ``text[lo:hi]`` (spaces between words may differ)."""
    if not value or not value.strip():
        return None
    hi = len(text) if hi is None else hi
    if fuzzy_spaces:
        m = _pattern(value).search(text, lo, hi)
    else:
        m = re.compile(r"\s+".join(re.escape(w) for w in value.split())).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def _scalar_spans(doc: Document, record: Record) -> dict[str, tuple[int, int]]:
    """Field → span of its value, narrowed from the line the header extractor noted."""
    text = doc.text
    noted = {k: s for k, v in record.provenance.items() if (s := item_span(v)) is not None}
    out = dict(noted)
    line = noted.get("number")  # the whole "Số: 173/KH-UBND" line
    if line is not None:
        lo = line[0] + (m.end() if (m := re.match(r"\s*Số\s*:?", text[line[0]:line[1]], re.IGNORECASE)) else 0)
        number = _locate(text, record.number, lo, line[1], fuzzy_spaces=True)
        symbol = _locate(text, record.symbol, number[1] if number else lo, line[1], fuzzy_spaces=True)
        out.pop("number")
        out.update({k: v for k, v in (("number", number), ("symbol", symbol)) if v})
    date_line = noted.get("issue_date")  # "Hoà Xá, ngày 25 tháng 9 năm 2025"
    if date_line is not None:
        out.pop("issue_date")
        place = _locate(text, record.place, *date_line)
        after = place[1] if place else date_line[0]
        when = re.search(r"ngày\b.*", text[after:date_line[1]], re.IGNORECASE)
        year = _locate(text, str(record.issue_year) if record.issue_year else None, after, date_line[1])
        if when and record.issue_date:
            out["issue_date"] = (after + when.start(), after + len(text[after:date_line[1]].rstrip()))
        out.update({k: v for k, v in (("place", place), ("issue_year", year)) if v})
    if "title" in out and record.title:
        out["title"] = _locate(text, record.title, *out["title"]) or out["title"]
    if "issuer" in out and record.issuer.get("name"):
        out["issuer"] = _locate(text, record.issuer["name"], *out["issuer"]) or out["issuer"]
    elif record.issuer.get("name"):  # named in the text: where the name, or its head, is printed
        words = record.issuer["name"].split()
        found = next(filter(None, (_locate(text, " ".join(words[:n])) for n in range(len(words), 2, -1))), None)
        if found:
            out["issuer"] = found
    if "doc_type" not in out and record.doc_type:  # not printed: read from the symbol, or a công văn's V/v
        vv = _locate(text, "V/v", *out["title"]) if "title" in out and record.doc_type == "Công văn" else None
        found = vv or out.get("symbol")
        if found:
            out["doc_type"] = found
    return {k: v for k, v in out.items() if _has_value(record, k)}


def _has_value(record: Record, key: str) -> bool:
    value = getattr(record, key, None)
    if isinstance(value, dict):
        return any(value.values())
    return value is not None


def _recipient_spans(doc: Document, outline: Outline | None, record: Record) -> list[tuple[int, int] | None]:
    printed: list[Span] = []
    if outline is not None:
        closing = outline.closing
        printed = [s for s in [*closing.kinh_gui, *closing.recipients] if s.text.strip()]
    out: list[tuple[int, int] | None] = []
    for i, entry in enumerate(record.recipients):
        if i < len(printed) and " ".join(printed[i].text.split()) == entry:
            s, e = printed[i].start, printed[i].end
            out.append(_locate(doc.text, entry, s, e) or (s, e))
        else:
            out.append(_locate(doc.text, entry))
    return out


def _item(doc: Document, item: dict[str, Any], span: tuple[int, int] | None) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k not in LEGACY_KEYS}
    out["provenance"] = source_of(doc, *span).to_dict() if span else None
    return out


def _items(doc: Document, items: Iterable[dict[str, Any]], key: str | None = None) -> list[dict[str, Any]]:
    """List items with their noted span, or (``key``) found where their value is printed."""
    return [_item(doc, item, item_span(item) or (_locate(doc.text, item.get(key)) if key else None)) for item in items]


def attach_sources(doc: Document, outline: Outline | None, record: Record) -> None:
    """Give every value of ``record`` one `Source`, in place, in the one JSON shape (see the module doc)."""
    scalars = _scalar_spans(doc, record)
    recipients = _recipient_spans(doc, outline, record)
    data = record.to_dict()
    data["provenance"] = {k: source_of(doc, *scalars[k]).to_dict() for k in scalars}
    if record.recipients:
        data["provenance"]["recipients"] = [source_of(doc, *s).to_dict() if s else None for s in recipients]
    for key in ("citations", "activities", "responsibilities", "deadlines", "sections"):
        data[key] = _items(doc, data[key])
    data["named_citations"] = _items(doc, data["named_citations"], key="name")
    canonical = Plan.from_dict(data).to_dict()
    for key in FIELDS:
        setattr(record, key, canonical[key])


def sources(record: Record) -> list[tuple[str, Any, Source]]:
    """Every value of ``record`` with its `Source`: ``(field path, value, source)``, in field order.

    >>> r = Record(source={}, number="173", provenance={"number": {"span": [4, 7], "text": "173"}})
    >>> sources(r)
    [('number', '173', Source(4:7 '173'))]
    """
    plan = record.typed()
    out: list[tuple[str, Any, Source]] = []
    for key in FIELDS:
        if key in plan.provenance:
            out.append((key, getattr(record, key), plan.provenance[key]))
    for key in ("citations", "named_citations", "activities", "responsibilities", "deadlines", "recipients"):
        for i, value in enumerate(getattr(plan, key)):
            if value.source is not None:
                out.append((f"{key}[{i}]", getattr(record, key)[i], value.source))
    return out
