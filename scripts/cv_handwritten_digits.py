"""Cross-validate the handwritten-digit reader by document (GroupKFold) on the tuning scans' blanks.

    python scripts/train_handwritten_digits.py --cut   # first: corpus/handwritten_digits/crops.npz
    python scripts/cv_handwritten_digits.py [--folds 5]

Each fold trains on ``load_digits`` and the crops of the other documents, and reads the blanks of its
own documents.  Reported: digit accuracy on the labelled crops; for each field (number, day, month) the
blanks read right, wrong and left alone at each confidence threshold; and the number and issue_date of
the documents where today's record (``/work/runs/s7/all132_final.jsonl`` or ``--records``) has no value,
before and after the reading fills it, per file class, so a threshold is chosen only where nothing is lost.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_handwritten_digits import CROPS, GOLD, fit, training_data

from vnplan.read.digit_model import read_digits

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def fold_probabilities(folds: int, weight: int) -> tuple[np.ndarray, dict]:
    """Out-of-fold class probabilities of every digit candidate, and the crops file."""
    from sklearn.model_selection import GroupKFold

    z = np.load(CROPS)
    docs = z["docs"]
    probs = np.zeros((len(docs), 10))
    names = np.array(sorted(set(docs)))
    for _, test in GroupKFold(n_splits=folds).split(names, groups=names):
        held = set(names[test])
        x, y = training_data(exclude_docs=held)
        model = fit(x, y, weight_crops=weight)
        rows = np.array([d in held for d in docs])
        probs[rows] = model.predict_proba(z["features"][rows].astype(float) / 16.0)
    return probs, {k: z[k] for k in z.files}


def readings(probs: np.ndarray, z: dict) -> list[tuple[str, float]]:
    """Per blank: the digits read and the confidence (`vnplan.read.digit_model.read_digits`, as shipped)."""
    gaps = json.loads(str(z["gaps"]))
    out: list[tuple[str, float]] = [("", 0.0)] * len(gaps)
    for b in range(len(gaps)):
        rows = np.nonzero(z["blank"] == b)[0]
        if len(rows):
            out[b] = read_digits(probs[rows], gaps[b]["field"])
    return out


def _valid_day(day: str, month: int, year: int) -> bool:
    import datetime as dt

    try:
        dt.date(year, month, int(day))
    except ValueError:
        return False
    return True


def simulate(gaps: list[dict], read: list[tuple[str, float]], records: str) -> None:
    """Number and issue_date of the tuning scans before and after the reading fills today's null, by threshold."""
    today = {}
    for line in Path(records).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        today[Path(r["source"]["path"]).name] = r
    by_doc: dict[str, dict[str, tuple[dict, tuple[str, float]]]] = {}
    for g, r in zip(gaps, read):
        by_doc.setdefault(g["doc"], {})[g["field"]] = (g, r)
    print("\nfilling today's null values (right/wrong among filled; field score of the scans before -> after)")
    for field in ("number", "issue_date"):
        for t in THRESHOLDS[2:]:
            ok = bad = 0
            for doc, blanks in by_doc.items():
                rec = today.get(doc)
                gold = json.loads((GOLD / f"{doc}.json").read_text(encoding="utf-8"))
                if rec is None or rec.get(field) is not None:
                    continue
                value = None
                if field == "number" and "number" in blanks:
                    v, c = blanks["number"][1]
                    value = v if v and c >= t else None
                elif field == "issue_date" and "day" in blanks and rec.get("issue_year"):
                    v, c = blanks["day"][1]
                    month = None
                    if "month" in blanks:
                        g, (mv, mc) = blanks["month"]
                        printed = [w for w in g["ocr"].split() if w.isdigit()]
                        month = int(printed[0]) if printed else (int(mv) if mv and mc >= t else None)
                    year = int(rec["issue_year"])
                    if v and c >= t and month and 1 <= month <= 12 and _valid_day(v, month, year):
                        value = f"{year:04d}-{month:02d}-{int(v):02d}"
                if value is not None:
                    ok += value == gold.get(field)
                    bad += value != gold.get(field)
            print(f"  {field:10s} threshold {t:.1f}: {ok} right, {bad} wrong (of {len(by_doc)} scans with a blank)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--weight", type=int, default=3)
    ap.add_argument("--records", default="/work/runs/s7/all132_final.jsonl")
    args = ap.parse_args(argv)
    probs, z = fold_probabilities(args.folds, args.weight)
    lab = z["labels"] >= 0
    acc = (probs[lab].argmax(axis=1) == z["labels"][lab]).mean()
    print(f"digit accuracy (out of fold, {lab.sum()} labelled crops of {len(set(z['docs'][lab]))} documents): {acc:.3f}")
    gaps = json.loads(str(z["gaps"]))
    read = readings(probs, z)
    print("\nblanks not read by OCR (gold not in the OCR text): right / wrong / abstained, by threshold")
    for field in ("number", "day", "month"):
        rows = [(g, r) for g, r in zip(gaps, read) if g["field"] == field and g["gold"] and not g["printed"]]
        line = []
        for t in THRESHOLDS:
            ok = sum(1 for g, (v, c) in rows if c >= t and v and v in g["gold"])
            bad = sum(1 for g, (v, c) in rows if c >= t and v and v not in g["gold"])
            line.append(f"{t:.1f}:{ok}/{bad}/{len(rows) - ok - bad}")
        print(f"  {field:7s} n={len(rows):3d}  " + "  ".join(line))
    simulate(gaps, read, args.records)
    print("\nper blank (doc field gold ocr -> read conf)")
    for g, (v, c) in zip(gaps, read):
        if g["gold"] and not g["printed"]:
            print(f"  {g['doc'][:28]:28s} {g['field']:6s} {'/'.join(g['gold']):8s} {g['ocr'][:14]!r:16s} {g['mode']:4s} -> {v or '-':6s} {c:.2f} {'OK' if v in g['gold'] else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
