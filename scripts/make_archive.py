#!/usr/bin/env python3
"""Generate a test archive from the corpus: copies under many names, renders, and bad files.

    python scripts/make_archive.py /tmp/luu-tru --files 2000 --pdfs 12

The archive mimics an office's file share: year / agency / sub-folders, names
with and without Vietnamese diacritics, the same document as .txt and .md or
as a DOCX render, plus corrupt, empty, binary, wrong-extension, whitespace-only
and (when pypdf is installed) encrypted files, and files discovery must ignore
(.jpg, .xlsx, hidden ``._x.pdf`` forks, ``~$`` lock files).  ``MANIFEST.tsv``
lists every document file with its kind and source.  Independent of vnplan
(only the standard library, python-docx for renders, pypdf if present), so it
runs in a fraction of a second per thousand files.  ``--unique`` appends a
distinct line to every text copy (no two files alike: for benchmarks).
"""
from __future__ import annotations

import argparse
import io
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["2023/ubnd-tinh", "2023/so-noi-vu/du-thao", "2024/so-xay-dung", "2024/Sở Tài chính", "2025/ubnd-xa",
           "2025/van-phong/den", "2025/van-phong/di", "2026/kế hoạch", "luu-tru-cu/quet", "tmp"]
BAD_KINDS = ["empty", "corrupt-pdf", "corrupt-docx", "binary", "wrong-ext-text-as-pdf", "wrong-ext-pdf-as-docx",
             "wrong-ext-docx-as-txt", "blank-text", "encrypted"]


def corpus_files(corpus: Path) -> dict[str, list[Path]]:
    real = sorted((corpus / "real").iterdir())
    texts = sorted((corpus / "seeds").glob("*.txt")) + [p for p in real if p.suffix in (".txt", ".md")
                                                        and p.name != "SOURCES.md"]
    pdfs = sorted((p for p in real if p.suffix == ".pdf" and "scan" not in p.name), key=lambda p: p.stat().st_size)
    docx = [p for p in real if p.suffix == ".docx"]
    return {"text": texts, "pdf": pdfs, "docx": docx}


def render_docx(text: str) -> bytes:
    """A plain DOCX of a text document (one paragraph per line), made with python-docx."""
    import docx

    document = docx.Document()
    for line in text.splitlines()[:400]:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def bad_file(kind: str, src: dict[str, list[Path]], rng: random.Random) -> tuple[str, bytes] | None:
    """(extension, content) of a bad file of ``kind``; ``None`` when it cannot be made here."""
    pdf = src["pdf"][0].read_bytes()
    if kind == "empty":
        return rng.choice([".pdf", ".docx", ".txt"]), b""
    if kind == "corrupt-pdf":  # a PDF header, then noise (a truncated PDF is often still readable)
        return ".pdf", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(3000)
    if kind == "corrupt-docx":
        return ".docx", b"PK\x03\x04" + rng.randbytes(2000)
    if kind == "binary":
        return ".txt", rng.randbytes(4096)
    if kind == "wrong-ext-text-as-pdf":
        return ".pdf", src["text"][0].read_bytes()
    if kind == "wrong-ext-pdf-as-docx":
        return ".docx", pdf
    if kind == "wrong-ext-docx-as-txt":
        return ".txt", src["docx"][0].read_bytes()
    if kind == "blank-text":
        return ".md", b" \n\n\t \n" * 10
    if kind == "encrypted":
        try:
            import pypdf
        except ImportError:
            return None
        writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
        writer.encrypt(user_password="matkhau", owner_password="matkhau-chu")
        buf = io.BytesIO()
        writer.write(buf)
        return ".pdf", buf.getvalue()
    raise ValueError(kind)


def make_archive(dest: Path, files: int = 2000, pdfs: int = 12, seed: int = 7, unique: bool = False,
                 corpus: Path = ROOT / "corpus", pdf_sources: int = 2) -> list[tuple[str, str, str]]:
    """Write the archive; return the manifest rows (relative path, kind, source name)."""
    rng = random.Random(seed)
    src = corpus_files(corpus)
    src["pdf"] = src["pdf"][:pdf_sources]
    dest.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str]] = []
    used: set[str] = set()

    def place(stem: str, ext: str) -> Path:
        folder = FOLDERS[len(rows) % len(FOLDERS)]
        name = f"{stem}{ext}"
        while f"{folder}/{name}" in used:
            name = f"{stem}-{rng.randrange(10**6)}{ext}"
        used.add(f"{folder}/{name}")
        path = dest / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    renders = {p.name: render_docx(p.read_text(encoding="utf-8")) for p in src["text"][:5]}
    n_bad = max(len(BAD_KINDS) * 2, files // 25)
    n_docx = max(len(src["docx"]) + len(renders), files // 50)
    n_text = files - n_bad - n_docx - pdfs
    if n_text < len(src["text"]):
        raise SystemExit(f"--files {files} is too small for this mix")
    i = 0
    for k in range(pdfs):
        p = src["pdf"][k % len(src["pdf"])]
        shutil.copyfile(p, out := place(f"{i:05d}-{p.stem[:30]}", ".pdf"))
        rows.append((out.relative_to(dest).as_posix(), "copy-pdf", p.name)); i += 1
    docx_sources = [(p.name, p.read_bytes()) for p in src["docx"]] + list(renders.items())
    for k in range(n_docx):
        name, data = docx_sources[k % len(docx_sources)]
        kind = "copy-docx" if k % len(docx_sources) < len(src["docx"]) else "render-docx"
        (out := place(f"{i:05d}-{Path(name).stem[:30]}", ".docx")).write_bytes(data)
        rows.append((out.relative_to(dest).as_posix(), kind, name)); i += 1
    for k in range(n_text):
        p = src["text"][k % len(src["text"])]
        ext = ".md" if k % 7 == 3 else ".txt"
        stem = f"{i:05d}-{p.name.split('.')[0][:30]}" if k % 11 else f"Kế hoạch số {i}"
        out = place(stem, ext)
        if unique:
            out.write_bytes(p.read_bytes() + f"\nGhi chú lưu trữ số {i}.\n".encode())
        else:
            shutil.copyfile(p, out)
        rows.append((out.relative_to(dest).as_posix(), "copy-text", p.name)); i += 1
    made = 0
    while made < n_bad:
        kind = BAD_KINDS[made % len(BAD_KINDS)]
        got = bad_file(kind, src, rng) if kind != "encrypted" or made < len(BAD_KINDS) else None
        made += 1
        if got is None:
            got = bad_file("binary", src, rng)
            kind = "binary"
        ext, data = got  # type: ignore[misc]
        (out := place(f"{i:05d}-hong-{kind}", ext)).write_bytes(data)
        rows.append((out.relative_to(dest).as_posix(), kind, "")); i += 1
    # files that discovery skips: not documents, hidden forks, Office lock files
    (dest / "tmp" / "anh-chup.jpg").write_bytes(b"\xff\xd8\xff\xe0" + rng.randbytes(100))
    (dest / "tmp" / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04" + rng.randbytes(100))
    (dest / "tmp" / "._00000-forks.pdf").write_bytes(rng.randbytes(100))
    (dest / "tmp" / "~$ke-hoach.docx").write_bytes(rng.randbytes(162))
    with open(dest / "MANIFEST.tsv", "w", encoding="utf-8") as fh:
        fh.write("path\tkind\tsource\n")
        fh.writelines("\t".join(row) + "\n" for row in rows)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--files", type=int, default=2000, help="number of document files (default 2000)")
    ap.add_argument("--pdfs", type=int, default=12, help="how many of them are PDF copies (default 12)")
    ap.add_argument("--pdf-sources", type=int, default=2, help="distinct corpus PDFs used (smallest first)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--unique", action="store_true", help="make every text copy distinct")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    a = ap.parse_args()
    rows = make_archive(a.dest, a.files, a.pdfs, a.seed, a.unique, a.corpus, a.pdf_sources)
    print(f"{len(rows)} files in {a.dest}")


if __name__ == "__main__":
    main()
