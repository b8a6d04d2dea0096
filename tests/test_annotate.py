"""`vnplan.annotate`: the document text with every extracted value marked at its source.

The marks are parsed back with a stack: every mark's pieces must join to exactly its
value's source text, and removing the marks must give back the document text.
"""
from __future__ import annotations

import html
import re

import pytest
from conftest import CORPUS

import vnplan
from vnplan.annotate import CLOSE, OPEN, SEP
from vnplan.provenance import sources

DOCS = ["seeds/000_28b0c8e4ade0a855.txt", "real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf",
        "real/007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx",
        "real/036_qd-254-ubnd-tinh-sonla-ban-hanh-kh-bao-ve-bmnn-2023.tvpl.md.txt"]
_TOKEN = re.compile(re.escape(OPEN) + r"([^" + re.escape(SEP) + r"]+)" + re.escape(SEP) + "|" + re.escape(CLOSE))


def _unmark(marked: str) -> tuple[str, dict[str, str]]:
    """(the text without marks, label → the text inside that label's marks, pieces joined)."""
    plain: list[str] = []
    inside: dict[str, list[str]] = {}
    stack: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(marked):
        piece = marked[pos:m.start()]
        plain.append(piece)
        for label in stack:
            inside[label].append(piece)
        if m.group(1):
            stack.append(m.group(1))
            inside.setdefault(m.group(1), [])
        else:
            stack.pop()
        pos = m.end()
    assert not stack
    plain.append(marked[pos:])
    return "".join(plain), {k: "".join(v) for k, v in inside.items()}


@pytest.fixture(scope="module", params=DOCS, ids=lambda d: d.split("/")[1][:30])
def annotated(request: pytest.FixtureRequest) -> tuple[vnplan.Document, vnplan.Record, str]:
    doc = vnplan.read(CORPUS / request.param)
    record = vnplan.extract(doc)
    return doc, record, vnplan.annotate(doc, record)


def test_every_value_is_marked_with_its_source_text(annotated: tuple[vnplan.Document, vnplan.Record, str]) -> None:
    doc, record, marked = annotated
    assert OPEN not in doc.text and CLOSE not in doc.text
    plain, inside = _unmark(marked)
    assert plain == doc.text
    found = sources(record)
    assert len(found) >= 10
    assert set(inside) == {label for label, _value, _src in found}
    for label, _value, src in found:
        assert inside[label] == src.text_in(doc.text), label


def test_printed_values_are_marked_as_printed(annotated: tuple[vnplan.Document, vnplan.Record, str]) -> None:
    """The number, symbol, place and each recipient: the marked text is the value itself."""
    _doc, record, marked = annotated
    _plain, inside = _unmark(marked)
    for key in ("number", "place"):
        if getattr(record, key):
            assert inside[key] == getattr(record, key)
    if record.symbol:
        assert "".join(inside["symbol"].split()) == record.symbol
    for i, entry in enumerate(record.recipients):
        assert " ".join(inside[f"recipients[{i}]"].split()) == entry


def test_html_marks_escape_the_text() -> None:
    doc = vnplan.Document.from_text("Nơi nhận:\n- Sở GD&ĐT <Hà Nội>;\n- Lưu: VT.")
    record = vnplan.Record(source={}, recipients=["Sở GD&ĐT <Hà Nội>"],
                           provenance={"recipients": [{"span": [12, 29]}]})
    out = vnplan.annotate(doc, record, html=True)
    assert '<mark data-field="recipients[0]">Sở GD&amp;ĐT &lt;Hà Nội&gt;</mark>' in out
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == doc.text


def test_a_value_crossing_another_is_closed_and_reopened() -> None:
    doc = vnplan.Document.from_text("Trước ngày 09/10/2025 báo cáo")
    record = vnplan.Record(source={}, activities=[{"text": "a", "provenance": {"span": [0, 21]}}],
                           deadlines=[{"date": "2025-10-09", "text": "b", "provenance": {"span": [11, 29]}}])
    out = vnplan.annotate(doc, record)
    assert out == "⟦activities[0]|Trước ngày ⟦deadlines[0]|09/10/2025⟧⟧⟦deadlines[0]| báo cáo⟧"
    assert _unmark(out)[1]["deadlines[0]"] == "09/10/2025 báo cáo"
