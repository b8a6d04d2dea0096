"""Leave-documents-out cross-validation of the citation-relation model (`vnplan.extract.citation_model`).

    python scripts/cv_citation_relations.py                       # 5 folds, threshold 0.5
    python scripts/cv_citation_relations.py --folds 5 --threshold 0.7 --c 0.5

The rows of ``scripts/train_citation_relations.py`` (found citations of the corpus and archive rounds 1-3
matched to gold; never round 4) are dealt into folds by document with a fixed seed.  For each fold a
model is fitted on the other folds' rows only, and the fold's citations are relabelled by each strategy:

- ``rules``: the cue rules' relation (what the rows hold as ``rule``);
- ``fallback``: the model where the rules say ``mentions`` (no cue fired);
- ``first``: the model for every citation but an ``attached_to``.

A strategy's score is the ``citation_relations`` field of the scorer over the fold: the mean per document
of the share of its matched citations whose relation equals the gold one (documents with no matched
citation are left out, as the scorer does), plus the plain accuracy over the fold's citations.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

SEED = 20261206
STRATEGIES = ("rules", "fallback", "first")


def folds_of(docs: list[str], k: int) -> dict[str, int]:
    order = sorted(docs)
    random.Random(SEED).shuffle(order)
    return {d: i % k for i, d in enumerate(order)}


def decide(row: dict, probs: dict[str, float], strategy: str, threshold: float) -> str:
    rule = row["rule"] or "mentions"
    if strategy == "rules" or rule == "attached_to" or (strategy == "fallback" and rule != "mentions"):
        return rule
    best = max(probs, key=lambda c: probs[c])
    return best if best != "attached_to" and probs[best] >= threshold else rule


def field(rows: list[dict], preds: list[str]) -> tuple[float, float]:
    """(citation_relations as the scorer means it, accuracy over citations)."""
    by_doc: dict[str, list[float]] = {}
    for r, p in zip(rows, preds):
        by_doc.setdefault(r["doc"], []).append(float(r["label"] == p))
    return mean(mean(v) for v in by_doc.values()), mean(float(r["label"] == p) for r, p in zip(rows, preds))


def main(argv: list[str] | None = None) -> int:
    from train_citation_relations import fit_model, load_rows

    from vnplan.extract.citation_model import relation_probabilities

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--c", type=float, default=1.0)
    args = ap.parse_args(argv)
    rows = load_rows()
    fold = folds_of(sorted({r["doc"] for r in rows}), args.folds)
    all_preds: dict[str, list[tuple[dict, str]]] = {s: [] for s in STRATEGIES}
    print(f"{len(rows)} citations, {len(fold)} documents, {args.folds} folds, threshold {args.threshold}, C {args.c}")
    print("fold  docs  cites  " + "  ".join(f"{s:>17s}" for s in STRATEGIES) + "   (field / accuracy)")
    for k in range(args.folds):
        train = [r for r in rows if fold[r["doc"]] != k]
        test = [r for r in rows if fold[r["doc"]] == k]
        model = fit_model(train, args.c)
        probs = [relation_probabilities(r["features"], model) for r in test]
        cells = []
        for s in STRATEGIES:
            preds = [decide(r, p, s, args.threshold) for r, p in zip(test, probs)]
            all_preds[s] += list(zip(test, preds))
            f, a = field(test, preds)
            cells.append(f"{f:.3f} / {a:.3f}")
        print(f"{k:>4d}  {len({r['doc'] for r in test}):>4d}  {len(test):>5d}  " + "  ".join(f"{c:>17s}" for c in cells))
    cells = []
    for s in STRATEGIES:
        f, a = field([r for r, _ in all_preds[s]], [p for _, p in all_preds[s]])
        cells.append(f"{f:.3f} / {a:.3f}")
    print(f" all  {len(fold):>4d}  {len(rows):>5d}  " + "  ".join(f"{c:>17s}" for c in cells))
    for s in STRATEGIES[1:]:
        changed = [(r, p) for r, p in all_preds[s] if p != (r["rule"] or "mentions")]
        fixed = sum(1 for r, p in changed if p == r["label"])
        broken = sum(1 for r, _ in changed if r["rule"] == r["label"])
        print(f"{s}: {len(changed)} relations changed, {fixed} fixed, {broken} broken")
    return 0


if __name__ == "__main__":
    sys.exit(main())
