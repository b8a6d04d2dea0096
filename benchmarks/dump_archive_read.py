"""Dump `vnplan read` text of the born-digital archive PDFs to a folder, to diff before/after a speed change.

    PYTHONPATH=$PWD python benchmarks/dump_archive_read.py OUT_DIR
"""
from __future__ import annotations

import sys
from pathlib import Path

from bench_archive_read import split_pdfs

from vnplan.read import read


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    born, _ = split_pdfs()
    for p in born:
        (out / (p.stem + ".txt")).write_text(read(p, ocr=False).text, encoding="utf-8")
    print(f"{len(born)} files written to {out}")


if __name__ == "__main__":
    main()
