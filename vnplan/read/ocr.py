"""OCR of image-only PDF pages with Tesseract (``vie``), cached on disk.

Tesseract runs as a subprocess (``tesseract - - -l vie --psm 3 tsv``) on a
page rendered by pypdfium2; no Python binding is needed.  The TSV output
(words with boxes, block/paragraph/line numbers) is cached under
``$VNPLAN_CACHE/ocr`` (default ``~/.cache/vnplan/ocr``), keyed by the file's
content hash, the page and the settings, so a re-run costs nothing.

    >>> words = parse_tsv("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n"
    ...                   "5\\t1\\t1\\t1\\t1\\t1\\t100\\t50\\t60\\t30\\t91\\tCông\\n")
    >>> words[0].text, words[0].line
    ('Công', (1, 1, 1))
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vnplan.read.pdf_layout import Glyph, Line

__all__ = [
    "OcrSettings",
    "OcrWord",
    "cache_dir",
    "file_digest",
    "ocr_image",
    "ocr_lines",
    "ocr_pages_tsv",
    "parse_tsv",
    "tesseract_available",
]


@dataclass(frozen=True)
class OcrSettings:
    """How pages are rendered and read (part of the cache key)."""

    dpi: int = 300
    lang: str = "vie"
    psm: int = 3
    timeout: float = 180.0

    def key(self) -> str:
        return f"dpi={self.dpi};lang={self.lang};psm={self.psm}"


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract read: text, box in pixels, confidence, (block, par, line)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]


@functools.lru_cache(maxsize=8)
def _langs(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(x.strip() for x in (out.stdout + out.stderr).splitlines()[1:] if x.strip())


@functools.lru_cache(maxsize=8)
def _version(binary: str) -> str:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "?"
    first = (out.stdout or out.stderr).splitlines()
    return first[0].strip() if first else "?"


def tesseract_available(lang: str = "vie") -> str | None:
    """The path of a ``tesseract`` binary that has ``lang`` data, or None.

    >>> tesseract_available("vie")  # doctest: +SKIP
    '/usr/bin/tesseract'
    """
    binary = shutil.which("tesseract")
    if not binary:
        return None
    return binary if lang in _langs(binary) else None


def cache_dir() -> Path:
    """Where OCR results are kept: ``$VNPLAN_CACHE/ocr`` or ``~/.cache/vnplan/ocr``."""
    base = os.environ.get("VNPLAN_CACHE")
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnplan"
    return root / "ocr"


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (the cache key's first part)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _cache_path(digest: str, page: int, settings: OcrSettings, binary: str) -> Path:
    key = hashlib.sha256(f"{digest}|{page}|{settings.key()}|{_version(binary)}".encode()).hexdigest()
    return cache_dir() / key[:2] / f"{key}.tsv"


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and rename (safe with concurrent writers)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".tsv")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def ocr_image(png: bytes, binary: str, settings: OcrSettings) -> str:
    """Run Tesseract on PNG bytes; return its TSV output."""
    cmd = [binary, "-", "-", "-l", settings.lang, "--psm", str(settings.psm), "tsv"]
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one page per process; parallelism belongs to the caller
    out = subprocess.run(cmd, input=png, capture_output=True, timeout=settings.timeout, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return out.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Words (level 5 rows with text) from Tesseract's TSV output."""
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            words.append(
                OcrWord(
                    text=cols[11].strip(),
                    left=int(cols[6]),
                    top=int(cols[7]),
                    width=int(cols[8]),
                    height=int(cols[9]),
                    conf=float(cols[10]),
                    line=(int(cols[2]), int(cols[3]), int(cols[4])),
                )
            )
        except ValueError:
            continue
    return words


def _render_png(page, dpi: int) -> bytes:  # type: ignore[no-untyped-def]
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def ocr_page_tsv(page, digest: str, index: int, settings: OcrSettings, binary: str) -> str:  # type: ignore[no-untyped-def]
    """TSV for page ``index`` (0-based) of a pypdfium2 document, from the cache when possible."""
    path = _cache_path(digest, index, settings, binary)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    tsv = ocr_image(_render_png(page, settings.dpi), binary, settings)
    _write_atomic(path, tsv)
    return tsv


def ocr_lines(words: list[OcrWord], dpi: int, page_height: float) -> list[Line]:
    """Tesseract's lines as layout `Line` objects in PDF points (words as glyphs)."""
    k = 72.0 / dpi
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    lines: list[Line] = []
    paragraphs: dict[tuple[int, int], int] = {}
    for i, (key, ws) in enumerate(sorted(groups.items())):
        glyphs = [
            Glyph(w.text, w.left * k, (w.left + w.width) * k, page_height - (w.top + w.height) * k, page_height - w.top * k)
            for w in sorted(ws, key=lambda w: w.left)
        ]
        par = paragraphs.setdefault(key[:2], len(paragraphs))
        lines.append(
            Line(
                text=" ".join(g.text for g in glyphs),
                x0=min(g.x0 for g in glyphs),
                x1=max(g.x1 for g in glyphs),
                bottom=min(g.bottom for g in glyphs),
                top=max(g.top for g in glyphs),
                index=i,
                glyphs=glyphs,
                paragraph=par,
            )
        )
    return lines


def ocr_pages_tsv(
    pdf, indices: list[int], digest: str, settings: OcrSettings, binary: str, workers: int | None = None
) -> dict[int, str | Exception]:  # type: ignore[no-untyped-def]
    """TSV of several pages (0-based ``indices``): cached ones read, the others OCR'd in parallel.

    Pages are rendered one by one (pdfium is not thread-safe); the Tesseract
    processes run side by side, one per core.
    """
    from concurrent.futures import ThreadPoolExecutor

    out: dict[int, str | Exception] = {}
    todo: list[tuple[int, Path, bytes]] = []
    for i in indices:
        path = _cache_path(digest, i, settings, binary)
        try:
            out[i] = path.read_text(encoding="utf-8")
            continue
        except OSError:
            pass
        page = pdf[i]
        try:
            todo.append((i, path, _render_png(page, settings.dpi)))
        finally:
            page.close()
    if not todo:
        return out

    def run(job: tuple[int, Path, bytes]) -> tuple[int, str | Exception]:
        i, path, png = job
        try:
            tsv = ocr_image(png, binary, settings)
        except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
            return i, exc
        _write_atomic(path, tsv)
        return i, tsv

    n = workers or max(1, min(len(todo), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=n) as pool:
        for i, result in pool.map(run, todo):
            out[i] = result
    return out
