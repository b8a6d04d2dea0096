"""Normalisation time per corpus document (reading excluded).

    python benchmarks/bench_normalize.py [--repeat 5]

Reads every file of corpus/seeds and corpus/real once (OCR off), then times
`vnplan.normalize.build_document` on the reader's output: the best of
``--repeat`` runs per document, in ms, with the raw size and characters per
millisecond, and the time of each pass on the largest document.  The first
call loads the syllable list (pyvi's word list) and is reported separately.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from vnplan.errors import VnplanError
from vnplan.normalize import build_document
from vnplan.read import read_raw

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = sorted(p for d in ("seeds", "real") for p in (ROOT / "corpus" / d).iterdir()
                   if p.suffix in {".txt", ".pdf", ".docx"})
    raws = []
    for path in files:
        try:
            raws.append(read_raw(path, ocr=False))
        except VnplanError as exc:
            print(f"skip {path.name}: {exc}")
    t = time.perf_counter()
    build_document(raws[0])
    print(f"first call (loads the syllable list): {(time.perf_counter() - t) * 1000:.0f} ms")
    total_ms = total_chars = 0.0
    print(f"{'document':60s} {'chars':>7s} {'ms':>7s} {'chars/ms':>8s}")
    for raw in raws:
        best = min(_time(raw) for _ in range(args.repeat))
        n = len(raw.raw)
        total_ms += best
        total_chars += n
        print(f"{Path(raw.path).name[:60]:60s} {n:7d} {best:7.1f} {n / max(best, 1e-6):8.0f}")
    print(f"{'total':60s} {int(total_chars):7d} {total_ms:7.1f} {total_chars / total_ms:8.0f}")


def _time(raw: object) -> float:
    t = time.perf_counter()
    build_document(raw)  # type: ignore[arg-type]
    return (time.perf_counter() - t) * 1000


if __name__ == "__main__":
    main()
