"""Dates, ranges, deadlines and the place-date line, on tables of cases and on the real corpus."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from vnplan.extract.dates import find_dates, find_deadlines, find_ranges, parse_date, parse_place_date

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.mark.parametrize("text, default_year, expected", [
    ("ngày 25 tháng 9 năm 2025", None, date(2025, 9, 25)),
    ("ngày 05 tháng 01 năm 2020", None, date(2020, 1, 5)),
    ("25/9/2025", None, date(2025, 9, 25)),
    ("25/09/2025", None, date(2025, 9, 25)),
    ("25-9-2025", None, date(2025, 9, 25)),
    ("25.9.2025", None, date(2025, 9, 25)),
    ("17.05.2021", None, date(2021, 5, 17)),
    ("ngày 25/9", 2026, date(2026, 9, 25)),
    ("ngày 5 tháng 8", 2026, date(2026, 8, 5)),
    ("30/2020/NĐ-CP", 2025, None),
    ("Nghị quyết số 05/2019/NQ-HĐND", 2025, None),
    ("31/9/2025", None, None),
    ("08/9/2925", 2025, date(2025, 9, 8)),  # impossible year repaired from the document year
])
def test_parse_date(text: str, default_year: int | None, expected: date | None) -> None:
    assert parse_date(text, default_year) == expected


@pytest.mark.parametrize("line, expected", [
    ("Hoà Xá, ngày tháng năm 2025", ("Hoà Xá", None, 2025, True)),
    ("Si Ma Cai, ngày          tháng 9 năm 2023", ("Si Ma Cai", None, 2023, True)),
    ("Hà Nội, ngày 05 tháng 01 năm 2020", ("Hà Nội", date(2020, 1, 5), 2020, False)),
    ("| Số: 254/QĐ-UBND | Sơn La, ngày 17 tháng 02 năm 2023 |", ("Sơn La", date(2023, 2, 17), 2023, False)),
    ("*Thành phố Hồ\nChí Minh, ngày 18 tháng 11 năm 2025*", ("Thành phố Hồ Chí Minh", date(2025, 11, 18), 2025, False)),
    ("Gia Lai, ngày …… tháng …… năm ……", ("Gia Lai", None, None, True)),
    ("Hà Nội, ngày 20/4/2026", ("Hà Nội", date(2026, 4, 20), 2026, False)),
])
def test_parse_place_date(line: str, expected: tuple) -> None:
    assert parse_place_date(line) == expected


@pytest.mark.parametrize("text, start, end", [
    ("từ ngày 01/10/2025 đến ngày 07/10/2025", date(2025, 10, 1), date(2025, 10, 7)),
    ("từ ngày 01 đến ngày 07/10/2025", date(2025, 10, 1), date(2025, 10, 7)),
    ("từ 01-07/10/2025", date(2025, 10, 1), date(2025, 10, 7)),
    ("01/10 - 15/10/2025", date(2025, 10, 1), date(2025, 10, 15)),
    ("từ 28/12 - 05/01/2026", date(2025, 12, 28), date(2026, 1, 5)),
    ("từ ngày 15 tháng 11 đến ngày 15 tháng 12 năm 2025", date(2025, 11, 15), date(2025, 12, 15)),
    ("từ ngày 20/10/2025", date(2025, 10, 20), None),
    ("từ ngày 11/9 đến hết năm 2026", date(2026, 9, 11), None),
])
def test_find_ranges(text: str, start: date, end: date | None) -> None:
    ranges = find_ranges(text, 2025)
    assert [(r.start_date, r.end_date) for r in ranges] == [(start, end)]


@pytest.mark.parametrize("text", ["giai đoạn 2021-2025", "năm học 2025 - 2026", "Nghị định số 30/2020/NĐ-CP"])
def test_no_ranges(text: str) -> None:
    assert find_ranges(text, 2025) == []


def test_truncated_year_is_repaired_from_context() -> None:
    found = find_dates("Lễ phát động tổ chức từ ngày 01/10/202, lễ tổng kết ngày 07/10/2021.", 2021)
    assert [(d.date, d.kind, d.repaired) for d in found] == [
        (date(2021, 10, 1), "range_start", True), (date(2021, 10, 7), "date", False)]


@pytest.mark.parametrize("text, expected", [
    ("Báo cáo kết quả về UBND xã trước ngày 09/10/2025 để tổng hợp.", [date(2025, 10, 9)]),
    ("Các đơn vị gửi báo cáo chậm nhất ngày 15/10/2025.", [date(2025, 10, 15)]),
    ("Hoàn thành chậm nhất vào ngày 20/10/2025.", [date(2025, 10, 20)]),
    ("Treo băng rôn hoàn thành xong trước ngày 29/9/2025.", [date(2025, 9, 29)]),
    ("Gửi hồ sơ trước 16 giờ 00 ngày 10/10/2025.", [date(2025, 10, 10)]),
    ("Gửi hồ sơ trước 16h00 ngày 10/10/2025.", [date(2025, 10, 10)]),
    ("hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.", [date(2028, 7, 1)]),
    ("Ngày 08/10/2025: Các cơ sở giáo dục tổng hợp, báo cáo.", [date(2025, 10, 8)]),
    ("- Thời gian dự kiến: ngày 12/9/2026 (thứ Bảy).", [date(2026, 9, 12)]),
    ("- Thời gian thí sinh nhập học: 29/9/2025.", [date(2025, 9, 29)]),  # four words name the step (0082)
    ("Thời gian tổ chức các hoạt động tại trường: 12/10/2025", []),  # five words: a description, not a step
    ("Các sở báo cáo trước ngày 5 tháng 8.", [date(2025, 8, 5)]),
    ("Gửi báo cáo trước ngày 15 hằng tháng.", []),
    ("Báo cáo định kỳ trước ngày 30/11 hàng năm.", []),
    ("định kỳ hàng năm (trước ngày 10/12) báo cáo UBND tỉnh", []),
    ("Hoàn thành trong tháng 10/2025.", []),
    ("Hoàn thành trong quý IV/2025.", []),
    ("Báo cáo trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch.", []),
    ("Tuần lễ được tổ chức từ ngày 01/10/2025 đến ngày 07/10/2025.", []),
    ("- Thời gian dự kiến: từ ngày 11/9/2026 đến ngày 20/9/2026.", []),
    ("Thời gian: 1/2 ngày, 8 giờ 00 phút ngày 02/10/2025 (Thứ 2).", []),  # "1/2 ngày" is half a day
    ("a) Người hoạt động cách mạng trước ngày 01 tháng 01 năm 1945;", []),  # a past condition
])
def test_find_deadlines(text: str, expected: list[date]) -> None:
    assert [d.date for d in find_deadlines(text, 2025)] == expected


def test_deadline_clause_and_span() -> None:
    text = "Mở đầu. Báo cáo kết quả trước ngày 09/10/2025 để tổng hợp. Hết."
    (d,) = find_deadlines(text, 2025)
    assert d.text == "Báo cáo kết quả trước ngày 09/10/2025 để tổng hợp."
    assert text[d.start:d.end] == d.text


def test_dates_of_cited_numbers_are_not_dates() -> None:
    found = find_dates("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", 2025)
    assert [d.date for d in found] == [date(2020, 3, 5)]


def _gold(name: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [
    "000_28b0c8e4ade0a855.txt", "001_ecb0919ea9de4c11.txt", "003_ccd8d4cb88100caa.txt",
    "036_qd-254-ubnd-tinh-sonla-ban-hanh-kh-bao-ve-bmnn-2023.tvpl.md.txt",
    "039_qd-22-2013-ttg-ho-tro-nguoi-co-cong-ve-nha-o.tvpl.md.txt",
    "046_kh-174-ubnd-tphcm-thang-hanh-dong-binh-dang-gioi-2025.md.txt",
    "063_qd-2623-ttg-ban-hanh-kh-trien-khai-luat-bao-ve-du-lieu-ca-nhan.md.txt",
    "084_kh-308-ubnd-tp-hanoi-thuc-hien-nq-214-cp-du-lieu-chuyen-doi-so.md.txt",
])
def test_deadlines_of_corpus_documents(name: str) -> None:
    """A whole-text pass gives exactly the gold deadline dates of these documents."""
    import vnplan

    gold = _gold(name)
    path = next(p for p in (CORPUS / "seeds" / name, CORPUS / "real" / name) if p.exists())
    text = vnplan.read(path).text
    year = gold.get("issue_year")
    issued = date.fromisoformat(gold["issue_date"]) if gold.get("issue_date") else None
    got = sorted({d.date.isoformat() for d in find_deadlines(text, year, issue_date=issued)})
    assert got == sorted({d["date"] for d in gold["deadlines"]})
