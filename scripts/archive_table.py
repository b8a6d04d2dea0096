"""Issue 11's table: records of the whole archive by file class, with the share of records where each
header field was found.

    vnplan extract ../shared/archive/docs -o archive.jsonl
    python scripts/archive_table.py archive.jsonl [more.jsonl ...]   # one column block per file

The class comes from the file alone (never from vnplan's record): DOC and DOCX by extension; a PDF
whose first two pages are mostly covered by images is a scan — ``signed scan`` when it carries a PDF
signature dictionary or a text layer made only of a digital-signature box, ``scan with OCR layer`` when
its layer holds at least 200 letters, else ``image-only scan``; other PDFs are ``born-digital PDF``.
"""
from __future__ import annotations

import ctypes
import json
import sys
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "archive" / "docs"
FIELDS = ("doc_type", "number", "issue_date", "issuer.name", "signer.name")
CLASSES = ("born-digital PDF", "image-only scan", "scan with OCR layer", "signed scan", "DOCX", "DOC")
_BOX = ("Người ký", "Ký bởi", "Thời gian ký", "Signature Valid", "Email:", "Cơ quan:")


def _image_share(page: pdfium.PdfPage) -> float:
    raw = page.raw
    width, height = page.get_size()
    area = 0.0
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) == 3 and pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            area += max(0.0, r.value - l.value) * max(0.0, t.value - b.value)
    return area / (width * height) if width and height else 0.0


def file_class(path: Path) -> str:
    """The class of one archive file, from its bytes."""
    ext = path.suffix.lower()
    if ext == ".docx":
        return "DOCX"
    if ext == ".doc":
        return "DOC"
    pdf = pdfium.PdfDocument(str(path))
    pages = [pdf[i] for i in range(min(2, len(pdf)))]
    text = "\n".join(p.get_textpage().get_text_range() for p in pages)
    images = max((_image_share(p) for p in pages), default=0.0)
    if images < 0.5:
        return "born-digital PDF"
    own = [ln for ln in text.splitlines() if ln.strip() and not any(m in ln for m in _BOX)]
    letters = sum(c.isalpha() for ln in own for c in ln)
    if pdfium_c.FPDF_GetSignatureCount(pdf.raw) > 0 or (letters < 200 and len(own) < len(text.splitlines())):
        return "signed scan"
    return "scan with OCR layer" if letters >= 200 else "image-only scan"


def _found(record: dict, field: str) -> bool:
    value: object = record
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value not in (None, "", [], {})


def table(records_file: Path) -> dict[str, dict[str, float]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for line in records_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = Path(rec.get("source", {}).get("path") or rec.get("path", ""))
        if not path.exists():
            path = ARCHIVE / path.name
        rows[file_class(path)].append(rec)
    out: dict[str, dict[str, float]] = {}
    for cls in CLASSES:
        recs = rows.get(cls, [])
        good = [r for r in recs if "error" not in r]
        out[cls] = {"files": len(recs), "errors": len(recs) - len(good),
                    **{f: (sum(_found(r, f) for r in recs) / len(recs) if recs else 0.0) for f in FIELDS}}
    allrecs = [r for v in rows.values() for r in v]
    out["all"] = {"files": len(allrecs), "errors": sum("error" in r for r in allrecs),
                  **{f: sum(_found(r, f) for r in allrecs) / max(1, len(allrecs)) for f in FIELDS}}
    return out


def main(argv: list[str]) -> int:
    for name in argv:
        print(f"\n{name}\n")
        print("| class | files | errors | " + " | ".join(FIELDS) + " |")
        print("|---|---:|---:|" + "---:|" * len(FIELDS))
        for cls, row in table(Path(name)).items():
            print(f"| {cls} | {row['files']} | {row['errors']} | "
                  + " | ".join(f"{row[f]:.2f}" for f in FIELDS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
