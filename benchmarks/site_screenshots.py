"""The screenshots of docs/site.md (not a test): build the explorer of an archive and photograph each page.

    python benchmarks/site_screenshots.py archive.sqlite [--out docs/screenshots]

Pages: the index (searched for ``hoa xa``, then filtered to communes), a document with a citation chain, a cascade,
a compliance page and the graph (a document's neighbourhood, English); prints any console error.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from vnplan.site import build_site
from vnplan.site.headless import Chromium


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive")
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--cascade", default="1074/QĐ-BXD", help="the directive whose pages to show")
    args = ap.parse_args()
    out = Path(args.out)
    site = Path(tempfile.mkdtemp(prefix="vnplan-shots-")) / "site"
    print(build_site(args.archive, site))
    with Chromium(width=1280, height=860) as b:
        b.open(site / "index.html")
        b.evaluate("window.vnplanReady().then(() => { var q = document.getElementById('q'); q.value = 'hoa xa'; "
                   "q.dispatchEvent(new Event('input')); })")
        b.screenshot(out / "site-index-search.png")
        b.evaluate("(function(){var q=document.getElementById('q'); q.value=''; q.dispatchEvent(new Event('input'));"
                   "var f=document.getElementById('f-level'); f.value='province'; f.dispatchEvent(new Event('change'));"
                   "var y=document.getElementById('f-year'); y.value='2026'; y.dispatchEvent(new Event('change'));})()")
        b.screenshot(out / "site-index-filter.png")
        cascade = next(p for p in sorted(site.glob("cascade/*.html")) if args.cascade in p.read_text(encoding="utf-8")
                       .split("<h1>", 1)[1].split("</h1>", 1)[0])
        b.open(cascade)
        b.screenshot(out / "site-cascade.png")
        b.click("table.cascade tbody tr:nth-child(2) a")  # the implementing document
        b.screenshot(out / "site-document.png")
        b.open(cascade)
        b.click("table.cascade a[href*='check/']")
        b.screenshot(out / "site-compliance.png")
        b.open(site / "graph.html")
        b.click("#lang-switch")
        b.evaluate(f"void window.vnplanGraph.nodes().filter(n => n.data('page') === '{cascade.stem}')[0].emit('tap')")
        b.evaluate("new Promise(r => setTimeout(r, 800))")  # Cytoscape draws sharp text on a later frame
        b.screenshot(out / "site-graph.png")
        b.click("#lang-switch")
        print("console errors:", b.errors or "none")
    shutil.rmtree(site.parent, ignore_errors=True)
    for png in sorted(out.glob("site-*.png")):
        print(f"{png} {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
