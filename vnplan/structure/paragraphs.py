"""Rejoin hard-wrapped lines into paragraphs (web crawls and ``pdftotext -layout`` dumps wrap at ~80 columns).

A line continues the previous one when the previous one does not end a
sentence and the line does not open a new item; a capitalised line continues
only in a wrapped text and only after a long line.  Clean normalised text (one
paragraph a line) passes through unchanged, except for lines that start in
lower case after an unfinished line.

    >>> from vnplan.structure.lines import logical_lines
    >>> [p.text for p in paragraphs(logical_lines("1. Mục đích\\nTổ chức Tuần lễ nhằm\\ntiếp tục đẩy mạnh."))]
    ['1. Mục đích', 'Tổ chức Tuần lễ nhằm tiếp tục đẩy mạnh.']
"""
from __future__ import annotations

from vnplan.structure import markers as mk
from vnplan.structure.lines import Line, starts_lower

__all__ = ["paragraphs", "wrap_width"]

_END = (".", ";", ":", "!", "?", "…", "./.", ".”", ";”", ".)", ";)", ":)")


def wrap_width(lines: list[Line]) -> int:
    """The column a wrapped text breaks at (the 80th percentile of line lengths)."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) > 20)
    if not lengths:
        return 0
    return lengths[int(0.8 * (len(lengths) - 1))]


def _opens_item(text: str) -> bool:
    return bool(
        mk.label_of(text) or (mk.preamble_kind(text) and not starts_lower(text)) or mk.is_type_name(text) or mk.is_appendix_start(text)
        or text.startswith(("Nơi nhận", "Kính gửi", "Trên đây", "* ", "(Kèm theo", "(Ban hành kèm"))
        or mk.AUTHORITY.match(text)
    )


def _continues(prev: Line, line: Line, width: int, blanks: str = "some") -> bool:
    p = prev.text.rstrip(" *")
    t = line.text
    if t.startswith("– ") and p and not p.endswith(_END) and not mk.label_of(p) and len(p) > 40:
        return True  # "Thăng Long\n– Hà Nội": an en dash inside a name, not a list item
    if not p or _opens_item(t) or line.table_row or prev.table_row or prev.bold:
        return False
    if p.endswith(_END):
        return False
    if blanks == "paragraphs":
        # empty lines separate paragraphs: a line right under another continues it
        return not line.blank_before
    blanks_mean = blanks != "every"
    if mk.is_upper_line(t) and not mk.is_upper_line(p):
        return False
    if starts_lower(t) or t[:1] in ",)":
        return True
    if t[:1].isdigit() and p.split()[-1:] in (["số"], ["ngày"], ["năm"], ["Số"]):
        return True
    if line.blank_before and blanks_mean:
        return False
    if mk.is_upper_line(p) and mk.is_upper_line(t):
        return not mk.label_of(t) and len(p) > 0.5 * width if width else False
    if width and width <= 160 and len(p) >= (0.85 if mk.label_of(p) else 0.6) * width:
        return True
    return False


def paragraphs(lines: list[Line]) -> list[Line]:
    """Join wrapped lines; each result is a `Line` whose ``pos`` maps into the document."""
    if not lines:
        return []
    width = wrap_width(lines)
    # empty lines: after every line (say nothing), between paragraphs only, or rare
    ratio = sum(ln.blank_before for ln in lines) / len(lines)
    blanks = "every" if ratio >= 0.6 else "paragraphs" if ratio >= 0.15 else "some"
    out: list[Line] = []
    cur = lines[0]
    for line in lines[1:]:
        if _continues(cur, line, width, blanks):
            cur = Line(cur.text + " " + line.text, cur.pos + [line.start - 1 if line.start else 0] + line.pos,
                       cur.index, cur.blank_before, cur.indent, [], False)
            cur.cells = [cur]
        else:
            out.append(cur)
            cur = line
    out.append(cur)
    return out
