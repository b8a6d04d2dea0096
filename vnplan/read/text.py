"""Read ``.txt`` / ``.md`` files: detect the encoding, keep every line as a block.

Encodings: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one,
recognised by its NUL bytes), Windows-1258, and legacy TCVN3/VNI files (kept
as Windows-1252 characters for the normaliser to convert; ``meta["legacy"]``
says which). Markdown pipe tables become table-cell blocks (see
`vnplan.read.markdown`); every other line is a ``"line"`` block whose
``paragraph`` is its 1-based line number.

    >>> blocks_from_string("KẾ HOẠCH\\nTổ chức Tuần lễ").blocks[1].text
    'Tổ chức Tuần lễ'
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from vnplan.document import CELL, LINE, RawDocument
from vnplan.errors import EmptyFileError, EncodingError
from vnplan.read.markdown import MdTable, parse_segments, reading_order, table_role

__all__ = ["blocks_from_string", "decode", "read_text", "utf16_without_bom"]


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``head`` looks like BOM-less UTF-16, else None.

    Text in UTF-16 has a NUL high byte for every ASCII character (spaces,
    digits, Latin letters), so one byte parity is full of NULs and the other
    has almost none.

    >>> utf16_without_bom("Số: 05/KH-UBND".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom("Số: 05".encode("utf-8")) is None
    True
    """
    sample = head[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd >= 0.2 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.2 and odd <= 0.02:
        return "utf-16-be"
    return None


def _c1_table() -> dict[int, str]:
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            pass  # undefined in Windows-1252: kept as the Latin-1 control character
    return table


_C1 = _c1_table()


def _cp1252(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as Latin-1."""
    return data.decode("latin-1").translate(_C1)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes of a text file; return ``(text, encoding)``.

    Legacy TCVN3/VNI bytes decode as ``"cp1252"`` (the characters
    `vnplan.normalize.legacy.convert_legacy` expects); real Windows-1258
    text is returned NFC-composed.

    >>> decode("Hà Nội".encode("utf-8"), "a.txt")
    ('Hà Nội', 'utf-8')
    >>> decode("Hà Nội".encode("utf-16-le"), "a.txt")
    ('Hà Nội', 'utf-16-le')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from vnplan.normalize.legacy import detect_legacy

    western = _cp1252(data)
    if detect_legacy(western):
        return western, "cp1252"
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"
    except UnicodeDecodeError as exc:
        raise EncodingError(path, key="err.cannot_decode", reason=exc.reason, at=exc.start) from None


def blocks_from_string(text: str, path: str = "<text>", encoding: str = "utf-8") -> RawDocument:
    """Blocks of ``text``: one per line, markdown pipe tables as cells.

    >>> raw = blocks_from_string("| Số: 05/KH-UBND | Hà Nội, ngày 02/10/2025 |\\n|---|---|\\nKẾ HOẠCH")
    >>> [(b.kind, b.text) for b in raw.blocks]
    [('cell', 'Số: 05/KH-UBND'), ('cell', 'Hà Nội, ngày 02/10/2025'), ('line', 'KẾ HOẠCH')]
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items: list[tuple[str, dict[str, Any]]] = []
    n_tables = 0
    for seg in parse_segments(lines):
        if isinstance(seg, MdTable):
            items.extend(_table_items(seg, n_tables))
            n_tables += 1
        else:
            lineno, line = seg
            items.append((line, {"kind": LINE, "paragraph": lineno}))
    meta: dict[str, Any] = {"encoding": encoding}
    if n_tables:
        meta["tables"] = n_tables
    return RawDocument.from_texts(path, "text", items, meta=meta)


def _table_items(table: MdTable, index: int) -> list[tuple[str, dict[str, Any]]]:
    role = table_role(table.grid())
    flat = [(cell, ln, t) for cell in table.cells for ln, t in cell.lines]
    order = reading_order([(cell.row, cell.col) for cell, _, _ in flat], role)
    cols = sorted({cell.col for cell, _, t in flat if t.strip()})
    items = []
    for k in order:
        cell, ln, text = flat[k]
        if role and not text.strip():
            continue
        attrs: dict[str, Any] = {"kind": CELL, "paragraph": ln, "table": index, "row": cell.row, "col": cell.col}
        if role:
            side = "left" if cols and cell.col == cols[0] else "right"
            attrs["region"] = f"{role}-{side}"
        items.append((text, attrs))
    return items


def read_text(path: str | Path) -> RawDocument:
    """Read a text or markdown file into blocks.

    >>> read_text("corpus/real/046_kh-174-ubnd-tphcm-thang-hanh-dong-binh-dang-gioi-2025.md.txt").meta["encoding"]  # doctest: +SKIP
    'utf-8'
    """
    data = Path(path).read_bytes()
    text, encoding = decode(data, str(path))
    if not text.strip():
        raise EmptyFileError(path, key="err.text_file_empty")
    raw = blocks_from_string(text, str(path), encoding)
    from vnplan.normalize.legacy import detect_legacy

    legacy = detect_legacy(text)
    if legacy:
        raw.meta["legacy"] = legacy
    return raw
