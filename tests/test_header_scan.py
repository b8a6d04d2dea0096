"""The header of a scan (issue 14, session 7): Số lines spoilt by handwriting, a type name between
scan rules, a place-and-date line without its comma or with the day glued to "ngày", and the
header's second OCR pass (where the two columns split, which reading of a line wins).

Each case is a shape seen on archive scans of rounds 1-3 (0049, 0053, 0060, 0081, 0098, 0008, 0105,
0111), written here without the documents so it runs in CI.
"""
from __future__ import annotations

import pytest

from vnplan.document import Document
from vnplan.extract.dates import parse_place_date
from vnplan.extract.numbers import parse_number_line
from vnplan.normalize.ocr_repair import repair_ocr
from vnplan.read.ocr_header import header_region, line_score
from vnplan.read.ocr_page import OcrWord


@pytest.mark.parametrize(
    "ocr, number, symbol",
    [
        ("Só:/⁄44 ¡QĐ-SGD&ĐT", None, "QĐ-SGD&ĐT"),  # a handwritten số: null, not debris
        ("Số: J-:2//SGDĐT-GDTH", None, "SGDĐT-GDTH"),
        ("số.2ˆ /SGD&ĐT-VP", None, "SGD&ĐT-VP"),
        ("Số: ⁄223//BGDĐT-GDĐH_", None, "BGDĐT-GDĐH"),
        ("Số: /IB-SGD&DT", None, "TB-SGD&DT"),
        ("Số: /8GDĐT-GDĐH", None, "BGDĐT-GDĐH"),
        # printed numbers are left alone
        ("Số: 173/KH-UBND", "173", "KH-UBND"),
        ("Số: 30/2020/NĐ-CP", "30", "2020/NĐ-CP"),
        ("Số:.40#/2006/QĐ-UBND,", None, "2006/QĐ-UBND"),
        ("Số: 57-NQ/TW", "57", "NQ/TW"),
        ("Số: 66.7/2025/NQ-CP", "66.7", "2025/NQ-CP"),
    ],
)
def test_number_line_after_ocr_repair(ocr: str, number: str | None, symbol: str) -> None:
    parsed = parse_number_line(repair_ocr(ocr)[0])
    assert (parsed.number, parsed.symbol) == (number, symbol)


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Hà Nội, ngà»ÊØtháng 02 năm 2020", ("Hà Nội", None)),  # a handwritten day: null, not debris
        ("Quảng Ngãi, ngày 04 tháng 02 năm 2025", ("Quảng Ngãi", "2025-02-04")),
    ],
)
def test_date_line_after_ocr_repair(ocr: str, expected: tuple[str, str | None]) -> None:
    place, dt, _year, blank = parse_place_date(repair_ocr(ocr)[0])
    assert (place, dt.isoformat() if dt else None) == expected
    assert blank == (dt is None)


def test_vv_with_its_v_lost() -> None:
    assert repair_ocr("V/ thực hiện các biện pháp phòng, chống")[0] == "V/v thực hiện các biện pháp phòng, chống"


@pytest.mark.parametrize("text", ["Sở: 12 phòng/ban", "Số 5 đường Lê Lợi/", "Số: 12 KH-UBND", "Số lượng: 12/20"])
def test_number_repair_leaves_other_lines(text: str) -> None:
    assert repair_ocr(text)[0] == text


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Gia Lai, ngày30 tháng 7 năm 2021", ("Gia Lai", "2021-07-30")),
        ("Thành phố Hồ Chí Minh, ngày19 tháng11 năm 2025", ("Thành phố Hồ Chí Minh", "2025-11-19")),
        ("Hà Nội ngà tháng năm 2021", ("Hà Nội", None)),
        ("Hà Nội, ngày 05 tháng 01 năm 2020", ("Hà Nội", "2020-01-05")),
    ],
)
def test_place_date_shapes(line: str, expected: tuple[str, str | None]) -> None:
    place, dt, _year, _blank = parse_place_date(line)
    assert (place, dt.isoformat() if dt else None) == expected


def test_header_with_scan_rules_and_loose_date() -> None:
    doc = Document.from_text(
        "UBND TỈNH PHÚ THỌ\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: /TB-SGD&ĐT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nPhú Thọ ngày 09 tháng 01 năm 2017\n_—— THÔNG BÁO\n"
        "Kết quả xét tuyển viên chức năm 2016\nCăn cứ Thông tư 16/2012/TT-BNV ngày 28/12/2012 của Bộ Nội vụ;\n")
    h = doc.outline.header
    assert h.type_name.text == "THÔNG BÁO"
    assert h.place_date_line.text == "Phú Thọ ngày 09 tháng 01 năm 2017"
    assert h.title.text == "Kết quả xét tuyển viên chức năm 2016"


def test_type_name_without_a_trailing_rule() -> None:
    doc = Document.from_text(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/QĐ-SGD&ĐT\nPhú Thọ, ngày 2 tháng 5 năm 2017\nQUYẾT ĐỊNH |\n"
        "Về việc thành lập Tổ công tác\nGIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\nCăn cứ Luật;\n")
    assert doc.outline.header.type_name.text == "QUYẾT ĐỊNH"


def _words(text: str, top: int, left: int, key: tuple[int, int, int]) -> list[OcrWord]:
    out, x = [], left
    for t in text.split():
        out.append(OcrWord(t, x, top, 25 * len(t), 45, 90.0, key))
        x += 25 * len(t) + 20
    return out


def test_header_gutter_left_of_the_quoc_hieu() -> None:
    """Kính gửi entries under the header cover the real gutter: it is left of CỘNG, not between its words."""
    page = (_words("BỘ GIÁO DỤC VÀ ĐÀO TẠO", 200, 380, (1, 1, 1)) + _words("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 200, 1136, (1, 1, 1))
            + _words("Số: /BGDĐT-GDĐH -", 280, 470, (1, 1, 2)) + _words("Độc lập - Tự do - Hạnh phúc", 275, 1350, (1, 1, 2))
            + _words("V/v thông báo hệ thống", 370, 390, (1, 1, 3)) + _words("Hà Nội, ngày tháng 4 năm 2017", 385, 1400, (1, 1, 3))
            + _words("Kính gửi:", 536, 630, (1, 1, 5))
            + _words("- Các sở giáo dục và đào tạo;", 600, 870, (1, 1, 6)))
    bottom, gutter = header_region(page, 2504, 3514)
    assert 860 < gutter < 1136
    assert 530 < bottom <= 600


def test_header_line_score_prefers_the_date_shape_and_a_printed_symbol() -> None:
    assert line_score("Hà Nội, ngày 2‡ tháng +4 năm 2017") > line_score("E NT quà thá Xm 6 2017")
    assert line_score("Số: ⁄23//BGDĐT-GDĐH_") > line_score("Số: /8GDĐT-GDĐH_")
    assert line_score("Số:4214/BCA-C04") > line_score("Số:#214/BCA-C04")


def test_field_lines_find_the_so_and_date_lines() -> None:
    from vnplan.read.ocr_header import field_lines

    page = (_words("UBND TỈNH PHÚ THỌ", 200, 300, (1, 1, 1)) + _words("Số: /SGD&ĐT-VP", 300, 380, (1, 1, 2))
            + _words("Phú Thọ, ngày tháng 3 năm 2016", 380, 1300, (1, 1, 3)))
    (so, date) = field_lines(page, 600, 1150, 2480)
    assert so[0] == 0 and so[2] == 1150 and so[1] < 300 < so[3]
    assert date[0] == 1150 and date[2] == 2480 and date[1] < 380 < date[3]
