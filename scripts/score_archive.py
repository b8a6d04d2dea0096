"""Extract the annotated archive documents of one split and score them against their gold records.

    python scripts/score_archive.py --split tuning [--by-doc] [--out records.jsonl] [--workers 2]
    python scripts/score_archive.py --split all        # rounds 1-4 (round 4 scored once at the end of session 7; tuning since)
    python scripts/score_archive.py --split heldout4   # round 4 alone
    python scripts/score_archive.py --split heldout5   # round 5, the current held-out set (``--split heldout5-clean`` / ``heldout5-chains``)
    python scripts/score_archive.py --corpus          # the 33 corpus documents against ../shared/eval/gold

Documents are read from ``../shared/archive/docs`` (the split is ``corpus/archive/split.json``).
Records are cached in ``~/.cache/vnplan/records/`` (`vnplan.read.cache`; ``$VNPLAN_RECORD_CACHE`` elsewhere) keyed by the file's digest and the code version
(a digest of every file of the ``vnplan`` package), so a re-run after no code change is instant and a
re-run after a change only re-extracts (OCR stays cached in ``~/.cache/vnplan/ocr``).  Only the gold
files of the chosen split are copied into a temporary folder for ``score.py``; a document of the split
that has no gold file yet is extracted but not scored.  The held-out half is for the final score only:
never tune a rule on its output.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from vnplan.read import cache

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
SPLIT = ROOT / "corpus" / "archive" / "split.json"
GOLD = ROOT / "corpus" / "archive" / "gold"
CACHE = Path(os.environ.get("VNPLAN_RECORD_CACHE") or cache.cache_dir("records"))  # vnplan's shared cache folder


def code_version() -> str:
    """A digest of the package's source and data files: records made by other code are not reused."""
    h = hashlib.sha256()
    pkg = ROOT / "vnplan"
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(pkg)).encode())
            h.update(p.read_bytes())
    h.update(Path(__file__).read_bytes())  # how the records are made is part of the version too
    return h.hexdigest()[:16]


def file_digest(path: Path) -> str:
    return cache.file_digest(path)[:24]


def split_files(split: str) -> list[Path]:
    docs = [d for d in json.loads(SPLIT.read_text(encoding="utf-8"))["documents"] if d.get("annotated", True)]
    if split.endswith(("-clean", "-chains")):  # a held-out round without / with the files named in CHAINS.md
        name, _, part = split.partition("-")
        return [ARCHIVE / d["file"] for d in docs if d["split"] == name and d.get("chains", False) == (part == "chains")]
    if split == "all":  # rounds 1-4, all tuning material after round 4's one scoring (session 7)
        return [ARCHIVE / d["file"] for d in docs if d.get("round", 1) <= 4]
    return [ARCHIVE / d["file"] for d in docs if d["split"] == split]


def _extract_one(args: tuple[str, str]) -> dict:
    path, cache_file = args
    from vnplan.batch.runner import process_file  # what `vnplan extract` runs: converts .doc with LibreOffice

    t = time.perf_counter()
    rec = process_file(path)
    rec.setdefault("source", {})["path"] = path
    rec["_seconds"] = round(time.perf_counter() - t, 2)
    cache.write_atomic(Path(cache_file), json.dumps(rec, ensure_ascii=False))
    return rec


def records_for(files: list[Path], workers: int, force: bool = False) -> list[dict]:
    """One record per file, from the cache when this code version already made it."""
    version = code_version()
    jobs, out = [], {}
    for path in files:
        cache_file = CACHE / version / f"{file_digest(path)}.json"
        if cache_file.exists() and not force:
            out[path] = json.loads(cache_file.read_text(encoding="utf-8"))
        else:
            jobs.append((str(path), str(cache_file)))
    if jobs:
        print(f"extracting {len(jobs)} of {len(files)} documents (code {version})", file=sys.stderr)
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                for (path, _), rec in zip(jobs, pool.map(_extract_one, jobs)):
                    out[Path(path)] = rec
                    print(f"{rec['_seconds']:7.1f}s {Path(path).name}", file=sys.stderr)
        else:
            for job in jobs:
                rec = _extract_one(job)
                out[Path(job[0])] = rec
                print(f"{rec['_seconds']:7.1f}s {Path(job[0]).name}", file=sys.stderr)
    return [out[p] for p in files]


def scorer_path() -> Path:
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    return shared if shared.exists() else ROOT / "tests" / "scorer.py"


def file_class(name: str) -> str:
    """The file class of an archive document: scan, born_digital, doc or docx (split.json, else the file)."""
    ext = Path(name).suffix.lower()
    if ext in (".doc", ".docx"):
        return ext[1:]
    entry = {d["file"]: d for d in json.loads(SPLIT.read_text(encoding="utf-8"))["documents"]}.get(name, {})
    kind = entry.get("file_kind") or entry.get("class")
    if kind in ("scan", "born_digital"):
        return kind
    from archive_select import pdf_class

    return pdf_class(ARCHIVE / name)[0]


def class_means(by_doc_output: str) -> dict[str, list[float]]:
    """Per-document overall scores (the scorer's --by-doc lines) grouped by file class."""
    out: dict[str, list[float]] = {}
    for line in by_doc_output.splitlines():
        name, sep, rest = line.partition(": ")
        if sep and rest[:1].isdigit() and (ARCHIVE / name).exists():
            out.setdefault(file_class(name), []).append(float(rest.split()[0]))
    return out


def score(records: list[dict], gold_files: list[Path], out: Path, by_doc: bool, by_class: bool = False) -> int:
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps({k: v for k, v in rec.items() if k != "_seconds"}, ensure_ascii=False) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        for g in gold_files:
            shutil.copy(g, tmp)
        cmd = [sys.executable, str(scorer_path()), "--gold", tmp, "--pred", str(out)]
        if by_doc or by_class:
            cmd.append("--by-doc")
        run = subprocess.run(cmd, capture_output=True, text=True)
    text = run.stdout if by_doc else "\n".join(
        line for line in run.stdout.splitlines() if not (line.partition(": ")[1] and (ARCHIVE / line.partition(": ")[0]).exists()))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.write(run.stderr)
    if by_class:
        print("\nmean per document, by file class")
        for cls, scores in sorted(class_means(run.stdout).items()):
            print(f"{cls:20} {sum(scores) / len(scores):.3f}  (n={len(scores)})")
    return run.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("tuning", "heldout", "all", "heldout3", "heldout4", "heldout5",
                                                "heldout5-clean", "heldout5-chains"), default="tuning")
    ap.add_argument("--corpus", action="store_true", help="score the 33 corpus documents instead")
    ap.add_argument("--out", default=None)
    ap.add_argument("--by-doc", action="store_true")
    ap.add_argument("--by-class", action="store_true", help="also print the mean per document by file class")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="ignore cached records")
    ap.add_argument("--extract-only", action="store_true",
                    help="extract every document of the split (gold or not) into --out, no scoring")
    args = ap.parse_args(argv)
    if args.corpus:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import corpus_files

        files = corpus_files()
        gold_dir = ROOT.parent / "shared" / "eval" / "gold"
        if not gold_dir.exists():
            gold_dir = ROOT / "corpus" / "gold"
        gold_files = [gold_dir / f"{p.name}.json" for p in files]
    else:
        files = split_files(args.split)
        gold_files = [GOLD / f"{p.name}.json" for p in files]
    if args.extract_only:
        out = Path(args.out or f"/tmp/vnplan-archive-{args.split}.jsonl")
        with open(out, "w", encoding="utf-8") as fh:
            for rec in records_for(files, args.workers, args.force):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"wrote {out}", file=sys.stderr)
        return 0
    missing = [g.name for g in gold_files if not g.exists()]
    gold_files = [g for g in gold_files if g.exists()]
    if missing:
        print(f"{len(missing)} documents have no gold file yet; scoring {len(gold_files)}", file=sys.stderr)
    if not gold_files:
        print("no gold files to score", file=sys.stderr)
        return 1
    scored = {g.name[: -len(".json")] for g in gold_files}
    files = [p for p in files if p.name in scored]
    records = records_for(files, args.workers, args.force)
    out = Path(args.out or f"/tmp/vnplan-archive-{'corpus' if args.corpus else args.split}-{os.getpid()}.jsonl")
    return score(records, gold_files, out, args.by_doc, args.by_class)


if __name__ == "__main__":
    sys.exit(main())
