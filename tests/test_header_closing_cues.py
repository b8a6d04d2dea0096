"""Issue 14, session 6: header and closing mechanisms for documents the rules were not tuned on.

Each case is a small Vietnamese text built like the real pages (school, Phòng, Sở and UBND documents,
scans read by OCR); the data rows behind them (layout_cues.json, ocr_confusions.tsv) carry their own
examples and counter-examples (tests/test_layout_cues.py, tests/test_ocr.py, tests/test_header_ocr.py).
"""
from __future__ import annotations

import pytest

from vnplan.extract import extract as _extract
from vnplan.extract.issuer import issuer_from_agency_lines
from vnplan.extract.places import locality_as_place
from vnplan.extract.signer import signer_from_lines
from vnplan.normalize import document_from_text
from vnplan.normalize.ocr_repair import repair_ocr
from vnplan.structure.closing import parse_closing
from vnplan.structure.lines import logical_lines

HEADER = (
    "UBND HUYỆN AN PHÚ\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/KH-PGDĐT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nAn Phú, ngày 05 tháng 10 năm 2023\nKẾ HOẠCH\n"
    "Kiểm tra chuyên môn các trường tiểu học\nI. NỘI DUNG\n1. Kiểm tra hồ sơ chuyên môn.\n"
)


def extract(text: str):
    return _extract(document_from_text(text))


def _closing(text: str):
    lines = logical_lines(text)
    closing, _ = parse_closing(lines, 0, len(lines))
    return closing


@pytest.mark.parametrize(
    "closing, signer",
    [
        # the approval block under the signer's: the signer is the one who made the plan
        (("Nơi nhận:\n- BGH;\n- Lưu: HS tổ.\nTỔ TRƯỞNG\n(Ký, ghi rõ họ tên)\nNguyễn Văn Bình\n"
          "DUYỆT CỦA HIỆU TRƯỞNG\n(Ký, ghi họ tên và đóng dấu)\nTrần Thị Mai\n"),
         {"name": "Nguyễn Văn Bình", "title": "Tổ trưởng", "authority": []}),
        # the approval block above the Nơi nhận list
        (("Ý KIẾN CỦA LÃNH ĐẠO PHÒNG\nPHÓ TRƯỞNG PHÒNG\nLê Văn Tám\nNơi nhận:\n- Các trường TH;\n- Lưu: VT.\n"
          "NGƯỜI LẬP KẾ HOẠCH\nPhạm Thị Hoa\n"),
         {"name": "Phạm Thị Hoa", "title": "Người lập kế hoạch", "authority": []}),
        # two columns read row by row: approval heading | chức vụ, placeholder | placeholder, name | name
        (("DUYỆT CỦA HIỆU TRƯỞNG\nTỔ TRƯỞNG\n(Ký, ghi họ tên và đóng dấu)\n(Ký, ghi rõ họ tên)\n"
          "Trần Thị Mai\nNguyễn Văn Bình\n"),
         {"name": "Nguyễn Văn Bình", "title": "Tổ trưởng", "authority": []}),
        # nobody but the approver signs: the approval block is the signature
        ("Nơi nhận:\n- Lưu: VT.\nDUYỆT CỦA HIỆU TRƯỞNG\nHIỆU TRƯỞNG\nTrần Thị Mai\n",
         {"name": "Trần Thị Mai", "title": "Hiệu trưởng", "authority": []}),
    ],
)
def test_approval_blocks_and_placeholders(closing: str, signer: dict) -> None:
    rec = extract(HEADER + closing)
    assert rec.signer == signer


def test_signature_column_joined_to_the_recipient_column() -> None:
    """OCR joins the signature column's lines to Nơi nhận and to an item (0119)."""
    c = _closing("Nơi nhận: KT. TRƯỞNG PHÒNG\n-Nhưtrên; PHÓ TRƯỞNG PHÒNG\n- Lam: VT.\n:\nHà Hồng Châu")
    assert [r.text for r in c.recipients] == ["Nhưtrên"]
    assert [a.text for a in c.signature.authority] == ["KT. TRƯỞNG PHÒNG"]
    assert c.signature.title.text == "PHÓ TRƯỞNG PHÒNG"
    assert c.signature.name.text == "Hà Hồng Châu"


def test_recipients_read_before_their_label() -> None:
    """A scan's Nơi nhận list read above its label (0033): the items are the recipients, the VT line is not."""
    c = _closing("- Như trên;\n- Giám đốc, các PGĐ Sở (để báo cáo);\n- Website Sở;\n- VT, VP.\nNơi nhận:\n"
                 "TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\nNguyễn Tuấn Anh")
    assert [r.text for r in c.recipients] == ["Như trên", "Giám đốc, các PGĐ Sở (để báo cáo)", "Website Sở"]
    assert c.signature.name.text == "Nguyễn Tuấn Anh"


def test_archive_line_variants_and_debris_are_no_recipients() -> None:
    c = _closing("Nơi nhận:\n- Như trên; H\n- BGĐ (để b/cáo);\n- mm\n- Lưu hồ sơ KTNB.\nHIỆU TRƯỞNG\nNguyễn Văn An")
    assert [r.text.rstrip(";") for r in c.recipients] == ["Như trên", "BGĐ (để b/cáo)"]


def test_garbled_phó_under_kt() -> None:
    assert signer_from_lines(["KT. GIÁM ĐỐC"], "EIỀ GIÁM ĐỐC", "Nguyễn Thị Thu Huyền")["title"] == "Phó Giám đốc"
    assert signer_from_lines(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Nguyễn Văn A")["title"] == "Phó Giám đốc"


def test_header_boxes_after_the_title() -> None:
    """A born-digital PDF whose header table comes after the type name and trích yếu in the text (0124)."""
    text = ("TỜ TRÌNH\nVề việc ban hành Quy định chức năng, nhiệm vụ của Phòng Kinh tế - Hạ tầng\n"
            "Kính gửi: Ủy ban nhân dân huyện An Phú\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "UBND HUYỆN AN PHÚ\nPHÒNG KINH TẾ - HẠ TẦNG\nSố: 169/TTr-PKTHT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập – Tự do – Hạnh phúc\nAn Phú, ngày 14 tháng 6 năm 2022\n"
            "Phòng Kinh tế - Hạ tầng kính trình Ủy ban nhân dân huyện xem xét./.\n")
    rec = extract(text)
    assert (rec.number, rec.symbol, rec.issue_date, rec.place) == ("169", "TTr-PKTHT", "2022-06-14", "An Phú")
    assert rec.issuer["name"] == "Phòng Kinh tế - Hạ tầng" and rec.issuer["level"] == "district"
    assert rec.doc_type == "Tờ trình"


@pytest.mark.parametrize(
    "lines, name, level, parent",
    [
        (["SỞ GIÁO DỤC VÀ ĐÀO TẠO AN GIANG TRƯỜNG TRUNG HỌC PHỔ THÔNG NGUYỄN BỈNH KHIÊM"],
         "Trường Trung học phổ thông Nguyễn Bỉnh Khiêm", "unit", "Sở Giáo dục và Đào tạo An Giang"),
        (["ÚY BAN NHÂN DÂN", "TĨNH QUẢNG NGÃI"], "Ủy ban nhân dân tỉnh Quảng Ngãi", "province", None),
        (["UBND TỈNH PHÚ THỌ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO Số;/2⁄/TB-SGD&ĐT"], "Sở Giáo dục và Đào tạo", "province",
         "UBND tỉnh Phú Thọ"),
        (["SỞ GD&ĐT AN GIANG", "TRƯƠNG TRUNG HỌC PHỔ THÔNG NGUYỄN BỈNH KHIÊM", "CÔNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
         "Trường Trung học phổ thông Nguyễn Bỉnh Khiêm", "unit", "Sở GD&ĐT An Giang"),
    ],
)
def test_issuer_blocks(lines: list[str], name: str, level: str, parent: str | None) -> None:
    got = issuer_from_agency_lines(lines)
    assert (got["name"], got["level"], got["parent"]) == (name, level, parent)


def test_ocr_locality_respelt_as_the_place() -> None:
    assert locality_as_place("Ủy ban nhân dân tỉnh Quáng Ngãi", "Quảng Ngãi") == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert locality_as_place("Ủy ban nhân dân tỉnh Quảng Ngãi", "Quáng Ngãi") == "Ủy ban nhân dân tỉnh Quảng Ngãi"


@pytest.mark.parametrize(
    "ocr, number, symbol, title",
    [
        # Số with its colon lost before a handwritten number; the Tiêu ngữ's doubled dash; V/v in the left column
        (("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố 4ZZ2/BGDĐT-CTHSSV\nV/v đảm bảo an ninh trật tự và an toàn giao thông\n"
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập —- Tự do - Hạnh phúc\nHà Nội, ngày 21 tháng 4 năm 2016\n"
          "Kính gửi:\n- Các sở giáo dục và đào tạo.\n"),
         None, "BGDĐT-CTHSSV", "đảm bảo an ninh trật tự và an toàn giao thông"),
        # Kính gửi misread at the end of the V/v line; a place-and-date line without its comma
        (("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 4726/BGDĐT-GDTC\nV/v tổ chức hoạt động dạy học trực tiếp Kính gử!:\n"
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội ngày 15 tháng 10 năm 2021\n"),
         "4726", "BGDĐT-GDTC", "tổ chức hoạt động dạy học trực tiếp"),
    ],
)
def test_ocr_header_words(ocr: str, number: str | None, symbol: str, title: str) -> None:
    text = "\n".join(repair_ocr(line)[0] for line in ocr.splitlines())
    rec = extract(text)
    assert (rec.number, rec.symbol, rec.title) == (number, symbol, title)
    assert rec.place == "Hà Nội"


def test_scribble_between_chức_vụ_and_name() -> None:
    c = _closing("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n—“—Y\nNguyễn Hữu Độ")
    assert c.signature.name.text == "Nguyễn Hữu Độ"


def test_name_from_the_block_signed_again_at_the_end() -> None:
    """A Thông tư whose first block lost its name under the seal; the regulation under it is signed again."""
    text = (HEADER.replace("KẾ HOẠCH", "THÔNG TƯ") + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"
            "ĐIỀU LỆ\nTrường trung học cơ sở\nĐiều 1. Phạm vi điều chỉnh\nĐiều lệ này quy định về trường trung học.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Hữu Độ\n")
    assert extract(text).signer["name"] == "Nguyễn Hữu Độ"


def test_board_level_from_the_province_place() -> None:
    text = ("BCĐ PHÒNG, CHỐNG\nDỊCH COVID-19\nBAN THƯỜNG TRỰC\nSố: 479/CV-BCĐ\n"
            "V/v cập nhật danh sách địa phương có dịch\n"
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 08 tháng 10 năm 2021\n"
            "Kính gửi: Các sở, ban, ngành\nBan Thường trực đề nghị các đơn vị thực hiện./.\n")
    issuer = extract(text).issuer
    assert (issuer["name"], issuer["level"]) == ("Ban Thường trực", "province")


def test_place_date_after_a_symbol_with_ampersand() -> None:
    """OCR puts the Số and the place-and-date on one line; the symbol's ĐT-VP is not part of the địa danh (0039)."""
    text = "\n".join(repair_ocr(line)[0] for line in (
        "UBND TỈNH PHÚ THỌ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 636/SGD&ĐT-VP Phú Thọ, tháng 5 năm 2017",
        "V/v cung cấp tin, bài cho Tài liệu", "Kính gửi:", "- Các đơn vị trực thuộc Sở."))
    rec = extract(text)
    got = (rec.number, rec.symbol, rec.place, rec.issue_date, rec.issue_year)
    assert got == ("636", "SGD&ĐT-VP", "Phú Thọ", None, 2017)


def test_regulation_printed_alone_takes_the_year_of_its_decision() -> None:
    text = ("SỞ GD&ĐT AN GIANG\nTRƯỜNG THPT NGUYỄN BỈNH KHIÊM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập – Tự do – Hạnh phúc\nQUY CHẾ\nTổ chức và hoạt động của trường\n"
            "(Ban hành kèm theo Quyết định số: 173/QĐ-THPT\nngày 31/12/2020 của Hiệu trưởng)\n"
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n")
    rec = extract(text)
    assert (rec.issue_date, rec.issue_year) == (None, 2020)


def test_approval_caption_without_a_signature_is_no_closing() -> None:
    """A form's ``XÁC NHẬN CỦA UBND XÃ`` column in the body, with no chức vụ or name under it, is body text."""
    from vnplan.structure.closing import closing_start

    lines = logical_lines("2. Hồ sơ gồm:\nXÁC NHẬN CỦA UBND XÃ\nGhi rõ nội dung xác nhận vào mẫu\n3. Thời gian nộp hồ sơ\n"
                          "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A")
    assert lines[closing_start(lines, 0, len(lines))].text == "Nơi nhận:"
