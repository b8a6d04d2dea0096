"""Lines of a text being normalised, and what role a line plays in a Vietnamese document.

Line separators inside the pipeline are ``"\\n"`` (a break the wrap pass may
remove), `HARD_BREAK` (a paragraph break) and `SOFT_JOIN` (a break that must
be joined).  Role patterns (header, signature, headings, words that cannot
end a line) are data: ``vnplan/data/line_roles.json``.

    >>> text = "Số: 05\\nKẾ HOẠCH"
    >>> [text[s:e] for s, e in line_spans(text)]
    ['Số: 05', 'KẾ HOẠCH']
    >>> role("TM. ỦY BAN NHÂN DÂN"), role("Hà Nội, ngày 25 tháng 9 năm 2025"), role("Tổ chức Tuần lễ")
    ('signature', 'place-date', None)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vnplan import data as vnplan_data
from vnplan.normalize.unicode import HARD_BREAK, SOFT_JOIN

__all__ = ["SEPARATORS", "connectors", "data", "is_list_start", "line_spans", "role", "roles"]

SEPARATORS = "\n" + HARD_BREAK + SOFT_JOIN
_SEP = re.compile(f"[{SEPARATORS}]")


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line (end excludes the separator).

    Every separator is one character, so the spans follow from the lengths of the split parts.
    """
    if HARD_BREAK in text or SOFT_JOIN in text:
        text = text.replace(HARD_BREAK, "\n").replace(SOFT_JOIN, "\n")
    parts = text.split("\n")
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        end = pos + len(part)
        spans.append((pos, end))
        pos = end + 1
    return spans


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The role table (``vnplan/data/line_roles.json``), loaded once."""
    table: dict[str, Any] = vnplan_data.load_json("line_roles.json")
    return table


@lru_cache(maxsize=1)
def roles() -> list[tuple[str, re.Pattern[str]]]:
    """``(role, compiled pattern)`` in priority order."""
    return [(r["role"], re.compile(r["pattern"], re.IGNORECASE if r.get("ignorecase") else 0))
            for r in data()["roles"]]


@lru_cache(maxsize=1)
def _list_start() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p['pattern']})" for p in data()["list_starts"]))


@lru_cache(maxsize=1)
def connectors() -> frozenset[str]:
    """Words after which a line cannot end a paragraph (``của``, ``và``, ``về`` ...)."""
    return frozenset(data()["connectors"]["words"])


@lru_cache(maxsize=1)
def _any_role() -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """All role patterns as one alternation, in priority order, and the role of each alternative.

    When every role pattern is anchored at the start of the line (``^``), the first alternative
    that matches there is the first pattern that matches anywhere; otherwise None (one by one).
    """
    rows = data()["roles"]
    if not all(r["pattern"].startswith("^") for r in rows):
        return None
    parts = [f"(?P<r{k}>{'(?i:' if r.get('ignorecase') else '(?:'}{r['pattern']}))" for k, r in enumerate(rows)]
    return re.compile("|".join(parts)), tuple(r["role"] for r in rows)


@lru_cache(maxsize=8192)
def role(line: str) -> str | None:
    """The role of a stripped line: ``"national-motto"``, ``"number"``, ``"place-date"``,
    ``"doc-type"``, ``"signature"``, ``"recipients"`` ... or None for ordinary text.

    >>> role("Số: /KH-UBND"), role("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ('number', 'national-motto')
    """
    combined = _any_role()
    if combined is None:
        return role_by_patterns(line)
    pattern, names = combined
    m = pattern.match(line.strip().strip("*_ "))
    if m is None:
        return None
    return next(name for k, name in enumerate(names) if m.group(f"r{k}") is not None)


def role_by_patterns(line: str) -> str | None:
    """`role` the slow way, one pattern after the other (the reference `role` is tested against)."""
    line = line.strip().strip("*_ ")
    for name, pattern in roles():
        if pattern.search(line):
            return name
    return None


@lru_cache(maxsize=8192)
def is_list_start(line: str) -> bool:
    """Whether a stripped line starts a heading or list item (``I.``, ``1.``, ``a)``, ``-``, ``Điều 1.``).

    >>> is_list_start("a) Tổ chức"), is_list_start("2025; và")
    (True, False)
    """
    return bool(_list_start().match(line.strip().lstrip("*_ ")))
