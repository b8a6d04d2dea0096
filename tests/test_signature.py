"""Digital signatures and stamps: the reviewed marks run their examples; box and stamp parsing (issue 11)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnplan.read.pdf_trust import PageEvidence, decide
from vnplan.read.signature import is_mark, parse_box, signature_of, split_stamp

DATA = json.loads((Path(__file__).resolve().parents[1] / "vnplan" / "data" / "signature_marks.json").read_text("utf-8"))
CASES = [(m["name"], ex, True) for m in DATA["marks"] for ex in m["examples"]] + \
        [(m["name"], ex, False) for m in DATA["marks"] for ex in m["counter"]]


@pytest.mark.parametrize("name,line,expected", CASES)
def test_mark_examples(name: str, line: str, expected: bool) -> None:
    assert is_mark(name, line) is expected


def test_esignature_stamp_in_closing_block_is_not_the_signer() -> None:
    kept, stamp = split_stamp(["CHỦ TỊCH", "Ủy ban Nhân dân tỉnh Bến", "Tre", "01-04-2020 09:53:21", "+07:00",
                               "Cao Văn Trọng"])
    assert kept == ["CHỦ TỊCH", "Cao Văn Trọng"]
    box = parse_box(stamp)
    assert box["organisation"] == "Ủy ban Nhân dân tỉnh Bến Tre" and box["time"] == "2020-04-01T09:53:21+07:00"


def test_closing_without_stamp_is_untouched() -> None:
    lines = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Võ Bình Thư"]
    assert split_stamp(lines) == (lines, [])


def test_signature_prefers_person_for_signer_and_body_for_organisation() -> None:
    sigs = [{"name": "Sở Giáo dục và Đào tạo", "email": "vp@gialai.gov.vn", "time": "2020-03-30T16:30:05+07:00"},
            {"name": "Lê Duy Định", "email": "dinhld@gialai.gov.vn", "time": "2020-03-30T16:29:21+07:00"}]
    sig = signature_of(sigs, [])
    assert (sig["signer"], sig["organisation"], sig["time"]) == ("Lê Duy Định", "Sở Giáo dục và Đào tạo",
                                                                 "2020-03-30T16:29:21+07:00")


def test_born_digital_page_never_ocrd() -> None:
    ev = PageEvidence(letters=10, vietnamese_share=0.0, image_share=0.1, invisible_share=1.0, box_letters=10)
    assert decide(ev).source == "text"
