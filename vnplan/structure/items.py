"""Dash-item lists of the closing and of Kính gửi: ``- Sở Y tế;`` → ``Sở Y tế``.

    >>> [s.text for s in split_items(Line("- Như trên; - Bộ Công an (Cục A03 - để b/c); - Lưu: VT.", list(range(55))))]
    ['Như trên', 'Bộ Công an (Cục A03 - để b/c)']
"""
from __future__ import annotations

import re

from vnplan.structure.lines import Line
from vnplan.structure.model import Span

__all__ = ["ends_item", "is_archive_item", "item_span", "split_items"]

_ITEM_START = re.compile(r"(?:^|(?<=[;.]))\s*[-–•+]\s*(?=\S)")
_DEBRIS_AFTER = re.compile(r";\s*[_~|`¬ˆ©]")
_ARCHIVE = re.compile(r"^\s*[-–•+]?\s*Lưu\s*(?::|VT\b|\b)", re.I)


def is_archive_item(text: str) -> bool:
    """``- Lưu: VT, VHXH.`` (the archive line, never a recipient).

    >>> is_archive_item("- Lưu: VT, KGVX, Đại."), is_archive_item("- Lưu Đình Hạnh")
    (True, False)
    """
    bare = text.strip()
    return bool(re.match(r"^[-–•+]?\s*Lưu\s*(?::|\s*VT\b|\s*-\s*VT)", bare))


def ends_item(text: str) -> bool:
    """The item text ends as a list item does (``;`` or ``.``)."""
    return text.rstrip(" *").endswith((";", ".", ";)"))


def item_span(line: Line, a: int = 0, b: int | None = None) -> Span:
    """The span of one item of ``line.text[a:b]``: leading dash and trailing ``;``/``.`` removed.

    >>> item_span(Line("- Như trên; _ TỔ ca", list(range(19)))).text
    'Như trên'
    """
    text = line.text
    b = len(text) if b is None else b
    debris = _DEBRIS_AFTER.search(text, a, b)
    if debris:  # "Như trên; _ TỔ ca": a seal's edge read by OCR after the item's end
        b = debris.start() + 1
    while a < b and (text[a].isspace() or text[a] in "-–•+*"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ";.,*"):
        b -= 1
    return line.span(a, b)


def split_items(line: Line) -> list[Span]:
    """The items of a line holding one or more ``- item;`` entries (archive line dropped)."""
    text = line.text
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts or starts[0] != 0 and text[: starts[0]].strip():
        starts = [0] + starts
    out: list[Span] = []
    for k, a in enumerate(starts):
        b = starts[k + 1] if k + 1 < len(starts) else len(text)
        if is_archive_item(text[a:b]):
            continue
        span = item_span(line, a, b)
        if span.text:
            out.append(span)
    return out
