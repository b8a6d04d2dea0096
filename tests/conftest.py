"""Fixtures shared by the whole suite (one conftest, as spaCy does)."""
from __future__ import annotations

import json
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


def jsonl_rows(path: Path) -> list[dict]:
    """The rows of a JSON-lines file (training rows of the learned components)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out_files(split: str | None = None) -> set[str]:
    """Archive files of a held-out split of corpus/archive/split.json (default: the current one, named by its
    top-level ``"heldout"`` key), which no model may be trained on."""
    table = json.loads((CORPUS / "archive" / "split.json").read_text(encoding="utf-8"))
    split = split or table["heldout"]
    files = {d["file"] for d in table["documents"] if d["split"] == split}
    assert files, f"no archive file in split {split!r}"  # an empty set would make the no-training checks vacuous
    return files


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def text_documents_with_gold() -> list[tuple[Path, dict]]:
    """The corpus's text files (seeds, pdftotext and web copies) with their gold records."""
    import json

    out = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for folder in ("seeds", "real"):
            path = CORPUS / folder / gold["file"]
            if path.exists() and path.suffix == ".txt":
                out.append((path, gold))
    return out


# The two image-only scans of the corpus, and a marker for tests that need Tesseract with Vietnamese data.
SCAN_1 = CORPUS / "real" / "004_cv-3722-vpcp-cn-metro-scan.pdf"
SCAN_5 = CORPUS / "real" / "068_cv-4214-bca-c04-trien-khai-ctmtqg-phong-chong-ma-tuy-scan.pdf"


def _have_ocr() -> bool:
    from vnplan.read import ocr_page

    return ocr_page.tesseract_available("vie") is not None


needs_tesseract = pytest.mark.skipif(not _have_ocr(), reason="tesseract with vie data not installed")


def nfc(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", s)


# Opt-in runs over the 180 real documents of ../shared/archive (long: OCR of scans); CI runs without them.
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "archive: runs over ../shared/archive (opt-in: VNPLAN_ARCHIVE_TESTS=1)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("VNPLAN_ARCHIVE_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="archive-wide run: set VNPLAN_ARCHIVE_TESTS=1")
    for item in items:
        if "archive" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def small_budget():
    """Set vnplan.read's limits for this test only (in this process: workers=0 or the reader itself)."""
    import importlib

    budget_module = importlib.import_module("vnplan.read.budget")  # also a function's name in vnplan.read
    saved = budget_module._current
    yield budget_module.set_budget
    budget_module._current = saved
