"""Every corpus file that reads is normalised with a valid offset map, and its key lines survive.

PDF/DOCX files go through their readers (OCR off: a scan reads as an empty,
``needs_ocr`` document).  A file that fails to read fails its test: every
corpus file has a reader (issue 13: read errors used to become skips).
"""
from __future__ import annotations

import itertools
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from vnplan.document import Document
from vnplan.read import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(p for d in ("seeds", "real") for p in (CORPUS / d).iterdir() if p.suffix in {".txt", ".pdf", ".docx"})

# lines that must appear, each on its own line, in the normalised text
KEY_LINES = {
    "000_28b0c8e4ade0a855.txt": ["Số: /KH-UBND", "Hoà Xá, ngày tháng năm 2025", "KẾ HOẠCH", "Nơi nhận:",
                                 "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Cường"],
    "001_ecb0919ea9de4c11.txt": ["Số: /KH-UBND", "Si Ma Cai, ngày tháng 9 năm 2023", "KẾ HOẠCH",
                                 "V. TỔ CHỨC THỰC HIỆN", "1. Phòng Giáo dục và Đào tạo", "KT. CHỦ TỊCH"],
    "002_968b6796712df7a0.txt": ["KẾ HOẠCH", "1. Mục đích, yêu cầu", "Nơi nhận:", "KT. CHỦ TỊCH"],
    "003_ccd8d4cb88100caa.txt": ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Nơi nhận:", "KT. CHỦ TỊCH"],
    "004_1d908d2fd900364c.txt": ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"],
    "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf": ["KẾ HOẠCH", "TM. ỦY BAN NHÂN DÂN"],
    "006_kh-ubnd-tinh-laocai-trien-khai-chi-thi-11-ct-tu-khoang-san.docx": ["Số: /KH-UBND", "TM. ỦY BAN NHÂN DÂN"],
    "007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx": ["Số: /KH-SCT", "KT. GIÁM ĐỐC"],
    "011b_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdftotext.txt": [
        "Số: 1050/QĐ-SCT", "Lào Cai, ngày 06 tháng 3 năm 2026", "QUYẾT ĐỊNH:", "Nơi nhận:"],
    "012b_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdftotext.txt": ["Số: 1105/KH-ĐKT", "KẾ HOẠCH"],
    "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf": ["Số: 1074/QĐ-BXD", "KT. BỘ TRƯỞNG"],
    "015_cv-7432-ubnd-tinh-laocai-trien-khai-qd-1074-bxd.pdf": ["Số: 7432/UBND-XD", "KT. CHỦ TỊCH"],
    "016_cv-5973-ubnd-tinh-laocai-tang-cuong-thanh-kiem-tra-khoang-san.pdftotext.txt": [
        "Số: 5973/UBND-KT", "Lào Cai, ngày 11 tháng 6 năm 2026", "Kính gửi:", "KT. CHỦ TỊCH"],
    "022_kh-115-snnmt-gialai-thuc-hien-chi-thi-7883-bnnmt.pdf": ["Số: 115/KH-SNNMT", "KẾ HOẠCH"],
    "024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf": ["Số: 8544/SNNMT-TNN", "KT. GIÁM ĐỐC"],
    "036_qd-254-ubnd-tinh-sonla-ban-hanh-kh-bao-ve-bmnn-2023.tvpl.md.txt": [
        "Số: 254/QĐ-UBND", "Sơn La, ngày 17 tháng 02 năm 2023", "QUYẾT ĐỊNH:", "KẾ HOẠCH"],
    "039_qd-22-2013-ttg-ho-tro-nguoi-co-cong-ve-nha-o.tvpl.md.txt": ["Số: 22/2013/QĐ-TTg", "Nơi nhận:"],
    "040_cv-2214-bxd-qln-ho-tro-nguoi-co-cong-nha-o.tvpl.md.txt": ["Số: 2214/BXD-QLN", "KT. BỘ TRƯỞNG"],
    "042_qd-3210-ubnd-tphcm-kh-trien-khai-tt-09-2013-bxd.tvpl.md.txt": [
        "Số: 3210/QĐ-UBND", "Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
        "Nguyễn Hữu Tín", "- Thủ tướng Chính phủ;"],
    "046_kh-174-ubnd-tphcm-thang-hanh-dong-binh-dang-gioi-2025.md.txt": [
        "Số: 174/KH-UBND", "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025", "KẾ HOẠCH", "KT. CHỦ TỊCH"],
    "050_kh-153-ubnd-tp-cantho-ctmtqg-phong-chong-ma-tuy.md.txt": ["Số: 153/KH-UBND", "TM. ỦY BAN NHÂN DÂN"],
    "052_kh-0124-ubnd-tinh-daklak-thi-dua-chao-mung-dai-hoi-xiv.md.txt": ["Số: 0124/KH-UBND", "KT. CHỦ TỊCH"],
    "058_kh-980-ubnd-tinh-nghean-thuc-hien-qd-1899-ttg-phong-thu-dan-su.tvpl-page.md.txt": [
        "Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
    "063_qd-2623-ttg-ban-hanh-kh-trien-khai-luat-bao-ve-du-lieu-ca-nhan.md.txt": [
        "Số: 2623/QĐ-TTg", "Hà Nội, ngày 29 tháng 11 năm 2025", "QUYẾT ĐỊNH:", "Điều 2. Quyết định này có hiệu lực thi hành từ ngày ký ban hành."],
    "069_cv-ubnd-tinh-lamdong-giao-cat-tham-muu-cv-4214-bca.docx": ["Số: /UBND-NC", "TL. CHỦ TỊCH"],
    "070_kh-ubnd-tinh-lamdong-trien-khai-ctmtqg-phong-chong-ma-tuy-du-thao.docx": ["Số: /KH-UBND", "KT. CHỦ TỊCH"],
    "073_ttr-snv-lamdong-trinh-ky-kh-cchc-2026-2030.pdf": ["Số: 176/TTr-SNV", "TỜ TRÌNH"],
    "084_kh-308-ubnd-tp-hanoi-thuc-hien-nq-214-cp-du-lieu-chuyen-doi-so.md.txt": ["Số: 308/KH-UBND", "TM. ỦY BAN NHÂN DÂN"],
    "089_kh-624-ubnd-tinh-hatinh-nang-cao-chat-luong-giao-duc-mam-non.md.txt": ["Số: 624/KH-UBND", "TM. ỦY BAN NHÂN DÂN"],
}


@cache
def _read(path: Path) -> Document:
    return read(path, ocr=False)


def _fold(ch: str) -> str:
    d = unicodedata.normalize("NFD", ch.replace("Ð", "Đ"))
    return d[:1].lower() if d else ""


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_offset_map_and_shape(path: Path) -> None:
    doc = _read(path)
    raw, text, offs = doc.raw.raw, doc.text, doc.offsets
    assert len(offs) == len(text) + 1 and offs[-1] == len(raw)
    assert all(a <= b for a, b in itertools.pairwise(offs))
    legacy = any("legacy" in w for w in doc.warnings)
    bad = [i for i, ch in enumerate(text) if ch not in " \n" and not legacy
           and _fold(ch) != _fold(raw[offs[i]]) and ch not in "-*&"]
    assert not bad[:5], [(text[i], raw[offs[i]]) for i in bad[:5]]
    lines = text.split("\n")
    assert all(line and line == line.strip() for line in lines) or not text
    assert "\u2028" not in text and "\u2029" not in text and "\f" not in text
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", sorted(KEY_LINES), ids=lambda n: n[:40])
def test_key_lines_survive(name: str) -> None:
    path = next((p for p in FILES if p.name == name), None)
    assert path is not None, name
    lines = set(_read(path).text.split("\n"))
    missing = [k for k in KEY_LINES[name] if k not in lines]
    assert not missing


def test_website_chrome_is_cut() -> None:
    doc = _read(CORPUS / "real" / "058_kh-980-ubnd-tinh-nghean-thuc-hien-qd-1899-ttg-phong-thu-dan-su.tvpl-page.md.txt")
    assert doc.text.startswith("ỦY BAN NHÂN DÂN\n")
    for chrome in ("THƯ VIỆN PHÁP LUẬT", "Đang tải văn bản", "Số hiệu", "Văn bản liên quan", "Tiếp tục sử dụng"):
        assert chrome not in doc.text
    assert doc.text.split("\n")[-1].startswith("Giám đốc Sở NN&MT")


def test_markdown_is_gone_from_web_crawls() -> None:
    for path in FILES:
        if path.name.endswith(".md.txt"):
            text = _read(path).text
            assert "**" not in text and "\n|" not in text and "|\n" not in text, path.name


def test_scans_read_as_needing_ocr_not_as_errors() -> None:
    """With OCR off, the two image-only scans are documents flagged ``needs_ocr``, not read errors."""
    scans = [p for p in FILES if p.stem.endswith("-scan")]
    assert len(scans) == 2
    assert all(_read(p).needs_ocr and _read(p).text == "" for p in scans)
