"""Matching keys for document numbers, symbols and issuers.

Citations print the same document in many ways (``SGD&ĐT`` / ``SGDĐT``,
``CT-TTg`` / ``CT/TTG``, ``NĐ-CP`` / ``NĐCP``, ``05`` / ``5``); these keys make
them compare equal, and `parse_symbol` splits a ký hiệu into its parts
(year, type, issuer code, drafting units) following domain.md §3.5.

    >>> symbol_key("KH-SGD&ĐT") == symbol_key("kh–sgdđt")
    True
    >>> parse_symbol("2013/QĐ-TTg").issuer_code, parse_symbol("2013/QĐ-TTg").year
    ('TTG', 2013)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from vnplan.plaintext import fold

__all__ = [
    "CENTRAL_CODES",
    "PARTY_CODES",
    "SymbolParts",
    "code_scope",
    "issuer_code_of_name",
    "level_of_issuer_text",
    "name_key",
    "number_key",
    "parse_symbol",
    "symbol_key",
]

_DASHES = dict.fromkeys(map(ord, "–—‑‒−﹣－"), "-")

# Type abbreviations (ND30 Phụ lục III + normative and legacy types, domain.md §1.5, §2.2, §3.4), folded.
TYPE_ABBREVIATIONS = frozenset(
    "nq qd ct qc qyd tc tb hd ctr kh pa da bc bb ttr hđ cd bgn btt guq gm ggt gnp pg pc pb sy trs sl "
    "gn tth np uq gt ts khlt khph vbhn ttlt l pl tt nd kl cv ql ct tb tt".replace("đ", "d").split()
)

# Issuer codes of central bodies (domain.md §3.1), folded upper-case → canonical name.
CENTRAL_CODES: dict[str, str] = {
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CTN": "Chủ tịch nước", "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ", "VPQH": "Văn phòng Quốc hội",
    "BGDDT": "Bộ Giáo dục và Đào tạo", "BNV": "Bộ Nội vụ", "BTC": "Bộ Tài chính", "BCT": "Bộ Công Thương",
    "BYT": "Bộ Y tế", "BXD": "Bộ Xây dựng", "BCA": "Bộ Công an", "BTP": "Bộ Tư pháp", "BNG": "Bộ Ngoại giao",
    "BQP": "Bộ Quốc phòng", "BNNMT": "Bộ Nông nghiệp và Môi trường", "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "BKHDT": "Bộ Kế hoạch và Đầu tư", "BGTVT": "Bộ Giao thông vận tải",
    "BLDTBXH": "Bộ Lao động - Thương binh và Xã hội", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BTTTT": "Bộ Thông tin và Truyền thông",
    "UBDT": "Ủy ban Dân tộc", "NHNN": "Ngân hàng Nhà nước Việt Nam", "TTCP": "Thanh tra Chính phủ",
    "KBNN": "Kho bạc Nhà nước", "TCHQ": "Tổng cục Hải quan", "BHXH": "Bảo hiểm xã hội Việt Nam",
    "TANDTC": "Tòa án nhân dân tối cao", "VKSNDTC": "Viện kiểm sát nhân dân tối cao", "KTNN": "Kiểm toán nhà nước",
    "LNTPTW": "Liên ngành tư pháp Trung ương",
}
# Party bodies (domain.md §3.4): national ones, then local ones (Tỉnh ủy, Đảng ủy, Huyện ủy).
PARTY_CODES: dict[str, str] = {
    "TW": "Trung ương Đảng", "VPTW": "Văn phòng Trung ương Đảng", "BTCTW": "Ban Tổ chức Trung ương",
    "BCDTW": "Ban Chỉ đạo Trung ương", "BTGTW": "Ban Tuyên giáo Trung ương",
    "TU": "Tỉnh ủy", "DU": "Đảng ủy", "HU": "Huyện ủy",
}
_LOCAL_PARTY = {"TU", "DU", "HU"}

# Names of central bodies (folded) → code, so "Bộ trưởng Bộ Công an" and "BCA" meet; built on first use.
_NAME_TO_CODE: dict[str, str] = {}


def _name_codes() -> dict[str, str]:
    if not _NAME_TO_CODE:
        _NAME_TO_CODE.update({"thu tuong": "TTG", "chinh phu": "CP", "quoc hoi": "QH",
                              "uy ban thuong vu quoc hoi": "UBTVQH", "chu tich nuoc": "CTN",
                              "van phong chinh phu": "VPCP", "van phong quoc hoi": "VPQH"})
        for code, name in CENTRAL_CODES.items():
            if name.startswith(("Bộ ", "Ủy ban Dân", "Ngân hàng", "Thanh tra", "Kho", "Bảo", "Tòa", "Viện", "Kiểm")):
                _NAME_TO_CODE[name_key(name)] = code
    return _NAME_TO_CODE


_TITLES = re.compile(r"^(?:bo truong|thu truong|giam doc|pho giam doc|chu tich|pho chu tich|chanh van phong|"
                     r"truong ban|vu truong|cuc truong|tong cuc truong|thu tuong chinh phu(?= )|)\s*")




@lru_cache(maxsize=1 << 16)
def name_key(text: str | None) -> str:
    """`fold` without punctuation: ``"Bộ Văn hóa, Thể thao và Du lịch"`` → ``"bo van hoa the thao va du lich"``.

    >>> name_key("Sở GD&ĐT Lào Cai")
    'so gd dt lao cai'
    """
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


@lru_cache(maxsize=1 << 16)
def number_key(number: str | None) -> str | None:
    """The số without spaces or leading zeros (``"05"`` → ``"5"``; ``"66.7"`` kept).

    >>> number_key(" 0124 "), number_key("66.7"), number_key(None)
    ('124', '66.7', None)
    """
    if number is None:
        return None
    number = re.sub(r"\s+", "", unicodedata.normalize("NFC", str(number))).casefold()
    if not number:
        return None
    stripped = number.lstrip("0")
    return stripped if stripped and not stripped.startswith(".") else (number if not stripped else "0" + stripped)


def _clean(symbol: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", symbol).replace("Ð", "Đ").translate(_DASHES))


def _code(group: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", fold(group).upper())


@dataclass(frozen=True)
class SymbolParts:
    """A ký hiệu split per domain.md §3.5 (``QĐ-TTg`` → type ``QD``, issuer ``TTG``)."""

    raw: str
    year: int | None = None
    type_abbr: str | None = None
    issuer_codes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    party: bool = False
    key: str = ""
    groups: tuple[str, ...] = field(default=(), repr=False)

    @property
    def issuer_code(self) -> str | None:
        """The first issuing body's code with a Quốc hội term stripped (``QH15`` → ``QH``)."""
        if not self.issuer_codes:
            return None
        code = self.issuer_codes[0]
        return re.sub(r"(?<=[A-Z])\d+$", "", code) if re.match(r"^(QH|UBTVQH)\d+$", code) else code


def _split_lost_hyphen(group: str) -> tuple[str, str] | None:
    """``NĐCP`` → (``ND``, ``CP``): a type abbreviation glued to a known issuer code."""
    code = _code(group)
    for size in (4, 3, 2, 1):
        head, tail = code[:size].lower(), code[size:]
        if head in TYPE_ABBREVIATIONS and tail and (
            tail in CENTRAL_CODES or tail in ("UBND", "HDND") or re.match(r"^(QH|UBTVQH)\d+$", tail)
        ):
            return head.upper(), tail
    return None


@lru_cache(maxsize=1 << 16)
def parse_symbol(symbol: str | None) -> SymbolParts:
    """Split a ký hiệu into year, type, issuer codes and drafting units.

    >>> p = parse_symbol("KH-SGD&ĐT")
    >>> p.type_abbr, p.issuer_codes
    ('KH', ('SGDDT',))
    >>> parse_symbol("BCA-C04").issuer_codes, parse_symbol("BCA-C04").units
    (('BCA',), ('C04',))
    >>> parse_symbol("NQ/TW").party, parse_symbol("40/2020/NĐCP".split("/", 1)[1]).issuer_code
    (True, 'CP')
    """
    if not symbol:
        return SymbolParts(raw=symbol or "", key="")
    text = _clean(symbol)
    year = None
    match = re.match(r"^((?:19|20)\d{2})/(.*)$", text)
    if match:
        year, text = int(match.group(1)), match.group(2)
    groups = tuple(g for g in re.split(r"[-/]", text) if g)
    codes = [_code(g) for g in groups]
    party = "/" in text and bool(codes) and (codes[-1] in PARTY_CODES or codes[-1].endswith(("TW", "TU")))
    type_abbr = None
    issuers: list[str] = []
    units: list[str] = []
    if len(codes) >= 2 and codes[0].lower() in TYPE_ABBREVIATIONS:
        type_abbr = codes[0]
        issuers = [c for c in codes[1:]]
    elif codes:
        split = _split_lost_hyphen(groups[0])
        if split:
            type_abbr, first = split
            issuers = [first, *codes[1:]]
        elif len(codes) == 1 and re.match(r"^(QH|UBTVQH)\d+$", codes[0]):
            issuers = [codes[0]]
        else:
            issuers, units = [codes[0]], codes[1:]
    if party or (type_abbr and issuers and issuers[0] in CENTRAL_CODES):
        issuers, units = issuers[:1], issuers[1:] if not party else []
    key = symbol_key(symbol)
    return SymbolParts(raw=symbol, year=year, type_abbr=type_abbr, issuer_codes=tuple(issuers), units=tuple(units),
                       party=party, key=key, groups=groups)


@lru_cache(maxsize=1 << 16)
def symbol_key(symbol: str | None) -> str:
    """The loose form of a symbol (no year part, separators, ``&``, case or diacritics).

    >>> symbol_key("CT/TTg") == symbol_key("CT-TTG") == symbol_key("2020/CT-TTg")
    True
    >>> symbol_key("NĐCP") == symbol_key("NĐ-CP")
    True
    """
    if not symbol:
        return ""
    text = re.sub(r"^(?:19|20)\d{2}/", "", _clean(symbol))
    return re.sub(r"[^a-z0-9]", "", fold(text))


def code_scope(code: str | None) -> str:
    """``central``, ``party`` (national Party body) or ``local`` for an issuer code.

    >>> code_scope("TTG"), code_scope("TW"), code_scope("UBND"), code_scope("TU")
    ('central', 'party', 'local', 'local')
    """
    if not code:
        return "local"
    if code in CENTRAL_CODES or re.match(r"^(QH|UBTVQH)\d*$", code):
        return "central"
    if code in PARTY_CODES and code not in _LOCAL_PARTY:
        return "party"
    return "local"


@lru_cache(maxsize=1 << 16)
def issuer_code_of_name(name: str | None) -> str | None:
    """The code of a central body named in text (titles like ``Bộ trưởng`` dropped).

    >>> issuer_code_of_name("Bộ trưởng Bộ Công an"), issuer_code_of_name("Thủ tướng Chính phủ")
    ('BCA', 'TTG')
    >>> issuer_code_of_name("UBND tỉnh Lào Cai") is None
    True
    """
    text = name_key(name)
    if not text:
        return None
    if text.startswith("thu tuong"):
        return "TTG"
    text = _TITLES.sub("", text)
    text = re.sub(r"\s+(khoa\s+[xvi]+)$", "", text)
    table = _name_codes()
    if text in table:
        return table[text]
    for phrase, code in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if text == phrase or (text.endswith(" " + phrase) and code not in ("CP", "QH")):
            return code
    return None


_PARTY_NAMES = re.compile(r"\b(bo chinh tri|ban bi thu|ban chap hanh trung uong|trung uong dang|ban to chuc trung uong|"
                          r"tinh uy|thanh uy|huyen uy|dang uy|ban thuong vu(?! quoc hoi)|ban chap hanh dang bo)\b")


@lru_cache(maxsize=1 << 16)
def level_of_issuer_text(name: str | None) -> str | None:
    """The graph level named by an issuer's text: party, central, province, district, commune.

    >>> level_of_issuer_text("Ban Thường vụ Tỉnh ủy Lào Cai"), level_of_issuer_text("UBND huyện Thanh Oai")
    ('party', 'district')
    >>> level_of_issuer_text("Giám đốc Sở Công Thương tỉnh Lào Cai"), level_of_issuer_text("Bộ Công an")
    ('province', 'central')
    >>> level_of_issuer_text("Ủy ban thường vụ Quốc hội")
    'central'

    """
    text = fold(name)
    if not text:
        return None
    if _PARTY_NAMES.search(text):
        return "party"
    if issuer_code_of_name(name) or re.search(r"\b(bo|quoc hoi|chinh phu|trung uong)\b", text):
        return "central"
    if re.search(r"\b(xa|phuong|thi tran|dac khu)\b", text):
        return "commune"
    if re.search(r"\b(huyen|quan|thi xa)\b", text):
        return "district"
    if re.search(r"\b(tinh|thanh pho|so|cong an tinh)\b", text):
        return "province"
    return None
