"""Parts after a document's closing: appendices (``Phụ lục …``) and a plan issued by a Quyết định.

    >>> from vnplan.structure.lines import logical_lines
    >>> lines = logical_lines("Phụ lục I\\nDANH MỤC NHIỆM VỤ\\n(Kèm theo Kế hoạch số 980/KH-UBND)\\n1. Rà soát")
    >>> app, end = parse_appendix(lines, 0, len(lines))
    >>> app.header.type_name.text, app.header.title.text, [n.label for n in app.body]
    ('Phụ lục I', 'DANH MỤC NHIỆM VỤ', ['1.'])
"""
from __future__ import annotations

import re

from vnplan.structure import markers as mk
from vnplan.structure.body import build_tree
from vnplan.structure.lines import Line, join_spans
from vnplan.structure.model import Header, Outline, Span
from vnplan.structure.paragraphs import paragraphs
from vnplan.structure.roles import tag_roles

__all__ = ["is_attachment_start", "next_part_start", "parse_appendix"]

_APP_LABEL = re.compile(r"^(?:PHỤ\s*LỤC|Phụ\s*lục|Phụ Lục)(?:\s+(?:số\s+)?[IVX\d]+[a-z]?)?")


def is_attachment_start(lines: list[Line], i: int, hi: int, parent: Header) -> bool:
    """A type name after the closing that opens an attached document (a plan issued by a Quyết định).

    A decision's attached rules may open with their name alone in capitals (``QUY TẮC ỨNG XỬ VĂN HÓA``)
    when a ``(Ban hành kèm theo Quyết định …)`` line follows within four lines.
    """
    parent_type = parent.type_name.text if parent.type_name else ""
    if not mk.is_type_name(lines[i].text):
        return parent_type == "QUYẾT ĐỊNH" and _issued_title(lines, i, hi)
    if parent_type in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ"):
        return True
    return any(mk.KEM_THEO.search(lines[j].text) for j in range(i + 1, min(hi, i + 5)))


def _issued_title(lines: list[Line], i: int, hi: int) -> bool:
    """``QUY TẮC ỨNG XỬ VĂN HÓA`` / ``CỦA CÁN BỘ …`` / ``(Ban hành kèm theo Quyết định số …)``."""
    t = lines[i].text
    if mk.label_of(t) or len(t.split()) < 2 or not mk.is_upper_line(t, 0.9) or (i > 0 and mk.is_upper_line(
            lines[i - 1].text, 0.9) and not mk.is_position(lines[i - 1].text)):
        return False
    for j in range(i + 1, min(hi, i + 5)):
        if mk.KEM_THEO.match(lines[j].text.lstrip()) and re.search(r"quyết\s+định", lines[j].text, re.I):
            return True
        if not mk.is_upper_line(lines[j].text, 0.9):
            return False
    return False


def next_part_start(lines: list[Line], lo: int, hi: int, parent: Header) -> int | None:
    """Index of the next appendix or attachment heading in ``lines[lo:hi]``."""
    for i in range(lo, hi):
        if mk.is_appendix_start(lines[i].text) or is_attachment_start(lines, i, hi, parent):
            return i
    return None


def parse_appendix(lines: list[Line], start: int, hi: int) -> tuple[Outline, int]:
    """An appendix from its ``Phụ lục`` line to ``hi``: label, title, ``(Kèm theo …)`` and body tree."""
    first = lines[start]
    h = Header()
    m = _APP_LABEL.match(first.text)
    cut = m.end() if m else len(first.text)
    h.type_name = first.span(0, cut)
    rest = first.text[cut:].lstrip(" :.-–")
    title: list[Span] = []
    if rest:
        title.append(first.span(len(first.text) - len(rest)))
    i = start + 1
    while i < hi and len(title) < 4:
        t = lines[i].text
        if mk.KEM_THEO.match(t):
            h.other.append(lines[i].span())
            i += 1
            break
        if mk.label_of(t) or lines[i].table_row or len(t) > 200:
            break
        if title and not (mk.is_upper_line(t) and mk.is_upper_line(title[-1].text)) and not t[:1].islower():
            break
        title.append(lines[i].span())
        i += 1
    h.title = join_spans(title)
    body = build_tree(paragraphs(lines[i:hi])) if i < hi else []
    tag_roles(body)
    end_line = lines[hi - 1] if hi - 1 >= start else first
    span = Span(first.start, end_line.end, "")
    return Outline(header=h, body=body, span=span, kind="appendix"), hi
