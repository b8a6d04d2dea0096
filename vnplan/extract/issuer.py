"""The issuing body: from the header's agency lines, else from the body or signature.

    >>> issuer_from_agency_lines(["ỦY BAN NHÂN DÂN", "XÃ HOÀ XÁ"])
    {'name': 'Ủy ban nhân dân xã Hoà Xá', 'level': 'commune', 'parent': None}
    >>> issuer_from_agency_lines(["UBND TỈNH GIA LAI", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"])["name"]
    'Sở Nông nghiệp và Môi trường'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vnplan.extract.casing import agency_case

__all__ = ["complete_school_name", "issuer_from_agency_lines", "issuer_from_signature", "issuer_from_text",
           "joined_agency_at", "level_from_place"]

_COUNCIL = re.compile(r"^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$|^UBND$|^HĐND$", re.I)
_LOCALITY = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b", re.I)
# marks of the two header words OCR misreads most (ÚY BAN, TĨNH QUẢNG NGÃI): read as printed before matching
_OCR_HEAD = [(re.compile(r"^[ÚÙỤU]Y BAN NHÂN DÂN\b"), "ỦY BAN NHÂN DÂN"), (re.compile(r"^T[ĨÍÌỊ]NH(?= [A-ZĐ])"), "TỈNH")]
_NUMBER_TAIL = re.compile(r"\s+S[ốôỐÔ]\s*[:;].*$")
_UNIT = re.compile(r"^(?:Trường|Trương|Trung tâm|Học viện|Viện|Đại học)\s+\S", re.I)
_CONTINUES = re.compile(r"^(THEO|VÀ|CỦA|SỐ|VỀ|TẠI|TRỰC THUỘC|THUỘC)\b", re.I)
_NOT_AGENCY = re.compile(r"CỘNG HÒA|CỘNG HOÀ|XÃ HỘI CHỦ NGHĨA|Độc lập|ĐỘC LẬP|^Số\s*[:;]|^-+$", re.I)


@lru_cache(maxsize=1)
def _joined_cue() -> tuple[re.Pattern[str], frozenset[str]]:
    from vnplan.structure.markers import layout_cue

    cue = layout_cue("agency_lines_joined")
    return re.compile(cue["pattern"]), frozenset(cue["not_after"])


def joined_agency_at(line: str) -> int | None:
    """Where the unit starts in a parent and unit read as one line, else None.

    Pattern, examples and counter-examples: ``data/layout_cues.json`` (``agency_lines_joined``).

    >>> t = "UBND HUYỆN AN PHÚ PHÒNG KINH TẾ - HẠ TẦNG"
    >>> t[joined_agency_at(t):]
    'PHÒNG KINH TẾ - HẠ TẦNG'
    """
    rx, not_after = _joined_cue()
    for m in rx.finditer(line):
        left = line[: m.start()].split()
        if len(left) >= 2 and left[-1] not in not_after and len(line[m.end():].split()) >= 2:
            return m.end()
    return None


def _split_joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        k = joined_agency_at(line) if len(line.split()) >= 5 else None
        out.extend([line[:k].strip(), line[k:].strip()] if k else [line])
    return out


def continues_unit_name(previous: str, line: str) -> bool:
    from vnplan.structure.markers import continues_unit_name as rule

    return rule(previous, line)


def wraps_unit_name(parent: str, previous: str, line: str) -> bool:
    """Whether ``line`` carries on the unit name of ``previous`` that sits under ``parent`` in box 1.

    Examples and counter-examples: ``data/layout_cues.json`` (``unit_name_wrapped_under_parent``).

    >>> wraps_unit_name("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CỤC NHÀ GIÁO VÀ CÁN BỘ", "QUẢN LÝ GIÁO DỤC")
    True
    """
    from vnplan.structure.markers import is_upper_line, layout_cues

    heads = layout_cues()["agency_heads"]

    def opens_with_head(text: str) -> bool:
        up = " ".join(text.upper().split())
        return any(up == h or up.startswith(h + " ") for h in heads)

    if not parent.strip() or not opens_with_head(previous) or opens_with_head(line):
        return False
    return (is_upper_line(line, 0.9) and len(line.split()) >= 3 and not re.search(r"[\d\-–]", line)
            and not _LOCALITY.match(line.strip()))


def _level(name: str) -> str | None:
    from vnplan.extract.agencies import level_of

    return level_of(name)


def issuer_from_agency_lines(lines: list[str]) -> dict[str, Any]:
    """Issuer name/level/parent from the header's agency lines (top-left box)."""
    lines = [" ".join(x.split()) for x in lines if x and x.strip() and not _NOT_AGENCY.search(x)]
    strip = " -_*\"'“”„.,`|"  # quotes, rules and a scan's specks around the line ("„ .UỶ BAN NHÂN DÂN", "HUYỆN SÌN HỒ. -")
    lines = _split_joined([_as_printed(_without_debris(x.strip(strip))) for x in lines if x.strip(strip)])
    if not lines:
        return {"name": None, "level": None, "parent": None}
    units: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if units and (_CONTINUES.match(line) or continues_unit_name(units[-1], line)
                      or len(units) >= 2 and wraps_unit_name(units[-2], units[-1], line)):  # a name wrapped over lines: "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH"
            units[-1] = f"{units[-1]} {line}"
            i += 1
            continue
        if _COUNCIL.match(line) and i + 1 < len(lines) and _LOCALITY.match(lines[i + 1]):
            units.append(f"{line} {lines[i + 1]}")
            i += 2
            continue
        last_line = i == len(lines) - 1
        if units and last_line and _LOCALITY.match(line) and len(line.split()) <= 4 and _is_unit_without_place(units[-1]):
            # "SỞ CÔNG THƯƠNG" / "TỈNH LÀO CAI": the place completes the unit's name
            units[-1] = f"{units[-1]} {line}"
            i += 1
            continue
        units.append(line)
        i += 1
    name = agency_case(units[-1])
    parent = agency_case(units[-2]) if len(units) > 1 else None
    level = _level(name)
    if level is None and _UNIT.match(name):
        level = "unit"  # a school or centre issuing in its own name (a misspelt "Trương" too)
    if level is None and parent:  # a unit of a body (Đoàn kiểm tra of a Sở) takes its parent's level
        level = _level(parent)
    elif parent and re.match(r"^Phòng\b", name) and _level(parent) in ("district", "commune"):
        level = _level(parent)  # a Phòng of a UBND huyện is district, of a UBND xã commune (2025 reorganisation)
    return {"name": name, "level": level, "parent": parent}


def _as_printed(line: str) -> str:
    """An agency line with the Số field OCR ran into it cut off, and its head words' marks as printed.

    >>> _as_printed("TĨNH QUẢNG NGÃI"), _as_printed("SỞ GIÁO DỤC VÀ ĐÀO TẠO Số;/2⁄/TB-SGD&ĐT")
    ('TỈNH QUẢNG NGÃI', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO')
    """
    line = _NUMBER_TAIL.sub("", line)
    for rx, repl in _OCR_HEAD:
        line = rx.sub(repl, line)
    return line


def _without_debris(line: str) -> str:
    """An agency line in capitals without the seal or signature specks OCR put after it (``BỘ GIÁO DỤC VÀ ĐÀO TẠO na``)."""
    from vnplan.extract.casing import is_upper

    words = line.split()
    while len(words) > 2 and words[-1].islower() and len(words[-1]) <= 2 and is_upper(" ".join(words[:-1])):
        words.pop()
    return " ".join(words)


def _is_unit_without_place(name: str) -> bool:
    return bool(re.match(r"^(SỞ|BAN|VĂN PHÒNG|CÔNG AN|BỘ CHỈ HUY)\b", name, re.I)) and not _LOCALITY.search(name)


_BODY_ISSUER = re.compile(
    r"(?P<name>(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Chủ tịch UBND|Chủ tịch Ủy ban nhân dân)\s+"
    r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+"
    r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
    r"\s+(?:xây dựng|ban hành|đề nghị|triển khai|yêu cầu|tổ chức)",
)


def issuer_from_text(text: str) -> dict[str, Any] | None:
    """Issuer named in the opening of the body: ``UBND xã Hoà Xá xây dựng Kế hoạch …``.

    >>> issuer_from_text("…; UBND huyện Thanh Oai đề nghị UBND các xã …")["name"]
    'UBND huyện Thanh Oai'
    """
    m = _BODY_ISSUER.search(text)
    if not m:
        return None
    name = re.sub(r"^Chủ tịch\s+", "", m.group("name"))
    return {"name": name, "level": _level(name), "parent": None}


_LOCALITY_IN_TEXT = re.compile(
    r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")


def complete_locality(issuer: dict[str, Any], *texts: str | None) -> dict[str, Any]:
    """Complete a bare ``Ủy ban nhân dân [tỉnh]`` with the locality the title or opening names.

    >>> complete_locality({"name": "Ủy ban nhân dân tỉnh", "level": None, "parent": None},
    ...                   "Tổ chức Tuần lễ … trên địa bàn tỉnh Thanh Hóa")["name"]
    'Ủy ban nhân dân tỉnh Thanh Hóa'
    """
    name = issuer.get("name") or ""
    m = re.fullmatch(r"(Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)(?:\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))?",
                     name.strip(), re.I)
    if not m:
        return issuer
    for text in texts:
        for loc in _LOCALITY_IN_TEXT.finditer(text or ""):
            if m.group(2) and loc.group(1).lower() != m.group(2).lower():
                continue
            full = f"{m.group(1)} {loc.group(1)} {loc.group(2)}"
            return {**issuer, "name": full, "level": _level(full)}
    return issuer


def issuer_from_signature(authority: list[str], place: str | None = None) -> dict[str, Any] | None:
    """A collective body from ``TM. ỦY BAN NHÂN DÂN`` (completed with the place when known)."""
    for line in authority:
        m = re.match(r"^TM\.\s*(.+)$", line.strip(), re.I)
        if m:
            body = agency_case(m.group(1))
            return {"name": body, "level": None, "parent": None}
    return None


_BOARD = re.compile(r"^(?:Ban|BCĐ|Hội đồng|HĐ|Đoàn|Tổ công tác|Ủy ban|Uỷ ban)\b", re.I)


def level_from_place(issuer: dict[str, Any], place: str | None) -> str | None:
    """The level of a board with no level of its own (Ban thường trực of a BCĐ, Hội đồng …) from the place line.

    A body of a province prints the province as its địa danh (record.md: a Ban chỉ đạo of a province is
    ``province``); anything else stays unknown.

    >>> level_from_place({"name": "Ban Thường trực", "parent": "BCĐ phòng, chống dịch COVID-19"}, "Gia Lai")
    'province'
    >>> level_from_place({"name": "Ban Thường trực", "parent": None}, "An Phú") is None
    True
    """
    from vnplan.extract.places import province_of

    if not place or province_of(place) is None:
        return None
    names = [issuer.get("name") or "", issuer.get("parent") or ""]
    return "province" if any(_BOARD.match(n) for n in names) else None


# a school's kind, spelt out or abbreviated: a header line that OCR cut after it names no school
_SCHOOL_KINDS = {
    "trung hoc pho thong": "THPT|TRUNG\\s+HỌC\\s+PHỔ\\s+THÔNG|Trung\\s+học\\s+phổ\\s+thông",
    "trung hoc co so": "THCS|TRUNG\\s+HỌC\\s+CƠ\\s+SỞ|Trung\\s+học\\s+cơ\\s+sở",
    "tieu hoc": "TH|TIỂU\\s+HỌC|Tiểu\\s+học",
    "mam non": "MN|MẦM\\s+NON|Mầm\\s+non",
}
_PROPER = r"([A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,4})"


def _bare_fold(text: str) -> str:
    import unicodedata

    bare = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in bare if unicodedata.category(c) != "Mn").lower().split())


def complete_school_name(issuer: dict[str, Any], text: str) -> dict[str, Any]:
    """Complete a school named by its kind alone (``TRƯỜNG TRUNG HỌC PHỔ THÔNG``, the name line lost) from the text.

    The proper name is the one the document gives most often after the same kind of school
    (``HIỆU TRƯỞNG TRƯỜNG THPT NGUYỄN BỈNH KHIÊM``, ``Trường THPT Nguyễn Bỉnh Khiêm``); none: unchanged.

    >>> complete_school_name({"name": "Trường Trung học phổ thông", "level": "unit", "parent": None},
    ...                      "QUYẾT ĐỊNH\\nHIỆU TRƯỞNG TRƯỜNG THPT NGUYỄN BỈNH KHIÊM\\nCăn cứ …")["name"]
    'Trường Trung học phổ thông Nguyễn Bỉnh Khiêm'
    >>> complete_school_name({"name": "Trường THPT Lê Lợi", "level": "unit", "parent": None}, "Trường THPT Trần Phú")["name"]
    'Trường THPT Lê Lợi'
    """
    name = issuer.get("name") or ""
    folded = _bare_fold(name)
    kind = next((k for k in _SCHOOL_KINDS if folded == f"truong {k}"), None)
    if kind is None:
        return issuer
    rx = re.compile(r"\b(?:TRƯỜNG|Trường)\s+(?:" + _SCHOOL_KINDS[kind] + r")[ \t]+" + _PROPER)
    found: dict[str, list[str]] = {}
    for m in rx.finditer(text):
        proper = m.group(1)
        found.setdefault(_bare_fold(proper), []).append(proper)
    if not found:
        return issuer
    best = max(found.values(), key=len)
    proper = next((p for p in best if not p.isupper()), best[0])
    if proper.isupper():
        proper = " ".join(w.capitalize() for w in proper.split())
    return {**issuer, "name": f"{name} {proper}"}
