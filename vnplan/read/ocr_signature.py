"""A second OCR pass: the signature block of a scan, re-read from a crop.

On scans the signature block (authority, chức vụ, name) is overlapped by a
round seal and a handwritten signature; the page-level ``--psm 3`` pass
loses it.  It is re-read from a crop (right of the ``Nơi nhận`` list, from a
little above it to the end of the closing), in a few cleaned variants (plain,
dark ink only, seal rings erased), with ``--psm 6`` then line by line with
``--psm 7``; the best reading of each line is kept when it looks like a
signature line.

    >>> line_role("KT. CHỦ TỊCH"), line_role("Nguyễn Văn An")
    ('authority', 'name')
"""
from __future__ import annotations

import dataclasses
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from typing import Any

from vnplan.read.budget import check_render
from vnplan.read.ocr_page import (
    OcrSettings,
    OcrWord,
    _tiff,
    _write_atomic,
    ocr_image,
    ocr_images,
    page_pixels,
    parse_tsv,
    pass_cache_path,
    render_gray,
    word_lines,
)

__all__ = [
    "SIGNATURE_VERSION",
    "SignatureRead",
    "clean_signature_line",
    "line_role",
    "lost_prefixes",
    "name_score",
    "ocr_signature",
    "read_signature_image",
    "render_color",
    "seal_red_mask",
    "signature_quality",
    "signature_region",
    "signature_variants",
    "without_seal",
]


SIGNATURE_VERSION = "sig11"  # sig4: a colour scan's red seal ink erased in two more variants; names scored as names; sig5: KỸ; → KT.; sig9: more Nơi nhận anchors (sig9 briefly also read two-up landscape scans); sig11: KT. and PHÓ hidden by a seal given back (lost_prefixes)


_AUTH_RE = re.compile(r"^(?:T\s*/?\s*M|K\s*/?\s*T|T\s*/?\s*L|TUQ|Q)\s*[.,]\s*\S", re.I)


_POSITIONS = (
    "chu tich", "bo truong", "thu truong", "chu nhiem", "giam doc", "truong ban", "chanh van phong",
    "thu tuong", "cuc truong", "vu truong", "hieu truong", "truong phong", "bi thu", "tong cuc truong",
    "vien truong", "chanh thanh tra", "tong thu ky", "chanh an", "giam doc",
)


_RANK_WORDS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
)


_RANK_FOLDS = {_w for _r in _RANK_WORDS for _w in _r.lower().split()} | {"dai", "thuong", "trung", "thieu", "tuong", "ta"}


_WORD = re.compile(r"^[^\W\d_]+$")
_KT_MISREAD = re.compile(r"^K[TỸYĨÝ][;:,]$")


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
    'Phạm Mạnh Cường'
    >>> clean_signature_line("Thưởng tướng Nguyễn Văn Long")
    'Thượng tướng Nguyễn Văn Long'
    >>> clean_signature_line("—_ THỨ TRƯỞNG")
    'THỨ TRƯỞNG'
    >>> clean_signature_line("Bủi Văn Ga"), clean_signature_line("Nguyên Thị Thu")
    ('Bùi Văn Ga', 'Nguyên Thị Thu')
    >>> clean_signature_line("KỸ; GIÁM ĐÓC"), clean_signature_line("KỸ; THUẬT")
    ('KT. GIÁM ĐÓC', 'KỸ; THUẬT')
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
    if len(tokens) >= 2 and _KT_MISREAD.match(tokens[0]) and line_role(" ".join(tokens[1:])) == "position":
        tokens[0] = "KT."  # "KỸ; GIÁM ĐỐC": the KT. of a deputy's block, its T and dot misread
    if len(tokens) >= 2 and tokens[0] not in _surnames() and line_role(" ".join(tokens)) == "name":
        tokens[0] = _surname_by_tone(tokens[0]) or tokens[0]  # "Bủi Văn Ga": the family name's tone misread
    out = " ".join(tokens)
    for rank in _RANK_WORDS:
        n = len(rank.split())
        head = " ".join(out.split()[:n])
        if head != rank and _ascii_fold(head) == _ascii_fold(rank) and len(out.split()) > n:
            out = rank + out[len(head):]
            break
    return out


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _one_tone(token: str) -> bool:
    """A syllable carries at most one tone mark (``Nguyễn``; not ``lấã``, two marks OCR made of a seal)."""
    return sum(ch in _TONES for ch in unicodedata.normalize("NFD", token)) <= 1


def _toneless(word: str) -> str:
    """A syllable without its tone mark (vowel shapes kept: ``Bủi`` → ``Bui``, ``Trần`` → ``Trân``)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONES))


def _surname_by_tone(word: str) -> str | None:
    """The one family name that differs from ``word`` by its tone mark alone, else None.

    >>> _surname_by_tone("Bủi"), _surname_by_tone("Pham"), _surname_by_tone("Tràn")
    ('Bùi', 'Phạm', None)
    """
    found = {s for s in _surnames() if _toneless(s) == _toneless(word)}
    return found.pop() if len(found) == 1 else None


def _surnames() -> set[str]:
    from vnplan import data as tables

    return set(tables.load_json("layout_cues.json")["surnames"])


def name_score(text: str) -> float:
    """How much a name reading looks like a whole Vietnamese name: its family name first, sound syllables.

    A reading that opens with a family name (``Nguyễn Hoàng Giang``) beats one whose family name the seal
    cut off (``Hoàng Giang``, ``lấã Thị Lê Vân``).

    >>> name_score("Trần Hoàng Tuấn") > name_score("Hoàng Tuấn"), name_score("lấã Thị Lê Vân") < name_score("Thị Lê Vân")
    (True, True)
    >>> name_score("Bùi Văn Ga") > name_score("Bùi vận Ga Xe")
    True
    """
    tokens = text.split()
    words = [t for t in tokens if _is_word(t) and len(t.strip(".,")) >= 2]
    score = len(words) - 0.5 * (len(tokens) - len(words)) - 3.0 * sum(not _one_tone(t) for t in tokens)
    score -= 1.5 * sum(t[:1].islower() for t in tokens if _ascii_fold(t) not in _RANK_FOLDS)  # every name word is capitalised
    if tokens and tokens[0] in _surnames():
        score += 1.5
    return score


def _line_score(text: str) -> float:
    role = line_role(text)
    if role == "name":
        return 4.0 + name_score(text)
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


def _letters(word: OcrWord) -> str:
    return re.sub(r"[^a-z]", "", _ascii_fold(word.text))


def _anchor(ordered: list[OcrWord], width: int) -> OcrWord | None:
    """The ``Nơi`` of the page's ``Nơi nhận:`` line, as OCR leaves it: ``Nơi nhận:``, ``ơi nhận:``, ``Nơinhận``,
    ``Wới nhận:`` opening its line over a dash item, or ``Nơi`` alone at the start of a line (its ``nhận:`` too
    unsure to keep) with a dash item under it."""
    for a, b in zip(ordered, ordered[1:]):
        if a.line == b.line and _letters(a) in ("noi", "oi") and _letters(b).startswith("nhan"):
            return a
    lines = list(word_lines(ordered).values())
    for ws, nxt in zip(lines, lines[1:]):  # "Wới nhận:" (an italic N misread) over a dash item
        if len(ws) >= 2 and re.fullmatch(r"[a-z]?oi", _letters(ws[0])) and _letters(ws[1]) == "nhan" \
                and ws[1].text.endswith(":") and nxt[0].text[:1] in "-+•–":
            return ws[0]
    for w in ordered:
        if _ascii_fold(w.text).startswith("noinhan"):
            return w
    for ws, nxt in zip(lines, lines[1:]):
        if len(ws) == 1 and ws[0].text.rstrip(":") in ("Nơi", "Noi") and ws[0].left < 0.45 * width \
                and nxt[0].text[:1] in "-+•–" and abs(nxt[0].left - ws[0].left) < 2 * max(ws[0].height, 20):
            return ws[0]
    return None


def signature_region(words: list[OcrWord], width: int, height: int) -> tuple[tuple[int, int, int, int], int, set[int]] | None:
    """Where the signature block of a scanned page is: the crop box, the gutter, and body words.

    The block is to the right of the ``Nơi nhận`` list, from a little above
    the ``Nơi nhận:`` line to the end of the page (or the first line running
    across the gutter below the list).  Returns None when the page has no
    ``Nơi nhận``.  The third item holds ``id()`` of words in left-column runs
    (body text and the list), which stay in the page.
    """
    ordered = sorted(words, key=lambda w: (w.line, w.left))
    anchor = _anchor(ordered, width)
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
    # only pixels within the outer ring (+2) can be on a ring: compute the distances there alone
    reach = max(rings) + 3
    y0, y1 = max(0, int(np.floor(cy - reach))), min(h, int(np.ceil(cy + reach)) + 1)
    x0, x1 = max(0, int(np.floor(cx - reach))), min(w, int(np.ceil(cx + reach)) + 1)
    if y0 >= y1 or x0 >= x1:
        return mask
    yy, xx = np.mgrid[y0:y1, x0:x1]
    d = np.hypot(yy - cy, xx - cx)
    near = np.zeros(d.shape, dtype=bool)
    for r in rings:
        near |= np.abs(d - r) < 2.0
    mask[y0:y1, x0:x1] = near
    return mask & ink


SEAL_RED = 40  # a pixel of seal ink: red above both green and blue by this much (0-255)
SEAL_SHARE = 0.002  # the share of a crop's pixels in seal ink above which the seal is erased


def seal_red_mask(image):  # type: ignore[no-untyped-def]
    """Pixels of red seal ink in a colour crop (PIL): red well above green and blue; all False on gray.

    Black type printed over the seal stays dark in every channel, so it is never in the mask.

    >>> from PIL import Image
    >>> im = Image.new("RGB", (2, 1)); im.putpixel((0, 0), (220, 40, 60)); im.putpixel((1, 0), (30, 20, 25))
    >>> seal_red_mask(im).tolist()
    [[True, False]]
    """
    import numpy as np

    if image.mode != "RGB":
        return np.zeros((image.height, image.width), dtype=bool)
    a = np.asarray(image).astype(np.int16)
    return (a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > SEAL_RED


def without_seal(image):  # type: ignore[no-untyped-def]
    """A colour signature crop in grayscale with its red seal ink turned white (the name under the seal).

    A gray crop, or one with almost no red, is only converted to grayscale.
    """
    import numpy as np
    from PIL import Image

    gray = image.convert("L")
    red = seal_red_mask(image)
    if red.mean() < SEAL_SHARE:
        return gray
    return Image.fromarray(np.where(red, 255, np.asarray(gray)).astype(np.uint8))


def signature_variants(image, color=None):  # type: ignore[no-untyped-def]
    """Cleaned versions of a signature crop (PIL, grayscale): plain, dark ink only, seal rings erased.

    The same crop in colour (``color``), when its seal is red, gives two more with the seal ink erased
    (`without_seal`): the type under the seal (``Nguyễn`` of ``Nguyễn Hoàng Giang``) that every gray
    variant loses.
    """
    import numpy as np
    from PIL import Image

    gray = image.convert("L")
    a = np.asarray(gray)
    out = [("plain", gray)]
    out.append(("dark", Image.fromarray(np.where(a < 90, 0, 255).astype(np.uint8))))
    ink = a < 160
    rings = _ring_mask(ink, 300)
    if rings.any():
        out.append(("rings", Image.fromarray(np.where(ink & ~rings, 0, 255).astype(np.uint8))))
    if color is not None and color.mode == "RGB" and seal_red_mask(color).mean() >= SEAL_SHARE:
        clean = without_seal(color)
        b = np.asarray(clean)
        out.append(("unsealed", clean))
        out.append(("unsealed-dark", Image.fromarray(np.where(b < 110, 0, 255).astype(np.uint8))))
    return out


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


def _readings(tsv: str, dx: int, dy: int) -> list[Reading]:
    out: list[Reading] = []
    for text, top, bottom, left, right in _tsv_lines(tsv):
        text = clean_signature_line(text)
        if text:
            out.append((_line_score(text), text, top + dy, bottom + dy, left + dx, right + dx))
    return out


def _read(img, binary: str, settings: OcrSettings, psm: int, dx: int = 0, dy: int = 0) -> list[Reading]:  # type: ignore[no-untyped-def]
    try:
        tsv = ocr_image(_tiff(img), binary, dataclasses.replace(settings, psm=psm))
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return []
    return _readings(tsv, dx, dy)


def _read_many(jobs: list[tuple[Any, int, int]], binary: str, settings: OcrSettings, psm: int) -> list[list[Reading]]:
    """`_read` of each ``(image, dx, dy)``, by one Tesseract process (`ocr_images`); one by one if it fails."""
    try:
        tsvs = ocr_images([_tiff(img) for img, _, _ in jobs], binary, dataclasses.replace(settings, psm=psm))
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return [_read(img, binary, settings, psm, dx, dy) for img, dx, dy in jobs]
    return [_readings(tsv, dx, dy) for tsv, (_, dx, dy) in zip(tsvs, jobs)]


def read_signature_image(image, binary: str, settings: OcrSettings, color=None) -> list[str]:  # type: ignore[no-untyped-def]
    """The signature lines of a cropped signature block (PIL image), top to bottom.

    Each variant (`signature_variants`) is read as a block (``--psm 6``);
    then every legible line is read again alone (``--psm 7``), over the
    crop's width and over a span centred on the block (signature lines are
    centred), and the best reading of each line is kept.

    >>> read_signature_image(crop, "/usr/bin/tesseract", OcrSettings())  # doctest: +SKIP
    ['KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'Pham Mạnh Cường']
    """
    variants = signature_variants(image, color)
    per_variant = _read_many([(img, 0, 0) for _, img in variants], binary, settings, 6)
    readings: list[Reading] = [r for rs in per_variant for r in rs]
    # slots: readings of the same line (overlapping vertically); the gray variants' readings lay them out,
    # an unsealed variant's reading joins their slot (or makes its own where they read nothing)
    base = {id(r) for (name, _), rs in zip(variants, per_variant) if not name.startswith("unsealed") for r in rs}
    slots: list[list[Reading]] = []
    for r in sorted(readings, key=lambda r: (id(r) not in base, (r[2] + r[3]) / 2)):
        mid = (r[2] + r[3]) / 2
        for slot in slots:
            if slot[0][2] <= mid <= slot[0][3]:
                slot.append(r)
                break
        else:
            slots.append([r])
    slots.sort(key=lambda slot: (slot[0][2] + slot[0][3]) / 2)
    roled = [r for r in readings if line_role(r[1]) in ("authority", "position")]
    centre = None
    if roled:
        head = max(roled, key=lambda r: (r[0], -r[2]))
        centre = (head[4] + head[5]) / 2
    lines: list[tuple[int, str, int, int]] = []
    legible = [slot for slot in slots if max(r[0] for r in slot) >= 2]  # not seal emblem, signature strokes
    jobs: list[tuple[Any, int, int]] = []
    owners: list[list[Reading]] = []
    for slot in legible:
        laid = [r for r in slot if id(r) in base] or slot  # the strip spans the gray readings of the line
        top = min(r[2] for r in laid)
        bottom = max(r[3] for r in laid)
        pad = max(6, (bottom - top) // 3)
        spans = [(0, image.width)]
        if centre is not None:
            right = max(r[5] for r in slot)
            half = max(right - centre, (bottom - top)) + pad
            spans.append((max(0, int(centre - half)), min(image.width, int(centre + half))))
        for x0, x1 in spans:
            for _, img in variants:  # the line alone, read as one line
                strip = img.crop((x0, max(0, top - pad), x1, min(img.height, bottom + pad)))
                jobs.append((strip, x0, max(0, top - pad)))
                owners.append(slot)
    tops = {id(slot): min(r[2] for r in slot) for slot in legible}
    for slot, found in zip(owners, _read_many(jobs, binary, settings, 7)):
        slot += found
    for slot in legible:
        top = tops[id(slot)]
        votes: dict[str, int] = {}
        for r in slot:
            votes[r[1]] = votes.get(r[1], 0) + 1
        for text in list(votes):  # a name whose family name a seal hid supports the whole name read elsewhere
            if line_role(text) == "name" and text.split()[0] in _surnames():
                votes[text] += sum(n for t, n in votes.items() if t != text and text.endswith(" " + t))
        roled_slot = [r for r in slot if line_role(r[1])] or slot  # a reading that is a signature line first
        best = max(roled_slot, key=lambda r: r[0] + 0.5 * (votes[r[1]] - 1))
        if line_role(best[1]):
            lines.append((top, best[1], best[4], best[5]))
    lines.sort()
    texts = lost_prefixes([(t, left, right) for _, t, left, right in lines])
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


def _off_axis(left: int, right: int, text: str, axis: float, name_letter: float) -> bool:
    """A centred line read without its first word: its middle right of the block's axis by about that word
    (1.4 to 3.5 letter widths: half of ``KT. `` or ``PHÓ ``), its letters no wider than the name's by half
    (a reading whose box took in the seal or the signature strokes is no measure)."""
    letter = (right - left) / max(len(text), 1)
    return letter <= 1.6 * name_letter and 1.4 * letter <= (left + right) / 2 - axis <= 3.5 * letter


def lost_prefixes(lines: list[tuple[str, int, int]]) -> list[str]:
    """Signature lines (text, left, right) with the ``KT.`` and ``PHÓ`` a seal hid given back.

    A seal over the left of a centred block hides the first word of its lines: ``KT. CHỦ TỊCH`` over
    ``PHÓ CHỦ TỊCH`` read ``CHỦ TỊCH`` twice.  The block's axis is the middle of the name line; a chức vụ
    line read right of it by about one short word lost that word: the first of two such lines with the
    same chức vụ was the ``KT.`` line, the one under a ``KT.`` line of the same chức vụ was the deputy's.

    >>> lost_prefixes([("CHỦ TỊCH", 580, 820), ("CHỦ TỊCH", 580, 820), ("Phạm Trường Thọ", 450, 830)])
    ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Phạm Trường Thọ']
    >>> lost_prefixes([("GIÁM ĐỐC", 638, 1094), ("GIÁM ĐỐC", 627, 1265), ("Trần Thị Ngọc Diễm", 526, 1003)])
    ['GIÁM ĐỐC', 'GIÁM ĐỐC', 'Trần Thị Ngọc Diễm']
    """
    texts = [t for t, _, _ in lines]
    names = [(t, left, right) for t, left, right in lines if line_role(t) == "name"]
    if not names:
        return texts
    name, n_left, n_right = names[-1]
    axis, name_letter = (n_left + n_right) / 2, (n_right - n_left) / max(len(name), 1)
    shifted = [line_role(t) == "position" and _ascii_fold(t) in _POSITIONS
               and _off_axis(left, right, t, axis, name_letter) for t, left, right in lines]
    for k in range(len(texts) - 1):
        if shifted[k] and texts[k + 1] == texts[k]:
            texts[k] = "KT. " + texts[k]
            if shifted[k + 1]:
                texts[k + 1] = "PHÓ " + texts[k + 1]
    return texts


def render_color(page, dpi: int):  # type: ignore[no-untyped-def]
    """A pypdfium2 page as an RGB PIL image at ``dpi`` (seal ink told from type); `BudgetError` if too big."""
    check_render(*page.get_size(), dpi)
    return page.render(scale=dpi / 72).to_pil().convert("RGB")


def signature_quality(lines: list[str]) -> int:
    """How complete a signature block reads: one point each for authority/position, name.

    >>> signature_quality(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phan Trung Bá"])
    2
    """
    roles = {line_role(t) for t in lines}
    return int(bool(roles & {"authority", "position"})) + int("name" in roles)


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
            lines = read_signature_image(crop, binary, settings, color=render_color(page, settings.dpi).crop(box))
            text = json.dumps({"lines": lines, "box": list(box)}, ensure_ascii=False)
            _write_atomic(path, text)
    finally:
        page.close()
    if signature_quality(lines) < 2:
        return None
    return SignatureRead(tuple(lines), box, gutter), body
