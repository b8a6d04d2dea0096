"""One cached loader for ``vnplan/data/`` (`vnplan.data`), the province table read once, and one accent fold.

Issue 13: `link/localities.py` carried its own copy of the province table and its own loader,
ten modules read ``vnplan/data`` each in its own way, and four modules folded accents each with
its own code. The remaining direct readers are listed here, so a new one is a decision.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnplan import data
from vnplan.compare.similarity import fold as similarity_fold
from vnplan.link.localities import locate, province_names
from vnplan.normalize.fold import fold_key
from vnplan.plaintext import fold

ROOT = Path(__file__).resolve().parents[1]

# modules that read vnplan/data/ themselves instead of calling `vnplan.data.rows` / `text` / `load_json`
DIRECT_READERS: set[str] = set()
_DIRECT = re.compile(r"""resources\.files\(["']vnplan\.data["']\)|__file__\).*["']data["']""")


def test_rows_reads_a_table_once() -> None:
    provinces = data.rows("provinces.tsv")
    assert provinces is data.rows("provinces.tsv")
    assert [r["era"] for r in provinces].count("old") == 63 and [r["era"] for r in provinces].count("new") == 34
    assert all(not r["era"].startswith("#") for r in provinces)  # comment lines skipped
    assert all(r["successor_code"].isdigit() for r in provinces)  # link.localities keys on it
    assert {r["successor_code"] for r in provinces if r["era"] == "old"} <= {r["code"] for r in provinces
                                                                              if r["era"] == "new"}


def test_text_and_json() -> None:
    assert data.text("warning_codes.tsv").splitlines()[0].split("\t")[0] == "code"
    table = data.load_json("boilerplate.json")
    table["keywords"] = None  # a caller's change does not reach the next caller
    assert data.load_json("boilerplate.json")["keywords"]
    with pytest.raises(FileNotFoundError):
        data.text("no_such_table.tsv")


def test_no_other_module_reads_the_data_folder() -> None:
    readers = {str(p.relative_to(ROOT)) for p in (ROOT / "vnplan").rglob("*.py")
               if p.name != "__init__.py" or p.parent.name != "data"
               if _DIRECT.search(p.read_text(encoding="utf-8"))}
    assert readers == DIRECT_READERS


# --- the province table, as link.localities reads it -----------------------------------------------------------

def _examples() -> list[tuple[str, str]]:
    return [(ex, "P" + r["successor_code"]) for r in data.rows("provinces.tsv")
            for ex in r["examples"].split(";") if ex]


@pytest.mark.parametrize(("text", "key"), _examples())
def test_every_province_example_is_located(text: str, key: str) -> None:
    located = locate(text)
    assert located is not None and located.key == key


@pytest.mark.parametrize(("text", "province", "as_named"), [
    ("Ủy ban nhân dân tỉnh Yên Bái", "Lào Cai", "Yên Bái"),
    ("UBND tỉnh Thừa Thiên - Huế", "Huế", "Thừa Thiên Huế"),  # an alias of the table
    ("Sở Nội vụ TP.HCM", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("tỉnh Bà Rịa – Vũng Tàu", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
    ("UBND tỉnh Khánh Hoà", "Khánh Hòa", "Khánh Hòa"),  # old tone placement
])
def test_locate_must_match(text: str, province: str, as_named: str) -> None:
    located = locate(text)
    assert located is not None and (located.province, located.as_named) == (province, as_named)


@pytest.mark.parametrize("text", [
    "UBND huyện Sơn La",            # a district of the same name is not the province
    "thị xã Phú Thọ",
    "UBND xã Hà Nam",
    "Long Anh",                     # a name must stand as whole words ("Long An")
    "Bộ Giáo dục và Đào tạo",
    "",
])
def test_locate_must_not_match(text: str) -> None:
    assert locate(text) is None


def test_province_names_come_from_the_table() -> None:
    names = province_names()
    assert {r["name"] for r in data.rows("provinces.tsv")} <= set(names)
    assert "Daklak" not in names  # the old built-in copy's spellings are gone with it


# --- one accent fold ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "folded"), [
    ("Ủy ban nhân dân  tỉnh Lâm Đồng", "uy ban nhan dan tinh lam dong"),
    ("UBND xã Hoà Xá", "ubnd xa hoa xa"),
    ("ĐẮK LẮK", "dak lak"),
    ("Ðắk Nông", "dak nong"),  # U+00D0, the eth some fonts give for Đ
])
def test_folds_agree(text: str, folded: str) -> None:
    assert fold(text) == fold_key(text, diacritics=False) == folded


def test_similarity_fold_is_the_normalised_text_stripped() -> None:
    assert similarity_fold("Sở Giáo dục và Đào tạo") == "so giao duc va dao tao"
    assert similarity_fold("Thuỷ lợi Hoà Bình") == similarity_fold("thủy lợi hòa bình") == "thuy loi hoa binh"
