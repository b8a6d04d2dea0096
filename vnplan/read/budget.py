"""Budgets: how much of a file vnplan will read, decompress, render and hold, so no input exhausts memory.

Each limit is enforced where the cost arises (the reader that decompresses, the renderer that
allocates pixels) and gives one line naming the file and the limit: a `BudgetError`.
The defaults fit every real document seen (the longest archive decree is 55 pages and 0.3 M
characters) with a wide margin; `VNPLAN_BUDGET_*` environment variables or `set_budget` change them.

    >>> b = Budget()
    >>> b.max_pages, b.max_chars
    (2000, 3000000)
    >>> check_render(595, 842, 300, b)   # an A4 page at 300 dpi: 8.7 M pixels
    >>> check_render(14400, 14400, 300, b)   # a 200-inch page would need 3.6 G pixels
    Traceback (most recent call last):
    ...
    vnplan.read.budget.BudgetError: trang 200 × 200 inch: 3600 triệu điểm ảnh ở 300 dpi, vượt ngân sách 80 triệu
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, fields, replace
from typing import Any

from vnplan.errors import Term, TooLargeError, UnsupportedFormatError

__all__ = ["Budget", "BudgetError", "budget", "check_pdf_streams", "check_regular_file", "check_render", "limit_memory",
           "set_budget"]


class BudgetError(TooLargeError):
    """An input that would take more than a budget allows (decompressed bytes, characters, pages, pixels)."""

    code = "E013"


@dataclass(frozen=True)
class Budget:
    """Limits per file (and per worker process for ``max_memory``)."""

    max_bytes: int = 200 * 1024 * 1024  # file size
    max_member_bytes: int = 48 * 1024 * 1024  # decompressed XML part of a DOCX
    max_stream_bytes: int = 256 * 1024 * 1024  # decompressed PDF stream (a 600 dpi A3 colour scan: 209 MB)
    max_chars: int = 3_000_000  # characters of text, about 1,500 pages
    max_pages: int = 2000  # pages of a PDF
    max_page_pixels: int = 80_000_000  # pixels of one page rendered for OCR (A3 at 300 dpi: 17 M)
    max_memory: int = 3 * 1024 ** 3  # address space of a worker process (RLIMIT_AS), 0: none


_current = Budget()


def _from_env(base: Budget) -> Budget:
    changes = {}
    for f in fields(Budget):
        value = os.environ.get(f"VNPLAN_BUDGET_{f.name.upper()}")
        if value:
            try:
                changes[f.name] = int(float(value))
            except ValueError:
                continue
    return replace(base, **changes) if changes else base


def budget() -> Budget:
    """The budget in force (defaults, overridden by ``VNPLAN_BUDGET_MAX_PAGES=…`` style variables)."""
    return _from_env(_current)


def set_budget(**limits: int) -> Budget:
    """Change limits for this process: ``set_budget(max_pages=50)``; returns the new budget.

    >>> old = budget(); set_budget(max_pages=10).max_pages; _ = set_budget(**vars(old))
    10
    """
    global _current
    _current = replace(_current, **limits)
    return _current


def check_regular_file(path: str) -> os.stat_result:
    """``os.stat`` of ``path``, refusing anything that is not a regular file (FIFO, device, socket).

    Never opens the file, so a FIFO cannot block the caller.

    >>> check_regular_file("/dev/null")
    Traceback (most recent call last):
    ...
    vnplan.errors.UnsupportedFormatError: /dev/null: không phải tệp thông thường (một thiết bị ký tự); vnplan chỉ đọc tệp thông thường
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("folder" if stat.S_ISDIR(st.st_mode) else "fifo" if stat.S_ISFIFO(st.st_mode)
                else "socket" if stat.S_ISSOCK(st.st_mode) else "char_device" if stat.S_ISCHR(st.st_mode)
                else "block_device" if stat.S_ISBLK(st.st_mode) else "special")
        raise UnsupportedFormatError(path, key="err.not_regular", kind=Term(f"kind.{kind}"))
    return st


def check_render(width_pt: float, height_pt: float, dpi: int, limits: Budget | None = None) -> None:
    """Refuse (`BudgetError`) to render a page whose bitmap at ``dpi`` would pass the pixel budget."""
    limits = limits or budget()
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    if pixels > limits.max_page_pixels:
        raise BudgetError(None, key="err.page_pixels", w=f"{width_pt / 72:.0f}", h=f"{height_pt / 72:.0f}",
                          mp=f"{pixels / 1e6:.0f}", dpi=dpi, limit=f"{limits.max_page_pixels / 1e6:.0f}")


_STREAM = re.compile(rb">>\s*stream\r?\n")


def check_pdf_streams(path: str, limits: Budget | None = None) -> None:
    """Refuse (`BudgetError`) a PDF with a Flate stream that inflates past ``max_stream_bytes``.

    The reader (pdfium) inflates a page's streams whole: a 1 MB stream of 1 GB of spaces costs 2 GB of
    memory and 14 s.  Each Flate stream is inflated here in 1 MB steps, keeping nothing, and stops at
    the budget, so the check costs time in proportion to the streams' real size and constant memory.
    A stream that does not inflate cleanly is left to the reader, which reports damaged files.

    >>> check_pdf_streams("corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf")  # doctest: +SKIP
    """
    import mmap
    import zlib

    limit = (limits or budget()).max_stream_bytes
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0 or size * DEFLATE_MAX_RATIO <= limit:
            return  # no stream of this file can inflate past the budget
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for m in _STREAM.finditer(data):
                head = data[max(0, m.start() - 2000):m.start()]
                head = head[head.rfind(b"obj"):]
                if b"Fl" not in head:  # /FlateDecode or its abbreviation /Fl
                    continue
                length = _direct_length(data, head, m.end())
                if length is not None and length * DEFLATE_MAX_RATIO <= limit:
                    continue  # too short to inflate past the budget: no need to inflate it
                if _inflated_size(data, m.end(), limit, zlib.decompressobj(), length) > limit:
                    raise BudgetError(path, key="err.stream_budget", limit=f"{limit / 1e6:.0f}")


# Deflate's best ratio is 1032:1 (a 258-byte match in one bit or so); a zlib stream of n bytes
# inflates to at most about 1032 n bytes, so 1100 n bounds it with a margin.
DEFLATE_MAX_RATIO = 1100
_LENGTH = re.compile(rb"/Length\b")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R\b)")
_ENDSTREAM = re.compile(rb"\s*endstream")


def _direct_length(data: Any, head: bytes, start: int) -> int | None:
    """The stream's byte length when its dictionary states it directly and ``endstream`` follows there.

    That is the length pdfium reads (it searches for ``endstream`` only when the stated length does not
    end there).  An indirect (``/Length 12 0 R``), repeated or wrong length gives None.

    >>> _direct_length(b"stream\\nabcd\\nendstream", b"obj <</Length 4/Filter/FlateDecode>>", 7)
    4
    >>> _direct_length(b"stream\\nabcd\\nendstream", b"obj <</Length 9 0 R/Filter/FlateDecode>>", 7) is None
    True
    """
    if len(_LENGTH.findall(head)) != 1:
        return None
    m = _DIRECT_LENGTH.search(head)
    if m is None:
        return None
    length = int(m.group(1))
    end = start + length
    return length if _ENDSTREAM.match(data[end:end + 64]) else None


# Output an inflater may hold beyond what it has returned (a match being copied, its window): far less.
_INFLATER_SLACK = 1 << 20
_STEP = 1 << 16  # input fed to the inflater at most at a time (memory stays constant)
_MIN_STEP = 1 << 12  # and at least, when the stream's length is known (fewer calls)


def _inflated_size(data: Any, pos: int, limit: int, inflater: Any, length: int | None = None) -> int:
    """Bytes a zlib stream starting at ``pos`` inflates to, counted up to ``limit + 1``.

    When the stream's byte ``length`` is known, counting stops as soon as the input left cannot take
    the output past ``limit`` (at most `DEFLATE_MAX_RATIO` bytes a byte, plus `_INFLATER_SLACK`): the
    verdict (above the limit or not) is the same as inflating it all, at a fraction of the cost.  The
    input is then fed in steps no longer than the least that must still be inflated before the rest
    can be short enough (more output only asks for more), so little is inflated past that point: a
    long image stream of a born-digital PDF (ratio ~25) is inflated for its first ~85 KB at the
    256 MB budget, not for its first one or two 64 KB steps past it.
    """
    import zlib

    total = 0
    pending = b""
    end = None if length is None else pos + length
    while total <= limit and not inflater.eof:
        step = _STEP
        if end is not None:
            left = end - pos + len(pending)
            if total + left * DEFLATE_MAX_RATIO + _INFLATER_SLACK <= limit:
                break  # the rest cannot reach the limit
            need = left - (limit - total - _INFLATER_SLACK) // DEFLATE_MAX_RATIO  # > 0 here
            step = min(max(need, _MIN_STEP), _STEP)
        if len(pending) < step:
            more = data[pos:pos + step - len(pending)]
            pos += len(more)
            pending += more
            if not pending:
                break
        chunk, rest = (pending, b"") if len(pending) <= step else (pending[:step], pending[step:])
        try:
            out = inflater.decompress(chunk, 1 << 20)
        except zlib.error:
            break
        total += len(out)
        pending = inflater.unconsumed_tail + rest
    return total


def limit_memory(limits: Budget | None = None) -> None:
    """Cap this process's address space (Linux ``RLIMIT_AS``) at ``max_memory``; a no-op elsewhere."""
    limits = limits or budget()
    if not limits.max_memory:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limits.max_memory if hard == resource.RLIM_INFINITY else min(limits.max_memory, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):  # pragma: no cover - a stricter limit is already in force
        pass
