"""The two string helpers every layer uses: fold accents away for a comparison key, and clip text for a cell.

It sits at the bottom layer (with `vnplan.errors` and `vnplan.data`) and imports nothing of vnplan, so
any module may use it instead of keeping its own copy.

    >>> fold("UBND xã Hoà Xá"), strip_diacritics("Đắk Lắk")
    ('ubnd xa hoa xa', 'Dak Lak')
    >>> clip("Tổ chức Lễ khai mạc Tuần lễ trang trọng, tiết kiệm", 30)
    'Tổ chức Lễ khai mạc Tuần lễ…'
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["clip", "fold", "strip_diacritics"]

_D = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})  # U+00D0/U+00F0: the eth some fonts give for Đ


def strip_diacritics(text: str) -> str:
    """``text`` without any mark, ``đ`` → ``d``; case and spacing kept.

    >>> strip_diacritics("Đắk Lắk"), strip_diacritics("Nghệ An")
    ('Dak Lak', 'Nghe An')
    """
    nfd = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in nfd if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.translate(_D))


@lru_cache(maxsize=1 << 16)  # names and symbols repeat across an archive: key each once
def fold(text: str | None) -> str:
    """The accent-folded key of a text: no marks, ``đ`` → ``d``, lower case, single spaces.

    >>> fold("Ủy ban nhân dân  tỉnh Lâm Đồng"), fold("ĐẮK LẮK"), fold(None)
    ('uy ban nhan dan tinh lam dong', 'dak lak', '')
    """
    if not text:
        return ""
    return " ".join(strip_diacritics(unicodedata.normalize("NFC", text).casefold()).split())


def clip(text: str | None, n: int, *, words: bool = True) -> str:
    """``text`` in at most ``n`` characters, ending with ``…`` when it was cut.

    By default the text goes on one line and is cut after a whole word (a single word longer than
    ``n`` is cut where it must be). ``words=False`` keeps the text as written and cuts at ``n - 1``
    characters, for labels and messages whose end does not matter.

    >>> clip("Kế hoạch số 173/KH-UBND", 40), clip("Ủy ban nhân dân tỉnh", 12), clip("Thành-phố-Hồ-Chí-Minh", 8)
    ('Kế hoạch số 173/KH-UBND', 'Ủy ban nhân…', 'Thành-p…')
    >>> clip("Ủy ban nhân dân tỉnh", 12, words=False)
    'Ủy ban nhân…'
    """
    if not words:
        text = text or ""
        return text if len(text) <= n else text[: n - 1].rstrip() + "…"
    text = " ".join((text or "").split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    if text[n - 1] != " " and space > n // 3:  # the cut falls inside a word: go back to the space before it
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"
