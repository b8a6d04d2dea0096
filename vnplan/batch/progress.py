"""Progress of a batch on a terminal, and the summary at the end.

On a terminal the bar is one line redrawn in place (files done / total, rate,
ETA, failures so far); elsewhere (a log file, CI) nothing is drawn and only
the summary is printed.

    >>> s = Summary(total=3, extracted=2, failed=1, errors={"EmptyFileError": 1}, elapsed=2.0)
    >>> print(s)
    3 files: 2 extracted, 1 failed (EmptyFileError 1), 0 already recorded, 0 duplicates; 2.0 s, 1.5 files/s
"""
from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = ["Progress", "Summary", "format_duration"]


def format_duration(seconds: float) -> str:
    """``1h02m``, ``3m05s`` or ``12s``.

    >>> format_duration(3725), format_duration(185), format_duration(12.4)
    ('1h02m', '3m05s', '12s')
    """
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


@dataclass
class Summary:
    """Counts of a batch run: what was extracted, failed, skipped (already recorded), flagged duplicate."""

    total: int = 0
    extracted: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0
    duplicates: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    output: str | None = None

    @property
    def ok(self) -> bool:
        """True when no input file has an error record (new or from an earlier run)."""
        return self.failed == 0 and self.skipped_failed == 0

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def __str__(self) -> str:
        rate = (self.extracted + self.failed) / self.elapsed if self.elapsed > 0 else 0.0
        errors = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0])))
        failed = f"{self.failed} failed" + (f" ({errors})" if errors else "")
        skipped = f"{self.skipped} already recorded"
        if self.skipped_failed:
            skipped += f" ({self.skipped_failed} of them failed earlier)"
        text = (f"{self.total} files: {self.extracted} extracted, {failed}, {skipped}, {self.duplicates} duplicates; "
                f"{self.elapsed:.1f} s, {rate:.1f} files/s")
        return text + (f" → {self.output}" if self.output and self.output != "-" else "")


class Progress:
    """A one-line progress bar on ``stream`` when it is a terminal; silent otherwise."""

    def __init__(self, stream: IO[str] | None = None, enabled: bool | None = None, width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.total: int | None = None
        self.done = 0
        self.failed = 0
        self.errors: Counter[str] = Counter()
        self.start = time.monotonic()
        self._last = 0.0
        self._lock = threading.Lock()

    def count_in_background(self, paths_factory: Any) -> None:
        """Count the files (a second walk of the archive) in a thread, to show a total and an ETA."""
        if not self.enabled:
            return

        def run() -> None:
            n = sum(1 for _ in paths_factory())
            self.total = n

        threading.Thread(target=run, daemon=True, name="vnplan-count").start()

    def update(self, failed: str | None = None, counted: bool = True) -> None:
        """One more file done (``failed``: its error class, if any)."""
        if counted:
            self.done += 1
        if failed:
            self.failed += 1
            self.errors[failed] += 1
        now = time.monotonic()
        if self.enabled and now - self._last >= 0.1:
            self._last = now
            self.draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "█" * int(frac * self.width) + "░" * (self.width - int(frac * self.width))
            eta = format_duration((self.total - self.done) / rate) if rate > 0 and self.total > self.done else "0s"
            head = f"{bar} {self.done}/{self.total}"
            tail = f"ETA {eta}"
        else:
            head, tail = f"{self.done}/?", f"{format_duration(elapsed)}"
        return f"\r{head}  {rate:.1f} files/s  {tail}  failed {self.failed}\x1b[K"

    def draw(self, now: float | None = None) -> None:
        with self._lock:
            self.stream.write(self.line(now))
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()
