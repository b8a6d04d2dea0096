"""Provinces before and after the 2025 reorganisation (63 → 34 units from 1/7/2025).

The table is `vnplan/data/provinces.tsv`.  Codes are reused across the reform
(Lào Cai 15 is the old Yên Bái code), so a row is keyed by era and code.

    >>> p = province_of("UBND tỉnh Yên Bái", date=date(2025, 3, 1))
    >>> p.name, p.era, p.successor_name
    ('Yên Bái', 'old', 'Lào Cai')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from vnplan import data

__all__ = ["REFORM_DATE", "Province", "fold_place", "place_date_line_in", "place_from_header", "province_of", "provinces"]

REFORM_DATE = date(2025, 7, 1)  # the 34 provinces and the two-tier local government operate from this day


@dataclass(frozen=True)
class Province:
    """One provincial unit of one era (``old``: until 30/6/2025; ``new``: from 1/7/2025)."""

    era: str
    code: str
    name: str
    kind: str
    successor_code: str
    successor_name: str
    formed_from: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        """``Tỉnh Lào Cai``, ``Thành phố Hà Nội``."""
        return ("Thành phố " if self.kind == "thành phố" else "Tỉnh ") + self.name

    def __repr__(self) -> str:
        arrow = f" → {self.successor_name}" if self.era == "old" and self.successor_name != self.name else ""
        return f"<Province {self.era} {self.code} {self.name}{arrow}>"

    def to_dict(self) -> dict[str, object]:
        return {"era": self.era, "code": self.code, "name": self.name, "kind": self.kind,
                "successor_code": self.successor_code, "successor_name": self.successor_name,
                "formed_from": list(self.formed_from)}


_TONE = [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỳ", "ùy"), ("uý", "úy"),
         ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"), ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe")]


def fold_place(text: str) -> str:
    """Lower-case, NFC, modern tone-mark placement (``Hoà`` → ``hòa``), single spaces, dashes as spaces.

    >>> fold_place("Thanh Hoá") == fold_place("thanh hóa")
    True
    """
    text = unicodedata.normalize("NFC", text or "").lower()
    for old, new in _TONE:
        text = text.replace(old, new)
    text = re.sub(r"[-–‑.]", " ", text)
    return " ".join(text.split())


@cache
def provinces() -> tuple[Province, ...]:
    """All rows of `provinces.tsv` (63 old units, then 34 new ones)."""
    out = []
    for row in data.rows("provinces.tsv"):
        out.append(Province(
            era=row["era"], code=row["code"], name=row["name"], kind=row["kind"],
            successor_code=row["successor_code"], successor_name=row["successor_name"],
            formed_from=tuple(x for x in row["formed_from"].split(";") if x),
            aliases=tuple(x for x in row["aliases"].split(";") if x)))
    return tuple(out)


@cache
def _patterns() -> list[tuple[re.Pattern[str], Province]]:
    pats = []
    for p in provinces():
        for name in (p.name, *p.aliases):
            pats.append((re.compile(r"(?<![\w])" + re.escape(fold_place(name)) + r"(?![\w])"), p))
    # longest names first ("bà rịa vũng tàu" before shorter ones)
    pats.sort(key=lambda t: -len(t[0].pattern))
    return pats


def province_of(name: str, *, date: date | None = None) -> Province | None:
    """The province a name of an agency or place belongs to, for the era of ``date``.

    Before 1/7/2025 (or with no date) an old province is preferred; from 1/7/2025 the new unit.
    Old rows carry their successor, new rows the provinces they were formed from.

    >>> province_of("Sở Giáo dục và Đào tạo tỉnh Hoà Bình").successor_name
    'Phú Thọ'
    >>> province_of("UBND tỉnh Lào Cai", date=date(2026, 1, 5)).formed_from
    ('Lào Cai', 'Yên Bái')
    """
    text = fold_place(name)
    hits: list[Province] = []
    for rx, p in _patterns():
        if rx.search(text):
            hits.append(p)
    if not hits:
        return None
    first_name = hits[0].name
    same = [p for p in hits if p.name == first_name or first_name in p.aliases]
    want_new = date is not None and date >= REFORM_DATE
    for p in same:
        if (p.era == "new") == want_new:
            return p
    if want_new:  # an old name used after the reform: its successor
        old = same[0]
        return next((p for p in provinces() if p.era == "new" and p.code == old.successor_code), old)
    return same[0]


_LOCALITY = re.compile(r"\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$", re.I)


def place_from_header(place: str, names: list[str]) -> str:
    """An OCR'd địa danh spelt as the header's own agency lines spell it (``An Phí`` under ``UBND HUYỆN AN PHÚ``).

    Only a near miss changes: same number of words, one or two letters apart.

    >>> place_from_header("An Phí", ["UBND huyện An Phú", "Phòng Kinh tế - Hạ tầng"])
    'An Phú'
    >>> place_from_header("Hà Nội", ["UBND huyện An Phú"])
    'Hà Nội'
    >>> place_from_header("Quảng Ngãi", ["Ủy ban nhân dân tỉnh Quáng Ngãi"])
    'Quảng Ngãi'
    """
    from rapidfuzz.distance import Levenshtein

    known = province_of(place) is not None  # a province spelt right is not respelt after a misread header
    for name in names:
        m = _LOCALITY.search(" ".join((name or "").split()))
        if not m:
            continue
        local = m.group(1)
        if local.lower() == place.lower():
            return place
        if known and province_of(local) is None:
            continue
        if len(local.split()) == len(place.split()) and 0 < Levenshtein.distance(local.lower(), place.lower()) <= 2:
            return " ".join(w[:1].upper() + w[1:] for w in local.lower().split()) if local.isupper() else local
    return place


def locality_as_place(name: str | None, place: str | None) -> str | None:
    """An OCR'd agency name whose locality is one or two letters from a known province the place line spells.

    >>> locality_as_place("Ủy ban nhân dân tỉnh Quáng Ngãi", "Quảng Ngãi")
    'Ủy ban nhân dân tỉnh Quảng Ngãi'
    >>> locality_as_place("UBND huyện An Phú", "An Phú")
    'UBND huyện An Phú'
    """
    from rapidfuzz.distance import Levenshtein

    if not name or not place or province_of(place) is None:
        return name
    m = _LOCALITY.search(name)
    if not m or province_of(m.group(1)) is not None:
        return name
    local = m.group(1)
    if len(local.split()) == len(place.split()) and 0 < Levenshtein.distance(local.lower(), place.lower()) <= 2:
        return name[: m.start(1)] + place
    return name


def place_date_line_in(text: str) -> tuple[int, int] | None:
    """Where the first line that is a place-and-date line of its own sits in ``text`` (not a sentence).

    >>> place_date_line_in("Số: /QĐ-UBND\\nPhú Thọ, ngày  tháng 10 năm 2016\\nCăn cứ Luật")
    (13, 45)
    """
    from vnplan.structure.markers import PLACE_DATE

    pos = 0
    for line in text.split("\n"):
        if len(line) < 120 and PLACE_DATE.match(line.strip()):
            return pos, pos + len(line)
        pos += len(line) + 1
    return None
