"""Issue 14, session 7: the Kính gửi block of a scanned letter when OCR's reading order cuts into it.

OCR reads the right header column (mottos, place and date) between ``Kính gửi:`` and its dash items,
breaks a long item over two lines, and may print the body's first words above the block. Each case is
a small Vietnamese text shaped like those pages; the counter-cases keep the body out of the list.
"""
from __future__ import annotations

from vnplan.extract import extract as _extract
from vnplan.normalize import document_from_text

TOP = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2246/SGDĐT-GDTrH\nV/v công tác định hướng nghề nghiệp\nKính gửi:\n"
MOTTOS = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 01 tháng 10 năm 2021\n"


def recipients(text: str) -> list[str]:
    return _extract(document_from_text(text)).recipients


def test_item_wrapped_on_a_capitalised_word() -> None:
    """``- Phân hiệu … thành phố Hồ`` / ``Chí Minh tại Gia Lai;``: the second line ends with the item's ';'."""
    text = TOP + MOTTOS + ("- Sở Lao động - Thương binh và Xã hội tỉnh;\n- Phân hiệu Trường Đại học Nông Lâm thành phố Hồ\n"
                           "Chí Minh tại Gia Lai;\n- Các trường phổ thông trực thuộc Sở.\n"
                           "Thực hiện Công văn số 456/UBND-KGVX ngày 26/4/2021 của UBND tỉnh về công tác hướng nghiệp.\n")
    assert recipients(text)[:3] == ["Sở Lao động - Thương binh và Xã hội tỉnh",
                                    "Phân hiệu Trường Đại học Nông Lâm thành phố Hồ Chí Minh tại Gia Lai",
                                    "Các trường phổ thông trực thuộc Sở"]


def test_body_line_after_an_unterminated_item_is_not_joined() -> None:
    text = TOP + MOTTOS + ("- Các phòng Giáo dục và Đào tạo\n"
                           "Sở Giáo dục và Đào tạo đề nghị các đơn vị triển khai thực hiện các nội dung sau đây.\n")
    assert recipients(text) == ["Các phòng Giáo dục và Đào tạo"]


def test_motto_with_a_doubled_dash_is_not_a_recipient() -> None:
    text = TOP + ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập — Tự do —- Hạnh phúc\nHà Nội, ngày 5 tháng 5 năm 2021\n"
                  "- Các sở giáo dục và đào tạo;\n- Cục Đào tạo (Bộ Công an).\n"
                  "Căn cứ Quy chế thi tốt nghiệp trung học phổ thông, Bộ Giáo dục và Đào tạo hướng dẫn như sau:\n")
    assert recipients(text) == ["Các sở giáo dục và đào tạo", "Cục Đào tạo (Bộ Công an)"]


def test_body_fragment_printed_above_the_block() -> None:
    """The body's first words, cut by the right column, read before the mottos and Kính gửi (a scan)."""
    text = ("UBND TỈNH BÌNH PHƯỚC\nSỞ GIÁO DỤC & ĐÀO TẠO\nSố: 15/SGDĐT-TCCB\nV/v cử cán bộ dự lớp bồi dưỡng\n"
            "Thực hiện Kế hoạch số\n" + MOTTOS + "Kính gửi:\n- Phòng Giáo dục và Đào tạo các huyện, thị xã;\n"
            "- Các đơn vị trực thuộc.\n"
            "109/KH-UBND ngày 05/5/2017 của UBND tỉnh về đào tạo, bồi dưỡng cán bộ, công chức năm 2017.\n")
    assert recipients(text) == ["Phòng Giáo dục và Đào tạo các huyện, thị xã", "Các đơn vị trực thuộc"]


def test_kinh_gui_far_into_the_body_is_not_the_opening_block() -> None:
    """A full preamble clause stands before it: the letter's body, not its address block."""
    text = (TOP.replace("Kính gửi:\n", "") + MOTTOS +
            "Căn cứ Kế hoạch số 109/KH-UBND ngày 05/5/2017 của Ủy ban nhân dân tỉnh về đào tạo, bồi dưỡng cán bộ;\n"
            "Kính gửi:\n- Các đơn vị trực thuộc.\n")
    assert recipients(text) == []


def test_preamble_dash_lines_end_the_list() -> None:
    """A Tờ trình whose ``- Căn cứ …`` lines follow the Kính gửi entry, on its line and under it."""
    text = ("ĐOÀN TRƯỜNG THPT BƯNG RIỀNG\nSố: 17/TTr-ĐTN Xuyên Mộc, ngày 17 tháng 11 năm 2025\nTỜ TRÌNH\n"
            "V/v hỗ trợ học sinh đi tham quan\n"
            "Kính gửi: - Hội Cha mẹ học sinh trường THPT Bưng Riềng. - Căn cứ kế hoạch hoạt động công tác Đoàn\n"
            "- Căn cứ Thông báo số 194/TB-THPT về việc tổ chức gian hàng;\n- Thời gian lên xe: 8h ngày 19 tháng 11.\n")
    assert recipients(text) == ["Hội Cha mẹ học sinh trường THPT Bưng Riềng"]
