"""Train the section-role classifier shipped in ``vnplan/data/section_role_model.json``.

    python scripts/train_section_roles.py --rows     # rebuild corpus/section_roles/rows.jsonl from the documents
    python scripts/train_section_roles.py            # cross-validate and write the model from the rows

Training rows are the headings (``I.``, ``1.``, ``Điều 3.``, ``A.`` …, top level and the level under parts)
of the annotated documents allowed for tuning: the 33 corpus documents (``corpus/gold``) and the archive
documents of rounds 1-4 (``corpus/archive/split.json``, ``corpus/archive/gold``; round 4 is tuning material since
session 8); never the round-5 held-out set (``"split": "heldout5"``).  A heading
is ``activities`` when gold activities are its items (or its group labels' items), ``organisation`` when
gold responsibilities are agency headings under it, else ``other``.  Cross-validation keeps each document's
headings in one fold; the keyword table (``data/headings.tsv``) is scored on the same rows for comparison.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

ROWS = ROOT / "corpus" / "section_roles" / "rows.jsonl"
MODEL = ROOT / "vnplan" / "data" / "section_role_model.json"
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
THRESHOLD = 0.8


def _documents() -> list[tuple[Path, dict]]:
    from conftest import corpus_files

    out = []
    for path in corpus_files():
        out.append((path, json.loads((ROOT / "corpus" / "gold" / f"{path.name}.json").read_text(encoding="utf-8"))))
    split = json.loads((ROOT / "corpus" / "archive" / "split.json").read_text(encoding="utf-8"))
    for d in split["documents"]:
        if str(d["split"]).startswith("heldout5") or d.get("round", 1) >= 5:
            continue  # the fresh held-out set (round 5) is never read here; round 4 is tuning since session 8
        gold = ROOT / "corpus" / "archive" / "gold" / f"{d['file']}.json"
        if gold.exists() and (ARCHIVE / d["file"]).exists():
            out.append((ARCHIVE / d["file"], json.loads(gold.read_text(encoding="utf-8"))))
    return out


def _label(node, gold: dict) -> str:
    from scorer import activity_match, agency_match

    from vnplan.extract.plan_fields import item_text, strip_agency_lead

    acts = [{"text": a["text"]} for a in gold.get("activities") or []]
    agencies = [{"agency": r["agency"]} for r in gold.get("responsibilities") or []]

    def holds_items(n) -> bool:
        return any(activity_match(g, {"text": item_text(c)}) for c in n.children for g in acts)

    def names_agency(n, depth: int = 0) -> bool:
        for c in n.children:
            if c.style in ("dash", "plus", "text"):
                continue
            if any(agency_match(g, {"agency": strip_agency_lead(c.title.text)}) for g in agencies):
                return True
            if depth < 1 and names_agency(c, depth + 1):
                return True
        return False

    if acts and (holds_items(node) or any(holds_items(c) for c in node.children)):
        return "activities"
    if agencies and names_agency(node):
        return "organisation"
    return "other"


def build_rows() -> None:
    from vnplan.read import read
    from vnplan.structure.roles import role_of
    from vnplan.structure.section_model import HEADING_STYLES, _levels, node_features

    ROWS.parent.mkdir(parents=True, exist_ok=True)
    with open(ROWS, "w", encoding="utf-8") as fh:
        for path, gold in _documents():
            outline = read(path).outline
            plan = outline.attachments[0] if outline.attachments else outline
            for siblings in _levels(plan.body):
                for k, node in enumerate(siblings):
                    if node.style not in HEADING_STYLES:
                        continue
                    rule = role_of(node.title.text)
                    row = {"doc": path.name, "title": node.title.text[:120], "label": _label(node, gold),
                           "rule": rule if rule in ("activities", "organisation") else "other",
                           "features": node_features(siblings, k)}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"rows: {path.name}", file=sys.stderr)


def load_rows() -> list[dict]:
    return [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines() if line.strip()]


def fit_model(rows: list[dict]) -> dict:
    """The shipped model's JSON (linear scores per class) fitted on ``rows``."""
    from linear_model import fit_linear

    return fit_linear(rows, doc=("Section-role classifier of body headings (vnplan.structure.section_model); built by "
                "scripts/train_section_roles.py from corpus/section_roles/rows.jsonl. Linear scores per class."),
                      threshold=THRESHOLD, c=1.0, max_iter=2000)


def train() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    rows = load_rows()
    X = [dict.fromkeys(r["features"], 1) for r in rows]
    y = [r["label"] for r in rows]
    groups = [r["doc"] for r in rows]
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)
    predicted = [""] * len(rows)
    for train_idx, test_idx in GroupKFold(n_splits=5).split(matrix, y, groups):
        clf = LogisticRegression(C=1.0, max_iter=2000).fit(matrix[train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, clf.predict(matrix[test_idx])):
            predicted[i] = p
    rule = [r["rule"] for r in rows]
    labels = ["activities", "organisation", "other"]
    print(f"{len(rows)} headings from {len(set(groups))} documents; labels "
          + ", ".join(f"{c} {y.count(c)}" for c in labels))
    for name, pred in (("5-fold CV (by document) model", predicted), ("keyword table (headings.tsv)", rule)):
        f1 = f1_score(y, pred, labels=labels, average=None)
        print(f"{name:32s} accuracy {accuracy_score(y, pred):.3f}  F1 " + "  ".join(
            f"{c} {v:.3f}" for c, v in zip(labels, f1)))
    MODEL.write_text(json.dumps(fit_model(rows), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", action="store_true", help="rebuild the training rows from the documents first")
    args = ap.parse_args(argv)
    if args.rows or not ROWS.exists():
        build_rows()
    train()
    return 0


if __name__ == "__main__":
    sys.exit(main())
