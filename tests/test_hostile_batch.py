"""Issue 12, batches: odd names, foreign outputs, concurrent runs, unopenable files and folders.

Each test is named after the failure it caught; files are generated in ``tmp_path``.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import hostile_files as H
import pytest

from vnplan.batch import extract_to, iter_records
from vnplan.export.records import read_index
from vnplan.batch.runner import run_batch
from vnplan.errors import VnplanError
from vnplan.record import Record

FORMATS = ["jsonl", "csv", "parquet"]


def light(path: str) -> Record:
    """A fast stand-in for `vnplan.extract`: the record's title is the file's first line."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        first = fh.readline().strip()
    return Record(source={"path": path}, doc_type="Kế hoạch", title=first or None)


def slow(path: str) -> Record:
    time.sleep(0.4)
    return light(path)


def fail_on_loi(path: str) -> Record:
    if "loi" in os.path.basename(path):
        raise ValueError("hỏng")
    return light(path)


def make_temp_then_hang(path: str) -> Record:
    """Like a .doc conversion that hangs: a temporary folder with a LibreOffice profile, then no end."""
    work = tempfile.mkdtemp(prefix="vnplan-doc-")
    os.makedirs(os.path.join(work, "lo-profile"))
    time.sleep(60)
    return light(path)


def _records(output: Path, fmt: str) -> list[dict]:
    return list(iter_records(output, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_file_name_is_recorded_and_resumed(tmp_path: Path, fmt: str) -> None:
    """Issue 12 §1: a name with a non-UTF-8 byte aborted the batch in every format, and every re-run."""
    pytest.importorskip("pyarrow") if fmt == "parquet" else None
    archive = tmp_path / "luu-tru"
    archive.mkdir()
    odd = H.named(archive, b"k\xe9-ho\xe1ch-\xff.txt")
    H.named(archive, "b-thuong.txt")
    output = tmp_path / f"records.{fmt}"
    first = extract_to(archive, str(output), fn=light, workers=0)
    assert (first.extracted, first.failed) == (2, 0)
    again = extract_to(archive, str(output), fn=light, workers=0)
    assert (again.skipped, again.extracted) == (2, 0)  # resumed: the odd name matched its record
    paths = [r["source"]["path"] for r in _records(output, fmt)]
    assert sorted(paths) == sorted([odd, str(archive / "b-thuong.txt")])
    assert os.fsencode(odd) in [os.fsencode(p) for p in paths]  # lossless: the same bytes


@pytest.mark.parametrize("name", ["dòng\nmới.txt", "q' autofocus onfocus='alert(1)' x='.txt", 'ngoặc "kép", phẩy.txt'])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_awkward_names_resume_without_re_extraction(tmp_path: Path, name: str, fmt: str) -> None:
    """Issue 12 §9: CSV mangled newline paths, so those files were re-extracted on every run."""
    archive = tmp_path / "a"
    archive.mkdir()
    path = H.named(archive, name)
    output = tmp_path / f"r.{fmt}"
    extract_to(archive, str(output), fn=light, workers=0)
    again = extract_to(archive, str(output), fn=light, workers=0)
    assert again.skipped == 1 and again.extracted == 0
    assert [r["source"]["path"] for r in _records(output, fmt)] == [path]


def test_formula_cells_are_text_in_csv_and_read_back_exactly(tmp_path: Path) -> None:
    """Issue 12 §6: cells starting with = + - @ were written verbatim (titles, issuers)."""
    archive = tmp_path / "a"
    archive.mkdir()
    H.named(archive, "cong-thuc.txt", '=HYPERLINK("http://x.invalid","bấm")\n- Như trên\n')
    H.named(archive, "cong.txt", "+84 912 345 678\n")
    H.named(archive, "a-cong.txt", "@SUM(1+1)\n")
    output = tmp_path / "r.csv"
    extract_to(archive, str(output), fn=light, workers=0)
    rows = list(csv.DictReader(output.read_text(encoding="utf-8-sig").splitlines()))
    assert sorted(row["title"][:2] for row in rows) == ["'+", "'=", "'@"]  # shown as text by spreadsheets
    assert sorted(r["title"] for r in _records(output, "csv")) == sorted(
        ['=HYPERLINK("http://x.invalid","bấm")', "+84 912 345 678", "@SUM(1+1)"])


def test_foreign_parquet_is_left_untouched(tmp_path: Path) -> None:
    """Issue 12 §7: a Parquet file with a source_path column was rewritten and lost its other columns."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    archive = tmp_path / "a"
    archive.mkdir()
    H.named(archive, "kh.txt")
    output = tmp_path / "bang-luong.parquet"
    pq.write_table(pa.table({"source_path": ["x.pdf"], "luong": [12_000_000]}), output)
    before = output.read_bytes()
    with pytest.raises(VnplanError, match="không phải tệp bản ghi vnplan"):
        extract_to(archive, str(output), fn=light, workers=0)
    assert output.read_bytes() == before
    assert not Path(str(output) + ".journal.jsonl").exists()


def test_output_whose_first_line_is_blank_is_not_appended_to(tmp_path: Path) -> None:
    """Issue 12 §7: an output whose first line is blank was taken for vnplan's and appended to."""
    archive = tmp_path / "a"
    archive.mkdir()
    H.named(archive, "kh.txt")
    output = tmp_path / "ghi-chu.jsonl"
    output.write_text('\n{"source": {"path": "x"}}\n', encoding="utf-8")
    before = output.read_bytes()
    with pytest.raises(VnplanError, match="dòng đầu để trống"):
        extract_to(archive, str(output), fn=light, workers=0)
    assert output.read_bytes() == before


def test_concurrent_runs_on_one_output_do_not_interleave(tmp_path: Path) -> None:
    """Issue 12 §7: two concurrent runs gave 1,988 lines for 1,000 files; the second run now stops at once."""
    archive = tmp_path / "a"
    archive.mkdir()
    for i in range(4):
        H.named(archive, f"kh-{i}.txt")
    output = tmp_path / "r.jsonl"
    first = threading.Thread(target=extract_to, args=(archive, str(output)), kwargs={"fn": slow, "workers": 0})
    first.start()
    time.sleep(0.2)
    with pytest.raises(VnplanError, match="một lượt chạy vnplan khác đang ghi tệp kết quả này"):
        extract_to(archive, str(output), fn=light, workers=0)
    first.join()
    assert sorted(os.path.basename(r["source"]["path"]) for r in _records(output, "jsonl")) == \
        [f"kh-{i}.txt" for i in range(4)]


def test_unopenable_file_keeps_one_error_record_across_runs(tmp_path: Path) -> None:
    """Issue 12 §9: error records of unopenable files were appended again on every run."""
    archive = tmp_path / "a"
    archive.mkdir()
    H.fifo(archive / "x.txt")
    H.named(archive, "kh.txt")
    output = tmp_path / "r.jsonl"
    for _ in range(3):
        extract_to(archive, str(output), fn=light, workers=1, timeout=20)
    records = _records(output, "jsonl")
    assert sorted((os.path.basename(r["source"]["path"]), r.get("error")) for r in records) == \
        [("kh.txt", None), ("x.txt", "UnsupportedFormatError")]


def test_good_record_is_not_a_duplicate_of_an_error_record(tmp_path: Path) -> None:
    """Issue 12 §9: a good record was flagged as a duplicate of an error record of the same content."""
    archive = tmp_path / "a"
    archive.mkdir()
    H.named(archive, "a-loi.txt")
    H.named(archive, "b-tot.txt")  # the same bytes
    output = tmp_path / "r.jsonl"
    extract_to(archive, str(output), fn=fail_on_loi, workers=0, reuse_copies=False)
    good = [r for r in _records(output, "jsonl") if "error" not in r]
    assert len(good) == 1 and "duplicate_of" not in good[0]["source"]


def test_unreadable_folder_gives_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 §9: an unreadable folder was skipped with no record."""
    archive = tmp_path / "a"
    locked = archive / "khoa"
    locked.mkdir(parents=True)
    H.named(locked, "kh.txt")
    H.named(archive, "mo.txt")
    if os.geteuid() == 0:  # root reads any folder: make this one fail as it would for a user
        real_scandir, real_listdir = os.scandir, os.listdir

        def deny(fn):
            def wrapped(path=".", *a):
                if os.fspath(path) == str(locked):
                    raise PermissionError(13, "Permission denied", str(locked))
                return fn(path, *a)
            return wrapped
        monkeypatch.setattr(os, "scandir", deny(real_scandir))
        monkeypatch.setattr(os, "listdir", deny(real_listdir))
    else:  # pragma: no cover - depends on the user running the tests
        locked.chmod(0)
    output = tmp_path / "r.jsonl"
    summary = extract_to(archive, str(output), fn=light, workers=0)
    locked.chmod(0o755)
    assert summary.failed == 1
    [error] = [r for r in _records(output, "jsonl") if "error" in r]
    assert error["source"]["path"] == str(locked)
    assert "không đọc được thư mục (Permission denied)" in error["message"]


def test_timed_out_worker_leaves_no_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 §9: a .doc temp folder (with a LibreOffice profile) was left in /tmp after a timeout."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    path = H.named(tmp_path, "kh.doc")
    [(_, record)] = list(run_batch([path], make_temp_then_hang, workers=1, timeout=1.5))
    assert record["error"] == "ExtractTimeoutError"
    assert _ours(tmp) == []


@pytest.mark.skipif(not any(os.path.exists(os.path.join(p, "soffice")) for p in os.environ.get("PATH", "").split(":")),
                    reason="needs LibreOffice")
def test_real_doc_conversion_killed_at_timeout_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with LibreOffice itself: converting a legacy .doc, stopped at 0.5 s (its process group is killed)."""
    docs = sorted((H.ROOT.parent / "shared" / "archive" / "docs").glob("*.doc"))
    if not docs:
        pytest.skip("no legacy .doc in ../shared/archive")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    [(_, record)] = list(run_batch([str(docs[0])], workers=1, timeout=0.5))
    assert record["error"] == "ExtractTimeoutError"
    time.sleep(0.5)
    assert _ours(tmp) == []


def _ours(folder: Path) -> list[str]:
    """vnplan's and LibreOffice's temporary files (multiprocessing keeps its own pymp-… folder there)."""
    return [p.name for p in folder.iterdir() if not p.name.startswith("pymp-")]


def test_folders_of_a_killed_run_are_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGKILL of the parent skips its cleanup; the next run removes worker folders of dead parents."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    dead = subprocess.Popen(["true"])
    dead.wait()
    (tmp / f"vnplan-worker-{dead.pid}-abc" / "lo-profile").mkdir(parents=True)
    (tmp / f"vnplan-worker-{os.getpid()}-live").mkdir()  # this run's: kept
    list(run_batch([H.named(tmp_path, "kh.txt")], light, workers=1))
    assert _ours(tmp) == [f"vnplan-worker-{os.getpid()}-live"]


def test_index_of_an_odd_name_survives_a_truncated_tail(tmp_path: Path) -> None:
    """A killed run's half line after an odd name's record is cut; the record before it stays."""
    archive = tmp_path / "a"
    archive.mkdir()
    odd = H.named(archive, b"\xfe.txt")
    output = tmp_path / "r.jsonl"
    extract_to(archive, str(output), fn=light, workers=0)
    with open(output, "ab") as fh:
        fh.write(b'{"source": {"path": "half')
    index = read_index(str(output), "jsonl")
    assert index.dropped_tail and list(index.hashes) == [odd]
    assert json.loads(output.read_bytes().splitlines()[-1])["source"]["path"] == odd
