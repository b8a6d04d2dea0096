"""Find the documents of an archive: a recursive walk in a fixed order.

Folders are walked depth first, entries sorted by name at each level, so the
same archive always gives the same sequence of paths (and a re-run the same
output order).  Paths are yielded one at a time: an archive of millions of
files is never held in memory.

    >>> list(discover("corpus/seeds"))[:1]  # doctest: +SKIP
    ['corpus/seeds/000_28b0c8e4ade0a855.txt']
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase

from vnplan.read import EXTENSIONS

__all__ = ["DOCUMENT_EXTENSIONS", "NON_DOCUMENTS", "discover", "is_non_document", "matches"]

#: Files found in folders that are notes about an archive, not documents of it (skipped in folder walks;
#: a file named explicitly is still read).
NON_DOCUMENTS: tuple[str, ...] = ("README*", "SOURCES*", "LICENSE*", "LICENCE*", "CHANGELOG*", "CHAINS*",
                                  "NOTES*", "INDEX.md", "index.md", "manifest*", "MANIFEST*")

#: Extensions picked up in folders; ``.doc`` is converted through LibreOffice when it is installed.
DOCUMENT_EXTENSIONS: frozenset[str] = frozenset(EXTENSIONS) | {".doc"}


def matches(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a relative path (``/``-separated) or its base name matches any glob.

    ``*`` also crosses ``/``, so ``*/du-thao/*`` and ``du-thao`` (a folder name) both work.

    >>> matches("2025/du-thao/kh-173.docx", ["*/du-thao/*"])
    True
    >>> matches("2025/Kế hoạch 173.pdf", ["*.docx"])
    False
    """
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in patterns)


#: Notes are plain text; a PDF or Word file is a document whatever its name (``sources-kh.docx``).
NOTE_EXTENSIONS: frozenset[str] = frozenset({".md", ".txt", ".rst", ".markdown", ""})


def is_non_document(name: str) -> bool:
    """A README, SOURCES, CHAINS, LICENSE … note in plain text rather than a document (case-insensitive on the
    name's start).

    >>> is_non_document("README.md"), is_non_document("SOURCES.md"), is_non_document("kh-173-readme.pdf")
    (True, True, False)
    >>> is_non_document("sources-kh.docx")
    False
    """
    if os.path.splitext(name)[1].lower() not in NOTE_EXTENSIONS:
        return False
    upper = name.upper()
    return any(fnmatchcase(upper, p.upper()) for p in NON_DOCUMENTS)


def _hidden(name: str) -> bool:
    # dot files (macOS "._x.pdf" forks, .git) and Office lock files ("~$kế hoạch.docx")
    return name.startswith((".", "~$"))


def _walk(root: str, include: list[str], exclude: list[str], exts: frozenset[str], hidden: bool) -> Iterator[str]:
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            yield folder  # an unreadable folder: the runner gives it an error record, so it is not lost silently
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            if not hidden and _hidden(entry.name):
                continue
            entry_rel = f"{rel}{entry.name}"
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if not matches(entry_rel, exclude):
                    subdirs.append((entry.path, entry_rel + "/"))
                continue
            if os.path.splitext(entry.name)[1].lower() not in exts or is_non_document(entry.name):
                continue
            if include and not matches(entry_rel, include):
                continue
            if exclude and matches(entry_rel, exclude):
                continue
            yield entry.path
        # files of a folder come before its subfolders; subfolders in name order
        stack.extend(reversed(subdirs))


def discover(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    extensions: Iterable[str] | None = None,
    hidden: bool = False,
) -> Iterator[str]:
    """Yield the document files under ``paths`` (files and folders), in a deterministic order.

    A folder is walked recursively for ``.pdf``, ``.docx``, ``.txt``, ``.md`` (and ``.doc``)
    files; ``include``/``exclude`` are globs matched against the path relative to the folder
    or the base name.  A file named explicitly is always yielded, whatever its extension.
    Hidden files and Office lock files (``~$…``) are skipped unless ``hidden=True``; notes about the
    archive (``README*``, ``SOURCES*``, … see `NON_DOCUMENTS`) are always skipped in folders.

    >>> for path in discover("luu-tru/2025", include=["*.pdf"], exclude=["du-thao"]):  # doctest: +SKIP
    ...     print(path)
    luu-tru/2025/kh-173-ubnd-festival-thang-long.pdf
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inc, exc = list(include), list(exclude)
    exts = frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions) \
        if extensions is not None else DOCUMENT_EXTENSIONS
    from vnplan.read.source import as_path

    for path in paths:
        path = as_path(path)
        if os.path.isdir(path):
            yield from _walk(path, inc, exc, exts, hidden)
        else:
            yield path
