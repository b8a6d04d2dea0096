"""The outline of a document: header, preamble, body tree, closing, appendices.

Every element carries ``start``/``end``: a span of the normalised
`Document.text`.

    >>> Span(0, 8, "KẾ HOẠCH")
    Span(0, 8, 'KẾ HOẠCH')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

__all__ = ["Clause", "Closing", "Header", "Node", "Outline", "Signature", "Span"]


@dataclass(frozen=True)
class Span:
    """A stretch of the normalised text."""

    start: int
    end: int
    text: str

    def __repr__(self) -> str:
        short = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"Span({self.start}, {self.end}, {short!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Header:
    """The document's heading block (Phụ lục I ND30 boxes 1–5)."""

    agency_lines: list[Span] = field(default_factory=list)  # tên CQ chủ quản, tên CQ ban hành (in order)
    number_line: Span | None = None  # the line holding "Số: 173/KH-UBND" (joined if split by layout)
    place_date_line: Span | None = None  # "Hà Nội, ngày 28 tháng 4 năm 2026"
    motto_lines: list[Span] = field(default_factory=list)  # Quốc hiệu, Tiêu ngữ
    type_name: Span | None = None  # "KẾ HOẠCH", "QUYẾT ĐỊNH"; None for công văn
    title: Span | None = None  # trích yếu (lines under type name, joined) or the V/v text
    other: list[Span] = field(default_factory=list)  # urgency marks, "DỰ THẢO", etc.


@dataclass
class Clause:
    """A preamble clause: ``kind`` is "can_cu", "thuc_hien", "theo_de_nghi" or "other"."""

    kind: str
    span: Span


@dataclass
class Node:
    """A heading of the body tree with its own text and children.

    ``label`` is the printed label ("I.", "1.", "1.1.", "a)", "-", "+", "Điều 1."),
    ``style`` its family ("roman", "arabic", "arabic2", "letter", "dash", "plus",
    "article", "part", "alpha" for a capital-letter part ``A.``), ``title`` the heading line without the label, ``text`` the
    node's own paragraphs (not its children's), ``span`` the whole node.
    """

    label: str | None
    style: str
    title: Span
    span: Span
    text: list[Span] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    level: int = 0
    heading: Span | None = None  # the whole heading line without its label (title + ": " + rest)
    role: str | None = None  # section role from data/headings.tsv ("activities", "organisation", ...)

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Heading plus everything under it, one paragraph a line."""
        return self.span.text


@dataclass
class Signature:
    """The signature block (box 7): authority lines, chức vụ, name."""

    authority: list[Span] = field(default_factory=list)  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    title: Span | None = None  # "PHÓ CHỦ TỊCH"
    name: Span | None = None  # "Nguyễn Văn Cường"
    span: Span | None = None


@dataclass
class Closing:
    """Kính gửi (công văn) and Nơi nhận items, and the signature block."""

    kinh_gui: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)  # Nơi nhận items, dash and ;/. removed
    signature: Signature | None = None
    span: Span | None = None


@dataclass
class Outline:
    """A document's structure.  ``attachments`` hold a plan issued by a Quyết định."""

    header: Header
    preamble: list[Clause] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    closing: Closing = field(default_factory=Closing)
    appendices: list["Outline"] = field(default_factory=list)
    attachments: list["Outline"] = field(default_factory=list)
    span: Span | None = None
    kind: str = "document"  # "document", "attachment", "appendix"

    def walk(self) -> Iterator[Node]:
        for node in self.body:
            yield from node.walk()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the golden tests pin this)."""
        from vnplan.export.outline import outline_dict

        return outline_dict(self)
