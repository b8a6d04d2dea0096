"""Records files: formats, resuming, truncated lines, refusing foreign files, DataFrames."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from vnplan.batch import extract_to, iter_records, to_dataframe
from vnplan.export.records import FLAT_COLUMNS, flatten, journal_path, read_index, unflatten
from vnplan.errors import VnplanError
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def light_extract(path: str) -> Record:
    """Reader dispatch only (real errors for bad files), plus a few fields for the flat columns."""
    from vnplan.read import read_raw

    raw = read_raw(path, ocr=False)
    lines = [b.text for b in raw.blocks if b.text.strip()]
    return Record(source={"path": path, "format": raw.format}, title=lines[0] if lines else None,
                  issue_year=2025, recipients=lines[1:3], issuer={"name": "UBND xã Hoà Xá", "level": "commune",
                                                                  "parent": None})


interrupt_after: list[int] = []


def interrupting_extract(path: str) -> Record:
    if interrupt_after and os.path.basename(path) == f"{interrupt_after[0]:02d}.txt":
        raise KeyboardInterrupt
    return light_extract(path)


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "luu-tru"
    for i in range(12):
        sub = root / ("2024" if i % 2 else "2025/đến")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:02d}.txt").write_bytes(SEEDS[i % len(SEEDS)].read_bytes() + f"\nBản {i}\n".encode())
    (root / "2024" / "rong.txt").write_bytes(b"")
    return root


def _paths(output: Path) -> list[str]:
    return [r["source"]["path"] for r in iter_records(output)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_formats_round_trip_and_resume(archive: Path, tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"records.{fmt}"
    s1 = extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert (s1.total, s1.extracted, s1.failed) == (13, 12, 1) and not s1.ok
    assert s1.errors == {"EmptyFileError": 1}
    recs = list(iter_records(out))
    assert len(recs) == 13 and len({r["source"]["path"] for r in recs}) == 13
    ok = next(r for r in recs if "error" not in r)
    assert ok["issuer"]["name"] == "UBND xã Hoà Xá" and ok["issue_year"] == 2025 and isinstance(ok["recipients"], list)
    assert len(ok["source"]["sha256"]) == 64 and ok["source"]["size"] > 0
    err = next(r for r in recs if "error" in r)
    assert err["error"] == "EmptyFileError" and err["source"]["path"].endswith("rong.txt")
    if fmt == "parquet":
        assert not os.path.exists(journal_path(str(out)))
    # re-run: nothing new
    s2 = extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert (s2.skipped, s2.extracted, s2.failed, s2.skipped_failed) == (13, 0, 0, 1)
    assert len(list(iter_records(out))) == 13
    # a changed file and a new file: re-extracted / added, old record replaced
    changed = archive / "2024" / "01.txt"
    changed.write_text("KẾ HOẠCH\nNội dung mới", encoding="utf-8")
    (archive / "2024" / "moi.md").write_bytes(SEEDS[0].read_bytes())
    s3 = extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert (s3.extracted, s3.skipped) == (2, 12)
    recs = list(iter_records(out))
    paths = [r["source"]["path"] for r in recs]
    assert len(paths) == 14 and len(set(paths)) == 14
    assert next(r for r in recs if r["source"]["path"] == str(changed))["title"] == "KẾ HOẠCH"
    # --force: everything again, file rewritten
    s4 = extract_to([str(archive)], str(out), fn=light_extract, workers=0, force=True)
    assert (s4.extracted, s4.skipped) == (13, 0) and len(list(iter_records(out))) == 14


def test_truncated_last_line_is_dropped_and_rewritten(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    lines = out.read_bytes().splitlines(keepends=True)
    lost = json.loads(lines[-1])["source"]["path"]
    out.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])  # a kill mid-write
    s = extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert s.skipped == 12 and s.extracted + s.failed == 1
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    recs = [json.loads(line) for line in text.splitlines()]  # every line is whole JSON
    assert sorted(r["source"]["path"] for r in recs) == sorted(_paths(out)) and len(recs) == 13
    assert recs[-1]["source"]["path"] == lost


def test_index_tolerates_a_broken_middle_line(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    good = json.dumps({"source": {"path": "a.txt", "sha256": "ab"}})
    out.write_text(good + "\n{broken\n" + good.replace("a.txt", "b.txt") + "\n", encoding="utf-8")
    index = read_index(str(out), "jsonl")
    assert set(index.hashes) == {"a.txt", "b.txt"} and len(index.problems) == 1
    assert out.read_text(encoding="utf-8").count("\n") == 3  # nothing removed


@pytest.mark.parametrize("fmt,content", [
    ("jsonl", "ghi chú của tôi\n"),
    ("jsonl", "chưa xuống dòng"),
    ("jsonl", '{"khác": 1}\n'),
    ("csv", "họ tên,điểm\nAn,9\n"),
])
def test_foreign_output_is_refused_not_overwritten(archive: Path, tmp_path: Path, fmt: str, content: str) -> None:
    out = tmp_path / f"ghi-chu.{fmt}"
    out.write_text(content, encoding="utf-8")
    with pytest.raises(VnplanError, match="không phải tệp bản ghi vnplan"):
        extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert out.read_text(encoding="utf-8") == content
    extract_to([str(archive)], str(out), fn=light_extract, workers=0, force=True)
    assert len(list(iter_records(out))) == 13


def test_retry_errors_re_extracts_failed_files_only(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    (archive / "2024" / "rong.txt").write_bytes(b"")  # still empty, same hash
    s = extract_to([str(archive)], str(out), fn=light_extract, workers=0, retry_errors=True)
    assert (s.skipped, s.failed) == (12, 1)
    assert len(list(iter_records(out))) == 13


def test_parquet_interrupted_run_resumes_from_journal(archive: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "records.parquet"
    interrupt_after[:] = [6]
    with pytest.raises(KeyboardInterrupt):
        extract_to([str(archive)], str(out), fn=interrupting_extract, workers=0)
    assert not out.exists() and os.path.exists(journal_path(str(out)))
    interrupt_after.clear()
    s = extract_to([str(archive)], str(out), fn=interrupting_extract, workers=0)
    assert s.skipped > 0 and s.skipped + s.extracted + s.failed == 13
    assert sorted(_paths(out)) == sorted(set(_paths(out))) and len(_paths(out)) == 13


def test_csv_is_flat_one_line_per_row(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 Vietnamese correctly
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == FLAT_COLUMNS and len(lines) == 14
    import pandas as pd

    df = pd.read_csv(out, encoding="utf-8-sig")
    assert json.loads(df["recipients"].dropna().iloc[0]) and df["issue_year"].dropna().iloc[0] == 2025


def test_flatten_unflatten_round_trip() -> None:
    rec = Record(source={"path": "kh.txt", "sha256": "ab", "size": 3}, doc_type="Kế hoạch", number="173",
                 symbol="KH-UBND", issue_year=2025, signer={"name": "Nguyễn Văn A", "title": "Chủ tịch",
                                                            "authority": ["TM. Ủy ban nhân dân"]},
                 recipients=["Như trên", "Lưu: VT"]).to_dict()
    back = unflatten(flatten(rec))
    for key in ("doc_type", "number", "symbol", "issue_year", "signer", "recipients"):
        assert back[key] == rec[key]


def test_to_dataframe_from_records_and_files(archive: Path, tmp_path: Path) -> None:
    from vnplan.batch import extract_many

    recs = list(extract_many([str(archive)], light_extract, workers=0))
    df = to_dataframe(recs)
    assert len(df) == 13 and list(df.columns) == FLAT_COLUMNS
    assert df["error"].notna().sum() == 1 and str(df["issue_year"].dtype) == "Int64"
    assert isinstance(df.loc[0, "recipients"], list)
    out = tmp_path / "r.jsonl"
    extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert to_dataframe(out)["path"].tolist() == df["path"].tolist()


def test_stdout_output(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = extract_to([str(archive / "2024")], "-", fn=light_extract, workers=0)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == s.total == 7 and all(json.loads(line)["source"]["path"] for line in lines)


def test_copy_moved_in_archive_is_resumed_by_path_and_hash(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    shutil.copyfile(archive / "2024" / "01.txt", archive / "2024" / "01-ban-sao.txt")
    s = extract_to([str(archive)], str(out), fn=light_extract, workers=0)
    assert (s.extracted, s.duplicates) == (1, 1)
    last = list(iter_records(out))[-1]
    assert last["source"]["duplicate_of"].endswith("01.txt") and last["source"]["duplicate_by"] == "content"


def test_output_inside_the_archive_is_not_an_input(archive: Path) -> None:
    out = archive / "ket-qua.txt"  # a .txt name: discovery would pick it up
    extract_to([str(archive)], str(out), format="jsonl", fn=light_extract, workers=0)
    s = extract_to([str(archive)], str(out), format="jsonl", fn=light_extract, workers=0)
    assert s.total == 13 and str(out) not in _paths(out)


def test_output_folder_is_refused(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(VnplanError, match="là một thư mục"):
        extract_to([str(archive)], str(tmp_path), fn=light_extract, workers=0)
