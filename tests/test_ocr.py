"""OCR of the scanned PDFs (Tesseract ``vie``), the needs_ocr path and the repair table."""
from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from vnplan.normalize.ocr_repair import load_rules, repair_ocr, years_in
from vnplan.read import cache
from vnplan.read import ocr_page as ocr_mod
from vnplan.read import read, read_raw
from vnplan.read.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
GOLD = ROOT / "corpus" / "gold"
from conftest import SCAN_1, SCAN_5, needs_tesseract, nfc  # noqa: E402


def gold(path: Path) -> dict:
    return json.loads((GOLD / f"{path.name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scan_1():
    return read_pdf(SCAN_1)


@pytest.fixture(scope="module")
def scan_5():
    return read_pdf(SCAN_5)


# ---------------------------------------------------------------- real scans


@pytest.mark.ocr
@needs_tesseract
def test_scan_3722_reads_as_vietnamese(scan_1) -> None:
    g = gold(SCAN_1)
    raw = scan_1
    assert raw.ocr_used and not raw.needs_ocr and raw.meta["image_pages"] == [1]
    text = nfc(raw.raw)
    assert g["number"] == "3722" and "3722/VPCP-CN" in text
    assert "VĂN PHÒNG CHÍNH PHỦ" in text
    assert "Kính gửi" in text and "Nơi nhận" in text
    assert g["signer"]["name"] in text  # "Phạm Mạnh Cường" (also listed under Nơi nhận)
    assert all(b.page == 1 for b in raw.blocks)


@pytest.mark.ocr
@needs_tesseract
def test_scan_3722_header_columns(scan_1) -> None:
    left = [nfc(b.text) for b in scan_1.blocks if b.region == "header-left"]
    right = [nfc(b.text) for b in scan_1.blocks if b.region == "header-right"]
    assert "Số: 3722/VPCP-CN" in left
    assert "Hà Nội, ngày 28 tháng 4 năm 2026" in right
    assert not any("CỘNG HOÀ" in t or "CỘNG HÒA" in t for t in left)


@pytest.mark.ocr
@needs_tesseract
def test_scan_4214_five_pages(scan_5) -> None:
    g = gold(SCAN_5)
    raw = scan_5
    assert raw.ocr_used and raw.pages == 5
    assert {b.page for b in raw.blocks} == {1, 2, 3, 4, 5}
    text = nfc(raw.raw)
    assert "4214/BCA-C04" in text and "BỘ CÔNG AN" in text and "Công an" in text
    assert "Chương trình mục tiêu quốc gia phòng, chống ma" in text
    assert "2925" not in text  # repaired year (OCR read 2025 as 2925)
    assert any("→" in r for r in raw.meta["ocr_repairs"])
    assert g["issuer"]["name"] == "Bộ Công an"


@pytest.mark.ocr
@needs_tesseract
def test_garbled_text_layer_falls_back_to_ocr() -> None:
    raw = read_pdf(REAL / "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf", recover_fonts=False)
    assert raw.ocr_used and raw.meta["garbled_pages"] == [1, 2, 3, 4]
    text = nfc(raw.raw)
    assert "SỞ CÔNG THƯƠNG" in text and "Lào Cai" in text and "1050" in text
    assert "Ӝ" not in text


# ---------------------------------------------------------------- without Tesseract


def test_image_only_without_tesseract_sets_needs_ocr(monkeypatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "tesseract" else real_which(name, *a, **k))
    raw = read_raw(SCAN_1)
    assert raw.needs_ocr and not raw.ocr_used and raw.blocks == []
    assert raw.warnings == ["image-only PDF: Tesseract (vie) not installed, text not read"]


def test_image_only_with_ocr_off_sets_needs_ocr() -> None:
    raw = read_pdf(SCAN_5, ocr=False)
    assert raw.needs_ocr and raw.blocks == [] and raw.meta["image_pages"] == [1, 2, 3, 4, 5]


def test_vie_data_missing_counts_as_unavailable(monkeypatch) -> None:
    monkeypatch.setattr(ocr_mod, "_langs", lambda binary: frozenset({"eng", "osd"}))
    assert ocr_mod.tesseract_available("vie") is None


# ---------------------------------------------------------------- cache


def _small_scan(tmp_path: Path) -> Path:
    """A one-page image-only PDF: the top of the 3722 scan, rendered and re-embedded."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(SCAN_1))
    image = src[0].render(scale=150 / 72, crop=(0, 600, 0, 0)).to_pil()
    out = pdfium.PdfDocument.new()
    w, h = image.size[0] * 72 / 150, image.size[1] * 72 / 150
    page = out.new_page(w, h)
    obj = pdfium.PdfImage.new(out)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    obj.set_matrix(pdfium.PdfMatrix().scale(w, h))
    page.insert_obj(obj)
    page.gen_content()
    path = tmp_path / "small-scan.pdf"
    out.save(str(path))
    return path


@pytest.mark.ocr
@needs_tesseract
def test_ocr_cache_is_reused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VNPLAN_CACHE", str(tmp_path / "cache"))
    pdf = _small_scan(tmp_path)
    first = read_pdf(pdf)
    assert first.ocr_used and "3722" in first.raw
    assert list((tmp_path / "cache" / "ocr").rglob("*.tsv"))

    def boom(*a, **k):
        raise AssertionError("tesseract must not run again")

    monkeypatch.setattr(ocr_mod, "ocr_image", boom)
    assert read_pdf(pdf).raw == first.raw


def test_cache_writes_are_atomic(tmp_path: Path) -> None:
    target = tmp_path / "ab" / "key.tsv"
    texts = [f"level\ttext\n{'x' * 20000}{i}\n" for i in range(8)]
    threads = [threading.Thread(target=cache.write_atomic, args=(target, t)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in target.parent.iterdir()] == ["key.tsv"]


# ---------------------------------------------------------------- repair table


RULES = load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.kind}:{r.pattern}" for r in RULES])
def test_confusion_table_examples(rule) -> None:
    fixed, repairs = repair_ocr(rule.example)
    assert fixed == rule.expected
    assert repairs


@pytest.mark.parametrize(
    "text, years, expected",
    [
        ("Kế hoạch năm 2625", [2025, 2025, 2026], "Kế hoạch năm 2025"),
        ("ngày 16/9/2925", [2025], "ngày 16/9/2025"),
        ("giai đoạn 2026 - 2630", [2026, 2030], "giai đoạn 2026 - 2030"),
        ("năm 2625", [], "năm 2025"),  # no other year known: 6 read for 0
        ("Mã số 2625 của công trình", [2025], "Mã số 2625 của công trình"),  # not a date: untouched
        ("năm 2026", [2025], "năm 2026"),
    ],
)
def test_implausible_years(text: str, years: list[int], expected: str) -> None:
    assert repair_ocr(text, years=years)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["Bộ Lao động - Thương binh và Xã hội", "Lực lượng vũ trang", "Tuần lễ hưởng ứng học tập suốt đời", "IaLy"],
)
def test_correct_text_is_left_alone(text: str) -> None:
    assert repair_ocr(text) == (text, [])


def test_repairs_keep_length_for_single_characters() -> None:
    text = "Ðồng Nai, năm 2625, nguồn tực"
    fixed, _ = repair_ocr(text)
    assert len(fixed) == len(text) and fixed == "Đồng Nai, năm 2025, nguồn lực"


def test_years_in_counts_dates() -> None:
    assert years_in("28/4/2026, năm 2026, 2030") == {2026: 2, 2030: 1}


# --------------------------------------------------------------------------- header second pass, lexicon repair

@needs_tesseract
def test_header_second_pass_reads_the_vv_line() -> None:
    """The page pass reads 004's small ``V/v`` as ``MAI``; the header pass re-reads the column."""
    text = read(SCAN_1).text
    assert "V/v cơ chế đặc thù xây dựng công trình" in text
    assert "MAI cơ chế" not in text


def test_header_line_choice_prefers_the_better_reading() -> None:
    from vnplan.read.ocr_page import OcrWord
    from vnplan.read.ocr_header import _choose_lines

    def words(text: str, top: int, key: tuple[int, int, int], left: int = 100) -> list[OcrWord]:
        out, x = [], left
        for t in text.split():
            out.append(OcrWord(t, x, top, 20 * len(t), 40, 90.0, key))
            x += 20 * len(t) + 15
        return out

    page = words("Số:4214/BCA-C04", 300, (2, 1, 1)) + words("MAI cơ chế đặc thù", 360, (2, 1, 2))
    again = words("Số:#214/BCA-C04", 302, (1001, 1, 1)) + words("V/v cơ chế đặc thù", 362, (1001, 1, 2))
    got = _choose_lines(page, again)
    by_line: dict = {}
    for w in sorted(got, key=lambda w: (w.line, w.left)):
        by_line.setdefault(w.line, []).append(w.text)
    assert [" ".join(v) for v in by_line.values()] == ["Số:4214/BCA-C04", "V/v cơ chế đặc thù"]


def test_lexicon_repair_hardly_touches_clean_text() -> None:
    """On every born-digital corpus text (80,398 words) the repair changes 4 words (one of them a real typo)."""
    from vnplan.normalize.ocr_lexicon import repair_syllables
    from vnplan.read import read

    from conftest import corpus_files

    changed: list[str] = []
    for path in corpus_files():
        if "scan" in path.name or path.name.startswith(("011_", "012_")):  # OCR'd or glyph-recovered text
            continue
        changed += repair_syllables(read(path, ocr=False).text)[1]
    assert len(changed) <= 6, changed
    assert "truyên→truyền" in changed


@needs_tesseract
def test_lexicon_repair_on_the_scan() -> None:
    text = read(SCAN_5).text
    assert "Chương trình mục tiêu quốc gia phòng" in text  # "` mục tiêu quôc gia" before
    assert "quôc" not in text and "nguôn" not in text


@pytest.mark.ocr
@needs_tesseract
def test_many_images_in_one_tesseract_run_read_as_each_alone() -> None:
    """Issue 11 speed: the signature lines are read by one Tesseract process; each reads as it did alone."""
    import dataclasses

    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(SCAN_1))[0]
    image = ocr_mod.render_gray(page, 300)
    strips = [image.crop((200, 300 + 90 * k, 2200, 400 + 90 * k)) for k in range(3)]
    pngs = [ocr_mod._png(s) for s in strips]
    settings = dataclasses.replace(ocr_mod.OcrSettings(), psm=7)
    binary = ocr_mod.tesseract_available("vie")
    together = ocr_mod.ocr_images(pngs, binary, settings)
    alone = [ocr_mod.ocr_image(png, binary, settings) for png in pngs]
    assert [ocr_mod.parse_tsv(t) for t in together] == [ocr_mod.parse_tsv(t) for t in alone]
