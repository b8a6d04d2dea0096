"""The one message catalogue: every label and message shown to people, in Vietnamese (default) and English.

The texts live in ``vnplan/data/messages.tsv`` (``key``, ``vi``, ``en``; ``{name}``
placeholders).  The language is ``vi`` unless ``VNPLAN_LANG=en``, `set_lang` or
the CLI's ``--lang en`` says otherwise.

    >>> t("verdict.pass", lang="vi"), t("verdict.pass", lang="en")
    ('ĐẠT', 'PASS')
    >>> t("coverage.line", lang="vi", pct="86%", covered=6, total=7, partly=0, op="≥", min="80%")
    'độ bao phủ 86% (6/7 hoạt động của kế hoạch cấp trên được bao phủ, 0 một phần) ≥ 80%'
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import lru_cache

from vnplan import data, errors
from vnplan.errors import VnplanError

__all__ = ["LANGS", "catalogue", "date_text", "get_lang", "set_lang", "t", "use_lang"]

LANGS = ("vi", "en")
_current: list[str] = []  # an explicit choice (set_lang / use_lang) wins over VNPLAN_LANG


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """``{key: {"vi": text, "en": text}}`` from ``data/messages.tsv``."""
    out: dict[str, dict[str, str]] = {}
    for line in data.text("messages.tsv").splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        key, vi, en = (line.split("\t") + ["", ""])[:3]
        out[key] = {"vi": vi.replace("\\n", "\n"), "en": en.replace("\\n", "\n")}
    return out


def _check(lang: str) -> str:
    lang = (lang or "vi").strip().lower()[:2]
    if lang not in LANGS:
        raise VnplanError(None, f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def get_lang() -> str:
    """The current language: the last `set_lang` / `use_lang`, else ``VNPLAN_LANG``, else ``vi``.

    >>> with use_lang("en"):
    ...     get_lang()
    'en'
    """
    if _current:
        return _current[-1]
    return _check(os.environ.get("VNPLAN_LANG") or "vi")


def set_lang(lang: str | None) -> None:
    """Choose the language for the rest of the session (``None``: back to ``VNPLAN_LANG`` / Vietnamese).

    >>> set_lang("vi"); t("verdict.fail")
    'KHÔNG ĐẠT'
    >>> set_lang(None)
    """
    _current.clear()
    if lang:
        _current.append(_check(lang))


@contextlib.contextmanager
def use_lang(lang: str | None) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block (``None`` keeps the current language)."""
    if not lang:
        yield get_lang()
        return
    _current.append(_check(lang))
    try:
        yield _current[-1]
    finally:
        _current.pop()


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), with ``{name}`` filled in.

    >>> t("status.missing", lang="vi")
    'thiếu'
    """
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in messages.tsv")
    text = entry[_check(lang) if lang else get_lang()] or entry["vi"]
    return text.format(**values) if values else text


def date_text(value: object, lang: str | None = None) -> str:
    """A date as people read it: ``01/10/2025`` in Vietnamese, ``2025-10-01`` in English; ``…`` when blank.

    >>> date_text("2025-10-01", lang="vi"), date_text("2025-10-01", lang="en"), date_text(None)
    ('01/10/2025', '2025-10-01', '…')
    """
    from datetime import date

    if not value:
        return "…"
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return day.strftime("%d/%m/%Y") if (_check(lang) if lang else get_lang()) == "vi" else day.isoformat()


errors.WORDING = t  # errors (the layer below) word their keyed problems with the catalogue
