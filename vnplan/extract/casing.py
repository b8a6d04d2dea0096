"""Sentence case for upper-case header lines (agency names, signer titles).

    >>> agency_case("ỦY BAN NHÂN DÂN XÃ HOÀ XÁ")
    'Ủy ban nhân dân xã Hoà Xá'
    >>> title_case("PHÓ CHỦ TỊCH THƯỜNG TRỰC")
    'Phó Chủ tịch Thường trực'
"""
from __future__ import annotations

import re

__all__ = ["agency_case", "is_known_title", "is_upper", "name_case", "title_case"]

# Type nouns that open an agency name; the word after each starts the function part (capitalised).
_TYPE_NOUNS = ("thủ tướng", "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "văn phòng", "ban chỉ đạo", "trung tâm",
               "chi cục", "công an", "bộ chỉ huy", "sở", "bộ", "ban", "cục", "vụ", "phòng", "đoàn", "tổng cục", "ủy ban", "uỷ ban")
_PLACE_NOUNS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường", "tp.", "tp")
_ACRONYMS = {"UBND", "HĐND", "MTTQ", "GD&ĐT", "GDĐT", "TP", "CP", "TW", "TTg", "VPCP", "VP"}
_KEEP_LOWER = {"và", "của", "theo", "về", "các", "cấp", "số"}
_TITLES = {"chủ tịch": "Chủ tịch", "phó chủ tịch": "Phó Chủ tịch", "giám đốc": "Giám đốc", "phó giám đốc": "Phó Giám đốc",
           "bộ trưởng": "Bộ trưởng", "thứ trưởng": "Thứ trưởng", "thủ tướng": "Thủ tướng", "phó thủ tướng": "Phó Thủ tướng",
           "chánh văn phòng": "Chánh Văn phòng", "trưởng đoàn": "Trưởng đoàn", "trưởng ban": "Trưởng ban",
           "phó trưởng ban": "Phó Trưởng ban", "phó chủ nhiệm": "Phó Chủ nhiệm", "chủ nhiệm": "Chủ nhiệm",
           "thường trực": "Thường trực", "trưởng phòng": "Trưởng phòng", "phó trưởng phòng": "Phó Trưởng phòng",
           "phó chánh văn phòng": "Phó Chánh Văn phòng", "cục trưởng": "Cục trưởng", "phó cục trưởng": "Phó Cục trưởng",
           "vụ trưởng": "Vụ trưởng", "phó vụ trưởng": "Phó Vụ trưởng", "hiệu trưởng": "Hiệu trưởng"}


def is_known_title(text: str) -> bool:
    """Whether ``text`` is a chức vụ of the casing table (``Giám đốc``, ``PHÓ CHỦ TỊCH``).

    >>> is_known_title("Giám đốc"), is_known_title("Bộ Trường")
    (True, False)
    """
    return " ".join(text.lower().split()) in _TITLES


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


# a school's level between "Trường" and its proper name: acronyms stay in capitals, words in sentence case
_SCHOOL_ACRONYMS = {"TH", "THCS", "THPT", "MN", "MG", "TC", "CĐ", "ĐH", "PT", "PTDTBT", "PTDTNT", "DTNT", "GDTX",
                    "GDNN-GDTX", "GDNN", "TH&THCS", "THCS&THPT", "&"}
_SCHOOL_LEVELS = ("trung học phổ thông", "trung học cơ sở", "phổ thông dân tộc nội trú", "phổ thông dân tộc bán trú",
                  "phổ thông", "tiểu học", "mầm non", "mẫu giáo", "trung cấp", "cao đẳng", "đại học")


def _school_case(words: list[str]) -> str:
    """``TRƯỜNG TH, THCS & THPT SAO VIỆT`` → ``Trường TH, THCS & THPT Sao Việt``: level, then a proper name."""
    out, i = ["Trường"], 1
    while i < len(words):
        bare = words[i].rstrip(",")
        low = [w.lower() for w in words[i:]]
        level = next((lv for lv in _SCHOOL_LEVELS if " ".join(low[:len(lv.split())]) == lv), None)
        if bare in _SCHOOL_ACRONYMS:
            out.append(words[i])
        elif level:
            size = len(level.split())
            out.append(_cap(" ".join(low[:size])))
            i += size
            continue
        else:
            out.append(_cap(words[i].lower()))
        i += 1
    return " ".join(out)


def agency_case(text: str) -> str:
    """Sentence-case an upper-case agency name (ND30 capitalisation); keep mixed-case names as printed.

    >>> agency_case("TRƯỜNG TH, THCS & THPT SAO VIỆT"), agency_case("TRƯỜNG TRUNG HỌC CƠ SỞ BÍCH HÒA")
    ('Trường TH, THCS & THPT Sao Việt', 'Trường Trung học cơ sở Bích Hòa')
    >>> agency_case("SỞ GIÁO DỤC VÀ ĐÀO TẠO AN GIANG")
    'Sở Giáo dục và Đào tạo An Giang'
    """
    text = " ".join(text.split())
    if not is_upper(text):
        return text
    if text.split(" ")[0] in ("TRƯỜNG", "TRƯƠNG"):  # a school (its name misspelt TRƯƠNG too)
        return _school_case(text.split(" "))
    orig = text.split(" ")
    words = text.lower().split(" ")
    out: list[str] = []
    i, cap_next, proper = 0, True, False
    while i < len(words):
        word = words[i]
        if any(ch.isdigit() for ch in word) or "/" in word:
            out.append(orig[i])  # symbols and numbers as printed
            i += 1
            continue
        if orig[i] in _ACRONYMS:
            out.append(orig[i])
            i += 1
            cap_next = False
            continue
        matched = next((n for n in _PLACE_NOUNS if words[i:i + len(n.split())] == n.split()), None)
        if matched == "xã" and words[i + 1:i + 2] == ["hội"]:  # "xã hội" (society), not a commune
            matched = None
        if matched:
            size = len(matched.split())
            out.extend(words[i:i + size])
            i += size
            proper = True
            continue
        noun = next((n for n in _TYPE_NOUNS if words[i:i + len(n.split())] == n.split()), None) if cap_next or i == 0 else None
        if noun:
            size = len(noun.split())
            chunk = words[i:i + size]
            out.append(_cap(chunk[0]) if not out else chunk[0] if noun in ("sở", "bộ") and out else _cap(chunk[0]))
            out.extend(chunk[1:])
            i += size
            cap_next, proper = True, False
            continue
        if word in ("-", "–"):  # "PHÒNG KINH TẾ - HẠ TẦNG": a joined field starts anew
            out.append(word)
            cap_next = True
            i += 1
            continue
        if word in _KEEP_LOWER or word == "&":
            out.append(word)
            proper = False
            cap_next = word in ("và", "&")  # "GIÁO DỤC & ĐÀO TẠO" is "Giáo dục & Đào tạo", as with và
        elif proper or cap_next:
            out.append(_cap(word))
            cap_next = False
        else:
            out.append(word)
        i += 1
    out[0] = _cap(out[0])
    return " ".join(_province_tail(out))


def _province_tail(words: list[str]) -> list[str]:
    """A province named at the end of an agency with no tỉnh before it, capitalised (``Sở GD&ĐT An Giang``)."""
    from vnplan.extract.places import province_of

    for n in (3, 2):
        if len(words) > n and not any(w[:1].isupper() for w in words[-n:]):
            tail = [_cap(w) for w in words[-n:]]
            found = province_of(" ".join(tail))
            if found is not None and found.name.lower() == " ".join(words[-n:]):
                return words[:-n] + tail
    return words


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


def title_case(text: str) -> str:
    """A signer's chức vụ line in sentence case (``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``)."""
    text = " ".join(text.split()).strip(" ,.")
    if not is_upper(text):
        return text
    low = text.lower()
    parts = [p.strip() for p in re.split(r"\s*,\s*", low)]
    out = []
    for part in parts:
        words, res, i = part.split(), [], 0
        while i < len(words):
            for size in (3, 2, 1):
                chunk = " ".join(words[i:i + size])
                if chunk in _TITLES:
                    res.append(_TITLES[chunk])
                    i += size
                    break
            else:
                res.append(words[i])
                i += 1
        s = " ".join(res)
        out.append(s[:1].upper() + s[1:])
    return ", ".join(out)


def name_case(text: str) -> str:
    """A person's name in title case (``NGUYỄN VĂN CƯỜNG`` → ``Nguyễn Văn Cường``)."""
    text = " ".join(text.split())
    if not is_upper(text):
        return text
    return " ".join(_cap(w.lower()) for w in text.split())
