"""A plan record as an HTML card for Jupyter: its fields, and the source snippet behind each.

    >>> from vnplan.record import Record
    >>> "173/KH-UBND" in record_card(Record(source={"path": "kh.pdf"}, number="173", symbol="KH-UBND"))
    True
"""
from __future__ import annotations

import html
from typing import Any

from vnplan.i18n import date_text, t
from vnplan.plaintext import clip
from vnplan.record import Record
from vnplan.views import register
from vnplan.warning_text import warning_texts

__all__ = ["display_label", "record_card"]

_STYLE = """<style>
.vnp-card{font-family:system-ui,sans-serif;border:1px solid #ccd;border-radius:8px;padding:10px 14px;max-width:980px}
.vnp-card h3{margin:0 0 4px 0;font-size:16px}.vnp-card .sub{color:#556;margin-bottom:8px}
.vnp-card table{border-collapse:collapse;width:100%}.vnp-card td{vertical-align:top;text-align:left;padding:3px 6px;border-top:1px solid #eef}
.vnp-card td.k{color:#445;white-space:nowrap;width:130px}.vnp-card .src{color:#889;font-size:11px}
.vnp-card .warn{color:#a40}.vnp-card ul{margin:0;padding-left:18px}
</style>"""


def display_label(record: Record) -> str:
    """The record's label for people: ``173/KH-UBND``, ``…/KH-UBND``, or "no number" in the current language.

    >>> display_label(Record(source={"path": "kh.txt"}, doc_type="Kế hoạch"))
    '(chưa có số)'
    """
    return t("records.no_number") if not (record.number or record.symbol) else record.label


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _src(record: Record, key: str) -> str:
    prov = record.provenance.get(key)
    if not prov:
        return ""
    where = ", ".join(_where(k, v) for k, v in prov.items() if k in ("page", "paragraph", "cell") and v is not None)
    snippet = f" “{_e(clip(prov['text'], 120))}”" if prov.get("text") else ""
    return f' <span class="src">[{_e(where or t("where.span", n=prov.get("span")))}]{snippet}</span>'


def _where(key: str, value: object) -> str:
    """``tr. 2``, ``đoạn 14``, or ``bảng 1, hàng 3, cột 2`` for a table cell ``[table, row, col]``."""
    if key == "cell" and isinstance(value, (list, tuple)) and len(value) == 3:
        return ", ".join(t(f"where.{k}", n=n) for k, n in zip(("table", "row", "col"), value))
    return t(f"where.{key}", n=value)


def _list(items: list[str], limit: int = 12) -> str:
    shown = "".join(f"<li>{_e(x)}</li>" for x in items[:limit])
    more = f"<li>… {t('records.more', n=len(items) - limit)}</li>" if len(items) > limit else ""
    return f"<ul>{shown}{more}</ul>" if items else "—"


def _level(level: str | None) -> str:
    from vnplan.i18n import catalogue

    return t(f"level.{level}") if f"level.{level}" in catalogue() else str(level or "—")


def _relation(relation: str | None) -> str:
    from vnplan.i18n import catalogue

    return t(f"relation.{relation}") if f"relation.{relation}" in catalogue() else str(relation or "")


@register("record.card")
def record_card(record: Record) -> str:
    """The HTML card of ``record``."""
    r = record
    cites = [f"{_relation(c.get('relation'))}: {c.get('doc_type') or ''} {c.get('number') or '…'}/{c.get('symbol') or ''}"
             f"{' (' + date_text(c['date']) + ')' if c.get('date') else ''}" for c in r.citations]
    rows = [
        (t("card.number"), _e(display_label(r)) + _src(r, "number")),
        (t("card.date"), _e(date_text(r.issue_date) if r.issue_date else r.issue_year) + (f", {_e(r.place)}" if r.place else "") + _src(r, "issue_date")),
        (t("card.issuer"), f"{_e(r.issuer.get('name'))} <i>({_e(_level(r.issuer.get('level')))})</i>" + _src(r, "issuer")),
        (t("card.title"), _e(r.title) + _src(r, "title")),
        (t("card.theme"), _e(r.theme) + _src(r, "theme")),
        (t("card.period"), _e(f"{date_text(r.period.get('start'))} → {date_text(r.period.get('end'))}") if any(r.period.values()) else "—"),
        (t("card.citations"), _list(cites)),
        (t("card.activities"), _list([clip(a.get("text"), 160) for a in r.activities])),
        (t("card.responsibilities"), _list([x.get("agency", "") for x in r.responsibilities])),
        (t("card.deadlines"), _list([f"{date_text(d.get('date'))}: {clip(d.get('text'), 120)}" for d in r.deadlines])),
        (t("card.recipients"), _list(r.recipients)),
        (t("card.signer"), _e(" / ".join([*r.signer.get("authority", []), r.signer.get("title") or "", r.signer.get("name") or ""]).strip(" /"))
         + _src(r, "signer")),
    ]
    if r.warnings:
        rows.append((t("card.warnings"), f'<span class="warn">{_list(warning_texts(r.warnings))}</span>'))
    body = "".join(f'<tr><td class="k">{k}</td><td>{v}</td></tr>' for k, v in rows)
    from vnplan.export.scoped_css import host_reset

    return (f'{_STYLE}<style>{host_reset("vnp-card")}</style><div class="vnp-card"><h3>{_e(r.doc_type or t("card.document"))} {_e(display_label(r))}</h3>'
            f'<div class="sub">{_e(r.source.get("path"))}</div><table>{body}</table></div>')
