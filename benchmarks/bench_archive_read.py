"""Benchmark (not a test) on ../shared/archive: PDF read speed and OCR speed (issue 11).

    PYTHONPATH=$PWD python benchmarks/bench_archive_read.py [--runs 5] [--ocr-files 4] [--code DIR ...]

Born-digital PDFs: `vnplan.read` pages/s against raw pypdfium2 text (``get_text_range``), both timed
in the same process, one after the other, in CPU time (the machine is shared) and wall time; the
issue 11 target is >= 0.5x in CPU time.  Each run is a fresh process per code tree, and the code
trees given with ``--code`` (say a checkout of ``main`` and this branch) take turns run after run,
so a busy machine slows both alike; the medians of the ratios are printed, with peak memory.

Scans: seconds per page of vnplan's OCR against raw ``tesseract -l vie`` on the same page
rendered at 300 dpi, and pages/min with 1 and 2 workers (``OMP_THREAD_LIMIT=1``, one worker per
core, OCR cache disabled through a fresh ``VNPLAN_CACHE``), with the workers' peak memory.

The fresh held-out set (the split named by the top-level ``"heldout"`` key of
corpus/archive/split.json, ``heldout5`` now) is never read, nor is a file split.json does not list:
the PDFs timed are those of ``score_archive.py --split all``.

The scan part alternates the code trees and the raw Tesseract run, ``--ocr-runs`` times (median
printed), and prints CPU seconds per page (the worker processes and their Tesseract children) beside
wall time: on a shared machine the wall clock measures the neighbours as much as the code.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
SPLIT = ROOT / "corpus" / "archive" / "split.json"


def held_out(split: dict[str, Any] | None = None) -> set[str]:
    """File names of the fresh held-out set (split.json's ``"heldout"`` split), which no benchmark may open."""
    split = split if split is not None else json.loads(SPLIT.read_text(encoding="utf-8"))
    name = split["heldout"]
    return {d["file"] for d in split["documents"] if d.get("split") == name}


def tuning_files(split: dict[str, Any] | None = None) -> set[str]:
    """File names split.json lists outside the held-out split (``score_archive.py --split all``)."""
    split = split if split is not None else json.loads(SPLIT.read_text(encoding="utf-8"))
    skip = held_out(split)
    return {d["file"] for d in split["documents"] if d["file"] not in skip}


def split_pdfs() -> tuple[list[Path], list[Path]]:
    """(born-digital, scans) among the tuning archive PDFs (`tuning_files`), by text per page."""
    keep = tuning_files()
    born, scans = [], []
    for p in sorted(ARCHIVE.glob("*.pdf")):
        if p.name not in keep:
            continue
        pdf = pdfium.PdfDocument(str(p))
        text = sum(len(pdf[i].get_textpage().get_text_range().strip()) for i in range(len(pdf)))
        (born if text > 200 * len(pdf) else scans).append(p)
        pdf.close()
    return born, scans


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


# --------------------------------------------------------------------------- one run, in a fresh process


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


def born_run(paths: list[Path]) -> dict[str, float]:
    """One side-by-side run: raw pypdfium2, then vnplan.read (after a warm-up of imports)."""
    from vnplan.read import read

    read(paths[0], ocr=False)  # imports and data tables, not timed
    pages, raw_cpu, raw_wall = raw_text(paths)
    vn_cpu, vn_wall, read_s, norm_s = vnplan_read(paths)
    return {"pages": pages, "raw_cpu": raw_cpu, "raw_wall": raw_wall, "vn_cpu": vn_cpu, "vn_wall": vn_wall,
            "read_cpu": read_s, "norm_cpu": norm_s, "peak_mb": _peak_mb()}


def _ocr_one(path: str) -> int:
    from vnplan.read import read_raw

    return read_raw(path).pages or 0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ocr_run(paths: list[Path], workers: int) -> dict[str, float]:
    """vnplan's OCR of ``paths`` with ``workers`` processes and an empty cache (a fresh temporary one)."""
    cache = tempfile.mkdtemp(prefix="vnplan-bench-")
    os.environ["VNPLAN_CACHE"] = cache
    os.environ["OMP_THREAD_LIMIT"] = "1"
    t = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(_ocr_one, map(str, paths)))
    wall = time.perf_counter() - t
    shutil.rmtree(cache, ignore_errors=True)
    return {"pages": pages, "wall": wall, "cpu": _children_cpu(), "peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def raw_tesseract(paths: list[Path]) -> dict[str, float]:
    """Wall and CPU seconds per page of ``tesseract -l vie`` (one thread) on the first page rendered at 300 dpi."""
    from vnplan.read.ocr_page import render_gray

    wall = cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k, p in enumerate(paths):
            png = Path(tmp) / f"p{k}.png"
            render_gray(pdfium.PdfDocument(str(p))[0], 300).save(png)
            t, c = time.perf_counter(), _children_cpu()
            subprocess.run(["tesseract", str(png), "-", "-l", "vie"], capture_output=True,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
            wall += time.perf_counter() - t
            cpu += _children_cpu() - c
    return {"wall": wall / len(paths), "cpu": cpu / len(paths)}


# --------------------------------------------------------------------------- driver


def _in(code: Path, *args: str) -> dict[str, float]:
    """Run this script's ``--worker`` mode with ``code`` first on the import path; its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="born-digital runs per code tree (medians printed)")
    ap.add_argument("--ocr-files", type=int, default=4, help="single-page scans to OCR (0: skip the OCR part)")
    ap.add_argument("--ocr-runs", type=int, default=3, help="scan runs per code tree and worker count (medians printed)")
    ap.add_argument("--skip-born", action="store_true", help="only the scan part")
    ap.add_argument("--code", action="append", type=Path, help="a code tree to time (repeatable; default: this one)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:  # one measurement in this fresh process, printed as JSON
        paths = [Path(p) for p in json.loads(args.files)]
        if args.worker == "born":
            result = born_run(paths)
        elif args.worker == "raw":
            result = raw_tesseract(paths)
        else:
            result = ocr_run(paths, int(args.worker[3:]))
        print(json.dumps(result))
        return
    codes = [c.resolve() for c in args.code or [ROOT]]
    born, scans = split_pdfs()
    if not args.skip_born:
        born_part(codes, born, args.runs)
    if args.ocr_files:
        scan_part(codes, scans, args.ocr_files, args.ocr_runs)


def born_part(codes: list[Path], born: list[Path], n_runs: int) -> None:
    """Print vnplan.read against raw pypdfium2 on the born-digital PDFs, medians of ``n_runs`` alternating runs."""
    files = json.dumps([str(p) for p in born])
    runs: dict[Path, list[dict[str, float]]] = {c: [] for c in codes}
    for _ in range(n_runs):
        for code in codes:  # take turns, so a busy machine slows every tree alike
            runs[code].append(_in(code, "--worker", "born", "--files", files))
    pages = runs[codes[0]][0]["pages"]
    print(f"born-digital: {len(born)} PDFs, {pages:.0f} pages (rounds 1-4 only), medians of {n_runs} runs")
    print(f"  {'code':28} {'raw p/s':>8} {'vnplan p/s':>10} {'CPU ratio':>9} {'wall ratio':>10} "
          f"{'read s':>7} {'norm s':>7} {'peak MB':>8}")
    for code in codes:
        rs = runs[code]

        def med(key: str, rs: list[dict[str, float]] = rs) -> float:
            return statistics.median(r[key] for r in rs)

        cpu_ratio = statistics.median(r["raw_cpu"] / r["vn_cpu"] for r in rs)
        wall_ratio = statistics.median(r["raw_wall"] / r["vn_wall"] for r in rs)
        print(f"  {str(code)[-28:]:28} {pages / med('raw_cpu'):8.0f} {pages / med('vn_cpu'):10.0f} "
              f"{cpu_ratio:8.2f}x {wall_ratio:9.2f}x {med('read_cpu'):7.2f} {med('norm_cpu'):7.2f} "
              f"{med('peak_mb'):8.0f}")
    print("  (CPU ratio: raw pypdfium2 time / vnplan.read time, same process; target >= 0.5x)")


def scan_part(codes: list[Path], scans: list[Path], n_files: int, n_runs: int) -> None:
    """Print vnplan's OCR seconds per page (1 and 2 workers) against raw Tesseract, medians of ``n_runs`` alternating runs."""
    sample = [p for p in scans if len(pdfium.PdfDocument(str(p))) == 1][:n_files]
    files = json.dumps([str(p) for p in sample])
    raws: list[dict[str, float]] = []
    runs: dict[tuple[Path, int], list[dict[str, float]]] = {(c, w): [] for c in codes for w in (1, 2)}
    for _ in range(n_runs):  # raw Tesseract and every tree and worker count take turns
        raws.append(_in(codes[0], "--worker", "raw", "--files", files))
        for workers in (1, 2):
            for code in codes:
                runs[code, workers].append(_in(code, "--worker", f"ocr{workers}", "--files", files))
    raw_wall = statistics.median(r["wall"] for r in raws)
    raw_cpu = statistics.median(r["cpu"] for r in raws)
    print(f"scans: {len(sample)} single-page scans ({', '.join(p.name[:4] for p in sample)}), medians of {n_runs} runs")
    print(f"  raw tesseract -l vie (1 thread, 300 dpi page): {raw_wall:.2f} s/page wall, {raw_cpu:.2f} s/page CPU")
    print(f"  {'code':28} {'workers':>7} {'wall s/p':>8} {'pages/min':>9} {'CPU s/p':>8} {'CPU/raw':>7} {'peak MB':>8}")
    for code in codes:
        for workers in (1, 2):
            rs = runs[code, workers]
            wall = statistics.median(r["wall"] / r["pages"] for r in rs)
            cpu = statistics.median(r["cpu"] / r["pages"] for r in rs)
            peak = max(r["peak_mb"] for r in rs)
            print(f"  {str(code)[-28:]:28} {workers:7d} {wall:8.2f} {60 / wall:9.1f} {cpu:8.2f} {cpu / raw_cpu:6.2f}x {peak:8.0f}")
    print("  (CPU s/p: the workers' and their Tesseract processes' CPU time per page; peak: the largest worker)")


if __name__ == "__main__":
    sys.exit(main())
