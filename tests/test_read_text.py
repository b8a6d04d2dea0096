"""Text and markdown reading: encodings, one block per line, pipe tables, header reading order."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from vnplan import read
from vnplan.errors import EmptyFileError
from vnplan.normalize.legacy import convert_legacy, encode_legacy
from vnplan.read.markdown import join_cell_lines, split_cell_text, table_role
from vnplan.read.text import blocks_from_string, decode, read_text, utf16_without_bom

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
SEED = ROOT / "corpus" / "seeds" / "000_28b0c8e4ade0a855.txt"


def _real(prefix: str) -> Path:
    return next(REAL.glob(prefix + "*.md.txt"))


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed base letters (ă â ê ô ơ ư đ) plus combining tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            shape = [m for m in decomposed[1:] if m in "\u0302\u0306\u031b"]
            tones = [m for m in decomposed[1:] if m not in shape]
            out += (unicodedata.normalize("NFC", decomposed[0] + "".join(shape)) + "".join(tones)).encode("cp1258")
    return bytes(out)


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "cp1258": _cp1258,
}


@pytest.mark.parametrize("name", list(ENCODERS))
def test_encodings_decode_identically(tmp_path: Path, name: str) -> None:
    text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    path = tmp_path / f"seed-{name}.txt"
    path.write_bytes(ENCODERS[name](text))
    raw = read_text(path)
    assert raw.raw == blocks_from_string(text).raw
    assert raw.meta["encoding"] == name
    assert "legacy" not in raw.meta


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_files_are_decoded_for_the_normaliser(tmp_path: Path, encoding: str) -> None:
    text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(encode_legacy(text, encoding).encode("cp1252"))  # “ ” – as Windows wrote them
    raw = read_text(path)
    assert raw.meta["legacy"] == encoding
    assert raw.meta["encoding"] == "cp1252"
    assert convert_legacy(raw.raw, encoding)[0].lower() == blocks_from_string(text).raw.lower()


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Số: 05/KH-UBND, Hà Nội".encode("utf-16-le"), "utf-16-le"),
        ("KẾ HOẠCH tổ chức".encode("utf-16-be"), "utf-16-be"),
        ("Số: 05/KH-UBND".encode(), None),
        (bytes(range(256)), None),
    ],
)
def test_utf16_without_bom(data: bytes, expected: str | None) -> None:
    assert utf16_without_bom(data) == expected


def test_every_line_is_a_block_with_its_line_number() -> None:
    raw = read_text(SEED)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert [b.text for b in raw.blocks] == lines
    assert [b.paragraph for b in raw.blocks] == list(range(1, len(lines) + 1))
    assert {b.kind for b in raw.blocks} == {"line"}


def test_blank_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(EmptyFileError, match="blank.txt"):
        read_text(path)


def test_decode_keeps_public_signature() -> None:
    assert decode("Hà Nội".encode(), "a.txt") == ("Hà Nội", "utf-8")


HEADER_DOCS = ["036", "039", "040", "042", "046", "050", "052", "058", "063", "084", "089"]


@pytest.mark.parametrize("prefix", HEADER_DOCS)
def test_header_table_is_read_column_by_column(prefix: str) -> None:
    raw = read_text(_real(prefix))
    header = [b for b in raw.blocks if (b.region or "").startswith("header")]
    sides = [b.region for b in header]
    assert sides == sorted(sides, key=lambda s: s != "header-left"), "all left cells come before the right ones"
    number = [b for b in header if re.match(r"Số:\s*\S", b.text)]
    dates = [b for b in header if "ngày" in b.text]
    assert len(number) == 1 and number[0].region == "header-left"
    assert "ngày" not in number[0].text
    assert len(dates) == 1 and dates[0].region == "header-right"
    assert any("CỘNG HÒA" in b.text for b in header if b.region == "header-right")


@pytest.mark.parametrize("prefix", HEADER_DOCS)
def test_closing_table_keeps_recipients_and_signature_apart(prefix: str) -> None:
    raw = read_text(_real(prefix))
    left = [b.text for b in raw.blocks if b.region == "closing-left"]
    right = [b.text for b in raw.blocks if b.region == "closing-right"]
    assert "Nơi nhận" in left[0]
    assert right and not any("Nơi nhận" in t for t in right)
    assert all(t.lstrip("*").startswith(("-", "+", "Nơi nhận")) for t in left[1:])


def test_046_number_and_place_date_are_separate_lines() -> None:
    doc = read(_real("046"))
    lines = [ln.strip() for ln in doc.text.splitlines()]
    number = [ln for ln in lines if "174/KH-UBND" in ln]
    place = [ln for ln in lines if "ngày 18 tháng 11 năm 2025" in ln]
    assert len(number) == 1 and "Số:" in number[0] and "ngày" not in number[0]
    assert len(place) == 1 and "Thành phố Hồ Chí Minh" in place[0] and "174" not in place[0]
    raw = read_text(_real("046"))
    texts = [b.text for b in raw.blocks]
    assert texts.index("Số: 174/KH-UBND") < texts.index("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**")


def test_separator_rows_and_pipe_lines_are_dropped() -> None:
    for prefix in ("036", "046"):
        raw = read_text(_real(prefix))
        assert not any(re.fullmatch(r"[\s|:-]*\|[\s|:-]*", b.text) for b in raw.blocks)


def test_data_table_stays_row_by_row() -> None:
    raw = read_text(_real("058"))
    cells = [b for b in raw.blocks if b.kind == "cell" and b.region is None]
    header = next(b for b in cells if "Nội dung thực" in b.text)
    table = [b for b in cells if b.table == header.table]
    assert [(b.row, b.col) for b in table] == sorted((b.row, b.col) for b in table)
    first_row = [b.text for b in table if b.row == 0]
    assert any("Cơ quan chủ trì" in t for t in first_row) and any("phối hợp" in t for t in first_row)
    # the page's boilerplate metadata table is not glued to the document header
    assert not any("Đang tải" in b.text for b in raw.blocks if (b.region or "").startswith("header"))


def test_single_line_rows_become_cells() -> None:
    raw = blocks_from_string("| Số: 05/KH-UBND | Hà Nội, ngày 02/10/2025 |\n|---|---|\nKẾ HOẠCH")
    assert [(b.kind, b.table, b.row, b.col) for b in raw.blocks] == [
        ("cell", 0, 0, 0), ("cell", 0, 0, 1), ("line", None, None, None)
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ỦY BAN NHÂN DÂN TỈNH SƠN LA -------", ["ỦY BAN NHÂN DÂN TỈNH SƠN LA", "-------"]),
        ("Số: 2214/BXD-QLN V/v: Hỗ trợ người có công", ["Số: 2214/BXD-QLN", "V/v: Hỗ trợ người có công"]),
        ("Nơi nhận: - Như trên; - Lưu: VT, QLN (2b)", ["Nơi nhận:", "- Như trên;", "- Lưu: VT, QLN (2b)"]),
        ("CHỦ TỊCH Hoàng Quốc Khánh", ["CHỦ TỊCH", "Hoàng Quốc Khánh"]),
        ("A<br>B", ["A", "B"]),
        ("Độc lập - Tự do - Hạnh phúc", ["Độc lập - Tự do - Hạnh phúc"]),
    ],
)
def test_split_cell_text(text: str, expected: list[str]) -> None:
    assert split_cell_text(text) == expected


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["**ỦY BAN NHÂN", "DÂN **", "THÀNH PHỐ HỒ CHÍ MINH"], ["**ỦY BAN NHÂN DÂN **", "THÀNH PHỐ HỒ CHÍ MINH"]),
        (["- Ban Thi đua - Khen thưởng Trung ương", "(b/c);", "- CT, PCT UBND tỉnh;"],
         ["- Ban Thi đua - Khen thưởng Trung ương (b/c);", "- CT, PCT UBND tỉnh;"]),
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"]),
    ],
)
def test_join_cell_lines(lines: list[str], expected: list[str]) -> None:
    assert [t for _, t in join_cell_lines(list(enumerate(lines, 1)))] == expected


@pytest.mark.parametrize(
    "grid,role",
    [
        ([["BỘ XÂY DỰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 2214/BXD-QLN", "Hà Nội, ngày 23 tháng 10 năm 2013"]], "header"),
        ([["Nơi nhận: - Như trên;", "KT. BỘ TRƯỞNG THỨ TRƯỞNG"]], "closing"),
        ([["Kính gửi:", "- Bộ Tài chính;"]], None),
        ([["TT", "Nhiệm vụ", "Cơ quan chủ trì"], ["1", "Rà soát", "Sở Tài chính"]], None),
    ],
)
def test_table_role(grid: list[list[str]], role: str | None) -> None:
    assert table_role(grid) == role
