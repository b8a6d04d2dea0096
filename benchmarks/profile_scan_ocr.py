"""Profile (not a test) of vnplan's OCR of scans: where a scanned page's CPU time goes (issue 11).

    PYTHONPATH=$PWD python benchmarks/profile_scan_ocr.py [--files 6] [--top 40]

Reads the first ``--files`` scans of the archive's rounds 1-4 (`bench_archive_read.tuning_files`; the
held-out round and unlabelled files are never opened) with an empty OCR cache (a fresh temporary
``VNPLAN_CACHE``; the user's cache is never touched), one page at a time (``OMP_THREAD_LIMIT=1``).
Prints CPU seconds per page, Python's and Tesseract's apart, each kind of Tesseract run (the page
pass ``--psm 3``, the header and signature blocks ``--psm 6``, the signature lines ``--psm 7``, the
orientation check ``--psm 0``) with its count, then cProfile's Python functions by CPU time.
CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
"""
from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_archive_read import split_pdfs


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=6, help="scans to read (the first one only warms up imports)")
    ap.add_argument("--top", type=int, default=40, help="Python functions printed")
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="vnplan-profile-")
    os.environ["VNPLAN_CACHE"] = cache
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vnplan.batch.runner import process_file
    from vnplan.read import ocr_page

    ocr_page.set_page_workers(1)
    runs: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    real_run = subprocess.run

    def timed_run(cmd, *a, **k):  # type: ignore[no-untyped-def]
        c = _children_cpu()
        try:
            return real_run(cmd, *a, **k)
        finally:
            if "--psm" in cmd:
                kind = f"tesseract --psm {cmd[cmd.index('--psm') + 1]}" + (" (many images)" if cmd[1] != "-" else "")
            else:
                kind = f"tesseract {cmd[1]}"  # --version, --list-langs
            runs[kind][0] += 1
            runs[kind][1] += _children_cpu() - c

    subprocess.run = timed_run  # type: ignore[assignment]
    _, scans = split_pdfs()
    files = scans[: args.files]
    process_file(str(files[0]))  # imports and data tables, not measured
    prof = cProfile.Profile(time.process_time)
    c0, k0, pages = time.process_time(), _children_cpu(), 0
    prof.enable()
    for p in files[1:]:
        pages += process_file(str(p))["source"]["pages"] or 0
    prof.disable()
    py, tess = time.process_time() - c0, _children_cpu() - k0
    shutil.rmtree(cache, ignore_errors=True)
    print(f"{len(files) - 1} scans, {pages} pages: {(py + tess) / pages:.2f} s/page CPU "
          f"(Python {py / pages:.2f}, Tesseract {tess / pages:.2f}); peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    for kind, (n, s) in sorted(runs.items(), key=lambda x: -x[1][1]):
        print(f"  {kind:36} {n:4.0f} runs {s:7.2f} s  {s / pages:5.2f} s/page")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
