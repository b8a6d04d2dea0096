"""The graph and cascade pages in headless Chromium: hostile strings stay text in every HTML context, filters
in the address pick what is drawn, a 5,000-record graph opens as a group overview, and nothing logs to the console.

``VNPLAN_SCREENSHOT_DIR=docs/screenshots`` keeps the screenshots (corpus graph and cascade, default and filtered).
"""
from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from vnplan.link import link
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM, reason="needs headless Chromium")]
SHOTS = os.environ.get("VNPLAN_SCREENSHOT_DIR")

HOSTILE = "x'\"</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"><!-- \u2028"


def chromium(url: str, profile: Path, png: Path | None = None, size: str = "1200,800") -> tuple[str, list[str]]:
    """(the DOM after the page's script ran, console lines)."""
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=4000",
           f"--window-size={size}"]
    cmd += [f"--screenshot={png}"] if png else ["--dump-dom"]
    result = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=180)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    return result.stdout, console


def body_attrs(dom: str) -> str:
    match = re.search(r"<body[^>]*>", dom)
    assert match, dom[:500]
    return match.group(0)


def hostile_records() -> list[Record]:
    directive = Record(source={"path": "tw.pdf"}, doc_type="Quyết định", number="7", symbol="QĐ-TTg",
                       issue_date="2025-01-02", issue_year=2025, title=HOSTILE,
                       issuer={"name": "Thủ tướng Chính phủ", "level": "central"})
    plan = Record(source={"path": f"{HOSTILE}.pdf"}, doc_type="Kế hoạch", number=f"5{HOSTILE}", symbol="KH-UBND",
                  issue_date="2025-02-03", issue_year=2025, title=HOSTILE, place="Lào Cai",
                  issuer={"name": f"UBND tỉnh Lào Cai {HOSTILE}", "level": "province"},
                  citations=[{"doc_type": "Quyết định", "number": "7", "symbol": "QĐ-TTg", "date": "2025-01-02",
                              "issuer": "Thủ tướng Chính phủ", "relation": "implements", "text": HOSTILE},
                             {"number": f"9{HOSTILE}", "symbol": "KH'UBND", "relation": "basis"}])
    return [directive, plan]


def test_hostile_strings_stay_text_in_the_graph_page(tmp_path: Path) -> None:
    g = link(hostile_records())
    plan = next(n for n, d in g.graph.nodes(data=True) if d.get("type") == "Kế hoạch")
    assert "</script>" in plan  # the node id itself is hostile
    page = tmp_path / "g.html"
    page.write_text(g.to_html(title=HOSTILE), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    assert text.count("</script>") == 2 and "<img" not in text.split("<body>")[1].split("<script")[0].replace(
        "&lt;img", "")
    dom, console = chromium(page.as_uri() + "#node=" + quote(plan, safe=""), tmp_path / "p")
    assert not console, console
    assert "pwned" not in body_attrs(dom) and "<img" not in dom
    details = dom.split('id="details"')[1]
    assert "&lt;/script&gt;&lt;img src=x onerror=" in details  # shown, as text, in the details panel
    assert details.count("&lt;img") >= 4  # heading, title, issuer, file, the citing sentence
    assert "<title>x'\"&lt;/script&gt;" in dom


def test_hostile_strings_stay_text_in_the_cascade_page(tmp_path: Path) -> None:
    g = link(hostile_records())
    page = tmp_path / "c.html"
    page.write_text(g.cascade("7/QĐ-TTg", coverage=False).to_html(title=HOSTILE), encoding="utf-8")
    dom, console = chromium(page.as_uri() + "#locality=" + quote("Lào Cai"), tmp_path / "p")
    assert not console, console
    assert "pwned" not in body_attrs(dom) and "<img" not in dom
    assert dom.count("&lt;img src=x") >= 3  # heading, tree, table


@pytest.fixture(scope="module")
def corpus_graph():
    golds = [json.loads(Path(p).read_text(encoding="utf-8")) for p in sorted(glob.glob(str(ROOT / "corpus/gold/*.json")))]
    return link([Record.from_dict({**x, "source": {"path": x["file"]}}) for x in golds])


def shoot(page: Path, name: str, fragment: str, tmp_path: Path, size: str = "1200,800") -> None:
    png = Path(SHOTS) / name if SHOTS else tmp_path / name
    png.parent.mkdir(parents=True, exist_ok=True)
    _, console = chromium(page.as_uri() + fragment, tmp_path / "shots", png=png, size=size)
    assert png.exists() and not console, console


def test_filters_in_the_address_pick_what_is_drawn(corpus_graph, tmp_path: Path) -> None:
    page = tmp_path / "corpus.html"
    page.write_text(corpus_graph.to_html(), encoding="utf-8")
    dom, console = chromium(page.as_uri(), tmp_path / "p")
    everything = int(re.search(r'data-drawn="(\d+)"', dom).group(1))
    assert not console and 'data-view="nodes"' in dom and everything == len(corpus_graph)
    lao_cai = "#level=central,province&province=" + quote("Lào Cai") + "&stubs=0"
    dom, console = chromium(page.as_uri() + lao_cai, tmp_path / "p")
    drawn = int(re.search(r'data-drawn="(\d+)"', dom).group(1))
    wanted = [n for n, d in corpus_graph.graph.nodes(data=True)
              if d["kind"] == "document" and d.get("province") == "Lào Cai" and d.get("level") == "province"]
    assert not console and len(wanted) <= drawn < everything / 4  # Lào Cai's plans and the documents they cite
    shoot(page, "graph-corpus.png", "", tmp_path)
    shoot(page, "graph-corpus-lao-cai.png", lao_cai, tmp_path)


def test_cascade_page_filters(corpus_graph, tmp_path: Path) -> None:
    page = tmp_path / "cascade.html"
    page.write_text(corpus_graph.cascade("7619/QĐ-BCA", coverage=False).to_html(), encoding="utf-8")
    dom, console = chromium(page.as_uri() + "#locality=" + quote("Lâm Đồng"), tmp_path / "p")
    assert not console, console
    rows = re.findall(r"<tr data-level[^>]*>", dom)
    assert len(rows) == 5 and sum("hidden" in r for r in rows) == 3  # Lâm Đồng's two documents stay
    shoot(page, "cascade-corpus.png", "", tmp_path)
    shoot(page, "cascade-corpus-lam-dong.png", "#locality=" + quote("Lâm Đồng"), tmp_path)


def test_five_thousand_documents_open_as_groups(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from graph_scale import generate

    g = link(generate(5000))
    page = tmp_path / "g5k.html"
    page.write_text(g.to_html(), encoding="utf-8")
    dom, console = chromium(page.as_uri(), tmp_path / "p")
    assert not console and 'data-view="overview"' in dom
    groups = int(re.search(r'data-drawn="(\d+)"', dom).group(1))
    assert 10 < groups < 400  # one box per level and province, not 9,000 discs
    one = "#province=" + quote("Lào Cai") + "&level=district,commune"
    dom, console = chromium(page.as_uri() + one, tmp_path / "p")
    assert not console and 'data-view="nodes"' in dom
    assert 0 < int(re.search(r'data-drawn="(\d+)"', dom).group(1)) < 1000
    shoot(page, "graph-5000.png", "", tmp_path)
    shoot(page, "graph-5000-lao-cai.png", one + "&stubs=0", tmp_path)
