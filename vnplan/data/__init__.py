"""The reviewed Vietnamese tables of ``vnplan/data/``, each read from the package once, on first use.

``text`` gives a file as it is, ``rows`` a TSV table as dicts (``#`` comment lines and blank
lines skipped, no quoting: a ``"`` is a character), ``load_json`` a JSON file. Modules keep
their own compiled forms (patterns, lookups) cached; this module only reads.

    >>> rows("provinces.tsv")[0]["name"], rows("provinces.tsv")[0]["successor_name"]
    ('Hà Nội', 'Hà Nội')
"""
from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_json", "rows", "text"]


@cache
def text(name: str) -> str:
    """The file ``vnplan/data/<name>`` as text (UTF-8).

    >>> text("headings.tsv").splitlines()[0].startswith("#")
    True
    """
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the TSV table ``vnplan/data/<name>``, keyed by its header.

    >>> [r["name"] for r in rows("provinces.tsv") if r["code"] == "15"]
    ['Yên Bái', 'Lào Cai']
    """
    lines = [ln for ln in text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_json(name: str) -> Any:
    """A fresh parse of the JSON file ``vnplan/data/<name>`` (its text is read once).

    >>> load_json("boilerplate.json") is not load_json("boilerplate.json")
    True
    """
    return json.loads(text(name))
