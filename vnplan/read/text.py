"""Read ``.txt`` / ``.md`` files: detect the encoding, keep every line as a block.

    >>> blocks_from_string("KẾ HOẠCH\\nTổ chức Tuần lễ").blocks[1].text
    'Tổ chức Tuần lễ'
"""
from __future__ import annotations

from pathlib import Path

from vnplan.document import LINE, RawDocument
from vnplan.errors import EmptyFileError, EncodingError

__all__ = ["read_text", "blocks_from_string", "decode"]


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes of a text file; return ``(text, encoding)``.

    >>> decode("Hà Nội".encode("utf-8"), "a.txt")
    ('Hà Nội', 'utf-8')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as exc:
        raise EncodingError(path, f"cannot decode the text ({exc.reason} at byte {exc.start})") from None


def blocks_from_string(text: str, path: str = "<text>", encoding: str = "utf-8") -> RawDocument:
    """One block per line of ``text`` (lines may be rejoined by the normaliser)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items = [(line, {"kind": LINE, "paragraph": i + 1}) for i, line in enumerate(lines)]
    return RawDocument.from_texts(path, "text", items, meta={"encoding": encoding})


def read_text(path: str | Path) -> RawDocument:
    """Read a text or markdown file into blocks."""
    data = Path(path).read_bytes()
    text, encoding = decode(data, str(path))
    if not text.strip():
        raise EmptyFileError(path, "the file holds no text")
    return blocks_from_string(text, str(path), encoding)
