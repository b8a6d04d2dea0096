"""A batch of 2,000 files with 10 % hostile inputs, killed twice (SIGKILL of the parent) and resumed.

    python benchmarks/hostile_resume.py [--files 2000] [--workers 2] [--format jsonl] [--keep DIR]

The hostile tenth: FIFOs named like documents, DOCX bombs (60 MB of XML in 0.3 MB), image-only PDF
pages of 200 × 200 inches, PDF streams inflating to 300 MB, file names with non-UTF-8 bytes, line
breaks and quotes, empty, truncated and binary files, text with NULs and terminal escapes.  The rest
are plans (the seeds and the corpus's text files, each made unique by a line of its own).

`vnplan extract FOLDER -o OUT` runs in its own session; it is SIGKILLed (the parent only: workers die
with it) once a third and again once two thirds of the files are recorded, then run to the end.
Afterwards the output must hold exactly one record per file.  Peak memory is read from
``/proc/<pid>/status`` (VmHWM of every process of the session, and the largest sum of VmRSS) every
0.2 s.  Prints a table and exits non-zero if any file has no record or more than one.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def make_archive(folder: Path, n: int) -> list[str]:
    """``n`` files, one in ten hostile; returns their paths as discovery will yield them."""
    import hostile_files as H

    plans = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    plans += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "real").glob("*.txt"))]
    hostile = [
        lambda d, i: H.fifo(d / f"ong-{i}.txt"),
        lambda d, i: H.docx(d / f"bom-{i}.docx", filler_mb=60),
        lambda d, i: H.huge_page_pdf(d / f"trang-{i}.pdf"),
        lambda d, i: H.inflating_pdf(d / f"phinh-{i}.pdf", inflated_mb=300),
        lambda d, i: H.named(d, f"kh-{i}-".encode() + b"\xff\xfe.txt"),
        lambda d, i: H.named(d, f"dòng-{i}\nmới.txt"),
        lambda d, i: H.named(d, f"q-{i}' onfocus='alert(1)' x='.txt"),
        lambda d, i: (d / f"rong-{i}.pdf").write_bytes(b""),
        lambda d, i: (d / f"cut-{i}.docx").write_bytes(H.docx(d / f"tmp-{i}.docx").read_bytes()[:900]),
        lambda d, i: (d / f"rac-{i}.txt").write_bytes(os.urandom(3000)),
        lambda d, i: H.nul_after(d / f"nul-{i}.txt"),
        lambda d, i: H.ansi(d / f"ansi-{i}.txt"),
    ]
    bomb_cache: dict[str, bytes] = {}
    for i in range(n):
        sub = folder / f"{i // 200:02d}"
        sub.mkdir(exist_ok=True)
        if i % 10 == 9:
            kind = (i // 10) % len(hostile)
            key = f"{kind}"
            if kind in (1, 3) and key in bomb_cache:  # the same bomb, copied: generating it once is enough
                name = ("bom" if kind == 1 else "phinh") + f"-{i}." + ("docx" if kind == 1 else "pdf")
                (sub / name).write_bytes(bomb_cache[key])
                continue
            hostile[kind](sub, i)
            for leftover in sub.glob(f"tmp-{i}.docx"):
                leftover.unlink()
            if kind in (1, 3):
                made = next(sub.glob(("bom" if kind == 1 else "phinh") + f"-{i}.*"))
                bomb_cache[key] = made.read_bytes()
        else:
            text = plans[i % len(plans)] + f"\nGhi chú lưu trữ số {i}.\n"
            (sub / f"kh-{i:04d}.txt").write_text(text, encoding="utf-8")
    from vnplan.batch import discover

    return list(discover(str(folder)))


class Watch:
    """Peak memory of every process in a session, sampled from /proc."""

    def __init__(self, sid: int) -> None:
        self.sid = sid
        self.peak_process = 0  # kB, largest VmHWM of one process
        self.peak_total = 0  # kB, largest sum of VmRSS

    def sample(self) -> None:
        total = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                if int(fields[3]) != self.sid:  # field 6 of stat: the session id
                    continue
                status = Path(f"/proc/{pid}/status").read_text()
            except (OSError, IndexError, ValueError):
                continue
            values = {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in status.splitlines())
                      if k in ("VmHWM", "VmRSS")}
            self.peak_process = max(self.peak_process, values.get("VmHWM", 0))
            total += values.get("VmRSS", 0)
        self.peak_total = max(self.peak_total, total)


def lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


def run(folder: Path, output: Path, workers: int, kill_at: int | None) -> tuple[float, int | None, Watch]:
    cmd = [sys.executable, "-m", "vnplan", "extract", str(folder), "-o", str(output), "--workers", str(workers),
           "--timeout", "60", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    watch = Watch(proc.pid)
    while proc.poll() is None:
        watch.sample()
        if kill_at is not None and lines(output) >= kill_at:
            os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers die with it (PR_SET_PDEATHSIG)
            proc.wait()
            break
        time.sleep(0.2)
    return time.monotonic() - t, proc.returncode, watch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "csv"])
    ap.add_argument("--keep", help="build the archive and output here (kept) instead of a temporary folder")
    args = ap.parse_args()
    base = Path(args.keep or tempfile.mkdtemp(prefix="vnplan-resume-"))
    folder, output = base / "luu-tru", base / f"records.{args.format}"
    folder.mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    files = make_archive(folder, args.files)
    print(f"{len(files)} files generated in {time.monotonic() - t:.1f} s ({sum(1 for i in range(args.files) if i % 10 == 9)} "
          f"hostile) under {folder}")
    print(f"{'run':<10} {'seconds':>8} {'exit':>5} {'lines after':>11} {'peak process MB':>16} {'peak session MB':>16}")
    for name, kill_at in (("killed 1", args.files // 3), ("killed 2", 2 * args.files // 3), ("resumed", None)):
        secs, code, watch = run(folder, output, args.workers, kill_at)
        print(f"{name:<10} {secs:>8.1f} {code!s:>5} {lines(output):>11} {watch.peak_process / 1024:>16.0f} "
              f"{watch.peak_total / 1024:>16.0f}", flush=True)
    from vnplan.batch import iter_records

    counts: dict[str, int] = {}
    errors: dict[str, int] = {}
    for record in iter_records(output, args.format):
        path = record["source"]["path"]
        counts[path] = counts.get(path, 0) + 1
        if "error" in record:
            errors[record["error"]] = errors.get(record["error"], 0) + 1
    missing = [p for p in files if p not in counts]
    repeated = {p: c for p, c in counts.items() if c > 1}
    extra = [p for p in counts if p not in set(files)]
    print(f"records: {sum(counts.values())} for {len(files)} files; missing {len(missing)}, repeated {len(repeated)}, "
          f"unknown {len(extra)}")
    print("error records: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items(), key=lambda kv: -kv[1])))
    leftovers = [n for n in os.listdir(tempfile.gettempdir()) if n.startswith(("vnplan-worker-", "vnplan-doc-"))]
    print(f"temporary folders left: {len(leftovers)}")
    sys.exit(1 if missing or repeated or extra else 0)


if __name__ == "__main__":
    main()
