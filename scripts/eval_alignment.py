#!/usr/bin/env python3
"""Precision / recall of vnplan's activity alignment against hand-made gold alignments.

Gold alignments live in ``tests/data/alignments/<template>__<local>.json``:
``pairs`` are the template ↔ local activity indices (of the gold records in
``corpus/gold``) that truly correspond, decided by reading both documents;
``partial`` are links to a merged or split item, which count neither for nor
against the aligner.

Each pair is scored twice: on the gold records as they are (activity texts are
only headings or opening sentences) and on "full" records whose activities
carry the item's whole text, cut from the source document (what the extractor
produces).

    python scripts/eval_alignment.py            # the table
    python scripts/eval_alignment.py --json     # machine-readable
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ALIGNMENTS = ROOT / "tests" / "data" / "alignments"
GOLD = ROOT / "corpus" / "gold"
SOURCES = (ROOT / "corpus" / "seeds", ROOT / "corpus" / "real")

sys.path.insert(0, str(ROOT))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\[\d+\]", " ", text)  # footnote marks
    text = re.sub(r"[*#|]+", " ", text)
    return " ".join(text.split())


def source_text(name: str) -> str:
    """The plain text of a corpus document (text files as they are; DOCX paragraphs joined)."""
    for folder in SOURCES:
        path = folder / name
        if path.exists():
            break
    else:
        raise FileNotFoundError(name)
    if path.suffix == ".docx":
        import docx

        return _clean("\n".join(p.text for p in docx.Document(str(path)).paragraphs))
    return _clean(path.read_text(encoding="utf-8"))


def _find(text: str, item: str, start: int) -> int:
    probe = _clean(item)[:24]
    return text.find(probe, start)


def _section_end(text: str, start: int) -> int:
    """Where the next top-level (roman, upper-case) heading or the closing starts."""
    ends = [m.start() for m in re.finditer(r"\s[IVX]{1,4}\.\s+(\S+)", text[start:]) if m.group(1)[:2].isupper()]
    ends += [m.start() for m in re.finditer(r"Trên đây là|Nơi nhận|\s\d{1,2}\.\s+Tổ chức thực hiện", text[start:])]
    return start + min(ends + [2500])


def full_record(gold: dict[str, Any]) -> dict[str, Any]:
    """A copy of a gold record whose activity texts run to the next activity (the whole item)."""
    text = source_text(gold["file"])
    starts: list[int] = []
    pos = 0
    for act in gold["activities"]:
        at = _find(text, act["text"], pos)
        starts.append(at)
        pos = at + 1 if at >= 0 else pos
    acts = []
    for i, act in enumerate(gold["activities"]):
        if starts[i] < 0:
            acts.append(dict(act))
            continue
        nxt = next((s for s in starts[i + 1:] if s > starts[i]), -1)
        if nxt < 0:  # last item: up to the next top-level (roman) heading
            nxt = _section_end(text, starts[i] + 1)
        body = text[starts[i]:nxt].strip()
        body = re.sub(r"\s(?:\d{1,2}(?:\.\d)?\.|[a-zđ]\)|-)$", "", body)  # the next item's label
        acts.append({"text": body})
    return {**gold, "activities": acts}


def load_pair(path: Path, full: bool = False) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    tpl = json.loads((GOLD / f"{spec['template']}.json").read_text(encoding="utf-8"))
    loc = json.loads((GOLD / f"{spec['local']}.json").read_text(encoding="utf-8"))
    if full:
        tpl, loc = full_record(tpl), full_record(loc)
    return spec, tpl, loc


def evaluate(full: bool = False, **options: Any) -> list[dict[str, Any]]:
    """Score every gold alignment; returns one row per document pair."""
    from vnplan.compare import compare
    from vnplan.compare.align import score_alignment
    from vnplan.record import Record

    rows = []
    for path in sorted(ALIGNMENTS.glob("*.json")):
        spec, tpl, loc = load_pair(path, full)
        diff = compare(Record.from_dict({**tpl, "source": {"path": tpl["file"]}}),
                       Record.from_dict({**loc, "source": {"path": loc["file"]}}), **options)
        predicted = [(d.template.index, d.local.index) for d in diff.activities if d.template and d.local]
        score = score_alignment(predicted, spec["pairs"], spec.get("partial", []))
        rows.append({"pair": f"{spec['template'][:3]} → {spec['local'][:3]}", "file": path.name,
                     "text": "full" if full else "gold", **score})
    return rows


def totals(rows: list[dict[str, Any]]) -> dict[str, float]:
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    fn = sum(r["fn"] for r in rows)
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp, "fp": fp, "fn": fn}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--threshold", type=float, default=None, help="similarity threshold (default: vnplan's)")
    args = parser.parse_args(argv)
    options = {} if args.threshold is None else {"threshold": args.threshold}
    rows = evaluate(False, **options) + evaluate(True, **options)
    if args.json:
        print(json.dumps({"rows": rows, "total": totals(rows)}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'pair':<12}{'texts':<7}{'P':>7}{'R':>7}{'tp':>5}{'fp':>5}{'fn':>5}  wrong / missed")
    for r in rows:
        extra = " ".join(f"+{a}-{b}" for a, b in r["false_pairs"]) + " " + " ".join(f"?{a}-{b}" for a, b in r["missed"])
        print(f"{r['pair']:<12}{r['text']:<7}{r['precision']:>7.2f}{r['recall']:>7.2f}{r['tp']:>5}{r['fp']:>5}"
              f"{r['fn']:>5}  {extra.strip()}")
    for kind in ("gold", "full"):
        t = totals([r for r in rows if r["text"] == kind])
        print(f"{'all':<12}{kind:<7}{t['precision']:>7.2f}{t['recall']:>7.2f}{t['tp']:>5}{t['fp']:>5}{t['fn']:>5}")
    t = totals(rows)
    print(f"{'all':<12}{'both':<7}{t['precision']:>7.2f}{t['recall']:>7.2f}{t['tp']:>5}{t['fp']:>5}{t['fn']:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
