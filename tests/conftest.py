"""Fixtures shared by the whole suite (one conftest, as spaCy does)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"

# An extractor's bug must fail a test, not turn into a record warning.
os.environ.setdefault("VNPLAN_STRICT", "1")


def corpus_files() -> list[Path]:
    """The 33 gold documents: 5 seeds and 28 real files."""
    seeds = sorted((CORPUS / "seeds").glob("*.txt"))
    real = sorted(p for p in (CORPUS / "real").iterdir() if p.name != "SOURCES.md")
    return seeds + real


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
