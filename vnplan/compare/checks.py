"""Field checks of a local plan against its template: theme, period, reporting deadlines, citation.

Each check returns a `Check` with status ``pass``, ``fail`` or ``n/a`` (the
fields needed are not stated) and the evidence it used.

    >>> from vnplan.record import Record
    >>> t = Record(source={"path": "t"}, theme="Học để phát triển bản thân")
    >>> check_theme(t, Record(source={"path": "l"}, theme="“Học để phát triển bản thân”")).status
    'pass'
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from vnplan.compare.evidence import source
from vnplan.compare.model import Check
from vnplan.compare.similarity import fold, normalize_text, tfidf_char
from vnplan.i18n import date_text, t
from vnplan.record import Record

__all__ = [
    "CHECKS",
    "THEME_SIMILARITY",
    "check_citation",
    "check_deadlines",
    "check_period",
    "check_theme",
    "run_checks",
]

THEME_SIMILARITY = 0.9  # themes this similar (TF-IDF, character n-grams) count as the same
_REPORTING = re.compile(r"\bbao cao\b|\btong hop\b|\bgui (ve|bao)")


def _theme_key(theme: str | None) -> str:
    return " ".join(re.findall(r"\w+", normalize_text(theme)))


def check_theme(template: Record, local: Record) -> Check:
    """The local plan keeps the template's theme (chủ đề)."""
    ev: dict[str, Any] = {"template": template.theme, "local": local.theme,
                          "sources": _sources(source(template, "template", template.theme, field="theme"),
                                              source(local, "local", local.theme, field="theme"))}
    if not template.theme:
        return Check("theme", "n/a", t("check.theme.na"), ev)
    if not local.theme:
        return Check("theme", "fail", t("check.theme.no_local"), ev)
    if _theme_key(template.theme) == _theme_key(local.theme):
        return Check("theme", "pass", t("check.theme.same"), ev)
    score = float(tfidf_char([template.theme], [local.theme])[0, 0])
    ev["similarity"] = round(score, 3)
    if score >= THEME_SIMILARITY:
        return Check("theme", "pass", t("check.theme.near", sim=f"{score:.2f}"), ev)
    return Check("theme", "fail", t("check.theme.different", sim=f"{score:.2f}"), ev)


def _sources(*items: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [it for it in items if it]


def _period_text(record: Record) -> str | None:
    p = record.period
    return f"{date_text(p.get('start'))} – {date_text(p.get('end'))}" if (p.get("start") or p.get("end")) else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def check_period(template: Record, local: Record) -> Check:
    """The local plan's period lies inside the template's."""
    ts, te = _date(template.period.get("start")), _date(template.period.get("end"))
    ls, le = _date(local.period.get("start")), _date(local.period.get("end"))
    ev = {"template": dict(template.period), "local": dict(local.period),
          "sources": _sources(source(template, "template", _period_text(template), field="period"),
                              source(local, "local", _period_text(local), field="period"))}
    if not (ts or te):
        return Check("period", "n/a", t("check.period.na"), ev)
    if not (ls or le):
        return Check("period", "fail", t("check.period.no_local"), ev)
    problems = []
    if ts and ls and ls < ts:
        problems.append(t("check.period.starts_before", local=date_text(ls), template=date_text(ts)))
    if te and le and le > te:
        problems.append(t("check.period.ends_after", local=date_text(le), template=date_text(te)))
    if ts and le and le < ts or te and ls and ls > te:
        problems.append(t("check.period.no_overlap"))
    if problems:
        return Check("period", "fail", t("check.period.fail", problems="; ".join(problems)), ev)
    return Check("period", "pass", t("check.period.pass", ls=date_text(ls), le=date_text(le), ts=date_text(ts),
                                         te=date_text(te)), ev)


def _reporting(record: Record) -> list[dict[str, Any]]:
    dated = [d for d in record.deadlines if _date(d.get("date"))]
    reports = [d for d in dated if _REPORTING.search(fold(d.get("text")))]
    return reports or dated


def check_deadlines(template: Record, local: Record) -> Check:
    """Every local reporting deadline falls on or before the template's earliest one (dates the local plan
    restates from the template excepted)."""
    t_dead, l_dead = _reporting(template), _reporting(local)
    ev: dict[str, Any] = {"template": t_dead, "local": l_dead, "sources": []}
    if not t_dead:
        return Check("deadlines", "n/a", t("check.deadlines.na_template"), ev)
    if not l_dead:
        ev["sources"] = _sources(*(source(template, "template", d.get("text"), item=d) for d in t_dead[:3]))
        return Check("deadlines", "n/a", t("check.deadlines.na_local"), ev)
    first = min(_date(d["date"]) for d in t_dead)  # type: ignore[type-var]
    copied = {_date(d["date"]) for d in t_dead}  # a template date restated locally is not late
    late = [d for d in l_dead if _date(d["date"]) > first and _date(d["date"]) not in copied]  # type: ignore[operator]
    ev["late"] = late
    earliest = next(d for d in t_dead if _date(d["date"]) == first)
    shown = late or [max(l_dead, key=lambda d: str(d["date"]))]
    ev["sources"] = _sources(source(template, "template", earliest.get("text"), item=earliest),
                             *(source(local, "local", d.get("text"), item=d) for d in shown[:3]))
    if late:
        dates = ", ".join(date_text(d["date"]) for d in late)
        return Check("deadlines", "fail", t("check.deadlines.fail", dates=dates, first=date_text(first)), ev)
    last = max(_date(d["date"]) for d in l_dead)  # type: ignore[type-var]
    return Check("deadlines", "pass", t("check.deadlines.pass", last=date_text(last), first=date_text(first)), ev)


def _symbol_key(symbol: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(symbol))


def check_citation(template: Record, local: Record) -> Check:
    """The local plan cites the template by its number (and symbol, when both are known)."""
    cited = [c for c in local.citations if c.get("number")]
    ev: dict[str, Any] = {"template": template.label, "local_cites": [f"{c.get('number')}/{c.get('symbol')}"
                                                                       for c in cited]}
    t_keys = {(str(c.get("number")), _symbol_key(c.get("symbol"))) for c in template.citations if c.get("number")}
    shared = [f"{c.get('number')}/{c.get('symbol')}" for c in cited
              if (str(c.get("number")), _symbol_key(c.get("symbol"))) in t_keys]
    if shared:
        ev["shared"] = shared
    ev["sources"] = _sources(source(template, "template", None, field="number"))
    if not template.number:
        return Check("citation", "n/a", t("check.citation.na"), ev)
    for c in cited:
        same_symbol = not template.symbol or not c.get("symbol") or _symbol_key(c["symbol"]) == _symbol_key(
            template.symbol)
        if str(c["number"]) == str(template.number) and same_symbol:
            ev["citation"] = c.get("text") or f"{c.get('number')}/{c.get('symbol')}"
            ev["sources"].append(source(local, "local", ev["citation"], item=c))
            relation = t(f"relation.{c.get('relation') or 'mentions'}")
            return Check("citation", "pass", t("check.citation.pass", label=template.label, relation=relation), ev)
    also = t("check.citation.both_cite", shared=", ".join(shared)) if shared else ""
    return Check("citation", "fail", t("check.citation.fail", label=template.label) + also, ev)


CHECKS: dict[str, Callable[[Record, Record], Check]] = {
    "theme": check_theme, "period": check_period, "deadlines": check_deadlines, "citation": check_citation,
}


def run_checks(template: Record, local: Record, names: list[str] | None = None) -> list[Check]:
    """Run the named checks (all by default) in order.

    >>> [c.name for c in run_checks(Record(source={}), Record(source={}))]
    ['theme', 'period', 'deadlines', 'citation']
    """
    return [CHECKS[name](template, local) for name in (names or list(CHECKS))]
