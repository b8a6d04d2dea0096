"""Unit tables for the record builder's extractors, and robustness properties of `extract`."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnplan.document import Document
from vnplan.errors import VnplanError
from vnplan.extract import extract
from vnplan.extract.casing import agency_case, title_case
from vnplan.extract.issuer import complete_locality, issuer_from_agency_lines, issuer_from_text
from vnplan.extract.plan_fields import agency_subject, is_agency_heading, strip_agency_lead
from vnplan.extract.signer import authority_line, clean_name, signer_from_lines


@pytest.mark.parametrize("upper, expected", [
    ("ỦY BAN NHÂN DÂN XÃ HOÀ XÁ", "Ủy ban nhân dân xã Hoà Xá"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội"),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Sở Nông nghiệp và Môi trường"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ Giáo dục và Đào tạo"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("UBND TỈNH GIA LAI", "UBND tỉnh Gia Lai"),
    ("Sở Công Thương", "Sở Công Thương"),  # mixed case is kept as printed
])
def test_agency_case(upper: str, expected: str) -> None:
    assert agency_case(upper) == expected


@pytest.mark.parametrize("upper, expected", [
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"), ("PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Phó Chủ tịch Thường trực"),
    ("GIÁM ĐỐC", "Giám đốc"), ("THỨ TRƯỞNG", "Thứ trưởng"), ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    ("TRƯỞNG ĐOÀN", "Trưởng đoàn"), ("PHÓ CHỦ NHIỆM", "Phó Chủ nhiệm"),
])
def test_title_case(upper: str, expected: str) -> None:
    assert title_case(upper) == expected


@pytest.mark.parametrize("authority, title, name, expected", [
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn Cường",
     {"name": "Nguyễn Văn Cường", "title": "Phó Chủ tịch", "authority": ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]}),
    (["KT.CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "(Đã ký) Lưu Đình Hạnh",
     {"name": "Lưu Đình Hạnh", "title": "Phó Chủ tịch", "authority": ["KT. Chủ tịch"]}),
    ([], "THỦ TƯỚNG", "Phạm Minh Chính", {"name": "Phạm Minh Chính", "title": "Thủ tướng", "authority": []}),
    (["TL. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG", "NGUYỄN NHÂN BẢN",
     {"name": "Nguyễn Nhân Bản", "title": "Chánh Văn phòng", "authority": ["TL. Chủ tịch"]}),
    (["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Đại tá Nguyễn Văn Long",
     {"name": "Nguyễn Văn Long", "title": "Thứ trưởng", "authority": ["KT. Bộ trưởng"]}),
])
def test_signer(authority: list[str], title: str, name: str, expected: dict) -> None:
    assert signer_from_lines(authority, title, name) == expected


@pytest.mark.parametrize("line, expected", [
    ("TM. ĐOÀN KIỂM TRA", "TM. Đoàn Kiểm tra"), ("T/M. ĐOÀN KIỂM TRA", "TM. Đoàn Kiểm tra"), ("Q. GIÁM ĐỐC", "Q. Giám đốc"), ("TUQ. CHỦ TỊCH", "TUQ. Chủ tịch"),
    ("CHỦ TỊCH", None),
])
def test_authority_line(line: str, expected: str | None) -> None:
    assert authority_line(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("Thiếu tướng Nguyễn Văn A", "Nguyễn Văn A"), ("PGS.TS. Trần Văn B", "Trần Văn B"),
    ("Số: 12/KH", None), ("", None),
])
def test_clean_name(text: str, expected: str | None) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize("lines, name, level, parent", [
    (["ỦY BAN NHÂN DÂN", "XÃ HOÀ XÁ"], "Ủy ban nhân dân xã Hoà Xá", "commune", None),
    (["UBND TỈNH GIA LAI", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], "Sở Nông nghiệp và Môi trường", "province", "UBND tỉnh Gia Lai"),
    (["SỞ CÔNG THƯƠNG", "ĐOÀN KIỂM TRA", "THEO QUYẾT ĐỊNH", "SỐ 1050/QĐ-SCT"],
     "Đoàn Kiểm tra theo quyết định số 1050/QĐ-SCT", "province", "Sở Công thương"),
    (["BỘ XÂY DỰNG"], "Bộ Xây dựng", "central", None),
    (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ", "central", None),
])
def test_issuer_from_header(lines: list[str], name: str, level: str, parent: str | None) -> None:
    assert issuer_from_agency_lines(lines) == {"name": name, "level": level, "parent": parent}


@pytest.mark.parametrize("text, name", [
    ("…; UBND xã Hoà Xá xây dựng Kế hoạch tổ chức …", "UBND xã Hoà Xá"),
    ("Ủy ban nhân dân huyện Si Ma Cai xây dựng kế hoạch tổ chức Tuần lễ", "Ủy ban nhân dân huyện Si Ma Cai"),
    ("Chủ tịch UBND tỉnh Sơn La ban hành Kế hoạch", "UBND tỉnh Sơn La"),
])
def test_issuer_from_text(text: str, name: str) -> None:
    found = issuer_from_text(text)
    assert found is not None and found["name"] == name


def test_bare_issuer_takes_the_title_locality() -> None:
    bare = {"name": "Ủy ban nhân dân", "level": None, "parent": None}
    assert complete_locality(bare, "Tổ chức Tuần lễ … trên địa bàn tỉnh Thanh Hóa")["name"] == \
        "Ủy ban nhân dân tỉnh Thanh Hóa"


@pytest.mark.parametrize("heading, agency", [
    ("Đề nghị Công an tỉnh", "Công an tỉnh"),
    ("Sở Khoa học và Công nghệ theo dõi, đôn đốc các Sở, ban, ngành", "Sở Khoa học và Công nghệ"),
    ("Sở Y tế: chủ trì, phối hợp với các đơn vị", "Sở Y tế"),
    ("UBND các phường: Ba Đình, Hoàn Kiếm, Cửa Nam và UBND xã Bát Tràng",
     "UBND các phường: Ba Đình, Hoàn Kiếm, Cửa Nam và UBND xã Bát Tràng"),
    ("Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:", "phòng Quản lý Công nghiệp"),
    ("Sở Xây dựng", "Sở Xây dựng"),  # a capitalised "Xây dựng" is part of the name, not a verb
])
def test_agency_heading(heading: str, agency: str) -> None:
    assert is_agency_heading(heading)
    assert strip_agency_lead(heading) == agency


@pytest.mark.parametrize("heading", ["Kinh phí thực hiện", "Chế độ báo cáo", "Tổ chức thực hiện",
                                     "Tổ chức kiểm tra kỹ thuật an toàn", "Mục đích"])
def test_not_an_agency_heading(heading: str) -> None:
    assert not is_agency_heading(heading)


def test_agency_verb_table_examples() -> None:
    """Every row of data/agency_verbs.tsv: its example heading leaves its agency."""
    table = Path(__file__).resolve().parents[1] / "vnplan" / "data" / "agency_verbs.tsv"
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) > 20
    for verb, example, agency in rows:
        assert verb in example
        assert agency_subject(example) == agency, verb


PLAN = """ỦY BAN NHÂN DÂN
XÃ HOÀ XÁ
Số: 12/KH-UBND
Hoà Xá, ngày 25 tháng 9 năm 2025
KẾ HOẠCH
Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025
Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND Thành phố Hà Nội; UBND xã Hoà Xá xây dựng Kế hoạch như sau:
I. NỘI DUNG
1. Tổ chức Lễ khai mạc Tuần lễ.
2. Tuyên truyền về học tập suốt đời.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa – xã hội
Tổng hợp, báo cáo kết quả về UBND xã trước ngày 09/10/2025.
2. Các cơ sở giáo dục
Tổ chức các hoạt động.
Nơi nhận:
- Sở GD&ĐT Hà Nội;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Cường"""


def test_small_plan_end_to_end() -> None:
    r = extract(Document.from_text(PLAN, "kh.txt"))
    assert (r.doc_type, r.number, r.symbol, r.issue_date, r.place) == ("Kế hoạch", "12", "KH-UBND", "2025-09-25", "Hoà Xá")
    assert r.issuer == {"name": "Ủy ban nhân dân xã Hoà Xá", "level": "commune", "parent": None}
    assert [c["number"] + "/" + c["symbol"] for c in r.citations] == ["262/KH-UBND"]
    assert r.citations[0]["relation"] == "implements"
    assert [a["text"] for a in r.activities] == ["Tổ chức Lễ khai mạc Tuần lễ.", "Tuyên truyền về học tập suốt đời."]
    assert [x["agency"] for x in r.responsibilities] == ["Phòng Văn hóa – xã hội", "Các cơ sở giáo dục"]
    assert [d["date"] for d in r.deadlines] == ["2025-10-09"]
    assert r.recipients == ["Sở GD&ĐT Hà Nội"]
    assert r.signer["name"] == "Nguyễn Văn Cường"


VIETNAMESE = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệ"
                                                   "ìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ÀÁĐƠƯ0123456789/.-:;,\n()“”*|")),
                     max_size=400)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(VIETNAMESE, st.text(max_size=300)))
def test_any_text_extracts_without_error(text: str) -> None:
    """Whatever the string, extraction returns a record (or a VnplanError), never another exception."""
    try:
        record = extract(Document.from_text(text, "x.txt"))
    except VnplanError:
        return
    assert record.source["path"] == "x.txt"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), ext=st.sampled_from([".pdf", ".docx", ".txt", ".md", ".doc", ""]))
def test_random_bytes_raise_only_vnplan_errors(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"file{ext}"
    path.write_bytes(data)
    try:
        extract(path)
    except VnplanError as exc:
        assert os.fspath(path) in str(exc) and "\n" not in str(exc)


def test_non_vietnamese_file_is_a_one_line_error(tmp_path: Path) -> None:
    from vnplan.errors import NotVietnameseError
    from vnplan.read import read

    path = tmp_path / "report.txt"
    path.write_text("This annual report describes the activities of the committee in detail. " * 20, encoding="utf-8")
    with pytest.raises(NotVietnameseError, match="report.txt: văn bản không phải tiếng Việt"):
        extract(path)
    assert "committee" in read(path, require_vietnamese=False).text


def test_every_corpus_document_is_vietnamese() -> None:
    from conftest import corpus_files
    from vnplan.read import is_vietnamese, read

    for path in corpus_files():
        assert is_vietnamese(read(path).text), path.name
