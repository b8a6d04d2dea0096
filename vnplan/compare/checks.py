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

from vnplan.compare.model import Check
from vnplan.compare.similarity import fold, normalize_text, tfidf_char
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
    ev: dict[str, Any] = {"template": template.theme, "local": local.theme}
    if not template.theme:
        return Check("theme", "n/a", "the template states no theme", ev)
    if not local.theme:
        return Check("theme", "fail", "the local plan states no theme", ev)
    if _theme_key(template.theme) == _theme_key(local.theme):
        return Check("theme", "pass", "same theme", ev)
    score = float(tfidf_char([template.theme], [local.theme])[0, 0])
    ev["similarity"] = round(score, 3)
    if score >= THEME_SIMILARITY:
        return Check("theme", "pass", f"nearly the same theme (similarity {score:.2f})", ev)
    return Check("theme", "fail", f"different theme (similarity {score:.2f})", ev)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def check_period(template: Record, local: Record) -> Check:
    """The local plan's period lies inside the template's."""
    ts, te = _date(template.period.get("start")), _date(template.period.get("end"))
    ls, le = _date(local.period.get("start")), _date(local.period.get("end"))
    ev = {"template": dict(template.period), "local": dict(local.period)}
    if not (ts or te):
        return Check("period", "n/a", "the template states no concrete period", ev)
    if not (ls or le):
        return Check("period", "fail", "the local plan states no concrete period", ev)
    problems = []
    if ts and ls and ls < ts:
        problems.append(f"starts {ls} before the template's {ts}")
    if te and le and le > te:
        problems.append(f"ends {le} after the template's {te}")
    if ts and le and le < ts or te and ls and ls > te:
        problems.append("does not overlap the template's period")
    if problems:
        return Check("period", "fail", "the local period " + "; ".join(problems), ev)
    return Check("period", "pass", f"{ls or '…'} – {le or '…'} lies inside {ts or '…'} – {te or '…'}", ev)


def _reporting(record: Record) -> list[dict[str, Any]]:
    dated = [d for d in record.deadlines if _date(d.get("date"))]
    reports = [d for d in dated if _REPORTING.search(fold(d.get("text")))]
    return reports or dated


def check_deadlines(template: Record, local: Record) -> Check:
    """Every local reporting deadline falls on or before the template's earliest one (dates the local plan
    restates from the template excepted)."""
    t_dead, l_dead = _reporting(template), _reporting(local)
    ev: dict[str, Any] = {"template": t_dead, "local": l_dead}
    if not t_dead:
        return Check("deadlines", "n/a", "the template sets no dated reporting deadline", ev)
    if not l_dead:
        return Check("deadlines", "n/a", "the local plan sets no dated reporting deadline", ev)
    first = min(_date(d["date"]) for d in t_dead)  # type: ignore[type-var]
    copied = {_date(d["date"]) for d in t_dead}  # a template date restated locally is not late
    late = [d for d in l_dead if _date(d["date"]) > first and _date(d["date"]) not in copied]  # type: ignore[operator]
    ev["late"] = late
    if late:
        dates = ", ".join(d["date"] for d in late)
        return Check("deadlines", "fail", f"local deadline(s) {dates} fall after the template's {first}", ev)
    last = max(_date(d["date"]) for d in l_dead)  # type: ignore[type-var]
    return Check("deadlines", "pass", f"local reporting by {last}, on or before the template's {first}", ev)


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
    if not template.number:
        return Check("citation", "n/a", "the template's number is blank, so a citation cannot be checked", ev)
    for c in cited:
        same_symbol = not template.symbol or not c.get("symbol") or _symbol_key(c["symbol"]) == _symbol_key(
            template.symbol)
        if str(c["number"]) == str(template.number) and same_symbol:
            ev["citation"] = c.get("text") or f"{c.get('number')}/{c.get('symbol')}"
            return Check("citation", "pass", f"cites {template.label} ({c.get('relation') or 'mentions'})", ev)
    also = f"; both cite {', '.join(shared)}" if shared else ""
    return Check("citation", "fail", f"does not cite {template.label}{also}", ev)


CHECKS: dict[str, Callable[[Record, Record], Check]] = {
    "theme": check_theme, "period": check_period, "deadlines": check_deadlines, "citation": check_citation,
}


def run_checks(template: Record, local: Record, names: list[str] | None = None) -> list[Check]:
    """Run the named checks (all by default) in order.

    >>> [c.name for c in run_checks(Record(source={}), Record(source={}))]
    ['theme', 'period', 'deadlines', 'citation']
    """
    return [CHECKS[name](template, local) for name in (names or list(CHECKS))]
