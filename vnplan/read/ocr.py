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

import dataclasses
import functools
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vnplan.read.budget import BudgetError, check_render
from vnplan.read.pdf_layout import Glyph, Line

__all__ = [
    "SIGNATURE_VERSION",
    "OcrSettings",
    "OcrWord",
    "SignatureRead",
    "cache_dir",
    "clean_signature_line",
    "confident_words",
    "file_digest",
    "keep_low_confidence",
    "line_role",
    "mean_confidence",
    "ocr_image",
    "ocr_lines",
    "ocr_pages_tsv",
    "ocr_signature",
    "osd_rotation",
    "page_pixels",
    "parse_tsv",
    "pass_cache_path",
    "read_signature_image",
    "render_gray",
    "set_page_workers",
    "signature_quality",
    "signature_region",
    "signature_variants",
    "tesseract_available",
    "upright_tsv",
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


def ocr_image(png: bytes, binary: str, settings: OcrSettings, extra: tuple[str, ...] = ()) -> str:
    """Run Tesseract on PNG bytes (``extra``: more options, e.g. ``("-c", "tessedit_char_whitelist=0123456789")``); return its TSV output."""
    cmd = [binary, "-", "-", "-l", settings.lang, "--psm", str(settings.psm), *extra, "tsv"]
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


def _render_png(page, dpi: int) -> bytes:  # type: ignore[no-untyped-def]
    image = render_gray(page, dpi)
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


UPRIGHT_VERSION = "upright2"  # the re-reading of a page scanned sideways or upside down
_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)


def mean_confidence(words: list[OcrWord]) -> float:
    """Tesseract's mean word confidence on a page (0 for no words): a page read sideways gives about 35, a good one 90.

    >>> mean_confidence([OcrWord("Số", 0, 0, 9, 9, 90.0, (1, 1, 1)), OcrWord("#1", 9, 0, 9, 9, 20.0, (1, 1, 1))])
    55.0
    """
    return sum(w.conf for w in words) / len(words) if words else 0.0


def osd_rotation(osd: str) -> int:
    """Degrees (clockwise) that Tesseract's orientation report (``--psm 0``) says turn the page upright.

    >>> osd_rotation("Page number: 0\\nOrientation in degrees: 270\\nRotate: 90\\nOrientation confidence: 0.86")
    90
    >>> osd_rotation("")
    0
    """
    m = _OSD_ROTATE.search(osd)
    return int(m.group(1)) % 360 if m else 0


def _turned_reading(image, binary: str, settings: OcrSettings) -> str:  # type: ignore[no-untyped-def]
    """``angle<TAB>tsv`` of the page turned as Tesseract's orientation detection says (``0`` and no TSV if upright)."""
    png = io.BytesIO()
    image.save(png, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run([binary, "-", "-", "--psm", "0"], input=png.getvalue(), capture_output=True,
                         timeout=settings.timeout, env=env, check=False)
    angle = osd_rotation(out.stdout.decode("utf-8", "replace"))
    if not angle:
        return "0\t"
    turned = io.BytesIO()
    image.rotate(-angle, expand=True).save(turned, format="PNG")
    return f"{angle}\t" + ocr_image(turned.getvalue(), binary, settings)


def upright_tsv(pdf, index: int, tsv: str, digest: str, settings: OcrSettings, binary: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The page's TSV read the right way up, and the angle it was turned by (0: as scanned).

    A page read with mean confidence under 50 is asked for its orientation (Tesseract
    ``--psm 0``) and read again turned; that reading is kept when its confidence is 20
    points better (its word boxes are then in the turned image).

    >>> upright_tsv(pdf, 3, tsv, digest, OcrSettings(), binary)[1]  # 0112: bảng danh sách in ngang  # doctest: +SKIP
    90
    """
    words = parse_tsv(tsv)
    before = mean_confidence(words)
    if len(words) < 20 or before >= 50:
        return tsv, 0
    path = pass_cache_path(digest, index, settings, binary, UPRIGHT_VERSION, "rot")
    try:
        cached = path.read_text(encoding="utf-8")
    except OSError:
        page = pdf[index]
        try:
            image = render_gray(page, settings.dpi)
        finally:
            page.close()
        try:
            cached = _turned_reading(image, binary, settings)
        except (OSError, RuntimeError, subprocess.SubprocessError):
            return tsv, 0
        _write_atomic(path, cached)
    angle, _, turned = cached.partition("\t")
    if int(angle) and mean_confidence(parse_tsv(turned)) >= before + 20:
        return turned, int(angle)
    return tsv, 0


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
        except BudgetError as exc:  # a huge page: a warning for that page, not a 3 GB bitmap
            out[i] = exc
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

    n = max(1, min(len(todo), workers or _PAGE_WORKERS[0] or os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=n) as pool:
        for i, result in pool.map(run, todo):
            out[i] = result
    return out


# --------------------------------------------------------------------------- signature block (second pass)
#
# On scans the signature block (authority, chức vụ, name) is overlapped by a
# round seal and a handwritten signature; the page-level ``--psm 3`` pass
# loses it.  It is re-read from a crop (right of the ``Nơi nhận`` list, from a
# little above it to the end of the closing), in a few cleaned variants (plain,
# dark ink only, seal rings erased), with ``--psm 6`` then line by line with
# ``--psm 7``; the best reading of each line is kept when it looks like a
# signature line.

SIGNATURE_VERSION = "sig2"

_AUTH_RE = re.compile(r"^(?:T\s*/?\s*M|K\s*/?\s*T|T\s*/?\s*L|TUQ|Q)\s*[.,]\s*\S", re.I)
_POSITIONS = (
    "chu tich", "bo truong", "thu truong", "chu nhiem", "giam doc", "truong ban", "chanh van phong",
    "thu tuong", "cuc truong", "vu truong", "hieu truong", "truong phong", "bi thu", "tong cuc truong",
    "vien truong", "chanh thanh tra", "tong thu ky", "chanh an", "giam doc",
)
_RANK_WORDS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
)
_WORD = re.compile(r"^[^\W\d_]+$")


@dataclass(frozen=True)
class SignatureRead:
    """The re-read signature lines of a page, and the crop (pixels) they came from."""

    lines: tuple[str, ...]
    box: tuple[int, int, int, int]  # left, top, right, bottom at the OCR dpi
    gutter: int

    def covers(self, word: OcrWord, chained: set[int]) -> bool:
        """Whether a page word belongs to the signature block (inside the crop, not body text)."""
        cx, cy = word.left + word.width / 2, word.top + word.height / 2
        l, t, r, b = self.box
        return l <= cx <= r and t <= cy <= b and id(word) not in chained


def _ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.replace("đ", "d").replace("Đ", "D").lower().split())


def _is_word(token: str) -> bool:
    return bool(_WORD.match(token.strip(".,;:")))


_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def _is_syllable(token: str) -> bool:
    """A Vietnamese name syllable: ``Cường``, ``tướng`` (Latin letters without f/j/w/z, Vietnamese marks)."""
    if len(token) < 2 or not token[1:].islower():
        return False
    for ch in unicodedata.normalize("NFD", token):
        if ch in _VI_MARKS:
            continue
        if ch in "đĐ":
            continue
        if not ("a" <= ch.lower() <= "z") or ch.lower() in "fjwz":
            return False
    return True


def line_role(text: str) -> str | None:
    """What a signature-block line is: ``authority``, ``position``, ``name``, ``upper`` or None.

    >>> line_role("KT. BỘ TRƯỞNG, CHỦ NHIỆM"), line_role("PHÓ CHỦ TỊCH"), line_role("Phạm Mạnh Cường")
    ('authority', 'position', 'name')
    >>> line_role("Thượng tướng Nguyễn Văn Long"), line_role("đê các Bộ, cơ quan biết, thực hiện./.")
    ('name', None)
    """
    tokens = text.split()
    if not tokens:
        return None
    if _AUTH_RE.match(text) and sum(_is_word(t) for t in tokens) >= 1:
        return "authority"
    letters = [c for c in text if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    words = [t for t in tokens if _is_word(t)]
    if upper and len(words) >= 1 and len(words) >= len(tokens) - 1:
        folded = " " + _ascii_fold(" ".join(words)) + " "
        if any(f" {p} " in folded for p in _POSITIONS):
            return "position"
        if len(words) >= 2 and all(len(w.strip(".,")) >= 2 and w.isupper() for w in words):
            return "upper"
        return None
    if 2 <= len(tokens) <= 6 and all(_is_syllable(t) for t in tokens):
        caps = [t for t in tokens if t[0].isupper()]
        if len(caps) >= 2 and tokens[-1][0].isupper() and tokens[-2][0].isupper():
            return "name"
    return None


def clean_signature_line(text: str) -> str:
    """Drop stray marks at the ends of an OCR'd signature line; restore a rank's accents.

    >>> clean_signature_line("| N Pham Mạnh Cường")
    'Pham Mạnh Cường'
    >>> clean_signature_line("Thưởng tướng Nguyễn Văn Long")
    'Thượng tướng Nguyễn Văn Long'
    >>> clean_signature_line("—_ THỨ TRƯỞNG")
    'THỨ TRƯỞNG'
    """
    tokens = text.replace("“", " ").replace("”", " ").split()

    def good(t: str, first: bool) -> bool:
        core = t.strip(".,;:")
        if not _is_word(core if core else t):
            return bool(first and _AUTH_RE.match(t + " X"))
        if len(core) >= 2:
            return True
        return False

    while tokens and not good(tokens[0], True):
        tokens.pop(0)
    while tokens and not good(tokens[-1], False):
        tokens.pop()
    out = " ".join(tokens)
    for rank in _RANK_WORDS:
        n = len(rank.split())
        head = " ".join(out.split()[:n])
        if head != rank and _ascii_fold(head) == _ascii_fold(rank) and len(out.split()) > n:
            out = rank + out[len(head):]
            break
    return out


def _line_score(text: str) -> float:
    role = line_role(text)
    tokens = re.sub(r"(?<=\w)[.,](?=\w)", ". ", text).split()
    clean = sum(1 for t in tokens if _is_word(t) and len(t.strip(".,")) >= 2)
    weight = {"authority": 4.0, "position": 4.0, "name": 4.0, "upper": 1.0}.get(role or "", 0.0)
    return weight + clean - 0.5 * (len(tokens) - clean)


def _chains(words: list[OcrWord], limit: float) -> list[list[OcrWord]]:
    """Runs of words that start a Tesseract line left of ``limit`` and follow each other closely."""
    out: list[list[OcrWord]] = []
    for ws in word_lines(words).values():
        if ws[0].left > limit:
            continue
        run = [ws[0]]
        for w in ws[1:]:
            prev = run[-1]
            h = max(prev.height, w.height, 1)
            if w.left - (prev.left + prev.width) > 2.0 * h:
                break
            run.append(w)
        out.append(run)
    return out


def signature_region(words: list[OcrWord], width: int, height: int) -> tuple[tuple[int, int, int, int], int, set[int]] | None:
    """Where the signature block of a scanned page is: the crop box, the gutter, and body words.

    The block is to the right of the ``Nơi nhận`` list, from a little above
    the ``Nơi nhận:`` line to the end of the page (or the first line running
    across the gutter below the list).  Returns None when the page has no
    ``Nơi nhận``.  The third item holds ``id()`` of words in left-column runs
    (body text and the list), which stay in the page.
    """
    ordered = sorted(words, key=lambda w: (w.line, w.left))
    anchor = None
    for a, b in zip(ordered, ordered[1:]):
        if a.line == b.line and _ascii_fold(a.text) == "noi" and _ascii_fold(b.text).startswith("nhan"):
            anchor = a
            break
    if anchor is None:
        for w in ordered:
            if _ascii_fold(w.text).startswith("noinhan"):
                anchor = w
                break
    if anchor is None or anchor.left > 0.45 * width:
        return None
    h = max(anchor.height, 20)
    chains = _chains(words, 0.35 * width)
    list_runs = [
        run for run in chains
        if run[0].top >= anchor.top - 0.5 * h and (run[0] is anchor or run[0].text[:1] in "-+•–_—" or run[0].left > anchor.left - 0.5 * h)
        and run[0].top < anchor.top + 0.5 * height
    ]
    edges = [r[-1].left + r[-1].width for r in list_runs if r[-1].left + r[-1].width < 0.62 * width]
    gutter = int(min(max(max(edges, default=0.5 * width) + 0.5 * h, 0.4 * width), 0.62 * width))
    crossing = [run for run in chains if run[-1].left + run[-1].width > gutter + 2 * h]
    above = [r for r in crossing if r[0].top < anchor.top - 0.3 * h]
    top = anchor.top - 3.5 * h
    if above:
        top = max(top, max(w.top + w.height for r in above for w in r) + 2)
    below = [r for r in crossing if r[0].top > anchor.top + 0.5 * h]
    bottom = height
    # a line across the gutter below the list ends the closing, if it is under the last list item
    last_item = max((r[-1].top + r[-1].height for r in list_runs), default=anchor.top + h)
    after = [r for r in below if r[0].top > last_item]
    if after:
        bottom = min(w.top for w in after[0]) - 2 if len(after) == 1 else min(min(w.top for w in r) for r in after) - 2
    if bottom - top < 3 * h:
        return None
    body = {id(w) for run in chains if run[-1].left + run[-1].width > gutter or run in list_runs or run[0].top < top for w in run}
    body |= {id(w) for run in list_runs for w in run}
    return (gutter, int(top), width, int(bottom)), gutter, body


def _ring_mask(ink, dpi: int):  # type: ignore[no-untyped-def]
    """Pixels of the circular rings of a round seal in a binary image (empty when there is none)."""
    import numpy as np
    from scipy import signal

    f = 4
    h, w = ink.shape
    if h < 8 * f or w < 8 * f:
        return np.zeros_like(ink)
    small = ink[: h // f * f, : w // f * f].reshape(h // f, f, w // f, f).mean(axis=(1, 3))
    best = None
    for rmm in np.arange(11.0, 24.0, 0.5):  # seals are 22-48 mm across
        r = rmm / 25.4 * dpi / f
        if 2 * r > min(small.shape) * 1.2:
            break
        n = int(2 * r + 5)
        yy, xx = np.mgrid[:n, :n] - n // 2
        d = np.hypot(yy, xx)
        k = ((d > r - 1) & (d < r + 1)).astype(float)
        k /= k.sum()
        acc = signal.fftconvolve(small, k, mode="same")
        i = np.unravel_index(acc.argmax(), acc.shape)
        if best is None or acc[i] > best[0]:
            best = (acc[i], i[0] * f + f / 2, i[1] * f + f / 2, r * f)
    if best is None or best[0] < 0.4:
        return np.zeros_like(ink)
    _, cy, cx, radius = best
    theta = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    rings = []
    for r in range(int(radius * 0.6), int(radius * 1.15)):
        y = (cy + r * np.sin(theta)).round().astype(int)
        x = (cx + r * np.cos(theta)).round().astype(int)
        ok = (y >= 0) & (y < h) & (x >= 0) & (x < w)
        if ok.sum() > 360 and ink[y[ok], x[ok]].mean() > 0.55:
            rings.append(r)
    mask = np.zeros_like(ink)
    if not rings:
        return mask
    yy, xx = np.mgrid[:h, :w]
    d = np.hypot(yy - cy, xx - cx)
    for r in rings:
        mask |= np.abs(d - r) < 2.0
    return mask & ink


def signature_variants(image):  # type: ignore[no-untyped-def]
    """Cleaned versions of a signature crop (PIL, grayscale): plain, dark ink only, seal rings erased."""
    import numpy as np
    from PIL import Image

    a = np.asarray(image.convert("L"))
    out = [("plain", image.convert("L"))]
    out.append(("dark", Image.fromarray(np.where(a < 90, 0, 255).astype(np.uint8))))
    ink = a < 160
    rings = _ring_mask(ink, 300)
    if rings.any():
        out.append(("rings", Image.fromarray(np.where(ink & ~rings, 0, 255).astype(np.uint8))))
    return out


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _tsv_lines(tsv: str, min_conf: float = 30.0) -> list[tuple[str, int, int, int, int]]:
    """(text, top, bottom, left, right) of each line of a Tesseract TSV, unsure words dropped."""
    out = []
    for ws in word_lines([w for w in parse_tsv(tsv) if w.conf >= min_conf]).values():
        out.append((
            " ".join(w.text for w in ws), min(w.top for w in ws), max(w.top + w.height for w in ws),
            ws[0].left, max(w.left + w.width for w in ws),
        ))
    return sorted(out, key=lambda x: x[1])


Reading = tuple[float, str, int, int, int, int]  # score, text, top, bottom, left, right


def _read(img, binary: str, settings: OcrSettings, psm: int, dx: int = 0, dy: int = 0) -> list[Reading]:  # type: ignore[no-untyped-def]
    try:
        tsv = ocr_image(_png(img), binary, dataclasses.replace(settings, psm=psm))
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return []
    out: list[Reading] = []
    for text, top, bottom, left, right in _tsv_lines(tsv):
        text = clean_signature_line(text)
        if text:
            out.append((_line_score(text), text, top + dy, bottom + dy, left + dx, right + dx))
    return out


def read_signature_image(image, binary: str, settings: OcrSettings) -> list[str]:  # type: ignore[no-untyped-def]
    """The signature lines of a cropped signature block (PIL image), top to bottom.

    Each variant (`signature_variants`) is read as a block (``--psm 6``);
    then every legible line is read again alone (``--psm 7``), over the
    crop's width and over a span centred on the block (signature lines are
    centred), and the best reading of each line is kept.

    >>> read_signature_image(crop, "/usr/bin/tesseract", OcrSettings())  # doctest: +SKIP
    ['KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'Pham Mạnh Cường']
    """
    variants = signature_variants(image)
    readings: list[Reading] = []
    for _, img in variants:
        readings += _read(img, binary, settings, 6)
    # slots: readings of the same line (overlapping vertically)
    slots: list[list[Reading]] = []
    for r in sorted(readings, key=lambda r: (r[2] + r[3]) / 2):
        mid = (r[2] + r[3]) / 2
        for slot in slots:
            if slot[0][2] <= mid <= slot[0][3]:
                slot.append(r)
                break
        else:
            slots.append([r])
    roled = [r for r in readings if line_role(r[1]) in ("authority", "position")]
    centre = None
    if roled:
        head = max(roled, key=lambda r: (r[0], -r[2]))
        centre = (head[4] + head[5]) / 2
    lines: list[tuple[int, str]] = []
    for slot in slots:
        if max(r[0] for r in slot) < 2:
            continue  # nothing legible there (seal emblem, signature strokes)
        top = min(r[2] for r in slot)
        bottom = max(r[3] for r in slot)
        pad = max(6, (bottom - top) // 3)
        spans = [(0, image.width)]
        if centre is not None:
            right = max(r[5] for r in slot)
            half = max(right - centre, (bottom - top)) + pad
            spans.append((max(0, int(centre - half)), min(image.width, int(centre + half))))
        for x0, x1 in spans:
            for _, img in variants:  # the line alone, read as one line
                strip = img.crop((x0, max(0, top - pad), x1, min(img.height, bottom + pad)))
                slot += [r for r in _read(strip, binary, settings, 7, x0, max(0, top - pad))]
        votes: dict[str, int] = {}
        for r in slot:
            votes[r[1]] = votes.get(r[1], 0) + 1
        best = max(slot, key=lambda r: r[0] + 0.5 * (votes[r[1]] - 1))
        if line_role(best[1]):
            lines.append((top, best[1]))
    lines.sort()
    texts = [t for _, t in lines]
    roles = [line_role(t) for t in texts]
    first = next((k for k, r in enumerate(roles) if r in ("authority", "position")), None)
    last = max((k for k, r in enumerate(roles) if r == "name"), default=None)
    if first is None:
        return []
    end = last + 1 if last is not None and last > first else len(texts)
    keep = []
    for k in range(first, end):
        if roles[k] == "name" and k != last:
            continue
        if roles[k] == "upper" and not any(r in ("authority", "position") for r in roles[k + 1:end]):
            continue  # an upper-case line only continues an authority line (wrapped agency name)
        keep.append(texts[k])
    return keep


def signature_quality(lines: list[str]) -> int:
    """How complete a signature block reads: one point each for authority/position, name.

    >>> signature_quality(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phan Trung Bá"])
    2
    """
    roles = {line_role(t) for t in lines}
    return int(bool(roles & {"authority", "position"})) + int("name" in roles)


def pass_cache_path(digest: str, page: int, settings: OcrSettings, binary: str, version: str, suffix: str) -> Path:
    """Cache file of a second OCR pass over part of a page (``version`` names the pass and its rules)."""
    key = hashlib.sha256(f"{digest}|{page}|{settings.key()}|{version}|{_version(binary)}".encode()).hexdigest()
    return cache_dir() / key[:2] / f"{key}.{suffix}.json"


def ocr_signature(
    pdf, index: int, words: list[OcrWord], digest: str, settings: OcrSettings, binary: str
) -> tuple[SignatureRead, set[int]] | None:  # type: ignore[no-untyped-def]
    """Second OCR pass over the signature block of page ``index`` (0-based), cached on disk.

    ``words`` are the page-level OCR words.  Returns the re-read lines (only
    when they read as a signature block: an authority or chức vụ line and a
    name) and the ids of page words that are body text, or None.

    >>> sig, body = ocr_signature(pdf, 0, words, digest, OcrSettings(), binary)  # doctest: +SKIP
    >>> sig.lines  # doctest: +SKIP
    ('KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM', 'Pham Mạnh Cường')
    """
    import json

    page = pdf[index]
    try:
        width, height = page_pixels(page, settings.dpi)
        region = signature_region(words, width, height)
        if region is None:
            return None
        box, gutter, body = region
        path = pass_cache_path(digest, index, settings, binary, SIGNATURE_VERSION, "sig")
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            lines = list(cached["lines"])
            box = tuple(cached["box"])  # type: ignore[assignment]
        except (OSError, ValueError, KeyError):
            crop = render_gray(page, settings.dpi).crop(box)
            lines = read_signature_image(crop, binary, settings)
            text = json.dumps({"lines": lines, "box": list(box)}, ensure_ascii=False)
            _write_atomic(path, text)
    finally:
        page.close()
    if signature_quality(lines) < 2:
        return None
    return SignatureRead(tuple(lines), box, gutter), body
