"""A PDF page laid out as blocks: body lines and paragraphs, the two-column bands, tables, margins.

`layout_page` turns a page's lines (from pdfium's text layer or from OCR) into
``(text, attributes)`` items in reading order: running headers first, body lines with
paragraph breaks, the header and closing bands column by column, ruled tables cell by
cell, footers last.  The other functions join what a page break or a signature stamp
split (`join_closing`, `page_breaks`, `with_signature`, `split_closing_stamp`).

    >>> tidy([("", {"kind": "blank"}), ("KẾ HOẠCH", {"kind": "line"}), ("", {"kind": "blank"})])
    [('KẾ HOẠCH', {'kind': 'line'})]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from vnplan.document import BLANK, CELL, LINE, PAGE_FOOTER, PAGE_HEADER, PARAGRAPH
from vnplan.read.pdf_bands import (
    Band,
    find_closing_band,
    find_closing_continuation,
    find_header_band,
    join_wrapped,
)
from vnplan.read.pdf_lines import Glyph, Line, ends_paragraph, fold, margin_role, paragraph_breaks, split_columns
from vnplan.read.pdf_tables import TableGrid
from vnplan.read.pdf_textpage import TextPage
from vnplan.read.signature import is_mark, split_stamp

__all__ = ["Item", "join_closing", "layout_page", "page_breaks", "signature_annotation_lines", "split_closing_stamp",
           "tidy", "with_signature"]

Item = tuple[str, dict[str, Any]]


def signature_annotation_lines(lines: list[Line], first_annotation_char: int) -> tuple[list[Line], list[str]]:
    """Split off the e-signature stamp or box that a flattened signature widget printed.

    Flattened annotations come after the page's own text in pdfium's stream, so their
    lines start at or after ``first_annotation_char``.  When they hold a signature mark
    (a signing time, ``Người ký:``), their text lines are signature data, not the closing
    block; short number stamps (``2250``, ``02``) stay for `join_stamped`.
    """
    extra = [ln for ln in lines if ln.start >= first_annotation_char]
    if not extra or not any(is_mark("time", ln.text) or is_mark("box", ln.text) for ln in extra):
        return lines, []
    drop = [ln for ln in extra if not re.fullmatch(r"[\d\s]{1,12}", ln.text)]
    keep = [ln for ln in lines if ln not in drop]
    return keep, [ln.text for ln in sorted(drop, key=lambda x: x.index)]


def split_closing_stamp(items: list[Item]) -> tuple[list[Item], list[str]]:
    """Take an e-signature stamp printed inside the closing block's right column out of it."""
    right = [n for n, it in enumerate(items) if it[1].get("region") == "closing-right" and it[1].get("kind") != BLANK]
    if not right:
        return items, []
    texts = [items[n][0] for n in right]
    kept, stamp = split_stamp(texts)
    if not stamp:
        return items, []
    drop: set[int] = set()
    want = list(stamp)
    for n in right:
        if want and items[n][0] == want[0]:
            drop.add(n)
            want.pop(0)
    return [it for n, it in enumerate(items) if n not in drop], stamp


def _band_items(band: Band, fetch: Callable[[Line], list[Glyph]], page: int) -> list[Item]:
    """Left column lines then right column lines of a band, as blocks."""
    glyphs = [g for ln in band.lines for g in fetch(ln)]
    left, right = split_columns(glyphs, band.split)
    items: list[Item] = []
    name = band.kind
    if name == "header":
        left, right = join_wrapped(left), join_wrapped(right)  # one cell's wrapped line (… năm / 2023)
        left = left + [ln for ln in band.left_only]
        in_vv = False
        for ln in left:
            text = ln.text
            if fold(text).startswith(("v/v", "về")):
                in_vv = True
            items.append((text, {"kind": LINE if in_vv else PARAGRAPH, "page": page, "region": "header-left"}))
        if in_vv:
            items.append(("", {"kind": BLANK, "page": page, "region": "header-left"}))
        for ln in right:
            items.append((ln.text, {"kind": PARAGRAPH, "page": page, "region": "header-right"}))
    else:
        for ln in left:
            items.append((ln.text, {"kind": LINE, "page": page, "region": "closing-left"}))
        if left:
            items.append(("", {"kind": BLANK, "page": page, "region": "closing-left"}))
        for ln in right:
            items.append((ln.text, {"kind": PARAGRAPH, "page": page, "region": "closing-right"}))
    return items


def _table_items(grid: TableGrid, index: int, tp: TextPage | None, lines: list[Line], page: int) -> list[Item]:
    items: list[Item] = []
    for row, col, x0, bottom, x1, top in grid.cells:
        if tp is not None:
            text = tp.bounded(x0 + 0.5, bottom + 0.5, x1 - 0.5, top - 0.5)
        else:
            inside = [ln for ln in lines if bottom <= ln.cy <= top and x0 <= (ln.x0 + ln.x1) / 2 <= x1]
            text = " ".join(ln.text for ln in inside)
        text = " ".join(text.split())
        items.append((text, {"kind": CELL, "page": page, "table": index, "row": row, "col": col, "region": "table"}))
    return items


def layout_page(
    lines: list[Line],
    width: float,
    height: float,
    page: int,
    *,
    first_text_page: bool,
    fetch: Callable[[Line], list[Glyph]],
    tables: list[TableGrid],
    table_base: int,
    tp: TextPage | None,
    ocr_paragraphs: bool = False,
    edges: dict[str, Any] | None = None,
    closing_from: float | None = None,
) -> list[Item]:
    """Blocks of one page in reading order; ``edges`` receives its first and last body lines."""
    group: dict[int, Any] = {}
    roles: dict[int, str] = {}
    for ln in lines:
        role = margin_role(ln, height)
        if role:
            roles[id(ln)] = role
    body_lines = [ln for ln in lines if id(ln) not in roles]
    for k, grid in enumerate(tables):
        for ln in body_lines:
            if grid.holds(ln):
                group[id(ln)] = ("table", k)
    free = [ln for ln in body_lines if id(ln) not in group]
    bands: list[Band] = []
    if first_text_page:
        head = find_header_band(free, width, fetch)
        if head is not None:
            bands.append(head)
            for ln in head.lines + head.left_only:
                group[id(ln)] = ("band", 0)
            free = [ln for ln in free if id(ln) not in group]
    if closing_from is not None:  # the previous page's closing band runs on here
        cont = find_closing_continuation(free, width, closing_from, fetch)
        if cont is not None:
            bands.append(cont)
            for ln in cont.lines:
                group[id(ln)] = ("band", len(bands) - 1)
            free = [ln for ln in free if id(ln) not in group]
            if edges is not None:
                edges["continued"] = True
    close = find_closing_band(free, width, fetch)
    if close is not None:
        bands.append(close)
        for ln in close.lines:
            group[id(ln)] = ("band", len(bands) - 1)
        low = min(ln.bottom for ln in close.lines)
        if edges is not None and not any(
            ln.cy < low and id(ln) not in group for ln in body_lines
        ) and not any(t.bottom < low for t in tables):
            edges["closing_split"] = close.split  # the band reaches the page's end
    items: list[Item] = []
    emitted: set[Any] = set()
    body_run: list[Line] = []

    def flush() -> None:
        if not body_run:
            return
        if ocr_paragraphs:
            breaks = {i for i in range(1, len(body_run)) if body_run[i].paragraph != body_run[i - 1].paragraph}
        else:
            breaks = paragraph_breaks(body_run)
        for i, ln in enumerate(body_run):
            if i in breaks:
                items.append(("", {"kind": BLANK, "page": page}))
            items.append((ln.text, {"kind": LINE, "page": page}))
        body_run.clear()

    for ln in sorted(lines, key=lambda x: x.index):
        key = id(ln)
        if key in roles:
            continue
        g = group.get(key)
        if g is None:
            body_run.append(ln)
            continue
        if g in emitted:
            continue
        flush()
        emitted.add(g)
        if g[0] == "table":
            items.append(("", {"kind": BLANK, "page": page}))
            items += _table_items(tables[g[1]], table_base + g[1], tp, lines, page)
        else:
            items.append(("", {"kind": BLANK, "page": page}))
            items += _band_items(bands[g[1]], fetch, page)
            items.append(("", {"kind": BLANK, "page": page}))
    if edges is not None:  # for the paragraph test across the page break (see page_breaks)
        ordered = sorted(lines, key=lambda x: x.index)
        first = next((ln for ln in ordered if id(ln) not in roles), None)
        edges["first"] = first if first is not None and id(first) not in group else None
        edges["last"] = body_run[-1] if body_run else None
        edges["body"] = body_lines
    flush()
    # running headers/footers first/last so they never split a paragraph
    heads = [(ln.text, {"kind": PAGE_HEADER, "page": page}) for ln in lines if roles.get(id(ln)) == "page-header"]
    feet = [(ln.text, {"kind": PAGE_FOOTER, "page": page}) for ln in lines if roles.get(id(ln)) == "page-footer"]
    return heads + items + feet


def with_signature(items: list[Item], lines: tuple[str, ...], page: int) -> list[Item]:
    """Put a scan's re-read signature lines (`ocr.ocr_signature`) after its ``Nơi nhận`` list.

    The page's own closing-right lines are dropped; when the page had no
    closing band, the ``Nơi nhận`` run (to the next blank) becomes its left column.
    """
    items = [it for it in items if it[1].get("region") != "closing-right"]
    left = [n for n, it in enumerate(items) if it[1].get("region") == "closing-left"]
    if left:
        at = left[-1] + 1
    else:
        start = next((n for n, it in enumerate(items) if fold(it[0]).startswith("nơinhận")), None)
        if start is None:
            at = len(items)
            while at and items[at - 1][1].get("kind") == PAGE_FOOTER:
                at -= 1
        else:
            at = start
            while at < len(items) and items[at][1].get("region") is None:
                text, attrs = items[at]
                if attrs.get("kind") == BLANK and at + 1 < len(items) and items[at + 1][0][:1] in "-+•–":
                    del items[at]  # a paragraph break inside the list (OCR blocks)
                    continue
                if attrs.get("kind") != LINE:
                    break
                items[at] = (text, {**attrs, "region": "closing-left"})
                at += 1
            items.insert(at, ("", {"kind": BLANK, "page": page, "region": "closing-left"}))
            at += 1
    sig = [(text, {"kind": PARAGRAPH, "page": page, "region": "closing-right"}) for text in lines]
    return items[:at] + sig + [("", {"kind": BLANK, "page": page})] + items[at:]


def join_closing(before: list[Item], after: list[Item]) -> None:
    """Move the signature lines of a page-cut closing band after the rest of its ``Nơi nhận`` list.

    ``before`` ends with the band's first part (list, then signature title);
    ``after`` starts with the rest (list items, then the signer's name).
    """
    right = [it for it in before if it[1].get("region") == "closing-right"]
    if not right:
        return
    keep = [it for it in before if it[1].get("region") != "closing-right"]
    # drop the blanks that closed the first part of the list
    k = max((n for n, it in enumerate(keep) if it[1].get("region") == "closing-left" and it[0]), default=-1)
    tail = [it for it in keep[k + 1:] if it[1].get("kind") != BLANK]
    before[:] = keep[: k + 1] + tail
    first = next((n for n, it in enumerate(after) if it[1].get("region") == "closing-left"), None)
    if first is not None and all(it[1].get("kind") in (BLANK, PAGE_HEADER) for it in after[:first]):
        after[:first] = [it for it in after[:first] if it[1].get("kind") != BLANK]
    at = next((n for n, it in enumerate(after) if it[1].get("region") == "closing-right"), None)
    if at is None:
        last_left = max((n for n, it in enumerate(after) if it[1].get("region") == "closing-left"), default=-1)
        at = last_left + 1
    after[at:at] = right


def page_breaks(per_page: dict[int, list[Item]], edges: dict[int, dict[str, Any]]) -> None:
    """End a page's last paragraph with a blank block when its last line stops short.

    The normaliser joins lines across a page break; a short last line whose
    gap the next page's first word would have filled is a paragraph end
    (``2. Nội dung hoạt động`` | next page ``Các xã, thị trấn …``).
    """
    pages = sorted(per_page)
    for i, j in zip(pages, pages[1:]):
        e, f = edges.get(i), edges.get(j)
        if not e or e.get("last") is None:
            continue
        following = f.get("first") if f else None
        if ends_paragraph(e["last"], e["body"], following):
            items = per_page[i]
            k = len(items)
            while k and items[k - 1][1].get("kind") == PAGE_FOOTER:
                k -= 1
            items.insert(k, ("", {"kind": BLANK, "page": i + 1}))


def tidy(items: list[Item]) -> list[Item]:
    """Drop leading, trailing and repeated blank blocks."""
    out: list[Item] = []
    for text, attrs in items:
        if attrs.get("kind") == BLANK and (not out or out[-1][1].get("kind") == BLANK):
            continue
        out.append((text, attrs))
    while out and out[-1][1].get("kind") == BLANK:
        out.pop()
    return out
