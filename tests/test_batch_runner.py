"""Batch runner: one record per file whatever happens to the file or its worker."""
from __future__ import annotations

import functools
import os
import pickle
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from vnplan.batch import ErrorRecord, extract_many, process_file
from vnplan.batch.runner import run_batch
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
DOCX = ROOT / "corpus" / "real" / "007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx"
PDF = ROOT / "corpus" / "real" / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf"


def light_extract(path: str) -> Record:
    """A cheap per-file function: the real reader dispatch (sniffing, errors), no field extraction."""
    from vnplan.read import read_raw

    raw = read_raw(path, ocr=False)
    first = next((b.text for b in raw.blocks if b.text.strip()), None)
    return Record(source={"path": path, "format": raw.format}, title=first)


def slow_on_treo(path: str) -> Record:
    if "treo" in os.path.basename(path):
        time.sleep(60)
    return light_extract(path)


def exit_on_sap(path: str) -> Record:
    if "sap" in os.path.basename(path):
        os._exit(3)
    return light_extract(path)


def kill_on_sap(path: str) -> Record:
    if "sap" in os.path.basename(path):
        os.kill(os.getpid(), signal.SIGKILL)
    return light_extract(path)


def raise_on_loi(path: str) -> Record:
    if "loi" in os.path.basename(path):
        raise KeyError("trường không có")
    return light_extract(path)


def _seed_copies(tmp_path: Path, names: list[str]) -> list[str]:
    out = []
    for i, name in enumerate(names):
        p = tmp_path / name
        # distinct content per file, so no result is re-used from a copy
        p.write_bytes(SEEDS[i % len(SEEDS)].read_bytes() + f"\nBản số {i}\n".encode())
        out.append(str(p))
    return out


BAD_FILES = [
    # (name, content maker, expected error class)
    ("rong.pdf", lambda: b"", "EmptyFileError"),
    ("rong.txt", lambda: b"", "EmptyFileError"),
    ("trang.md", lambda: b"  \n\n \t\n", "EmptyFileError"),
    ("hong.docx", lambda: b"PK\x03\x04" + os.urandom(500), "CorruptFileError"),
    ("nhi-phan.txt", lambda: bytes(range(256)) * 8, "UnsupportedFormatError"),
    ("van-ban.pdf", lambda: SEEDS[0].read_bytes(), "WrongExtensionError"),
    ("pdf-ten-docx.docx", lambda: PDF.read_bytes(), "WrongExtensionError"),
    ("docx-ten-txt.txt", lambda: DOCX.read_bytes(), "WrongExtensionError"),
]


@pytest.mark.parametrize("name,make,error", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_error_record(tmp_path: Path, name: str, make, error: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(make())
    good = _seed_copies(tmp_path, ["tot.txt"])
    recs = list(extract_many([str(bad), *good], workers=1))
    assert [type(r) for r in recs] == [ErrorRecord, Record]
    err = recs[0]
    assert err.error == error
    assert err.message.startswith(str(bad)) and "\n" not in err.message
    assert err.source["path"] == str(bad) and err.source["size"] == bad.stat().st_size
    assert len(err.source["sha256"]) == 64
    assert err.to_dict().keys() == {"source", "error", "message"}


def test_encrypted_pdf(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(PDF))
    writer.encrypt(user_password="matkhau")
    enc = tmp_path / "mat-khau.pdf"
    with open(enc, "wb") as fh:
        writer.write(fh)
    rec = process_file(str(enc))
    assert rec["error"] == "EncryptedFileError"
    assert rec["message"].startswith(str(enc))


def test_hanging_file_times_out_and_batch_goes_on(tmp_path: Path) -> None:
    paths = _seed_copies(tmp_path, ["a.txt", "treo.txt", "b.txt", "c.txt"])
    t0 = time.monotonic()
    recs = list(extract_many(paths, slow_on_treo, workers=2, timeout=2))
    assert time.monotonic() - t0 < 50  # the 60 s sleep was cut short
    assert [getattr(r, "error", None) for r in recs] == [None, "ExtractTimeoutError", None, None]
    assert [r.source["path"] for r in recs] == paths
    assert "quá thời hạn 2 giây" in recs[1].message and len(recs[1].source["sha256"]) == 64


@pytest.mark.parametrize("fn,detail", [(exit_on_sap, "exit code 3"), (kill_on_sap, "SIGKILL")])
def test_worker_crash_gives_error_record(tmp_path: Path, fn, detail: str) -> None:
    paths = _seed_copies(tmp_path, ["a.txt", "sap-1.txt", "b.txt", "sap-2.txt", "c.txt"])
    recs = list(extract_many(paths, fn, workers=2, timeout=30))
    errors = [getattr(r, "error", None) for r in recs]
    assert errors == [None, "WorkerCrashedError", None, "WorkerCrashedError", None]
    assert detail in recs[1].message and recs[1].message.startswith(paths[1])


def test_exception_in_function_is_an_error_record(tmp_path: Path) -> None:
    paths = _seed_copies(tmp_path, ["loi.txt", "a.txt"])
    recs = list(extract_many(paths, raise_on_loi, workers=1))
    assert recs[0].error == "KeyError" and "trường không có" in recs[0].message
    assert isinstance(recs[1], Record)


def test_output_order_is_input_order(tmp_path: Path) -> None:
    paths = _seed_copies(tmp_path, [f"{i:03d}.txt" for i in range(40)])
    shuffled = paths[::-1]
    got = [rec["source"]["path"] for _, rec in run_batch(shuffled, light_extract, workers=2, window=4)]
    assert got == shuffled


def test_known_hash_is_skipped_and_changed_file_is_not(tmp_path: Path) -> None:
    a, b = _seed_copies(tmp_path, ["a.txt", "b.txt"])
    first = dict(run_batch([a, b], light_extract, workers=0))
    known = {p: r["source"]["sha256"] for p, r in first.items()}
    Path(b).write_text("KẾ HOẠCH\nĐã sửa", encoding="utf-8")
    again = dict(run_batch([a, b], light_extract, workers=1, known=known))
    assert again[a] is None
    assert again[b] is not None and again[b]["source"]["sha256"] != known[b]


calls: list[str] = []


def counting_extract(path: str) -> Record:
    calls.append(path)
    return light_extract(path)


def test_copies_are_not_re_extracted(tmp_path: Path) -> None:
    calls.clear()
    src = tmp_path / "goc.txt"
    shutil.copyfile(SEEDS[0], src)
    copies = [tmp_path / f"ban-sao-{i}.txt" for i in range(5)]
    for c in copies:
        shutil.copyfile(SEEDS[0], c)
    md = tmp_path / "ban-sao.md"
    shutil.copyfile(SEEDS[0], md)
    out = dict(run_batch([str(src), *map(str, copies), str(md)], counting_extract, workers=0))
    assert calls == [str(src), str(md)]  # one call per (content, extension)
    for c in copies:
        assert out[str(c)]["source"]["path"] == str(c)
        assert out[str(c)]["title"] == out[str(src)]["title"]
    no_reuse = list(run_batch([str(src), str(copies[0])], counting_extract, workers=0, reuse_copies=False))
    assert len(calls) == 4 and len(no_reuse) == 2


def test_process_file_is_pure_and_picklable(tmp_path: Path) -> None:
    (path,) = _seed_copies(tmp_path, ["a.txt"])
    fn = functools.partial(process_file, fn=light_extract)
    again = pickle.loads(pickle.dumps(fn))
    assert again(path) == fn(path)
    rec = process_file(str(tmp_path / "khong-co.txt"))
    assert rec["error"] == "VnplanError" and "không mở được tệp" in rec["message"]


def test_worker_recycling_keeps_going(tmp_path: Path) -> None:
    paths = _seed_copies(tmp_path, [f"{i}.txt" for i in range(9)])
    recs = [r for _, r in run_batch(paths, light_extract, workers=2, max_tasks_per_worker=2)]
    assert [r["source"]["path"] for r in recs] == paths and not any("error" in r for r in recs)


# ---------------------------------------------------------------- legacy .doc

def test_doc_without_libreoffice_has_a_clear_skip_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNPLAN_SOFFICE", "none")
    doc = tmp_path / "cong-van.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    rec = process_file(str(doc), light_extract)
    assert rec["error"] == "UnsupportedFormatError"
    assert "LibreOffice" in rec["message"] and rec["message"].startswith(str(doc))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    src = tmp_path / "ke-hoach.docx"
    shutil.copyfile(DOCX, src)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(src)],
                   check=True, capture_output=True, timeout=120)
    doc = tmp_path / "doc" / "ke-hoach.doc"
    rec = process_file(str(doc), light_extract)
    assert "error" not in rec, rec.get("message")
    assert rec["source"]["path"] == str(doc) and rec["source"]["format"] == "docx"
    assert "converted from .doc with LibreOffice" in rec["warnings"]
    assert rec["title"]


def test_unpicklable_function_is_a_clear_error(tmp_path: Path) -> None:
    from vnplan.errors import VnplanError

    paths = _seed_copies(tmp_path, ["a.txt"])
    with pytest.raises(VnplanError, match="hàm cấp module"):
        list(extract_many(paths, lambda p: light_extract(p), workers=1))
    assert [r.source["path"] for r in extract_many(paths, lambda p: light_extract(p), workers=0)] == paths
