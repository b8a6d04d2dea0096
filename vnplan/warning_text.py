"""Record warnings as people read them: Vietnamese by default, as vnplan wrote them in English.

A record keeps each warning as the extractor wrote it (``code: detail`` in English, stable for scripts and
for `vnplan.collection.warning_code`). Cards, explorer pages and ``vnplan read`` show it through the rows of
``data/warning_texts.tsv``: the first row whose pattern matches fills its Vietnamese template from the
pattern's named groups (a group named ``why`` holds clauses separated by ``"; "``, each shown through the same
rows). A message no row matches is shown unchanged.

    >>> warning_text("page numbers removed (10)", lang="vi")
    'đã bỏ 10 số trang'
    >>> warning_text("page numbers removed (10)", lang="en")
    'page numbers removed (10)'
"""
from __future__ import annotations

import re
from functools import cache

from vnplan import data
from vnplan.i18n import get_lang

__all__ = ["warning_text", "warning_texts"]


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    return tuple((re.compile(row["pattern"]), row["vi"], tuple(e.strip() for e in row["examples"].split(" | ")))
                 for row in data.rows("warning_texts.tsv"))


def warning_text(message: str, lang: str | None = None) -> str:
    """The warning ``message`` in ``lang`` (default: the current language).

    >>> warning_text("number_from_file_name: the printed số is unreadable; 5063 is the file name's", lang="vi")
    'số in trên văn bản không đọc được; lấy số 5063 từ tên tệp'
    >>> warning_text("page 1: text layer not used, page read by OCR: only 12 letters over a page image", lang="vi")
    'trang 1: không dùng lớp chữ có sẵn, đọc ảnh trang bằng OCR: chỉ có 12 chữ cái trên ảnh trang'
    """
    if (lang or get_lang()) != "vi":
        return message
    for pattern, template, _examples in _rules():
        m = pattern.match(message)
        if m:
            values = m.groupdict()
            if values.get("why"):
                values["why"] = "; ".join(warning_text(c, "vi") for c in values["why"].split("; "))
            return template.format(**values)
    return message


def warning_texts(messages: list[str], lang: str | None = None) -> list[str]:
    """Each of ``messages`` through `warning_text`.

    >>> warning_texts(["ocr_used: text read by OCR"], lang="vi")
    ['văn bản được đọc bằng OCR']
    """
    return [warning_text(m, lang) for m in messages]
