"""Legacy TCVN3 / VNI text: tables, conversion with index maps, detection."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnplan.normalize.legacy import (
    _rows,
    convert_legacy,
    detect_legacy,
    encode_legacy,
    is_vietnamese_syllable,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS_TEXTS = sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted((ROOT / "corpus" / "real").glob("*.md.txt"))


def _corpus_lines() -> list[str]:
    lines = []
    for path in CORPUS_TEXTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = unicodedata.normalize("NFC", re.sub(r"[*|#_]", "", line)).strip()
            if len(line.split()) >= 6:
                lines.append(line)
    return lines


LINES = _corpus_lines()
LETTERS = [row["unicode"] for row in _rows()]
LOWER = "".join(c for c in LETTERS if c.islower())

# Known renderings (written independently of the data file).
KNOWN = [
    ("tcvn3", "KÕ ho¹ch", "Kế hoạch"),
    ("tcvn3", "Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", "Uû ban nh©n d©n tØnh", "Uỷ ban nhân dân tỉnh"),
    ("tcvn3", "KÕ HO¹CH", "KẾ HOẠCH"),
    ("tcvn3", "Qu¶ng Ng·i, ngµy 15 th¸ng 3 n¨m 2004", "Quảng Ngãi, ngày 15 tháng 3 năm 2004"),
    ("tcvn3", "ng\xadêi d©n", "người dân"),
    ("vni", "Keá hoaïch", "Kế hoạch"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("vni", "ngöôøi daân", "người dân"),
    ("vni", "Xin chaøo caùc baïn", "Xin chào các bạn"),
]


@pytest.mark.parametrize("encoding,legacy,expected", KNOWN)
def test_known_examples(encoding: str, legacy: str, expected: str) -> None:
    text, index = convert_legacy(legacy, encoding)
    assert text == expected
    assert len(index) == len(text)
    assert detect_legacy(legacy + " " + legacy) == encoding


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["unicode"])
def test_table_rows_are_consistent(row: dict[str, str]) -> None:
    tcvn3 = bytes(int(h, 16) for h in row["tcvn3_hex"].split()).decode("latin-1")
    vni = bytes(int(h, 16) for h in row["vni_hex"].split()).decode("latin-1")
    assert row["tcvn3"].replace("\\xad", "\xad") == tcvn3
    assert row["vni"] == vni
    assert row["unicode"] in row["example"]
    # A toned capital typed in the .VnTimeH caps font is told apart by its all-caps neighbours.
    text = f"NĂM {row['example']}" if row["tcvn3_case"] == "font" else row["example"]
    for encoding in ("tcvn3", "vni"):
        assert convert_legacy(encode_legacy(text, encoding), encoding)[0] == text


def test_vni_pair_maps_to_first_input_index() -> None:
    text, index = convert_legacy("Vieät Nam", "vni")
    assert text == "Việt Nam"
    assert index[2] == 2 and index[3] == 4  # "ệ" ← "eä" at 2..3; "t" at 4


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(LINES), st.sampled_from(["as-is", "lower", "upper"]))
def test_round_trip_on_corpus_sentences(line: str, case: str) -> None:
    text = {"as-is": line, "lower": line.lower(), "upper": line.upper()}[case]
    assert convert_legacy(encode_legacy(text, "vni"), "vni")[0] == text
    back = convert_legacy(encode_legacy(text, "tcvn3"), "tcvn3")[0]
    # TCVN3 (VN3) has no codes for toned capitals: a Title-case word's capital comes back lower-case.
    assert back.lower() == text.lower()
    if case != "as-is":
        assert back == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LOWER + "bcdghklmnpqrstvx ,.;:-0123456789()", max_size=80))
def test_round_trip_on_any_lowercase_vietnamese(text: str) -> None:
    for encoding in ("tcvn3", "vni"):
        converted, index = convert_legacy(encode_legacy(text, encoding), encoding)
        assert converted == text
        assert len(index) == len(converted)
        assert index == sorted(index)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_detects_every_corpus_paragraph(encoding: str) -> None:
    paragraphs = [" ".join(LINES[k : k + 3]) for k in range(0, len(LINES), 3)]
    missed = [p for p in paragraphs if detect_legacy(encode_legacy(p, encoding)) != encoding]
    assert len(missed) <= len(paragraphs) // 100, missed[:3]


NOT_LEGACY = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "The committee approved the plan on 12 March; the budget is 1.5 billion đồng.",
    "Le café où nous étions était très agréable, à côté de la gare.",
    "Schöne Grüße aus München, wir würden gern über das Thema sprechen.",
    "El niño español comió jamón en la mañana con sus compañeros.",
    "Nguyen Van A, Ha Noi, ngay 01/10/2025",
    "São Paulo é a maior cidade do Brasil; ônibus e metrô funcionam até à meia-noite.",
    "",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_not_legacy(text: str) -> None:
    assert detect_legacy(text) is None


def test_unicode_corpus_is_not_legacy() -> None:
    assert all(detect_legacy(" ".join(LINES[k : k + 3])) is None for k in range(0, len(LINES), 3))


@pytest.mark.parametrize(
    "word,ok", [("nghiêng", True), ("khuyết", True), ("người", True), ("schön", False), ("hoaùch", False), ("tràng", True)]
)
def test_syllable_shape(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok
