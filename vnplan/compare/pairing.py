"""Is this a sensible template / local pair?  Blockers make the verdict inconclusive; warnings are shown with it.

Blockers: a side that is an error record or empty (nothing was read), or the
same document on both sides.  Warnings: the template is at a lower level than
the local plan (swapped?), the template cites the local plan, or the local plan
does not cite the template and the two share no topic.

    >>> from vnplan.record import Record
    >>> t = Record(source={"path": "xa.txt"}, title="Kế hoạch học tập", issuer={"name": "UBND xã A", "level": "commune"})
    >>> l = Record(source={"path": "tinh.txt"}, title="Kế hoạch học tập", issuer={"name": "UBND tỉnh B", "level": "province"})
    >>> pair_warnings(t, l, citation_found=False)[0].startswith("kế hoạch cấp trên")
    True
"""
from __future__ import annotations

import os
import re

from vnplan.compare.similarity import fold, tfidf_char
from vnplan.i18n import t
from vnplan.record import Record

__all__ = ["LEVEL_RANK", "TOPIC_SIMILARITY", "blockers", "is_empty", "pair_warnings", "same_document"]

LEVEL_RANK = {"central": 0, "party": 0, "province": 1, "district": 2, "commune": 3}  # "unit": no rank
TOPIC_SIMILARITY = 0.2  # title + theme this similar (TF-IDF, character n-grams) count as a shared topic


def is_empty(record: Record) -> bool:
    """An error record, or a record with nothing read (no type, number, title, activities)."""
    if record.source.get("error"):
        return True
    return not any((record.doc_type, record.number, record.title, record.activities, record.issuer.get("name"),
                    record.theme, record.citations))


def _path(record: Record) -> str | None:
    path = record.source.get("path")
    return os.path.realpath(path) if path and os.path.exists(str(path)) else (str(path) if path else None)


def same_document(a: Record, b: Record) -> bool:
    """The same file, the same content digest, or the same issuer, number, symbol and date with the same text."""
    if a is b:
        return True
    if _path(a) and _path(a) == _path(b):
        return True
    base = lambda r: str(r.source.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]
    if base(a) and base(a) == base(b) and fold(a.issuer.get("name")) == fold(b.issuer.get("name")):
        return True  # the same file as a document and as its record
    digest = a.source.get("sha256")
    if digest and digest == b.source.get("sha256"):
        return True
    if a.number and a.key == b.key and a.issue_date == b.issue_date:
        return True
    texts = lambda r: [fold(x.get("text") if isinstance(x, dict) else str(x)) for x in r.activities]
    return bool(a.activities) and texts(a) == texts(b) and fold(a.title) == fold(b.title)


def blockers(template: Record, local: Record) -> list[str]:
    """Reasons the comparison cannot give a verdict (empty when it can)."""
    out = []
    for side, record in (("template", template), ("local", local)):
        if is_empty(record):
            why = record.source.get("message") or record.source.get("error") or t("pair.nothing_read")
            out.append(t("pair.unreadable", side=t(f"side.{side}"), name=_name(record), why=why))
    if not out and same_document(template, local):
        out.append(t("pair.same_document", name=_name(local)))
    return out


def _name(record: Record) -> str:
    from vnplan.compare.evidence import heading

    return heading(record)


def _topic(record: Record) -> str:
    return " ".join(x for x in (record.title, record.theme) if x)


def _cites(citer: Record, cited: Record) -> bool:
    key = lambda s: re.sub(r"[^0-9a-z]", "", fold(s))
    return bool(cited.number) and any(
        str(c.get("number")) == str(cited.number) and (not c.get("symbol") or not cited.symbol
                                                      or key(c["symbol"]) == key(cited.symbol))
        for c in citer.citations)


def topic_similarity(template: Record, local: Record) -> float | None:
    a, b = _topic(template), _topic(local)
    return float(tfidf_char([a], [b])[0, 0]) if a and b else None


def pair_warnings(template: Record, local: Record, *, citation_found: bool) -> list[str]:
    """Warnings for a pair that looks wrong; the verdict stands, but a person should look."""
    out: list[str] = []
    rank_t = LEVEL_RANK.get(str(template.issuer.get("level")))
    rank_l = LEVEL_RANK.get(str(local.issuer.get("level")))
    if rank_t is not None and rank_l is not None and rank_t > rank_l:
        out.append(t("pair.lower_level", template=t(f"level.{template.issuer['level']}"),
                     local=t(f"level.{local.issuer['level']}")))
    if _cites(template, local) and not _cites(local, template):
        out.append(t("pair.template_cites_local"))
    if not citation_found:
        sim = topic_similarity(template, local)
        if sim is not None and sim < TOPIC_SIMILARITY:
            out.append(t("pair.unrelated", sim=f"{sim:.2f}"))
    return out

