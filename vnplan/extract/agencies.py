"""Agencies: administrative level of a body's name, abbreviations, and a folded form for comparisons.

Levels follow spec/record.md: ``central`` (Quốc hội, Chính phủ, Thủ tướng, Bộ and their
Vụ/Cục), ``province`` (HĐND/UBND tỉnh or thành phố trực thuộc trung ương, Sở, provincial
boards), ``district`` (huyện, quận, thị xã, thành phố thuộc tỉnh and their Phòng; until
30/6/2025), ``commune`` (xã, phường, thị trấn, đặc khu and their offices), ``unit`` (schools,
centres), plus ``party`` for Party bodies.

    >>> level_of("Ủy ban nhân dân xã Hoà Xá"), level_of("Bộ Xây dựng"), level_of("Sở Nông nghiệp và Môi trường")
    ('commune', 'central', 'province')
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date as _date
from functools import cache

from vnplan import data
from vnplan.extract.numbers import DOC_NUMBER_RE, issuer_from_symbol
from vnplan.extract.places import REFORM_DATE, Province, fold_place, province_of

__all__ = ["LEVELS", "Province", "canonical_agency", "expand_abbreviation", "level_of", "province_of"]

LEVELS = ("central", "province", "district", "commune", "unit", "party")

# Short forms used inside names (not in symbols): expanded before matching and folding.
_INLINE = [
    (r"\bUBND\b", "Ủy ban nhân dân"), (r"\bHĐND\b", "Hội đồng nhân dân"), (r"\bUBMTTQ(?:VN)?\b", "Ủy ban Mặt trận Tổ quốc"),
    (r"\bMTTQ\b", "Mặt trận Tổ quốc"), (r"\bBCĐ\b", "Ban Chỉ đạo"), (r"\bBTV\b", "Ban Thường vụ"),
    (r"\bGD\s*&\s*ĐT\b|\bGDĐT\b", "Giáo dục và Đào tạo"), (r"\bTP\.?\s*HCM\b|\bTPHCM\b", "Thành phố Hồ Chí Minh"),
    (r"\bTP\.\s*|\bTp\.\s*|\bTP\s+", "Thành phố "), (r"\bTT\s+VH\b", "Trung tâm Văn hóa"), (r"\bTHCS\b", "Trung học cơ sở"),
    (r"\bTHPT\b", "Trung học phổ thông"), (r"\bCA\b", "Công an"), (r"\bVP\b", "Văn phòng"),
    (r"\bCP\b", "Chính phủ"), (r"\bTW\b|\bTƯ\b", "Trung ương"),
]

_PARTY = re.compile(r"\b(?:tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy|đảng bộ|bộ chính trị|ban bí thư|chi bộ"
                    r"|ban chấp hành trung ương|trung ương đảng|ban tổ chức trung ương|ban tuyên giáo|ban dân vận"
                    r"|văn phòng trung ương đảng|ban thường vụ)\b")
_CENTRAL = re.compile(r"^(?:quốc hội|ủy ban thường vụ quốc hội|chủ tịch nước|chính phủ|thủ tướng|phó thủ tướng"
                      r"|văn phòng chính phủ|văn phòng quốc hội|văn phòng chủ tịch nước|bộ (?!chỉ huy)|bộ trưởng|thứ trưởng"
                      r"|ngân hàng nhà nước|thanh tra chính phủ|kiểm toán nhà nước|kho bạc nhà nước|tổng cục|cục |vụ "
                      r"|tòa án nhân dân tối cao|viện kiểm sát nhân dân tối cao|bảo hiểm xã hội việt nam"
                      r"|liên ngành tư pháp trung ương|ủy ban dân tộc)")
_CENTRAL_ANY = re.compile(r"\b(?:quốc gia|trung ương|chính phủ)\b")
_UNIT = re.compile(r"^(?:trường|trung tâm|bệnh viện|viện |học viện|đại học|thư viện|bảo tàng|nhà văn hóa|công ty"
                   r"|doanh nghiệp|ban quản lý dự án|trạm |đài |báo |tạp chí|hợp tác xã|các cơ sở giáo dục|cơ sở"
                   r"|(?:(?:công |chi )?đ(?:oà|òa)n|liên đội|chi hội|hội cha mẹ học sinh) trường )")  # a school's union
_COMMUNE = re.compile(r"\b(?:xã(?! hội)|phường|thị trấn|đặc khu)\b")
_DISTRICT = re.compile(r"\b(?:huyện|quận|thị xã)\b")
_PROVINCE_WORD = re.compile(r"\b(?:tỉnh|thành phố|thủ đô)\b")
_PROVINCIAL_BODY = re.compile(r"^(?:sở |công an tỉnh|công an thành phố|bộ chỉ huy quân sự|ban quản lý các khu"
                              r"|văn phòng ủy ban nhân dân tỉnh|văn phòng đoàn|thanh tra tỉnh|thuế tỉnh|kho bạc nhà nước tỉnh)")


def _expand_inline(name: str) -> str:
    out = unicodedata.normalize("NFC", name or "")
    for pat, repl in _INLINE:
        out = re.sub(pat, repl, out)
    return " ".join(out.split())


def level_of(name: str, *, date: _date | None = None) -> str | None:
    """The administrative level of a body named ``name`` (None when the name cannot tell).

    ``date`` matters for a ``Phòng`` with no locality: a district office until 30/6/2025,
    a commune office afterwards.

    >>> level_of("UBND huyện Thanh Oai"), level_of("Thủ tướng Chính phủ"), level_of("Trường THCS Hoà Xá")
    ('district', 'central', 'unit')
    >>> level_of("Ban Chỉ đạo tỉnh Lào Cai"), level_of("Ban Thường vụ Tỉnh ủy")
    ('province', 'party')
    >>> level_of("Đoàn trường THPT Bưng Riềng"), level_of("Công đoàn trường Tiểu học Hoà Xá"), level_of("Đoàn kiểm tra")
    ('unit', 'unit', None)
    """
    text = fold_place(_expand_inline(name))
    text = re.sub(r"^(?:đề nghị|giao|mời|đối với|các|trách nhiệm của)\s+", "", text)
    text = re.sub(r"^(?:phó\s+)?(?:giám đốc|chủ tịch|trưởng ban|chánh văn phòng|thủ trưởng|trưởng phòng)\s+(?=\S)", "", text)
    if not text:
        return None
    if _PARTY.search(text) and not text.startswith(("ủy ban nhân dân", "hội đồng nhân dân", "sở ")):
        return "party"
    if _UNIT.match(text):
        return "unit"
    if _CENTRAL.match(text):
        return "central"
    if _COMMUNE.search(text):
        return "commune"
    if _DISTRICT.search(text):
        return "district"
    if text.startswith("phòng ") and not _PROVINCE_WORD.search(text):
        if text.startswith(("phòng văn hóa xã hội", "phòng kinh tế hạ tầng", "phòng kinh tế")) and date is None:
            return "commune"  # the offices of a commune after 1/7/2025 (NĐ 150/2025/NĐ-CP)
        return "commune" if (date is not None and date >= REFORM_DATE) else "district"
    if _PROVINCIAL_BODY.match(text):
        return "province"
    m = re.search(r"\bthành phố\s+(.+)$", text)
    if m and not re.search(r"\btỉnh\b", text):
        prov = province_of(m.group(1), date=date)
        if prov is None:
            return "district"  # a thành phố thuộc tỉnh
        return "province" if prov.kind == "thành phố" or prov.era == "new" and prov.kind == "thành phố" else "district"
    if _PROVINCE_WORD.search(text):
        return "province"
    if text.startswith(("ban chỉ đạo", "ban chỉ huy", "hội đồng", "ban ")) and _CENTRAL_ANY.search(text):
        return "central"
    if _CENTRAL_ANY.search(text):
        return "central"
    # an ad-hoc body set up by a decision ("Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"): the decision's issuer
    m = DOC_NUMBER_RE.search(unicodedata.normalize("NFC", name))
    if m and m.group("s"):
        issuer = issuer_from_symbol(m.group("s"))
        if issuer and issuer[1] in LEVELS:
            return issuer[1]
    return None


@cache
def _abbreviations() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in data.rows("agency_abbreviations.tsv"):
        key = unicodedata.normalize("NFC", row["abbreviation"]).replace("&", "").upper()
        out.setdefault(key, row)
    return out


def expand_abbreviation(abbr: str) -> str | None:
    """The full name of an agency or unit abbreviation used in symbols (None if unknown).

    >>> expand_abbreviation("BGDĐT"), expand_abbreviation("SGD&ĐT"), expand_abbreviation("TTg")
    ('Bộ Giáo dục và Đào tạo', 'Sở Giáo dục và Đào tạo', 'Thủ tướng Chính phủ')
    """
    key = unicodedata.normalize("NFC", abbr or "").strip().replace("Ð", "Đ").replace("&", "").upper()
    row = _abbreviations().get(key)
    return row["name"] if row else None


def canonical_agency(name: str) -> str:
    """A folded form of an agency name for comparisons: abbreviations expanded, case and
    tone-mark placement unified, dashes and extra spaces dropped.

    >>> canonical_agency("UBND xã Hoà Xá") == canonical_agency("Ủy ban nhân dân xã Hòa Xá")
    True
    >>> canonical_agency("Sở GD&ĐT Hà Nội")
    'sở giáo dục và đào tạo hà nội'
    """
    text = _expand_inline(name)
    text = fold_place(text).replace("uỷ", "ủy")
    text = re.sub(r"[\"“”'‘’*_,;:()]", " ", text)
    return " ".join(text.split())
