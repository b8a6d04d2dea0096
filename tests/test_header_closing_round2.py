"""Issue 14, second round: header and closing rules (unsigned chức vụ at a part's end, dates by signing, số from a file name)."""
from __future__ import annotations

from vnplan.extract.dates import date_by_signing
from vnplan.extract.numbers import number_from_file_name
from vnplan.structure.closing import closing_start
from vnplan.structure.lines import logical_lines


def test_unsigned_chuc_vu_ends_the_part() -> None:
    lines = logical_lines("Điều 19. Quy chế này được phổ biến rộng rãi.\nHIỆU TRƯỞNG")
    assert closing_start(lines, 0, len(lines)) == 1


def test_chuc_vu_in_the_body_is_not_a_closing() -> None:
    lines = logical_lines("HIỆU TRƯỞNG\nChỉ đạo chung các hoạt động của nhà trường.")
    assert closing_start(lines, 0, len(lines)) is None
    lines = logical_lines("Điều 5. Nhiệm vụ của Hiệu trưởng.\nHiệu trưởng")
    assert closing_start(lines, 0, len(lines)) is None


def test_date_by_signing() -> None:
    assert date_by_signing("Hà Nội, ngày 03 tháng †năm 2020", "2020-07-06T10:07:47+07:00").isoformat() == "2020-07-03"
    assert date_by_signing("Hà Nội, ngày 03 tháng †năm 2020", "2021-07-06T10:07:47+07:00") is None  # another year
    assert date_by_signing("Hà Nội, ngày 05 tháng 01 năm 2020", "2020-01-02T10:00:00+07:00") is None  # not a scan
    assert date_by_signing("Hà Nội, ngày 12 tháng 01 năm 2020", "2020-01-02T10:00:00+07:00", scanned=True) is None


def test_number_from_file_name_bare_and_after_portal_id() -> None:
    assert number_from_file_name("296.pdf", None) == "296"
    assert number_from_file_name("102-signed-01.pdf", "NQ-CP") == "102"
    assert number_from_file_name("2352-07-ct-ubnd-signed.pdf", "CT-UBND") == "07"
    assert number_from_file_name("2020-signed.pdf", None) is None


def test_header_start_skips_scan_specks_between_agency_and_so() -> None:
    from vnplan.structure.header import find_header_start

    lines = logical_lines("„ .UỶ BAN NHÂN DÂN\nHUYỆN SÌN HỒ. -\nLà\nx\nSố:.40#/2006/QĐ-UBND,\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert find_header_start(lines, 0, len(lines)) == 0


def test_issuer_lines_without_scan_specks() -> None:
    from vnplan.extract.issuer import issuer_from_agency_lines

    got = issuer_from_agency_lines(["„ .UỶ BAN NHÂN DÂN", "HUYỆN SÌN HỒ. -"])
    assert (got["name"], got["level"]) == ("Uỷ ban nhân dân huyện Sìn Hồ", "district")


def test_school_named_by_its_kind_alone_is_completed() -> None:
    from vnplan.extract.issuer import complete_school_name

    bare = {"name": "Trường Trung Học Phó Thông", "level": "unit", "parent": None}
    text = "QUY KT ĐỊNH\nHIỆU TRƯỞNG TRƯỜNG THPT NGUYÊN BỈNH KHIÊM\nĐiều 1: Quy chế của Trường THPT Nguyễn Bỉnh Khiêm theo"
    assert complete_school_name(bare, text)["name"] == "Trường Trung Học Phó Thông Nguyễn Bỉnh Khiêm"
    assert complete_school_name(bare, "Trường THCS Lê Lợi")["name"] == bare["name"]  # another kind of school
    named = {"name": "Trường THPT Lê Lợi", "level": "unit", "parent": None}
    assert complete_school_name(named, text) == named
