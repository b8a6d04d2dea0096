"""Honest verdicts (pass / fail / inconclusive), warnings for a wrong-looking pair, evidence with pages,
document headings, one table for many local plans, and the CLI around them (issue 16)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnplan.cli import main
from vnplan.compare import check, check_many, compare
from vnplan.compare.evidence import heading
from vnplan.i18n import use_lang
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD, REAL, SEEDS = ROOT / "corpus" / "gold", ROOT / "corpus" / "real", ROOT / "corpus" / "seeds"
SONLA, HOAXA = "003_ccd8d4cb88100caa.txt", "000_28b0c8e4ade0a855.txt"
THANHHOA, THANHOAI = "004_1d908d2fd900364c.txt", "002_968b6796712df7a0.txt"
QD1050, KH1105 = "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf", "012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf"
HANOI = "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"


def gold(name: str) -> Record:
    data = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return Record.from_dict({**data, "source": {"path": data["file"]}})


@pytest.fixture(scope="module")
def pdf_pair() -> tuple[Record, Record]:
    from vnplan import extract

    return extract(REAL / QD1050), extract(REAL / KH1105)


# --- verdict rules ------------------------------------------------------------------------------------------

def test_central_to_local_pair_with_nothing_to_check_is_inconclusive_not_pass() -> None:
    """Regression: QĐ 1050 → KH 1105 passed with three checks n/a and coverage n/a."""
    report = check(gold(QD1050), gold(KH1105))
    assert [c.status for c in report.checks].count("n/a") == 3 and report.coverage.ratio is None
    assert report.verdict == "inconclusive" and report.exit_code == 4 and not report.passed
    assert "quá ít căn cứ" in report.reasons[0]


@pytest.mark.parametrize("side", ["template", "local"])
def test_error_record_on_either_side_is_inconclusive(side: str) -> None:
    error = {"path": "hong.pdf", "error": "CorruptFileError", "message": "not a PDF"}
    pair = (error, gold(HOAXA)) if side == "template" else (gold(SONLA), error)
    report = check(*pair)
    assert report.verdict == "inconclusive" and "hong.pdf" in report.reasons[0] and "not a PDF" in report.reasons[0]


def test_empty_record_is_inconclusive() -> None:
    assert check(gold(SONLA), {"file": "trong.txt"}).verdict == "inconclusive"


def test_unreadable_file_is_inconclusive_and_a_missing_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 rubbish")
    assert check(GOLD / f"{SONLA}.json", bad).verdict == "inconclusive"
    assert main(["check", str(tmp_path / "khong-co.pdf"), "--against", str(GOLD / f"{SONLA}.json")]) == 1


def test_document_against_itself_is_inconclusive() -> None:
    assert check(gold(SONLA), gold(SONLA)).verdict == "inconclusive"
    assert check(SEEDS / SONLA, GOLD / f"{SONLA}.json").verdict != "pass"  # same plan, file and record


def test_swapped_pair_warns_instead_of_silently_failing() -> None:
    """Regression: swapping template and local gave 'FAIL, coverage 100%' with no hint of the swap."""
    report = check(gold(HOAXA), gold(SONLA))
    assert report.coverage.ratio == 1.0
    assert any("đảo ngược" in w for w in report.warnings)
    assert not check(gold(SONLA), gold(HOAXA)).warnings


def test_unrelated_pair_warns() -> None:
    report = check(gold(HANOI), gold("022_kh-115-snnmt-gialai-thuc-hien-chi-thi-7883-bnnmt.pdf"))
    assert any("không cùng chủ đề" in w for w in report.warnings)


def test_true_pair_passes_and_a_real_mismatch_fails() -> None:
    assert check(gold(SONLA), gold(HOAXA)).verdict == "pass"
    assert check(gold(THANHHOA), gold(THANHOAI)).verdict == "fail"


def test_api_argument_order_agrees_with_diff_and_accepts_against() -> None:
    a = check(gold(SONLA), gold(HOAXA))
    b = check(gold(HOAXA), against=gold(SONLA))
    c = compare(gold(SONLA), gold(HOAXA))
    assert a.verdict == b.verdict == c.verdict == "pass"
    assert a.diff.template.source == c.template.source == b.diff.template.source
    with pytest.raises(TypeError):
        check(gold(SONLA), gold(HOAXA), against=gold(SONLA))


@pytest.mark.parametrize("local, template, code", [(HOAXA, SONLA, 0), (THANHOAI, THANHHOA, 3), (KH1105, QD1050, 4)])
def test_check_cli_exit_codes(local: str, template: str, code: int) -> None:
    assert main(["check", "--against", str(GOLD / f"{template}.json"), str(GOLD / f"{local}.json")]) == code


# --- evidence and headings ----------------------------------------------------------------------------------

def test_heading_names_the_document_not_the_file() -> None:
    from vnplan import extract

    assert heading(extract(REAL / HANOI)) == "KH 173/KH-UBND · UBND TP Hà Nội · 28/4/2026"


def test_every_check_and_coverage_row_shows_sentence_and_page(pdf_pair: tuple[Record, Record]) -> None:
    report = check(*pdf_pair)
    cite = next(c for c in report.checks if c.name == "citation")
    local = next(s for s in cite.evidence["sources"] if s["side"] == "local")
    assert local["text"].startswith("Quyết định số 1050/QĐ-SCT ngày 06/3/2026") and local["page"] == 1
    text, md, page = report.to_text(), report.to_markdown(), report.to_html()
    for out in (text, md, page):
        assert "Quyết định số 1050/QĐ-SCT ngày 06/3/2026" in out and "tr. 1" in out
        assert "QĐ 1050/QĐ-SCT · Sở Công thương · 6/3/2026" in out
        assert QD1050 not in out.split("\n", 3)[0]
    diff = compare(gold(SONLA), gold(HOAXA))
    for out in (diff.to_text(), diff.to_markdown(), diff.to_html()):
        assert "Báo cáo kết quả tổ chức Tuần lễ" in out  # the deadline sentence behind the deadlines check
        assert "Tổ chức Lễ khai mạc Tuần lễ với chủ đề" in out  # the local sentence that covers activity 1


def test_coverage_rows_carry_pages_of_both_sides() -> None:
    from vnplan import extract

    report = check(extract(REAL / "050_kh-153-ubnd-tp-cantho-ctmtqg-phong-chong-ma-tuy.md.txt"),
                   extract(REAL / "070_kh-ubnd-tinh-lamdong-trien-khai-ctmtqg-phong-chong-ma-tuy-du-thao.docx"))
    df = report.to_dataframe()
    rows = df[df["kind"] == "coverage"]
    assert len(rows) == len(report.coverage.items) and rows["template_text"].notna().all()


@pytest.mark.parametrize("ext, marker", [(".html", "<!DOCTYPE html>"), (".md", "# Kiểm tra tuân thủ"),
                                         (".json", '"verdict"'), (".txt", "Kết luận:")])
def test_output_format_follows_the_extension(ext: str, marker: str, tmp_path: Path) -> None:
    out = tmp_path / f"bao-cao{ext}"
    main(["check", str(GOLD / f"{HOAXA}.json"), "--against", str(GOLD / f"{SONLA}.json"), "-o", str(out)])
    assert out.read_text(encoding="utf-8").lstrip().startswith(marker) or marker in out.read_text(encoding="utf-8")
    if ext == ".html":
        assert "Kết luận:" not in out.read_text(encoding="utf-8").split("<body>")[0]  # not plain text in .html


# --- many local plans against one template ----------------------------------------------------------------

@pytest.fixture()
def localities(tmp_path: Path) -> Path:
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for name in (HOAXA, THANHOAI):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "README.md").write_text("# Kế hoạch của các xã\nGhi chú về thư mục.\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("nguồn: …\n", encoding="utf-8")
    return folder


def test_many_locals_folder_gives_one_table_and_skips_notes(localities: Path) -> None:
    table = check_many(SEEDS / SONLA, [localities])
    df = table.to_dataframe()
    assert [Path(p).name for p in df["path"]] == [HOAXA, THANHOAI]  # README.md and SOURCES.md skipped
    assert df["verdict"].tolist() == ["pass", "fail"] and df["coverage"].dtype == "float64"
    assert df.loc[0, "coverage"] == pytest.approx(0.857, abs=0.001) and df.loc[0, "missing"] == 1
    assert "Tổ chức các cuộc thi" in df.loc[0, "missing_activities"]
    assert table.exit_code == 3


@pytest.mark.parametrize("ext", [".csv", ".xlsx", ".html"])
def test_check_cli_many_locals_writes_the_table(ext: str, localities: Path, tmp_path: Path) -> None:
    out = tmp_path / f"bang{ext}"
    code = main(["check", "--against", str(SEEDS / SONLA), str(localities), "-o", str(out)])
    assert code == 3
    if ext == ".xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(out).active
        assert ws.freeze_panes == "A2" and ws["E1"].value == "verdict" and ws["E2"].value == "pass"
        assert ws.column_dimensions["B"].width > 20
    else:
        text = out.read_text(encoding="utf-8-sig")
        assert HOAXA in text and THANHOAI in text and "README" not in text


def test_diff_and_report_to_dataframe() -> None:
    diff = compare(gold(SONLA), gold(HOAXA))
    df = diff.to_dataframe()
    assert len(df) == len(diff.activities) and df["similarity"].dtype == "float64"
    assert df["template_index"].dtype == "Int64" and set(df["status"]) <= {"kept", "modified", "dropped", "added"}
    rep = check(gold(SONLA), gold(HOAXA)).to_dataframe()
    assert set(rep["kind"]) == {"check", "coverage"} and (rep["verdict"] == "pass").all()


# --- language --------------------------------------------------------------------------------------------

def test_vietnamese_by_default_english_on_request(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VNPLAN_LANG", raising=False)
    args = ["check", str(GOLD / f"{HOAXA}.json"), "--against", str(GOLD / f"{SONLA}.json")]
    main(args)
    vi = capsys.readouterr().out
    assert "Kết luận: ĐẠT" in vi and "đã bao phủ" in vi
    for english in ("PASS", "covered", "template", "Verdict", "n/a", "(province)"):
        assert english not in vi
    main(["--lang", "en", *args])
    assert "Verdict: PASS" in capsys.readouterr().out
    monkeypatch.setenv("VNPLAN_LANG", "en")
    main(args)
    assert "Verdict: PASS" in capsys.readouterr().out
    with use_lang("vi"):
        assert "Kết luận" in check(gold(SONLA), gold(HOAXA)).to_text()


def test_cli_error_does_not_suggest_a_python_only_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    english = tmp_path / "english.txt"
    english.write_text("This is an English memo about the budget of the year. " * 20, encoding="utf-8")
    assert main(["read", str(english)]) == 1
    err = capsys.readouterr().err
    assert "english.txt" in err and "require_vietnamese" not in err and "=False" not in err


def test_every_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("read", "extract", "diff", "check"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "ví dụ:" in out and f"vnplan {command}" in out  # Vietnamese unless --lang en


def test_read_has_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["read", "--help"])
    assert "nội dung đã chuẩn hoá, mỗi đoạn một dòng" in capsys.readouterr().out


def test_eta_comes_from_a_moving_average() -> None:
    from vnplan.cli.style import EtaLine

    line = EtaLine(total=20, window=3)
    line.times.extend([10.0, 1.0, 1.0, 1.0])  # one slow file long ago drops out of the window
    assert line.eta(done=10) == pytest.approx(10.0)


def test_extract_to_xlsx_writes_one_sheet_per_table(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "records.xlsx"
    assert main(["extract", str(SEEDS), "-o", str(out), "--workers", "0", "--quiet"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:6] == ["records", "citations", "activities", "responsibilities", "deadlines", "recipients"]
    assert wb["records"].max_row == 6 and wb["records"].freeze_panes == "A2"


def test_many_table_page_says_why_a_plan_is_not_passed() -> None:
    """The HTML table of many local plans shows, beside the missing activities, why a verdict is not a pass."""
    from vnplan.export.compare_table_html import table_page

    table = check_many(SEEDS / SONLA, [SEEDS / HOAXA, SEEDS / THANHOAI, SEEDS / SONLA])
    with use_lang("vi"):
        page = table_page(table)
    assert "đang so một văn bản với chính nó" in page  # Sơn La against itself: inconclusive, and why
    assert "chủ đề: kế hoạch địa phương không nêu chủ đề" in page  # Thanh Oai fails its theme check
    assert page.count("<li>thiếu:") == 0  # single missing activities stay in their own column


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_columns_stay_aligned_with_long_vietnamese_labels(lang: str) -> None:
    """Regression: 'tổ chức thực hiện' (17 letters) ran into the status column ('tổ chức thực hiện cả hai')."""
    with use_lang(lang):
        text = compare(SEEDS / SONLA, SEEDS / HOAXA).to_text()
        checks = check(SEEDS / SONLA, SEEDS / HOAXA).to_text()
    sections = text.split("\n\n")[1].splitlines()[1:]
    starts = {len(line) - len(line[2:].split("  ", 1)[1].lstrip()) for line in sections}
    assert len(sections) == 7 and len(starts) == 1  # the status column starts at one offset
    from vnplan.i18n import t

    with use_lang(lang):
        block = next(b for b in checks.split("\n\n") if b.startswith(t("title.checks") + "\n"))
    rows = [line for line in block.splitlines()[1:] if not line.startswith("   ")]
    assert len(rows) == 4 and len({len(r) - len(r[2:].split("  ", 1)[1].lstrip()) for r in rows}) == 1
