"""The signature block under a seal (issue 14, session 7): red seal ink erased, names read as names, the
``Nơi nhận`` anchor as OCR leaves it, and garbled chức vụ mapped to their titles."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from vnplan.extract.chuc_vu import nearest_title, normal_authority, normal_title
from vnplan.extract.signer import signer_from_lines
from vnplan.read.ocr_page import OcrWord
from vnplan.read.ocr_signature import (
    clean_signature_line,
    name_score,
    seal_red_mask,
    signature_region,
    signature_variants,
    without_seal,
)


def _crop_with_seal() -> Image.Image:
    """Black type ("N") over a red ring, as a colour scan prints a name under the seal."""
    im = Image.new("RGB", (200, 120), "white")
    d = ImageDraw.Draw(im)
    d.ellipse((10, 10, 110, 110), outline=(220, 30, 40), width=6)
    d.rectangle((100, 50, 160, 70), fill=(20, 20, 20))
    return im


def test_red_seal_ink_is_erased_and_black_type_kept() -> None:
    im = _crop_with_seal()
    mask = seal_red_mask(im)
    assert mask[60, 12] and not mask[60, 120]
    clean = without_seal(im)
    assert clean.mode == "L" and clean.getpixel((12, 60)) == 255 and clean.getpixel((120, 60)) < 60


def test_gray_crop_has_no_seal_mask() -> None:
    gray = _crop_with_seal().convert("L")
    assert not seal_red_mask(gray).any()
    assert "unsealed" not in dict(signature_variants(gray, gray))


def test_colour_crop_adds_unsealed_variants() -> None:
    im = _crop_with_seal()
    names = [n for n, _ in signature_variants(im.convert("L"), im)]
    assert "unsealed" in names and "unsealed-dark" in names


@pytest.mark.parametrize("whole, cut", [
    ("Nguyễn Hoàng Giang", "Hoàng Giang"),
    ("Trần Hoàng Tuấn", "Hoàng Tuấn"),
    ("Hà Thị Lê Vân", "lấã Thị Lê Vân"),
    ("Bùi Văn Ga", "Bùủi Văn Ga"),
    ("Bùi Văn Ga", "Bùi vận Ga Xe"),
])
def test_name_score_prefers_the_whole_name(whole: str, cut: str) -> None:
    assert name_score(whole) > name_score(cut)


@pytest.mark.parametrize("line, want", [
    ("KỸ; GIÁM ĐÓC", "KT. GIÁM ĐÓC"),
    ("KT, CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("KỸ; THUẬT", "KỸ; THUẬT"),
])
def test_kt_misread(line: str, want: str) -> None:
    assert clean_signature_line(line) == want


def _w(text: str, left: int, top: int, line: tuple[int, int, int]) -> OcrWord:
    return OcrWord(text=text, left=left, top=top, width=20 * len(text), height=40, conf=90.0, line=line)


def _page(first: list[OcrWord]) -> list[OcrWord]:
    words = [_w("Đề", 300, 1000, (1, 1, 1)), _w("nghị", 360, 1000, (1, 1, 1)), _w("các", 1800, 1000, (1, 1, 1)),
             *first,
             _w("-", 300, 1500, (3, 1, 1)), _w("Như", 330, 1500, (3, 1, 1)), _w("trên;", 420, 1500, (3, 1, 1)),
             _w("-", 300, 1560, (3, 1, 2)), _w("Lưu:", 330, 1560, (3, 1, 2)), _w("VT.", 420, 1560, (3, 1, 2)),
             _w("CHỦ", 1500, 1450, (4, 1, 1)), _w("TỊCH", 1600, 1450, (4, 1, 1))]
    return words


@pytest.mark.parametrize("anchor", [
    [_w("Nơi", 300, 1440, (2, 1, 1)), _w("nhận:", 380, 1440, (2, 1, 1))],
    [_w("ơi", 300, 1440, (2, 1, 1)), _w("nhận:", 380, 1440, (2, 1, 1))],
    [_w("Nơi", 300, 1440, (2, 1, 1))],  # its "nhận:" too unsure to keep
    [_w("Wới", 300, 1440, (2, 1, 1)), _w("nhận:", 380, 1440, (2, 1, 1)), _w("KT.", 1500, 1440, (2, 1, 1))],
])
def test_noi_nhan_anchor_as_ocr_leaves_it(anchor: list[OcrWord]) -> None:
    assert signature_region(_page(anchor), 2480, 3500) is not None


def test_no_anchor_without_noi_nhan() -> None:
    assert signature_region(_page([_w("Nội", 300, 1440, (2, 1, 1)), _w("dung", 380, 1440, (2, 1, 1))]), 2480,
                            3500) is None


@pytest.mark.parametrize("reading, title", [
    ("PHÓỎ GIÁM ĐÓC", "Phó Giám đốc"), ("Chầnh văn phòng", "Chánh Văn phòng"), ("THỨ TRƯƠNG", "Thứ trưởng"),
    ("Cục trưởng Cục Công nghệ thông tin", None), ("Thủ trưởng đơn vị", None), ("GIÁM ĐỊNH VIÊN", None),
])
def test_nearest_title(reading: str, title: str | None) -> None:
    assert nearest_title(reading) == title
    assert normal_title(reading) == (title or reading)


def test_garbled_authority_gives_the_deputy_title() -> None:
    assert normal_authority("KT. Giám đỏc") == "KT. Giám đốc"
    got = signer_from_lines(["KT. GIÁM ĐỎC"], "GIÁM ĐÓC", "Nguyễn Thị Thu Huyền")
    assert got == {"name": "Nguyễn Thị Thu Huyền", "title": "Phó Giám đốc", "authority": ["KT. Giám đốc"]}


def test_deputy_of_a_head_named_with_its_body() -> None:
    """``KT. TRƯỞNG BAN BAN CHÍNH SÁCH``: the head's title opens the body, its deputy signs."""
    got = signer_from_lines(["TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ QUỐC TẾ"], "TRƯỞNG BAN", "A")
    assert got["title"] == "Phó Trưởng ban"
    assert signer_from_lines(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "A")["title"] == "Chủ tịch"


@pytest.mark.parametrize("raw, clean", [
    ("' _ Các Sở GD&ĐT", "Các Sở GD&ĐT"), ("~ Như trên (dê t/hiện)", "Như trên (dê t/hiện)"),
    ("Website Sở GD&ĐT:", "Website Sở GD&ĐT"), ("VPUB: CVP, PCVP", "VPUB: CVP, PCVP"),
])
def test_recipient_item_trimmed_of_scan_debris(raw: str, clean: str) -> None:
    from vnplan.structure.closing import trim_item
    from vnplan.structure.model import Span

    assert trim_item(Span(10, 10 + len(raw), raw)).text == clean


def test_prefixes_a_seal_hid_are_given_back_only_off_axis() -> None:
    from vnplan.read.ocr_signature import lost_prefixes

    hidden = [("CHỦ TỊCH", 616, 793), ("CHỦ TỊCH", 617, 805), ("Phạm Trường Thọ", 408, 858)]
    assert lost_prefixes(hidden)[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    centred = [("CHỦ TỊCH", 520, 746), ("CHỦ TỊCH", 520, 746), ("Phạm Trường Thọ", 408, 858)]
    assert lost_prefixes(centred)[:2] == ["CHỦ TỊCH", "CHỦ TỊCH"]
    wide_boxes = [("GIÁM ĐÓC", 638, 1094), ("GIÁM ĐÓC", 627, 1265), ("Trần Thị Ngọc Diễm", 526, 1003)]
    assert lost_prefixes(wide_boxes)[:2] == ["GIÁM ĐÓC", "GIÁM ĐÓC"]
