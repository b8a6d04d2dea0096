"""Agency levels, abbreviations, canonical names and provinces across the 2025 reorganisation."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from vnplan.extract.agencies import canonical_agency, expand_abbreviation, level_of, province_of

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("name, level", [
    ("Ủy ban nhân dân xã Hoà Xá", "commune"), ("UBND huyện Thanh Oai", "district"),
    ("Ủy ban nhân dân huyện Si Ma Cai", "district"), ("Sở Nông nghiệp và Môi trường", "province"),
    ("Bộ Xây dựng", "central"), ("Văn phòng Chính phủ", "central"), ("Thủ tướng Chính phủ", "central"),
    ("Trường THCS Hoà Xá", "unit"), ("Trung tâm Văn hóa - Thông tin và Thể thao", "unit"),
    ("Ban Chỉ đạo tỉnh Lào Cai", "province"), ("Ban Chỉ đạo quốc gia về chuyển đổi số", "central"),
    ("Tỉnh ủy Gia Lai", "party"), ("Ban Thường vụ Tỉnh ủy", "party"), ("Bộ Chính trị", "party"),
    ("UBND Thành phố Hà Nội", "province"), ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "province"),
    ("UBND thành phố Thái Nguyên", "district"),  # a thành phố thuộc tỉnh
    ("Ủy ban nhân dân tỉnh Lào Cai", "province"), ("Hội đồng nhân dân tỉnh", "province"),
    ("Sở Lao động - Thương binh và Xã hội", "province"), ("Công an tỉnh", "province"),
    ("Ủy ban nhân dân phường Ba Đình", "commune"), ("Giám đốc Sở Công Thương", "province"),
    ("Đề nghị Công an tỉnh", "province"), ("Ủy ban nhân dân", None),
])
def test_level_of(name: str, level: str | None) -> None:
    assert level_of(name) == level


def test_level_of_a_phong_depends_on_the_date() -> None:
    assert level_of("Phòng Giáo dục và Đào tạo", date=date(2024, 9, 1)) == "district"
    assert level_of("Phòng Văn hóa - Xã hội", date=date(2025, 10, 1)) == "commune"


def test_issuer_levels_of_the_corpus() -> None:
    """Every gold issuer with a level gets that level from its name (and the document's date)."""
    checked, wrong = 0, []
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        issuer = gold.get("issuer") or {}
        if not issuer.get("name") or not issuer.get("level"):
            continue
        when = date.fromisoformat(gold["issue_date"]) if gold.get("issue_date") else None
        if level_of(issuer["name"], date=when) != issuer["level"]:
            wrong.append((issuer["name"], issuer["level"], level_of(issuer["name"], date=when)))
        checked += 1
    assert checked >= 20
    assert wrong == []


@pytest.mark.parametrize("abbr, name", [
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"), ("SGDĐT", "Sở Giáo dục và Đào tạo"), ("SGD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("TTg", "Thủ tướng Chính phủ"), ("TTG", "Thủ tướng Chính phủ"), ("TW", "Trung ương"), ("TU", "Tỉnh ủy"),
    ("GDTX", "Giáo dục thường xuyên"), ("XYZQ", None),
])
def test_expand_abbreviation(abbr: str, name: str | None) -> None:
    assert expand_abbreviation(abbr) == name


@pytest.mark.parametrize("a, b", [
    ("UBND xã Hoà Xá", "Ủy ban nhân dân xã Hòa Xá"),
    ("Sở GD&ĐT Hà Nội", "Sở Giáo dục và Đào tạo Hà Nội"),
    ("ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ("Phòng Văn hóa – xã hội", "Phòng Văn hóa - Xã hội"),
    ("UBND TP. Hà Nội", "Ủy ban nhân dân Thành phố Hà Nội"),
])
def test_canonical_agency_folds_variants(a: str, b: str) -> None:
    assert canonical_agency(a) == canonical_agency(b)


def test_canonical_agency_keeps_different_bodies_apart() -> None:
    assert canonical_agency("UBND xã Hoà Xá") != canonical_agency("UBND xã Hoà Bình")
    assert canonical_agency("Sở Y tế") != canonical_agency("Bộ Y tế")


@pytest.mark.parametrize("name, when, era, code, new_name", [
    ("UBND tỉnh Yên Bái", date(2025, 3, 1), "old", "15", "Lào Cai"),
    ("UBND tỉnh Yên Bái", date(2025, 9, 1), "new", "15", "Lào Cai"),  # an old name after the reform → successor
    ("UBND tỉnh Lào Cai", date(2024, 3, 1), "old", "10", "Lào Cai"),
    ("UBND tỉnh Lào Cai", date(2026, 1, 5), "new", "15", "Lào Cai"),
    ("Sở Y tế tỉnh Hoà Bình", None, "old", "17", "Phú Thọ"),
    ("UBND TP.HCM", None, "old", "79", "Hồ Chí Minh"),
    ("tỉnh Bình Dương", date(2025, 8, 1), "new", "79", "Hồ Chí Minh"),
    ("Ủy ban nhân dân tỉnh Thừa Thiên Huế", date(2024, 6, 1), "old", "46", "Huế"),
])
def test_province_of(name: str, when: date | None, era: str, code: str, new_name: str) -> None:
    p = province_of(name, date=when)
    assert p is not None
    assert (p.era, p.code, p.successor_name) == (era, code, new_name)


def test_province_of_unknown_place() -> None:
    assert province_of("Ủy ban nhân dân xã Hoà Xá") is None
