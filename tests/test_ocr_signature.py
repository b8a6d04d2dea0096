"""The second OCR pass over a scan's signature block (seal and handwriting over the text)."""
from __future__ import annotations

from pathlib import Path

import pytest

from vnplan.read import ocr_signature as ocr_mod
from vnplan.read.ocr_page import OcrWord
from vnplan.read.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
from conftest import SCAN_1, SCAN_5, needs_tesseract, nfc  # noqa: E402


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "authority"),
        ("TM. ỦY BAN NHÂN DÂN", "authority"),
        ("T/M. ĐOÀN KIỂM TRA", "authority"),
        ("PHÓ CHỦ TỊCH", "position"),
        ("THỨ TRƯỞNG", "position"),
        ("VÀ PHÁT TRIỂN NÔNG THÔN", "upper"),
        ("Phạm Mạnh Cường", "name"),
        ("Thượng tướng Nguyễn Văn Long", "name"),
        ("đê các Bộ, cơ quan biết, thực hiện./.", None),
        ("Øf ÝY Tà", None),  # seal emblem read as letters
        ("HN Na RẺ", None),
        ("anh Cường", None),
    ],
)
def test_line_role(line: str, role: str | None) -> None:
    assert ocr_mod.line_role(line) == role


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("| N Pham Mạnh Cường", "Phạm Mạnh Cường"),  # the family name's lost tone restored (one surname fits)
        ("—_ THỨ TRƯỞNG", "THỨ TRƯỞNG"),
        ("Thưởng tướng Nguyễn Văn Long", "Thượng tướng Nguyễn Văn Long"),
        ("KT.BỘ TRƯỞNG", "KT.BỘ TRƯỞNG"),
        ("` ` ,", ""),
    ],
)
def test_clean_signature_line(raw: str, clean: str) -> None:
    assert ocr_mod.clean_signature_line(raw) == clean


def test_quality_needs_title_and_name() -> None:
    assert ocr_mod.signature_quality(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phan Trung Bá"]) == 2
    assert ocr_mod.signature_quality(["KT. CHỦ TỊCH"]) == 1
    assert ocr_mod.signature_quality(["Phan Trung Bá"]) == 1


def test_region_is_right_of_noi_nhan() -> None:
    w = lambda text, left, top, line: OcrWord(text, left, top, 80, 40, 90.0, line)  # noqa: E731
    words = [
        w("Văn", 300, 1000, (1, 1, 1)), w("bản", 400, 1000, (1, 1, 1)), w("này", 2000, 1000, (1, 1, 1)),
        w("Nơi", 300, 1200, (2, 1, 1)), w("nhận:", 390, 1200, (2, 1, 1)), w("KT.", 1500, 1200, (2, 1, 1)),
        w("-", 300, 1260, (2, 1, 2)), w("Như", 340, 1260, (2, 1, 2)), w("trên;", 430, 1260, (2, 1, 2)),
    ]
    box, gutter, body = ocr_mod.signature_region(words, 2500, 3500)
    assert 0.4 * 2500 <= gutter <= 0.62 * 2500
    assert box[1] > 1000 + 40 and box[3] == 3500  # below the body line, to the page's end
    sig = ocr_mod.SignatureRead(("KT. CHỦ TỊCH",), box, gutter)
    assert [x.text for x in words if sig.covers(x, body)] == ["KT."]
    assert ocr_mod.signature_region(words[:3], 2500, 3500) is None  # no Nơi nhận


def _closing(raw) -> tuple[list[str], list[str]]:
    left = [nfc(b.text) for b in raw.blocks if b.region == "closing-left" and b.text]
    right = [nfc(b.text) for b in raw.blocks if b.region == "closing-right"]
    return left, right


@pytest.mark.ocr
@needs_tesseract
@pytest.mark.parametrize(
    ("path", "authority", "name"),
    [
        (SCAN_1, "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "Phạm Mạnh Cường"),
        (SCAN_5, "KT.BỘ TRƯỞNG", "Nguyễn Văn Long"),
    ],
)
def test_scan_signature_block(path: Path, authority: str, name: str) -> None:
    raw = read_pdf(path)
    left, right = _closing(raw)
    assert left and left[0].startswith("Nơi nhận")
    assert right[0] == authority
    assert right[-1].endswith(name)
    blocks = [b for b in raw.blocks if b.region in ("closing-left", "closing-right")]
    first_right = next(k for k, b in enumerate(blocks) if b.region == "closing-right")
    assert all(b.region == "closing-right" for b in blocks[first_right:])  # Nơi nhận first, then the signature


@pytest.mark.ocr
@needs_tesseract
def test_scan_5_list_stays_whole() -> None:
    left, right = _closing(read_pdf(SCAN_5))
    assert any(x.startswith("- Lưu") for x in left)
    assert "THỨ TRƯỞNG" in right
