"""The normalisation pipeline: raw reader text → clean text, one paragraph a line, with an offset map.

    >>> norm = normalize("Ho\\u0300a Xa\\u0301, ngày 25/9/2025\\nKẾ HOẠCH")
    >>> norm.text
    'Hòa Xá, ngày 25/9/2025\\nKẾ HOẠCH'
    >>> norm.offsets[:5], norm.offsets[-1]
    ([0, 1, 3, 4, 5], 33)

Passes, in order (each keeps the map back to ``raw``):

1. legacy TCVN3/VNI text converted (`vnplan.normalize.legacy`);
2. `unicode.clean_unicode` — NFC, split diacritics, Ð→Đ, odd spaces/hyphens;
   then OCR repair when the text came from OCR (`vnplan.normalize.ocr_repair`);
3. block boundaries that are not "line" blocks become hard breaks;
4. `noise.remove_noise` — DOCX anchor digits, page numbers, running headers;
5. `spacing.fix_spacing` — spaced-out letters, split syllables, symbols;
6. `markup.strip_markup` — markdown, HTML, table pipes;
7. `boilerplate.cut_boilerplate` — website chrome before/after the document;
8. `wrap.split_columns` + `wrap.rejoin` — layout columns, hard-wrapped lines.

Output choice: paragraphs are separated by a single ``"\\n"`` and there are
no empty lines; no line has leading or trailing spaces.  ``offsets[i]`` is
the index in ``raw`` of ``text[i]``; an inserted space or newline (a joined
wrap, a table cell boundary) maps to the raw position of the character it
replaced or precedes; ``len(offsets) == len(text) + 1`` and the last entry is
``len(raw)``.  Offsets never decrease.
"""
from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from vnplan.document import CELL, LINE, Cell, Document, RawDocument, Table
from vnplan.normalize.boilerplate import cut_boilerplate
from vnplan.normalize.markup import strip_markup
from vnplan.normalize.noise import remove_noise
from vnplan.normalize.offsetmap import MappedText, edits_from_diff
from vnplan.normalize.spacing import fix_spacing, is_syllable
from vnplan.normalize.unicode import HARD_BREAK, SOFT_JOIN, clean_unicode, compose_nfc
from vnplan.normalize.wrap import rejoin, split_columns

__all__ = ["NormalizedText", "build_document", "normalize"]

Repair = Callable[[str], "tuple[str, Any]"]


@dataclass(frozen=True)
class NormalizedText:
    """Clean text plus ``offsets``: raw index of each character (len(text)+1 entries)."""

    text: str
    offsets: list[int]
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", "⏎")
        return f"<NormalizedText {len(self.text)} chars {head!r}{' …' if len(self.text) > 40 else ''}>"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def _legacy(mt: MappedText, warnings: list[str]) -> MappedText:
    detect = _optional("vnplan.normalize.legacy", "detect_legacy")
    convert = _optional("vnplan.normalize.legacy", "convert_legacy")
    if detect is None or convert is None:
        return mt
    try:
        encoding = detect(mt.text)
        if not encoding:
            return mt
        text, local = convert(mt.text, encoding)
    except Exception as exc:  # a helper's bug must not stop the batch
        warnings.append(f"legacy encoding check failed ({type(exc).__name__}: {exc})")
        return mt
    if len(_WORDS.findall(text[:2000])) < 3 or _syllable_share(text) < _syllable_share(mt.text) + 0.2:
        warnings.append(f"legacy encoding {encoding.upper()} suspected but not converted (no better Vietnamese)")
        return mt
    warnings.append(f"legacy encoding {encoding.upper()} converted")
    return mt.compose(text, list(local))


_WORDS = re.compile(r"[^\W\d_]+")


def _syllable_share(text: str, sample: int = 20_000) -> float:
    """Share of words that are Vietnamese syllables (guards the legacy conversion)."""
    words = _WORDS.findall(text[:sample])
    if not words:
        return 0.0
    return sum(1 for w in words if is_syllable(w)) / len(words)


def _ocr(mt: MappedText, repair: Repair | None, warnings: list[str]) -> MappedText:
    if repair is None:
        repair = _optional("vnplan.normalize.ocr_repair", "repair_ocr")
        if repair is None:
            return mt
    try:
        text, repairs = repair(mt.text)
    except Exception as exc:
        warnings.append(f"OCR repair failed ({type(exc).__name__}: {exc})")
        return mt
    if text == mt.text:
        return mt
    try:
        count = len(repairs)
    except TypeError:
        count = 0
    warnings.append(f"OCR errors repaired ({count})" if count else "OCR errors repaired")
    return mt.apply(edits_from_diff(mt.text, text))


def _mark_hard(mt: MappedText, hard_breaks: Iterable[int]) -> MappedText:
    """Newlines whose raw offset is a hard break become `HARD_BREAK`.

    The offsets never decrease, so the newlines mapped to one raw offset are found by bisection
    from that offset, not by a walk over every newline of the text.
    """
    hard = set(hard_breaks)
    if not hard:
        return mt
    ed = mt.edits()
    text, offsets = mt.text, mt.offsets
    n = len(text)
    at: list[int] = []
    for h in hard:
        pos = bisect.bisect_left(offsets, h, hi=n)
        while pos < n and offsets[pos] == h:
            if text[pos] == "\n":
                at.append(pos)
            pos += 1
    for pos in sorted(at):
        ed.replace(pos, pos + 1, HARD_BREAK)
    return mt.apply(ed)


def _mark_hard_by_walk(mt: MappedText, hard_breaks: Iterable[int]) -> MappedText:
    """`_mark_hard` the slow way, newline after newline (the reference it is tested against)."""
    hard = set(hard_breaks)
    if not hard:
        return mt
    ed = mt.edits()
    text = mt.text
    pos = text.find("\n")
    while pos != -1:
        if mt.offsets[pos] in hard:
            ed.replace(pos, pos + 1, HARD_BREAK)
        pos = text.find("\n", pos + 1)
    return mt.apply(ed)


def normalize(
    raw: str,
    hard_breaks: frozenset[int] | set[int] | None = None,
    *,
    page_starts: list[int] | None = None,
    ocr: bool = False,
    ocr_repair: Repair | None = None,
    cells: list[tuple[int, int]] | None = None,
) -> NormalizedText:
    """Normalise ``raw`` (reader text) into clean text with a map back to it.

    ``hard_breaks`` are raw offsets of newlines that must stay paragraph
    breaks; ``page_starts`` raw offsets where pages begin (for page numbers
    and running headers); ``ocr=True`` runs the OCR repair (``ocr_repair``,
    default `vnplan.normalize.ocr_repair.repair_ocr` when installed);
    ``cells`` raw ``(start, end)`` spans of table-cell blocks, where a
    flattened header or signature (``KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A``)
    is split into lines.

    >>> normalize("T Ổ   C H Ứ C   T H Ự C   H I Ệ N").text
    'TỔ CHỨC THỰC HIỆN'
    """
    warnings: list[str] = []
    mt = MappedText.identity(raw)
    mt = _legacy(mt, warnings)
    mt, w = clean_unicode(mt)
    warnings += w
    if ocr:
        mt = _ocr(mt, ocr_repair, warnings)
    mt = _mark_hard(mt, hard_breaks or ())
    for step in (lambda m: remove_noise(m, page_starts), fix_spacing, lambda m: strip_markup(m, cells),
                 cut_boilerplate):
        mt, w = step(mt)
        warnings += w
    mt = compose_nfc(rejoin(split_columns(mt)))
    text = mt.text
    if HARD_BREAK in text or SOFT_JOIN in text:  # pragma: no cover - rejoin replaces every separator
        text = text.replace(HARD_BREAK, "\n").replace(SOFT_JOIN, "\n")
    offsets = list(mt.offsets)
    offsets[-1] = len(raw)
    return NormalizedText(text, offsets, tuple(warnings))


def _tables(raw_doc: RawDocument, norm: NormalizedText) -> list[Table]:
    """Group table-cell blocks into tables with spans in the normalised text."""
    tables: dict[int, Table] = {}
    for block in raw_doc.blocks:
        if block.table is None or block.row is None or block.col is None:
            continue
        s = bisect.bisect_left(norm.offsets, block.start, hi=len(norm.offsets) - 1)
        e = bisect.bisect_left(norm.offsets, block.end, hi=len(norm.offsets) - 1)
        table = tables.setdefault(block.table, Table(index=block.table, rows=[], page=block.page))
        while len(table.rows) <= block.row:
            table.rows.append([])
        table.rows[block.row].append(Cell(norm.text[s:e].strip(), s, e, block.row, block.col))
    return [tables[k] for k in sorted(tables)]


def _page_starts(raw_doc: RawDocument) -> list[int]:
    starts: list[int] = []
    page = None
    for block in raw_doc.blocks:
        if block.page is not None and block.page != page:
            if page is not None:
                starts.append(block.start)
            page = block.page
    return starts


def build_document(raw_doc: RawDocument) -> Document:
    """Normalise a reader's output into a `Document`.

    >>> from vnplan.read.text import blocks_from_string
    >>> build_document(blocks_from_string("Số: 05\\nTM. ỦY BAN NHÂN DÂN")).text
    'Số: 05\\nTM. ỦY BAN NHÂN DÂN'
    """
    hard = frozenset(b.end for b in raw_doc.blocks if b.kind != LINE)
    cells = [(b.start, b.end) for b in raw_doc.blocks if b.kind == CELL]
    norm = normalize(raw_doc.raw, hard, page_starts=_page_starts(raw_doc), ocr=raw_doc.ocr_used, cells=cells)
    return Document(
        path=raw_doc.path,
        format=raw_doc.format,
        text=norm.text,
        offsets=norm.offsets,
        raw=raw_doc,
        tables=_tables(raw_doc, norm),
        warnings=[*raw_doc.warnings, *norm.warnings],
    )
