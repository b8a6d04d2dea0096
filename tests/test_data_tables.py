"""Every row of the vnplan/data tables is checked against its own examples."""
from __future__ import annotations

from datetime import date

import pytest

from vnplan import data
from vnplan.extract.agencies import expand_abbreviation
from vnplan.extract.numbers import doc_type_from_symbol, issuer_from_symbol, parse_number_line
from vnplan.extract.places import province_of, provinces


def _examples(row: dict[str, str]) -> list[str]:
    return [x.strip() for x in row["examples"].split(";") if x.strip()]


DOC_TYPES = data.rows("doc_types.tsv")
AGENCIES = data.rows("agency_abbreviations.tsv")
PROVINCES = data.rows("provinces.tsv")


@pytest.mark.parametrize("row", DOC_TYPES, ids=lambda r: f"{r['scope']}-{r['abbreviation']}")
def test_doc_type_examples(row: dict[str, str]) -> None:
    assert _examples(row), "every row needs examples"
    for number in _examples(row):
        parsed = parse_number_line(number)
        assert parsed.number is not None and parsed.symbol is not None, number
        assert doc_type_from_symbol(parsed.symbol) == row["name"], number


@pytest.mark.parametrize("row", AGENCIES, ids=lambda r: r["abbreviation"])
def test_agency_examples(row: dict[str, str]) -> None:
    assert _examples(row), "every row needs examples"
    assert row["level"] in {"central", "province", "district", "commune", "unit", "party", "context"}
    assert expand_abbreviation(row["abbreviation"]) == row["name"]
    for number in _examples(row):
        symbol = parse_number_line(number).symbol
        assert symbol is not None, number
        if row["role"] == "unit":
            assert row["abbreviation"] in symbol.split("-") or symbol.endswith(row["abbreviation"]), number
        elif row["level"] == "context":
            assert issuer_from_symbol(symbol) is None, number
        else:
            assert issuer_from_symbol(symbol) == (row["name"], row["level"]), number


@pytest.mark.parametrize("row", PROVINCES, ids=lambda r: f"{r['era']}-{r['code']}-{r['name']}")
def test_province_examples(row: dict[str, str]) -> None:
    when = date(2025, 1, 15) if row["era"] == "old" else date(2025, 8, 1)
    for text in _examples(row):
        p = province_of(text, date=when)
        assert p is not None, text
        assert (p.era, p.code, p.name) == (row["era"], row["code"], row["name"]), text


def test_province_counts_and_successors() -> None:
    old = [p for p in provinces() if p.era == "old"]
    new = {p.code: p for p in provinces() if p.era == "new"}
    assert len(old) == 63 and len(new) == 34
    for p in old:
        assert p.successor_code in new and new[p.successor_code].name == p.successor_name
        assert p.name in new[p.successor_code].formed_from or p.name == "Thừa Thiên Huế"
    assert sum(len(p.formed_from) for p in new.values()) == 63
