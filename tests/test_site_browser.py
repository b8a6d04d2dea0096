"""The explorer in headless Chromium, from file://: index, search, filter, a citation link, a cascade, the
language switch and the graph, with no console error.  ``VNPLAN_SITE_SCREENSHOTS=folder`` keeps a PNG of each page."""
from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from vnplan.site import build_site, page_id
from vnplan.site.headless import Chromium, find_chromium

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
FILES = [REAL / "014_qd-1074-bxd-giai-phap-nang-cao-pccc.pdf",
         REAL / "015_cv-7432-ubnd-tinh-laocai-trien-khai-qd-1074-bxd.pdf",
         REAL / "011b_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdftotext.txt",
         REAL / "012b_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdftotext.txt"]
HOSTILE_NAME = '"><img src=x onerror=alert(1)>.txt'

pytestmark = [pytest.mark.browser, pytest.mark.skipif(find_chromium() is None, reason="needs headless Chromium")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from documents: the five seeds, two citation chains, and a copy of a seed with a hostile name."""
    docs = tmp_path_factory.mktemp("luu-tru")
    shutil.copytree(ROOT / "corpus" / "seeds", docs / "seeds")
    for f in FILES:
        shutil.copy(f, docs / f.name)
    (docs / HOSTILE_NAME).write_bytes((ROOT / "corpus" / "seeds" / "003_ccd8d4cb88100caa.txt").read_bytes()
                                      + "\nBản sao\n".encode())
    out = tmp_path_factory.mktemp("site") / "kho"
    summary = build_site(docs, out, workers=0)
    assert summary.documents == 10 and summary.cascades == 2
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium(width=1280, height=860) as b:
        yield b


def shot(browser: Chromium, name: str) -> None:
    folder = os.environ.get("VNPLAN_SITE_SCREENSHOTS")
    if folder:
        browser.screenshot(Path(folder) / f"site-{name}.png")


def iso(shown: str) -> str:
    """``21/07/2026`` → ``2026-07-21`` (a year alone stays as it is), to compare dates as the table sorts them."""
    return "-".join(reversed(shown.split("/"))) if "/" in shown else shown


def rows(browser: Chromium) -> list[list[str]]:
    return browser.evaluate("Array.from(document.querySelectorAll('#docs tbody tr'))"
                            ".map(tr => Array.from(tr.cells).map(td => td.textContent))")


def page_of(site: Path, name: str) -> Path:
    """The page of the document whose file name ends with ``name`` (source paths as the pages show them)."""
    for page in site.glob("doc/*.html"):
        path = html.unescape(re.search(r"<code>([^<]*)</code>", page.read_text(encoding="utf-8")).group(1))
        if path.endswith(name):
            assert page.name == f"{page_id(path)}.html"
            return page
    raise AssertionError(name)


def test_index_search_and_filter(site: Path, browser: Chromium) -> None:
    browser.errors.clear()
    browser.open(site / "index.html")
    assert len(rows(browser)) == 10
    assert browser.evaluate("document.documentElement.lang") == "vi"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0  # the hostile file name stays text
    assert browser.evaluate("window.vnplanReady().then(() => window.VNPLAN_SEARCH.length)") == 10
    browser.evaluate("(function(){var q=document.getElementById('q'); q.focus(); q.value='hoa xa';"
                     "q.dispatchEvent(new Event('input'));})()")
    first = browser.evaluate("document.querySelector('#docs tbody tr a').getAttribute('href')")
    assert first == f"doc/{page_of(site, '000_28b0c8e4ade0a855.txt').name}"
    shot(browser, "search")
    browser.open(page_of(site, HOSTILE_NAME))  # a file name that is HTML stays text on its page too
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.querySelector('table.card code').textContent").endswith(HOSTILE_NAME)
    browser.open(site / "index.html")
    browser.evaluate("(function(){var q=document.getElementById('q'); q.value='';"
                     "q.dispatchEvent(new Event('input'));"
                     "var f=document.getElementById('f-level'); f.value='commune';"
                     "f.dispatchEvent(new Event('change'));})()")
    filtered = rows(browser)
    assert 0 < len(filtered) < 10 and all(row[4] == "xã" for row in filtered)
    assert browser.evaluate("document.getElementById('count').textContent") == f"Đang hiện {len(filtered)}/10 văn bản"
    shot(browser, "index-filtered")
    browser.click("#clear")
    assert len(rows(browser)) == 10
    browser.click("#docs th[data-sort='date']")  # by date one way, then the other
    first = [iso(row[2]) for row in rows(browser)]
    browser.click("#docs th[data-sort='date']")
    second = [iso(row[2]) for row in rows(browser)]
    ascending = first == sorted(first)
    assert len(set(first)) > 2 and (ascending or first == sorted(first, reverse=True))
    assert second == sorted(first, reverse=ascending)
    assert browser.errors == []


def test_citation_link_cascade_and_compliance(site: Path, browser: Chromium) -> None:
    browser.errors.clear()
    browser.open(page_of(site, FILES[1].name))
    assert "7432/UBND-XD" in browser.evaluate("document.querySelector('h1').textContent")
    assert browser.evaluate("document.querySelectorAll('pre.text mark').length") > 5  # values marked in the text
    shot(browser, "document")
    browser.click("ul.links a[href$='.html']")  # the first cited document in the archive
    assert "1074/QĐ-BXD" in browser.evaluate("document.querySelector('h1').textContent")
    browser.click("a.button")  # open its cascade
    cascade = browser.evaluate("Array.from(document.querySelectorAll('table.cascade tbody tr'))"
                               ".map(tr => tr.cells[0].textContent)")
    assert len(cascade) == 2 and "7432/UBND-XD" in cascade[1]
    assert browser.evaluate("document.querySelector('table.cascade tbody tr:nth-child(2) td:nth-child(8)')"
                            ".textContent") == "22"  # days from 29/6 to 21/7/2026
    shot(browser, "cascade")
    browser.click("table.cascade a[href*='check/']")
    assert browser.evaluate("document.querySelector('.l-vi .verdict').innerText") in (
        "ĐẠT", "KHÔNG ĐẠT", "CHƯA KẾT LUẬN ĐƯỢC")
    assert "1074/QĐ-BXD" in browser.evaluate("document.querySelector('table.card').textContent")
    shot(browser, "compliance")
    assert browser.errors == []


def test_english_switch_and_graph_neighbourhood(site: Path, browser: Chromium) -> None:
    browser.errors.clear()
    browser.open(site / "graph.html")
    assert browser.evaluate("document.querySelector('h1').innerText") == "Đồ thị trích dẫn"
    browser.click("#lang-switch")
    assert browser.evaluate("document.querySelector('h1').innerText") == "Citation graph"
    total = browser.evaluate("window.vnplanGraph.nodes(':visible').length")
    node = page_of(site, FILES[0].name).stem
    browser.evaluate(f"void window.vnplanGraph.nodes().filter(x => x.data('page') === '{node}')[0].emit('tap')")
    shown = browser.evaluate("window.vnplanGraph.nodes(':visible').length")
    assert 1 < shown < total  # the document and its neighbours only
    assert "Neighbourhood of" in browser.evaluate("document.getElementById('g-focus').textContent")
    shot(browser, "graph")
    browser.open(site / "index.html")  # the choice holds on the next page
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("document.getElementById('count').textContent") == "Showing 10 of 10 documents"
    browser.click("#lang-switch")
    assert browser.errors == []
