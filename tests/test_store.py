"""The SQLite store: corpus round trip against JSON Lines, tidy tables, folded full-text search, resume,
kill and resume, foreign files, schema versions."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import vnplan
from vnplan.batch import extract_to
from vnplan.collection import Records
from vnplan.store import SCHEMA_VERSION, StoreError, connect, migrate, search, write_records
from vnplan.store.schema import MIGRATIONS, columns

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
HOA_XA = "corpus/seeds/000_28b0c8e4ade0a855.txt"  # Kế hoạch of UBND xã Hoà Xá


@pytest.fixture(scope="module")
def corpus_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 33 corpus documents extracted once into JSON Lines (paths relative to the repository)."""
    out = tmp_path_factory.mktemp("corpus") / "records.jsonl"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        summary = extract_to(["corpus/seeds", "corpus/real"], str(out), workers=1)
    finally:
        os.chdir(cwd)
    assert summary.extracted == 33, summary
    return out


def _dicts(records: Records) -> list[dict]:
    return [r.to_dict() for r in records]


def test_corpus_round_trips_through_the_store(corpus_jsonl: Path, tmp_path: Path) -> None:
    jsonl = vnplan.load(corpus_jsonl)
    db = tmp_path / "kho.sqlite"
    assert write_records(jsonl, db) == 33
    stored = vnplan.load(db)
    assert len(stored) == 33 and not stored.errors
    assert _dicts(stored) == _dicts(jsonl)
    # the tidy tables hold what the DataFrames hold, row for row
    con = sqlite3.connect(db)
    for table, frame in (("citations", jsonl.citations()), ("activities", jsonl.activities()),
                         ("responsibilities", jsonl.responsibilities()), ("deadlines", jsonl.deadlines()),
                         ("recipients", jsonl.recipients()), ("warnings", jsonl.warnings())):
        assert columns(con, table) == list(frame.columns), table
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(frame), table
    assert columns(con, "records")[:-3] == list(jsonl.to_dataframe().columns)
    # a citation resolved inside the archive is an edge between two stored documents
    edge = con.execute("SELECT r.number, t.number FROM edges e JOIN records r ON r.path = e.source_path "
                       "JOIN records t ON t.path = e.target_path WHERE r.symbol = 'UBND-XD'").fetchall()
    assert edge == [("7432", "1074")]


def test_extract_to_a_store_matches_json_lines_and_keeps_texts(tmp_path: Path) -> None:
    db, jl = tmp_path / "kho.sqlite", tmp_path / "kho.jsonl"
    extract_to([str(SEEDS)], str(db), workers=0)
    extract_to([str(SEEDS)], str(jl), workers=0)
    assert _dicts(vnplan.load(db)) == _dicts(vnplan.load(jl))
    con = sqlite3.connect(db)
    text = con.execute("SELECT text FROM texts WHERE path LIKE '%000_28b0c8e4ade0a855.txt'").fetchone()[0]
    assert "Hoà Xá" in text or "Hòa Xá" in text
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "kho.sqlite"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        extract_to(["corpus/seeds"], str(out), workers=0)
    finally:
        os.chdir(cwd)
    return out


@pytest.mark.parametrize("query", ["hoa xa", "Hoà Xá", "HÒA XÃ", "hòa xá"])
def test_full_text_search_folds_accents(seeds_store: Path, query: str) -> None:
    hits = search(seeds_store, query)
    assert hits and hits[0].path == HOA_XA  # its title does not say Hoà Xá: the folded text does
    assert "[hoa xa]" in hits[0].snippet  # matched as a phrase, not in "cộng hòa xã hội"
    assert search(seeds_store, "xyzzy khong co") == []


def test_resume_skips_what_is_stored_and_replaces_a_changed_file(tmp_path: Path) -> None:
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "kho.sqlite"
    assert extract_to([str(folder)], str(db), workers=0).extracted == 3
    again = extract_to([str(folder)], str(db), workers=0)
    assert (again.extracted, again.skipped) == (0, 3)
    changed = min(folder.iterdir())
    changed.write_bytes(changed.read_bytes() + "\nBản sửa\n".encode())
    assert extract_to([str(folder)], str(db), workers=0).extracted == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM records").fetchone() == (3, 3)
    assert con.execute("SELECT count(*) FROM search").fetchone() == (3,)


KILLED_RUN = textwrap.dedent("""
    import sys, time
    from vnplan.batch import extract_to
    from vnplan.store import extract_with_text

    def slow(path):
        time.sleep(0.25)
        return extract_with_text(path)

    extract_to([sys.argv[1]], sys.argv[2], fn=slow, workers=0)
""")


def test_a_killed_run_leaves_a_consistent_store_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(30):
        (folder / f"{i:02d}.txt").write_bytes(seeds[i % 5].read_bytes() + f"\nBản {i}\n".encode())
    db = tmp_path / "kho.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(folder), str(db)], env=env)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(db, timeout=5).execute("SELECT count(*) FROM records").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    partial = con.execute("SELECT count(*) FROM records").fetchone()[0]
    assert 0 < partial < 30  # killed mid-run, with whole batches kept
    for table in ("activities", "texts", "search"):  # no child row without its record
        orphans = con.execute(f"SELECT count(*) FROM {table} WHERE path NOT IN (SELECT path FROM records)")
        assert orphans.fetchone()[0] == 0, table
    con.close()
    summary = extract_to([str(folder)], str(db), workers=0)
    assert summary.skipped == partial and summary.extracted == 30 - partial
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM records").fetchone() == (30, 30)
    assert con.execute("SELECT count(*) FROM texts").fetchone() == (30,)


@pytest.mark.parametrize("content", [b"ghi ch\xc3\xba c\xe1\xbb\xa7a t\xc3\xb4i\n", b"SQLite format 3\x00garbage"])
def test_a_file_that_is_not_a_store_is_refused_and_kept(tmp_path: Path, content: bytes) -> None:
    out = tmp_path / "ghi-chu.sqlite"
    out.write_bytes(content)
    with pytest.raises(StoreError, match="ghi-chu.sqlite") as err:
        extract_to([str(SEEDS)], str(out), workers=0)
    assert "\n" not in str(err.value)
    assert out.read_bytes() == content
    extract_to([str(SEEDS)], str(out), workers=0, force=True)
    assert len(vnplan.load(out)) == 5


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "khac.sqlite"
    sqlite3.connect(db).execute("CREATE TABLE diem (ten TEXT)")
    with pytest.raises(StoreError, match="không phải kho vnplan"):
        vnplan.load(db)


def test_schema_versions_and_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "kho.sqlite"
    write_records([{"source": {"path": "kh.txt"}, "title": "Kế hoạch"}], db)
    con = connect(db)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, "ALTER TABLE records ADD COLUMN reviewed TEXT;")
    assert migrate(con, SCHEMA_VERSION + 1) == SCHEMA_VERSION + 1
    assert "reviewed" in columns(con, "records")
    assert con.execute("SELECT title FROM records").fetchall() == [("Kế hoạch",)]  # records survive the step
    con.close()
    with pytest.raises(StoreError, match="vnplan mới hơn"):
        connect(db)  # this vnplan reads up to SCHEMA_VERSION
