"""Write vnplan/data/record.schema.json: the JSON Schema of a record, generated from `vnplan.model`.

Run after changing the model; `tests/test_model_schema.py` fails while the file is out of date.

    python scripts/update_record_schema.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vnplan.model.schema import record_schema  # noqa: E402

OUT = ROOT / "vnplan" / "data" / "record.schema.json"


def render() -> str:
    """The schema file's text."""
    return json.dumps(record_schema(), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print("wrote", OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
