#!/usr/bin/env python3
"""Benchmark batch extraction: files/s with 1 and 2 workers, peak memory for N and 10·N files.

    python benchmarks/bench_batch.py --n 200            # archives of 200 and 2,000 files

Archives are generated with scripts/make_archive.py (``--unique``: every text
file distinct) and extracted with the real `vnplan.extract` (no OCR) and
``reuse_copies=False``, so every file is really extracted.  Peak memory is the
largest sum of the resident set sizes of this process and all its children
(the workers and the fork server), sampled every 100 ms with psutil; without
psutil, ``getrusage`` maxima are printed instead (self + largest child).
Targets: 2 workers ≥ 1.7 × one worker; peak memory at 10·N within 1.2 × N.
"cores obtained" (CPU seconds of parent + workers / wall seconds) shows when
other jobs on the machine cap the speed-up: the runner itself keeps every
worker busy, so 2 workers can only reach 2× when 2 idle cores are there.
"""
from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class PeakMemory:
    """Sample RSS(self + children) in a thread; ``peak`` in bytes, ``cpu`` seconds by pid."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        try:
            import psutil

            self._proc = psutil.Process()
        except ImportError:
            self._proc = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        procs = [self._proc] + self._proc.children(recursive=True)
        for p in procs:
            try:
                total += p.memory_info().rss
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
            except Exception:
                pass
        return total

    @property
    def children_cpu(self) -> float:
        """CPU seconds of the children seen (up to the last sample before each ended)."""
        return sum(v for pid, v in self.cpu.items() if pid != os.getpid())

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        if self._proc is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._proc is not None:
            self._thread.join()
        else:
            kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + \
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak = kib * 1024


def make(dest: Path, files: int) -> None:
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "scripts" / "make_archive.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.make_archive(dest, files=files, pdfs=max(1, files // 100), unique=True)


def run(archive: Path, workers: int, out: Path) -> tuple[int, float, int, float, float]:
    from vnplan.batch import extract_to
    from vnplan.extract import extract

    if out.exists():
        out.unlink()
    fn = functools.partial(extract, ocr=False)
    with PeakMemory() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        summary = extract_to([str(archive)], str(out), fn=fn, workers=workers, timeout=300, reuse_copies=False)
        elapsed, parent_cpu = time.perf_counter() - t0, time.process_time() - c0
    return summary.total, elapsed, mem.peak, parent_cpu, mem.children_cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200, help="files in the small archive (the large one has 10·N)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--keep", action="store_true", help="keep the generated archives")
    a = ap.parse_args()
    workers = [int(w) for w in a.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="vnplan-bench-"))
    print(f"cores: {os.cpu_count()}  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}  "
          f"python {sys.version.split()[0]}")
    results: dict[tuple[int, int], tuple[float, int]] = {}
    try:
        # untimed: start the fork server (imports + one warm-up extraction) so every run starts alike
        make(tmp / "warm", 60)
        run(tmp / "warm", 2, tmp / "records.jsonl")
        for files in (a.n, 10 * a.n):
            archive = tmp / f"archive-{files}"
            make(archive, files)
            for w in workers:
                load = os.getloadavg()[0]
                total, elapsed, peak, parent_cpu, child_cpu = run(archive, w, tmp / "records.jsonl")
                results[(files, w)] = (total / elapsed, peak)
                print(f"{total:6d} files  workers={w}  {elapsed:7.1f} s  {total / elapsed:7.1f} files/s  "
                      f"peak RSS {peak / 2**20:7.1f} MiB  CPU parent {parent_cpu:5.1f} s workers {child_cpu:6.1f} s  "
                      f"cores obtained {(parent_cpu + child_cpu) / elapsed:4.2f}  (load before {load:.1f})", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if 1 in workers and 2 in workers:
        for files in (a.n, 10 * a.n):
            print(f"speed-up 2 workers / 1 worker at {files} files: "
                  f"{results[(files, 2)][0] / results[(files, 1)][0]:.2f}× (target ≥ 1.7×)")
    for w in workers:
        print(f"peak memory {10 * a.n} files / {a.n} files, workers={w}: "
              f"{results[(10 * a.n, w)][1] / results[(a.n, w)][1]:.2f}× (target ≤ 1.2×)")


if __name__ == "__main__":
    main()
