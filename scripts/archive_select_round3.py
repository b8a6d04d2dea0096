"""Round 3 of archive annotation: a fresh held-out set (issue 14).

The held-out half of rounds 1–2 was scored once, at the end of session 4, and its failures were then
read: from now on it is tuning material, and held-out numbers from it would no longer be honest. This
round draws a NEW held-out set from archive files never annotated, never tuned on and never named in
the repository, and appends it to ``corpus/archive/split.json`` with ``"split": "heldout3"``. Every
round-3 document is held out; none is tuned on. Run once, before any gold is written:

    python scripts/archive_select_round3.py corpus/archive/split.json

Pool (from the files alone, not from vnplan): archive files not in split.json; not listed in
``../shared/archive/CHAINS.md`` (the opt-in CHAINS test runs vnplan on those, and scan-header fixes of
session 4 were checked on some of them); PDFs of at most 10 pages, classed ``scan`` or
``born_digital`` by ``archive_select.pdf_class``; legacy ``.doc`` files of at most 150 KB (the one
.docx left is in CHAINS). vnplan's archive-wide table (issue 11) has counted fields over all 180 files,
so these files have been extracted in aggregate, but no rule was written while reading one of them.

Draw: seed ``20261207``; 12 scans, 12 born-digital PDFs and 4 .doc files, each class shuffled. The rest
of each class, in the same seeded order, is the reserve: an annotator who finds a drawn document
unusable (more than 12 pages once rendered, not a document of the kinds the spec covers) replaces it by
the next reserve document of its class, and the gold's ``notes`` say so.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from archive_select import pdf_class

SEED = 20261207
QUOTA = {"scan": 12, "born_digital": 12, "doc": 4}
ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "archive"


def pools(taken: set[str]) -> dict[str, list[str]]:
    chains = (ARCHIVE / "CHAINS.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {k: [] for k in QUOTA}
    for path in sorted((ARCHIVE / "docs").iterdir()):
        if path.name in taken or path.name in chains:
            continue
        ext = path.suffix.lower()
        if ext == ".pdf":
            cls, pages = pdf_class(path)
            if pages <= 10:
                out[cls].append(path.name)
        elif ext == ".doc" and path.stat().st_size <= 150_000:
            out["doc"].append(path.name)
    return out


def draw(path: str, seed: int, quota: dict[str, int], round_no: int, tuning_after: list[str]) -> None:
    """Append a seeded draw of never-annotated files to split.json as ``heldout<round_no>``, with its reserve."""
    with open(path, encoding="utf-8") as fh:
        split = json.load(fh)
    taken = {d["file"] for d in split["documents"]}
    rng = random.Random(seed)
    drawn, reserve = [], {}
    for cls, pool in pools(taken).items():
        order = sorted(pool)
        rng.shuffle(order)
        drawn += [{"file": n, "class": cls, "split": f"heldout{round_no}", "round": round_no}
                  for n in order[:quota[cls]]]
        reserve[cls] = order[quota[cls]:]
    split["documents"].extend(sorted(drawn, key=lambda d: d["file"]))
    split[f"round_{round_no}"] = {"seed": seed, "quota": quota, "reserve": reserve,
                                  f"tuning_after_round_{round_no}": tuning_after}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(split, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def main(path: str) -> None:
    draw(path, SEED, QUOTA, 3, ["tuning", "heldout"])


if __name__ == "__main__":
    main(sys.argv[1])
