"""Leave-documents-out cross-validation of the section-role model (`vnplan.structure.section_model`).

    python scripts/cv_section_roles.py                  # 5 folds over the corpus and archive rounds 1-3
    python scripts/cv_section_roles.py --folds 5 --workers 2 --out /tmp/cv.json
    python scripts/cv_section_roles.py --strategies fallback --threshold 0.5   # a lower bar for the model

The documents of ``scripts/train_section_roles.py`` (the 33 corpus documents and the archive documents of
rounds 1-3; never the round-4 held-out set) are shuffled with a fixed seed and dealt into folds.  For each
fold a model is fitted on the headings (``corpus/section_roles/rows.jsonl``) of the other folds only, then:

1. **headings**: accuracy and per-class F1 on the fold's headings, of the model, of the keyword table
   (``data/headings.tsv``) and of the table with the model as fallback (what `roles.find_section` does);
2. **fields**: the fold's documents are extracted with that fold's model under each strategy and scored
   against their gold records (activities, responsibilities, overall):

   - ``rules``: the keyword table only (the model is never asked);
   - ``fallback``: the table, and the model where the table names no activities / organisation section
     (the shipped strategy);
   - ``model_first``: the model's confident section wins over the table's for activities / organisation.

So every number is measured on documents whose headings the model was not fitted on.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

SEED = 20261209
STRATEGIES = ("rules", "fallback", "model_first")
FIELDS = ("activities", "responsibilities")


def folds_of(docs: list[str], k: int) -> dict[str, int]:
    """Each document's fold: a seeded shuffle of the sorted names, dealt round-robin."""
    order = sorted(docs)
    random.Random(SEED).shuffle(order)
    return {d: i % k for i, d in enumerate(order)}


def _extract(job: tuple[str, dict, str]) -> dict:
    """Extract one file with ``model`` swapped in and ``strategy`` chosen (runs in a worker process)."""
    path, model, strategy = job
    from vnplan.batch.runner import process_file
    from vnplan.structure import roles, section_model

    section_model._model = lambda: model  # type: ignore[assignment]
    roles.SECTION_STRATEGY = strategy
    rec = process_file(path)
    rec.setdefault("source", {})["path"] = path
    return rec


def heading_scores(rows: list[dict], model: dict, threshold: float) -> dict[str, dict]:
    """Accuracy and F1 of the model, the table and the table-then-model on ``rows``."""
    from sklearn.metrics import accuracy_score, f1_score

    from vnplan.structure import section_model

    section_model._model = lambda: model  # type: ignore[assignment]
    y = [r["label"] for r in rows]
    probs = [section_model.role_probabilities(r["features"]) for r in rows]
    by_model = [max(p, key=p.get) for p in probs]
    table = [r["rule"] for r in rows]
    combined = [t if t != "other" else next((c for c in ("activities", "organisation") if p[c] >= threshold), "other")
                for t, p in zip(table, probs)]
    labels = ["activities", "organisation", "other"]
    out = {}
    for name, pred in (("model", by_model), ("table", table), ("table+model", combined)):
        f1 = f1_score(y, pred, labels=labels, average=None, zero_division=0)
        out[name] = {"accuracy": round(accuracy_score(y, pred), 3),
                     **{f"f1_{c}": round(float(v), 3) for c, v in zip(labels, f1)}}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-fields", action="store_true", help="heading scores only (no extraction)")
    ap.add_argument("--strategies", default=",".join(STRATEGIES), help="comma-separated, of " + ", ".join(STRATEGIES))
    ap.add_argument("--threshold", type=float, default=None, help="the model's probability bar (default: shipped)")
    ap.add_argument("--out", default=None, help="write every number as JSON here")
    args = ap.parse_args(argv)

    import scorer
    from train_section_roles import THRESHOLD, _documents, fit_model, load_rows

    strategies = [s for s in args.strategies.split(",") if s]
    threshold = THRESHOLD if args.threshold is None else args.threshold
    rows = load_rows()
    documents = _documents()
    fold = folds_of([p.name for p, _ in documents], args.folds)
    report: dict = {"folds": args.folds, "seed": SEED, "documents": len(documents), "threshold": threshold,
                    "per_fold": []}
    all_scores: dict[str, list[dict]] = {s: [] for s in strategies}
    for f in range(args.folds):
        train_rows = [r for r in rows if fold.get(r["doc"], -1) != f]
        test_rows = [r for r in rows if fold.get(r["doc"]) == f]
        model = {**fit_model(train_rows), "threshold": threshold}
        entry: dict = {"fold": f, "train_headings": len(train_rows), "test_headings": len(test_rows),
                       "headings": heading_scores(test_rows, model, threshold)}
        docs = [(p, g) for p, g in documents if fold[p.name] == f]
        entry["documents"] = len(docs)
        if not args.no_fields:
            entry["fields"] = {}
            for strategy in strategies:
                jobs = [(str(p), model, strategy) for p, _ in docs]
                with ProcessPoolExecutor(args.workers) as pool:
                    recs = list(pool.map(_extract, jobs))
                scores = [scorer.score_document(g, r) for (_, g), r in zip(docs, recs)]
                all_scores[strategy] += scores
                entry["fields"][strategy] = {
                    **{k: round(mean(s[k] for s in scores if k in s), 3) for k in FIELDS},
                    "overall": round(mean(v for s in scores for v in s.values()), 4)}
        report["per_fold"].append(entry)
        h = entry["headings"]
        line = (f"fold {f}: {entry['documents']:3d} docs {len(test_rows):3d} headings | accuracy model "
                f"{h['model']['accuracy']:.3f} table {h['table']['accuracy']:.3f} "
                f"table+model {h['table+model']['accuracy']:.3f}")
        if "fields" in entry:
            line += " | " + "  ".join(
                f"{s}: act {v['activities']:.3f} resp {v['responsibilities']:.3f} all {v['overall']:.4f}"
                for s, v in entry["fields"].items())
        print(line, flush=True)
    if not args.no_fields:
        report["total"] = {s: {**{k: round(mean(x[k] for x in sc if k in x), 3) for k in FIELDS},
                               "overall": round(mean(v for x in sc for v in x.values()), 4)}
                           for s, sc in all_scores.items()}
        for s, v in report["total"].items():
            print(f"all folds, {s:12s} activities {v['activities']:.3f}  responsibilities "
                  f"{v['responsibilities']:.3f}  overall {v['overall']:.4f}")
    if args.out:
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
