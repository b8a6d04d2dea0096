"""OCR repair of real syllables whose tone mark was lost, from their neighbours (issue 14).

`vnplan.normalize.ocr_lexicon.repair_in_context` asks the plan wording of the gold records
(``plan_word_pairs.tsv``, ``plan_syllables.tsv``, built by ``scripts/build_plan_word_pairs.py``).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from vnplan import data
from vnplan.normalize.ocr_lexicon import is_plan_pair, repair_in_context, repair_inner_capitals
from vnplan.normalize.ocr_repair import repair_ocr

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Kế hoạch tô chức thực hiện", "Kế hoạch tổ chức thực hiện"),
        ("công tác phô biến pháp luật", "công tác phổ biến pháp luật"),
        ("Công văn vê việc tuyển sinh", "Công văn về việc tuyển sinh"),
        ("Quyết định sô lượng học sinh", "Quyết định số lượng học sinh"),
        ("sửa đôi, bô sung", "sửa đổi, bổ sung"),
        ("có thâm quyên quyết định", "có thẩm quyền quyết định"),
        ("đào tạo, bôi dưỡng giáo viên", "đào tạo, bồi dưỡng giáo viên"),
        ("TÔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"),  # a heading in capitals
        ("phòng, chông dịch bệnh", "phòng, chống dịch bệnh"),
        ("sửa đổi, bỗ sung", "sửa đổi, bổ sung"),  # hỏi read as ngã
        ("của UBND tĩnh Bình Phước", "của UBND tỉnh Bình Phước"),
    ],
)
def test_lost_tone_is_put_back(ocr: str, expected: str) -> None:
    assert repair_in_context(ocr)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "hệ số lương ở bậc được xếp",  # lương: a plan word, never made the rarer lượng
        "giáo viên và chưa được dùng",  # chưa stays
        "kiểm tra các hộ dân xây dựng nhà ở",  # dân stays
        "Bộ trưởng Tô Lâm, ông Tô Văn Hùng",  # a family name beside a name
        "mùa đông năm nay",  # đông makes a word with its neighbour
        "công tác tuyên truyền",  # tuyên: a plan word
        "tổ chức thực hiện",  # already right
        "phòng, chông",  # a comma between: no neighbour read
        "TÔ lâm",  # capitals beside lower case: no heading
        "tỉnh Hà Tĩnh, giữ bình tĩnh",  # a place name; tĩnh makes a word with bình
        "trẻ em cơ nhỡ",  # a ngã word of its own
    ],
)
def test_correct_text_is_left_alone(text: str) -> None:
    assert repair_in_context(text) == (text, [])


def test_repair_ocr_runs_the_context_repair() -> None:
    text, repairs = repair_ocr("Kế hoạch tô chức Hội nghị")
    assert text == "Kế hoạch tổ chức Hội nghị" and "tô→tổ" in repairs


def test_plan_pairs_know_function_words() -> None:
    assert is_plan_pair("về", "việc") and is_plan_pair("để", "báo")
    assert not is_plan_pair("vê", "việc")


def test_plan_wording_files_equal_a_rebuild() -> None:
    spec = importlib.util.spec_from_file_location("build_plan_word_pairs", ROOT / "scripts" / "build_plan_word_pairs.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_plan_word_pairs"] = build
    spec.loader.exec_module(build)
    if not build.CORPUS_GOLD.exists():
        pytest.skip("corpus gold (../shared/eval/gold) not present")
    pairs = {(r["first"], r["second"]): int(r["docs"]) for r in data.rows("plan_word_pairs.tsv")}
    assert pairs == dict(build.build(2))
    counts = {r["syllable"]: int(r["count"]) for r in data.rows("plan_syllables.tsv")}
    assert counts == dict(build.syllable_counts())


@pytest.mark.parametrize("path", sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted(
    p for p in (ROOT / "corpus" / "real").glob("*.txt")), ids=lambda p: p.name[:30])
def test_born_digital_corpus_text_is_left_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert repair_in_context(text)[1] == []


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Nghị định sỐ 12", "Nghị định số 12"),
        ("của đơn vỊ.", "của đơn vị."),
        ("kinh tẾ - xã hội", "kinh tế - xã hội"),
        ("iPhone, eKYC, mOOC, ĐỀ ÁN, 610dỒ", "iPhone, eKYC, mOOC, ĐỀ ÁN, 610dỒ"),  # no syllable, capitals, debris
    ],
)
def test_inner_capital_vowel_is_lowered(ocr: str, expected: str) -> None:
    assert repair_inner_capitals(ocr)[0] == expected


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Ban Chỉ đạo Quôc gia", "Ban Chỉ đạo Quốc gia"),  # a capitalised misreading its lower-case neighbour names
        ("Quyêt định số 12", "Quyết định số 12"),
        ("đồng chí Nguyễn Thị Hà", "đồng chí Nguyễn Thị Hà"),  # a name of the gold, in no word list
        ("ông Hoàng Văn Thuân", "ông Hoàng Văn Thuân"),  # a name beside names
    ],
)
def test_capitalised_misreading_needs_its_neighbour(ocr: str, expected: str) -> None:
    from vnplan.normalize.ocr_lexicon import repair_syllables

    assert repair_syllables(ocr)[0] == expected
