"""Markdown pipe tables in text files → table cells, and the reading order of two-column tables.

Web crawls flatten a document's header and signature tables into pipe
tables, in two shapes: one row per line (``| Số: 254/QĐ-UBND | Sơn La, ngày … |``
with a ``|---|---|`` separator) or "exploded", one ``|`` per line between the
cell contents (Trafilatura output). Both are parsed here into `MdTable`.

`table_role` (shared with the DOCX reader) says whether a table is the
document header (agency | Quốc hiệu) or the closing (Nơi nhận | signature);
those are read column by column so that "Số: 174/KH-UBND" and the
place-and-date line stay separate lines.

    >>> segs = parse_segments(["| A | B |", "|---|---|", "| C | D |", "text"])
    >>> [c.text for c in segs[0].cells], segs[1]
    (['A', 'B', 'C', 'D'], (4, 'text'))
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["MdCell", "MdTable", "join_cell_lines", "parse_segments", "reading_order", "split_cell_text", "table_role"]


@dataclass
class MdCell:
    """One cell: its text (possibly several logical lines) and the source line of each."""

    row: int
    col: int
    lines: list[tuple[int, str]]  # (1-based source line, text)

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines)


@dataclass
class MdTable:
    cells: list[MdCell] = field(default_factory=list)
    first_line: int = 0

    def grid(self) -> list[list[str]]:
        rows: dict[int, dict[int, str]] = {}
        for c in self.cells:
            rows.setdefault(c.row, {})[c.col] = c.text
        ncols = max((c.col for c in self.cells), default=-1) + 1
        return [[rows[r].get(k, "") for k in range(ncols)] for r in sorted(rows)]


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ROW = re.compile(r"^\s*\|.*[^\\]\|\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DASH_RULE = re.compile(r"^[-_=–—.*\s]{3,}$")


def _is_pipe(line: str) -> bool:
    return line.strip() == "|"


def _is_row(line: str) -> bool:
    s = line.strip()
    return len(s) > 2 and bool(_ROW.match(s)) and s.count("|") >= 2 and not _is_pipe(line)


def parse_segments(lines: list[str]) -> list[tuple[int, str] | MdTable]:
    """Split text lines into plain lines ``(line number, text)`` and `MdTable` objects."""
    out: list[tuple[int, str] | MdTable] = []
    i, n = 0, len(lines)
    while i < n:
        if _is_row(lines[i]) and (i + 1 < n and (_is_row(lines[i + 1]) or _SEPARATOR.match(lines[i + 1]))):
            table, i = _parse_line_table(lines, i)
            out.append(table)
        elif _is_pipe(lines[i]):
            tables, j = _parse_exploded_table(lines, i)
            if any(t.cells for t in tables):
                out.extend(t for t in tables if t.cells)
                i = j
            else:
                out.append((i + 1, lines[i]))
                i += 1
        else:
            out.append((i + 1, lines[i]))
            i += 1
    return out


def _parse_line_table(lines: list[str], i: int) -> tuple[MdTable, int]:
    table = MdTable(first_line=i + 1)
    row = 0
    while i < len(lines) and (_is_row(lines[i]) or _SEPARATOR.match(lines[i]) and lines[i].strip()):
        line = lines[i].strip()
        if not _SEPARATOR.match(line):
            parts = _CELL_SPLIT.split(line.strip()[1:-1])
            for col, part in enumerate(parts):
                texts = split_cell_text(part.replace("\\|", "|").strip())
                table.cells.append(MdCell(row, col, [(i + 1, t) for t in texts] or [(i + 1, "")]))
            row += 1
        i += 1
    return table, i


def _content_group(lines: list[str], j: int) -> tuple[list[tuple[int, str]], int] | None:
    """Lines from ``j`` up to the next ``|`` line; None if a blank line or the end comes first."""
    group: list[tuple[int, str]] = []
    while j < len(lines):
        if _is_pipe(lines[j]):
            return group, j
        if not lines[j].strip():
            return None
        group.append((j + 1, lines[j]))
        j += 1
    return None


_MAX_CELL_LINES = 40  # a longer run between two pipes is body text, not a cell


def _parse_exploded_table(lines: list[str], i: int) -> tuple[list[MdTable], int]:
    """Parse ``|`` / content / ``|`` … from the pipe line ``i``; return the tables and the next line.

    A header row (agency | Quốc hiệu) after other rows starts a new table:
    page crawls glue the site's metadata table to the document's header.
    """
    groups: list[list[list[list[tuple[int, str]]]]] = []
    rows: list[list[list[tuple[int, str]]]] = []
    row: list[list[tuple[int, str]]] = []
    j = i + 1  # just after a pipe
    end = i + 1

    def close_row() -> None:
        nonlocal rows
        texts = [_cell_text(c) for c in row]
        if rows and table_role([texts]) == "header" and _QUOC_HIEU.search(" ".join(texts)):
            groups.append(rows)
            rows = []
        rows.append(row)

    while j < len(lines):
        if _is_pipe(lines[j]):
            if row:  # "| |" after a cell: the row ends and a new one opens
                close_row()
                row = []
            else:  # a pipe right after an opening pipe: an empty cell
                row.append([])
            end = j + 1
            j += 1
            continue
        if row:
            ncols = max((len(r) for r in rows), default=0)
            if ncols and len(row) >= ncols:
                break
            if not rows and len(row) >= 2 and table_role([[_cell_text(c) for c in row]]):
                break
        group = _content_group(lines, j)
        if group is None or len(group[0]) > _MAX_CELL_LINES:
            break
        cell, j = group
        row.append(cell)
        end = j + 1
        j += 1  # past the closing pipe
    if row:
        close_row()
    if rows:
        groups.append(rows)
    return [_table_from_rows(g, i) for g in groups], end


def _table_from_rows(rows: list[list[list[tuple[int, str]]]], i: int) -> MdTable:
    table = MdTable(first_line=rows[0][0][0][0] if rows and rows[0] and rows[0][0] else i + 1)
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            logical = join_cell_lines(cell)
            texts = [(ln, t) for ln, text in logical for t in split_cell_text(text)]
            table.cells.append(MdCell(r, c, texts or [(cell[0][0] if cell else i + 1, "")]))
    return table


def _cell_text(cell: list[tuple[int, str]]) -> str:
    return " ".join(t.strip() for _, t in cell)


def _unbalanced(text: str) -> bool:
    bold = text.count("**")
    single = text.replace("**", "").count("*")
    return bold % 2 == 1 or single % 2 == 1


def join_cell_lines(cell: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rejoin the hard-wrapped lines of one crawled cell into logical lines.

    A line continues the previous one when markdown emphasis is still open
    or it starts in lower case, with a digit or a bracket.

    >>> join_cell_lines([(1, "*Hà Nội, ngày 17"), (2, "tháng 11 năm 2025*"), (3, "KT. CHỦ TỊCH")])
    [(1, '*Hà Nội, ngày 17 tháng 11 năm 2025*'), (3, 'KT. CHỦ TỊCH')]
    """
    out: list[tuple[int, str]] = []
    for ln, raw in cell:
        text = raw.strip()
        if not text:
            continue
        if out and _continues(out[-1][1], text):
            out[-1] = (out[-1][0], out[-1][1] + " " + text)
        else:
            out.append((ln, text))
    return out


def _continues(prev: str, nxt: str) -> bool:
    if _unbalanced(prev):
        return True
    if _DASH_RULE.match(nxt) or nxt.startswith(("- ", "+ ", "* ")):
        return False
    first = nxt.lstrip("*_ ")[:1]
    return bool(first) and (first.islower() or first.isdigit() or first in "(,;.")


_SPLITS = [
    re.compile(r"\s+(?=-{3,})"),  # "SƠN LA -------"
    re.compile(r"(?<=-{3})\s+(?=\S)"),  # "------- Số"
    re.compile(r"\s+(?=Độc lập\s*-\s*Tự do)"),
    re.compile(r"\s+(?=V/v\b)"),
    re.compile(r"(?<=[;:.])\s+(?=[-+]\s)"),  # "Nơi nhận: - A; - B" list items
    re.compile(r"\s+(?=(?:KT|TL|TM|TUQ|Q)\.\s)"),
    re.compile(r"(?<=[A-ZĐÀ-Ỹ)])\s+(?=(?:PHÓ|THỨ|CHÁNH|CHỦ TỊCH)\s+[A-ZĐÀ-Ỹ])"),
]
_SIGNATURE_HINT = re.compile(r"CHỦ\s*TỊCH|TRƯỞNG|GIÁM\s*ĐỐC|THỦ\s*TƯỚNG|\b(?:KT|TL|TM|TUQ)\.")


def split_cell_text(text: str) -> list[str]:
    """Split one flattened cell into the lines it had on paper.

    >>> split_cell_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------")
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------']
    >>> split_cell_text("KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam")
    ['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Nguyễn Trần Nam']
    """
    pieces = [p.strip() for p in _BR.split(text)]
    for pattern in _SPLITS:
        pieces = [q.strip() for p in pieces for q in pattern.split(p)]
    if _SIGNATURE_HINT.search(text):
        pieces = [q for p in pieces for q in _split_name(p)]
    return [p for p in pieces if p]


def _split_name(text: str) -> list[str]:
    """Split "PHÓ CHỦ TỊCH Trần Văn A" before the name (upper-case words, then Title-case words)."""
    words = text.split()
    for k in range(1, len(words)):
        head, tail = words[:k], words[k:]
        if all(w.isupper() or not any(ch.isalpha() for ch in w) for w in head) and all(
            w[:1].isupper() and w[1:].islower() for w in tail if any(ch.isalpha() for ch in w)
        ) and any(w[1:].islower() for w in tail):
            return [" ".join(head), " ".join(tail)]
    return [text]


_QUOC_HIEU = re.compile(r"C[ỘO]NG\s*H[ÒO]A|Độc\s*lập\s*-\s*Tự\s*do", re.IGNORECASE)
_CLOSING_LEFT = re.compile(r"Nơi\s*nhận", re.IGNORECASE)


def table_role(grid: list[list[str]]) -> str | None:
    """``"header"``, ``"closing"`` or ``None`` for a table given as rows of cell texts.

    Only tables with two non-empty columns qualify (empty spacer columns are ignored).

    >>> table_role([["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: /KH-UBND", "", "Lào Cai, ngày"]])
    'header'
    >>> table_role([["Nơi nhận: - Như trên;", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"]])
    'closing'
    """
    cols = _content_columns(grid)
    if len(cols) != 2 or len(grid) > 6:
        return None
    left = " ".join(r[cols[0]] for r in grid if cols[0] < len(r))
    right = " ".join(r[cols[1]] for r in grid if cols[1] < len(r))
    if _QUOC_HIEU.search(right):
        return "header"
    if re.search(r"\bSố\b", left) and re.search(r"ngày", right):
        return "header"
    if _CLOSING_LEFT.search(left) or (len(grid) <= 3 and _SIGNATURE_HINT.search(right)):
        return "closing"
    return None


def _content_columns(grid: list[list[str]]) -> list[int]:
    ncols = max((len(r) for r in grid), default=0)
    return [k for k in range(ncols) if any(k < len(r) and r[k].strip() for r in grid)]


def reading_order(cells: list[tuple[int, int]], role: str | None) -> list[int]:
    """Order of ``cells`` (``(row, col)`` pairs): by column for header/closing tables, else by row.

    >>> reading_order([(0, 0), (0, 1), (1, 0), (1, 1)], "header")
    [0, 2, 1, 3]
    """
    keys = [(c, r) if role else (r, c) for r, c in cells]
    return sorted(range(len(cells)), key=lambda k: keys[k])
