"""Writers and views registered by name, so a value can show itself without importing the layer that draws it.

A record, a diff, a compliance report, a cascade and a graph have ``to_html`` / ``to_text`` /
``write`` methods, but the code that draws them lives in `vnplan.export`, a layer above theirs.
Each export module registers its functions here when it loads (``vnplan/__init__`` loads
`vnplan.export`, so importing any part of vnplan makes them available); a value's method looks
its view up by name. The layer contract (pyproject ``[tool.importlinter]``) then holds without
exceptions for these calls.

    >>> @register("example.upper")
    ... def _upper(text: str) -> str:
    ...     return text.upper()
    >>> view("example.upper")("kế hoạch")
    'KẾ HOẠCH'
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["register", "registered", "view"]

F = TypeVar("F", bound=Callable[..., Any])
_VIEWS: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[F], F]:
    """A decorator that files a function under ``name`` (``"diff.html"``, ``"record.card"`` …).

    >>> register("example.twice")(lambda s: s * 2)("Số ")
    'Số Số '
    """
    def file(fn: F) -> F:
        _VIEWS[name] = fn
        return fn
    return file


def view(name: str) -> Callable[..., Any]:
    """The function registered under ``name``; a `KeyError` that says what to import when there is none.

    >>> view("no.such.view")
    Traceback (most recent call last):
    ...
    KeyError: "no view 'no.such.view' is registered; import vnplan (vnplan.export registers the views)"
    """
    try:
        return _VIEWS[name]
    except KeyError:
        raise KeyError(f"no view {name!r} is registered; import vnplan (vnplan.export registers the views)") from None


def registered() -> list[str]:
    """The names registered so far, sorted.

    >>> "record.card" in registered()
    True
    """
    return sorted(_VIEWS)
