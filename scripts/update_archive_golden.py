"""Regenerate tests/golden/archive/<file>.json: the extracted record of every annotated archive document.

Run after a deliberate change to extraction, then review the diff of the **tuning** documents only
(`git diff tests/golden/archive`): the held-out half is pinned so that a change to it shows up, but its
output must not drive a rule (corpus/archive/README.md).  Records come from scripts/score_archive.py's
cache (the batch path of ``vnplan extract``: .doc converted with LibreOffice, scans OCR-ed).

    python scripts/update_archive_golden.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from score_archive import records_for, split_files  # noqa: E402
from update_record_golden import pinned  # noqa: E402

OUT = ROOT / "tests" / "golden" / "archive"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    # rounds 1-4, and round 5, pinned after its one scoring (session 8)
    files = split_files("all") + split_files("heldout5")
    for path, record in zip(files, records_for(files, workers=2)):
        if "error" in record:
            print(f"skipped {path.name}: {record['error']}", file=sys.stderr)
            continue
        (OUT / f"{path.name}.json").write_text(json.dumps(pinned(record), ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    print(f"wrote {len(list(OUT.glob('*.json')))} golden records to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
