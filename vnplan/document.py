"""The reading layer's data model: raw blocks with provenance, and the normalised document.

A reader turns a file into a `RawDocument`: a list of `Block` (a line, a
paragraph or a table cell) whose texts, joined by ``"\\n"``, make ``raw``.
`vnplan.normalize.normalize` turns ``raw`` into clean text, one paragraph per
line, with ``offsets`` mapping every normalised character back into ``raw``;
``Block.start``/``end`` map ``raw`` back to pages, paragraphs and cells.

A `Document` is a plain value: this module imports nothing of vnplan.  What
later layers compute from a document is registered by them and built once on
first use: ``doc.outline`` is `vnplan.structure.segment` (registered by it),
`Document.from_text` is `vnplan.normalize.document_from_text`.

    >>> doc = Document.from_text("Số: 173/KH-UBND")
    >>> doc.text, doc.lines()
    ('Số: 173/KH-UBND', [(0, 15, 'Số: 173/KH-UBND')])
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from vnplan.structure.model import Outline

__all__ = ["Block", "Cell", "Document", "RawDocument", "Table", "register_factory", "register_view"]

# Built by later layers, registered by them when they load (vnplan/__init__ loads them all).
_VIEWS: dict[str, Callable[[Document], Any]] = {}
_FACTORIES: dict[str, Callable[..., Document]] = {}


def register_view(name: str, build: Callable[[Document], Any]) -> None:
    """Make ``doc.view(name)`` (and ``doc.outline`` for ``"outline"``) call ``build(doc)`` once per document."""
    _VIEWS[name] = build


def register_factory(name: str, build: Callable[..., Document]) -> None:
    """Make ``Document.from_text`` (``"text"``) call ``build``."""
    _FACTORIES[name] = build

# Block kinds. A "line" may be rejoined with the next one by the normaliser
# (hard-wrapped PDF/text lines); every other kind ends a paragraph.
LINE = "line"
PARAGRAPH = "paragraph"
CELL = "cell"
TEXTBOX = "textbox"
PAGE_HEADER = "page-header"
PAGE_FOOTER = "page-footer"
BLANK = "blank"


@dataclass(frozen=True)
class Block:
    """One unit of text as a reader found it, with where it came from.

    ``start``/``end`` are offsets into `RawDocument.raw`.  ``region`` is a
    layout hint from the PDF reader (``"header-left"``, ``"header-right"``,
    ``"closing-left"``, ``"closing-right"``, ``"table"``) or ``None``.
    """

    text: str
    start: int
    end: int
    kind: str = LINE
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    region: str | None = None

    def provenance(self) -> dict[str, Any]:
        """Where the block came from, without empty keys."""
        keys = ("page", "paragraph", "table", "row", "col", "region")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}


@dataclass
class RawDocument:
    """What a reader returns: blocks in reading order and their joined text."""

    path: str
    format: str  # "pdf" | "docx" | "text"
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)
    needs_ocr: bool = False
    ocr_used: bool = False
    pages: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @classmethod
    def from_texts(cls, path: str, fmt: str, items: list[tuple[str, dict[str, Any]]], **kw: Any) -> RawDocument:
        """Build from ``(text, block attributes)`` pairs, computing offsets.

        >>> RawDocument.from_texts("a.txt", "text", [("Số: 05", {}), ("KẾ HOẠCH", {})]).raw
        'Số: 05\\nKẾ HOẠCH'
        """
        blocks: list[Block] = []
        pos = 0
        for text, attrs in items:
            text = text.replace("\n", " ")
            blocks.append(Block(text=text, start=pos, end=pos + len(text), **attrs))
            pos += len(text) + 1
        return cls(path=path, format=fmt, blocks=blocks, **kw)

    def block_at(self, offset: int) -> Block | None:
        """The block holding raw ``offset`` (or the one ending right before it)."""
        starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        return self.blocks[i] if 0 <= i < len(self.blocks) else None


@dataclass(frozen=True)
class Cell:
    """A table cell: its text and span in the normalised `Document.text`."""

    text: str
    start: int
    end: int
    row: int
    col: int


@dataclass
class Table:
    """A table kept as rows of cells (spans point into `Document.text`)."""

    index: int
    rows: list[list[Cell]]
    page: int | None = None

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Document:
    """A file read and normalised: ``text`` is clean Vietnamese, one paragraph a line.

    ``offsets[i]`` is the index in ``raw.raw`` of ``text[i]`` (len(text)+1
    entries; the last is len(raw)).  ``outline`` segments the text into
    header, preamble, body tree, closing and appendices.
    """

    path: str
    format: str
    text: str
    offsets: list[int]
    raw: RawDocument
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _views: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def needs_ocr(self) -> bool:
        return self.raw.needs_ocr

    @property
    def ocr_used(self) -> bool:
        return self.raw.ocr_used

    @property
    def pages(self) -> int | None:
        return self.raw.pages

    @property
    def outline(self) -> Outline:
        """The document's structure (`vnplan.structure.segment`), segmented once."""
        return self.view("outline")  # type: ignore[no-any-return]

    def view(self, name: str) -> Any:
        """A registered view of the document (see `register_view`), built on first use and kept."""
        if name not in self._views:
            if name not in _VIEWS:
                raise KeyError(f"no document view {name!r} is registered; import vnplan first")
            self._views[name] = _VIEWS[name](self)
        return self._views[name]

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """Read a string as if it were a text file (`vnplan.normalize.document_from_text`).

        >>> Document.from_text("Hoà Xá, ngày 25/9/2025").text
        'Hoà Xá, ngày 25/9/2025'
        """
        return _FACTORIES["text"](text, path)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``raw.raw`` it came from."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def provenance(self, start: int, end: int) -> dict[str, Any]:
        """Where a span of ``text`` came from: raw span plus page/paragraph/cell.

        >>> d = Document.from_text("KẾ HOẠCH")
        >>> d.provenance(0, 2)["raw"]
        [0, 2]
        """
        rs, re_ = self.source_span(start, end)
        out: dict[str, Any] = {"span": [start, end], "raw": [rs, re_]}
        block = self.raw.block_at(rs)
        if block is not None:
            out.update(block.provenance())
        return out

    def lines(self) -> list[tuple[int, int, str]]:
        """The normalised text as ``(start, end, line)`` triples."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line), line))
            pos += len(line) + 1
        return out

    def __repr__(self) -> str:
        flags = " needs_ocr" if self.needs_ocr else (" ocr" if self.ocr_used else "")
        return f"<Document {self.path!r} {self.format} {len(self.text)} chars{flags}>"
