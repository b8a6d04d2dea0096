#!/usr/bin/env python
"""Regenerate tests/golden/outlines/<file>.json from the corpus (the outline golden tests compare against them).

    python scripts/update_outline_golden.py            # every corpus file not in SKIP
    python scripts/update_outline_golden.py 036_qd-254-ubnd-tinh-sonla-ban-hanh-kh-bao-ve-bmnn-2023.tvpl.md.txt

A file is pinned only if the gold record's number, title, signer and recipients
are findable in the outline's header and closing (tests/outline_checks.py);
otherwise the script prints what is missing and writes nothing for it (use
--force after checking the outline by eye).  Look at each new golden file
(`vnplan read FILE --outline`) before committing it: a golden file that pins a
wrong outline is a defect.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from outline_checks import gold_problems  # noqa: E402

from vnplan.read import read  # noqa: E402
from vnplan.read.ocr import tesseract_available  # noqa: E402
from vnplan.structure import segment  # noqa: E402
from vnplan.export.outline import outline_dict  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "outlines"
GOLD = ROOT / "corpus" / "gold"
# Files not pinned yet, with the reason (re-check when the readers improve).
SKIP: dict[str, str] = {}
# Image-only scans: read through OCR, pinned with "ocr": true and compared with a
# similarity per text (tests/outline_checks.py: OCR_SIMILARITY).
SCANS = {
    "004_cv-3722-vpcp-cn-metro-scan.pdf",
    "068_cv-4214-bca-c04-trien-khai-ctmtqg-phong-chong-ma-tuy-scan.pdf",
}


def corpus_files() -> list[Path]:
    files = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    files += sorted(p for p in (ROOT / "corpus" / "real").iterdir() if p.name != "SOURCES.md")
    return files


def read_outline(path: Path):  # type: ignore[no-untyped-def]
    """The outline the golden tests compare: OCR only for the scans."""
    return segment(read(path, ocr=path.name in SCANS))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="corpus file names (default: all)")
    ap.add_argument("--force", action="store_true", help="write even when gold fields are not found")
    args = ap.parse_args(argv)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in corpus_files():
        if args.names and path.name not in args.names:
            continue
        if path.name in SKIP and not args.force:
            print(f"skip {path.name}: {SKIP[path.name]}")
            continue
        scan = path.name in SCANS
        if scan and tesseract_available() is None:
            print(f"skip {path.name}: a scan, and Tesseract (vie) is not installed")
            continue
        outline = read_outline(path)
        gold_file = GOLD / f"{path.name}.json"
        gold = json.loads(gold_file.read_text(encoding="utf-8")) if gold_file.exists() else {}
        problems = gold_problems(outline, gold, fuzzy=scan) if gold else []
        if problems and not args.force:
            print(f"not written {path.name}: " + "; ".join(problems))
            continue
        data = {"file": path.name, "ocr": scan, "outline": outline_dict(outline)}
        (GOLDEN / f"{path.name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written += 1
    print(f"{written} golden outline(s) written to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
