"""Benchmark (not a test) on ../shared/archive: PDF read speed and OCR speed (issue 11).

    python benchmarks/bench_archive_read.py [--ocr-pages 4]

Prints vnplan.read pages/s against raw pypdfium2 text on the born-digital PDFs, and for scans
seconds per page of vnplan's OCR against raw `tesseract -l vie` on the same rendered page, and
pages/min with 1 and 2 workers (OCR cache disabled through a fresh VNPLAN_CACHE).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "archive" / "docs"


def split_pdfs() -> tuple[list[Path], list[Path]]:
    born, scans = [], []
    for p in sorted(ARCHIVE.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(p))
        text = sum(len(pdf[i].get_textpage().get_text_range().strip()) for i in range(len(pdf)))
        (born if text > 200 * len(pdf) else scans).append(p)
    return born, scans


def raw_text(paths: list[Path]) -> tuple[int, float]:
    t, pages = time.perf_counter(), 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            pdf[i].get_textpage().get_text_range()
            pages += 1
    return pages, time.perf_counter() - t


def vnplan_read(paths: list[Path]) -> float:
    from vnplan.read import read

    t = time.perf_counter()
    for p in paths:
        read(p, ocr=False)
    return time.perf_counter() - t


def _ocr_one(path: str) -> int:
    from vnplan.read import read_raw

    return read_raw(path).pages or 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-files", type=int, default=4, help="scans to OCR (0: skip the OCR part)")
    args = ap.parse_args()
    born, scans = split_pdfs()
    pages, raw_s = raw_text(born)
    vn_s = vnplan_read(born)
    print(f"born-digital: {len(born)} PDFs, {pages} pages; raw pypdfium2 {pages / raw_s:.0f} pages/s, "
          f"vnplan.read {pages / vn_s:.1f} pages/s ({raw_s / vn_s:.2f}x)")
    if not args.ocr_files:
        return
    sample = [p for p in scans if len(pdfium.PdfDocument(str(p))) == 1][: args.ocr_files]
    from vnplan.read.ocr import render_gray

    t = time.perf_counter()
    for p in sample:
        png = Path(tempfile.mkdtemp()) / "p.png"
        render_gray(pdfium.PdfDocument(str(p))[0], 300).save(png)
        subprocess.run(["tesseract", str(png), "-", "-l", "vie"], capture_output=True,
                       env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
    raw = (time.perf_counter() - t) / len(sample)
    for workers in (1, 2):
        os.environ["VNPLAN_CACHE"] = tempfile.mkdtemp(prefix="vnplan-bench-")
        t = time.perf_counter()
        with ProcessPoolExecutor(workers) as pool:
            n = sum(pool.map(_ocr_one, map(str, sample)))
        dt = time.perf_counter() - t
        print(f"scans, {workers} worker(s): {dt / n:.1f} s/page, {60 * n / dt:.1f} pages/min "
              f"(raw tesseract -l vie, 1 thread: {raw:.1f} s/page)")


if __name__ == "__main__":
    sys.exit(main())
