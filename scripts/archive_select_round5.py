"""Round 5 of archive annotation: the last fresh held-out set (session 8, issue 14).

Round 4 was scored once at the end of session 7 and its failures were read afterwards, so it is tuning
material now. Only 19 never-annotated files were left in round 4's pool, too few to draw from, so this
round takes the WHOLE remaining pool, without sampling, under a rule fixed before any file is looked at:

- archive files not in split.json;
- PDFs of at most 12 pages (the annotators' limit), classed ``scan`` or ``born_digital``;
- ``.doc`` and ``.docx`` files of at most 150 KB.

Files named in ``../shared/archive/CHAINS.md`` are included this time, flagged ``"chains": true``:
the opt-in CHAINS test has run vnplan on them and session 4's scan-header fixes were checked on some,
so they are only *mostly* unseen. Scores are reported for the clean files (``chains`` false) and the
CHAINS files separately. Run once, before any gold is written:

    python scripts/archive_select_round5.py corpus/archive/split.json

Every file gets ``"split": "heldout5"``, ``"round": 5``; ``split.json``'s ``"heldout"`` key names the
current held-out split for the scripts, benchmarks and tests. An annotator who finds a file unusable
(not a document of the kinds the spec covers, more than 12 pages once converted) leaves it out and says
why; the file stays listed with ``"annotated": false``.
"""
from __future__ import annotations

import json
import sys

from archive_select import pdf_class
from archive_select_round3 import ARCHIVE

ROUND = 5
MAX_PAGES = 12
MAX_WORD_BYTES = 150_000


def pool(taken: set[str]) -> list[dict[str, object]]:
    """Every never-annotated archive file within the limits, with its class and CHAINS flag."""
    chains = (ARCHIVE / "CHAINS.md").read_text(encoding="utf-8")
    out: list[dict[str, object]] = []
    for path in sorted((ARCHIVE / "docs").iterdir()):
        if path.name in taken:
            continue
        ext = path.suffix.lower()
        if ext == ".pdf":
            cls, pages = pdf_class(path)
            if pages > MAX_PAGES:
                continue
        elif ext in (".doc", ".docx") and path.stat().st_size <= MAX_WORD_BYTES:
            cls = ext[1:]
        else:
            continue
        out.append({"file": path.name, "class": cls, "split": f"heldout{ROUND}", "round": ROUND,
                    "chains": path.name in chains})
    return out


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        split = json.load(fh)
    taken = {d["file"] for d in split["documents"]}
    drawn = pool(taken)
    split["documents"].extend(drawn)
    split[f"round_{ROUND}"] = {"rule": "whole remaining pool", "max_pages": MAX_PAGES,
                               "max_word_bytes": MAX_WORD_BYTES, "files": len(drawn),
                               f"tuning_after_round_{ROUND}": ["tuning", "heldout", "heldout3", "heldout4"]}
    split["heldout"] = f"heldout{ROUND}"
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(split, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
