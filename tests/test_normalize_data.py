"""The normaliser's data tables run their own examples (vnplan/data/line_roles.json, boilerplate.json)."""
from __future__ import annotations

import re

import pytest

from vnplan.normalize import boilerplate, lines

ROLES = lines.data()["roles"]
LIST_STARTS = lines.data()["list_starts"]
CHROME = [(kind, e) for kind in ("site", "lead", "trail", "start") for e in boilerplate.data()[kind]]


def _flags(entry: dict[str, object]) -> int:
    return re.IGNORECASE if entry.get("ignorecase") else 0


@pytest.mark.parametrize("entry", ROLES, ids=lambda e: e["role"])
def test_role_examples(entry: dict[str, object]) -> None:
    assert entry["examples"], "every role needs examples"
    pattern = re.compile(str(entry["pattern"]), _flags(entry))
    for example in entry["examples"]:  # type: ignore[attr-defined]
        assert pattern.search(example), example
        assert lines.role(example) == entry["role"], example
    for counter in entry.get("counter", []):  # type: ignore[attr-defined]
        assert not pattern.search(counter), counter


@pytest.mark.parametrize("entry", LIST_STARTS, ids=lambda e: e["pattern"][:20])
def test_list_start_examples(entry: dict[str, object]) -> None:
    assert entry["examples"]
    for example in entry["examples"]:  # type: ignore[attr-defined]
        assert lines.is_list_start(example), example
    for counter in entry["counter"]:  # type: ignore[attr-defined]
        assert not re.match(str(entry["pattern"]), counter), counter


def test_connector_examples() -> None:
    table = lines.data()["connectors"]
    for first, second in table["examples"]:
        assert first.split()[-1] in lines.connectors(), first
    for counter in table["counter"]:
        assert counter.split()[-1] not in lines.connectors(), counter


@pytest.mark.parametrize("kind, entry", CHROME, ids=lambda x: x if isinstance(x, str) else x["pattern"][:25])
def test_boilerplate_examples(kind: str, entry: dict[str, object]) -> None:
    flags = 0 if kind == "start" else re.IGNORECASE
    pattern = re.compile(str(entry["pattern"]), flags)
    keywords = boilerplate.data()["keywords"]["words"]
    for example in entry["examples"]:  # type: ignore[attr-defined]
        assert pattern.search(example), example
        if kind != "start":
            assert any(k in example.lower() for k in keywords), f"no pre-check keyword in {example!r}"
    for counter in entry["counter"]:  # type: ignore[attr-defined]
        assert not pattern.search(counter), counter


def test_title_before_trail_examples() -> None:
    entry = boilerplate.data()["title_before_trail"]
    pattern = re.compile(entry["pattern"], re.IGNORECASE)
    assert all(pattern.search(e) for e in entry["examples"])
    assert not any(pattern.search(e) for e in entry["counter"])
