"""Matching helpers: tone placement, keys, same_name."""
from __future__ import annotations

import pytest

from vnplan.normalize.fold import fold_key, fold_tone, same_name
from vnplan.plaintext import strip_diacritics


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hoà", "Hòa"), ("Hòa", "Hòa"), ("Thanh Hoá", "Thanh Hóa"), ("thuỷ lợi", "thủy lợi"), ("Uỷ ban", "Ủy ban"),
        ("tuỳ", "tùy"), ("hoè", "hòe"), ("khoẻ", "khỏe"), ("quý", "quý"), ("già", "già"), ("giữa", "giữa"),
        ("người", "người"), ("thuở", "thuở"), ("quyết", "quyết"), ("hoạch", "hoạch"), ("khuya", "khuya"),
        ("Hoàn Kiếm", "Hoàn Kiếm"), ("toán", "toán"), ("KHÁNH HOÀ", "KHÁNH HÒA"), ("Quỳnh", "Quỳnh"),
        ("2025, Hà Nội!", "2025, Hà Nội!"), ("Festival", "Festival"),
    ],
)
def test_fold_tone(text: str, expected: str) -> None:
    assert fold_tone(text) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Thanh Hoá", "Thanh Hóa", True),
        ("UBND xã Hoà Xá", "UBND  xã Hòa Xá", True),
        ("Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN", True),
        ("ÐẮK LẮK", "Đắk Lắk", True),
        ("Sở GD&ĐT", "Sở GD&ĐT ", True),
        ("3210/QĐ - UBND", "3210/QĐ-UBND", True),
        ("Hà Nội", "Hà Nam", False),
        ("Hòa Bình", "Hoà Vang", False),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


def test_fold_key_fallback_without_diacritics() -> None:
    assert fold_key("Đắk Lắk", diacritics=False) == fold_key("dak lak", diacritics=False) == "dak lak"
    assert same_name("Thành phố Hồ Chí Minh", "Thanh pho Ho Chi Minh", diacritics=False)
    assert not same_name("Thành phố Hồ Chí Minh", "Thanh pho Ho Chi Minh")
    assert strip_diacritics("Nghệ An") == "Nghe An"
