"""Issue 12, commands and API: one line for every user-caused failure, no overwritten file, no script run twice.

Each test is named after the failure it caught; inputs are generated in ``tmp_path``.
"""
from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import hostile_files as H
import pytest

import vnplan
from vnplan.cli import main
from vnplan.errors import VnplanError
from vnplan.record import Record

ROOT = H.ROOT
SEED = str(H.SEED)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What vnplan remembers having written lives in this test's folder."""
    monkeypatch.setenv("VNPLAN_CACHE", str(tmp_path / "cache"))


def records_file(tmp_path: Path) -> str:
    """A small records file (two plans), made without extraction."""
    path = tmp_path / "records.jsonl"
    docs = [Record(source={"path": f"kh-{n}.txt"}, doc_type="Kế hoạch", number=str(n), symbol="KH-UBND",
                   issue_year=2025, issuer={"name": "UBND xã Hoà Xá", "level": "commune"}) for n in (12, 34)]
    import json

    path.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("vnplan: lỗi: "), err
    assert "Traceback" not in err
    return lines[0]


# ------------------------------------------------------------------ -o never over a stranger's file

@pytest.mark.parametrize("command", [
    lambda out, rec: ["diff", SEED, SEED, "-o", out],
    lambda out, rec: ["check", SEED, "--against", SEED, "-o", out],
    lambda out, rec: ["graph", rec, "-o", out],
], ids=["diff", "check", "graph"])
def test_output_not_written_by_vnplan_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], command) -> None:
    """Issue 12 §7: graph -o and diff/check -o overwrote any file without asking."""
    out = tmp_path / "bao-cao.html"
    out.write_text("<p>báo cáo của phòng, viết tay</p>", encoding="utf-8")
    assert main(command(str(out), records_file(tmp_path))) == 1
    line = one_error_line(capsys.readouterr().err)
    assert line.endswith("bao-cao.html: đã có và không do vnplan ghi; thêm --force để ghi đè")
    assert out.read_text(encoding="utf-8") == "<p>báo cáo của phòng, viết tay</p>"


def test_extract_to_a_foreign_workbook_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bang-luong.xlsx"
    out.write_bytes(b"PK\x03\x04 bang luong")
    assert main(["extract", SEED, "-o", str(out), "-q", "--workers", "0"]) == 1
    assert one_error_line(capsys.readouterr().err).endswith("đã có và không do vnplan ghi; thêm --force để ghi đè")
    assert out.read_bytes() == b"PK\x03\x04 bang luong"


def test_graph_output_is_replaced_when_ours_or_forced(tmp_path: Path) -> None:
    records = records_file(tmp_path)
    out = tmp_path / "do-thi.csv"
    nodes = tmp_path / "do-thi.nodes.csv"
    nodes.write_text("ghi chú", encoding="utf-8")
    assert main(["graph", records, "-o", str(out)]) == 1  # the nodes file of a CSV export is checked too
    assert main(["graph", records, "-o", str(out), "--force"]) == 0
    assert "kh-12.txt" in nodes.read_text(encoding="utf-8")
    assert main(["graph", records, "-o", str(out)]) == 0  # vnplan's own output: replaced without --force


def test_markdown_diff_is_sanitised_and_forced_over_a_foreign_file(tmp_path: Path) -> None:
    """Issue 12 §5: the Markdown diff passed raw <script> and <iframe srcdoc> through."""
    evil = H.script_plan(tmp_path / "kh-xa.txt")
    out = tmp_path / "so-sanh.md"
    out.write_text("cũ", encoding="utf-8")
    assert main(["diff", SEED, str(evil), "-o", str(out), "--force"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # shown as text …
    for raw in ("<script", "<iframe", "<img", "](javascript:"):
        assert raw not in text  # … never as markup
    assert list(tmp_path.glob(".so-sanh.md.*")) == []  # no temporary file left


def test_full_disk_keeps_the_old_output_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 §8: a full disk gave a traceback (and could leave half a file)."""
    from vnplan.export import outfile

    out = tmp_path / "do-thi.json"
    assert main(["graph", records_file(tmp_path), "-o", str(out)]) == 0
    before = out.read_bytes()
    monkeypatch.setattr(outfile.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    capsys.readouterr()
    with pytest.raises(VnplanError, match=r"không ghi được tệp kết quả \(No space left on device\)"):
        outfile.write_output(out, "mới")
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_full_disk_under_extract_is_one_line_and_no_half_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "a"
    archive.mkdir()
    H.named(archive, "kh-1.txt")
    H.named(archive, "kh-2.txt", "Kế hoạch thứ hai\n")
    out = tmp_path / "r.jsonl"
    real_write = os.write
    calls = {"n": 0}

    def write_then_fill(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] == 2:  # the second record: half of it fits, then the disk is full
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write_then_fill)
    assert main(["extract", str(archive), "-o", str(out), "--workers", "0", "-q"]) == 1
    monkeypatch.undo()
    assert one_error_line(capsys.readouterr().err).endswith("r.jsonl: không ghi được tệp kết quả (No space left on device)")
    assert out.read_bytes().count(b"\n") == 1 and out.read_bytes().endswith(b"\n")  # no half line


def test_full_stdout_is_one_line() -> None:
    """``vnplan read FILE > /dev/full``: one line, exit 1, not a traceback at the interpreter's exit."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "vnplan", "read", SEED, "--timeout", "0"], stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              timeout=120, check=False)
    assert done.returncode == 1
    assert one_error_line(done.stderr) == "vnplan: lỗi: No space left on device"


@pytest.mark.parametrize("command", [
    lambda out: ["extract", SEED, "-o", out, "--workers", "0"],
    lambda out: ["diff", SEED, SEED, "-o", out],
], ids=["extract", "diff"])
def test_unwritable_output_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], command) -> None:
    """Issue 12 §8: a read-only output folder gave a traceback (here a path through a file: ENOTDIR, also as root)."""
    (tmp_path / "tep").write_text("x", encoding="utf-8")
    assert main(command(str(tmp_path / "tep" / "ra.jsonl"))) == 1
    assert "không ghi được tệp kết quả (Not a directory)" in one_error_line(capsys.readouterr().err)


# ------------------------------------------------------------------ vnplan read

def test_unreadable_file_in_read_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 §8: an unreadable file in ``vnplan read`` gave a traceback."""
    path = Path(H.named(tmp_path, "kh.txt"))
    if os.geteuid() == 0:  # root reads any file: fail its opening as it fails for a user
        from vnplan.batch import runner

        def deny(p: str):
            raise PermissionError(errno.EACCES, "Permission denied", p)
        monkeypatch.setattr(runner, "file_digest", deny)
        args = ["read", str(path), "--timeout", "0"]
    else:  # pragma: no cover - depends on the user running the tests
        path.chmod(0)
        args = ["read", str(path)]
    assert main(args) == 1
    assert one_error_line(capsys.readouterr().err).endswith("kh.txt: không mở được tệp (Permission denied)")


def test_memory_error_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 §8: MemoryError gave a traceback, in the reader (an error record) and anywhere else (main)."""
    from vnplan.cli import read_cmd

    monkeypatch.setattr(sys.modules["vnplan.read"], "read", lambda *a, **k: (_ for _ in ()).throw(MemoryError()))
    assert main(["read", SEED, "--timeout", "0"]) == 1
    assert "đọc tệp này cần nhiều bộ nhớ hơn ngân sách của tiến trình" in one_error_line(capsys.readouterr().err)
    monkeypatch.setattr(read_cmd, "run", lambda args: (_ for _ in ()).throw(MemoryError()))
    assert main(["read", SEED]) == 1
    assert one_error_line(capsys.readouterr().err).startswith("vnplan: lỗi: hết bộ nhớ")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("raw", [False, True], ids=["text", "raw"])
def test_ansi_escapes_do_not_reach_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bool) -> None:
    """Issue 12 §9: ANSI escape sequences in a document reached the terminal through ``vnplan read``."""
    path = H.ansi(tmp_path / "mau.txt")
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["read", str(path), "--timeout", "0"] + (["--raw"] if raw else [])) == 0
    shown = screen.getvalue()
    assert "KẾ HOẠCH" in shown and "ĐỎ" in shown
    assert not any(c in shown for c in "\x1b\x07\x9b")


def test_read_keeps_the_text_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not a terminal: ``--raw`` prints the reader's text as it is (a pipe may want every byte)."""
    path = H.ansi(tmp_path / "mau.txt")
    assert main(["read", str(path), "--raw", "--timeout", "0"]) == 0
    assert "\x1b[31m" in capsys.readouterr().out


# ------------------------------------------------------------------ --timeout everywhere, graph isolation

@pytest.mark.parametrize("command", [["extract", SEED], ["read", SEED]], ids=["extract", "read"])
def test_timeout_applies_to_single_file_commands(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """Issue 12 §2: a single-file extract ignored --timeout (a 50-page scan ran 95 s with --timeout 20)."""
    assert main(command + ["--timeout", "0.001"]) == 1
    assert "trích xuất quá thời hạn 0.001 giây" in one_error_line(capsys.readouterr().err)


def test_graph_folder_goes_on_past_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 12 §9: ``vnplan graph FOLDER`` stopped at the first bad file, with no timeout and no isolation."""
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    H.named(folder, "a-kh.txt")
    (folder / "b-hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    H.fifo(folder / "c-ong.txt")
    H.docx(folder / "d-bom.docx", filler_mb=60)
    assert main(["graph", str(folder), "--set-aside", "--timeout", "60"]) == 0
    out = capsys.readouterr().out
    assert "3 đầu vào được để riêng:" in out
    assert "b-hong.pdf: lỗi:" in out and "c-ong.txt: lỗi:" in out and "FIFO" in out
    assert "d-bom.docx: lỗi:" in out and "vượt ngân sách" in out


def test_graph_timeout_sets_the_document_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", SEED, "--set-aside", "--timeout", "0.001"]) == 0
    assert "trích xuất quá thời hạn 0.001 giây" in capsys.readouterr().out


# ------------------------------------------------------------------ API

@pytest.mark.parametrize("verb", ["read", "extract", "load"])
@pytest.mark.parametrize("source", [b"%PDF-1.7 \x00 content", io.BytesIO(b"x"), 42], ids=["bytes", "file", "int"])
def test_api_gives_vnplan_error_for_what_is_not_a_path(verb: str, source) -> None:
    """Issue 12 §9: the API raised a bare TypeError for bytes or a file object."""
    with pytest.raises(VnplanError, match="không phải đường dẫn tệp|cần một đường dẫn tệp"):
        getattr(vnplan, verb)(source)


def test_api_accepts_a_bytes_path() -> None:
    assert vnplan.read(os.fsencode(SEED)).text.startswith("Số:")


@pytest.mark.parametrize("verb", ["read", "extract", "load"])
def test_api_missing_file_is_vnplan_error(tmp_path: Path, verb: str) -> None:
    """Issue 12 §9: ``load`` raised FileNotFoundError rather than a VnplanError."""
    with pytest.raises(VnplanError, match="khong-co.jsonl: không có tệp( hay thư mục)? này"):
        getattr(vnplan, verb)(tmp_path / "khong-co.jsonl")


def test_load_from_a_script_without_main_guard_runs_it_once(tmp_path: Path) -> None:
    """Issue 12 §9: ``vnplan.load(folder)`` from a script without ``if __name__ == "__main__"`` ran the script twice."""
    folder = tmp_path / "kh"
    folder.mkdir()
    H.named(folder, "kh.txt")
    script = tmp_path / "dem.py"
    script.write_text(f"import vnplan\nprint('CHAY', flush=True)\nrecs = vnplan.load({str(folder)!r}, workers=1)\n"
                      "print('XONG', len(recs), flush=True)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split() == ["CHAY", "XONG", "1"], done.stderr[-2000:]

