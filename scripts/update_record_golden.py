"""Regenerate tests/golden/records/<file>.json: the extracted record of every corpus document.

Run after a deliberate change to extraction, then read the diff (`git diff tests/golden/records`)
and keep only changes that are improvements: the golden tests pin what works.

    python scripts/update_record_golden.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import corpus_files  # noqa: E402

from vnplan.extract import extract  # noqa: E402
from vnplan.record import CONTRACT_FIELDS  # noqa: E402

OUT = ROOT / "tests" / "golden" / "records"


def pinned(record: dict) -> dict:
    """The contract fields of a record with their provenance, without the source path (machine-dependent).

    Every value keeps its `vnplan.model.Source` (list items under ``"provenance"``, the other fields in
    ``provenance``), so a change of where a value was found shows in the diff like a change of the value.
    """
    return {k: record[k] for k in (*CONTRACT_FIELDS, "provenance") if k != "source"}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for path in corpus_files():
        record = extract(path).to_dict()
        (OUT / f"{path.name}.json").write_text(json.dumps(pinned(record), ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
        print("wrote", path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
