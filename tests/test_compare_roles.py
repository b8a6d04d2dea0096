"""Agency role table (vnplan/data/agency_roles.tsv): every example matches its row; substitutions."""
from __future__ import annotations

import pytest

from vnplan.compare.agency_roles import agency_roles, lead_agency, load_roles, role_similarity, substitution
from vnplan.compare.redline import changed_words, redline, to_html, to_markdown, to_text

ROWS = [(r.role, r.level, e) for r in load_roles() for e in r.examples]


def test_every_row_has_examples() -> None:
    assert all(r.examples for r in load_roles())


@pytest.mark.parametrize("role, level, example", ROWS, ids=[f"{r}-{lv}-{e[:20]}" for r, lv, e in ROWS])
def test_row_examples_match(role: str, level: str, example: str) -> None:
    assert (role, level) in agency_roles(example)


@pytest.mark.parametrize("template, local, expected", [
    ("Sở Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo", ("education", "province", "district")),
    ("Sở GD&ĐT", "Phòng Văn hóa – xã hội", ("education", "province", "commune")),
    ("UBND tỉnh", "UBND xã", ("government", "province", "commune")),
    ("Ủy ban nhân dân tỉnh Sơn La", "Ủy ban nhân dân huyện Si Ma Cai", ("government", "province", "district")),
    ("Công an thành phố", "Công an tỉnh", ("police", "province", "province")),
    ("Hội Khuyến học tỉnh", "Hội Khuyến học huyện", ("learning promotion", "province", "district")),
    ("Bộ Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", ("education", "central", "province")),
    ("Sở Y tế", "Sở Tư pháp", None),
    ("Phòng Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", None),  # one level *up* is not a substitution
    ("Sở Giáo dục và Đào tạo", "Các cơ sở giáo dục", None),  # "cơ sở giáo dục" is not "Sở Giáo dục"
])
def test_substitution(template: str, local: str, expected: tuple[str, str, str] | None) -> None:
    assert substitution(template, local) == expected


def test_role_similarity_prefers_the_leading_agency() -> None:
    both = "Sở Khoa học và Công nghệ phối hợp với Sở Giáo dục và Đào tạo"
    assert lead_agency(both) == "Sở Khoa học và Công nghệ"
    assert role_similarity("Sở Giáo dục và Đào tạo", "Phòng GDĐT huyện") > role_similarity(both, "Phòng GDĐT huyện") > 0
    assert role_similarity("Sở Y tế", "Sở Y tế") == 1.0


@pytest.mark.parametrize("a, b, text, md, html", [
    ("a b c", "a x c", "a [-b-] {+x+} c", "a ~~b~~ **x** c", "a <del>b</del> <ins>x</ins> c"),
    ("a b", "a c", "a [-b-]{+c+}", "a ~~b~~**c**", "a <del>b</del><ins>c</ins>"),
    ("Tổ chức Lễ khai mạc", "Tổ chức Lễ khai mạc", "Tổ chức Lễ khai mạc", "Tổ chức Lễ khai mạc", "Tổ chức Lễ khai mạc"),
    ("học sinh, sinh viên", "học sinh", "học sinh [-sinh viên-]", "học sinh ~~sinh viên~~",
     "học sinh <del>sinh viên</del>"),
    ("", "Thêm mới", "{+Thêm mới+}", "**Thêm mới**", "<ins>Thêm mới</ins>"),
])
def test_redline_renderings(a: str, b: str, text: str, md: str, html: str) -> None:
    ops = redline(a, b)
    assert (to_text(ops), to_markdown(ops), to_html(ops)) == (text, md, html)


def test_redline_ignores_case_and_punctuation_only_changes() -> None:
    assert changed_words(redline("Tổ chức Lễ khai mạc.", "tổ chức lễ khai mạc")) == 0
