"""Normalisation: one table of cases per kind of noise, and the offset-map contract.

Every case runs the whole pipeline (`normalize`) on a small input cut from or
modelled on the corpus, and checks the clean text and that every output
character maps back to the raw text.
"""
from __future__ import annotations

import unicodedata

import pytest

from vnplan.normalize import NormalizedText, build_document, normalize
from vnplan.normalize.fold import fold_key
from vnplan.normalize.legacy import encode_legacy
from vnplan.normalize.offsetmap import Edits, MappedText, edits_from_diff
from vnplan.read.text import blocks_from_string


def _base(ch: str) -> str:
    """A character with its diacritics and case folded (for offset checks)."""
    d = unicodedata.normalize("NFD", ch.replace("Ð", "Đ").replace("ð", "đ").replace("Ƣ", "Ư").replace("ƣ", "ư"))
    return d[:1].lower().replace("đ", "d") if d else ""


_SAME = {"-": "‐‑‒−﹣－*", "Đ": "&", " ": "\u00a0"}


def check_map(raw: str, norm: NormalizedText, *, legacy: bool = False) -> None:
    """The offset contract of `normalize`."""
    text, offs = norm.text, norm.offsets
    assert len(offs) == len(text) + 1
    assert offs[-1] == len(raw)
    assert all(a <= b for a, b in zip(offs, offs[1:])), "offsets never decrease"
    assert all(0 <= o <= len(raw) for o in offs)
    for i, ch in enumerate(text):
        src = raw[offs[i]] if offs[i] < len(raw) else ""
        if ch in " \n":
            continue  # an inserted or kept separator: bounded by its neighbours (checked above)
        if legacy:
            continue
        same = _base(ch) == _base(src) or ch == src or src in _SAME.get(ch, "")
        assert same, (i, ch, src, text[max(0, i - 10) : i + 10])
    assert not any(line != line.strip() or not line for line in text.split("\n")) or text == ""


def run(raw: str, **kw: object) -> str:
    norm = normalize(raw, **kw)  # type: ignore[arg-type]
    check_map(raw, norm)
    return norm.text


# --- the edit builder -------------------------------------------------------


@pytest.mark.parametrize(
    "text, edits, expected, offsets",
    [
        ("a  b", [(1, 2, "")], "a b", [0, 2, 3, 4]),
        ("ab", [(1, 1, " ")], "a b", [0, 1, 1, 2]),
        ("xyz", [(0, 3, "Q")], "Q", [0, 3]),
        ("xy", [(0, 1, "ABC")], "ABCy", [0, 0, 0, 1, 2]),
        ("a\nb", [(1, 2, " "), (1, 2, "X")], "a b", [0, 1, 2, 3]),  # the overlapping edit is ignored
    ],
)
def test_edits(text: str, edits: list[tuple[int, int, str]], expected: str, offsets: list[int]) -> None:
    ed = Edits(text)
    for s, e, new in edits:
        ed.replace(s, e, new)
    out = MappedText.identity(text).apply(ed)
    assert (out.text, list(out.offsets)) == (expected, offsets)


def test_edits_from_diff_maps_unchanged_characters() -> None:
    old = "năm 2625 tực hiện"
    out = MappedText.identity(old).apply(edits_from_diff(old, "năm 2025 thực hiện"))
    assert out.text == "năm 2025 thực hiện"
    assert out.offsets[0] == 0 and out.offsets[-1] == len(old)
    assert old[out.offsets[out.text.index("hiện")]] == "h"


# --- characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("TI \u0309NH LA\u0300O CAI", "TỈNH LÀO CAI"),  # a tone mark after a space (PDF text layer)
        ("CÁC CÔNG TRÌNH HÔ \u0300, ĐÂ \u0323P", "CÁC CÔNG TRÌNH HỒ, ĐẬP"),
        ("Nghi\u0323 quyê\u0301t", "Nghị quyết"),
        ("ÐẢNG BỘ tỉnh Ðắk Lắk", "ĐẢNG BỘ tỉnh Đắk Lắk"),  # Icelandic eth
        ("bồi dƣỡng học sinh TRƢỜNG", "bồi dưỡng học sinh TRƯỜNG"),  # ƣ (oi) of a legacy-font text layer
        ("ƣ\u0301ng dụng", "ứng dụng"),  # ƣ with a combining tone mark
        ("Số:\u00a005/KH\u2011UBND", "Số: 05/KH-UBND"),  # no-break space, non-breaking hyphen
        ("Hà\u200b Nội\ufeff", "Hà Nội"),  # zero-width characters
        ("Độc lập – Tự do – Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"),  # en dashes are kept
        ("Hoà Xá\r\nThanh Hoá", "Hoà Xá\nThanh Hoá"),  # tone placement is not changed in the text
    ],
)
def test_unicode(raw: str, expected: str) -> None:
    assert run(raw) == expected


# --- spaced-out letters and split syllables -------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("V .   T Ổ   C H Ứ C   T H Ự C   H I Ệ N", "V. TỔ CHỨC THỰC HIỆN"),  # seed 001
        ("4 .   U B N D   c á c   x ã ,   t h ị   t r ấ n", "4. UBND các xã, thị trấn"),
        ("-  C h ỉ  đ ạ o ,  h ư ớ n g  d ẫ n ,  đ ô n  đ ố c", "- Chỉ đạo, hướng dẫn, đôn đốc"),
        ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),  # real 042
        ("Số: 3210/QĐ - U B ND", "Số: 3210/QĐ-UBND"),
        ("T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014", "Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014"),
        ("- T hủ tướ ng C h í nh ph ủ ;", "- Thủ tướng Chính phủ;"),
        ("- B ộ L a o đ ộ n g - T h ươ n g b i nh v à Xã h ộ i;", "- Bộ Lao động - Thương binh và Xã hội;"),
        ("KT. CHỦ TỊ CH P HÓ CHỦ T Ị CH", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
        ("Căn cứ Công văn số 3764/BGDĐT- GDTX ngày 31/8/2021", "Căn cứ Công văn số 3764/BGDĐT-GDTX ngày 31/8/2021"),
        ("Số: 1050 /QĐ-SCT", "Số: 1050/QĐ-SCT"),
        ("Số 401/ PGD&ĐT", "Số 401/PGD&ĐT"),
        # normal text is left alone
        ("a) Tổ chức Lễ khai mạc ở hội trường và ở các xã", "a) Tổ chức Lễ khai mạc ở hội trường và ở các xã"),
        ("Số: 05/KH-UBND ngày 01/10/2025", "Số: 05/KH-UBND ngày 01/10/2025"),
        ("Số: /KH-UBND", "Số: /KH-UBND"),
        ("điểm a, b khoản 1 Điều 3; ô tô, xe máy; Bộ Y tế", "điểm a, b khoản 1 Điều 3; ô tô, xe máy; Bộ Y tế"),
        ("UBND TP Hà Nội; VPUB: CVP; PCVP P.T.T.Huyền", "UBND TP Hà Nội; VPUB: CVP; PCVP P.T.T.Huyền"),
        ("Số: 2214/BXD-QLN V/v: Hỗ trợ", "Số: 2214/BXD-QLN V/v: Hỗ trợ"),
        ("1 2 3 4 5", "1 2 3 4 5"),
    ],
)
def test_spacing(raw: str, expected: str) -> None:
    assert run(raw) == expected


# --- hard wraps -------------------------------------------------------------------

WRAPS = [
    # lower-case continuation
    ("Ủy ban nhân dân huyện Si Ma Cai xây dựng kế hoạch tổ chức Tuần lễ\nhưởng ứng học tập suốt đời năm 2023.",
     "Ủy ban nhân dân huyện Si Ma Cai xây dựng kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023."),
    # a symbol split at its hyphen
    ("Kế hoạch số 168/KH-\nSGD&ĐT ngày 15/9/2023 của Sở GD&ĐT.", "Kế hoạch số 168/KH-SGD&ĐT ngày 15/9/2023 của Sở GD&ĐT."),
    # a line ending in "của Bộ" continues on a capital
    ("Thực hiện công văn số 4864/BGDĐT-GDTX, ngày 08/9/2023 của Bộ\nGD&ĐT về việc Hướng dẫn tổ chức.",
     "Thực hiện công văn số 4864/BGDĐT-GDTX, ngày 08/9/2023 của Bộ GD&ĐT về việc Hướng dẫn tổ chức."),
    # headings and list items are never joined
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức;\n+ Tăng cường\na) Tổ chức\nĐiều 1. Thành lập",
     "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức;\n+ Tăng cường\na) Tổ chức\nĐiều 1. Thành lập"),
    # header and signature lines stay on their own lines
    ("Số: /KH-UBND\nHoà Xá, ngày tháng năm 2025\nKẾ HOẠCH\nTổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025",
     "Số: /KH-UBND\nHoà Xá, ngày tháng năm 2025\nKẾ HOẠCH\nTổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025"),
    ("Nơi nhận:\n- Sở GD&ĐT Hà Nội;\n- Lưu: VT, VHXH.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Cường",
     "Nơi nhận:\n- Sở GD&ĐT Hà Nội;\n- Lưu: VT, VHXH.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Cường"),
    # a blank line ends a paragraph, but not in the middle of a sentence (page break)
    ("tổ chức các hoạt động.\n\nCăn cứ vào điều kiện", "tổ chức các hoạt động.\nCăn cứ vào điều kiện"),
    ("khuyến khích sử dụng thư viện điện tử dùng chung để mọi\n\nngười dân thuận tiện tiếp cận tri thức.",
     "khuyến khích sử dụng thư viện điện tử dùng chung để mọi người dân thuận tiện tiếp cận tri thức."),
    # a range split before its dash
    ("giai đoạn 2021\n- 2025”;", "giai đoạn 2021 - 2025”;"),
    # the upper-case title after the document type
    ("KẾ HOẠCH\nTRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CUỐI NĂM 2025 LĨNH\nVỰC BÌNH ĐẲNG GIỚI\nCăn cứ Nghị quyết số 202",
     "KẾ HOẠCH\nTRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CUỐI NĂM 2025 LĨNH VỰC BÌNH ĐẲNG GIỚI\nCăn cứ Nghị quyết số 202"),
    # the typist's initials after ./.
    ("triển khai thực hiện./.Oanh\nNơi nhận:", "triển khai thực hiện./.\nOanh\nNơi nhận:"),
]


@pytest.mark.parametrize("raw, expected", WRAPS)
def test_wraps(raw: str, expected: str) -> None:
    assert run(raw) == expected


def test_layout_text_indent_starts_a_paragraph() -> None:
    raw = (
        "   Số: 1050 /QĐ-SCT                   Lào Cai, ngày 06 tháng 3 năm 2026\n"
        "       Căn cứ Luật số 42/2024/QH15 ngày 29/6/2024 về Quản lý, sử dụng vũ khí,\n"
        "vật liệu nổ và công cụ hỗ trợ;\n"
        "      Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ\n"
        "Quy định chi tiết một số điều của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và\n"
        "công cụ hỗ trợ;\n"
        "      Theo đề nghị của Trưởng phòng Quản lý Công nghiệp,\n"
        "      Căn cứ Quyết định số 05/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh\n"
        "Lào Cai về việc Ban hành quy định;\n"
    )
    assert run(raw).split("\n") == [
        "Số: 1050/QĐ-SCT",
        "Lào Cai, ngày 06 tháng 3 năm 2026",
        "Căn cứ Luật số 42/2024/QH15 ngày 29/6/2024 về Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ;",
        "Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ Quy định chi tiết một số điều của Luật "
        "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ;",
        "Theo đề nghị của Trưởng phòng Quản lý Công nghiệp,",
        "Căn cứ Quyết định số 05/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh Lào Cai về việc Ban hành quy định;",
    ]


def test_hard_breaks_are_never_joined() -> None:
    raw = "Sở Nông nghiệp và\nMôi trường"
    assert run(raw) == "Sở Nông nghiệp và Môi trường"
    assert run(raw, hard_breaks=frozenset({raw.index("\n")})) == "Sở Nông nghiệp và\nMôi trường"


# --- markup -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("**KẾ HOẠCH**  \n**Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022**",
         "KẾ HOẠCH\nTổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022"),
        ("Chủ đề: *“Học để phát triển bản thân”*.", "Chủ đề: “Học để phát triển bản thân”."),
        ("**ỦY BAN NHÂN\nDÂN **\nTHÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"),  # wrap inside bold
        ("*Hà Nội, ngày\n29 tháng 11 năm 2025*", "Hà Nội, ngày 29 tháng 11 năm 2025"),
        ("**Điều 2. **Quyết\nđịnh này có hiệu lực.", "Điều 2. Quyết định này có hiệu lực."),
        ("*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm\n2025; *", "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"),
        ("# KẾ HOẠCH\n## I. MỤC ĐÍCH", "KẾ HOẠCH\nI. MỤC ĐÍCH"),
        ("Xem [Quyết định 22/2013/QĐ-TTg](https://x.vn/qd-22.aspx) và ![logo](a.png) nhé",
         "Xem Quyết định 22/2013/QĐ-TTg và nhé"),
        ("Số 05\\/KH\\-UBND \\| \\*", "Số 05/KH-UBND | *"),
        ("(*) Ghi chú; ghi chú (*)", "(*) Ghi chú; ghi chú (*)"),
        ("* Tăng cường công tác", "* Tăng cường công tác"),
    ],
)
def test_markdown(raw: str, expected: str) -> None:
    assert run(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Sở GD&amp;ĐT<br>Hà Nội", "Sở GD&ĐT\nHà Nội"),
        ("<p>Căn cứ Luật</p><p>Theo đề nghị</p>", "Căn cứ Luật\nTheo đề nghị"),
        ("<b>KẾ HOẠCH</b>&nbsp;số&#160;05 &#x110;", "KẾ HOẠCH số 05 Đ"),
        ("a < b và c > d", "a < b và c > d"),
    ],
)
def test_html(raw: str, expected: str) -> None:
    assert run(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("| ỦY BAN NHÂN DÂN TỈNH SƠN LA ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
         "|---|---|\n| Số: 254/QĐ-UBND | Sơn La, ngày 17 tháng 02 năm 2023 |",
         "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Số: 254/QĐ-UBND\nSơn La, ngày 17 tháng 02 năm 2023"),
        ("| Nơi nhận: - Như trên; - Lưu: VT, QLN (2b) | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam |\n|---|---|",
         "Nơi nhận:\n- Như trên;\n- Lưu: VT, QLN (2b)\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Trần Nam"),
        ("|\n**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 980/KH-UBND\n|",
         "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 980/KH-UBND"),
        ("Ban Chỉ huy Phòng\nthủ dân sự cấp tỉnh\n|\nCơ quan, địa\nphương liên quan\n|",
         "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh\nCơ quan, địa phương liên quan"),
    ],
)
def test_table_pipes(raw: str, expected: str) -> None:
    assert run(raw) == expected


# --- boilerplate, anchors, page numbers, running headers ----------------------------------

TVPL_HEAD = (
    "Bản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại\n"
    "Đang tải văn bản...\n#\n**Số hiệu:**\n|\n980/KH-UBND\n|\n**Người ký:**\n|\nNguyễn Văn Đệ\n|\n"
    "**Tình trạng:**\n|\nĐã biết\n|\n|\n"
)
TVPL_BODY = "**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n|\nSố: 980/KH-UBND\n|\n**KẾ HOẠCH**\n" + "Nội dung kế hoạch.\n" * 20
TVPL_TAIL = (
    "Kế hoạch 980/KH-UBND năm 2025 thực hiện Quyết định 1899/QĐ-TTg do tỉnh Nghệ An ban hành\n"
    "Văn bản này chưa cập nhật nội dung Tiếng Anh\n## Văn bản liên quan\nBan hành:\n04/09/2025\n"
    "Sứ mệnh của THƯ VIỆN PHÁP LUẬT là:\nTiếp tục sử dụng\n"
)


@pytest.mark.parametrize(
    "raw, first, last",
    [
        (TVPL_HEAD + TVPL_BODY + TVPL_TAIL, "ỦY BAN NHÂN DÂN", "Nội dung kế hoạch."),
        (TVPL_BODY, "ỦY BAN NHÂN DÂN", "Nội dung kế hoạch."),  # no chrome: nothing cut
        (TVPL_HEAD + TVPL_BODY, "ỦY BAN NHÂN DÂN", "Nội dung kế hoạch."),
    ],
)
def test_boilerplate(raw: str, first: str, last: str) -> None:
    norm = normalize(raw)
    check_map(raw, norm)
    lines = norm.text.split("\n")
    assert lines[0] == first and lines[-1] == last
    assert "THƯ VIỆN PHÁP LUẬT" not in norm.text and "Số hiệu" not in norm.text
    assert raw[norm.offsets[0] : norm.offsets[0] + len(first)] == first


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("669290381000Số: /KH-UBND", "Số: /KH-UBND"),  # real 006 (DOCX text-box anchors)
        ("7454901333500KẾ HOẠCH", "KẾ HOẠCH"),
        ("Số điện thoại 0906229966 và 1234567 người", "Số điện thoại 0906229966 và 1234567 người"),
        ("Mã số 2025000123A", "Mã số 2025000123A"),  # a code ending in one letter: kept
    ],
)
def test_anchor_digits(raw: str, expected: str) -> None:
    assert run(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("đoạn một,\n- 2 -\nđoạn hai.", "đoạn một, đoạn hai."),
        ("đoạn một,\nTrang 3\nđoạn hai.", "đoạn một, đoạn hai."),
        ("đoạn một,\n                                        2\n\ftrái phép.", "đoạn một, trái phép."),  # real 016
        ("kết thúc trang.\n4\n\fĐầu trang mới.", "kết thúc trang.\nĐầu trang mới."),
        ("STT\n|\n1\n|\nNội dung", "STT\n1\nNội dung"),  # a table cell number stays
        ("Tổng số:\n12\nđơn vị", "Tổng số:\n12 đơn vị"),  # a bare number mid-page stays
    ],
)
def test_page_numbers(raw: str, expected: str) -> None:
    assert run(raw) == expected


def test_running_headers_removed_with_form_feeds() -> None:
    body = ["Căn cứ Luật Tổ chức chính quyền địa phương.", "Theo đề nghị của Sở Nội vụ.",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch.", "Trên đây là Kế hoạch của tỉnh./."]
    raw = "\n\f".join(f"Kế hoạch số 173/KH-UBND\n{line}" for line in body)
    assert run(raw).split("\n") == body


def test_running_headers_from_reader_pages() -> None:
    items = []
    body = ["Căn cứ Luật Tổ chức chính quyền địa phương.", "Theo đề nghị của Sở Nội vụ.",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch.", "Trên đây là Kế hoạch của tỉnh./."]
    for page, line in enumerate(body, 1):
        items.append((f"CÔNG BÁO/Số {10 + page}/Ngày 3-1-2025", {"kind": "line", "page": page}))
        items.append((line, {"kind": "line", "page": page}))
        items.append((f"{page}", {"kind": "line", "page": page}))
    from vnplan.document import RawDocument

    doc = build_document(RawDocument.from_texts("x.pdf", "pdf", items))
    assert doc.text.split("\n") == body
    assert any("running header" in w for w in doc.warnings)


# --- legacy encodings --------------------------------------------------------------

LEGACY = [
    "Số: 05/KH-UBND\nKẾ HOẠCH\nTổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Ủy ban nhân dân tỉnh Thanh Hóa",
]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("text", LEGACY)
def test_legacy_encodings(text: str, encoding: str) -> None:
    raw = encode_legacy(text, encoding)
    assert raw != text
    norm = normalize(raw)
    check_map(raw, norm, legacy=True)
    if encoding == "tcvn3":  # TCVN3 capitals share codes with small letters: case is a guess
        assert fold_key(norm.text) == fold_key(text)
    else:
        assert norm.text == text
    assert f"legacy encoding {encoding.upper()} converted" in norm.warnings


# --- OCR hook ----------------------------------------------------------------------


def test_ocr_repair_runs_only_for_ocr() -> None:
    raw = "Hà Nội, ngày 05 tháng 9 năm 2625\nnăm 2025"
    assert "2625" in normalize(raw).text
    norm = normalize(raw, ocr=True)
    check_map(raw, norm, legacy=True)
    assert "năm 2025" in norm.text.split("\n")[0]
    assert raw[norm.offsets[norm.text.index("Nội")]] == "N"


def test_ocr_repair_strategy_is_an_argument() -> None:
    norm = normalize("Tuần Lễ học tập", ocr=True, ocr_repair=lambda t: (t.replace("Lễ", "lễ"), ["Lễ→lễ"]))
    assert norm.text == "Tuần lễ học tập" and "OCR errors repaired (1)" in norm.warnings


def test_document_from_text_maps_provenance() -> None:
    doc = build_document(blocks_from_string("**KẾ HOẠCH**\nTổ chức Tuần lễ"))
    assert doc.text == "KẾ HOẠCH\nTổ chức Tuần lễ"
    start = doc.text.index("Tổ chức")
    assert doc.provenance(start, start + 7)["paragraph"] == 2
