"""Website chrome before and after a document copied from the web.

Crawls of legal-document sites carry the page around the document: a
copyright banner, "Đang tải văn bản...", a metadata table (Số hiệu, Loại văn
bản, Nơi ban hành, Người ký ...) before it, and related-document lists, login
prompts and notices after it.  The document starts at its first header line
(agency, Quốc hiệu or ``Số:``) after the last chrome line of the first half;
it ends before the first chrome line of the rest.  Nothing is cut when no
chrome line is found.  The phrases are data: ``vnplan/data/boilerplate.json``.

    >>> text = "Đang tải văn bản...\\nSố hiệu:\\n980/KH-UBND\\nỦY BAN NHÂN DÂN\\nKẾ HOẠCH\\nNội dung.\\nVăn bản liên quan\\nTải về"
    >>> cut_boilerplate(MappedText.identity(text))[0].text
    'ỦY BAN NHÂN DÂN\\nKẾ HOẠCH\\nNội dung.'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vnplan import data as vnplan_data
from vnplan.normalize.lines import line_spans
from vnplan.normalize.offsetmap import MappedText

__all__ = ["cut_boilerplate", "data", "document_bounds"]

_MARKS = re.compile(r"^[\s*_#|>]+|[\s*_#|]+$")
# The same as two strips (`_strip_marks`): regex ``\s`` is exactly what str.isspace() calls space.
_SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
_LEAD_MARKS, _TRAIL_MARKS = _SPACES + "*_#|>", _SPACES + "*_#|"


def _strip_marks(line: str) -> str:
    """``_MARKS.sub("", line)`` for a line without ``\n``: markdown marks and spaces off both ends.

    >>> _strip_marks("> **Số hiệu:** |"), _MARKS.sub("", "> **Số hiệu:** |")
    ('Số hiệu:', 'Số hiệu:')
    """
    return line.lstrip(_LEAD_MARKS).rstrip(_TRAIL_MARKS)


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The phrase table (``vnplan/data/boilerplate.json``), loaded once."""
    table: dict[str, Any] = vnplan_data.load_json("boilerplate.json")
    return table


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    d = data()

    def join(entries: list[dict[str, Any]], flags: int) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{e['pattern']})" for e in entries), flags)

    return {
        "site": join(d["site"], re.IGNORECASE),
        "lead": join(d["lead"] + d["site"], re.IGNORECASE),
        "trail": join(d["trail"] + d["site"], re.IGNORECASE),
        "start": join(d["start"], 0),
        "title": re.compile(d["title_before_trail"]["pattern"], re.IGNORECASE),
    }


@lru_cache(maxsize=1)
def _keywords() -> tuple[str, ...]:
    return tuple(data()["keywords"]["words"])


def document_bounds(text: str) -> tuple[int, int]:
    """``(start, end)`` of the document inside ``text`` (the whole text when no chrome is found).

    >>> document_bounds("Số: 05\\nKẾ HOẠCH")
    (0, 15)
    """
    pats = _patterns()
    low = text.lower()
    if not any(k in low for k in _keywords()):
        return 0, len(text)
    spans = line_spans(text)
    lines = [_strip_marks(text[s:e]) for s, e in spans]
    n = len(text)
    start, first = 0, 0
    lead = [k for k, (s, _) in enumerate(spans) if s < n // 2 and lines[k] and pats["lead"].search(lines[k])]
    if lead:
        last = lead[-1]
        first = last + 1
        for k in range(last + 1, min(len(spans), last + 200)):
            if lines[k] and pats["start"].search(lines[k]):
                first = k
                break
        start = spans[first][0] if first < len(spans) else n
    end = n
    floor = max(start, int(n * 0.3))
    for k in range(first, len(spans)):
        if spans[k][0] >= floor and lines[k] and pats["trail"].search(lines[k]):
            j = k - 1
            while j > first and not lines[j]:
                j -= 1
            if j > first and pats["title"].search(lines[j]) and not lines[j].rstrip().endswith((".", ";", ":")):
                k = j
            end = spans[k][0]
            break
    return start, end


def cut_boilerplate(mt: MappedText) -> tuple[MappedText, list[str]]:
    """Delete website chrome before and after the document; returns the text and warnings."""
    text = mt.text
    start, end = document_bounds(text)
    if start == 0 and end == len(text):
        return mt, []
    ed = mt.edits()
    if start > 0:
        ed.delete(0, start)
    if end < len(text):
        ed.delete(max(start, end - 1) if end > start else end, len(text))
    warnings = [f"website boilerplate removed: {start} characters before the document, {len(text) - end} after"]
    return mt.apply(ed), warnings
