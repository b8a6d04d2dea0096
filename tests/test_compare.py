"""Plan comparison on the corpus: the seeds' acceptance pairs, the anti-drug pair, outputs, CLI, inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnplan.cli import main
from vnplan.compare import ComplianceReport, PlanDiff, check, compare
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
SONLA, HOAXA = "003_ccd8d4cb88100caa.txt", "000_28b0c8e4ade0a855.txt"
THANHHOA, THANHOAI = "004_1d908d2fd900364c.txt", "002_968b6796712df7a0.txt"
CANTHO = "050_kh-153-ubnd-tp-cantho-ctmtqg-phong-chong-ma-tuy.md.txt"
LAMDONG = "070_kh-ubnd-tinh-lamdong-trien-khai-ctmtqg-phong-chong-ma-tuy-du-thao.docx"


def gold(name: str) -> Record:
    data = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return Record.from_dict({**data, "source": {"path": data["file"]}})


def pairs(diff: PlanDiff) -> list[tuple[int, int]]:
    return [(r.template.index, r.local.index) for r in diff.activities if r.template and r.local]


def status_of(diff: PlanDiff, template_index: int) -> str:
    return next(it.status for it in diff.coverage.items if it.template.index == template_index)


# --- acceptance: the seeds -------------------------------------------------------------------------------

def test_sonla_against_hoaxa_matches_shared_activities_and_reports_the_contest_missing() -> None:
    diff = compare(gold(SONLA), gold(HOAXA))
    assert pairs(diff) == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (6, 5)]
    assert status_of(diff, 5) == "missing"  # cuộc thi công nghệ số: not in Hoà Xá
    assert [it.status for it in diff.coverage.items].count("missing") == 1
    assert any("thiếu: hoạt động 6 của cấp trên" in r for r in diff.coverage.reasons)
    assert diff.coverage.percent == "86%" and diff.verdict == "pass"


def test_thanhhoa_against_thanhoai_matches_shared_activities_and_reports_the_others() -> None:
    diff = compare(gold(THANHHOA), gold(THANHOAI))
    found = set(pairs(diff))
    assert {(0, 0), (4, 2), (5, 4), (7, 5), (8, 6)} <= found
    for missing in (1, 3):  # Lễ khai mạc; trực tiếp kết hợp trực tuyến
        assert status_of(diff, missing) == "missing"
    assert {r.local.index for r in diff.activities if r.status == "added"} >= {3, 7}
    checks = {c.name: c for c in diff.checks}
    assert checks["theme"].status == "fail"  # the 2021 theme is not the 2022 theme
    assert checks["period"].status == "fail"
    assert diff.verdict == "fail"


def test_cantho_against_lamdong_antidrug_plans() -> None:
    diff = compare(gold(CANTHO), gold(LAMDONG))
    assert {(2, 2), (3, 3), (6, 7)} <= set(pairs(diff))
    checks = {c.name: c for c in diff.checks}
    assert checks["citation"].status == "fail"  # Lâm Đồng does not implement Cần Thơ ...
    assert "7619/QĐ-BCA" in checks["citation"].message  # ... both implement the ministry's decision
    kept = {r.template.text for r in diff.responsibilities if r.status == "kept"}
    assert {"Sở Tài chính", "Sở Y tế", "Sở Nội vụ"} <= kept
    police = next(r for r in diff.responsibilities if r.template and r.template.text == "Công an thành phố")
    assert police.local is not None and police.local.text == "Công an tỉnh"


@pytest.mark.parametrize("template, local, agency_t, agency_l, level", [
    (THANHHOA, THANHOAI, "Sở Giáo dục và Đào tạo", {"Phòng GDĐT huyện"}, "tỉnh → huyện"),
    # since 1/7/2025 a commune's culture duties sit with its Phòng Văn hóa - Xã hội or its culture centre
    (SONLA, HOAXA, "Sở Văn hóa, Thể thao và Du lịch",
     {"Trung tâm Văn hóa - Thông tin và Thể thao", "Phòng Văn hóa – xã hội"}, "tỉnh → xã"),
])
def test_agency_substitution_is_recognised(template: str, local: str, agency_t: str, agency_l: set[str],
                                           level: str) -> None:
    diff = compare(gold(template), gold(local))
    row = next(r for r in diff.responsibilities if r.template and r.template.text == agency_t)
    assert row.local is not None and row.local.text in agency_l
    assert row.status == "modified" and row.note and level in row.note


# --- classification and redlines ----------------------------------------------------------------------

def test_every_item_is_classified_once() -> None:
    t, loc = gold(THANHHOA), gold(THANHOAI)
    diff = compare(t, loc)
    assert sorted(r.template.index for r in diff.activities if r.template) == list(range(len(t.activities)))
    assert sorted(r.local.index for r in diff.activities if r.local) == list(range(len(loc.activities)))
    assert {r.status for r in diff.activities} == {"kept", "modified", "dropped", "added"}


def test_modified_item_has_a_word_level_redline() -> None:
    diff = compare(gold(SONLA), gold(HOAXA))
    row = next(r for r in diff.activities if r.template and r.template.index == 1)
    assert row.status == "modified"
    deleted = " ".join(text for op, text in row.redline if op == "-")
    assert "Hội Khuyến học Việt Nam" in deleted


def test_reordered_and_renumbered_local_plan_aligns_the_same() -> None:
    t, loc = gold(SONLA), gold(HOAXA)
    order = [5, 3, 0, 4, 1, 2]
    labels = ["a) ", "b) ", "1. ", "- ", "đ) ", "3. "]
    shuffled = Record.from_dict({**loc.to_dict(), "activities": [
        {"text": labels[k] + loc.activities[j]["text"]} for k, j in enumerate(order)]})
    diff = compare(t, shuffled)
    back = sorted((ti, order[li]) for ti, li in pairs(diff))
    assert back == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (6, 5)]


def test_merged_item_is_partly_covered() -> None:
    t = Record(source={"path": "t"}, activities=[
        {"text": "Tổ chức Lễ khai mạc Tuần lễ học tập suốt đời"},
        {"text": "Treo băng rôn, khẩu hiệu tại các cơ sở giáo dục và nơi công cộng"},
        {"text": "Tổ chức cuộc thi tìm hiểu pháp luật về phòng, chống ma túy cho học sinh"}])
    loc = Record(source={"path": "l"}, activities=[
        {"text": "Tổ chức Lễ khai mạc Tuần lễ học tập suốt đời; treo băng rôn, khẩu hiệu tại các cơ sở giáo dục "
                 "và nơi công cộng trong suốt thời gian diễn ra Tuần lễ"}])
    diff = compare(t, loc)
    assert [it.status for it in diff.coverage.items] == ["covered", "partly covered", "missing"]


# --- checks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field, t_value, l_value, expected", [
    ("period", {"start": "2025-10-01", "end": "2025-10-07"}, {"start": "2025-10-02", "end": "2025-10-07"}, "pass"),
    ("period", {"start": "2025-10-01", "end": "2025-10-07"}, {"start": "2025-10-01", "end": "2025-10-09"}, "fail"),
    ("period", {"start": None, "end": None}, {"start": "2025-10-01", "end": "2025-10-09"}, "n/a"),
    ("theme", "Học để phát triển bản thân", "“Học để phát triển bản thân”", "pass"),
    ("theme", "Học để phát triển bản thân", "Chuyển đổi số và học tập suốt đời", "fail"),
    ("theme", None, "Chuyển đổi số", "n/a"),
    ("deadlines", [{"date": "2025-10-15", "text": "báo cáo kết quả trước ngày 15/10/2025"}],
     [{"date": "2025-10-09", "text": "báo cáo về UBND xã trước ngày 09/10/2025"}], "pass"),
    ("deadlines", [{"date": "2025-10-15", "text": "báo cáo kết quả trước ngày 15/10/2025"}],
     [{"date": "2025-10-18", "text": "báo cáo về UBND xã trước ngày 18/10/2025"}], "fail"),
    ("deadlines", [], [{"date": "2025-10-18", "text": "báo cáo"}], "n/a"),
    ("deadlines", [{"date": "2025-10-15", "text": "các xã báo cáo trước ngày 15/10/2025"},
                   {"date": "2025-10-20", "text": "Sở tổng hợp báo cáo Bộ trước ngày 20/10/2025"}],
     [{"date": "2025-10-09", "text": "báo cáo về UBND xã"}, {"date": "2025-10-20", "text": "báo cáo Bộ"}], "pass"),
])
def test_field_checks(field: str, t_value: object, l_value: object, expected: str) -> None:
    t = Record(source={"path": "t"}, **{field: t_value})
    loc = Record(source={"path": "l"}, **{field: l_value})
    result = {c.name: c for c in compare(t, loc).checks}[field]
    assert result.status == expected, result.message


@pytest.mark.parametrize("citations, expected", [
    ([{"number": "262", "symbol": "KH-UBND", "relation": "implements"}], "pass"),
    ([{"number": "262", "symbol": "KH-SGDĐT"}], "fail"),
    ([{"number": "5607", "symbol": "BGDĐT-GDNNGDTX"}], "fail"),
])
def test_citation_check(citations: list[dict[str, str]], expected: str) -> None:
    t = Record(source={"path": "hanoi"}, number="262", symbol="KH-UBND")
    loc = Record(source={"path": "hoaxa"}, citations=citations)
    assert {c.name: c for c in compare(t, loc).checks}["citation"].status == expected


# --- outputs --------------------------------------------------------------------------------------------

def test_json_shape() -> None:
    data = json.loads(compare(gold(SONLA), gold(HOAXA)).to_json())
    assert {"activities", "responsibilities", "checks", "coverage"} <= set(data)
    for row in data["activities"] + data["responsibilities"]:
        assert row["status"] in {"kept", "modified", "dropped", "added"}
        for side in ("template", "local"):
            assert row[side] is None or {"index", "text"} <= set(row[side])
        assert row["similarity"] is None or 0 <= row["similarity"] <= 1
    assert data["coverage"]["percent"] == "86%" and data["coverage"]["verdict"] == "pass"
    assert {c["status"] for c in data["checks"]} <= {"pass", "fail", "n/a"}


def test_repr_and_html_repr() -> None:
    diff = compare(gold(SONLA), gold(HOAXA))
    assert repr(diff).startswith("<PlanDiff 003_") and "coverage 86% pass" in repr(diff)
    html = diff._repr_html_()
    assert "<del>" in html and "<ins>" in html and "dropped" in html
    report = check(gold(HOAXA), against=gold(SONLA))
    assert isinstance(report, ComplianceReport) and report.passed
    assert "pass" in report._repr_html_() and repr(report).startswith("<ComplianceReport pass")


def test_markdown_and_text() -> None:
    diff = compare(gold(THANHHOA), gold(THANHOAI))
    md = diff.to_markdown()
    assert md.startswith("# So sánh kế hoạch") and "~~" in md and "| bỏ |" in md
    text = diff.to_text()
    assert "Kết luận: KHÔNG ĐẠT" in text and "[-" in text and "{+" in text


# --- inputs and CLI ------------------------------------------------------------------------------------

def test_inputs_record_dict_and_json_path_agree() -> None:
    as_path = compare(GOLD / f"{SONLA}.json", GOLD / f"{HOAXA}.json")
    as_dict = compare(json.loads((GOLD / f"{SONLA}.json").read_text(encoding="utf-8")),
                      json.loads((GOLD / f"{HOAXA}.json").read_text(encoding="utf-8")))
    assert pairs(as_path) == pairs(as_dict) == pairs(compare(gold(SONLA), gold(HOAXA)))


def test_document_path_is_extracted() -> None:
    diff = compare(ROOT / "corpus" / "seeds" / SONLA, ROOT / "corpus" / "seeds" / HOAXA)
    assert diff.local.source["path"].endswith(HOAXA)


@pytest.mark.parametrize("local, template, code", [(HOAXA, SONLA, 0), (THANHOAI, THANHHOA, 3)])
def test_check_cli_exit_code(local: str, template: str, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(GOLD / f"{local}.json"), "--against", str(GOLD / f"{template}.json")]) == code
    assert ("Kết luận: ĐẠT" if code == 0 else "Kết luận: KHÔNG ĐẠT") in capsys.readouterr().out


def test_check_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no-such-plan.docx", "--against", str(GOLD / f"{SONLA}.json")]) == 1
    assert "no-such-plan.docx: không có tệp này" in capsys.readouterr().err


@pytest.mark.parametrize("fmt, marker", [("json", '"activities"'), ("markdown", "# So sánh kế hoạch"),
                                         ("html", "<!DOCTYPE html>"), ("text", "So sánh kế hoạch:")])
def test_diff_cli_formats(fmt: str, marker: str, tmp_path: Path) -> None:
    out = tmp_path / f"diff.{fmt}"
    args = ["diff", str(GOLD / f"{SONLA}.json"), str(GOLD / f"{HOAXA}.json"), "--format", fmt, "-o", str(out)]
    assert main(args) == 0
    assert marker in out.read_text(encoding="utf-8")


def test_a_plan_against_itself_keeps_everything_but_is_inconclusive() -> None:
    diff = compare(gold(SONLA), gold(SONLA))
    assert {r.status for r in diff.activities} == {"kept"} and diff.coverage.ratio == 1.0
    assert {c.status for c in diff.checks} <= {"pass", "n/a"} and diff.verdict == "inconclusive"
    assert "chính nó" in diff.coverage.reasons[0]


def test_public_verbs_stay_functions_after_their_subpackages_load() -> None:
    """Regression: importing vnplan.compare / vnplan.extract / vnplan.link must not shadow the verbs."""
    import importlib
    import types

    import vnplan

    for module in ("vnplan.compare", "vnplan.compare.api", "vnplan.extract", "vnplan.extract.builder",
                   "vnplan.link", "vnplan.link.graph"):
        importlib.import_module(module)
    for name in ("compare", "check", "extract", "link"):
        assert isinstance(getattr(vnplan, name), types.FunctionType), name
    assert isinstance(vnplan.compare(gold(SONLA), gold(HOAXA)), PlanDiff)
