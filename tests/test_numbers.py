"""Số / ký hiệu parsing: header lines, OCR residues, Party and normative numbers, and the real corpus."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import text_documents_with_gold

from vnplan.extract.numbers import doc_type_from_symbol, issuer_from_symbol, parse_number_line, split_symbol



@pytest.mark.parametrize("line, number, symbol, kind", [
    ("Số: 173/KH-UBND", "173", "KH-UBND", "named"),
    ("Số:173 /KH-UBND", "173", "KH-UBND", "named"),
    ("Số:  /KH-UBND", None, "KH-UBND", "named"),
    ("Số:        /KH-UBND                Si Ma Cai, ngày          tháng 9 năm 2023", None, "KH-UBND", "named"),
    ("Số: 3210/QĐ - U B ND", "3210", "QĐ-UBND", "named"),
    ("Số: 05/KH-UBND Hà Nội, ngày 05 tháng 01 năm 2020", "05", "KH-UBND", "named"),
    ("Số: 2214/BXD-QLN V/v: Hỗ trợ người có công", "2214", "BXD-QLN", "cong_van"),
    ("Số: 66.7/2025/NQ-CP", "66.7", "2025/NQ-CP", "normative"),
    ("Số: 22/2020/TT-BGDĐT", "22", "2020/TT-BGDĐT", "normative"),
    ("Số: 168/KH-SGD&ĐT", "168", "KH-SGD&ĐT", "named"),
    ("Số: 176/TTr-SNV", "176", "TTr-SNV", "named"),
    ("Số: 3270/SGDĐT-GDTX-CN", "3270", "SGDĐT-GDTX-CN", "cong_van"),
    ("Số: 16/TTrUBND", "16", "TTrUBND", "cong_van"),        # lost hyphen: kept as printed
    ("Số 401/ PGD&ĐT", "401", "PGD&ĐT", "cong_van"),
    ("Số: 02/TTr-CAT- ANCTNB", "02", "TTr-CAT-ANCTNB", "named"),
    ("Số: 36/2006/CT-TTG", "36", "2006/CT-TTG", "normative"),  # case kept
    ("Số 57-NQ/TW", "57", "NQ/TW", "party"),
    ("Số: 65-Ctr/TU", "65", "Ctr/TU", "party"),
    ("**Số: 0124/KH-UBND**", "0124", "KH-UBND", "named"),
    ("Số 07/KH-PGDĐT ngày 17 tháng 4 năm 2020", "07", "KH-PGDĐT", "named"),
    ("| Số: 254/QĐ-UBND | Sơn La, ngày 17 tháng 02 năm 2023 |", "254", "QĐ-UBND", "named"),
])
def test_parse_number_line(line: str, number: str | None, symbol: str, kind: str) -> None:
    p = parse_number_line(line)
    assert (p.number, p.symbol, p.kind) == (number, symbol, kind)
    assert p.is_party == (kind == "party")


def test_year_part() -> None:
    assert parse_number_line("Số: 30/2020/NĐ-CP").year == 2020
    assert split_symbol("2020/TT-BGDĐT") == (2020, ["TT", "BGDĐT"])


@pytest.mark.parametrize("symbol, doc_type", [
    ("KH-UBND", "Kế hoạch"), ("KH", "Kế hoạch"), ("BGDĐT-GDTX", "Công văn"), ("NQ/TW", "Nghị quyết"),
    ("2013/QĐ-TTg", "Quyết định"), ("TT/TU", "Thông tri"), ("2020/TT-BGDĐT", "Thông tư"), ("CTr/TU", "Chương trình"),
    ("KHLT-SGDĐT-CĐGDT", "Kế hoạch liên tịch"), ("VBHN-VPQH", "Văn bản hợp nhất"), ("UBND", "Công văn"),
    ("TTr", "Công văn"),  # Thanh tra alone issues a công văn; Tờ trình needs an issuer group
    ("CV-DC", "Công văn"), ("2024/QH15", None),  # a Luật or a Nghị quyết of the Quốc hội: words decide
])
def test_doc_type_from_symbol(symbol: str, doc_type: str | None) -> None:
    assert doc_type_from_symbol(symbol) == doc_type


@pytest.mark.parametrize("symbol, issuer", [
    ("BGDĐT-GDTX", ("Bộ Giáo dục và Đào tạo", "central")), ("QĐ-TTg", ("Thủ tướng Chính phủ", "central")),
    ("QĐ-UBND", None), ("KH-SGDĐT", ("Sở Giáo dục và Đào tạo", "province")), ("NQ/TW", ("Trung ương", "party")),
    ("CT/TU", ("Tỉnh ủy", "party")), ("2024/QH15", ("Quốc hội", "central")), ("2020/NĐ-CP", ("Chính phủ", "central")),
    ("KHLT-SGDĐT-CĐGDT", None), ("KH-BCĐ", None), ("PGD&ĐT", ("Phòng Giáo dục và Đào tạo", "district")),
])
def test_issuer_from_symbol(symbol: str, issuer: tuple[str, str] | None) -> None:
    assert issuer_from_symbol(symbol) == issuer


@pytest.mark.parametrize("path, gold", text_documents_with_gold(), ids=lambda x: getattr(x, "name", ""))
def test_header_number_of_corpus(path: Path, gold: dict) -> None:
    """The first ``Số ... /`` line of each text document gives the gold number and symbol."""
    import vnplan

    text = vnplan.read(path).text
    line = next((ln for ln in text.splitlines()[:60] if re.search(r"Số\s*:?\s*[\d ]*/", ln)), None)
    if gold.get("symbol") is None:
        assert line is None
        return
    assert line is not None
    p = parse_number_line(line[line.find("Số"):])
    assert (p.number, p.symbol) == (gold["number"], gold["symbol"])
