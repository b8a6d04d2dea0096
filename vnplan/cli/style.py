"""Terminal touches shared by the commands: colour on a TTY, the output format from ``-o``'s extension, a progress line.

Colour follows the ``NO_COLOR`` / ``FORCE_COLOR`` conventions.

    >>> format_for("report.html", None), format_for("bang.xlsx", None), format_for(None, None)
    ('html', 'xlsx', 'text')
    >>> colour("ĐẠT", "pass", enabled=False)
    'ĐẠT'
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from typing import IO

__all__ = ["EXTENSION_FORMATS", "EtaLine", "colour", "colour_enabled", "format_for"]

EXTENSION_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json", ".txt": "text",
                     ".csv": "csv", ".xlsx": "xlsx"}
_CODES = {"pass": "32;1", "fail": "31;1", "inconclusive": "35;1", "warn": "33", "dim": "2"}


def format_for(output: str | None, fmt: str | None) -> str:
    """``--format`` when given, else the format named by ``-o``'s extension, else text."""
    if fmt:
        return fmt
    if output and output != "-":
        return EXTENSION_FORMATS.get(os.path.splitext(output)[1].lower(), "text")
    return "text"


def colour_enabled(stream: IO[str] | None = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def colour(text: str, kind: str, enabled: bool | None = None) -> str:
    """``text`` in the colour of ``kind`` (pass, fail, inconclusive, warn, dim) when colour is on."""
    on = colour_enabled() if enabled is None else enabled
    return f"\033[{_CODES[kind]}m{text}\033[0m" if on and kind in _CODES else text


class EtaLine:
    """One line redrawn in place on a terminal: ``[3/40] ~1m05s  checking kh-xa-a.docx``; ETA from the mean of
    the last ``window`` items (a moving average), so one slow file does not skew it for long."""

    def __init__(self, total: int, stream: IO[str] | None = None, window: int = 10, width: int = 79) -> None:
        self.total, self.stream, self.width = total, stream or sys.stderr, width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.times: deque[float] = deque(maxlen=window)
        self.last: float | None = None

    def eta(self, done: int) -> float | None:
        if not self.times:
            return None
        return sum(self.times) / len(self.times) * (self.total - done)

    def step(self, done: int, label: str) -> None:
        now = time.monotonic()
        if self.last is not None:
            self.times.append(now - self.last)
        self.last = now
        if not self.enabled:
            return
        from vnplan.batch.progress import format_duration

        eta = self.eta(done)
        head = f"[{done + 1}/{self.total}] " + (f"~{format_duration(eta)}  " if eta is not None else "")
        room = self.width - len(head)
        label = label if len(label) <= room else "…" + label[-(room - 1):]
        self.stream.write("\r\033[K" + head + label)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
