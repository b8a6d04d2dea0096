"""Round 4 of archive annotation: a fresh held-out set for session 7 (issue 14).

Round 3 was scored once at the end of session 6 and its failures are read from session 7 on, so it is
tuning material now. This round draws a NEW held-out set from the archive files still never annotated,
with the same pool rule as round 3 (``archive_select_round3.pools``: not in split.json, not named in
``../shared/archive/CHAINS.md``, PDFs of at most 10 pages classed scan or born-digital, ``.doc`` files of
at most 150 KB), and appends it to ``corpus/archive/split.json`` with ``"split": "heldout4"``. Run once,
before any gold is written:

    python scripts/archive_select_round4.py corpus/archive/split.json

Draw: seed ``20261208``; 12 scans, 12 born-digital PDFs and 4 .doc files, each class shuffled (the pool
left after round 3 holds 27 scans, 13 born-digital PDFs and 7 .doc files). The rest of each class, in the
same seeded order, is the reserve: an annotator who finds a drawn document unusable (more than 12 pages
once rendered, or not a document of the kinds the spec covers) replaces it by the next reserve document
of its class, and the gold's ``notes`` say so. These files went through the archive-wide extraction
runs of earlier sessions (issue 11 counts over all 180 files), but no record of one was read and no rule
was written while looking at one.
"""
from __future__ import annotations

import sys

from archive_select_round3 import draw

SEED = 20261208
QUOTA = {"scan": 12, "born_digital": 12, "doc": 4}


def main(path: str) -> None:
    draw(path, SEED, QUOTA, 4, ["tuning", "heldout", "heldout3"])


if __name__ == "__main__":
    main(sys.argv[1])
