"""The explorer without a browser: pages written, hostile titles and file names escaped, the output folder guarded."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnplan.errors import VnplanError
from vnplan.record import Record
from vnplan.site import build_model, build_site, page_id, write_site

HOSTILE_PATH = 'luu-tru/"><img src=x onerror=alert(1)>.txt'
HOSTILE = Record(source={"path": HOSTILE_PATH}, doc_type="Kế hoạch", number="7", symbol="KH-<i>UBND</i>",
                 title="</title><script>alert('tiêu đề')</script>", issuer={"name": "<b>UBND</b> xã Hoà Xá",
                                                                          "level": "commune", "parent": None},
                 warnings=["<script>alert(2)</script>"], provenance={"number": {"span": [0, 4]}},
                 citations=[{"doc_type": "Kế hoạch", "number": "5", "symbol": "KH-UBND", "relation": "implements",
                             "issuer": "UBND huyện <x>", "start": 10, "end": 19}])
TEXT = "Số: 7/KH-<i>UBND</i>\n<script>alert(3)</script> theo Kế hoạch 5/KH-UBND"


def test_hostile_values_are_escaped_in_every_page_and_script(tmp_path: Path) -> None:
    model = build_model([HOSTILE], {HOSTILE_PATH: TEXT})
    summary = write_site(model, tmp_path / "site")
    assert summary.documents == 1
    root = tmp_path / "site"
    pages = list(root.rglob("*.html"))
    assert len(pages) == 4  # index, cascades, graph, the document
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img" not in html and "<b>UBND" not in html, page.name
        assert len(re.findall(r"<title>", html)) == 1
    doc = (root / "doc" / f"{page_id(HOSTILE_PATH)}.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(&#x27;tiêu đề&#x27;)&lt;/script&gt;" in doc
    assert '<mark class="m-field" title="number">Số: </mark>' in doc  # the span [0, 4] marked, as text
    for script in (root / "data").glob("*.js"):
        assert "<" not in script.read_text(encoding="utf-8"), script.name  # no text can close a tag


def test_pages_use_no_network(tmp_path: Path) -> None:
    write_site(build_model([HOSTILE], {}), tmp_path / "site")
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page.name


def test_the_output_folder_is_never_overwritten_without_force(tmp_path: Path) -> None:
    mine = tmp_path / "ghi-chu"
    mine.mkdir()
    (mine / "cua-toi.txt").write_text("của tôi", encoding="utf-8")
    model = build_model([HOSTILE], {})
    with pytest.raises(VnplanError, match="not empty"):
        write_site(model, mine)
    with pytest.raises(VnplanError, match="not a site vnplan wrote"):
        write_site(model, mine, force=True)
    assert (mine / "cua-toi.txt").read_text(encoding="utf-8") == "của tôi"
    site = tmp_path / "site"
    write_site(model, site)
    with pytest.raises(VnplanError, match="pass --force"):
        write_site(model, site)
    write_site(model, site, force=True)
    assert (site / "index.html").exists()


def test_a_missing_archive_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(VnplanError, match=r"khong-co\.sqlite: no such file or folder"):
        build_site(tmp_path / "khong-co.sqlite", tmp_path / "site")


def test_cli_builds_a_site_from_records(tmp_path: Path) -> None:
    from vnplan.cli import main

    records = tmp_path / "records.jsonl"
    records.write_text(HOSTILE.to_json() + "\n", encoding="utf-8")
    assert main(["site", str(records), "-o", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "doc" / f"{page_id(HOSTILE_PATH)}.html").exists()
    assert main(["site", str(records), "-o", str(tmp_path / "site")]) == 1  # not without --force


def test_a_records_file_gets_its_texts_from_the_sources_still_there(tmp_path: Path) -> None:
    from vnplan.batch import extract_to

    seeds = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
    records = tmp_path / "records.jsonl"
    extract_to([str(seeds)], str(records), workers=0)
    summary = build_site(records, tmp_path / "site", checks=False)
    assert summary.documents == 5
    page = next(p for p in (tmp_path / "site" / "doc").glob("*.html") if "000_28b0c8e4ade0a855" in
                p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    assert '<pre class="text">' in html and "Hoà Xá" in html


def test_document_page_marks_items_in_the_one_provenance_shape() -> None:
    """Regression (merge of the typed model): activities, deadlines and recipients keep their source under
    ``provenance``; the marks read only the old inline ``span`` and silently lost them."""
    from vnplan import extract
    from vnplan.site.marks import spans

    root = Path(__file__).resolve().parents[1]
    record = extract(root / "corpus" / "real" / "001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf")
    kinds = {(kind, label) for _, _, kind, label in spans(record)}
    assert {k for k, _ in kinds} == {"m-field", "m-cite", "m-activity", "m-deadline"}
    assert ("m-field", "recipients") in kinds


def test_build_summary_is_vietnamese_by_default_english_on_request() -> None:
    """Regression: the `vnplan site` summary line was English whatever the language."""
    from vnplan.i18n import use_lang
    from vnplan.site.build import SiteSummary

    summary = SiteSummary("kho", documents=213, cascades=6, checks=6, size=6_900_000, seconds=8.7)
    assert str(summary) == "kho: 213 văn bản, 6 chuỗi triển khai, 6 trang kiểm tra, 6.9 MB trong 8.7 giây"
    with use_lang("en"):
        assert str(summary) == "kho: 213 documents, 6 cascades, 6 compliance pages, 6.9 MB in 8.7 s"
