"""Text with a map back to its source, and an edit builder that keeps the map.

Every normalisation pass reads a `MappedText`, collects non-overlapping edits
(replace a span by a string) in an `Edits` builder and applies them; the
result maps each of its characters back to the raw text the pipeline started
from.

    >>> mt = MappedText.identity("Ho\\u00e0  Xa\\u0301")
    >>> ed = mt.edits()
    >>> ed.delete(4, 5)          # the second space
    True
    >>> ed.replace(6, 8, "á")    # a + combining acute
    True
    >>> out = mt.apply(ed)
    >>> out.text, out.offsets
    ('Hoà Xá', [0, 1, 2, 3, 5, 6, 8])

Mapping rules: an untouched character keeps its offset; a replacement of the
same length maps character by character; a shorter or longer replacement maps
its i-th character to the i-th source character (the last one when the
replacement is longer); an insertion maps to the source position of the
character that follows it.  Offsets therefore never decrease.
"""
from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Edits", "MappedText", "edits_from_diff"]


@dataclass(frozen=True)
class MappedText:
    """``text`` plus ``offsets`` (len(text)+1 entries, the last = len(source))."""

    text: str
    offsets: tuple[int, ...] | list[int]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """The raw text mapped onto itself.

        >>> MappedText.identity("Số").offsets
        [0, 1, 2]
        """
        return cls(text, list(range(len(text) + 1)))

    def edits(self) -> Edits:
        """A fresh edit builder over this text."""
        return Edits(self.text)

    def apply(self, edits: Edits) -> MappedText:
        """Apply ``edits`` and compose the offset maps."""
        if not edits:
            return self
        return MappedText(*edits.apply_to(self.offsets))

    def compose(self, text: str, local: list[int]) -> MappedText:
        """Follow a foreign transform: ``local[i]`` is the index in ``self.text`` of ``text[i]``.

        ``local`` may omit the final sentinel; missing or out-of-range entries are clamped.

        >>> MappedText.identity("Vieät").compose("Việt", [0, 1, 2, 4]).offsets
        [0, 1, 2, 4, 5]
        """
        n = len(self.text)
        loc = list(local[: len(text)])
        while len(loc) < len(text):
            loc.append(loc[-1] if loc else 0)
        out: list[int] = []
        last = 0
        for i in loc:
            i = max(last, min(int(i), n))
            out.append(self.offsets[i])
            last = i
        out.append(self.offsets[n])
        return MappedText(text, out)


class Edits:
    """Collects ``(start, end, new)`` replacements over one text.

    Edits must not overlap; an edit overlapping an earlier-registered one is
    ignored (passes register the edits they care about most first).

        >>> ed = Edits("a  b")
        >>> ed.delete(1, 2) and ed.insert(4, "!")
        True
        >>> ed.apply()
        ('a b!', [0, 2, 3, 4, 4])
    """

    __slots__ = ("_items", "_taken", "_where", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._items: list[tuple[int, int, str]] = []
        self._taken: list[tuple[int, int]] = []
        self._where: dict[tuple[int, int], list[int]] = {}

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def replace(self, start: int, end: int, new: str, where: list[int] | None = None) -> bool:
        """Replace ``text[start:end]`` by ``new``; False if it overlaps an earlier edit.

        ``where`` optionally gives, for each character of ``new``, its source
        index relative to ``start`` (default: the positional rule).
        """
        if start < 0 or end > len(self.text) or start > end:
            raise ValueError(f"bad edit span {start}:{end} for a text of {len(self.text)}")
        if self.text[start:end] == new:
            return True
        taken = self._taken
        # edits mostly come in text order: past the last one, only the last one can overlap
        k = len(taken) if not taken or (start, end) > taken[-1] else bisect.bisect_left(taken, (start, end))
        for s, e in taken[max(0, k - 1) : k + 1]:
            if start < e and s < end or (start == end and s < start < e) or (s == e and start < s < end):
                return False
            if s == e == start == end:
                return False
        self._items.append((start, end, new))
        if where is not None:
            self._where[(start, end)] = [start + max(0, min(w, max(0, end - start - 1))) for w in where]
        taken.insert(k, (start, end))
        return True

    def delete(self, start: int, end: int) -> bool:
        """Delete ``text[start:end]``."""
        return self.replace(start, end, "")

    def insert(self, pos: int, new: str) -> bool:
        """Insert ``new`` before ``text[pos]``."""
        return self.replace(pos, pos, new)

    def apply(self) -> tuple[str, list[int]]:
        """The edited text and, per character (plus the end), its index in the old text."""
        return self.apply_to(range(len(self.text) + 1))

    def apply_to(self, offsets: Sequence[int]) -> tuple[str, list[int]]:
        """The edited text and ``offsets`` (one per old character, plus the end) carried over to it.

        ``apply_to(offs)[1]`` is ``[offs[i] for i in apply()[1]]``, built from slices of ``offs``
        between the edits instead of one look-up per character (`MappedText.apply` runs this).

        >>> ed = Edits("a  b")
        >>> ed.delete(1, 2)
        True
        >>> ed.apply_to([10, 11, 12, 13, 14])
        ('a b', [10, 12, 13, 14])
        """
        text = self.text
        parts: list[str] = []
        out: list[int] = []
        pos = 0
        where = self._where
        for start, end, new in sorted(self._items):  # spans are unique: the replacement never decides
            if start > pos:
                parts.append(text[pos:start])
                out.extend(offsets[pos:start])
            parts.append(new)
            size = len(new)
            if size:
                span = end - start
                explicit = where.get((start, end)) if where else None
                if explicit is not None and len(explicit) == size:
                    out.extend([offsets[w] for w in explicit])
                elif span == 0:
                    out.extend([offsets[start]] * size)
                elif size <= span:
                    out.extend(offsets[start : start + size])
                else:
                    out.extend(offsets[start:end])
                    out.extend([offsets[end - 1]] * (size - span))
            pos = max(pos, end)
        parts.append(text[pos:])
        out.extend(offsets[pos : len(text) + 1])
        return "".join(parts), out


def edits_from_diff(old: str, new: str) -> Edits:
    """Edits turning ``old`` into ``new`` (for passes that only return text, e.g. OCR repair).

    >>> Edits("x").apply() == ("x", [0, 1])
    True
    >>> MappedText.identity("2625 tực").apply(edits_from_diff("2625 tực", "2025 lực")).text
    '2025 lực'
    """
    ed = Edits(old)
    if old == new:
        return ed
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ed.replace(i1, i2, new[j1:j2])
    return ed
