"""Progress of a batch on a terminal, and the summary at the end.

On a terminal the bar is one line redrawn in place (files done / total, rate,
ETA from a moving average of the last files, failures so far, the file just
finished), cut to the terminal's width; elsewhere (a log file, CI) nothing is
drawn and only the summary is printed, in lines of at most 80 columns.

    >>> from vnplan.i18n import use_lang
    >>> s = Summary(total=3, extracted=2, failed=1, errors={"EmptyFileError": 1}, elapsed=2.0)
    >>> with use_lang("vi"):
    ...     print(s)
    3 tệp: 2 đã trích xuất, 1 lỗi, 0 đã có từ trước, 0 trùng lặp; 2s,
      1.5 tệp/s
      lỗi: EmptyFileError 1
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import IO, Any

from vnplan.i18n import t

__all__ = ["WIDTH", "Progress", "Summary", "fit", "format_duration"]

WIDTH = 80  # the summary's lines fit in this many columns
WINDOW = 50  # files in the moving average of the rate (and so of the ETA)


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


def fit(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` cut to ``width`` columns with ``…``: at the end, or in the middle to keep a file name's end.

    >>> fit("ke-hoach-173-ubnd-tp-ha-noi-festival.pdf", 20, keep_end=True)
    'ke-hoach-…stival.pdf'
    >>> fit("lỗi: CorruptFileError 80, EmptyFileError 52", 30)
    'lỗi: CorruptFileError 80, Emp…'
    """
    if len(text) <= width:
        return text
    if width <= 1:
        return text[:width]
    if keep_end:
        head = (width - 1) // 2
        return text[:head] + "…" + text[len(text) - (width - 1 - head):]
    return text[:width - 1] + "…"


def _wrap(text: str, first: int = WIDTH, indent: str = "", phrases: bool = True) -> list[str]:
    """``text`` in lines of `WIDTH` columns (the first ``first`` wide), broken between words only; with
    ``phrases``, only after ``,`` ``;`` ``:`` and before ``→``, so a count stays with its words.

    >>> _wrap("lỗi: CorruptFileError 80, EmptyFileError 52", first=36)
    ['lỗi: CorruptFileError 80,', '  EmptyFileError 52']
    """
    import re
    import textwrap

    if phrases:
        text = re.sub(r"(?<![,;:]) (?!→)", "\u00a0", text)
    head = textwrap.wrap(text, width=first, initial_indent=indent, break_long_words=False, break_on_hyphens=False)
    rest = " ".join(head[1:])
    lines = head[:1] + textwrap.wrap(rest, width=WIDTH, initial_indent="  ", subsequent_indent="  ",
                                     break_long_words=False, break_on_hyphens=False)
    return [line.replace("\u00a0", " ") for line in lines]


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

    def lines(self) -> list[str]:
        """The summary as lines of at most `WIDTH` columns, the first with room for ``vnplan: ``; words are never cut.

        >>> from vnplan.i18n import use_lang
        >>> with use_lang("en"):
        ...     print(Summary(total=204800, extracted=203110, failed=1690, skipped=120000, duplicates=61200,
        ...                   elapsed=536.0, output="records.jsonl"))
        204800 files: 203110 extracted, 1690 failed, 120000 already recorded,
          61200 duplicates; 8m56s, 382.1 files/s → records.jsonl
        """
        rate = (self.extracted + self.failed) / self.elapsed if self.elapsed > 0 else 0.0
        text = t("batch.summary", total=self.total, extracted=self.extracted, failed=self.failed,
                 skipped=self.skipped, duplicates=self.duplicates)
        text += "; " + t("batch.timing", elapsed=format_duration(self.elapsed), rate=f"{rate:.1f}")
        if self.output and self.output != "-":
            text += " → " + fit(self.output, WIDTH // 2, keep_end=True)
        lines = _wrap(text, first=WIDTH - len("vnplan: "))
        if self.errors:
            errors = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0])))
            lines += _wrap(t("batch.errors", errors=errors), indent="  ")
        if self.skipped_failed:
            lines += _wrap(t("batch.failed_earlier", n=self.skipped_failed), indent="  ", phrases=False)
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


class Progress:
    """A one-line progress bar on ``stream`` when it is a terminal; silent otherwise."""

    def __init__(self, stream: IO[str] | None = None, enabled: bool | None = None, width: int = 10) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.total: int | None = None
        self.done = 0
        self.failed = 0
        self.current: str | None = None  # the file just finished
        self.errors: Counter[str] = Counter()
        self.start = time.monotonic()
        self._recent: deque[float] = deque(maxlen=WINDOW)  # when each of the last files finished
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

    def update(self, failed: str | None = None, counted: bool = True, path: str | None = None) -> None:
        """One more file done (``failed``: its error class, if any; ``path``: the file)."""
        now = time.monotonic()
        if counted:
            self.done += 1
            self._recent.append(now)
        if path is not None:
            self.current = path
        if failed:
            self.failed += 1
            self.errors[failed] += 1
        if self.enabled and now - self._last >= 0.1:
            self._last = now
            self.draw(now)

    def rate(self, now: float | None = None) -> float:
        """Files per second over the last `WINDOW` files (over the whole run until there are two)."""
        now = now or time.monotonic()
        if len(self._recent) >= 2 and self._recent[-1] > self._recent[0]:
            return (len(self._recent) - 1) / (self._recent[-1] - self._recent[0])
        return self.done / max(now - self.start, 1e-9)

    def line(self, now: float | None = None, columns: int | None = None) -> str:
        """The bar's text (``\\r`` first), at most ``columns`` wide (default: the terminal's width)."""
        now = now or time.monotonic()
        columns = columns or shutil.get_terminal_size((WIDTH, 24)).columns
        rate = self.rate(now)
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "█" * int(frac * self.width) + "░" * (self.width - int(frac * self.width))
            eta = format_duration((self.total - self.done) / rate) if rate > 0 and self.total > self.done else "0s"
            head = f"{bar} {self.done}/{self.total}"
            tail = t("batch.eta", eta=eta)
        else:
            head, tail = f"{self.done}/?", format_duration(now - self.start)
        text = f"{head}  {t('batch.rate', rate=f'{rate:.1f}')}  {tail}  {t('batch.failed', n=self.failed)}"
        if self.current and len(text) + 4 < columns - 1:
            text += "  " + fit(os.path.basename(self.current), columns - 1 - len(text) - 2, keep_end=True)
        return f"\r{fit(text, columns - 1)}\x1b[K"

    def draw(self, now: float | None = None) -> None:
        with self._lock:
            self.stream.write(self.line(now))
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()
