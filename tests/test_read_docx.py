"""DOCX reading: body order, tables, text boxes, headers/footers, list numbering, errors."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from vnplan.errors import CorruptFileError, EmptyFileError, EncryptedFileError
from vnplan.read import read_raw
from vnplan.read.docx import format_number, read_docx

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
DOCX = sorted(REAL.glob("*.docx"))


def _doc(prefix: str) -> Path:
    return next(REAL.glob(prefix + "*.docx"))


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.name[:3])
def test_corpus_docx_reads(path: Path) -> None:
    raw = read_raw(path)
    assert raw.format == "docx" and len(raw.raw) > 500
    assert not re.search(r"\d{5,}\s*[^\W\d_]", raw.raw), "drawing offsets glued to text"
    header = [b for b in raw.blocks if (b.region or "").startswith("header")]
    closing = [b for b in raw.blocks if (b.region or "").startswith("closing")]
    assert any("CỘNG HÒA" in b.text.upper() or "CỘNG HOÀ" in b.text.upper() for b in header)
    assert closing and "Nơi nhận" in closing[0].text
    # column by column: every left cell before every right cell
    for blocks in (header, closing):
        sides = [b.region.rsplit("-", 1)[1] for b in blocks]
        assert sides == sorted(sides)


def test_006_number_line_is_clean_and_agency_lines_present() -> None:
    raw = read_raw(_doc("006"))
    number = [b for b in raw.blocks if "Số:" in b.text and b.region == "header-left"]
    assert len(number) == 1 and re.fullmatch(r"Số:\s*/KH-UBND", number[0].text.strip())
    assert "669290" not in raw.raw and "381000" not in raw.raw
    left = " ".join(b.text for b in raw.blocks if b.region == "header-left")
    assert "ỦY BAN NHÂN DÂN" in left and "TỈNH LÀO CAI" in left
    date = [b for b in raw.blocks if b.region == "header-right" and "ngày" in b.text]
    assert len(date) == 1 and "Lào Cai" in date[0].text
    assert raw.blocks.index(number[0]) < raw.blocks.index(date[0])


@pytest.mark.parametrize("prefix,columns", [
    ("006", ["Tên nhiệm vụ", "chủ trì", "phối hợp", "Thời gian"]),
    ("007", ["Nhiệm vụ", "Người thực hiện"]),
])
def test_task_tables_stay_tables_row_by_row(prefix: str, columns: list[str]) -> None:
    raw = read_raw(_doc(prefix))
    heads = [b for b in raw.blocks if b.kind == "cell" and b.row == 0 and b.region is None]
    table = next(t for t in {b.table for b in heads} if all(any(c in b.text for b in heads if b.table == t) for c in columns))
    cells = [b for b in raw.blocks if b.table == table]
    assert len({b.row for b in cells}) >= 9
    assert [(b.row, b.col) for b in cells] == sorted((b.row, b.col) for b in cells)


def test_070_draft_reads_header_body_and_closing() -> None:
    # 070 is a draft without task tables (its tasks are lettered paragraphs); check its parts instead.
    raw = read_raw(_doc("070"))
    assert raw.meta["tables"] == 2
    texts = [b.text for b in raw.blocks]
    assert any(t.startswith("III. NỘI DUNG") for t in texts)
    assert any("Lâm Đồng, ngày" in b.text for b in raw.blocks if b.region == "header-right")


def test_word_list_numbering_is_made_visible() -> None:
    # 007's task table numbers its rows with w:numPr: the cells hold no text of their own.
    path = _doc("007")
    table = docx.Document(str(path)).tables[2]
    assert [row.cells[0].text for row in table.rows][1:4] == ["", "", ""]
    raw = read_raw(path)
    first_col = [b.text for b in raw.blocks if b.table == 2 and b.col == 0]
    assert first_col == ["TT"] + [f"{k}." for k in range(1, 10)]


def _save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_style_numbering_levels_and_soft_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Mục đích", style="List Number")
    d.add_paragraph("Yêu cầu", style="List Number")
    p = d.add_paragraph("Số: 05/KH-UBND")
    p.add_run().add_break()
    p.add_run("Hà Nội, ngày 02 tháng 10 năm 2025")
    raw = read_docx(_save(d, tmp_path / "list.docx"))
    assert [b.text for b in raw.blocks] == ["1. Mục đích", "2. Yêu cầu", "Số: 05/KH-UBND", "Hà Nội, ngày 02 tháng 10 năm 2025"]
    assert [b.paragraph for b in raw.blocks] == [1, 2, 3, 3]
    assert {b.kind for b in raw.blocks} == {"paragraph"}


@pytest.mark.parametrize("n,fmt,expected", [(1, "decimal", "1"), (3, "lowerLetter", "c"), (4, "upperRoman", "IV"),
                                            (9, "lowerRoman", "ix"), (27, "lowerLetter", "aa"), (5, "decimalZero", "05")])
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')
_ANCHORED = f"""<w:p {_NS}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>
<wp:positionH relativeFrom="column"><wp:posOffset>669290</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>381000</wp:posOffset></wp:positionV>
<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>
</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>
<w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r><w:r><w:t>Số:</w:t></w:r><w:r><w:t xml:space="preserve"> 12/KH-UBND</w:t></w:r></w:p>"""


def test_text_box_read_once_without_anchor_offsets(tmp_path: Path) -> None:
    d = docx.Document()
    d.element.body.insert(0, parse_xml(_ANCHORED))
    raw = read_docx(_save(d, tmp_path / "box.docx"))
    assert [(b.kind, b.text) for b in raw.blocks] == [("paragraph", "Số: 12/KH-UBND"), ("textbox", "ỦY BAN NHÂN DÂN")]


def test_headers_footers_and_page_fields(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    section = d.sections[0]
    section.header.paragraphs[0].text = "UBND TỈNH LÀO CAI"
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer._p.append(parse_xml(f'<w:fldSimple {_NS} w:instr="PAGE"><w:r><w:t>15</w:t></w:r></w:fldSimple>'))
    raw = read_docx(_save(d, tmp_path / "hf.docx"))
    assert [(b.kind, b.text) for b in raw.blocks] == [
        ("page-header", "UBND TỈNH LÀO CAI"), ("paragraph", "KẾ HOẠCH"), ("page-footer", "Trang")
    ]


def test_footnotes_come_after_the_body() -> None:
    raw = read_raw(_doc("006"))
    notes = [b for b in raw.blocks if b.region == "footnote"]
    assert notes and notes[0].text.startswith("[1] Đặc biệt: Luật Địa chất và khoáng sản")
    assert raw.blocks.index(notes[0]) > max(i for i, b in enumerate(raw.blocks) if b.kind == "cell")


def test_corrupt_docx(tmp_path: Path) -> None:
    good = _doc("069").read_bytes()
    path = tmp_path / "broken.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(CorruptFileError, match="broken.docx"):
        read_docx(path)
    with pytest.raises(CorruptFileError, match="broken.docx"):
        read_raw(path)


def test_docx_with_damaged_xml(tmp_path: Path) -> None:
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(_doc("069")) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(CorruptFileError, match="badxml.docx"):
        read_docx(path)


def test_docx_without_text(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("   ")
    d.add_table(rows=2, cols=2)
    path = _save(d, tmp_path / "blank.docx")
    with pytest.raises(EmptyFileError, match="blank.docx"):
        read_docx(path)


def test_encrypted_docx(tmp_path: Path) -> None:
    # What Word writes for a password-protected .docx: an OLE container holding "EncryptedPackage".
    path = tmp_path / "secret.docx"
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016 + entry + b"\0" * 2048)
    with pytest.raises(EncryptedFileError, match="secret.docx") as info:
        read_docx(path)
    assert "\n" not in str(info.value)
