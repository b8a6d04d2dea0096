"""The entity view of a document from its record: what vnplan extracted, highlighted displaCy-style.

The spans come from the record itself, not from a NER model's guesses: the issuer
(header lines), the place of issue, the signer's name, each agency named in the
responsibilities (whole, as the record has it, and wherever the same name recurs),
the cited documents and the dates vnplan's date rules find.  A statistical tagger
calls ``Quốc Tử Giám`` a person and stops at ``Sở Văn hóa`` in ``Sở Văn hóa và Thể
thao``; the record does neither.

    >>> from vnplan.record import Record
    >>> text = "Sở Văn hóa và Thể thao chủ trì.\\nSở Văn hóa và Thể thao báo cáo."
    >>> rec = Record(source={"path": "kh.txt"}, responsibilities=[{"agency": "Sở Văn hóa và Thể thao", "span": [0, 31]}])
    >>> [(text[e.start:e.end], e.label) for e in record_entities(rec, text)]
    [('Sở Văn hóa và Thể thao', 'ORG'), ('Sở Văn hóa và Thể thao', 'ORG')]
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from vnplan.model.source import item_span
from vnplan.record import Record

__all__ = ["COLORS", "Entity", "EntityView", "entity_view", "record_entities"]

#: label → colour (the labels shown are from the message catalogue: ``entity.ORG`` …)
COLORS = {"DOC": "#f4b183", "DATE": "#9dc3e6", "ORG": "#a9d18e", "PER": "#ffd966", "LOC": "#d5b8e8"}


@dataclass(frozen=True)
class Entity:
    """A span ``[start, end)`` of the document text, its label and the record field it comes from."""

    start: int
    end: int
    label: str
    field: str


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return value[0], value[1]
    return None


def _find(text: str, needle: str | None, start: int, end: int) -> tuple[int, int] | None:
    """``needle`` inside ``text[start:end]``, ignoring case and runs of white space."""
    if not needle or not needle.strip():
        return None
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    m = re.compile(pattern, re.IGNORECASE).search(text, max(start, 0), max(min(end, len(text)), 0))
    return (m.start(), m.end()) if m else None


def _header(record: Record, text: str) -> list[Entity]:
    """Issuer, place and signer: the spans the record's provenance points at."""
    out: list[Entity] = []
    prov = record.provenance
    issuer = _span((prov.get("issuer") or {}).get("span"))
    if issuer:
        out.append(Entity(*issuer, "ORG", "issuer"))
    dated = _span((prov.get("place") or prov.get("issue_date") or {}).get("span"))
    place = _find(text, record.place, *dated) if dated else None
    if place:
        out.append(Entity(*place, "LOC", "place"))
    signed = _span((prov.get("signer") or {}).get("span"))
    name = _find(text, record.signer.get("name"), *signed) if signed else None
    if name:
        out.append(Entity(*name, "PER", "signer"))
    return out


def _agencies(record: Record, text: str) -> list[Entity]:
    """Each responsibility's agency at the head of its section, and every later mention of the same name."""
    out: list[Entity] = []
    names: set[str] = set()
    for entry in record.responsibilities:
        agency = entry.get("agency") if isinstance(entry, dict) else None
        span = item_span(entry)
        found = _find(text, agency, span[0], span[1]) if span else None
        if found:
            out.append(Entity(*found, "ORG", "responsibilities"))
        if agency and len(agency) >= 6:
            names.add(agency)
    for agency in sorted(names, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in agency.split()) + r"(?!\w)")
        out.extend(Entity(m.start(), m.end(), "ORG", "responsibilities") for m in pattern.finditer(text))
    return out


def _citations(record: Record) -> list[Entity]:
    out: list[Entity] = []
    for cite in record.citations:
        for mention in cite.get("mentions") or [[cite.get("start"), cite.get("end")]]:
            span = _span(list(mention))
            if span:
                out.append(Entity(*span, "DOC", "citations"))
    return out


def _dates(text: str) -> list[Entity]:
    from vnplan.extract.dates import find_dates

    return [Entity(m.start, m.end, "DATE", "dates") for m in find_dates(text, None)]


def record_entities(record: Record, text: str) -> list[Entity]:
    """The entities of ``text`` (the record's normalised document text) that the record names, in text order.

    Overlaps are settled in favour of the record's own fields (header, agencies, citations) over dates,
    then the longer span.

    >>> rec = Record(source={"path": "kh.txt"}, place="Hà Nội", signer={"name": "Vũ Đại Thắng"},
    ...              provenance={"issue_date": {"span": [0, 32]}, "signer": {"span": [33, 54]}})
    >>> text = "Hà Nội, ngày 28 tháng 4 năm 2026\\nCHỦ TỊCH Vũ Đại Thắng"
    >>> [(text[e.start:e.end], e.label) for e in record_entities(rec, text)]
    [('Hà Nội', 'LOC'), ('ngày 28 tháng 4 năm 2026', 'DATE'), ('Vũ Đại Thắng', 'PER')]
    """
    ranked = [*_header(record, text), *_agencies(record, text), *_citations(record)]
    ranked = [e for e in ranked if 0 <= e.start < e.end <= len(text)]
    ranked.sort(key=lambda e: e.start - e.end)  # longer first
    chosen: list[Entity] = []
    taken = bytearray(len(text) + 1)
    for entity in [*ranked, *_dates(text)]:
        if any(taken[entity.start:entity.end]):
            continue
        taken[entity.start:entity.end] = b"\x01" * (entity.end - entity.start)
        chosen.append(entity)
    return sorted(chosen, key=lambda e: e.start)


@dataclass(frozen=True)
class EntityView:
    """displaCy-style HTML of a stretch of a document; Jupyter shows it, ``str()`` gives the HTML."""

    html: str
    entities: tuple[Entity, ...]

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def entity_view(record: Record, document: Any, start: int = 0, end: int | None = None) -> EntityView:
    """The entity view of ``document`` (a `vnplan.Document` or its text) from ``start`` to ``end``.

    >>> rec = Record(source={"path": "kh.txt"}, responsibilities=[{"agency": "Sở Y tế", "span": [0, 16]}])
    >>> view = entity_view(rec, "Sở Y tế chủ trì.")
    >>> "Sở Y tế" in view.html and [e.label for e in view.entities]
    ['ORG']
    """
    from spacy import displacy

    from vnplan.i18n import t

    text = getattr(document, "text", document)
    end = len(text) if end is None else min(end, len(text))
    shown = tuple(e for e in record_entities(record, text) if start <= e.start and e.end <= end)
    names = {label: t(f"entity.{label}") for label in COLORS}
    parsed = {"text": text[start:end], "title": None,
              "ents": [{"start": e.start - start, "end": e.end - start, "label": names[e.label]} for e in shown]}
    body = displacy.render(parsed, style="ent", manual=True, jupyter=False,
                           options={"colors": {names[k]: v for k, v in COLORS.items()}})
    legend = " ".join(f'<mark style="background:{c};padding:0 4px;border-radius:3px">{html.escape(names[k])}</mark>'
                      for k, c in COLORS.items())
    return EntityView(f'<div class="vnp-entities"><div style="font-size:12px">{legend}</div>{body}</div>', shown)
