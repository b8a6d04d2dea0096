"""The preamble: Căn cứ / Thực hiện / Triển khai / Theo đề nghị / Xét đề nghị clauses before the body.

A plan's opening paragraph ("Thực hiện Kế hoạch số …; UBND xã … xây dựng Kế
hoạch … như sau:") is its preamble.  Unmarked paragraphs right after the
clauses and right before the first heading ("Thủ tướng Chính phủ ban hành
Quyết định …", "Chủ tịch UBND tỉnh yêu cầu:") are kept as kind ``other``.

    >>> from vnplan.structure.lines import logical_lines
    >>> paras = logical_lines("Căn cứ Luật Tổ chức chính quyền địa phương;\\nXét đề nghị của Sở Xây dựng,\\nQUYẾT ĐỊNH:\\nĐiều 1. Ban hành")
    >>> clauses, end = parse_preamble(paras, 0)
    >>> [c.kind for c in clauses], end
    (['can_cu', 'theo_de_nghi'], 3)
"""
from __future__ import annotations

import re

from vnplan.structure import markers as mk
from vnplan.structure.lines import Line
from vnplan.structure.model import Clause

__all__ = ["DECISION_LINE", "parse_preamble"]

DECISION_LINE = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|BAN HÀNH|Q U Y Ế T Đ Ị N H)\s*:?\s*$")
_HEADINGISH = re.compile(r"^(?:Nơi nhận|Kính gửi|Trên đây)", re.I)


def _body_starts(p: Line) -> bool:
    t = p.text
    lab = mk.label_of(t)
    return bool(
        (lab and lab.style != "plus") or DECISION_LINE.match(t) or _HEADINGISH.match(t) or mk.AUTHORITY.match(t)
        or mk.is_appendix_start(t) or mk.is_type_name(t)
    )


def parse_preamble(paras: list[Line], start: int) -> tuple[list[Clause], int]:
    """Clauses from ``paras[start]`` on; returns them and the index of the first body paragraph.

    A ``QUYẾT ĐỊNH:`` line right after the clauses is consumed (it belongs to neither part).
    """
    clauses: list[Clause] = []
    i = start
    n = len(paras)
    while i < n:
        p = paras[i]
        if _body_starts(p):
            break
        kind = mk.preamble_kind(p.text)
        if kind:
            clauses.extend(_split_clauses(p, kind))
            i += 1
            continue
        # unmarked paragraphs just before the first heading belong to the preamble ("… như sau:")
        j = i
        while j < n and j - i < 3 and not _body_starts(paras[j]) and not mk.preamble_kind(paras[j].text):
            j += 1
        bridge = j < n and _body_starts(paras[j]) and not mk.is_appendix_start(paras[j].text)
        if clauses and bridge and all(len(paras[k].text) < 900 for k in range(i, j)):
            for k in range(i, j):
                clauses.append(Clause("other", paras[k].span()))
            i = j
            continue
        if not clauses and bridge and j - i == 1 and _introduces(p.text):
            clauses.append(Clause("other", p.span()))
            i = j
            continue
        break
    if i < n and DECISION_LINE.match(paras[i].text):
        i += 1
    return clauses, i


_NEXT_CLAUSE = re.compile(r";\s+(?=(?:thực hiện|triển khai|căn cứ|theo đề nghị|xét đề nghị|Thực hiện|Triển khai|Căn cứ|Theo đề nghị|Xét đề nghị)\b)")


def _split_clauses(p: Line, kind: str) -> list[Clause]:
    """One paragraph holding several clauses ("Căn cứ …; thực hiện chỉ đạo …;") → one clause each."""
    cuts = [m.end() for m in _NEXT_CLAUSE.finditer(p.text)]
    bounds = [0, *cuts, len(p.text)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        text = p.text[a:b]
        out.append(Clause(mk.preamble_kind(text) or kind, p.span(a, b)))
    return out


def _introduces(text: str) -> bool:
    """An opening sentence that announces the body ("… với các nội dung sau:", "… như sau:")."""
    t = text.rstrip(" .*")
    return t.endswith(":") and bool(re.search(r"(như sau|sau|cụ thể|nội dung|yêu cầu|đề nghị)\s*:$", t))
