"""Extract every gold document of the corpus and score the records with the shared scorer.

    python scripts/score_corpus.py [--by-doc] [--out records.jsonl] [--rendered]

Uses ``../shared/eval/score.py`` when present, else the scorer copy in tests/.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_files(rendered: bool) -> tuple[list[Path], Path]:
    if rendered:
        folder = ROOT / "tests" / "fixtures" / "rendered"
        return sorted(p for p in folder.iterdir() if p.suffix in (".docx", ".pdf")), folder / "gold"
    files = sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "corpus" / "real").iterdir() if p.name != "SOURCES.md")
    return files, ROOT / "corpus" / "gold"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="/tmp/vnplan-records.jsonl")
    ap.add_argument("--by-doc", action="store_true")
    ap.add_argument("--rendered", action="store_true", help="score the DOCX/PDF renders of the seeds")
    args = ap.parse_args(argv)
    from vnplan.errors import VnplanError
    from vnplan.extract import extract

    files, gold = corpus_files(args.rendered)
    with open(args.out, "w", encoding="utf-8") as fh:
        for path in files:
            t = time.perf_counter()
            try:
                rec = extract(path).to_dict()
            except VnplanError as exc:
                print(f"error: {exc}", file=sys.stderr)
                continue
            print(f"{time.perf_counter() - t:6.2f}s {path.name}", file=sys.stderr)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer.exists():
        scorer = ROOT / "tests" / "scorer.py"
    cmd = [sys.executable, str(scorer), "--gold", str(gold), "--pred", args.out]
    if args.by_doc:
        cmd.append("--by-doc")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
