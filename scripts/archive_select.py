"""Choose the archive documents to annotate, and split them into a tuning and a held-out half.

Run once, before vnplan is run on any of them; the result is committed as
``corpus/archive/split.json`` and never regenerated (the seed is fixed so that it can be checked):

    python scripts/archive_select.py ../shared/archive/docs > corpus/archive/split.json

Classes come from the file alone (not from vnplan): a PDF whose first two pages carry no text layer,
or a layer with under 10 % of letters bearing Vietnamese marks, is a ``scan``; other PDFs are
``born_digital``; ``doc`` and ``docx`` by extension. Documents too long to annotate by hand in one
sitting (PDF over 10 pages, Word file over 150 KB) are left out. 24 scans, 24 born-digital PDFs,
6 DOC and 6 DOCX are drawn at random. Because school and Phòng documents are the bottom of the
cascade and few are drawn that way, 8 more are drawn from the rest whose first 400 characters of text
(PDF layer or DOCX paragraphs) name a school or a Phòng as the issuer (class ``unit_or_phong``).
Each class is then split half and half.
"""
from __future__ import annotations

import json
import re
import random
import sys
import unicodedata
from pathlib import Path

import docx
import pypdfium2 as pdfium

SEED = 20261205
QUOTA = {"scan": 24, "born_digital": 24, "doc": 6, "docx": 6}
EXTRA = 8
UNIT_OR_PHONG = re.compile(r"\bTRƯỜNG\b|\bPHÒNG\s+(?:GIÁO|GD)|\bTRUNG TÂM\b")


def pdf_class(path: Path) -> tuple[str, int]:
    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(min(pages, 2)))
    letters = [c for c in text if c.isalpha()]
    marked = [c for c in letters if unicodedata.decomposition(c) or c in "đĐ"]
    share = len(marked) / max(1, len(letters))
    return ("scan" if len(text.strip()) < 200 or share < 0.10 else "born_digital"), pages


def head(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        pdf = pdfium.PdfDocument(str(path))
        return pdf[0].get_textpage().get_text_range()[:400]
    if path.suffix.lower() == ".docx":
        try:
            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)[:400]
        except Exception:
            return ""
    return ""


def main(folder: str) -> None:
    pools: dict[str, list[str]] = {k: [] for k in QUOTA}
    for path in sorted(Path(folder).iterdir()):
        ext = path.suffix.lower().lstrip(".")
        if ext == "pdf":
            cls, pages = pdf_class(path)
            if pages <= 10:
                pools[cls].append(path.name)
        elif ext in ("doc", "docx") and path.stat().st_size <= 150_000:
            pools[ext].append(path.name)
    rng = random.Random(SEED)
    chosen = []
    for cls, quota in QUOTA.items():
        picked = sorted(rng.sample(pools[cls], quota))
        order = picked[:]
        rng.shuffle(order)
        for i, name in enumerate(order):
            chosen.append({"file": name, "class": cls, "split": "tuning" if i % 2 == 0 else "heldout"})
    taken = {r["file"] for r in chosen}
    rest = sorted(n for pool in pools.values() for n in pool if n not in taken)
    extra = sorted(n for n in rest if UNIT_OR_PHONG.search(head(Path(folder) / n).upper()))
    picked = rng.sample(extra, EXTRA)
    rng.shuffle(picked)
    for i, name in enumerate(picked):
        chosen.append({"file": name, "class": "unit_or_phong", "split": "tuning" if i % 2 == 0 else "heldout"})
    chosen.sort(key=lambda r: r["file"])
    json.dump({"seed": SEED, "quota": {**QUOTA, "unit_or_phong": EXTRA}, "documents": chosen}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
