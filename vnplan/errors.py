"""One small error hierarchy: every problem with an input file is a `VnplanError`.

Messages name the file and the problem in one line, so the CLI can print them
as they are. A problem given by its key in ``data/messages.tsv`` is worded in
the current language (Vietnamese unless ``VNPLAN_LANG=en``, `vnplan.i18n.set_lang`
or ``--lang en``)::

    >>> str(EmptyFileError("kh.pdf", key="err.empty_file"))
    'kh.pdf: tệp rỗng (0 byte)'
    >>> EmptyFileError("kh.pdf", key="err.empty_file").problem_in("en")
    'the file is empty (0 bytes)'
    >>> str(EmptyFileError("kh.pdf", "the file is empty"))  # a problem given as text is kept as it is
    'kh.pdf: the file is empty'
"""
from __future__ import annotations

import os
from collections.abc import Callable

# How a keyed message is worded: `vnplan.i18n` (a layer above) installs its `t` here when it is imported,
# which `import vnplan` always does; before that, a keyed problem reads as its key and values.
WORDING: Callable[..., str] | None = None

__all__ = [
    "CorruptFileError",
    "EmptyFileError",
    "EncodingError",
    "EncryptedFileError",
    "NotVietnameseError",
    "RecordError",
    "Term",
    "TooLargeError",
    "UnsupportedFormatError",
    "VnplanError",
    "WrongExtensionError",
]


class Term(str):
    """A message key used as a value inside another message: worded in the message's language.

    >>> str(UnsupportedFormatError("a.xls", key="err.unsupported_content", what=Term("kind.ole")))
    'a.xls: nội dung là một tệp Office cũ (.doc/.xls); vnplan đọc PDF, DOCX, TXT và MD'
    """


class VnplanError(Exception):
    """Base class: an input vnplan cannot use, named in a one-line message."""

    code = "E000"

    def __init__(self, path: str | os.PathLike[str] | None, problem: str | None = None, *,
                 key: str | None = None, **values: object) -> None:
        if (problem is None) == (key is None):
            raise TypeError("VnplanError needs either a problem text or a message key, not both")
        self.path = os.fspath(path) if path is not None else None
        self.key = key
        self.values = values
        self._text = " ".join(str(problem).split()) if problem is not None else ""  # always one line
        super().__init__(self.message)

    @property
    def problem(self) -> str:
        """The problem in the current language (a keyed message) or as it was given."""
        return self.problem_in(None)

    def problem_in(self, lang: str | None) -> str:
        """The problem in ``lang`` (``"vi"`` or ``"en"``; ``None``: the current language)."""
        if self.key is None:
            return self._text
        if WORDING is None:  # pragma: no cover - vnplan.i18n not imported yet
            return " ".join([self.key, *(f"{k}={v}" for k, v in self.values.items())])
        t = WORDING
        values = {k: t(v, lang=lang) if isinstance(v, Term) else v for k, v in self.values.items()}
        return " ".join(t(self.key, lang=lang, **values).split())

    def at(self, path: str | os.PathLike[str] | None) -> VnplanError:
        """The same problem, named by another path (a converted copy's error told about the user's file)."""
        return _rebuild(type(self), os.fspath(path) if path is not None else None,
                        self._text if self.key is None else None, self.key, self.values)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:  # survives pickling across worker processes
        return _rebuild, (type(self), self.path, self._text if self.key is None else None, self.key, self.values)


def _rebuild(cls: type[VnplanError], path: str | None, problem: str | None, key: str | None,
             values: dict[str, object]) -> VnplanError:
    return cls(path, problem, key=key, **values)


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
