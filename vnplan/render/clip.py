"""Shorten text for a table cell between words, never inside one.

    >>> clip("Tổ chức Lễ khai mạc Tuần lễ trang trọng, tiết kiệm", 30)
    'Tổ chức Lễ khai mạc Tuần lễ…'
"""
from __future__ import annotations

__all__ = ["clip"]


def clip(text: str | None, n: int) -> str:
    """``text`` on one line, at most ``n`` characters, cut after a whole word with ``…`` (a single word longer
    than ``n`` is cut where it must be).

    >>> clip("Kế hoạch số 173/KH-UBND", 40), clip("Ủy ban nhân dân tỉnh", 12), clip("Thành-phố-Hồ-Chí-Minh", 8)
    ('Kế hoạch số 173/KH-UBND', 'Ủy ban nhân…', 'Thành-p…')
    """
    text = " ".join((text or "").split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    if text[n - 1] != " " and space > n // 3:  # the cut falls inside a word: go back to the space before it
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"
