"""PDF reading on the born-digital PDFs of the corpus: header/closing columns, tables, errors."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from vnplan import read
from vnplan.document import RawDocument
from vnplan.errors import CorruptFileError, EncryptedFileError
from vnplan.read import read_raw
from vnplan.read.pdf import read_pdf
from vnplan.read.pdf_bands import find_gutter
from vnplan.read.pdf_lines import Glyph, Line, lines_from_glyphs, paragraph_breaks
from vnplan.read.pdf_page_kind import garbled_ratio
from vnplan.read.pdf_tables import find_tables

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
GOLD = ROOT / "corpus" / "gold"

BORN_DIGITAL = [
    "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf",
    "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf",
    "012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf",
    "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf",
    "015_cv-7432-ubnd-tinh-laocai-trien-khai-qd-1074-bxd.pdf",
    "022_kh-115-snnmt-gialai-thuc-hien-chi-thi-7883-bnnmt.pdf",
    "024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf",
    "073_ttr-snv-lamdong-trinh-ky-kh-cchc-2026-2030.pdf",
]
# Files whose text layer is readable as is (011/012 use fonts without a Unicode map, recovered
# from the glyph shapes: see the font tests below).
READABLE = [f for f in BORN_DIGITAL if not f.startswith(("011", "012"))]
RENDERED = ROOT / "tests" / "fixtures" / "rendered"
RENDERS = sorted(p.stem for p in RENDERED.glob("*.pdf"))

_CACHE: dict[str, RawDocument] = {}


def raw_of(name: str) -> RawDocument:
    if name not in _CACHE:
        _CACHE[name] = read_pdf(REAL / name, ocr=False)
    return _CACHE[name]


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def region(raw: RawDocument, name: str) -> list[str]:
    return [nfc(b.text) for b in raw.blocks if b.region == name and b.text]


def number_line_re(number: str, symbol: str) -> re.Pattern[str]:
    return re.compile(rf"^Số\s*:\s*{re.escape(number)}\s*/\s*{re.escape(symbol)}$")


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_reads_without_error_with_provenance(name: str) -> None:
    raw = raw_of(name)
    assert raw.format == "pdf" and raw.pages and raw.pages >= 1
    texts = [b for b in raw.blocks if b.text.strip()]
    assert len(texts) > 20
    for b in raw.blocks:
        assert b.page is not None and 1 <= b.page <= raw.pages
        assert raw.raw[b.start:b.end] == b.text
    if not name.startswith(("011", "012")):
        assert not raw.warnings
    else:  # fonts without a Unicode map: every page recovered from the glyph shapes, none left garbled
        assert raw.meta["font_recovered_pages"] == list(range(1, raw.pages + 1))
        assert not raw.meta["garbled_pages"] and any("recovered" in w for w in raw.warnings)


@pytest.mark.parametrize("name", [*READABLE, BORN_DIGITAL[1]])
def test_header_number_and_place_date_are_separate_lines(name: str) -> None:
    g = gold(name)
    raw = raw_of(name)
    left, right = region(raw, "header-left"), region(raw, "header-right")
    number = number_line_re(g["number"], g["symbol"])
    assert any(number.match(t) for t in left), left
    day, month, year = (int(x) for x in g["issue_date"].split("-")[::-1])
    date = re.compile(rf"^{re.escape(g['place'])}, ngày\s*0?{day}\s*tháng\s*0?{month}\s*năm {year}$")
    assert any(date.match(t) for t in right), right
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t for t in right)
    # nothing of one column leaks into the other
    head = left[: next((i for i, t in enumerate(left) if t.startswith("V/v")), len(left))]
    assert not any("CỘNG HÒA" in t or "ngày" in t for t in head)
    assert not any(t.startswith("Số") for t in right)


def test_hanoi_header_exact_lines() -> None:
    """The issue's example: the number stamped in a signature widget joins its line."""
    name = BORN_DIGITAL[0]
    raw = raw_of(name)
    assert region(raw, "header-left") == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "Số:173 /KH-UBND"]
    assert region(raw, "header-right")[-1] == "Hà Nội, ngày 28 tháng 4 năm 2026"
    doc = read(REAL / name)
    lines = [nfc(x) for x in doc.text.split("\n")]
    assert any(number_line_re("173", "KH-UBND").match(x.strip()) for x in lines)
    assert "Hà Nội, ngày 28 tháng 4 năm 2026" in [x.strip() for x in lines]


@pytest.mark.parametrize("name", READABLE)
def test_closing_recipients_and_signature_not_interleaved(name: str) -> None:
    g = gold(name)
    raw = raw_of(name)
    left, right = region(raw, "closing-left"), region(raw, "closing-right")
    assert left and left[0].startswith("Nơi nhận")
    joined_left = " ".join(left)
    # the signer's name is on the right, alone on its line, and never on the left
    assert g["signer"]["name"] in right
    assert g["signer"]["name"] not in joined_left
    assert not any(t.startswith("-") for t in right)
    # every gold recipient of the Nơi nhận list is on the left (items may wrap)
    flat = re.sub(r"\s+", " ", joined_left)
    listed = [r for r in g["recipients"] if re.sub(r"\s+", " ", r) in flat]
    assert len(listed) >= 2, (g["recipients"], left)
    # the signature block comes after the whole list
    pos = [b.region for b in raw.blocks if b.region in ("closing-left", "closing-right")]
    assert pos == sorted(pos)


def test_tables_come_out_as_cells() -> None:
    raw = raw_of("024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf")
    cells = [b for b in raw.blocks if b.kind == "cell"]
    assert cells and all(b.table is not None and b.row is not None and b.col is not None for b in cells)
    first = [b for b in cells if b.table == 0]
    header = [nfc(b.text) for b in first if b.row == 0]
    assert header[:3] == ["STT", "STT (QĐ 2839 ngày 21/07/ 2026)", "Tên công trình"]
    row = {b.col: nfc(b.text) for b in first if b.row == 2}
    assert row[2] == "IaLy" and row[3] == "Công ty Thủy điện Ialy"
    doc = read(REAL / "024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf")
    assert doc.tables and doc.tables[0].page == 3
    # table text never shows up as body lines
    assert not any(b.kind == "line" and b.text.startswith("Công ty Thủy điện") for b in raw.blocks)


def test_garbled_table_page_is_still_found_as_a_table() -> None:
    raw = raw_of("012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf")
    pages = {b.page for b in raw.blocks if b.kind == "cell"}
    assert 4 in pages


def test_highlight_rectangles_are_not_tables() -> None:
    raw = raw_of("022_kh-115-snnmt-gialai-thuc-hien-chi-thi-7883-bnnmt.pdf")
    assert not [b for b in raw.blocks if b.kind == "cell"]


def test_page_numbers_and_blank_paragraph_breaks() -> None:
    raw = raw_of(BORN_DIGITAL[0])
    heads = [b for b in raw.blocks if b.kind == "page-header"]
    assert [b.text for b in heads][:3] == ["2", "3", "4"] and all(b.text == str(b.page) for b in heads)
    kinds = [b.kind for b in raw.blocks]
    assert "blank" in kinds and kinds.count("blank") < kinds.count("line")
    # a wrapped sentence is not broken by a blank block
    texts = [b.text for b in raw.blocks]
    i = texts.index("Thực hiện Nghị quyết số 02-NQ/TW ngày 17/3/2026 của Bộ Chính trị về Xây")
    assert raw.blocks[i + 1].text.startswith("dựng và phát triển") and raw.blocks[i + 1].kind == "line"


def test_split_diacritics_stay_with_their_letter() -> None:
    raw = raw_of("024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf")
    for b in raw.blocks:
        assert not re.search(r"\s[\u0300-\u036f]", b.text), b.text
    assert "UBND TỈNH GIA LAI" in region(raw, "header-left")


def test_read_raw_dispatches_to_pdf() -> None:
    raw = read_raw(REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf")
    assert raw.format == "pdf" and raw.pages == 2


# ---------------------------------------------------------------- damaged inputs


@pytest.mark.parametrize("keep", [0.01, 0.1])
def test_truncated_pdf_raises_corrupt(tmp_path: Path, keep: float) -> None:
    data = (REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf").read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptFileError) as err:
        read_raw(bad)
    assert "cut.pdf" in str(err.value) and "\n" not in str(err.value)


def test_half_truncated_pdf_reads_with_warning(tmp_path: Path) -> None:
    data = (REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf").read_bytes()
    bad = tmp_path / "half.pdf"
    bad.write_bytes(data[: len(data) // 2])
    raw = read_pdf(bad, ocr=False)
    assert any("truncated" in w for w in raw.warnings)


def test_garbage_after_pdf_magic_raises_corrupt(tmp_path: Path) -> None:
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"not a pdf body\n" * 50)
    with pytest.raises(CorruptFileError, match="junk.pdf"):
        read_raw(bad)


def test_encrypted_pdf_raises_encrypted(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")  # test-only dependency
    writer = pypdf.PdfWriter(clone_from=str(REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf"))
    writer.encrypt("mật-khẩu")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedFileError) as err:
        read_raw(locked)
    assert "locked.pdf" in str(err.value) and "mật khẩu" in str(err.value)


def test_owner_password_only_pdf_reads(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf"))
    writer.encrypt("", "owner")
    p = tmp_path / "owner.pdf"
    with open(p, "wb") as fh:
        writer.write(fh)
    assert "Số: 1074/QĐ-BXD" in region(read_pdf(p, ocr=False), "header-left")


# ---------------------------------------------------------------- layout helpers


def _g(text: str, x0: float, y: float, w: float = 6.0, h: float = 12.0) -> list[Glyph]:
    out, x = [], x0
    for ch in text:
        if ch != " ":
            out.append(Glyph(ch, x, x + w, y, y + h))
        x += w
    return out


def test_lines_from_glyphs_keeps_combining_marks_on_their_base() -> None:
    g = _g("TI", 100, 700)
    mark = Glyph("\u0309", 106, 110, 712, 716)  # hook above drawn as its own run, after the I
    g.insert(2, mark)
    g += _g("NH", 112, 700)
    assert nfc(lines_from_glyphs(g)[0].text) == "TỈNH"


@pytest.mark.parametrize(
    "spans, lo, hi, expected",
    [([(100, 228), (260, 530)], 150, 450, 244.0), ([(100, 400), (300, 530)], 150, 450, None)],
)
def test_find_gutter(spans, lo, hi, expected) -> None:
    assert find_gutter(spans, lo, hi) == expected


def test_find_tables_merged_header_cell() -> None:
    h = [(100, 0, 300), (80, 100, 300), (60, 0, 300)]
    v = [(0, 60, 100), (100, 60, 100), (200, 60, 80), (300, 60, 100)]
    t = find_tables(h, v)[0]
    assert sorted((r, c) for r, c, *_ in t.cells) == [(0, 0), (0, 1), (1, 1), (1, 2)]


def test_paragraph_breaks_on_short_line_and_indent() -> None:
    lines = [
        Line("Thực hiện Nghị quyết số 02-NQ/TW", 114, 539, 600, 612),
        Line("dựng và phát triển Thủ đô", 85, 539, 584, 596),
        Line("cụ thể như sau:", 85, 300, 568, 580),
        Line("I. MỤC ĐÍCH", 114, 539, 552, 564),
        Line("tiếp theo", 85, 539, 536, 548),
    ]
    assert paragraph_breaks(lines) == {3}


@pytest.mark.parametrize("text, garbled", [("Số: 173/KH-UBND", False), ("6Ӣ C‘NG 7+ѬѪ1* ĈӝF OұS", True)])
def test_garbled_ratio(text: str, garbled: bool) -> None:
    assert (garbled_ratio(text) > 0.08) is garbled


# ---------------------------------------------------------------- header and closing bands of LibreOffice renders


def rendered(stem: str) -> RawDocument:
    key = f"rendered/{stem}"
    if key not in _CACHE:
        _CACHE[key] = read_pdf(RENDERED / f"{stem}.pdf", ocr=False)
    return _CACHE[key]


def spaced(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts]


@pytest.mark.parametrize(
    "stem, left, right",
    [
        # no Quốc hiệu: the band is found from Số / Tiêu ngữ / the date line; "… năm" + "2023" is one cell
        ("001_ecb0919ea9de4c11", ["Số: /KH-UBND"], ["Độc lập - Tự do - Hạnh phúc", "Si Ma Cai, ngày tháng 9 năm 2023"]),
        # Số and the date line on one text line
        ("000_28b0c8e4ade0a855", ["Số: /KH-UBND"], ["Hoà Xá, ngày tháng năm 2025"]),
    ],
)
def test_header_band_without_quoc_hieu(stem: str, left: list[str], right: list[str]) -> None:
    raw = rendered(stem)
    assert spaced(region(raw, "header-left")) == left
    assert spaced(region(raw, "header-right")) == right


@pytest.mark.parametrize("stem", ["002_968b6796712df7a0", "003_ccd8d4cb88100caa", "004_1d908d2fd900364c"])
def test_no_header_band_without_markers(stem: str) -> None:
    raw = rendered(stem)
    assert not region(raw, "header-left") and not region(raw, "header-right")
    assert nfc(raw.blocks[0].text) == "KẾ HOẠCH"


def test_closing_on_one_line_splits_at_the_gutter() -> None:
    raw = rendered("001_ecb0919ea9de4c11")
    left, right = region(raw, "closing-left"), region(raw, "closing-right")
    assert left[:3] == ["Nơi nhận:", "- TT HU, HĐND, UBND huyện;", "- Các cơ quan, đơn vị;"]
    assert left[-1] == "- Lưu: VT."
    assert right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lưu Đình Hạnh"]
    pos = [b.region for b in raw.blocks if b.region in ("closing-left", "closing-right")]
    assert pos == sorted(pos)


@pytest.mark.parametrize("stem", RENDERS)
def test_closing_list_then_signature(stem: str) -> None:
    """Every render: the whole Nơi nhận list (left), then the signature block ending with the signer."""
    raw = rendered(stem)
    left, right = region(raw, "closing-left"), region(raw, "closing-right")
    g = json.loads((RENDERED / "gold" / f"{stem}.pdf.json").read_text(encoding="utf-8"))
    assert left[0] == "Nơi nhận:" and g["signer"]["name"] in right
    flat = re.sub(r"\s+", " ", " ".join(left))
    assert all(re.sub(r"\s+", " ", r) in flat for r in g["recipients"]), (g["recipients"], left)
    pos = [b.region for b in raw.blocks if b.region in ("closing-left", "closing-right")]
    assert pos == sorted(pos)  # a band cut by a page break is put back together


@pytest.mark.parametrize("stem", RENDERS)
def test_render_reads_like_its_docx(stem: str) -> None:
    """The normalised text of the PDF render has the paragraphs of the DOCX render."""
    pdf = [x.strip() for x in read(RENDERED / f"{stem}.pdf").text.split("\n") if x.strip()]
    docx = [x.strip() for x in read(RENDERED / f"{stem}.docx").text.split("\n") if x.strip()]
    same = len(set(pdf) & set(docx))
    assert same >= 0.85 * len(set(docx)), sorted(set(docx) - set(pdf))[:10]


def test_line_end_hyphen_is_kept() -> None:
    """pdfium's U+FFFE at a line end is a real hyphen: ``168/KH-`` + ``SGD&ĐT``."""
    doc = read(RENDERED / "001_ecb0919ea9de4c11.pdf")
    assert "Kế hoạch số 168/KH-SGD&ĐT ngày 15/9/2023" in doc.text
    assert "\ufffe" not in doc.raw.raw


# ---------------------------------------------------------------- fonts without a Unicode map (011, 012)


def test_recovered_fonts_read_the_header_without_ocr() -> None:
    raw = read_pdf(REAL / BORN_DIGITAL[1])  # OCR allowed, not needed
    assert not raw.ocr_used and not raw.needs_ocr
    assert region(raw, "header-left") == ["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Số: 1050 /QĐ-SCT"]
    assert region(raw, "header-right") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày 06 tháng 3 năm 2026",
    ]


@pytest.mark.parametrize("name", BORN_DIGITAL[1:3])
def test_recovered_text_matches_the_clean_copy(name: str) -> None:
    """Word recall against the pdftotext copy of the same PDF (99.5 % / 99.0 % measured)."""
    from collections import Counter

    clean = (REAL / name.replace(name[:3], name[:3] + "b", 1).replace(".pdf", ".pdftotext.txt")).read_text(encoding="utf-8")
    got, ref = Counter(nfc(raw_of(name).raw).split()), Counter(nfc(clean).split())
    assert sum((got & ref).values()) >= 0.98 * sum(ref.values())


def test_recovered_table_cells_have_real_text() -> None:
    raw = raw_of("012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf")
    header = [nfc(b.text) for b in raw.blocks if b.kind == "cell" and b.table == 0 and b.row == 0]
    assert header[:3] == ["TT", "Tên đơn vị được kiểm tra", "Đối tượng kiểm tra"]


# ---------------------------------------------------------------- band helpers


def test_gutter_needs_text_on_both_sides() -> None:
    # the empty margin right of the signature (396–428) is wider than the gutter (278–306)
    assert find_gutter([(90, 278), (306, 396)], 183, 428) == 292.0


def test_join_wrapped_only_joins_a_lowercase_or_digit_tail() -> None:
    from vnplan.read.pdf_bands import join_wrapped

    lines = [
        Line("Độc lập - Tự do - Hạnh phúc", 306, 456, 706, 717),
        Line("Si Ma Cai, ngày tháng 9 năm", 306, 487, 689, 700),
        Line("2023", 306, 332, 671, 682),
        Line("KẾ HOẠCH", 306, 372, 640, 651),
    ]
    assert [ln.text for ln in join_wrapped(lines)] == [
        "Độc lập - Tự do - Hạnh phúc", "Si Ma Cai, ngày tháng 9 năm 2023", "KẾ HOẠCH",
    ]


def test_ragged_line_is_not_a_paragraph_end_when_the_next_word_did_not_fit() -> None:
    lines = [
        Line("bàn tỉnh với Ủy ban nhân dân tỉnh, Bộ Giáo dục và Đào tạo trước ngày", 90, 460, 600, 612),
        Line("20/10/2025.", 90, 150, 584, 596),
        Line("Tổ chức các hoạt động của Tuần lễ đảm bảo thiết thực, hiệu quả, phù hợp", 90, 522, 568, 580),
        Line("ngành, các tổ chức.", 90, 200, 552, 564),
        Line("Tiếp theo là một đoạn khác", 90, 522, 536, 548),
    ]
    assert paragraph_breaks(lines) == {2, 4}


# --------------------------------------------------------------------------- numbers stamped on at signing

def test_stamped_number_and_day_join_their_lines() -> None:
    """012's e-signing stamped ``1105`` into ``Số:     /KH-ĐKT`` and ``10`` into the date; 011 its number
    into the ``Kèm theo`` line of the appendix: each piece is read inside its line, not at the page's end."""
    lines_012 = read(REAL / "012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf").text.splitlines()
    assert "Số: 1105/KH-ĐKT" in lines_012
    assert "Lào Cai, ngày 10 tháng 3 năm 2026" in lines_012
    assert not any(re.fullmatch(r"1105(\s+10)?", ln) for ln in lines_012)  # no stray "1105 10" line left
    kem_theo = [ln for ln in lines_012 if ln.startswith("(Kèm theo Kế hoạch số")]
    assert kem_theo and all("1105/KH-ĐKT" in ln for ln in kem_theo)
    text_011 = read(REAL / "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf").text
    assert "(Kèm theo Quyết định số: 1050/QĐ-SCT" in text_011


def test_stamp_join_leaves_columns_and_overlaps_alone() -> None:
    from vnplan.read.pdf_stamps import join_stamped

    def line(text: str, x: float, index: int, bottom: float = 700) -> Line:
        glyphs = [Glyph(c, x + 6 * k, x + 6 * k + 5, bottom, bottom + 10) for k, c in enumerate(text) if c != " "]
        return Line(text, x, x + 6 * len(text) - 1, bottom, bottom + 10, index, glyphs=glyphs)

    left, right = line("UBND TỈNH", 50, 0), line("CỘNG HÒA", 300, 1)  # two columns on one row
    assert [ln.text for ln in join_stamped([left, right], lambda ln: ln.glyphs)] == ["UBND TỈNH", "CỘNG HÒA"]
    host, over = line("Số: 12/KH", 100, 0), line("99", 106, 5)  # drawn over letters, not into a gap
    assert [ln.text for ln in join_stamped([host, over], lambda ln: ln.glyphs)] == ["Số: 12/KH", "99"]
    below = line("1105", 124, 6, bottom=650)  # another row
    assert len(join_stamped([host, below], lambda ln: ln.glyphs)) == 2
