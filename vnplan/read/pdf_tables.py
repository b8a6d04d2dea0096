"""Ruled tables of a PDF page, found from its thin path objects and read cell by cell.

    >>> hs = [(700, 100, 300), (680, 100, 300), (660, 100, 300)]
    >>> vs = [(100, 660, 700), (200, 660, 700), (300, 660, 700)]
    >>> [(r, c) for r, c, *_ in find_tables(hs, vs)[0].cells]
    [(0, 0), (0, 1), (1, 0), (1, 1)]
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from vnplan.read.pdf_lines import Line

__all__ = ["TableGrid", "find_tables"]


@dataclass
class TableGrid:
    """A ruled table: cells as ``(row, col, x0, bottom, x1, top)``."""

    x0: float
    bottom: float
    x1: float
    top: float
    cells: list[tuple[int, int, float, float, float, float]]

    def holds(self, line: Line) -> bool:
        """Whether the line's centre falls inside the table."""
        cx = (line.x0 + line.x1) / 2
        return self.bottom - 1 <= line.cy <= self.top + 1 and self.x0 - 1 <= cx <= self.x1 + 1


def _merge(segs: list[tuple[float, float, float]], tol: float = 3.0) -> list[tuple[float, float, float]]:
    """Snap segments ``(pos, a, b)`` to shared positions and join overlapping ones."""
    segs = sorted(segs)
    groups: list[list[tuple[float, float, float]]] = []
    for s in segs:
        if groups and s[0] - groups[-1][0][0] <= tol:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[tuple[float, float, float]] = []
    for grp in groups:
        pos = sum(s[0] for s in grp) / len(grp)
        spans = sorted((s[1], s[2]) for s in grp)
        a, b = spans[0]
        for c, d in spans[1:]:
            if c <= b + tol:
                b = max(b, d)
            else:
                out.append((pos, a, b))
                a, b = c, d
        out.append((pos, a, b))
    return out


def _edge_test(rules: list[tuple[float, float, float]], tol: float) -> Callable[[float, float, float], bool]:
    """Whether a rule at ``pos`` (within 0.01) covers ``[lo, hi]``; rules looked up by position, not scanned.

    >>> covers = _edge_test([(20.0, 0.0, 200.0), (40.0, 0.0, 90.0)], 3.0)
    >>> covers(20.0, 0.0, 200.0), covers(40.0, 0.0, 200.0), covers(40.004, 10.0, 80.0)
    (True, False, True)
    """
    at: dict[float, list[tuple[float, float]]] = {}
    for pos, a, b in rules:
        at.setdefault(pos, []).append((a, b))
    keys = sorted(at)

    def covers(pos: float, lo: float, hi: float) -> bool:
        k = bisect.bisect_left(keys, pos - 0.02)  # a margin: the test below decides, as the scan did
        while k < len(keys) and keys[k] < pos + 0.02:
            if abs(keys[k] - pos) < 0.01 and any(a - tol <= lo and hi <= b + tol for a, b in at[keys[k]]):
                return True
            k += 1
        return False

    return covers


def find_tables(
    hsegs: list[tuple[float, float, float]],
    vsegs: list[tuple[float, float, float]],
    tol: float = 3.0,
) -> list[TableGrid]:
    """Ruled tables from horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` rules.

    The lattice method: corners are crossings of rules; a cell is the smallest
    rectangle whose four sides are drawn; cells sharing corners form a table.

    >>> h = [(0, 0, 200), (20, 0, 200), (40, 0, 200)]
    >>> v = [(0, 0, 40), (100, 0, 40), (200, 0, 40)]
    >>> t = find_tables(h, v)[0]
    >>> sorted((r, c) for r, c, *_ in t.cells)
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    H = _merge(hsegs, tol)
    V = _merge(vsegs, tol)
    if len(H) < 2 or len(V) < 2:
        return []
    points: set[tuple[float, float]] = set()
    for x, vy0, vy1 in V:
        for y, hx0, hx1 in H:
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                points.add((x, y))
    if len(points) < 4:
        return []

    h_edge = _edge_test(H, tol)
    v_edge = _edge_test(V, tol)

    xs_at: dict[float, list[float]] = {}
    ys_at: dict[float, list[float]] = {}
    for x, y in points:
        xs_at.setdefault(y, []).append(x)
        ys_at.setdefault(x, []).append(y)
    for v in xs_at.values():
        v.sort()
    for v in ys_at.values():
        v.sort(reverse=True)
    cells: list[tuple[float, float, float, float]] = []  # x0, bottom, x1, top
    for x, y in points:  # (x, y) is a top-left corner
        downs = [yy for yy in ys_at[x] if yy < y]
        rights = [xx for xx in xs_at[y] if xx > x]
        found = False
        for yb in downs:
            if not v_edge(x, yb, y):
                break
            for xr in rights:
                if not h_edge(y, x, xr):
                    break
                if (xr, yb) in points and v_edge(xr, yb, y) and h_edge(yb, x, xr):
                    cells.append((x, yb, xr, y))
                    found = True
                    break
            if found:
                break
    if not cells:
        return []
    # group cells sharing a corner
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    corner_owner: dict[tuple[float, float], int] = {}
    for i, (x0, b, x1, t) in enumerate(cells):
        for pt in ((x0, b), (x0, t), (x1, b), (x1, t)):
            j = corner_owner.setdefault(pt, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(root(i), []).append(c)
    tables: list[TableGrid] = []
    for grp in groups.values():
        if len(grp) < 2:
            continue
        tops = sorted({c[3] for c in grp}, reverse=True)
        lefts = sorted({c[0] for c in grp})
        rows = {t: i for i, t in enumerate(tops)}
        cols = {x: i for i, x in enumerate(lefts)}
        out = sorted(((rows[c[3]], cols[c[0]], *c) for c in grp), key=lambda r: (r[0], r[1]))
        tables.append(
            TableGrid(
                x0=min(c[0] for c in grp),
                bottom=min(c[1] for c in grp),
                x1=max(c[2] for c in grp),
                top=max(c[3] for c in grp),
                cells=out,
            )
        )
    tables.sort(key=lambda t: -t.top)
    return tables
