"""Render the five seed plans to DOCX and PDF, with matching gold records.

The renders are test fixtures for "a plan reads the same whatever its
format": `tests/fixtures/rendered/<seed>.docx|.pdf` and
`tests/fixtures/rendered/gold/<seed>.docx|.pdf.json` (the seed's gold record
with its ``file`` renamed).  The DOCX puts the header's Số / place-date and
the closing's Nơi nhận / signature in two-column tables, as offices do; the
PDF is LibreOffice's rendering of that DOCX.

    python scripts/render_seeds.py            # needs python-docx, and soffice for the PDFs
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "corpus" / "gold"
OUT = ROOT / "tests" / "fixtures" / "rendered"

HEADER_RIGHT = re.compile(r"(CỘNG HÒA|CỘNG HOÀ|Độc lập|^\S[^,]{1,40}, ngày\b)", re.I)
CLOSING_START = re.compile(r"^\s*(\*+|#+\s*)*\s*Nơi nhận", re.I)
SIGNATURE = re.compile(r"^\s*\**\s*(TM\.|KT\.|TL\.|Q\.|TUQ\.)", re.I)


def clean(line: str) -> str:
    return re.sub(r"[*#]+", "", line).strip()


def paragraphs(seed: Path) -> list[str]:
    """The seed's paragraphs: vnplan's normalised text (hard wraps rejoined), one per line."""
    from vnplan.read import read

    return [clean(line) for line in read(seed).text.split("\n") if clean(line)]


def split_header_line(line: str) -> list[str]:
    """``Số: /KH-UBND     Si Ma Cai, ngày …`` (two columns flattened) → the two parts."""
    m = re.match(r"^(Số:.*?/\s*\S+)\s{2,}(.+)$", line)
    return [m.group(1), m.group(2)] if m else [line]


def build_docx(seed: Path, target: Path) -> None:
    paras: list[str] = []
    for p in paragraphs(seed):
        paras.extend(split_header_line(p))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    left: list[str] = []
    right: list[str] = []
    i = 0
    while i < len(paras) and i < 6 and (paras[i].startswith("Số") or HEADER_RIGHT.search(paras[i]) or paras[i].isupper() and "KẾ HOẠCH" not in paras[i]):
        (right if HEADER_RIGHT.search(paras[i]) else left).append(paras[i])
        i += 1
    if left or right:
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(left)
        table.cell(0, 1).text = "\n".join(right)
    body = paras[i:]
    close_at = next((k for k, p in enumerate(body) if CLOSING_START.match(p)), None)
    main, closing = (body, []) if close_at is None else (body[:close_at], body[close_at:])
    for p in main:
        para = doc.add_paragraph(p)
        if p.isupper() and len(p) < 40:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if closing:
        sig_at = next((k for k, p in enumerate(closing) if SIGNATURE.match(p)), len(closing))
        recipients, signature = closing[:sig_at], closing[sig_at:]
        tail = next((k for k, p in enumerate(signature) if re.match(r"^(Phụ lục|PHỤ LỤC)", p)), len(signature))
        signature, after = signature[:tail], signature[tail:]
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(recipients)
        table.cell(0, 1).text = "\n".join(signature)
        for p in after:
            doc.add_paragraph(p)
    doc.save(str(target))


def to_pdf(docx: Path, target: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), str(target))
    return True


def main() -> int:
    (OUT / "gold").mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        stem = seed.stem
        docx = OUT / f"{stem}.docx"
        build_docx(seed, docx)
        made = [docx]
        pdf = OUT / f"{stem}.pdf"
        if to_pdf(docx, pdf):
            made.append(pdf)
        gold = json.loads((GOLD / f"{seed.name}.json").read_text(encoding="utf-8"))
        for path in made:
            (OUT / "gold" / f"{path.name}.json").write_text(
                json.dumps({**gold, "file": path.name}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("rendered", ", ".join(p.name for p in made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
