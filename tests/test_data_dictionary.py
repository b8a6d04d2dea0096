"""Issue 16, point 6: docs/tables.md documents every column of every table, and every table keys on `path`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import vnplan
from vnplan.collection import Records
from vnplan.export.graph_tables import graph_frame
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
PAGE = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")


def _documented(section: str) -> set[str]:
    """The `code` names in the first cell of each row of the section's table."""
    body = PAGE.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in body.splitlines() if line.startswith("| `")]
    return {name for cell in cells for name in re.findall(r"`(\w+)`", cell)}


@pytest.fixture(scope="module")
def plans() -> Records:
    return Records([Record.from_dict({**json.loads(p.read_text(encoding="utf-8")), "source": {"path": p.name}})
                    for p in sorted((ROOT / "corpus" / "gold").glob("*.json"))])


@pytest.fixture(scope="module")
def tables(plans: Records) -> dict[str, list[str]]:
    template, local = SEEDS / "003_ccd8d4cb88100caa.txt", SEEDS / "000_28b0c8e4ade0a855.txt"
    graph = plans.graph()
    out = {name.capitalize(): getattr(plans, name)() for name in
           ("citations", "activities", "responsibilities", "deadlines", "recipients", "warnings")}
    out |= {"Records": plans.to_dataframe(), "Graph nodes": graph_frame(graph, "nodes"),
            "Graph edges": graph_frame(graph, "edges"), "Diff": vnplan.compare(template, local).to_dataframe(),
            "Compliance report": vnplan.check(template, local).to_dataframe(),
            "Many local plans": vnplan.check_many(template, [local]).to_dataframe(),
            "Cascade": graph.cascade("1050/QĐ-SCT", coverage=False).to_dataframe()}
    return {name: list(df.columns) for name, df in out.items()}


def test_every_column_is_documented(tables: dict[str, list[str]]) -> None:
    diff_columns = _documented("Diff")
    for name, columns in tables.items():
        documented = _documented(name) | (diff_columns if name == "Compliance report" else set())
        assert not [c for c in columns if c not in documented], name


def test_every_table_keys_on_path(tables: dict[str, list[str]]) -> None:
    assert all("path" in columns for columns in tables.values())
    assert not any("source_path" in columns for columns in tables.values())
