"""HTML pieces shared by every page: escaping, bilingual labels, the page shell.

Every text from a record or a file name goes through `esc`; labels come from the
message catalogue in both languages, and the page shows one of them (``html[lang]``).

    >>> esc('<b title="x">Hoà & Xá</b>')
    '&lt;b title=&quot;x&quot;&gt;Hoà &amp; Xá&lt;/b&gt;'
    >>> label("site.col.year")
    '<span class="l-vi">Năm</span><span class="l-en">Year</span>'
"""
from __future__ import annotations

from html import escape
from typing import Any

from vnplan.i18n import catalogue, t

__all__ = ["both", "esc", "label", "page", "vi_date"]


def esc(value: Any) -> str:
    """Text for HTML content or a quoted attribute (``None`` → empty)."""
    return "" if value is None else escape(str(value), quote=True)


def both(vi: str, en: str) -> str:
    """Two already-escaped HTML fragments, one per language."""
    return f'<span class="l-vi">{vi}</span><span class="l-en">{en}</span>'


def label(key: str, **values: Any) -> str:
    """The catalogue message ``key`` in both languages, escaped."""
    return both(esc(t(key, lang="vi", **values)), esc(t(key, lang="en", **values)))


def name(prefix: str, value: str | None) -> str:
    """A coded value (``level.province``, ``relation.implements``) in both languages; unknown codes as they are."""
    if value and f"{prefix}.{value}" in catalogue():
        return label(f"{prefix}.{value}")
    return esc(value)


def vi_date(iso: str | None) -> str:
    """``2025-09-25`` → ``25/09/2025`` (as Vietnamese documents write it).

    >>> vi_date("2025-09-25"), vi_date(None)
    ('25/09/2025', '')
    """
    if not iso or len(str(iso)) < 10:
        return esc(iso)
    y, m, d = str(iso)[:10].split("-")
    return f"{d}/{m}/{y}"


def page(title: str, body: str, root: str = "", scripts: tuple[str, ...] = (), version: str = "") -> str:
    """A whole page: head (local CSS only), navigation, language switch, body, local scripts.

    ``root`` is the way back to the site's top folder (``""`` or ``"../"``); ``title`` is escaped here.
    """
    nav = (f'<a href="{root}index.html">{label("site.nav.index")}</a>'
           f'<a href="{root}cascades.html">{label("site.nav.cascades")}</a>'
           f'<a href="{root}graph.html">{label("site.nav.graph")}</a>')
    tags = "".join(f'<script src="{root}{s}"></script>' for s in ("data/messages.js", "static/site.js", *scripts))
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><link rel="stylesheet" href="{root}static/site.css"></head>'
            f'<body><header><span class="brand">{label("site.title")}</span><nav>{nav}</nav>'
            f'<button type="button" id="lang-switch">{label("site.lang.switch")}</button></header>'
            f'<main>{body}</main><footer>{label("site.footer", version=version)}</footer>{tags}</body></html>\n')
