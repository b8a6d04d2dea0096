"""Header and closing mechanisms of issue 14 on generated snippets and on tuning documents of the archive.

Snippets run everywhere; the archive documents (``../shared/archive/docs``, tuning half of
``corpus/archive/split.json`` only) run when present, scans only with ``VNPLAN_ARCHIVE_TESTS=1`` (OCR).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from vnplan.extract import extract
from vnplan.extract.casing import agency_case
from vnplan.extract.issuer import issuer_from_agency_lines
from vnplan.extract.numbers import is_number_line, number_from_file_name, parse_number_line
from vnplan.extract.signer import signature_in_lines, signer_from_lines

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "archive" / "docs"


def _archive(prefix: str) -> Path:
    found = sorted(ARCHIVE.glob(f"{prefix}_*")) if ARCHIVE.exists() else []
    if not found:
        pytest.skip("../shared/archive not present")
    return found[0]


# --- the Số line -------------------------------------------------------------------------------

@pytest.mark.parametrize("line, number, symbol", [
    ("Số:……./QĐ-THPT", None, "QĐ-THPT"),  # a dotted blank
    ("ố: /TB-PTSV", None, "TB-PTSV"),  # the S lost in the PDF's text layer
    ("Số: 173/KH-UBND", "173", "KH-UBND"),
])
def test_number_line_among_agency_lines(line: str, number: str | None, symbol: str) -> None:
    assert is_number_line(line)
    parsed = parse_number_line(line)
    assert (parsed.number, parsed.symbol) == (number, symbol)


@pytest.mark.parametrize("line", ["SỞ GDĐT AN GIANG", "TRƯỜNG THPT NGUYỄN BỈNH KHIÊM", "Sở Y tế/UBND", "Số liệu năm 2020"])
def test_agency_lines_are_not_number_lines(line: str) -> None:
    assert not is_number_line(line)


@pytest.mark.parametrize("name, symbol, number", [
    ("0109_464-ttg-signed.pdf", "TTg-CĐS", "464"),  # beside a group of the printed symbol
    ("cv-1704-s-gd-cc-n-v-gd1-1.pdf", "SGD&ĐT-VP", "1704"),  # beside a type abbreviation
    ("0002_5063-bgddt-vp.pdf", "BGDĐT-VP", "5063"),
    ("575-ub-signed.pdf", "UBND-KTTH", "575"),
    ("qt-nguyen-ct-nuoc-lda0001.pdf", "SGD&ĐT-VP", None),  # no number beside a type or symbol word
    ("ke-hoach-2021-2025.pdf", "KH-UBND", None),  # years are not numbers
    ("cv-12-kh-15.pdf", "KH-UBND", None),  # two candidates: none
    ("0112_abc.pdf", "SGDDT-TCCB", None),
    ("17-3-cv-cho-hs-thpt-nghi.pdf", "SGDĐT-VP", None),  # 17-3 is a date
    ("2770-08-ct-ubnd-signed.pdf", "CT-UBND", "08"),  # a portal id, then the số before the whole symbol (0170)
    ("2770-08-ct-signed.pdf", "CT-UBND", None),  # a portal id beside it, the symbol not spelt out whole
    ("01-ttr-signed.pdf", "TTr-UBND", "01"),  # the zero as printed
    ("0043_3179bgddtvp-2.pdf", "BGDĐT-VP", "3179"),  # the số glued to the symbol's first group
    ("0045_3332bgddttkt.pdf", "BGDĐT-TĐKT", "3332"),
    ("3179bgddtvp-2.pdf", "SGDĐT-VP", None),  # another symbol
    ("32-2020-tt-bgddt-dl-truong.pdf", "2020/TT-BGDĐT", "32"),  # a normative số with its year part
    ("32-2021-tt-bgddt.pdf", "2020/TT-BGDĐT", None),  # another year
    ("12-2020-abc.pdf", "2020/TT-BGDĐT", None),  # no symbol word after the year
])
def test_number_from_file_name(name: str, symbol: str, number: str | None) -> None:
    assert number_from_file_name(name, symbol) == number


# --- the issuer ---------------------------------------------------------------------------------

def test_phong_takes_the_level_of_its_huyen() -> None:
    issuer = issuer_from_agency_lines(["UBND HUYỆN AN PHÚ", "PHÒNG KINH TẾ - HẠ TẦNG"])
    assert issuer == {"name": "Phòng Kinh tế - Hạ tầng", "level": "district", "parent": "UBND huyện An Phú"}
    assert issuer_from_agency_lines(["UBND XÃ HOÀ XÁ", "PHÒNG KINH TẾ"])["level"] == "commune"


@pytest.mark.parametrize("upper, expected", [
    ("PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
    ("ỦY BAN NHÂN DÂN XÃ HOÀ XÁ", "Ủy ban nhân dân xã Hoà Xá"),
])
def test_agency_case_after_a_dash(upper: str, expected: str) -> None:
    assert agency_case(upper) == expected


# --- the closing --------------------------------------------------------------------------------

def test_ky_thay_gives_the_deputy_title() -> None:
    assert signer_from_lines(["KT. GIÁM ĐỐC"], "GIÁM ĐỐC", "Nguyễn Thế Sơn")["title"] == "Phó Giám đốc"
    assert signer_from_lines(["KT. GIÁM ĐỐC"], None, "Nguyễn Thế Sơn")["title"] == "Phó Giám đốc"
    assert signer_from_lines(["TL. GIÁM ĐỐC"], "CHÁNH VĂN PHÒNG", "A")["title"] == "Chánh Văn phòng"
    assert signer_from_lines(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "A")["title"] == "Chủ tịch"
    assert signer_from_lines(["KT. BỘ TRƯỞNG"], None, "A")["title"] == "Thứ trưởng"  # not "Phó Bộ trưởng"
    assert signer_from_lines(["KT. HỘI ĐỒNG THI"], None, "A")["title"] is None  # an unknown head: no guess
    # OCR's TRƯỜNG for TRƯỞNG: the chức vụ normaliser (extract.chuc_vu) reads the head's title, so the deputy's
    assert signer_from_lines(["KT. BỘ TRƯỜNG"], None, "A")["title"] == "Thứ trưởng"


def test_signature_from_closing_lines_skips_agency_lines_and_debris() -> None:
    lines = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP.", "UBND TỈNH GIA LAI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
             "KT. GIÁM ĐỐC", "GIÁM ĐỐC", "GIÁM ĐỐC", "Nguyễn Thế Sơn", "Hồ Văn A"]
    assert signature_in_lines(lines) == {"name": "Nguyễn Thế Sơn", "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}
    assert signature_in_lines(["- Lưu: VT.", "Nguyễn Minh Tường"])["name"] == "Nguyễn Minh Tường"
    assert signature_in_lines(["- Lưu: VT.", "Phòng Giáo dục", "Các đơn vị trực thuộc"]) is None


def test_closing_lines_stop_at_the_next_documents_header(tmp_path: Path) -> None:
    """A school's name (``NGUYỄN BỈNH KHIÊM``) in the header of an appended document is no signer."""
    text = ("SỞ GDĐT AN GIANG\nTRƯỜNG THPT NGUYỄN BỈNH KHIÊM\nSố: 41/QĐ-THPTNBK\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nChâu Thành, ngày 30 tháng 3 năm 2023\n"
            "QUYẾT ĐỊNH\nBan hành quy chế công khai\n\nĐiều 1. Ban hành kèm theo Quyết định này quy chế.\n\n"
            "Nơi nhận:\n- SGD & ĐT An Giang;\n- Lưu: VT.\nTHỦ TRƯỞNG ĐƠN VỊ\n"
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TRƯỜNG TRUNG HỌC PHỔ THÔNG Độc lập - Tự do - Hạnh phúc\nNGUYỄN BỈNH KHIÊM\n")
    path = tmp_path / "qd.txt"
    path.write_text(text, encoding="utf-8")
    assert extract(path).signer["name"] is None


def test_closing_block_after_agency_lines_in_a_text(tmp_path: Path) -> None:
    text = ("UBND TỈNH GIA LAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/TB-SGDĐT\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 8 tháng 10 năm 2021\n"
            "THÔNG BÁO\nVề việc cắt giảm thời gian giải quyết thủ tục hành chính\n\n"
            "Sở Giáo dục và Đào tạo thông báo để các cơ quan, tổ chức, cá nhân biết và thực hiện./.\n\n"
            "Nơi nhận:\n- Ủy ban nhân dân tỉnh (báo cáo);\n- Lưu: VT, VP.\n"
            "UBND TỈNH GIA LAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Long\n")
    path = tmp_path / "tb.txt"
    path.write_text(text, encoding="utf-8")
    signer = extract(path).signer
    assert signer == {"name": "Nguyễn Văn Long", "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}


def test_place_date_read_after_the_header(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: /QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nự về việc thành l / phô cập\n"
            "Phú Thọ, ngày  tháng 10 năm 2016\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    path = tmp_path / "qd.txt"
    path.write_text(text, encoding="utf-8")
    rec = extract(path)
    assert (rec.place, rec.issue_year, rec.issue_date) == ("Phú Thọ", 2016, None)


# --- real tuning documents ----------------------------------------------------------------------

def test_tuning_0015_signature_below_agency_lines() -> None:
    """Born-digital: the closing prints the agency above ``KT. GIÁM ĐỐC``; the outline missed the block."""
    rec = extract(_archive("0015"))
    assert rec.signer == {"name": "Nguyễn Văn Long", "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}


def test_tuning_0154_dotted_blank_number_is_not_the_issuer() -> None:
    rec = extract(_archive("0154"))
    assert (rec.number, rec.symbol) == (None, "QĐ-THPT")
    assert rec.issuer["name"].lower() == "trường thpt nguyễn bỉnh khiêm"


@pytest.mark.archive
@pytest.mark.parametrize("prefix, fields", [
    ("0033", {"doc_type": "Công văn", "symbol": "SGD&ĐT-VP", "number": "1704"}),  # Sá:⁄J /SGD&ĐĐT-VP
    ("0109", {"doc_type": "Công văn", "symbol": "TTg-CĐS", "issue_date": "2026-04-30", "place": "Hà Nội"}),  # ngày30
    ("0133", {"place": "Hà Nội", "issue_date": "2020-04-23"}),  # a date line split by a handwritten day
    ("0079", {"symbol": "SGD&ĐT-VP", "number": None}),  # Số: 2/4 /§GD&ĐT-VP: a handwritten số is not "2"
    ("0120", {"place": "An Phú"}),  # An Phí under UBND HUYỆN AN PHÚ
    ("0112", {"symbol": "SGDĐT-TCCB", "place": "Bình Phước", "issue_year": 2017}),  # date line after a preamble line
    ("0082", {"doc_type": "Thông báo", "symbol": "TB-ĐHLN-ĐT", "number": "1560"}),  # faint É0/TB-ĐHLN-ĐT, stamp debris
])
def test_tuning_scan_headers(prefix: str, fields: dict) -> None:
    rec = extract(_archive(prefix))
    assert {k: getattr(rec, k) for k in fields} == fields


@pytest.mark.archive
def test_tuning_0088_ocr_closing_kt_comma() -> None:
    """``KT, GIÁM ĐỐC`` / ``GIÁM ĐỐC`` / ``GIAM ĐỌC`` / name: a ký thay block read three times by OCR."""
    rec = extract(_archive("0088"))
    assert rec.signer == {"name": "Nguyễn Thế Sơn", "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}


def test_agency_line_without_seal_debris() -> None:
    assert issuer_from_agency_lines(["BỘ GIÁO DỤC VÀ ĐÀO TẠO na"])["name"] == "Bộ Giáo dục và Đào tạo"
    assert issuer_from_agency_lines(["Sở Y tế và"])["name"] == "Sở Y tế và"  # mixed case: as printed


def test_authority_and_title_without_a_name() -> None:
    """A born-digital closing whose name is only in the digital signature (0006 of the tuning half)."""
    lines = ["Nơi nhận:", "- Văn phòng UBND tỉnh (báo cáo);", "- Lưu: VT, VP.", "II. NỘI DUNG", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert signature_in_lines(lines) == {"name": None, "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}


def test_title_without_the_kinh_gui_ocr_joined(tmp_path: Path) -> None:
    text = ("UBND TỈNH BÌNH PHƯỚC\nSỞ GIÁO DỤC & ĐÀO TẠO\nSố: /SGDĐT-TCCB\n"
            "V/v cử cán bộ dự lớp bồi dưỡng Cán bộ quản lý trường bậc Mầm non, Tiểu học, THCS và Kính\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBình Phước, ngày  tháng 6 năm 2017\n"
            "Thực hiện Kế hoạch số 109/KH-UBND ngày 05/05/2017 của UBND tỉnh Bình Phước.\n")
    path = tmp_path / "cv.txt"
    path.write_text(text, encoding="utf-8")
    rec = extract(path)
    assert rec.title == "cử cán bộ dự lớp bồi dưỡng Cán bộ quản lý trường bậc Mầm non, Tiểu học, THCS và"
    assert (rec.doc_type, rec.place, rec.issue_year) == ("Công văn", "Bình Phước", 2017)


@pytest.mark.parametrize("read, expected", [
    ("SGDDT-TCCB", "SGDĐT-TCCB"),  # OCR read Đ as D in a known abbreviation
    ("SGD&DT-VP", "SGD&ĐT-VP"),
    ("QD-UBND", "QĐ-UBND"),
    ("TTg-CDS", "TTg-CDS"),  # no known spelling with Đ: as read
    ("KH-UBND", "KH-UBND"),
])
def test_ocr_symbol_gets_its_d_back(read: str, expected: str) -> None:
    from vnplan.extract.numbers import restore_symbol_d

    assert restore_symbol_d(read) == expected


@pytest.mark.parametrize("place, names, expected", [
    ("An Phí", ["Phòng Kinh tế - Hạ tầng", "UBND huyện An Phú"], "An Phú"),
    ("An Phú", ["UBND HUYỆN AN PHÚ"], "An Phú"),
    ("Hà Nội", ["UBND huyện An Phú"], "Hà Nội"),  # not a near miss
    ("Phú Thọ", ["Sở Giáo dục và Đào tạo", None], "Phú Thọ"),
])
def test_place_spelt_as_the_header_spells_it(place: str, names: list, expected: str) -> None:
    from vnplan.extract.places import place_from_header

    assert place_from_header(place, names) == expected


@pytest.mark.parametrize("upper, expected", [
    ("TRƯỜNG TH, THCS & THPT SAO VIỆT", "Trường TH, THCS & THPT Sao Việt"),
    ("TRƯỜNG THPT NGUYỄN BỈNH KHIÊM", "Trường THPT Nguyễn Bỉnh Khiêm"),
    ("TRƯỜNG MẦM NON HOA SEN", "Trường Mầm non Hoa Sen"),
])
def test_school_names_keep_level_acronyms_and_proper_name(upper: str, expected: str) -> None:
    assert agency_case(upper) == expected


# --- round 2: a blank number in the marker, faint header words of scans ----------------------

@pytest.mark.parametrize("line", ["Số:……./QĐ-THPT", "Số: ___/KH-UBND", "Số: ..../TB-PGDĐT", "Số: 173/KH-UBND"])
def test_number_marker_takes_a_blank_number(line: str) -> None:
    from vnplan.structure.header import is_strong_marker
    from vnplan.structure.markers import NUMBER

    assert NUMBER.search(line) and is_strong_marker(line)


@pytest.mark.parametrize("line", ["Số liệu năm 2020", "Số lượng: 12 học sinh", "Số …… người tham gia"])
def test_number_marker_still_wants_a_symbol(line: str) -> None:
    from vnplan.structure.markers import NUMBER

    assert NUMBER.search(line) is None


def test_faint_symbol_and_place_survive_the_confidence_filter() -> None:
    """0048: the handwritten số beside the ký hiệu and 'Phú' (read 'Phí') came with confidence 0 and were dropped."""
    from vnplan.read.ocr_page import OcrWord, confident_words

    row = [("Số:", 88), ("/22/SGD&ĐT-VP", 0), ("Phí", 0), ("Thọ,", 97), ("ngày", 24), ("tháng", 24), ("3", 97)]
    noise = [("SOA", 0), ("s-", 0), ("3s", 0)]
    words = [OcrWord(t, 100 * i, 0, 50, 20, c, (1, 1, 1)) for i, (t, c) in enumerate(row)]
    words += [OcrWord(t, 100 * i, 900, 50, 20, c, (2, 1, 1)) for i, (t, c) in enumerate(noise)]
    assert [w.text for w in confident_words(words)] == [t for t, _ in row]


@pytest.mark.skipif(not os.environ.get("VNPLAN_ARCHIVE_TESTS"), reason="OCR of a scan: VNPLAN_ARCHIVE_TESTS=1")
def test_scan_0048_keeps_its_faint_symbol_and_place() -> None:
    rec = extract(_archive("0048"))
    assert (rec.doc_type, rec.symbol, rec.place) == ("Công văn", "SGD&ĐT-VP", "Phú Thọ")


@pytest.mark.parametrize("upper, expected", [
    ("SỞ GIÁO DỤC & ĐÀO TẠO", "Sở Giáo dục & Đào tạo"),  # 0112: '&' read like 'và'
    ("PHÒNG GIÁO DỤC & ĐÀO TẠO", "Phòng Giáo dục & Đào tạo"),
])
def test_ampersand_capitalises_the_next_field_like_va(upper: str, expected: str) -> None:
    assert agency_case(upper) == expected


# --- pages scanned sideways or upside down ---------------------------------------------------

@pytest.mark.parametrize("osd, angle", [
    ("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 0.86\n", 90),
    ("Orientation in degrees: 180\nRotate: 180\n", 180),
    ("Orientation in degrees: 0\nRotate: 0\n", 0),
    ("Too few characters. Skipping this page", 0),
])
def test_osd_rotation(osd: str, angle: int) -> None:
    from vnplan.read.ocr_upright import osd_rotation

    assert osd_rotation(osd) == angle


def test_sideways_page_is_read_turned(tmp_path: Path) -> None:
    """A generated page printed sideways (as 0112's annex table) is read after turning it upright."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    from vnplan.read.cache import file_digest
    from vnplan.read.ocr_page import OcrSettings, ocr_pages_tsv, tesseract_available
    from vnplan.read.ocr_upright import upright_tsv

    binary = tesseract_available("vie")
    fonts = sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    if binary is None or not fonts:
        pytest.skip("needs Tesseract (vie) and DejaVu Sans")
    image = Image.new("L", (1654, 1169), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(fonts[0]), 34)
    for n in range(14):
        draw.text((120, 100 + 70 * n), f"Cử cán bộ, viên chức tham gia lớp bồi dưỡng quản lý số {n + 1}", font=font)
    path = tmp_path / "sideways.pdf"
    image.rotate(90, expand=True).save(path, resolution=150)
    pdf = pdfium.PdfDocument(str(path))
    settings = OcrSettings()
    digest = file_digest(path)
    tsv = ocr_pages_tsv(pdf, [0], digest, settings, binary)[0]
    assert isinstance(tsv, str)
    turned, angle = upright_tsv(pdf, 0, tsv, digest, settings, binary)
    assert angle in (90, 270)
    assert "bồi dưỡng" in " ".join(w.split("\t")[-1] for w in turned.splitlines())


@pytest.mark.skipif(not os.environ.get("VNPLAN_ARCHIVE_TESTS"), reason="OCR of a scan: VNPLAN_ARCHIVE_TESTS=1")
def test_scan_0112_reads_its_sideways_annex_and_issuer() -> None:
    rec = extract(_archive("0112"))
    assert any("read after turning it 90°" in w for w in rec.warnings)
    assert rec.issuer["name"] == "Sở Giáo dục & Đào tạo"


@pytest.mark.skipif(not os.environ.get("VNPLAN_ARCHIVE_TESTS"), reason="OCR of a scan: VNPLAN_ARCHIVE_TESTS=1")
@pytest.mark.parametrize("prefix, number, symbol", [
    ("0043", "3179", "BGDĐT-VP"),  # handwritten số: from the file name 3179bgddtvp
    ("0045", "3332", "BGDĐT-TĐKT"),  # 'số: 4Z22/…': lower-case Số and a handwritten số
    ("0085", "32", "2020/TT-BGDĐT"),  # 'SÔ:©œ>» /2020/…': debris before the year part
])
def test_chain_scans_give_their_number(prefix: str, number: str, symbol: str) -> None:
    """Unlabelled archive scans (not in split.json) that CHAINS.md cites: their number links the chain."""
    rec = extract(_archive(prefix))
    assert (rec.number, rec.symbol, rec.issuer["name"]) == (number, symbol, "Bộ Giáo dục và Đào tạo")


def test_stamp_debris_between_date_and_type_name_is_skipped() -> None:
    """0082: a received stamp's 'gấu THẤM' under the date had ended the header before THÔNG BÁO TUYỂN SINH."""
    from vnplan.document import Document

    text = ("TRƯỜNG ĐẠI HỌC LÂM NGHIỆP\nSố: 1560/TB-ĐHLN-ĐT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 11 tháng 8 năm 2017\nM\ngấu THẤM\n"
            "THÔNG BÁO TUYỂN SINH HỆ DỰ BỊ ĐẠI HỌC NĂM HỌC 2017 - 2018\n"
            "Căn cứ Thông tư số 26/2016/TT-BGDĐT ngày 30/12/2016 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n")
    rec = extract(Document.from_text(text))
    assert rec.doc_type == "Thông báo"
    assert rec.title and rec.title.upper().startswith("TUYỂN SINH HỆ DỰ BỊ")
    body = text.replace("M\ngấu THẤM\n", "M\ngấu THẤM\nPhòng Đào tạo phối hợp tổ chức\n")  # a sentence, not debris
    assert extract(Document.from_text(body)).title is None
