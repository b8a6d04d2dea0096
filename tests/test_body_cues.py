"""Body cues (vnplan/data/body_cues.json): every cue's examples are recognised and its counter-examples are not."""
from __future__ import annotations

from pathlib import Path

import pytest
from cue_checks import check_cue

from vnplan.structure import markers as mk

CUES = mk.body_cues()["cues"]


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c["cue"])
def test_cue_examples(cue: dict) -> None:
    check_cue(cue)


def test_part_letter_is_a_label_family() -> None:
    lab = mk.label_of("C- TỔ CHỨC THỰC HIỆN")
    assert lab is not None and (lab.label, lab.style) == ("C-", "alpha")
    assert mk.label_of("A. Nguyễn Văn An") is None
    assert mk.label_of("I. MỤC ĐÍCH").style == "roman"


def _heads() -> list[list[str]]:
    path = Path(__file__).resolve().parents[1] / "vnplan" / "data" / "agency_heads.tsv"
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


@pytest.mark.parametrize("head, example, counter", _heads(), ids=lambda v: v if isinstance(v, str) else "")
def test_agency_heads_table(head: str, example: str, counter: str) -> None:
    from vnplan.extract.plan_fields import is_agency_heading

    assert example.startswith(head) or head in example
    assert is_agency_heading(example), example
    assert not is_agency_heading(counter), counter


def test_archive_union_heading_is_a_responsible_agency() -> None:
    """Caught on 0160 (tuning): ``2. Công Đoàn cơ sở và Đoàn Thanh niên`` under TỔ CHỨC THỰC HIỆN was not an agency."""
    from conftest import ROOT

    from vnplan.extract import extract

    path = ROOT.parent / "shared" / "archive" / "docs" / "0160_kh-to-chuc-hoat-dong-truyen-thong-nang-cao-nhan-thuc-cho-can.pdf"
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    agencies = [r["agency"] for r in extract(path).responsibilities]
    assert agencies == ["Ban lãnh đạo nhà trường", "Công Đoàn cơ sở và Đoàn Thanh niên"]
