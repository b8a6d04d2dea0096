"""Issue 14, session 8: closing and header cues that generalise across the archive's scans.

Each cue is tested on lines it must read and lines it must leave alone (examples and counter-examples).
"""
from __future__ import annotations

import pytest

from vnplan.extract.numbers import doc_type_from_symbol
from vnplan.extract.signer import lost_prefix, signer_from_lines
from vnplan.structure import markers as mk
from vnplan.structure.closing import after_archive, is_bare_label, parse_closing, split_joined
from vnplan.structure.header import article_wrap, label_lost, stamp_after_type, ve_viec_lead
from vnplan.structure.lines import logical_lines
from vnplan.structure.model import Span


@pytest.mark.parametrize(("head", "title", "expected"), [
    ("CHỦ TỊCH", "Chánh Văn phòng", "TL. CHỦ TỊCH"),
    ("BỘ TRƯỞNG", "Vụ trưởng", "TL. BỘ TRƯỞNG"),
    ("GIÁM ĐỐC", "Phó Giám đốc", "KT. GIÁM ĐỐC"),
    ("BỘ TRƯỞNG", "Thứ trưởng", "KT. BỘ TRƯỞNG"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Giám đốc", None),  # an agency line, no chức vụ
    ("HIỆU TRƯỞNG", "Hiệu trưởng", None),  # the same chức vụ read twice
    ("UBND TỈNH", "Chủ tịch", None),
])
def test_lost_prefix(head: str, title: str, expected: str | None) -> None:
    assert lost_prefix(head, title) == expected


def test_lost_prefix_in_signature_block() -> None:
    lines = logical_lines("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn An")
    c, _ = parse_closing(lines, 0, len(lines))
    sig = c.signature
    got = signer_from_lines([a.text for a in sig.authority], sig.title.text, sig.name.text)
    assert got == {"name": "Nguyễn Văn An", "title": "Chánh Văn phòng", "authority": ["TL. Chủ tịch"]}


def test_lost_prefix_leaves_a_read_prefix() -> None:
    lines = logical_lines("Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nGIÁM ĐỐC\nNguyễn Văn An")
    c, _ = parse_closing(lines, 0, len(lines))
    assert [a.text for a in c.signature.authority] == ["KT. GIÁM ĐỐC"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Nơi\n- Như trên;\n- Lưu: VT.", True),
    ("Noi:\n- Như trên;", True),
    ("Nơi\nThời gian", False),  # a table's column
    ("Nơi tổ chức: hội trường\n- Như trên;", False),
    ("Nơi\n", False),
])
def test_bare_noi_nhan_label(text: str, expected: bool) -> None:
    lines = logical_lines(text)
    assert is_bare_label(lines, 0, len(lines)) is expected


def test_bare_label_opens_the_recipient_list() -> None:
    lines = logical_lines("Nơi\n- Như trên;\n- TT TU, TT HĐND tỉnh (b/c);\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An")
    c, _ = parse_closing(lines, 0, len(lines))
    assert [r.text for r in c.recipients] == ["Như trên", "TT TU, TT HĐND tỉnh (b/c)"]


@pytest.mark.parametrize(("text", "above", "expected"), [
    ("- Giám đốc Sở (để báo cáo);", "- Lưu: VP, QLĐT&GDTX.", True),
    ("- Website Sở GD&ĐT;", "- Lưu: VT", True),
    ("- Giảm thời gian chờ.", "- Lưu: VT.", False),  # the body's dash line after a Nơi nhận block
    ("- Lưu: VT.", "- Lưu: VP.", False),
    ("Nguyễn Văn An", "- Lưu: VT.", False),
    ("- Giám đốc Sở;", "KT. GIÁM ĐỐC", False),
    ("- Tăng năng suất lao động;", "- Lưu: VT, VP. hành chính được luân chuyển trong nội bộ", False),
    ("- 100% kết quả giải quyết thủ tục hành chính đang còn hiệu lực được số hóa và kết nối, chia sẻ dữ liệu.",
     "- Lưu: VT.", False),
])
def test_items_after_the_archive_line(text: str, above: str, expected: bool) -> None:
    assert after_archive(text, above) is expected


@pytest.mark.parametrize(("text", "parts"), [
    ("- Kiểm toán nhà nước; _ Ủy ban trung ương Mặt trận;", 2),
    ("- Sở Y tế; ~ Sở Tài chính phối hợp;", 2),
    ("- Như trên; _ TỔ ca", 1),  # seal debris, not an item
    ("- VPUB: CVP, PCVP; các CV;", 1),
])
def test_items_joined_at_an_underscore(text: str, parts: int) -> None:
    assert len(split_joined(text)) == parts


@pytest.mark.parametrize(("text", "open_vv", "expected"), [
    ("- Các phòng giáo dục và đào tạo;\n- Trung tâm GDTX tỉnh.", True, True),
    ("- Các ph ng giáo d c v đo tạo;\n- Các trường phổ th ng trực thu c S;", True, True),
    ("- Căn cứ Luật Giáo dục;\n- Căn cứ Nghị định số 24/2014/NĐ-CP;", True, False),
    ("- Trung tâm GDTX tỉnh.\nCăn cứ Công văn số 12", True, False),
    ("- A phòng;\n- B phòng;", False, False),  # no V/v read, or a Kính gửi list already
])
def test_kinh_gui_entries_without_their_label(text: str, open_vv: bool, expected: bool) -> None:
    lines = logical_lines(text)
    assert label_lost(lines, 0, len(lines), open_vv) is expected


@pytest.mark.parametrize(("previous", "text", "expected"), [
    ("Sửa đổi, bổ sung khoản 3 Điều 1; điểm b khoản 2", "Điều 4 Quyết định số 2071/QĐ-BGDĐT", True),
    ("Bãi bỏ khoản 1", "Điều 3 Thông tư số 12/2020/TT-BGDĐT", True),
    ("Về việc ban hành Quy chế làm việc", "Điều 1. Ban hành kèm theo Quyết định này", False),
    ("Ban hành Quy chế làm việc.", "Điều 4 Quyết định số 12/QĐ-UBND", False),
    ("QUY ĐỊNH CHUNG", "Điều 1 Phạm vi điều chỉnh", False),
    ("Về việc thành lập Hội đồng", "Căn cứ Luật Tổ chức chính quyền địa phương", False),
])
def test_title_wrapped_before_an_article(previous: str, text: str, expected: bool) -> None:
    assert article_wrap(previous, text) is expected


@pytest.mark.parametrize(("text", "type_name"), [
    ("THÔNG BÁO Ngày..9. tháng 10", "THÔNG BÁO"),
    ("QUYẾT ĐỊNH Số:..45", "QUYẾT ĐỊNH"),
    ("KẾ HOẠCH Chuyển: P. KHTC", "KẾ HOẠCH"),
    ("THÔNG BÁO TUYỂN SINH", None),
    ("KẾ HOẠCH Số 12", None),
    ("Ngày..9.", None),
    ("Phú Thọ, ngày 06 tháng 10 năm 2015", None),
])
def test_received_stamp_on_the_type_line(text: str, type_name: str | None) -> None:
    cut = stamp_after_type(text)
    assert (text[:cut] if cut is not None else None) == type_name


@pytest.mark.parametrize(("text", "expected"), [
    ("và việc công nhận kết quả", "Về việc công nhận kết quả"),
    ("Vê việc thành lập Đoàn kiểm tra", "Về việc thành lập Đoàn kiểm tra"),
    ("Về việc thành lập", "Về việc thành lập"),
    ("Sửa đổi và việc bổ sung", "Sửa đổi và việc bổ sung"),
    ("vào việc làm", "vào việc làm"),
])
def test_ve_viec_lead(text: str, expected: str) -> None:
    assert ve_viec_lead(Span(0, len(text), text)).text == expected


@pytest.mark.parametrize(("line", "doc_type"), [
    ("GIẤY CHỨNG NHẬN", "Giấy chứng nhận"),
    ("GIẤY ỦY QUYỀN", "Giấy ủy quyền"),
    ("GIẤY GIỚI THIỆU", "Giấy giới thiệu"),
])
def test_giay_type_names(line: str, doc_type: str) -> None:
    assert mk.is_type_name(line) == line
    assert mk.type_names()[line] == doc_type


def test_giay_chung_nhan_symbol() -> None:
    assert doc_type_from_symbol("GCN-SGD&ĐT") == "Giấy chứng nhận"
    assert mk.is_type_name("Giấy chứng nhận quyền sử dụng đất") is None


@pytest.mark.parametrize(("name", "level"), [
    ("Đoàn trường THPT Bưng Riềng", "unit"),
    ("Công đoàn trường Tiểu học Hoà Xá", "unit"),
    ("Liên đội trường THCS Phìn Hồ", "unit"),
    ("Xã đoàn Xuyên Mộc", "commune"),  # the commune's youth union stays a commune body
    ("Đoàn kiểm tra", None),
])
def test_a_schools_union_is_a_unit(name: str, level: str | None) -> None:
    from vnplan.extract.agencies import level_of

    assert level_of(name) == level


def test_kinh_gui_debris_entries_go() -> None:
    from vnplan.document import Document

    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/SGDĐT-VP\nV/v thông tin hoạt động giáo dục\n"
            "Kính gửi: >\n- ' _ Phòng GD&ĐT huyện, thành, thị;\n- Các đơn vị trực thuộc Sở.\nSở Giáo dục thông báo.\n")
    assert [k.text for k in Document.from_text(text).outline.closing.kinh_gui] == [
        "Phòng GD&ĐT huyện, thành, thị", "Các đơn vị trực thuộc Sở"]
