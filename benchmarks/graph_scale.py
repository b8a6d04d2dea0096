"""Citation-graph scale: link time, its growth exponent, HTML build time and size for generated archives.

    PYTHONPATH=$PWD python benchmarks/graph_scale.py              # 1,000 and 10,000 records
    PYTHONPATH=$PWD python benchmarks/graph_scale.py 1000 10000 50000

The generated archive is a cascade like the real one: central directives; province plans implementing one;
district plans implementing their province's plan; commune plans implementing their district's.  Every issuer
numbers its own plans from 1, so one number and symbol (``12/KH-UBND``) recurs in every province, as it does
in real archives.  Each plan also cites a Nghị quyết and a Công văn not in the archive.

The growth exponent is the least-squares slope of log(link CPU time) against log(citations); n log n between
1,000 and 10,000 records is about 1.12, linear 1.0, all-pairs 2.0.  CPU time (``time.process_time``) is fitted
rather than wall time, which a shared machine inflates at random.
"""
from __future__ import annotations

import math
import random
import sys
import time
from collections import defaultdict

from vnplan.link import link
from vnplan.link.localities import province_names
from vnplan.record import Record

N_LOG_N = 1 + math.log10(math.log(10_000) / math.log(1_000))


def _plan(i: int, number: int, level: str, issuer: str, province: str, parent: Record, rnd: random.Random) -> Record:
    cites = [{"doc_type": parent.doc_type, "number": parent.number, "symbol": parent.symbol,
              "date": parent.issue_date, "issuer": parent.issuer["name"], "relation": "implements"},
             {"doc_type": "Nghị quyết", "number": str(rnd.randrange(1, 300)), "symbol": "NQ-CP",
              "date": "2024-05-05", "issuer": "Chính phủ", "relation": "basis"},
             {"doc_type": "Công văn", "number": str(rnd.randrange(1, 9000)), "symbol": "BNV-CQĐP",
              "date": "2025-02-02", "issuer": "Bộ Nội vụ", "relation": "mentions"}]
    return Record(source={"path": f"kh-{i}.pdf"}, doc_type="Kế hoạch", number=str(number), symbol="KH-UBND",
                  issue_date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", issue_year=2025,
                  issuer={"name": issuer, "level": level}, place=province,
                  title=f"Kế hoạch thực hiện chương trình {i}", citations=cites)


def generate(n: int, seed: int = 15) -> list[Record]:
    """``n`` records: 1 % central directives, then province, district and commune plans in turn."""
    rnd = random.Random(seed)
    provinces = province_names()
    records = [Record(source={"path": f"tw-{i}.pdf"}, doc_type="Quyết định", number=str(100 + i),
                      symbol="QĐ-TTg", issue_date=f"2024-0{1 + i % 9}-1{i % 9}", issue_year=2024,
                      issuer={"name": "Thủ tướng Chính phủ", "level": "central"}, title=f"Chương trình số {i}")
               for i in range(max(1, n // 100))]
    central = list(records)
    numbers: dict[str, int] = defaultdict(int)  # issuer → its last number
    plans: dict[tuple[str, str], list[Record]] = defaultdict(list)  # (level, province) → plans
    for i in range(len(records), n):
        province = provinces[rnd.randrange(len(provinces))]
        level = ("province", "district", "commune")[i % 3]
        if level == "province":
            issuer, parent = f"UBND tỉnh {province}", rnd.choice(central)
        elif level == "district":
            issuer = f"UBND huyện Số {rnd.randrange(8)} tỉnh {province}"
            parent = rnd.choice(plans[("province", province)] or central)
        else:
            issuer = f"UBND xã Số {rnd.randrange(20)} tỉnh {province}"
            parent = rnd.choice(plans[("district", province)] or central)
        numbers[issuer] += 1
        record = _plan(i, numbers[issuer], level, issuer, province, parent, rnd)
        plans[(level, province)].append(record)
        records.append(record)
    return records


def exponent(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(seconds) against log(size).

    >>> round(exponent([(1000, 1.0), (10000, 10.0)]), 2)
    1.0
    """
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-9)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(sizes: list[int]) -> None:
    print(f"{'records':>8} {'citations':>9} {'link s':>7} {'cpu s':>7} {'µs/cit.':>8} {'resolved':>8} "
          f"{'html s':>7} {'html MB':>8} {'nodes':>6}")
    points = []
    for n in sizes:
        records = generate(n)
        citations = sum(len(r.citations) for r in records)
        t0, c0 = time.perf_counter(), time.process_time()
        g = link(records)
        t1, c1 = time.perf_counter(), time.process_time()
        page = g.to_html()
        t2 = time.perf_counter()
        resolved = len(g.edges(resolved_only=True))
        points.append((citations, c1 - c0))
        print(f"{n:>8} {citations:>9} {t1 - t0:>7.2f} {c1 - c0:>7.2f} {(c1 - c0) / citations * 1e6:>8.0f} "
              f"{resolved:>8} {t2 - t1:>7.2f} {len(page.encode()) / 1e6:>8.2f} {len(g):>6}", flush=True)
    if len(points) > 1:
        print(f"link CPU time grows as citations^{exponent(points):.2f} (n log n ≈ {N_LOG_N:.2f}, all-pairs 2.00)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
