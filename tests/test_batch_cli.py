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
from vnplan.i18n import use_lang

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
    assert f"vnplan: {len(expected)} tệp:" in rerun.stderr and "đã có từ trước" in rerun.stderr  # Vietnamese by default

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
    assert f"{len(expected)} đã có từ trước" in again.stderr
    assert _lines(out) == len(expected)


def test_single_file_prints_its_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "rong.docx"
    bad.write_bytes(b"")
    assert main(["extract", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"vnplan: lỗi: {bad}: tệp rỗng (0 byte)"
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
    assert run.returncode == 1 and "1 tệp: 0 đã trích xuất, 1 lỗi" in run.stderr
    assert "lỗi: UnsupportedFormatError 1" in run.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") == 2


def test_refuses_foreign_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "ghi-chu.jsonl"
    notes.write_text("không phải bản ghi\n", encoding="utf-8")
    assert main(["extract", str(SEED.parent), "-o", str(notes), "--workers", "0"]) == 1
    assert "không phải tệp bản ghi vnplan" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "không phải bản ghi\n"


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(stream=stream, enabled=True)
    bar.total = 10
    bar.start -= 2.0
    with use_lang("vi"):
        for i in range(4):
            bar.update(failed="CorruptFileError" if i == 1 else None, path=f"luu-tru/kh-{i}-ubnd-tinh-lao-cai.pdf")
        bar.close()
    last = stream.getvalue().split("\r")[-1]
    assert "4/10" in last and "lỗi 1" in last and "tệp/s" in last and "còn " in last
    assert last.split("  ")[-1].startswith("kh-3") and "lao-cai.pdf" in last  # the file just finished
    quiet = io.StringIO()
    silent = Progress(stream=quiet, enabled=False)
    silent.update()
    silent.close()
    assert quiet.getvalue() == ""


def test_progress_line_fits_the_terminal_and_names_the_file() -> None:
    bar = Progress(stream=io.StringIO(), enabled=False)
    bar.total = 20480
    bar.done = 11204
    bar.start -= 293.0
    bar.current = "luu-tru/2025/so-noi-vu/ke-hoach-so-173-kh-ubnd-festival-thang-long-ha-noi-lan-thu-ii-2026.pdf"
    with use_lang("en"):
        line = bar.line(columns=80)
    text = line.removeprefix("\r").removesuffix("\x1b[K")
    assert len(text) <= 79 and "11204/20480" in text and "ETA" in text
    assert text.endswith("2026.pdf") and "…" in text  # cut in the middle: the name's end stays


def test_eta_from_a_moving_average() -> None:
    """Files that got faster: the rate (and so the ETA) follows the last files, not the run's average."""
    bar = Progress(stream=io.StringIO(), enabled=False)
    bar.total = 200
    bar.start = 0.0
    bar.done = 100
    bar._recent.extend(1000.0 + i * 0.1 for i in range(50))  # the last 50 files: 10 files/s; overall 0.1 file/s
    assert abs(bar.rate(now=1004.9) - 10.0) < 0.01
    with use_lang("en"):
        assert "ETA 10s" in bar.line(now=1004.9, columns=120)


def test_summary_line() -> None:
    s = Summary(total=5, extracted=3, failed=1, skipped=1, skipped_failed=1, duplicates=2,
                errors={"EmptyFileError": 1}, elapsed=2.0)
    with use_lang("en"):
        assert s.lines() == ["5 files: 3 extracted, 1 failed, 1 already recorded, 2 duplicates; 2s,",
                             "  2.0 files/s",
                             "  failed: EmptyFileError 1",
                             "  1 already recorded files had failed (--retry-errors tries them again)"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_fits_in_80_columns(lang: str) -> None:
    s = Summary(total=204800, extracted=203110, failed=1690, skipped=120000, skipped_failed=12, duplicates=61200,
                errors={"CorruptFileError": 800, "EmptyFileError": 520, "WrongExtensionError": 300,
                        "ExtractTimeoutError": 70}, elapsed=536.0,
                output="/data/luu-tru/2025/ket-qua/records-toan-bo-kho-luu-tru-so-noi-vu-lam-dong.jsonl")
    with use_lang(lang):
        lines = f"vnplan: {s}".splitlines()
    assert all(len(line) <= 80 for line in lines) and len(lines) >= 3
    text = " ".join(lines)
    assert all(str(n) in text for n in (204800, 203110, 1690, 120000, 61200, 800, 520, 300, 70))
    assert not any(line.rstrip().endswith(("204800", "61200", "→")) for line in lines)  # a number keeps its word
    assert not s.ok and Summary(total=1, extracted=1).ok
