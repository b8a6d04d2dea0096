"""Merger-aware locality keys: one province before and after the 2025 reorganisation is one locality.

On 12/6/2025 the 63 provinces became 34 (domain.md §4); a document of
``UBND tỉnh Yên Bái`` (2024) and one of ``UBND tỉnh Lào Cai`` (2026) belong to
the same locality today, code 15.  `locate` finds the province named in a
text and returns its `Locality`: the name as printed and the current unit.
The table comes from ``vnplan/data/provinces.tsv`` when that file exists,
else from the fallback below (domain.md §4.2).

    >>> loc = locate("Ủy ban nhân dân tỉnh Yên Bái")
    >>> loc.province, loc.as_named, loc.key
    ('Lào Cai', 'Yên Bái', 'P15')
    >>> locate("UBND Thành phố Hà Nội").key == locate("Thủ đô Hà Nội").key
    True
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vnplan.link.keys import fold, name_key

__all__ = ["Locality", "commune_of", "locate", "province_names"]

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "provinces.tsv"

# old code, old name, new code, new unit (domain.md §4.2); aliases after "|".
_FALLBACK = """\
01 Hà Nội|Thủ đô Hà Nội 01 Hà Nội
02 Hà Giang 08 Tuyên Quang
04 Cao Bằng 04 Cao Bằng
06 Bắc Kạn|Bắc Cạn 19 Thái Nguyên
08 Tuyên Quang 08 Tuyên Quang
10 Lào Cai 15 Lào Cai
11 Điện Biên 11 Điện Biên
12 Lai Châu 12 Lai Châu
14 Sơn La 14 Sơn La
15 Yên Bái 15 Lào Cai
17 Hòa Bình 25 Phú Thọ
19 Thái Nguyên 19 Thái Nguyên
20 Lạng Sơn 20 Lạng Sơn
22 Quảng Ninh 22 Quảng Ninh
24 Bắc Giang 24 Bắc Ninh
25 Phú Thọ 25 Phú Thọ
26 Vĩnh Phúc 25 Phú Thọ
27 Bắc Ninh 24 Bắc Ninh
30 Hải Dương 31 Hải Phòng
31 Hải Phòng 31 Hải Phòng
33 Hưng Yên 33 Hưng Yên
34 Thái Bình 33 Hưng Yên
35 Hà Nam 37 Ninh Bình
36 Nam Định 37 Ninh Bình
37 Ninh Bình 37 Ninh Bình
38 Thanh Hóa 38 Thanh Hóa
40 Nghệ An 40 Nghệ An
42 Hà Tĩnh 42 Hà Tĩnh
44 Quảng Bình 44 Quảng Trị
45 Quảng Trị 44 Quảng Trị
46 Thừa Thiên Huế|Huế 46 Huế
48 Đà Nẵng 48 Đà Nẵng
49 Quảng Nam 48 Đà Nẵng
51 Quảng Ngãi 51 Quảng Ngãi
52 Bình Định 52 Gia Lai
54 Phú Yên 66 Đắk Lắk
56 Khánh Hòa 56 Khánh Hòa
58 Ninh Thuận 56 Khánh Hòa
60 Bình Thuận 68 Lâm Đồng
62 Kon Tum 51 Quảng Ngãi
64 Gia Lai 52 Gia Lai
66 Đắk Lắk|Đắc Lắc|Daklak 66 Đắk Lắk
67 Đắk Nông|Đắc Nông 68 Lâm Đồng
68 Lâm Đồng 68 Lâm Đồng
70 Bình Phước 75 Đồng Nai
72 Tây Ninh 80 Tây Ninh
74 Bình Dương 79 Hồ Chí Minh
75 Đồng Nai 75 Đồng Nai
77 Bà Rịa - Vũng Tàu|Bà Rịa Vũng Tàu 79 Hồ Chí Minh
79 Hồ Chí Minh|TP.HCM|TPHCM|TP HCM 79 Hồ Chí Minh
80 Long An 80 Tây Ninh
82 Tiền Giang 82 Đồng Tháp
83 Bến Tre 86 Vĩnh Long
84 Trà Vinh 86 Vĩnh Long
86 Vĩnh Long 86 Vĩnh Long
87 Đồng Tháp 82 Đồng Tháp
89 An Giang 91 An Giang
91 Kiên Giang 91 An Giang
92 Cần Thơ 92 Cần Thơ
93 Hậu Giang 92 Cần Thơ
94 Sóc Trăng 92 Cần Thơ
95 Bạc Liêu 96 Cà Mau
96 Cà Mau 96 Cà Mau
"""


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


def _load_data_file(path: Path) -> list[tuple[str, list[str], str, str]] | None:
    """Rows of provinces.tsv as (old code, names, new code, new name), or None if unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if not rows:
        return None
    cols = {c.lower(): c for c in rows[0] if c}

    def pick(*names: str) -> str | None:
        return next((cols[n] for n in names if n in cols), None)

    old_name = pick("old_name", "legacy_name", "name_old", "name")
    new_name = pick("new_name", "successor_name", "successor", "name_2025", "new_province")
    old_code = pick("old_code", "legacy_code", "code_old", "code")
    new_code = pick("new_code", "successor_code", "code_2025", "new_province_code")
    aliases = pick("aliases", "alias", "other_names")
    if not (old_name and new_name):
        return None
    out = []
    for row in rows:
        names = [row.get(old_name) or ""]
        if aliases and row.get(aliases):
            names += re.split(r"[|;,]", row[aliases])
        names = [re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", n.strip(), flags=re.I) for n in names if n and n.strip()]
        new = re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", (row.get(new_name) or "").strip(), flags=re.I)
        if names and new:
            out.append(((row.get(old_code) or "").strip() if old_code else "", names, (row.get(new_code) or "").strip()
                        if new_code else "", new))
    return out or None


def _fallback_rows() -> list[tuple[str, list[str], str, str]]:
    rows = []
    for line in _FALLBACK.splitlines():
        match = re.match(r"^(\d\d) (.+?) (\d\d) (.+)$", line)
        if match:
            rows.append((match.group(1), match.group(2).split("|"), match.group(3), match.group(4)))
    return rows


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, str, str, str]], re.Pattern[str]]:
    rows = (_load_data_file(DATA_FILE) if DATA_FILE.exists() else None) or _fallback_rows()
    by_name: dict[str, tuple[str, str, str, str]] = {}
    for old_code, names, new_code, new in rows:
        key = new_code or name_key(new)
        for name in names:
            by_name.setdefault(name_key(name), (old_code, names[0], f"P{key}" if new_code else key, new))
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
