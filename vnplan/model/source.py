"""Where a value came from: one `Source` shape for every extracted value.

A `Source` is a span of the normalised text (``start``, ``end``), the span of
the reader's raw text it maps back to (``raw``), and the page, paragraph and
table cell the reader found it in.  ``text`` is an excerpt of the normalised
text (its first `EXCERPT` characters), so a JSON reader sees the evidence
without the document; `Source.text_in` gives the whole span from the document.

    >>> s = Source(4, 7, raw=(6, 9), paragraph=3, text="173")
    >>> s
    Source(4:7 ¶3 '173')
    >>> Source.from_dict(s.to_dict()) == s
    True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["EXCERPT", "LEGACY_KEYS", "Source", "item_span"]

EXCERPT = 200  # characters of the source text kept in the JSON
LEGACY_KEYS = ("span", "start", "end", "page", "paragraph")  # the older inline shapes "provenance" replaces


@dataclass(frozen=True)
class Source:
    """A span of `Document.text` and where the reader found it."""

    start: int
    end: int
    raw: tuple[int, int] | None = None
    page: int | None = None
    paragraph: int | None = None
    cell: tuple[int, int, int] | None = None  # (table, row, col)
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a source span needs 0 <= start <= end, not ({self.start}, {self.end})")

    def text_in(self, text: str) -> str:
        """The source text, taken from the document's normalised text.

        >>> Source(4, 7).text_in("Số: 173/KH-UBND")
        '173'
        """
        return text[self.start:self.end]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, the same for every field: ``{"span": [start, end], "raw": ..., "page": ..., ...}``."""
        return {"span": [self.start, self.end], "raw": list(self.raw) if self.raw else None, "page": self.page,
                "paragraph": self.paragraph, "cell": list(self.cell) if self.cell else None, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """Read the JSON form back.

        >>> Source.from_dict({"span": [0, 3], "page": 2}).page
        2
        """
        start, end = data["span"]
        raw, cell = data.get("raw"), data.get("cell")
        return cls(int(start), int(end), raw=(int(raw[0]), int(raw[1])) if raw else None, page=data.get("page"),
                   paragraph=data.get("paragraph"), cell=(int(cell[0]), int(cell[1]), int(cell[2])) if cell else None,
                   text=data.get("text") or "")

    def __repr__(self) -> str:
        where = "".join(f" {mark}{value}" for mark, value in (("p", self.page), ("¶", self.paragraph)) if value is not None)
        short = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"Source({self.start}:{self.end}{where} {short!r})"


def item_span(item: Any) -> tuple[int, int] | None:
    """The span of a record's list item in JSON: its ``provenance`` span (or a span of the older shapes).

    >>> item_span({"text": "Tổ chức Lễ khai mạc", "provenance": {"span": [2543, 2698], "page": 2}})
    (2543, 2698)
    >>> item_span({"date": "2025-10-08", "span": [2024, 2200]}), item_span({"start": 5, "end": 9}), item_span({})
    ((2024, 2200), (5, 9), None)
    """
    if not isinstance(item, dict):
        return None
    prov = item.get("provenance")
    span = prov.get("span") if isinstance(prov, dict) else item.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return int(span[0]), int(span[1])
    if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        return int(span["start"]), int(span["end"])
    if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
        return int(item["start"]), int(item["end"])
    return None
