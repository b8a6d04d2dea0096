"""Build the handwritten-digit reader: cut digit crops from the tuning scans, then train the JSON model.

    python scripts/train_handwritten_digits.py --cut     # corpus/handwritten_digits/crops.npz from rounds 1-4 scans
    python scripts/train_handwritten_digits.py           # vnplan/data/handwritten_digit_model.json

Cutting (``--cut``): for every scanned PDF of archive rounds 1-4 that has a gold record (never round 5,
the held-out set), the first page's header is read as vnplan reads it (page OCR, header second pass,
both from the OCR cache), the blanks of the form are located (`vnplan.read.handwriting.field_gaps`) on
the page rendered in colour at the OCR's dpi, the ink is cut into digit candidates, and a crop is kept
only when the number of candidates equals the number of digits of the gold value (the số; the day and
the month with or without a leading zero).  Each kept digit is stored as its 8×8 feature vector with
its label, the document, the field and the crop's ink mode, and each blank (kept or not) as a row of
``gaps`` for `scripts/cv_handwritten_digits.py`.

Training: ``sklearn.datasets.load_digits`` (1,797 handwritten digits, bundled with scikit-learn) plus
the crops, a one-hidden-layer network (scikit-learn's MLPClassifier) on the 64 ink counts (scaled by
1/16), written as plain JSON weights (no pickle) to ``vnplan/data/handwritten_digit_model.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
SPLIT = ROOT / "corpus" / "archive" / "split.json"
GOLD = ROOT / "corpus" / "archive" / "gold"
CROPS = ROOT / "corpus" / "handwritten_digits" / "crops.npz"
MODEL = ROOT / "vnplan" / "data" / "handwritten_digit_model.json"
HIDDEN = 64  # hidden units of the network (chosen in scripts/cv_handwritten_digits.py)
ALPHA = 0.1  # its L2 penalty: 1e-3 left the network sure of wrong days (CV: 0.9 → 3 right, 4 wrong; 0.1: 4 right, 0 wrong)


def tuning_scans() -> list[tuple[Path, dict]]:
    """Scanned PDFs of rounds 1-4 with a gold record, and their gold."""
    docs = json.loads(SPLIT.read_text(encoding="utf-8"))["documents"]
    out = []
    for d in docs:
        if d.get("round", 1) > 4 or str(d.get("split", "")).startswith("heldout5"):
            continue
        scan = d["class"] == "scan" or d.get("file_kind") == "scan"
        gold = GOLD / f"{d['file']}.json"
        if scan and d["file"].endswith(".pdf") and gold.exists():
            out.append((ARCHIVE / d["file"], json.loads(gold.read_text(encoding="utf-8"))))
    return out


def gold_values(gold: dict) -> dict[str, list[str]]:
    """The digit strings a blank may hold: the số, the day and month with and without a leading zero."""
    out: dict[str, list[str]] = {}
    number = str(gold.get("number") or "")
    if number.isdigit():
        out["number"] = [number]
    date = str(gold.get("issue_date") or "")
    if len(date) == 10:
        day, month = int(date[8:10]), int(date[5:7])
        out["day"] = sorted({str(day), f"{day:02d}"}, key=len)
        out["month"] = sorted({str(month), f"{month:02d}"}, key=len)
    return out


def header_blanks(path: Path) -> list:  # type: ignore[type-arg]
    """The blanks of a scan's first-page header, read as vnplan's OCR pass reads it (from the OCR cache)."""
    import pypdfium2

    from vnplan.read.cache import file_digest
    from vnplan.read.handwriting import page_blanks
    from vnplan.read.ocr_header import header_region, reread_header
    from vnplan.read.ocr_page import (
        OcrSettings,
        confident_words,
        ocr_pages_tsv,
        page_pixels,
        parse_tsv,
        tesseract_available,
    )
    from vnplan.read.ocr_upright import upright_tsv

    settings, binary = OcrSettings(), tesseract_available()
    if binary is None:
        raise RuntimeError("no tesseract with vie")
    digest = file_digest(path)
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        tsv = ocr_pages_tsv(pdf, [0], digest, settings, binary)[0]
        if not isinstance(tsv, str):
            raise RuntimeError(str(tsv))  # noqa: TRY004 - the page pass failed (its exception in place of a TSV)
        tsv, turned = upright_tsv(pdf, 0, tsv, digest, settings, binary)
        if turned:
            return []
        words = reread_header(pdf, 0, confident_words(parse_tsv(tsv)), digest, settings, binary)
        page = pdf[0]
        width, height = page_pixels(page, settings.dpi)
        region = header_region(words, width, height)
        if region is None:
            return []
        image = page.render(scale=settings.dpi / 72).to_pil()
        page.close()
        return page_blanks(image, words, *region)
    finally:
        pdf.close()


def cut() -> int:

    feats, labels, blank_ids = [], [], []
    gaps = []
    for path, gold in tuning_scans():
        try:
            blanks = header_blanks(path)
        except Exception as exc:  # noqa: BLE001 - a file that cannot be read is reported and skipped
            print(f"{path.name}: {exc}", file=sys.stderr)
            continue
        values = gold_values(gold)
        for blank in blanks:
            want = values.get(blank.field, [])
            n = len(blank.digits)
            label = next((v for v in want if len(v) == n), None)
            # a blank whose OCR already holds the gold value is print (or read): not a handwriting sample
            printed = bool(want) and any(v in blank.printed.split() for v in want)
            gaps.append({"doc": path.name, "field": blank.field, "mode": blank.mode, "pieces": n,
                         "gold": want, "ocr": blank.printed, "printed": printed,
                         "kept": label is not None and not printed})
            for k, f in enumerate(blank.digits):
                feats.append(f)
                labels.append(int(label[k]) if label is not None and not printed else -1)
                blank_ids.append(len(gaps) - 1)
        print(path.name, [(b.field, len(b.digits), b.mode, b.printed) for b in blanks], values, file=sys.stderr)
    CROPS.parent.mkdir(parents=True, exist_ok=True)
    docs = [gaps[b]["doc"] for b in blank_ids]
    np.savez_compressed(CROPS, features=np.array(feats, dtype=np.uint8).reshape(-1, 64), labels=np.array(labels),
                        blank=np.array(blank_ids), docs=np.array(docs),
                        gaps=np.array(json.dumps(gaps, ensure_ascii=False)))
    docs = [d for d, x in zip(docs, labels) if x >= 0]
    labels = [x for x in labels if x >= 0]
    print(f"{len(labels)} digits from {len(set(docs))} documents; {len(gaps)} blanks -> {CROPS.relative_to(ROOT)}")
    return 0


def training_data(exclude_docs: set[str] = frozenset()) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[assignment]
    """load_digits plus the crops of the documents not in ``exclude_docs`` (features 0-16, labels 0-9)."""
    from sklearn.datasets import load_digits

    base = load_digits()
    x, y = [base.data], [base.target]
    if CROPS.exists():
        z = np.load(CROPS)
        keep = np.array([d not in exclude_docs for d in z["docs"]], dtype=bool) & (z["labels"] >= 0)
        x.append(z["features"][keep].astype(float))
        y.append(z["labels"][keep])
    return np.vstack(x), np.concatenate(y)


def fit(x: np.ndarray, y: np.ndarray, weight_crops: int = 3, n_base: int = 1797):  # type: ignore[no-untyped-def]
    """A one-hidden-layer network on the 64 ink counts / 16; each crop of a real form repeated ``weight_crops`` times."""
    from sklearn.neural_network import MLPClassifier

    rows = np.concatenate([np.arange(n_base)] + [np.arange(n_base, len(y))] * max(1, int(weight_crops)))
    model = MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=ALPHA, max_iter=1500, random_state=0)
    model.fit(x[rows] / 16.0, y[rows])
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cut", action="store_true", help="cut the digit crops from the tuning scans")
    args = ap.parse_args(argv)
    if args.cut:
        return cut()
    x, y = training_data()
    model = fit(x, y, weight_crops=WEIGHT_CROPS)
    out = {
        "about": "handwritten digit reader: a one-hidden-layer network (relu, softmax) on 8x8 ink counts / 16 "
                 "(sklearn load_digits + corpus/handwritten_digits crops), built by scripts/train_handwritten_digits.py",
        "classes": [int(c) for c in model.classes_],
        "layers": [{"weights": [[round(float(v), 5) for v in row] for row in w], "bias": [round(float(v), 5) for v in b]}
                   for w, b in zip(model.coefs_, model.intercepts_)],
        "training": {"load_digits": 1797, "crops": int(len(y) - 1797), "hidden": HIDDEN, "alpha": ALPHA,
                     "weight_crops": WEIGHT_CROPS},
    }
    MODEL.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{MODEL.relative_to(ROOT)}: {len(y)} digits ({len(y) - 1797} crops)")
    return 0


WEIGHT_CROPS = 3  # a crop of a real form counts three load_digits samples (chosen in CV)

if __name__ == "__main__":
    raise SystemExit(main())
