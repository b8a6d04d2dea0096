"""Duplicates: same content under another name, or the same document in another format."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vnplan.batch import extract_many
from vnplan.batch.duplicates import DuplicateFinder, document_key
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
DOCX = ROOT / "corpus" / "real" / "007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx"

# the document key each test file "has" (stands in for the field extractors)
KEYS = {
    "kh-173.pdf": ("UBND Thành phố Hà Nội", "173", "KH-UBND", 2025),
    "kh-173.docx": ("Ủy ban nhân dân Thành phố  Hà Nội", "173", "KH-UBND", 2025),
    "kh-173-2024.txt": ("UBND Thành phố Hà Nội", "173", "KH-UBND", 2024),
    "kh-so-trong.txt": ("UBND Thành phố Hà Nội", None, "KH-UBND", 2025),
    "kh-so-trong-2.txt": ("UBND Thành phố Hà Nội", None, "KH-UBND", 2025),
}


def keyed_extract(path: str) -> Record:
    name = Path(path).name
    issuer, number, symbol, year = KEYS.get(name, (None, None, None, None))
    return Record(source={"path": path}, number=number, symbol=symbol, issue_year=year,
                  issuer={"name": issuer, "level": None, "parent": None})


@pytest.mark.parametrize("record,key", [
    ({"issuer": {"name": "UBND tỉnh Lào Cai"}, "number": "05", "symbol": "KH-UBND", "issue_year": 2025},
     ("uỷ ban nhân dân tỉnh lào cai", "05", "kh-ubnd", "2025")),
    ({"issuer": {"name": "Ủy ban nhân dân tỉnh Lào Cai"}, "number": "05", "symbol": "KH-UBND", "issue_year": 2025},
     ("uỷ ban nhân dân tỉnh lào cai", "05", "kh-ubnd", "2025")),
    ({"issuer": {"name": "Sở Công Thương"}, "number": None, "symbol": "KH-SCT", "issue_year": 2025}, None),
    ({"issuer": {"name": None}, "number": "1", "symbol": "QĐ-UBND", "issue_year": 2024}, None),
    ({"source": {"path": "x"}, "error": "EmptyFileError", "message": "x: empty"}, None),
])
def test_document_key(record: dict, key: tuple | None) -> None:
    assert document_key(record) == key


def test_same_document_in_two_formats_and_copies(tmp_path: Path) -> None:
    for name in KEYS:
        (tmp_path / name).write_bytes(SEEDS[0].read_bytes() + name.encode())  # distinct contents
    shutil.copyfile(tmp_path / "kh-173.pdf", tmp_path / "kh-173-ban-sao.pdf")
    paths = [str(tmp_path / n) for n in
             ["kh-173.pdf", "kh-173.docx", "kh-173-2024.txt", "kh-so-trong.txt", "kh-so-trong-2.txt",
              "kh-173-ban-sao.pdf"]]
    recs = {Path(r.source["path"]).name: r.source for r in extract_many(paths, keyed_extract, workers=0)}
    assert "duplicate_of" not in recs["kh-173.pdf"]
    assert (recs["kh-173.docx"]["duplicate_of"], recs["kh-173.docx"]["duplicate_by"]) == (paths[0], "key")
    assert "duplicate_of" not in recs["kh-173-2024.txt"]  # another year: another document
    assert "duplicate_of" not in recs["kh-so-trong-2.txt"]  # blank number: no key, no guess
    assert (recs["kh-173-ban-sao.pdf"]["duplicate_of"], recs["kh-173-ban-sao.pdf"]["duplicate_by"]) == \
        (paths[0], "content")


def test_finder_remembers_without_flagging() -> None:
    finder = DuplicateFinder()
    first = {"source": {"path": "a.txt", "sha256": "x"}}
    finder.add(first)
    assert "duplicate_of" not in first["source"]
    again = {"source": {"path": "b.txt", "sha256": "x"}}
    assert finder.check(again) == ("a.txt", "content") and again["source"]["duplicate_of"] == "a.txt"
    assert finder.check({"source": {"path": "a.txt", "sha256": "x"}}) is None  # the same file again


def test_flagging_can_be_turned_off(tmp_path: Path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    shutil.copyfile(DOCX, a)
    shutil.copyfile(DOCX, b)
    recs = list(extract_many([str(a), str(b)], keyed_extract, workers=0, flag_duplicates=False))
    assert all("duplicate_of" not in r.source for r in recs)
