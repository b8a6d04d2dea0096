"""The chức vụ of a signature block, mapped to the title it is when OCR garbled its letters.

A seal or a signature over the chức vụ line leaves readings such as ``PHÓỎ GIÁM ĐÓC``, ``CHẦNH VĂN
PHÒNG`` or an authority's ``KT. Giám đỏc``.  The titles of the spec (Chủ tịch, Phó Chủ tịch, Giám đốc,
Hiệu trưởng, Thứ trưởng …) are a reviewed list (``data/layout_cues.json``, cue ``chuc_vu_title``); a
reading is mapped to the nearest one, compared without diacritics, only when it is at least
`SIMILARITY` alike and no other title is as near.  A longer chức vụ (``Cục trưởng Cục Công nghệ thông
tin``, ``Giám đốc Sở``) is never cut to a title.

    >>> nearest_title("PHÓỎ GIÁM ĐÓC"), nearest_title("Giám đốc Sở")
    ('Phó Giám đốc', None)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SIMILARITY", "head_title", "nearest_title", "normal_authority", "normal_title", "reads_as_title"]

SIMILARITY = 92.0  # rapidfuzz ratio (0-100) of the folded reading and the folded title


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in bare if unicodedata.category(c) != "Mn").lower()
    return " ".join(re.sub(r"[^a-z ]", " ", bare).split())


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, str], ...]:
    from vnplan.structure.markers import layout_cue

    return tuple((_fold(t), t) for t in layout_cue("chuc_vu_title")["titles"])


def _core(text: str) -> str:
    """The reading without leading debris (``sẽ PHÓ GIÁM ĐỐC``, ``,PHÓ GIÁM ĐỐC``) of a line in capitals."""
    words = text.replace(",", " ").split()
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        while words and not any(c.isupper() for c in words[0]):
            words.pop(0)
    return " ".join(words)


def nearest_title(text: str | None) -> str | None:
    """The title a chức vụ reading is (cased as the list prints it), or None when none is near enough.

    >>> nearest_title("CHẦNH VĂN PHÒNG"), nearest_title("sẽ PHÓ GIÁM ĐỐC"), nearest_title("Phó Giám định viên")
    ('Chánh Văn phòng', 'Phó Giám đốc', None)
    """
    from rapidfuzz import fuzz

    if not text:
        return None
    folded = _fold(_core(text))
    if not folded or len(folded) > 40:
        return None
    scored = sorted(((fuzz.ratio(folded, f), t) for f, t in _titles()), reverse=True)
    best, title = scored[0]
    if best < SIMILARITY or len(scored) > 1 and scored[1][0] == best:
        return None
    return title


def reads_as_title(text: str, title: str) -> bool:
    """Whether a garbled reading maps to ``title`` (the cue's examples are such pairs).

    >>> reads_as_title("GIÁM ĐỎC", "Giám đốc"), reads_as_title("Cục trưởng Cục Công nghệ thông tin", "Cục trưởng")
    (True, False)
    """
    return nearest_title(text) == title


def normal_title(text: str | None) -> str | None:
    """A signer's chức vụ with a garbled title replaced by the title; any other chức vụ as it was.

    >>> normal_title("Phóỏ Giám đóc"), normal_title("Cục trưởng Cục Công nghệ thông tin")
    ('Phó Giám đốc', 'Cục trưởng Cục Công nghệ thông tin')
    """
    return nearest_title(text) or text


def normal_authority(line: str) -> str:
    """An authority line (``KT. Giám đỏc``) with its chức vụ body mapped to its title; bodies stay.

    >>> normal_authority("KT. Giám đỏc"), normal_authority("TM. Ủy ban nhân dân")
    ('KT. Giám đốc', 'TM. Ủy ban nhân dân')
    """
    m = re.match(r"^(TM|KT|TL|TUQ|Q)\.\s*(.+)$", line)
    if not m:
        return line
    title = nearest_title(m.group(2))
    return f"{m.group(1)}. {title}" if title else line


def head_title(body: str) -> str | None:
    """The title an authority's body opens with, before the body it heads (``KT. Trưởng ban Ban Chính sách``).

    >>> head_title("Trưởng ban Ban Chính sách, Thuế quốc tế"), head_title("Giám đốc"), head_title("Ủy ban nhân dân")
    ('Trưởng ban', 'Giám đốc', None)
    """
    folded = _fold(body)
    found = [t for f, t in _titles() if folded == f or folded.startswith(f + " ")]
    return max(found, key=len) if found else None
