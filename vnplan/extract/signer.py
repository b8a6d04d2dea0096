"""The signer: authority prefixes, chức vụ and name from the signature block.

    >>> signer_from_lines(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn Cường")
    {'name': 'Nguyễn Văn Cường', 'title': 'Phó Chủ tịch', 'authority': ['TM. Ủy ban nhân dân', 'KT. Chủ tịch']}
"""
from __future__ import annotations

import re
from typing import Any

from vnplan.extract.casing import agency_case, name_case, title_case

__all__ = ["authority_line", "clean_name", "signer_from_lines"]

AUTHORITY = re.compile(r"^\s*(T/?M|K/?T|Q|T/?L|TUQ)\s*\.\s*(.*)$", re.I)
_RANKS = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|"
    r"GS\.?\s*TS\.?|PGS\.?\s*TS\.?|GS\.|PGS\.|TS\.|ThS\.|BS\.|Ths\.|Ts\.|NGƯT|NGND|Nhà giáo ưu tú)\s+",
    re.I,
)
_SIGNED = re.compile(r"\(?\s*(?:Đã\s+ký|đã\s+ký|Ký|ký)\s*(?:và\s+đóng\s+dấu)?\s*\)?", re.I)


def authority_line(line: str) -> str | None:
    """``KT. CHỦ TỊCH`` → ``KT. Chủ tịch``; ``TM. ỦY BAN NHÂN DÂN`` → ``TM. Ủy ban nhân dân``."""
    m = AUTHORITY.match(line)
    if not m:
        return None
    prefix, body = m.group(1).upper().replace("/", ""), " ".join(m.group(2).split())
    cased = title_case(body) if _is_title(body) else agency_case(body)
    return f"{prefix}. {cased}".strip()


def _is_title(body: str) -> bool:
    return bool(re.match(r"^(PHÓ\s+)?(CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM|TRƯỞNG|CHÁNH|CỤC TRƯỞNG|VỤ TRƯỞNG|HIỆU TRƯỞNG)", body, re.I))


def clean_name(text: str) -> str | None:
    """The signer's name without ``(Đã ký)``, military or academic ranks, and stray marks."""
    text = _SIGNED.sub(" ", text)
    text = re.sub(r"[*_#|]", " ", text)
    text = " ".join(text.split()).strip(" .,:;")
    prev = None
    while prev != text:
        prev = text
        text = _RANKS.sub("", text).strip()
    if not text or len(text.split()) > 6 or any(ch.isdigit() for ch in text):
        return None
    return name_case(text)


def signer_from_lines(authority: list[str], title: str | None, name: str | None) -> dict[str, Any]:
    """Assemble the signer object of the record contract."""
    auth = [a for a in (authority_line(x) for x in authority) if a]
    return {
        "name": clean_name(name) if name else None,
        "title": title_case(title) if title else None,
        "authority": auth,
    }
