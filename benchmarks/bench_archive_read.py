"""Benchmark (not a test) on ../shared/archive: PDF read speed and OCR speed (issue 11).

    PYTHONPATH=$PWD python benchmarks/bench_archive_read.py [--ocr-files 4] [--runs 3]

Prints vnplan.read pages/s against raw pypdfium2 text on the born-digital PDFs (median of
``--runs`` runs, side by side, in CPU time — the machine is shared — and in wall time; the
issue 11 target is >= 0.5x in CPU time), with the CPU time of reading (`read_raw`) and of
normalising (`build_document`); and for scans
seconds per page of vnplan's OCR against raw `tesseract -l vie` on the same rendered page, and
pages/min with 1 and 2 workers (OCR cache disabled through a fresh VNPLAN_CACHE).
"""
from __future__ import annotations

import argparse
import os
import statistics
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


def raw_text(paths: list[Path]) -> tuple[int, float, float]:
    """Pages, CPU and wall seconds of raw pypdfium2 text extraction."""
    c, t, pages = time.process_time(), time.perf_counter(), 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            pdf[i].get_textpage().get_text_range()
            pages += 1
    return pages, time.process_time() - c, time.perf_counter() - t


def vnplan_read(paths: list[Path]) -> tuple[float, float, float, float]:
    """CPU and wall seconds of `vnplan.read`, and CPU seconds of its read and normalise stages.

    The stages are timed one by one, so this runs what `vnplan.read` runs, step by step.
    """
    from vnplan.normalize.pipeline import build_document
    from vnplan.read import is_vietnamese, read_raw

    c, t, read_s, norm_s = time.process_time(), time.perf_counter(), 0.0, 0.0
    for p in paths:
        c0 = time.process_time()
        raw = read_raw(p, ocr=False)
        c1 = time.process_time()
        is_vietnamese(build_document(raw).text)
        read_s += c1 - c0
        norm_s += time.process_time() - c1
    return time.process_time() - c, time.perf_counter() - t, read_s, norm_s


def _ocr_one(path: str) -> int:
    from vnplan.read import read_raw

    return read_raw(path).pages or 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-files", type=int, default=4, help="scans to OCR (0: skip the OCR part)")
    ap.add_argument("--runs", type=int, default=3, help="born-digital runs (the median is printed)")
    args = ap.parse_args()
    born, scans = split_pdfs()
    raws, vns = [], []
    for _ in range(args.runs):
        raws.append(raw_text(born))
        vns.append(vnplan_read(born))
    pages = raws[0][0]
    raw_cpu, raw_wall = (statistics.median(r[k] for r in raws) for k in (1, 2))
    vn_cpu, vn_wall, read_s, norm_s = (statistics.median(v[k] for v in vns) for k in range(4))
    print(f"born-digital: {len(born)} PDFs, {pages} pages, median of {args.runs} runs")
    print(f"  CPU:  raw pypdfium2 {pages / raw_cpu:.0f} pages/s, vnplan.read {pages / vn_cpu:.0f} pages/s "
          f"({raw_cpu / vn_cpu:.2f}x; target 0.5x)")
    print(f"  wall: raw pypdfium2 {pages / raw_wall:.0f} pages/s, vnplan.read {pages / vn_wall:.0f} pages/s "
          f"({raw_wall / vn_wall:.2f}x)")
    print(f"  CPU s: raw {raw_cpu:.2f}, read_raw {read_s:.2f}, build_document + language check {norm_s:.2f}")
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
