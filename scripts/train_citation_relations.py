"""Train the citation-relation classifier shipped in ``vnplan/data/citation_relation_model.json``.

    python scripts/train_citation_relations.py --rows     # rebuild corpus/citation_relations/rows.jsonl
    python scripts/train_citation_relations.py            # write the model from the rows

Training rows are the citations the extractor finds (rules only, `citation_model.RELATION_STRATEGY =
"rules"`) in the annotated documents allowed for tuning — the 33 corpus documents (``corpus/gold``) and
the archive documents of rounds 1-4 (``corpus/archive/gold``); never the round-5 held-out set — that match
a gold citation by the scorer's key; the label is the gold citation's relation.  Each row keeps the rules'
relation (``rule``) and the features of `vnplan.extract.citation_model.citation_features`.
Cross-validation by document: ``scripts/cv_citation_relations.py``.
"""
from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

ROWS = ROOT / "corpus" / "citation_relations" / "rows.jsonl"
MODEL = ROOT / "vnplan" / "data" / "citation_relation_model.json"
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
THRESHOLD = 0.5
C = 1.0


def documents() -> list[tuple[str, str]]:
    """(path, gold path) of every annotated document allowed for tuning; round 5 is never listed."""
    from conftest import corpus_files

    out = [(str(p), str(ROOT / "corpus" / "gold" / f"{p.name}.json")) for p in corpus_files()]
    split = json.loads((ROOT / "corpus" / "archive" / "split.json").read_text(encoding="utf-8"))
    for d in split["documents"]:
        if str(d["split"]).startswith("heldout5") or d.get("round", 1) >= 5:
            continue  # the fresh held-out set (round 5) is never read here; round 4 is tuning since session 8
        gold = ROOT / "corpus" / "archive" / "gold" / f"{d['file']}.json"
        if gold.exists() and (ARCHIVE / d["file"]).exists():
            out.append((str(ARCHIVE / d["file"]), str(gold)))
    return out


def rows_of(job: tuple[str, str]) -> list[dict]:
    """The training rows of one document (runs in a worker process)."""
    from scorer import citation_key

    from vnplan.extract import citation_model, extract
    from vnplan.read import read

    path, gold_path = job
    citation_model.RELATION_STRATEGY = "rules"
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    if "citations" not in gold:
        return []
    labels = {}
    for g in gold["citations"]:
        labels.setdefault(citation_key(g), g.get("relation") or "mentions")
    doc = read(path)
    rec = extract(doc)
    level = (rec.issuer or {}).get("level")
    out, used = [], set()
    for cite in rec.citations:
        key = citation_key(cite)
        if key not in labels or key in used:
            continue
        used.add(key)
        out.append({"doc": Path(path).name, "key": key, "label": labels[key], "rule": cite.get("relation"),
                    "features": citation_model.citation_features(doc.text, cite, doc_type=rec.doc_type, level=level)})
    return out


def build_rows(workers: int = 2) -> None:
    ROWS.parent.mkdir(parents=True, exist_ok=True)
    docs = documents()
    with ProcessPoolExecutor(workers) as pool, open(ROWS, "w", encoding="utf-8") as fh:
        for (path, _g), rows in zip(docs, pool.map(rows_of, docs)):
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"rows: {Path(path).name} {len(rows)}", file=sys.stderr)


def load_rows() -> list[dict]:
    return [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines() if line.strip()]


def fit_model(rows: list[dict], c: float = C) -> dict:
    """The shipped model's JSON (linear scores per class) fitted on ``rows``."""
    from linear_model import fit_linear

    return fit_linear(rows, doc=("Citation-relation classifier (vnplan.extract.citation_model); built by "
                "scripts/train_citation_relations.py from corpus/citation_relations/rows.jsonl. Linear scores per class."),
                      threshold=THRESHOLD, c=c, max_iter=4000)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", action="store_true", help="rebuild the training rows from the documents first")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if args.rows or not ROWS.exists():
        build_rows(args.workers)
    rows = load_rows()
    MODEL.write_text(json.dumps(fit_model(rows), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(rows)} citations from {len({r['doc'] for r in rows})} documents; wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
