"""Merger-aware locality keys: one province before and after the 2025 reorganisation is one locality.

On 12/6/2025 the 63 provinces became 34 (domain.md §4); a document of
``UBND tỉnh Yên Bái`` (2024) and one of ``UBND tỉnh Lào Cai`` (2026) belong to
the same locality today, code 15.  `locate` finds the province named in a
text and returns its `Locality`: the name as printed and the current unit.
The table is ``vnplan/data/provinces.tsv`` (domain.md §4.2–4.3), the one
that `vnplan.extract.places` reads.

    >>> loc = locate("Ủy ban nhân dân tỉnh Yên Bái")
    >>> loc.province, loc.as_named, loc.key
    ('Lào Cai', 'Yên Bái', 'P15')
    >>> locate("UBND Thành phố Hà Nội").key == locate("Thủ đô Hà Nội").key
    True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vnplan import data
from vnplan.link.keys import name_key
from vnplan.plaintext import fold

__all__ = ["Locality", "commune_of", "locate", "province_names"]

_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Locality:
    """A province as named in a text and the unit it belongs to today."""

    key: str          # "P15": the current provincial unit's code
    province: str     # current name ("Lào Cai")
    as_named: str     # name as printed ("Yên Bái")
    old_code: str | None = None

    @property
    def merged(self) -> bool:
        """True when the printed name is a pre-2025 province now part of another unit."""
        return fold(self.province) != fold(self.as_named)

    @property
    def history(self) -> list[str]:
        """``["Yên Bái", "Lào Cai"]``: the names this locality has had in the texts seen."""
        return [self.as_named, self.province] if self.merged else [self.province]


def _rows() -> list[tuple[str, list[str], str, str]]:
    """Rows of provinces.tsv as (code, names as printed, successor code, successor name).

    >>> next(r for r in _rows() if r[1][0] == "Thừa Thiên Huế")
    ('46', ['Thừa Thiên Huế', 'Thừa Thiên - Huế', 'Huế'], '46', 'Huế')
    """
    out = []
    for row in data.rows("provinces.tsv"):
        names = [row["name"], *re.split(r"[|;,]", row["aliases"] or "")]
        names = [_PREFIX.sub("", n.strip()) for n in names if n.strip()]
        new = _PREFIX.sub("", row["successor_name"].strip())
        if names and new:
            out.append((row["code"].strip(), names, row["successor_code"].strip(), new))
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, str, str, str]], re.Pattern[str]]:
    by_name: dict[str, tuple[str, str, str, str]] = {}
    for old_code, names, new_code, new in _rows():
        for name in names:
            by_name.setdefault(name_key(name), (old_code, names[0], f"P{new_code}", new))
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(sorted(map(re.escape, by_name), key=len, reverse=True)) + r")(?![a-z0-9])")
    return by_name, pattern


def province_names() -> list[str]:
    """Every province name known (old and current), as printed in the table.

    >>> "Yên Bái" in province_names() and "Lào Cai" in province_names()
    True
    """
    by_name, _ = _table()
    return sorted({row[1] for row in by_name.values()} | {row[3] for row in by_name.values()})


@lru_cache(maxsize=1 << 16)
def locate(text: str | None) -> Locality | None:
    """The province named in ``text`` (an issuer, a place line), merger-aware.

    Only a name standing as a whole word counts, and a district or commune
    prefix before it (``huyện``, ``xã``) means the name is not the province's.

    >>> locate("Sở GD&ĐT Lào Cai").province
    'Lào Cai'
    >>> locate("Ủy ban nhân dân tỉnh Đắk Nông").province
    'Lâm Đồng'
    >>> locate("UBND huyện Si Ma Cai") is None
    True
    """
    text = name_key(text)
    if not text:
        return None
    by_name, pattern = _table()
    for match in pattern.finditer(text):
        before = text[: match.start()].split()
        if before and before[-1] in ("huyen", "xa", "phuong", "quan", "thi", "tran", "khu"):
            continue
        old_code, as_named, key, new = by_name[match.group(1)]
        return Locality(key=key, province=new, as_named=as_named, old_code=old_code or None)
    return None


@lru_cache(maxsize=1 << 16)
def commune_of(text: str | None) -> str | None:
    """The commune (xã, phường, thị trấn, đặc khu) named in an issuer text, tone marks normalised.

    ``Hoà Xá`` and ``Hòa Xá`` give the same key.

    >>> commune_of("Ủy ban nhân dân xã Hoà Xá") == commune_of("UBND xã Hòa Xá")
    True
    """
    match = re.search(r"\b(xa|phuong|thi tran|dac khu)\s+(.+)$", name_key(text))
    return f"{match.group(1)} {match.group(2)}" if match else None
