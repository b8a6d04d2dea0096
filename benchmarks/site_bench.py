"""Benchmark (not a test): the offline explorer on generated records (issue 17).

    python benchmarks/site_bench.py [--docs 5000] [--no-checks] [--keep site-bench/]

Generates ``--docs`` plan records with texts cut from the corpus seeds (province directives, each carried out by
district and commune plans that cite it), builds the site, and prints build time, site size, and in headless
Chromium: the index page load, the one-time search index build, and search latency (the search alone and search +
table redraw, median and worst of 20 queries).
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from vnplan.record import Record
from vnplan.site import build_model, write_site
from vnplan.site.headless import Chromium

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = ["Lào Cai", "Gia Lai", "Nghệ An", "Thanh Hóa", "Đắk Lắk", "Cần Thơ", "Sơn La", "Lâm Đồng", "Hà Tĩnh",
             "Quảng Ngãi", "Phú Thọ", "Bắc Ninh", "An Giang", "Hải Phòng", "Khánh Hòa"]
THEMES = ["học tập suốt đời", "phòng cháy chữa cháy", "chuyển đổi số", "phòng chống ma túy", "bình đẳng giới",
          "an toàn thực phẩm", "xây dựng nông thôn mới", "cải cách hành chính", "bảo vệ môi trường",
          "phổ biến giáo dục pháp luật", "khuyến học khuyến tài", "phòng chống thiên tai"]
QUERIES = ["hoc tap suot doi", "phòng cháy", "chuyen doi so", "ma tuy", "Lào Cai", "ke hoach trien khai",
           "binh dang gioi", "nông thôn mới", "thien tai", "cai cach hanh chinh", "hoa xa", "an toan thuc pham",
           "khuyen hoc", "moi truong", "phap luat", "ubnd tinh", "so giao duc", "tuyen truyen", "bao cao", "2025"]


def generate(n: int, seed: int = 17) -> tuple[list[Record], dict[str, str]]:
    """``n`` records: one province directive in ten, the rest district / commune plans implementing one."""
    rng = random.Random(seed)
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt")))
    lines = [ln for ln in corpus.splitlines() if len(ln) > 40]
    records, texts, directives = [], {}, []
    for i in range(n):
        province, theme = rng.choice(PROVINCES), rng.choice(THEMES)
        year = rng.randint(2019, 2026)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        is_directive = i % 10 == 0 or not directives
        level = "province" if is_directive else rng.choice(["district", "commune"])
        issuer = f"UBND tỉnh {province}" if is_directive else (
            f"UBND huyện {rng.choice(['Bảo Yên', 'Văn Bàn', 'Sa Pa', 'Mường Khương'])}" if level == "district"
            else f"UBND xã {rng.choice(['Hoà Xá', 'Tân An', 'Phú Lộc', 'Đông Sơn'])}")
        number = str(100 + i)
        title = f"Kế hoạch triển khai {theme} năm {year} trên địa bàn {province}"
        activities = [{"text": rng.choice(lines)} for _ in range(rng.randint(3, 6))]
        citations = []
        if not is_directive:
            parent = rng.choice(directives[-30:])
            citations.append({"doc_type": "Kế hoạch", "number": parent.number, "symbol": "KH-UBND",
                              "date": parent.issue_date, "issuer": parent.issuer["name"], "relation": "implements"})
        path = f"luu-tru/{year}/kh-{number}-{level}.pdf"
        record = Record(source={"path": path, "sha256": f"{i:064x}"}, doc_type="Kế hoạch", number=number,
                        symbol="KH-UBND", issue_date=date, issue_year=year, place=province,
                        issuer={"name": issuer, "level": level, "parent": None}, title=title, theme=theme,
                        activities=activities, citations=citations,
                        warnings=["blank_date: the day or month of issue is left blank"] if i % 17 == 0 else [])
        records.append(record)
        if is_directive:
            directives.append(record)
        start = rng.randrange(0, max(1, len(lines) - 60))
        texts[path] = "\n".join([issuer.upper(), f"Số: {number}/KH-UBND", title, *lines[start:start + 40]])
    return records, texts


def measure(site: Path, runs: int = 20) -> dict[str, float]:
    with Chromium() as browser:
        t = time.perf_counter()
        browser.open(site / "index.html")
        load = time.perf_counter() - t
        build = browser.evaluate("(async function(){var t=performance.now(); await window.vnplanReady(); "
                                 "return performance.now()-t;})()")
        alone, redraw = [], []
        for q in QUERIES[:runs] * 2:  # each query twice: cold, then warm
            alone.append(browser.evaluate(f"(function(){{var t=performance.now(); window.vnplanSearch({q!r}); "
                                          f"return performance.now()-t;}})()"))
            redraw.append(browser.evaluate(f"(function(){{var q=document.getElementById('q'); var t=performance.now();"
                                           f" q.value={q!r}; q.dispatchEvent(new Event('input'));"
                                           f" return performance.now()-t;}})()"))
        errors = list(browser.errors)
    return {"load_s": load, "index_build_ms": build, "search_median_ms": statistics.median(alone),
            "search_p95_ms": statistics.quantiles(alone, n=20)[-1], "search_max_ms": max(alone), "search_redraw_median_ms": statistics.median(redraw),
            "search_redraw_max_ms": max(redraw), "errors": len(errors)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--no-checks", action="store_true", help="skip the compliance pages")
    ap.add_argument("--keep", help="write the site here instead of a temporary folder")
    args = ap.parse_args()
    t = time.perf_counter()
    records, texts = generate(args.docs)
    print(f"generated {len(records)} records in {time.perf_counter() - t:.1f} s")
    tmp = Path(tempfile.mkdtemp(prefix="vnplan-site-bench-"))
    out = Path(args.keep) if args.keep else tmp / "site"
    try:
        t = time.perf_counter()
        model = build_model(records, texts, checks=not args.no_checks)
        linked = time.perf_counter() - t
        summary = write_site(model, out, force=bool(args.keep))
        total = time.perf_counter() - t
        print(f"build: {total:.1f} s (link, cascades and checks {linked:.1f} s; pages {total - linked:.1f} s); "
              f"{summary.documents} documents, {summary.cascades} cascades, {summary.checks} compliance pages")
        files = sum(1 for f in out.rglob("*") if f.is_file())
        search_js = (out / "data" / "search.js").stat().st_size
        print(f"site: {summary.size / 1e6:.1f} MB in {files} files (search data {search_js / 1e6:.1f} MB)")
        m = measure(out)
        print(f"browser: index page loaded in {m['load_s']:.2f} s; search data loaded and indexed once, on first use, in "
              f"{m['index_build_ms']:.0f} ms")
        print(f"search latency, {len(QUERIES)} queries run twice: median {m['search_median_ms']:.1f} ms, "
              f"p95 {m['search_p95_ms']:.1f} ms, worst {m['search_max_ms']:.1f} ms; with the table redrawn: median {m['search_redraw_median_ms']:.1f} ms, "
              f"worst {m['search_redraw_max_ms']:.1f} ms; console errors: {m['errors']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
