"""Record warnings are shown in Vietnamese (data/warning_texts.tsv) on cards, explorer pages and `vnplan read`,
while the record keeps vnplan's English ``code: detail`` wording for scripts."""
from __future__ import annotations

from pathlib import Path

import pytest

import vnplan
from vnplan.cli import main
from vnplan.export.record_card import record_card
from vnplan.i18n import use_lang
from vnplan.record import Record
from vnplan.warning_text import _rules, warning_text

REAL = Path(__file__).resolve().parents[1] / "corpus" / "real"


@pytest.mark.parametrize("row", range(len(_rules())))
def test_each_row_matches_its_examples_and_no_earlier_row_takes_them(row: int) -> None:
    pattern, _template, examples = _rules()[row]
    assert examples and all(pattern.match(e) for e in examples)
    for e in examples:
        assert next(p for p, _, _ in _rules() if p.match(e)) is pattern
        shown = warning_text(e, lang="vi")
        assert shown != e and "{" not in shown  # filled, and no English left from the template


def test_a_message_no_row_matches_is_shown_unchanged() -> None:
    assert warning_text("something new happened (3)", lang="vi") == "something new happened (3)"
    assert not _rules()[0][0].match("blank_date: the day is left blank, or the month")  # rows are anchored


@pytest.mark.parametrize("name", ["001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf",
                                  "058_kh-980-ubnd-tinh-nghean-thuc-hien-qd-1899-ttg-phong-thu-dan-su.tvpl-page.md.txt"])
def test_warnings_of_real_documents_read_in_vietnamese(name: str) -> None:
    record = vnplan.extract(REAL / name)
    assert record.warnings, "the document's cleanup gives warnings"
    assert all(warning_text(w, lang="vi") != w for w in record.warnings)
    assert all(warning_text(w, lang="en") == w for w in record.warnings)


def test_card_and_cli_show_the_vietnamese_text(capsys: pytest.CaptureFixture[str]) -> None:
    record = Record(source={"path": "kh.pdf"}, warnings=["blank_number: the số is left blank"])
    assert "số văn bản để trống" in record_card(record)
    with use_lang("en"):
        assert "blank_number: the số is left blank" in record_card(record)
    assert main(["read", str(REAL / "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf")]) == 0
    err = capsys.readouterr().err
    assert "vnplan: cảnh báo:" in err and "đã bỏ 10 số trang" in err and "removed" not in err
