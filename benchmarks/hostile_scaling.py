"""Extraction time against document size: 1×, 10× and 100× the corpus's largest document.

    python benchmarks/hostile_scaling.py [--sizes 1,10,100] [--file corpus/real/….txt]

Three shapes of each size: the document repeated (real sentences, real dates); the same text with
every sentence end removed (no ``.``, ``;``, ``|`` or line break: one 3.6 M character line at 100×);
and that line with a dated deadline after each former paragraph,
the shape that made every deadline's clause the whole text before `dates.SENTENCE_REACH` (issue 12:
a 0.5 MB text without sentence ends took 157 s).  Linear time shows as a constant µs per character.
The character budget is raised for the run (100× the largest document passes the default 3 M).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCANS = ("-scan.pdf",)


def largest_document() -> tuple[Path, str]:
    """The corpus document with the most text after reading (scans left out: OCR is not the point)."""
    from vnplan import read

    best: tuple[Path, str] = (Path(), "")
    files = sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted((ROOT / "corpus" / "real").iterdir())
    for path in files:
        if path.suffix not in (".txt", ".md", ".docx", ".pdf") or path.name.endswith(SCANS):
            continue
        try:
            text = read(path, ocr=False).text
        except Exception:  # noqa: BLE001, S112 - a corpus file that does not read is not a candidate
            continue
        if len(text) > len(best[1]):
            best = (path, text)
    return best


def flatten(text: str) -> str:
    """The text with no sentence end left: full stops, semicolons, bars and line breaks become spaces."""
    return re.sub(r"[.;!?|:\n]+", " ", text)


def with_deadlines(text: str) -> str:
    """The text with a dated deadline after every paragraph (about one per 300 characters)."""
    return "\n".join(f"{line} các đơn vị báo cáo trước ngày {1 + i % 28}/10/2025" if line.strip() else line
                     for i, line in enumerate(text.splitlines()))


def time_extract(text: str, folder: str, name: str) -> tuple[float, int, int]:
    """Seconds to extract a text file holding ``text``; the deadlines and citations found."""
    from vnplan import extract

    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    rec = extract(path)
    return time.perf_counter() - t, len(rec.deadlines), len(rec.citations)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--file", help="use this document instead of the corpus's largest")
    args = ap.parse_args()
    from vnplan import read
    from vnplan.read.budget import set_budget

    if args.file:
        source, base = Path(args.file), read(args.file, ocr=False).text
    else:
        source, base = largest_document()
    set_budget(max_chars=400 * len(base), max_bytes=2 * 1024 ** 3)
    print(f"largest document: {source.name} ({len(base):,} characters)")
    print(f"{'size':>5} {'shape':<16} {'characters':>11} {'seconds':>8} {'µs/char':>8} {'deadlines':>9} {'citations':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            repeated = "\n\n".join([base] * n)
            shapes = (("repeated", repeated), ("no sentence end", flatten(repeated)),
                      ("dated, no end", flatten(with_deadlines(repeated))))
            for shape, text in shapes:
                secs, deadlines, cites = time_extract(text, tmp, f"{n}-{len(text)}.txt")
                print(f"{n:>4}× {shape:<16} {len(text):>11,} {secs:>8.2f} {secs / len(text) * 1e6:>8.2f} "
                      f"{deadlines:>9} {cites:>9}", flush=True)


if __name__ == "__main__":
    main()
