"""Where a check or a coverage row rests in the documents: the sentence and its page, and a document heading.

A record keeps pages for its provenance fields and activities; any other span
(a deadline, a citation) takes the page of the nearest anchor before it, and is
marked approximate (``~``) when the next anchor is on a later page.

    >>> from vnplan.record import Record
    >>> heading(Record(source={"path": "kh.pdf"}, doc_type="Kế hoạch", number="173", symbol="KH-UBND",
    ...                issue_date="2026-04-28", issuer={"name": "Ủy ban nhân dân thành phố Hà Nội"}))
    'KH 173/KH-UBND · UBND TP Hà Nội · 28/4/2026'
"""
from __future__ import annotations

import re
from typing import Any

from vnplan.model.source import item_span
from vnplan.record import Record

__all__ = ["TYPE_ABBREVIATIONS", "Source", "heading", "page_at", "page_label", "percent", "short_issuer", "source"]

TYPE_ABBREVIATIONS = {
    "Kế hoạch": "KH", "Quyết định": "QĐ", "Công văn": "CV", "Chỉ thị": "CT", "Thông báo": "TB",
    "Nghị quyết": "NQ", "Hướng dẫn": "HD", "Báo cáo": "BC", "Tờ trình": "TTr", "Chương trình": "CTr",
    "Thông tư": "TT", "Nghị định": "NĐ", "Công điện": "CĐ",
}
_ISSUER_SHORT = [(re.compile(r"\b(?:Ủy|Uỷ|Uy) ban nhân dân\b", re.IGNORECASE), "UBND"),
                 (re.compile(r"\bHội đồng nhân dân\b", re.IGNORECASE), "HĐND"), (re.compile(r"\bthành phố\b", re.IGNORECASE), "TP")]

Source = dict[str, Any]  # {"side": "template" | "local", "text": str, "page": int | None, "approx": bool}


def short_issuer(name: str | None) -> str:
    """``Ủy ban nhân dân thành phố Hà Nội`` → ``UBND TP Hà Nội``.

    >>> short_issuer("Uỷ ban nhân dân tỉnh Lào Cai")
    'UBND tỉnh Lào Cai'
    """
    text = " ".join((name or "").split())
    for pattern, short in _ISSUER_SHORT:
        text = pattern.sub(short, text)
    return text


def _date_vi(iso: str | None) -> str | None:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", iso or "")
    return f"{int(m[3])}/{int(m[2])}/{m[1]}" if m else None


def heading(record: Record) -> str:
    """``KH 173/KH-UBND · UBND TP Hà Nội · 28/4/2026``: type, number, issuer and date (the file name when none is known)."""
    kind = TYPE_ABBREVIATIONS.get(record.doc_type or "", record.doc_type or "")
    number = record.label if (record.number or record.symbol) else ""
    first = " ".join(p for p in (kind, number) if p)
    date = _date_vi(record.issue_date) or (str(record.issue_year) if record.issue_year else None)
    parts = [p for p in (first, short_issuer(record.issuer.get("name")), date) if p]
    if not first:
        parts.insert(0, str(record.source.get("path") or "").rsplit("/", 1)[-1] or "?")
    return " · ".join(parts)


def _anchors(record: Record) -> list[tuple[int, int]]:
    """(start, page) of every value whose source has a page, from the typed record."""
    plan = record.typed()
    found = [*plan.provenance.values(),
             *(value.source for key in ("activities", "deadlines", "responsibilities") for value in getattr(plan, key))]
    return sorted((src.start, src.page) for src in found if src is not None and src.page)


def page_at(record: Record, offset: int | None) -> tuple[int | None, bool]:
    """(page, approximate) of a character offset in the record's text.

    >>> r = Record(source={}, activities=[{"text": "a", "provenance": {"span": [10, 20], "page": 2}},
    ...                                   {"text": "b", "provenance": {"span": [90, 99], "page": 4}}])
    >>> page_at(r, 10), page_at(r, 50)
    ((2, False), (2, True))
    """
    if offset is None:
        return None, False
    anchors = _anchors(record)
    before = [p for s, p in anchors if s <= offset]
    after = [p for s, p in anchors if s > offset]
    if not before:
        return (1, False) if after and after[0] == 1 else (None, False)
    exact = any(s == offset for s, _ in anchors) or (bool(after) and after[0] == before[-1])
    return before[-1], not exact


def source(record: Record, side: str, text: str | None, *, item: dict[str, Any] | None = None,
           field: str | None = None) -> Source | None:
    """The evidence of one side: a sentence and its page, from a record item (span/page) or a provenance field."""
    page: int | None = None
    approx = False
    if field and isinstance(record.provenance.get(field), dict):
        prov = record.provenance[field]
        page, text = prov.get("page"), text or prov.get("text")
    elif item is not None:
        prov = item.get("provenance") or {}
        if prov.get("page"):
            page = int(prov["page"])
        else:
            span = item_span(item)
            page, approx = page_at(record, span[0] if span else None)
    if not text:
        return None
    return {"side": side, "text": " ".join(str(text).split()), "page": page, "approx": approx}


def percent(coverage: Any) -> str:
    """The coverage as ``86%``, or the catalogue's n/a when there is nothing to cover."""
    from vnplan.i18n import t

    return t("result.n/a") if coverage.ratio is None else f"{coverage.ratio:.0%}"


def page_label(src: Source | None, lang: str | None = None) -> str:
    """``tr. 3`` / ``p. 3`` (``~3`` when approximate); empty when the page is unknown."""
    from vnplan.i18n import t

    if not src or not src.get("page"):
        return ""
    return t("evidence.page", lang, page=("~" if src.get("approx") else "") + str(src["page"]))
