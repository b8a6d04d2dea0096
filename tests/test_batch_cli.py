"""`vnplan extract` over a generated archive of 2,000 files, killed halfway and resumed."""
from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from vnplan.batch import discover
from vnplan.batch.progress import Progress, Summary
from vnplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "000_28b0c8e4ade0a855.txt"


def _make_archive_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "scripts" / "make_archive.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str, str]]]:
    root = tmp_path_factory.mktemp("batch") / "luu-tru"
    rows = _make_archive_module().make_archive(root, files=2000, pdfs=12)
    return root, rows


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "vnplan", "extract", *args]


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_archive_killed_halfway_and_resumed(archive: tuple[Path, list], tmp_path: Path) -> None:
    root, rows = archive
    expected = list(discover(root))
    assert len(expected) == len(rows) >= 2000
    assert {os.path.relpath(p, root) for p in expected} == {r[0] for r in rows}  # junk files are not picked up
    out = tmp_path / "records.jsonl"
    args = _cmd(str(root), "-o", str(out), "--no-ocr", "--workers", "2", "--timeout", "120")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 300
    while _lines(out) < len(expected) // 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, no clean-up
    proc.wait()
    done_before = _lines(out)
    assert 0 < done_before < len(expected)
    with open(out, "ab") as fh:  # as if the kill had cut a record in the middle
        fh.write(b'{"source": {"path": "' + str(root).encode() + b'/2025/ubnd-xa/000')

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 1  # the archive holds bad files
    assert "\r" not in rerun.stderr  # no progress bar when stderr is not a terminal
    summary = rerun.stderr.strip().splitlines()[-1]
    assert f"{len(expected)} files:" in summary and "already recorded" in summary

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    paths = Counter(r["source"]["path"] for r in records)
    assert sorted(paths) == sorted(expected) and set(paths.values()) == {1}  # exactly one record per file
    assert all(len(r["source"]["sha256"]) == 64 for r in records)

    by_path = {os.path.relpath(r["source"]["path"], root): r for r in records}
    expected_errors = {"empty": "EmptyFileError", "blank-text": "EmptyFileError", "corrupt-docx": "CorruptFileError",
                       "binary": "UnsupportedFormatError", "wrong-ext-text-as-pdf": "WrongExtensionError",
                       "wrong-ext-pdf-as-docx": "WrongExtensionError", "wrong-ext-docx-as-txt": "WrongExtensionError",
                       "encrypted": "EncryptedFileError"}
    for rel, kind, _src in rows:
        rec = by_path[rel]
        if kind in expected_errors:
            assert rec.get("error") == expected_errors[kind], (rel, rec.get("message"))
        if kind == "corrupt-pdf":
            assert "error" in rec and rec["message"].startswith(rec["source"]["path"])
    # copies of one text are recognised as such
    copies = [by_path[rel] for rel, kind, _ in rows if kind == "copy-text"]
    assert sum(r["source"].get("duplicate_by") == "content" for r in copies) >= len(copies) - 40

    again = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert f"{len(expected)} already recorded" in again.stderr
    assert _lines(out) == len(expected)


def test_single_file_prints_its_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "rong.docx"
    bad.write_bytes(b"")
    assert main(["extract", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"vnplan: error: {bad}: the file is empty (0 bytes)"
    assert captured.out == ""


def test_folder_to_stdout_and_csv(tmp_path: Path) -> None:
    folder = tmp_path / "den"
    folder.mkdir()
    (folder / "rong.txt").write_bytes(b"")
    (folder / "nhi-phan.pdf").write_bytes(os.urandom(300))
    (folder / "ghi-chu.xlsx").write_bytes(b"x")
    run = subprocess.run(_cmd(str(folder), "--workers", "1", "--quiet"), capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1 and run.stderr == ""
    recs = [json.loads(line) for line in run.stdout.splitlines()]
    assert [Path(r["source"]["path"]).name for r in recs] == ["nhi-phan.pdf", "rong.txt"]
    out = tmp_path / "r.csv"
    run = subprocess.run(_cmd(str(folder), "-o", str(out), "--workers", "0", "--exclude", "rong*"),
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1 and "1 files: 0 extracted, 1 failed (UnsupportedFormatError 1)" in run.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") == 2


def test_refuses_foreign_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "ghi-chu.jsonl"
    notes.write_text("không phải bản ghi\n", encoding="utf-8")
    assert main(["extract", str(SEED.parent), "-o", str(notes), "--workers", "0"]) == 1
    assert "not a vnplan records file" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "không phải bản ghi\n"


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(stream=stream, enabled=True)
    bar.total = 10
    bar.start -= 2.0
    for i in range(4):
        bar.update(failed="CorruptFileError" if i == 1 else None)
    bar.close()
    last = stream.getvalue().split("\r")[-1]
    assert "4/10" in last and "failed 1" in last and "files/s" in last and "ETA" in last
    quiet = io.StringIO()
    silent = Progress(stream=quiet, enabled=False)
    silent.update()
    silent.close()
    assert quiet.getvalue() == ""


def test_summary_line() -> None:
    s = Summary(total=5, extracted=3, failed=1, skipped=1, skipped_failed=1, duplicates=2,
                errors={"EmptyFileError": 1}, elapsed=2.0)
    assert str(s) == ("5 files: 3 extracted, 1 failed (EmptyFileError 1), 1 already recorded (1 of them failed "
                      "earlier), 2 duplicates; 2.0 s, 2.0 files/s")
    assert not s.ok and Summary(total=1, extracted=1).ok
