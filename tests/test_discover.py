"""Folder discovery skips notes about an archive (README*, SOURCES*, CHAINS*, …) — issue 16, point 8."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vnplan.batch import discover, extract_many
from vnplan.discover import is_non_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "000_28b0c8e4ade0a855.txt"


@pytest.mark.parametrize("name, note", [("README.md", True), ("readme.txt", True), ("SOURCES.md", True),
                                        ("CHAINS.md", True), ("LICENSE.txt", True), ("NOTES.md", True),
                                        ("kh-173-readme.pdf", False), ("sources-kh.docx", False),
                                        ("000_28b0c8e4ade0a855.txt", False)])
def test_is_non_document(name: str, note: bool) -> None:
    assert is_non_document(name) is note


def test_archive_notes_are_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    """The shared archive ships SOURCES.md and CHAINS.md beside its documents: neither becomes a record."""
    shutil.copy(SEED, tmp_path / SEED.name)
    for note in ("README.md", "SOURCES.md", "CHAINS.md"):
        (tmp_path / note).write_text("# Nguồn tài liệu\n- kh-173.pdf: cổng thông tin\n", encoding="utf-8")
    assert [Path(p).name for p in discover(tmp_path)] == [SEED.name]
    assert [Path(p).name for p in discover([tmp_path / "SOURCES.md"])] == ["SOURCES.md"]  # named: read
    records = list(extract_many([tmp_path], workers=0))
    assert [Path(r["source"]["path"] if isinstance(r, dict) else r.source["path"]).name for r in records] == [SEED.name]
