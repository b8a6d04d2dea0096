"""Issue 11 (speed): the stream-bomb check stops inflating once the input left cannot pass the budget.

The fast path (stream length known) must give the verdict of inflating the whole stream, on real
streams of the corpus PDFs and on generated bombs, at every limit around the true size.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path

import hostile_files as H
import pytest

from vnplan.read.budget import _STREAM, DEFLATE_MAX_RATIO, _direct_length, _inflated_size


def _long_streams(count: int = 4) -> list[tuple[bytes, int, int]]:
    """(file bytes, start, length) of the corpus PDFs' longest Flate streams with a direct length."""
    found = []
    for pdf in sorted((H.ROOT / "corpus" / "real").glob("*.pdf")):
        data = pdf.read_bytes()
        for m in _STREAM.finditer(data):
            head = data[max(0, m.start() - 2000):m.start()]
            head = head[head.rfind(b"obj"):]
            if b"Fl" not in head:
                continue
            length = _direct_length(data, head, m.end())
            if length is not None and length > 20_000:
                found.append((data, m.end(), length))
    return sorted(found, key=lambda f: -f[2])[:count]


def _verdicts(data: bytes, start: int, length: int) -> None:
    full = _inflated_size(data, start, 1 << 40, zlib.decompressobj())  # the whole stream
    for limit in {max(0, full - 1), full, full + 1, full * 2, length * DEFLATE_MAX_RATIO, 256 << 20, 8 << 20}:
        slow = _inflated_size(data, start, limit, zlib.decompressobj()) > limit
        fast = _inflated_size(data, start, limit, zlib.decompressobj(), length) > limit
        assert fast == slow == (full > limit), (limit, full)


def test_early_exit_agrees_on_real_streams() -> None:
    streams = _long_streams()
    assert streams, "the corpus PDFs hold long Flate streams"
    for data, start, length in streams:
        _verdicts(data, start, length)


@pytest.mark.parametrize("mb", [1, 9, 20])
def test_early_exit_agrees_on_bombs(mb: int) -> None:
    payload = H.deflated_spaces(mb)
    data = b"stream\n" + payload + b"\nendstream"
    _verdicts(data, 7, len(payload))


def test_early_exit_stops_early_on_a_plain_stream() -> None:
    """A 1 MB stream of random bytes (ratio 1) is not inflated whole at a 256 MB budget."""
    payload = zlib.compress(os.urandom(1 << 20))
    data = b"stream\n" + payload + b"\nendstream"
    assert _inflated_size(data, 7, 256 << 20, zlib.decompressobj(), len(payload)) < (1 << 20)
    assert _inflated_size(data, 7, 256 << 20, zlib.decompressobj()) == 1 << 20


def test_refusal_is_kept(tmp_path: Path) -> None:
    from vnplan.read.budget import Budget, BudgetError, check_pdf_streams

    pdf = H.inflating_pdf(tmp_path / "phinh.pdf", inflated_mb=64)
    with pytest.raises(BudgetError):
        check_pdf_streams(str(pdf), Budget(max_stream_bytes=8 << 20))


def test_known_length_inflates_only_what_the_budget_needs() -> None:
    """An image-like stream (ratio ~20) longer than budget / ratio is inflated for little more than
    the input the bound needs: its length less budget / DEFLATE_MAX_RATIO, in steps under 64 KB."""
    rows = [bytes((x * k) % 256 for x in range(256)) * 4 + os.urandom(51) for k in range(4000)]
    payload = zlib.compress(b"".join(rows), 6)
    data = b"stream\n" + payload + b"\nendstream"
    limit = (len(payload) // 2) * DEFLATE_MAX_RATIO + (1 << 20) + 1  # half the stream must be inflated
    full = _inflated_size(data, 7, 1 << 40, zlib.decompressobj())
    fast = _inflated_size(data, 7, limit, zlib.decompressobj(), len(payload))
    assert fast <= limit and full <= limit  # the verdict: within the budget
    assert fast < 0.6 * full  # about half the input inflated, not all of it
    _verdicts(data, 7, len(payload))
