"""Readable, unique node labels and level names.

The words the citation graph and the cascade show to people (column headers,
level names, statuses, the HTML pages' captions) live in the project's message
catalogue (``vnplan/data/messages.tsv``, read by `vnplan.i18n.t`), Vietnamese
first and English on request.

    >>> readable_label("2379", "KH-UBND", "UBND huyện Châu Thành", "2021-08-06")
    '2379/KH-UBND · UBND huyện Châu Thành · 06/8/2021'
"""
from __future__ import annotations

import re
from typing import Any

from vnplan.i18n import t
from vnplan.plaintext import clip

__all__ = ["level_name", "readable_label", "short_label", "unique_labels", "vn_date"]

_LEVELS = ("party", "central", "province", "district", "commune", "unit")

def level_name(level: str | None, lang: str | None = None) -> str:
    """A level's name from the message catalogue (`vnplan.i18n`), capitalised for a heading or a badge.

    >>> level_name("district"), level_name("district", "en"), level_name(None)
    ('Huyện', 'District', 'Chưa rõ cấp')
    """
    name = t(f"level.{level}" if level in _LEVELS else "level.unknown", lang=lang or "vi")
    return name[:1].upper() + name[1:]


def vn_date(iso: Any) -> str | None:
    """``2021-08-06`` → ``06/8/2021`` (day two digits, month as written in Vietnamese documents).

    >>> vn_date("2021-08-06"), vn_date("2021"), vn_date(None)
    ('06/8/2021', '2021', None)
    """
    if not iso:
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(iso))
    if not match:
        return str(iso)
    return f"{match.group(3)}/{int(match.group(2))}/{match.group(1)}"


def short_label(number: Any, symbol: Any) -> str:
    """``173/KH-UBND``; ``…/KH-UBND`` for a blank number; ``(không số)`` for neither.

    >>> short_label(None, "KH-UBND"), short_label(None, None)
    ('…/KH-UBND', '(không số)')
    """
    number = str(number).strip() if number else ""
    symbol = re.sub(r"\s+", "", str(symbol)) if symbol else ""
    if not symbol:
        return number or "(không số)"
    return f"{number or '…'}/{symbol}"


def _issuer_short(issuer: Any) -> str | None:
    if not issuer:
        return None
    name = " ".join(str(issuer).split())
    name = re.sub(r"^Ủy ban nhân dân\b", "UBND", name, flags=re.IGNORECASE)
    name = re.sub(r"^Hội đồng nhân dân\b", "HĐND", name, flags=re.IGNORECASE)
    return clip(name, 60, words=False)


def readable_label(number: Any, symbol: Any, issuer: Any = None, date: Any = None, year: Any = None) -> str:
    """``số/ký hiệu · cơ quan · ngày``, the parts that are known.

    >>> readable_label(None, "UBND-NC", "Ủy ban nhân dân tỉnh Lâm Đồng", None, 2025)
    '…/UBND-NC · UBND tỉnh Lâm Đồng · 2025'
    """
    parts = [short_label(number, symbol), _issuer_short(issuer), vn_date(date) or (str(year) if year else None)]
    return " · ".join(p for p in parts if p)


def unique_labels(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Node id → label, made unique: a repeated label gets its file name, then a running number.

    ``labels`` maps a node id to (label, file name or "").

    >>> unique_labels({"a": ("…/KH-UBND", "a.pdf"), "b": ("…/KH-UBND", "b.pdf"), "c": ("5/KH", "")})
    {'a': '…/KH-UBND · a.pdf', 'b': '…/KH-UBND · b.pdf', 'c': '5/KH'}
    """
    counts: dict[str, int] = {}
    for label, _ in labels.values():
        counts[label] = counts.get(label, 0) + 1
    out: dict[str, str] = {}
    seen: set[str] = set()
    for node, (label, file) in labels.items():
        name = f"{label} · {file}" if counts[label] > 1 and file else label
        base, n = name, 1
        while name in seen:
            n += 1
            name = f"{base} ({n})"
        seen.add(name)
        out[node] = name
    return out
