"""Layout cues of headers and closings (vnplan/data/layout_cues.json) and the archive documents they fixed.

Each cue's examples must be recognised and its counter-examples must not; the regression tests run the
real archive documents (tuning half of corpus/archive/split.json) that each cue was written for.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from cue_checks import check_cue

from vnplan.structure import markers as mk

ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
CUES = mk.layout_cues()["cues"]


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c["cue"])
def test_cue_examples(cue: dict) -> None:
    check_cue(cue, mk)


def test_surnames_are_unique_words() -> None:
    names = mk.layout_cues()["surnames"]
    assert len(names) == len(set(names))
    assert all(n.isalpha() for n in names)


def _archive(name: str) -> Path:
    path = ARCHIVE / name
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    return path


def test_type_and_title_on_one_header_line() -> None:
    """0180 prints THÔNG BÁO TUYỂN SINH under the mottos: type Thông báo, the rest is the trích yếu."""
    from vnplan.extract import extract

    rec = extract(_archive("0180_thong-bao-tuyen-sinh-khoa-xvii.docx"))
    assert rec.doc_type == "Thông báo"
    assert rec.title and rec.title.upper().startswith("TUYỂN SINH TRUNG CẤP KHÓA XVII")
    assert rec.issuer["name"] and rec.issuer["name"].lower() == "trường tc kỹ thuật tư thục kỳ anh"
    assert rec.issuer["level"] == "unit"


def test_type_and_title_line_over_school_year() -> None:
    from vnplan.document import Document

    doc = Document.from_text(
        "PHÒNG GD&ĐT HUYỆN X\nTRƯỜNG THCS Y\nSố: 12/KH-THCS\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nX, ngày 5 tháng 9 năm 2020\nKẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC\n"
        "Năm học 2020 - 2021\nCăn cứ Công văn số 1/SGDĐT ngày 2/9/2020;\nI. MỤC ĐÍCH\n")
    h = doc.outline.header
    assert h.type_name.text == "KẾ HOẠCH"
    assert " ".join(h.title.text.split()) == "THỰC HIỆN NHIỆM VỤ NĂM HỌC Năm học 2020 - 2021"
    assert h.number_line.text == "Số: 12/KH-THCS"


def test_signer_name_in_capitals() -> None:
    """0030 (a school's notice) prints HIỆU TRƯỞNG over NGUYỄN DUY DŨNG."""
    from vnplan.extract import extract

    rec = extract(_archive("0030_thong-bao-khan.pdf"))
    assert rec.signer["name"] == "Nguyễn Duy Dũng"
    assert rec.signer["title"] == "Hiệu trưởng"
    assert rec.issuer["name"].lower().startswith("trường th, thcs & thpt sao việt")
