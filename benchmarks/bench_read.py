"""Throughput of vnplan's PDF reading against raw pypdfium2 text extraction.

    python benchmarks/bench_read.py [--repeat 5] [--ocr] [--cold]

Prints pages/s on the born-digital PDFs of corpus/real for: raw pypdfium2
(``page.get_textpage().get_text_range()``), ``vnplan.read.read_raw`` (layout:
header/closing columns, tables, blanks) and ``vnplan.read`` (raw + normaliser),
and their ratios to raw.  OCR is off by default (011/012 have garbled text
layers that would otherwise go to Tesseract; with --ocr they come from the
OCR cache after the first run).  011/012 are read by recovering their fonts
from the glyph shapes (`vnplan.read.pdf_fonts`), cached per file and page like
OCR; ``--cold`` gives every timed run an empty cache (the first-read cost).
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from vnplan.read import read, read_raw

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf",
    "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf",
    "012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf",
    "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf",
    "015_cv-7432-ubnd-tinh-laocai-trien-khai-qd-1074-bxd.pdf",
    "022_kh-115-snnmt-gialai-thuc-hien-chi-thi-7883-bnnmt.pdf",
    "024_cv-8544-snnmt-gialai-trien-khai-qd-2839-bnnmt.pdf",
    "073_ttr-snv-lamdong-trinh-ky-kh-cchc-2026-2030.pdf",
]


def raw_pdfium(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            page.get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


COLD = False


def timed(fn, paths: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        if COLD:
            os.environ["VNPLAN_CACHE"] = tempfile.mkdtemp(prefix="vnplan-bench-")
        t = time.perf_counter()
        for p in paths:
            fn(p)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ocr", action="store_true", help="let garbled pages go to OCR (cached)")
    ap.add_argument("--cold", action="store_true", help="an empty cache for every timed run")
    args = ap.parse_args()
    global COLD
    COLD = args.cold
    paths = [ROOT / "corpus" / "real" / f for f in FILES]
    pages = sum(raw_pdfium(p) for p in paths)
    for p in paths:  # warm-up: imports, OS file cache
        read(p, ocr=args.ocr)
    t_raw = timed(raw_pdfium, paths, args.repeat)
    t_read_raw = timed(lambda p: read_raw(p, ocr=args.ocr), paths, args.repeat)
    t_read = timed(lambda p: read(p, ocr=args.ocr), paths, args.repeat)
    print(f"{len(paths)} born-digital PDFs, {pages} pages, best of {args.repeat}")
    print(f"{'reader':32} {'s':>8} {'pages/s':>9} {'ratio':>7}")
    for name, t in (
        ("pypdfium2 get_text_range", t_raw),
        ("vnplan.read.read_raw", t_read_raw),
        ("vnplan.read (with normaliser)", t_read),
    ):
        print(f"{name:32} {t:8.3f} {pages / t:9.1f} {t_raw / t:7.2f}")
    print("per file (read_raw, ms/page):")
    for p in paths:
        n = raw_pdfium(p)
        t = timed(lambda q: read_raw(q, ocr=args.ocr), [p], args.repeat)
        r = timed(raw_pdfium, [p], args.repeat)
        print(f"  {p.name[:48]:48} {n:3d} p  {1000 * t / n:6.1f}  (raw {1000 * r / n:5.1f})")


if __name__ == "__main__":
    main()
