"""Build ``vnplan/data/plan_word_pairs.tsv`` and ``plan_syllables.tsv``: the plan wording of the gold records.

The OCR repair (`vnplan.normalize.ocr_lexicon`) asks it, beside the Viet74K word list, whether two
neighbouring syllables are plan wording (``về việc``, ``để báo cáo``, ``tổ chức``): function-word
pairs that no dictionary lists.  The pairs come from the gold records' text fields (title,
activities, tasks, deadlines, citations, recipients, responsibilities) of the 33 corpus documents
(``../shared/eval/gold``) and of the annotated archive rounds 1-4 (``corpus/archive/split.json``);
never from a held-out round.  A pair is kept when it occurs in at least ``--min-docs`` documents, so
one document's wording or a name does not make a rule.  ``plan_syllables.tsv`` counts each syllable
in the same gold text: a syllable plan wording uses often (``lương``, ``dân``) is never "repaired" into
a rarer one, and a rare reading (``tô``, ``sô``) of a common word is suspect.

    python scripts/build_plan_word_pairs.py [--min-docs 2]
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_GOLD = ROOT.parent / "shared" / "eval" / "gold"
ARCHIVE_GOLD = ROOT / "corpus" / "archive" / "gold"
SPLIT = ROOT / "corpus" / "archive" / "split.json"
OUT = ROOT / "vnplan" / "data" / "plan_word_pairs.tsv"
OUT_SYLLABLES = ROOT / "vnplan" / "data" / "plan_syllables.tsv"
_RUN = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")  # runs of words not broken by punctuation or digits
_WORD = re.compile(r"[^\W\d_]+")


def gold_files() -> list[Path]:
    """Gold records of the corpus and of archive rounds 1-4 (no held-out round)."""
    docs = json.loads(SPLIT.read_text(encoding="utf-8"))["documents"]
    tuning = {d["file"] for d in docs if d.get("round", 1) <= 4 and d.get("split") != "heldout5"}
    archive = [p for p in sorted(ARCHIVE_GOLD.glob("*.json")) if p.name.removesuffix(".json") in tuning]
    return sorted(CORPUS_GOLD.glob("*.json")) + archive


def strings(value: object) -> list[str]:
    """Every string in a gold record's text fields."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("file", "notes", "date", "relation") for s in strings(v)]
    return []


def pairs_of(text: str) -> set[tuple[str, str]]:
    """Lower-case syllable pairs that stand side by side in ``text`` (no punctuation between)."""
    text = unicodedata.normalize("NFC", text).lower()
    out: set[tuple[str, str]] = set()
    for run in _RUN.finditer(text):
        out.update(itertools.pairwise(_WORD.findall(run.group(0))))
    return out


def build(min_docs: int = 2) -> Counter[tuple[str, str]]:
    """Pairs with the number of gold documents they occur in (at least ``min_docs``)."""
    seen: Counter[tuple[str, str]] = Counter()
    for path in gold_files():
        record = json.loads(path.read_text(encoding="utf-8"))
        seen.update(set().union(*[pairs_of(s) for s in strings(record)] or [set()]))
    return Counter({p: n for p, n in seen.items() if n >= min_docs})


def syllable_counts() -> Counter[str]:
    """How often each lower-case syllable occurs in the gold text."""
    counts: Counter[str] = Counter()
    for path in gold_files():
        for s in strings(json.loads(path.read_text(encoding="utf-8"))):
            counts.update(_WORD.findall(unicodedata.normalize("NFC", s).lower()))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-docs", type=int, default=2)
    args = parser.parse_args()
    pairs = build(args.min_docs)
    lines = [
        "# Syllable pairs of Vietnamese plan wording, from the gold records of the corpus and archive rounds 1-4.",
        f"# Built by scripts/build_plan_word_pairs.py (--min-docs {args.min_docs}); do not edit by hand.",
        "first\tsecond\tdocs",
    ]
    lines += [f"{a}\t{b}\t{n}" for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = syllable_counts()
    lines = [
        "# Syllables of Vietnamese plan wording with their count in the gold records of the corpus and archive rounds 1-4.",
        "# Built by scripts/build_plan_word_pairs.py; do not edit by hand.",
        "syllable\tcount",
    ]
    lines += [f"{w}\t{n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    OUT_SYLLABLES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} syllables -> {OUT_SYLLABLES.relative_to(ROOT)}")
    print(f"{len(pairs)} pairs from {len(gold_files())} gold records -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
