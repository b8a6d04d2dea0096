"""The cases of issue 12 at their full size: result, time and peak memory of each (the closing note's table).

    python benchmarks/hostile_cases.py [--only docx,pdf] [--markdown]

Each case builds its input (the issue's sizes: a DOCX with 100 MB and with 1 GB of paragraphs, a PDF
page of 200 × 200 inches, a PDF stream inflating to 1 GB, a 100 MB text file, …) and runs the
``vnplan`` command on it in a new session, sampling VmHWM of every process of the session (parent,
forkserver, workers, LibreOffice) from /proc every 0.1 s.  "result" is the exit status and the first
line of stderr (or the record's error class).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import hostile_files as H
from hostile_resume import Watch

SEED = str(H.SEED)


def vnplan(args: list[str], timeout: float = 900) -> tuple[float, int, str, str, Watch]:
    """Run ``vnplan ARGS``; (seconds, exit, stdout, stderr, peak memory)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "vnplan", *args], stdout=out, stderr=err, env=env,
                                start_new_session=True, text=True)
        watch = Watch(proc.pid)
        while proc.poll() is None and time.monotonic() - t < timeout:
            watch.sample()
            time.sleep(0.1)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        secs = time.monotonic() - t
        out.seek(0)
        err.seek(0)
        return secs, proc.returncode, out.read(), err.read(), watch


def first_line(text: str, width: int = 110) -> str:
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    line = line.replace(str(Path(tempfile.gettempdir())), "…")
    return line if len(line) <= width else line[: width - 1] + "…"


Case = tuple[str, Callable[[Path], tuple[list[str], Callable[[int, str, str], str]]]]


def _extract_one(make: Callable[[Path], object]) -> Callable[[Path], tuple[list[str], Callable[[int, str, str], str]]]:
    def build(d: Path) -> tuple[list[str], Callable[[int, str, str], str]]:
        path = make(d)
        return ["extract", str(path), "--timeout", "120"], lambda code, out, err: f"exit {code}: {first_line(err) or 'record'}"
    return build


def _batch(make: Callable[[Path], object], fmt: str = "jsonl", extra: list[str] | None = None
           ) -> Callable[[Path], tuple[list[str], Callable[[int, str, str], str]]]:
    def build(d: Path) -> tuple[list[str], Callable[[int, str, str], str]]:
        folder = d / "a"
        folder.mkdir()
        make(folder)
        H.named(folder, "kh-tot.txt")
        out = d / f"r.{fmt}"
        args = ["extract", str(folder), "-o", str(out), "--workers", "2", "--timeout", "20", *(extra or [])]

        def result(code: int, _out: str, err: str) -> str:
            from vnplan.batch import iter_records

            recs = list(iter_records(out, fmt))
            again = subprocess.run([sys.executable, "-m", "vnplan", *args], capture_output=True, text=True,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
            recs2 = list(iter_records(out, fmt))
            kinds = ", ".join(sorted({r.get("error") or "record" for r in recs}))
            return f"exit {code}; {len(recs)} records ({kinds}); re-run: {len(recs2)} records, {first_line(again.stderr)}"
        return args, result
    return build


def _text(mb: float) -> Callable[[Path], object]:
    return lambda d: H.big_text(d / "dai.txt", mb)


def _quadratic(chars: int) -> Callable[[Path], object]:
    def make(d: Path) -> Path:
        path = d / "khong-dau-cau.txt"
        path.write_text(H.dated_without_ends(chars), encoding="utf-8")
        return path
    return make


CASES: list[Case] = [
    ("§1 non-UTF-8 name, jsonl", _batch(lambda d: H.named(d, b"k\xe9-\xff.txt"))),
    ("§1 non-UTF-8 name, csv", _batch(lambda d: H.named(d, b"k\xe9-\xff.txt"), "csv")),
    ("§1 non-UTF-8 name, parquet", _batch(lambda d: H.named(d, b"k\xe9-\xff.txt"), "parquet")),
    ("§2 FIFO x.txt in a batch", _batch(lambda d: H.fifo(d / "x.txt"))),
    ("§3 DOCX, 100 MB of paragraphs", _extract_one(lambda d: H.docx(d / "bom.docx", filler_mb=100))),
    ("§3 DOCX, 1 GB of paragraphs", _extract_one(lambda d: H.docx(d / "bom.docx", filler_mb=1024))),
    ("§3 PDF page 200 × 200 in, image only", _extract_one(lambda d: H.huge_page_pdf(d / "trang.pdf"))),
    ("§3 PDF stream inflating to 1 GB", _extract_one(lambda d: H.inflating_pdf(d / "phinh.pdf", 1024))),
    ("§3 text file 100 MB", _extract_one(_text(100))),
    ("§3 all five, one batch, 2 workers", _batch(lambda d: [H.docx(d / "b1.docx", filler_mb=100),
                                                            H.docx(d / "b2.docx", filler_mb=1024),
                                                            H.huge_page_pdf(d / "t.pdf"),
                                                            H.inflating_pdf(d / "p.pdf", 1024),
                                                            H.big_text(d / "d.txt", 100)])),
    ("§4 DOCX 2,000 paragraphs", _extract_one(lambda d: H.docx(d / "p.docx", repeat=2000 // 60 + 1))),
    ("§4 DOCX 10,000 paragraphs", _extract_one(lambda d: H.docx(d / "p.docx", repeat=10000 // 60 + 1))),
    ("§4 text 1 MB (plans)", _extract_one(_text(1))),
    ("§4 text 0.5 MB, dates, no sentence end", _extract_one(_quadratic(500_000))),
    ("§9 NUL after 4 KB", _extract_one(lambda d: H.nul_after(d / "nul.txt"))),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="comma-separated words; run the cases whose name holds one")
    args = ap.parse_args()
    cases = [c for c in CASES if not args.only or any(w in c[0] for w in args.only.split(","))]
    print("| case | result | seconds | peak MB (one process) | peak MB (all) |")
    print("|---|---|---|---|---|")
    for name, build in cases:
        with tempfile.TemporaryDirectory(prefix="vnplan-case-") as tmp:
            argv, judge = build(Path(tmp))
            secs, code, out, err, watch = vnplan(argv)
            result = judge(code, out, err)
            print(f"| {name} | {result} | {secs:.1f} | {watch.peak_process / 1024:.0f} | {watch.peak_total / 1024:.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
