"""Readable, unique node labels, and the one table of words the graph shows to people.

Every word the citation graph and the cascade show (column headers, level
names, status, the HTML pages' captions) is in `TEXT`, Vietnamese first and
English on request, so it can move into the project's message catalogue as
it is.

    >>> readable_label("2379", "KH-UBND", "UBND huyện Châu Thành", "2021-08-06")
    '2379/KH-UBND · UBND huyện Châu Thành · 06/8/2021'
    >>> text("level.district"), text("level.district", "en")
    ('Huyện', 'District')
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["TEXT", "short_label", "text", "unique_labels", "vn_date", "readable_label"]

# key → (Vietnamese, English)
TEXT: dict[str, tuple[str, str]] = {
    "level.party": ("Đảng", "Party"), "level.central": ("Trung ương", "Central"), "level.province": ("Tỉnh", "Province"),
    "level.district": ("Huyện", "District"), "level.commune": ("Xã", "Commune"), "level.unit": ("Đơn vị", "Unit"),
    "level.None": ("Chưa rõ cấp", "Level unknown"),
    "status.archive": ("có trong kho", "in the archive"), "status.missing": ("không có trong kho", "not in the archive"),
    "status.ambiguous": ("chưa phân định (nhiều ứng viên)", "ambiguous (several candidates)"),
    "status.unconfirmed": ("chưa đủ bằng chứng", "not enough evidence"),
    "status.registry": ("từ sổ đăng ký", "from a registry"),
    "col.depth": ("Tầng", "Depth"), "col.document": ("Văn bản", "Document"), "col.type": ("Loại", "Type"),
    "col.issuer": ("Cơ quan ban hành", "Issuer"), "col.level": ("Cấp", "Level"), "col.locality": ("Địa phương", "Locality"),
    "col.date": ("Ngày ban hành", "Date"), "col.parent": ("Văn bản cấp trên", "Parent"),
    "col.relation": ("Quan hệ", "Relation"), "col.lead_days": ("Số ngày sau văn bản cấp trên", "Days after parent"),
    "col.coverage": ("Độ bao phủ hoạt động cấp trên", "Coverage of parent's activities"),
    "col.confidence": ("Độ tin cậy", "Confidence"), "col.path": ("Tệp", "File"),
    "cascade.title": ("Chuỗi triển khai", "Implementation cascade"),
    "cascade.gaps": ("Cấp / địa phương chưa có văn bản triển khai trong kho",
                     "Levels / localities with no implementing document in the archive"),
    "cascade.none": ("Không có văn bản nào trong kho triển khai văn bản này.", "No archive document implements this one."),
    "cascade.days": ("ngày", "days"),
    "graph.title": ("Đồ thị trích dẫn", "Citation graph"),
    "graph.search": ("Tìm số, cơ quan, trích yếu…", "Search number, issuer, title…"),
    "graph.stubs": ("văn bản chỉ được trích dẫn", "cited-only documents"), "graph.fit": ("Vừa khung", "Fit"),
    "graph.all": ("Tất cả", "All"), "graph.level": ("Cấp", "Level"), "graph.province": ("Tỉnh", "Province"),
    "graph.year": ("Năm", "Year"), "graph.relation": ("Quan hệ", "Relation"), "graph.groups": ("Nhóm", "Groups"),
    "graph.shown": ("đang hiện", "shown"),
}


def text(key: str, lang: str = "vi") -> str:
    """The words for ``key`` in ``lang`` (``vi`` default, ``en``); the key itself when unknown.

    >>> text("status.missing")
    'không có trong kho'
    """
    pair = TEXT.get(key)
    return key if pair is None else pair[1 if lang == "en" else 0]


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
    name = re.sub(r"^Ủy ban nhân dân\b", "UBND", name, flags=re.I)
    name = re.sub(r"^Hội đồng nhân dân\b", "HĐND", name, flags=re.I)
    return name if len(name) <= 60 else name[:59] + "…"


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
