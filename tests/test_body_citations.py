"""Citation relations on documents the rules were not tuned on (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from vnplan.extract.citations import find_citations

ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"


def _archive(name: str) -> Path:
    path = ARCHIVE / name
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    return path


def test_type_word_printed_apart_from_its_number() -> None:
    """``các Công văn: Số 1060/BTC-QLGCS``: the type word belongs to the number, so the cue reaches it."""
    text = ("Theo đề nghị của Bộ Tài chính tại nội dung các Công văn: Số 1060/BTC-QLGCS ngày 23/01/2025 về việc "
            "xin ý kiến dự thảo Nghị định.")
    assert [(c.number, c.relation) for c in find_citations(text)] == [("1060", "proposal")]


def test_document_that_issued_a_named_regulation_takes_the_clause_relation() -> None:
    text = ("Căn cứ Điều lệ trường Trung học cơ sở, trường Trung học phổ thông và trường phổ thông có nhiều cấp học "
            "ban hành kèm theo Thông tư số 12/2011/TT-BGDĐT ngày 28/3/2011 của Bộ trưởng Bộ Giáo dục và Đào tạo;")
    assert [(c.number, c.relation) for c in find_citations(text)] == [("12", "basis")]


def test_long_description_still_cuts_the_cue() -> None:
    """Without a carrier phrase, a long gap between the cue and the number still gives ``mentions``."""
    text = ("Căn cứ tình hình thực tế của địa phương trong những năm qua và kết quả thực hiện nhiệm vụ của các "
            "đơn vị trên địa bàn toàn tỉnh, Công văn số 15/SGDĐT-VP ngày 2/3/2021 nêu rõ.")
    assert [c.relation for c in find_citations(text)] == ["mentions"]


def test_letter_citing_proposals_of_the_ministry() -> None:
    from vnplan.extract import extract

    rec = extract(_archive("0174_575-ub-signed.pdf"))
    rel = {c["number"]: c["relation"] for c in rec.citations}
    assert rel.get("1060") == "proposal" and rel.get("1187") == "proposal"
