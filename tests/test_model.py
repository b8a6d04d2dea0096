"""The typed record (`vnplan.model`) and the one provenance shape, on the 33 corpus documents and the gold files.

The corpus is read and extracted once per worker (`corpus`): the round trips, the
source spans and the annotate tests all run on what `vnplan extract` writes.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, ROOT, corpus_files

from vnplan.document import Document
from vnplan.extract import extract
from vnplan.model import Citation, Deadline, Issuer, Plan, Source, Warning
from vnplan.provenance import sources
from vnplan.read import read
from vnplan.record import CONTRACT_FIELDS, Record

pytestmark = pytest.mark.xdist_group("corpus")
ARCHIVE_GOLD = ROOT / "corpus" / "archive" / "gold"


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[Document, Record]]:
    out = {}
    for path in corpus_files():
        doc = read(path)
        out[path.name] = (doc, extract(doc))
    return out


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("name", [p.name for p in corpus_files()], ids=lambda n: n[:40])
def test_record_round_trips_exactly(name: str, corpus: dict[str, tuple[Document, Record]]) -> None:
    """Record → JSON → Record, and Record → Plan → JSON, give the same JSON, key order included."""
    _, record = corpus[name]
    data = json.loads(record.to_json())
    assert _dumps(Record.from_dict(data).to_dict()) == _dumps(data)
    assert _dumps(record.typed().to_dict()) == _dumps(data)
    assert Plan.from_dict(data) == record.typed()


def _subset(got: Any, want: Any) -> bool:
    """``want`` is in ``got``: same scalars, dict keys of ``want`` only, lists item by item."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and _subset(got[k], v) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_subset, got, want))
    return bool(got == want)


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")) + sorted(ARCHIVE_GOLD.glob("*.json")),
                         ids=lambda p: p.name[:40])
def test_gold_shapes_read_into_the_model(gold_path: Path) -> None:
    """Every gold record (corpus and archive) reads into `Plan` and writes back every value it states."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    plan = Plan.from_dict(gold)
    contract = {k: v for k, v in gold.items() if k in CONTRACT_FIELDS}  # gold files also hold "notes"
    assert _subset(plan.to_dict(), contract)
    assert plan.source["path"] == gold["file"]


def test_values_are_typed_frozen_and_short() -> None:
    cite = Citation.from_dict({"doc_type": "Kế hoạch", "number": "262", "symbol": "KH-UBND", "date": "2025-09-25",
                               "relation": "implements", "text": "Kế hoạch số 262/KH-UBND ngày 25/9/2025", "mentions": [[5, 16]],
                               "provenance": {"span": [5, 16], "raw": [7, 18], "page": 1, "paragraph": 3,
                                              "cell": None, "text": "262/KH-UBND"}})
    assert cite.date == date(2025, 9, 25) and cite.mentions == ((5, 16),)
    assert cite.source == Source(5, 16, raw=(7, 18), page=1, paragraph=3, text="262/KH-UBND")
    assert repr(cite) == "Citation(implements Kế hoạch 262/KH-UBND)"
    assert repr(cite.source) == "Source(5:16 p1 ¶3 '262/KH-UBND')"
    with pytest.raises(AttributeError):
        cite.number = "263"  # type: ignore[misc]
    assert repr(Issuer("Ủy ban nhân dân xã Hoà Xá", "commune")) == "Issuer('Ủy ban nhân dân xã Hoà Xá', 'commune')"
    assert len(repr(Deadline(date(2025, 10, 8), "Ngày 08/10/2025: Các cơ sở giáo dục tổng hợp, báo cáo kết quả"))) < 70


@pytest.mark.parametrize("text, code, message", [
    ("blank_number: the số is left blank", "blank_number", "the số is left blank"),
    ("internal_error: plan_fields: KeyError: 'x'", "internal_error", "plan_fields: KeyError: 'x'"),
    ("Trang 3 không đọc được", "", "Trang 3 không đọc được"),
])
def test_warning_parses_its_code_and_writes_back_the_same_text(text: str, code: str, message: str) -> None:
    warning = Warning.parse(text)
    assert (warning.code, warning.message, str(warning)) == (code, message, text)


def test_a_source_span_cannot_run_backwards() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        Source(9, 3)


@pytest.mark.parametrize("name", [p.name for p in corpus_files()], ids=lambda n: n[:40])
def test_every_source_points_at_its_text(name: str, corpus: dict[str, tuple[Document, Record]]) -> None:
    """Each Source lies in the text, its excerpt is the text there, its raw span lies in the reader's text."""
    doc, record = corpus[name]
    found = sources(record)
    assert found or record.warnings, name
    for field, _value, src in found:
        assert 0 <= src.start < src.end <= len(doc.text), field
        assert src.text == doc.text[src.start:src.end][:200], field
        assert src.raw is not None and 0 <= src.raw[0] <= src.raw[1] <= len(doc.raw.raw), field


def _printed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", [p.name for p in corpus_files()], ids=lambda n: n[:40])
def test_header_values_span_exactly_their_printed_text(name: str, corpus: dict[str, tuple[Document, Record]]) -> None:
    """The number's source is the number (not the whole ``Số:`` line); symbol, place and recipients likewise."""
    doc, record = corpus[name]
    plan = record.typed()
    prov = plan.provenance
    if record.number:
        assert prov["number"].text_in(doc.text).replace(" ", "") == record.number
    if record.symbol and "symbol" in prov:
        assert "".join(prov["symbol"].text_in(doc.text).split()) == record.symbol
    if record.place:
        assert _printed(prov["place"].text_in(doc.text)) == record.place
    for entry in plan.recipients:
        assert entry.source is not None, entry
        printed = entry.source.text_in(doc.text)
        # a two-column pdftotext copy may interleave the other column's words (012b: "phương TRƯỞNG ĐOÀN tiện")
        assert _printed(printed) == entry.text or _in_order(entry.text.split(), printed.split()), (entry, printed)


def _in_order(words: list[str], within: list[str]) -> bool:
    rest = iter(within)
    return all(any(w == x for x in rest) for w in words)


def test_number_source_covers_the_number_not_the_line(corpus: dict[str, tuple[Document, Record]]) -> None:
    """Issue 13: the number's span covered the whole ``Số:`` line."""
    doc, record = corpus["001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"]
    number = record.typed().provenance["number"]
    assert number.text_in(doc.text) == "173"
    assert record.provenance["number"]["span"] == [number.start, number.end]


def _stated(value: Any) -> bool:
    return any(value.values()) if isinstance(value, dict) else value is not None


def test_every_field_has_a_source_on_the_corpus(corpus: dict[str, tuple[Document, Record]]) -> None:
    """Every stated value has a Source: before issue 13 only 7 fields had one, never place or recipients."""
    missing: dict[str, int] = {}
    for _doc, record in corpus.values():
        plan = record.typed()
        stated = [k for k in ("doc_type", "number", "symbol", "issue_date", "issue_year", "place", "issuer", "title",
                              "theme", "period", "signer") if _stated(getattr(record, k))]
        for key in stated:
            if key not in plan.provenance:
                missing[key] = missing.get(key, 0) + 1
        for key in ("citations", "activities", "responsibilities", "deadlines", "recipients"):
            missing[key] = missing.get(key, 0) + sum(1 for v in getattr(plan, key) if v.source is None)
    assert {k: n for k, n in missing.items() if n} == {}


# ---------------------------------------------------------------------------------------------- JSON Schema

@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "vnplan" / "data" / "record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schema_file_is_generated_from_the_model() -> None:
    """``vnplan/data/record.schema.json`` is what ``scripts/update_record_schema.py`` writes now."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from update_record_schema import OUT, render

    assert OUT.read_text(encoding="utf-8") == render(), "run python scripts/update_record_schema.py"


@pytest.mark.parametrize("name", [p.name for p in corpus_files()], ids=lambda n: n[:40])
def test_every_corpus_record_validates(name: str, corpus: dict[str, tuple[Document, Record]], validator: Any) -> None:
    _, record = corpus[name]
    errors = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(json.loads(record.to_json()))]
    assert errors == []


@pytest.mark.parametrize("bad", [
    {"activities": [{"text": "Tổ chức Lễ khai mạc", "span": [10, 30], "paragraph": 4}]},  # the old inline shape
    {"citations": [{"doc_type": None, "number": "262", "symbol": "KH-UBND", "date": None, "issuer": None,
                    "relation": "implements", "text": "262/KH-UBND", "mentions": [], "provenance": None,
                    "start": 5, "end": 16}]},
    {"provenance": {"number": {"span": [0, 12]}}},  # a Source without raw/page/paragraph/cell/text
    {"issue_date": "25/9/2025"},
])
def test_schema_rejects_other_shapes(bad: dict[str, Any], corpus: dict[str, tuple[Document, Record]],
                                     validator: Any) -> None:
    _, record = corpus["000_28b0c8e4ade0a855.txt"]
    assert not validator.is_valid({**json.loads(record.to_json()), **bad})
