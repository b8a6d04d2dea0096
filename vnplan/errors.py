"""One small error hierarchy: every problem with an input file is a `VnplanError`.

Messages name the file and the problem in one line, so the CLI can print them
as they are::

    >>> str(EmptyFileError("kh.pdf", "the file is empty (0 bytes)"))
    'kh.pdf: the file is empty (0 bytes)'
"""
from __future__ import annotations

import os

__all__ = [
    "CorruptFileError",
    "EmptyFileError",
    "EncodingError",
    "EncryptedFileError",
    "NotVietnameseError",
    "RecordError",
    "TooLargeError",
    "UnsupportedFormatError",
    "VnplanError",
    "WrongExtensionError",
]


class VnplanError(Exception):
    """Base class: an input vnplan cannot use, named in a one-line message."""

    code = "E000"

    def __init__(self, path: str | os.PathLike[str] | None, problem: str) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.problem = " ".join(str(problem).split())  # always one line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem

    def __str__(self) -> str:
        return self.message


class UnsupportedFormatError(VnplanError):
    """The file is not a PDF, DOCX, TXT or MD file (by its content, not its name)."""

    code = "E001"


class CorruptFileError(VnplanError):
    """The file claims a format but cannot be parsed as it."""

    code = "E002"


class EncryptedFileError(VnplanError):
    """The file is password-protected."""

    code = "E003"


class EmptyFileError(VnplanError):
    """The file has no bytes, or no text at all."""

    code = "E004"


class TooLargeError(VnplanError):
    """The file is larger than the configured limit."""

    code = "E005"


class EncodingError(VnplanError):
    """A text file whose encoding cannot be determined."""

    code = "E006"


class NotVietnameseError(VnplanError):
    """The text read is not Vietnamese (`vnplan.read` with ``require_vietnamese=False`` reads it anyway)."""

    code = "E007"


class RecordError(VnplanError):
    """A records file (JSON Lines) that cannot be read back."""

    code = "E008"


class WrongExtensionError(VnplanError):
    """The file's name says one format and its content another."""

    code = "E009"
