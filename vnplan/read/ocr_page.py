"""The OCR page pass: image-only PDF pages read with Tesseract (``vie``), cached on disk.

Tesseract runs as a subprocess (``tesseract - - -l vie --psm 3 tsv``) on a
page rendered by pypdfium2; no Python binding is needed.  The TSV output
(words with boxes, block/paragraph/line numbers) is cached under
``$VNPLAN_CACHE/ocr`` (default ``~/.cache/vnplan/ocr``), keyed by the file's
content hash, the page and the settings (`vnplan.read.cache`), so a re-run costs nothing.
The second passes over part of a page live in `vnplan.read.ocr_upright` (a page scanned
turned) and `vnplan.read.ocr_signature` (the signature block under a seal).

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
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vnplan.read import cache
from vnplan.read.budget import BudgetError, check_render
from vnplan.read.cache import file_digest
from vnplan.read.pdf_lines import Glyph, Line

__all__ = [
    "OcrSettings",
    "OcrWord",
    "PageImages",
    "cache_dir",
    "confident_words",
    "file_digest",
    "keep_low_confidence",
    "ocr_image",
    "ocr_images",
    "ocr_lines",
    "ocr_page_tsv",
    "ocr_pages_tsv",
    "page_pixels",
    "parse_tsv",
    "pass_cache_path",
    "render_gray",
    "set_page_workers",
    "split_pages",
    "tesseract_available",
    "word_lines",
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
    return cache.cache_dir("ocr")


def _cache_path(digest: str, page: int, settings: OcrSettings, binary: str) -> Path:
    key = hashlib.sha256(f"{digest}|{page}|{settings.key()}|{_version(binary)}".encode()).hexdigest()
    return cache.entry_path(cache_dir(), key, ".tsv")


def pass_cache_path(digest: str, page: int, settings: OcrSettings, binary: str, version: str, suffix: str) -> Path:
    """Cache file of a second OCR pass over part of a page (``version`` names the pass and its rules)."""
    key = hashlib.sha256(f"{digest}|{page}|{settings.key()}|{version}|{_version(binary)}".encode()).hexdigest()
    return cache.entry_path(cache_dir(), key, f".{suffix}.json")


_write_atomic = cache.write_atomic  # the name the second passes use


def ocr_image(png: bytes, binary: str, settings: OcrSettings, extra: tuple[str, ...] = ()) -> str:
    """Run Tesseract on image bytes, TIFF (`_tiff`) or PNG (``extra``: more options, e.g. ``("-c", "tessedit_char_whitelist=0123456789")``); return its TSV output.

    The bytes go through stdin; Leptonica tells the format by its magic number, and a TIFF and a PNG of
    the same pixels read the same (same words, boxes, confidences).
    """
    cmd = [binary, "-", "-", "-l", settings.lang, "--psm", str(settings.psm), *extra, "tsv"]
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one page per process; parallelism belongs to the caller
    out = subprocess.run(cmd, input=png, capture_output=True, timeout=settings.timeout, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return out.stdout.decode("utf-8", "replace")


def ocr_images(pngs: list[bytes], binary: str, settings: OcrSettings) -> list[str]:
    """Tesseract's TSV of each of several small images, read by one Tesseract process.

    Each image is read alone, as `ocr_image` reads it (Tesseract's LSTM engine keeps nothing from
    one image to the next: the same words, boxes and confidences), but the language model is loaded
    once: 33 signature lines take 0.7 s instead of 5.9 s.  Each TSV is returned as a lone run
    would print it (``page_num`` 1).

    >>> ocr_images([], "/usr/bin/tesseract", OcrSettings(psm=7))
    []
    """
    if len(pngs) <= 1:
        return [ocr_image(png, binary, settings) for png in pngs]
    with tempfile.TemporaryDirectory(prefix="vnplan-ocr-") as tmp:
        names = []
        for k, png in enumerate(pngs):
            name = os.path.join(tmp, f"{k:04d}{_suffix(png)}")
            with open(name, "wb") as fh:
                fh.write(png)
            names.append(name)
        listing = os.path.join(tmp, "images.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(names) + "\n")
        cmd = [binary, listing, "-", "-l", settings.lang, "--psm", str(settings.psm), "tsv"]
        env = dict(os.environ)
        env.setdefault("OMP_THREAD_LIMIT", "1")
        out = subprocess.run(cmd, capture_output=True, timeout=settings.timeout, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return split_pages(out.stdout.decode("utf-8", "replace"), len(pngs))


def split_pages(tsv: str, pages: int) -> list[str]:
    """A many-image TSV cut into one TSV per image, each numbered page 1 as a lone run numbers it.

    >>> head = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext"
    >>> split_pages(head + "\\n1\\t1\\t0\\n1\\t2\\t0\\n5\\t2\\t1\\n", 2)[1].splitlines()[1:]
    ['1\\t1\\t0', '5\\t1\\t1']
    """
    lines = tsv.splitlines()
    head, rows = (lines[0], lines[1:]) if lines else ("", [])
    per: list[list[str]] = [[head] for _ in range(pages)]
    for row in rows:
        cols = row.split("\t")
        try:
            k = int(cols[1]) - 1
        except (IndexError, ValueError):
            continue
        if 0 <= k < pages:
            cols[1] = "1"
            per[k].append("\t".join(cols))
    return ["\n".join(rows_) + "\n" for rows_ in per]


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


# what a faint or handwritten header word looks like when Tesseract gives it almost no confidence
_SYMBOL_SHAPE = re.compile(r"^\S{0,6}/[A-ZĐ][A-ZĐ&]*(?:-[A-ZĐ][A-Za-zĐđ&0-9]*)+[.,;]?$")


_DATE_AFTER = re.compile(r"^,?\s*ngày\b.*\b(?:tháng|năm)\b")


def keep_low_confidence(word: str, line: str) -> bool:
    """True for a word read with little confidence that still holds a header value.

    A symbol (``/22/SGD&ĐT-VP``: the handwritten số spoils the confidence of the printed
    ký hiệu) or a capitalised syllable of the địa danh right before ``…, ngày … tháng``.
    Examples and counter-examples: ``data/layout_cues.json`` (``low_confidence_header_word``).

    >>> keep_low_confidence("Phí", "Phí Thọ, ngày 16 tháng 3 năm 2017")
    True
    >>> keep_low_confidence("Ủ", "Ủ Ban hành kế hoạch")
    False
    """
    if _SYMBOL_SHAPE.match(word):
        return True
    at = line.find(word)
    core = word.rstrip(",")
    if at < 0 or not (2 <= len(core) <= 7 and core.isalpha() and core[0].isupper() and core[1:].islower()):
        return False
    rest = line[at + len(core):].lstrip()
    if _DATE_AFTER.match(rest):
        return True
    nxt, _, after = rest.partition(" ")  # the second syllable of the địa danh: "Phí Thọ, ngày"
    return nxt.endswith(",") and nxt[:1].isupper() and bool(_DATE_AFTER.match(after))


def confident_words(words: list[OcrWord], min_conf: float = 5.0) -> list[OcrWord]:
    """The words worth reading: confident ones, long alphabetic ones, and header values (`keep_low_confidence`)."""
    lines = {key: " ".join(w.text for w in ws) for key, ws in word_lines(words).items()}
    return [
        w for w in words
        if w.conf >= min_conf or len(w.text) > 3 and w.text.isalpha() or keep_low_confidence(w.text, lines[w.line])
    ]


def word_lines(words: list[OcrWord]) -> dict[tuple[int, int, int], list[OcrWord]]:
    """Words grouped by Tesseract line (block, paragraph, line), in that order, each line left to right."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    return {key: sorted(groups[key], key=lambda w: w.left) for key in sorted(groups)}


def page_pixels(page, dpi: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Width and height in pixels of a pypdfium2 page rendered at ``dpi``."""
    w_pt, h_pt = page.get_size()
    return round(w_pt * dpi / 72), round(h_pt * dpi / 72)


def render_gray(page, dpi: int):  # type: ignore[no-untyped-def]
    """A pypdfium2 page as a grayscale PIL image at ``dpi`` (what Tesseract reads); `BudgetError` if too big."""
    check_render(*page.get_size(), dpi)
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def ocr_page_tsv(page, digest: str, index: int, settings: OcrSettings, binary: str) -> str:  # type: ignore[no-untyped-def]
    """TSV for page ``index`` (0-based) of a pypdfium2 document, from the cache when possible."""
    path = _cache_path(digest, index, settings, binary)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    tsv = ocr_image(_tiff(render_gray(page, settings.dpi)), binary, settings)
    _write_atomic(path, tsv)
    return tsv


def ocr_lines(words: list[OcrWord], dpi: int, page_height: float) -> list[Line]:
    """Tesseract's lines as layout `Line` objects in PDF points (words as glyphs)."""
    k = 72.0 / dpi
    lines: list[Line] = []
    paragraphs: dict[tuple[int, int], int] = {}
    for i, (key, ws) in enumerate(word_lines(words).items()):
        glyphs = [
            Glyph(w.text, w.left * k, (w.left + w.width) * k, page_height - (w.top + w.height) * k, page_height - w.top * k)
            for w in ws
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


_PAGE_WORKERS = [0]  # Tesseract processes one read may run at once (0: one per core)


def set_page_workers(n: int) -> None:
    """How many pages one read OCRs at once: a batch worker sharing the cores with others sets 1.

    >>> set_page_workers(1)  # hai tiến trình trích xuất trên máy hai nhân: mỗi tiến trình một trang một lúc
    >>> set_page_workers(0)  # mặc định: một trang mỗi nhân
    """
    _PAGE_WORKERS[0] = max(0, n)


def ocr_pages_tsv(
    pdf, indices: list[int], digest: str, settings: OcrSettings, binary: str, workers: int | None = None,
    keep: PageImages | None = None,
) -> dict[int, str | Exception]:  # type: ignore[no-untyped-def]
    """TSV of several pages (0-based ``indices``): cached ones read, the others OCR'd in parallel.

    Pages are rendered one by one in this thread (pdfium is not thread-safe) as a Tesseract worker
    comes free, so rendering overlaps the reading of other pages and only a page per worker (and one
    ahead) is held; the bitmap goes to Tesseract as an uncompressed TIFF (`_tiff`, no PNG encoding).
    A page that ``keep`` wants (the pages the second passes will crop: `PageImages.wanted`) leaves its
    render there, so it is not rendered again.

    >>> ocr_pages_tsv(pdf, [0, 1], digest, OcrSettings(), binary)[0][:5]  # công văn scan 2 trang  # doctest: +SKIP
    'level'
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    out: dict[int, str | Exception] = {}
    todo: list[tuple[int, Path]] = []
    for i in indices:
        path = _cache_path(digest, i, settings, binary)
        try:
            out[i] = path.read_text(encoding="utf-8")
        except OSError:
            todo.append((i, path))
    if not todo:
        return out
    n = max(1, min(len(todo), workers or _PAGE_WORKERS[0] or os.cpu_count() or 1))
    slots = threading.Semaphore(n + 1)  # bitmaps rendered ahead of the readers: one more than the workers

    def run(i: int, path: Path, data: bytes) -> str | Exception:
        try:
            tsv = ocr_image(data, binary, settings)
        except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
            return exc
        finally:
            slots.release()
        _write_atomic(path, tsv)
        return tsv

    futures = {}
    with ThreadPoolExecutor(max_workers=n) as pool:
        for i, path in todo:  # rendered here, in this thread (pdfium is not thread-safe), as readers come free
            slots.acquire()
            page = pdf[i]
            try:
                image = render_gray(page, settings.dpi)
            except BudgetError as exc:  # a huge page: a warning for that page, not a 3 GB bitmap
                out[i] = exc
                slots.release()
                continue
            finally:
                page.close()
            if keep is not None:
                keep.put(i, settings.dpi / 72, True, image)
            futures[i] = pool.submit(run, i, path, _tiff(image))
            del image
        for i, future in futures.items():
            out[i] = future.result()
    return out


class PageImages:
    """The renders of a document's pages, kept for the OCR passes of one read: each page rendered once.

    The page pass renders a page in gray; the header and signature passes crop the same page again.  `pages` stands in for the pypdfium2 document given to those
    passes: its pages answer ``render`` from here (the same pixels, rendered once), so
    ``render_gray(pdf[i], 300)`` in any pass costs nothing after the first.  Only the pages in
    ``wanted`` are kept by the page pass; `forget` drops a page once its passes are done.

    >>> images = PageImages(pdf, wanted={0})  # doctest: +SKIP
    >>> render_gray(images.pages[0], 300) is render_gray(images.pages[0], 300)  # doctest: +SKIP
    True
    """

    def __init__(self, pdf, wanted: set[int] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.pdf = pdf
        self.wanted = set(wanted or ())
        self._images: dict[tuple[int, float, bool], object] = {}

    def put(self, index: int, scale: float, grayscale: bool, image) -> None:  # type: ignore[no-untyped-def]
        """Keep the page pass's render of page ``index`` (``PdfPage.render(scale, grayscale)``) if a second pass wants it."""
        if index in self.wanted:
            self._images[(index, scale, grayscale)] = image

    def forget(self, index: int) -> None:
        """Drop every render of page ``index`` (its passes are done)."""
        for key in [k for k in self._images if k[0] == index]:
            del self._images[key]

    @property
    def pages(self) -> _SharedDocument:
        return _SharedDocument(self)


class _SharedDocument:
    """A pypdfium2 document whose pages render from `PageImages`."""

    def __init__(self, store: PageImages) -> None:
        self._store = store

    def __getitem__(self, index: int) -> _SharedPage:
        return _SharedPage(self._store, index, self._store.pdf[index])

    def __len__(self) -> int:
        return len(self._store.pdf)


class _SharedPage:
    """A pypdfium2 page whose gray ``render`` is made once per scale (a bitmap made of the kept image).

    A colour render is passed through: only the signature pass asks for one, once, and keeping it
    (26 MB at 300 dpi) raised a scan's memory peak by 60 MB.
    """

    def __init__(self, store: PageImages, index: int, page) -> None:  # type: ignore[no-untyped-def]
        self._store, self._index, self._page = store, index, page

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._page, name)

    def close(self) -> None:
        self._page.close()

    def render(self, scale: float = 1, grayscale: bool = False, **options):  # type: ignore[no-untyped-def]
        if options or not grayscale:  # a colour render serves one pass (the signature's seal ink): not kept
            return self._page.render(scale=scale, grayscale=grayscale, **options)
        key = (self._index, scale, grayscale)
        image = self._store._images.get(key)
        if image is None:
            image = self._page.render(scale=scale, grayscale=grayscale).to_pil()
            self._store._images[key] = image
        return _Rendered(image)


class _Rendered:
    """What ``PdfPage.render`` returns, as far as the OCR passes use it (``to_pil``)."""

    def __init__(self, image) -> None:  # type: ignore[no-untyped-def]
        self._image = image

    def to_pil(self):  # type: ignore[no-untyped-def]
        return self._image


# PNG is only how a bitmap reaches Tesseract: the fastest zlib level gives the same pixels (and the
# same reading) in a third of the time the default level takes.
PNG_COMPRESS_LEVEL = 1


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def _tiff(image) -> bytes:  # type: ignore[no-untyped-def]
    """A PIL image as an uncompressed TIFF: how a bitmap reaches Tesseract, with no compression on either side.

    Tesseract reads the same pixels whatever the container (the same words, boxes and confidences as
    from a PNG).  Measured on a 300 dpi A4 page: PNG (zlib level 1) costs 0.16 s to encode here and
    0.07 s for Leptonica to decode; PNM 0.002 s and 0.085 s (Leptonica reads it byte by byte); an
    uncompressed TIFF 0.013 s and 0.002 s.

    >>> from PIL import Image
    >>> _tiff(Image.new("L", (3, 2), 255))[:2]
    b'II'
    """
    buf = io.BytesIO()
    image.save(buf, format="TIFF")
    return buf.getvalue()


def _suffix(data: bytes) -> str:
    """The file name suffix of image bytes given to Tesseract in a list file (``.tif`` or ``.png``).

    >>> _suffix(b"II*\\x00"), _suffix(b"\\x89PNG\\r\\n")
    ('.tif', '.png')
    """
    return ".tif" if data[:4] in (b"II*\x00", b"MM\x00*") else ".png"
