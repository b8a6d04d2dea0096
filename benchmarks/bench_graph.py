"""Citation-graph scale: build time, link cost per citation and HTML size for generated archives.

    python benchmarks/bench_graph.py            # 1,000 and 10,000 records
    python benchmarks/bench_graph.py 500 5000

Each generated record is a province, district or commune plan citing 3 documents: its parent plan in the
archive, a central directive and one document not in the archive.  ``link`` looks candidates up in a hash
index by (number, symbol), so its cost per citation should stay flat as the archive grows (n log n or better).
"""
from __future__ import annotations

import random
import sys
import time

from vnplan.link import link
from vnplan.link.localities import province_names
from vnplan.record import Record

LEVELS = ("province", "district", "commune")


def generate(n: int, seed: int = 15) -> list[Record]:
    rnd = random.Random(seed)
    provinces = province_names()
    records = [Record(source={"path": f"tw-{i}.pdf"}, doc_type="Quyết định", number=str(100 + i),
                      symbol="QĐ-TTg", issue_date=f"2025-0{1 + i % 9}-1{i % 9}", issue_year=2025,
                      issuer={"name": "Thủ tướng Chính phủ", "level": "central"}, title=f"Chương trình số {i}")
               for i in range(max(1, n // 100))]
    for i in range(len(records), n):
        level = LEVELS[i % 3]
        province = provinces[i % len(provinces)]
        prefix = {"province": "tỉnh", "district": "huyện Số", "commune": "xã Số"}[level]
        parent = records[rnd.randrange(len(records))]
        cites = [{"doc_type": parent.doc_type, "number": parent.number, "symbol": parent.symbol,
                  "date": parent.issue_date, "issuer": parent.issuer["name"], "relation": "implements"},
                 {"doc_type": "Nghị quyết", "number": str(rnd.randrange(1, 300)), "symbol": "NQ-CP",
                  "date": "2024-05-05", "issuer": "Chính phủ", "relation": "basis"},
                 {"doc_type": "Công văn", "number": str(rnd.randrange(1, 9000)), "symbol": "BNV-CQĐP",
                  "date": "2025-02-02", "issuer": "Bộ Nội vụ", "relation": "mentions"}]
        records.append(Record(source={"path": f"kh-{i}.pdf"}, doc_type="Kế hoạch", number=str(i), symbol="KH-UBND",
                              issue_date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", issue_year=2025,
                              issuer={"name": f"UBND {prefix} {province}" if level == "province" else
                                      f"UBND {prefix} {i % 50} tỉnh {province}", "level": level},
                              place=province, title=f"Kế hoạch thực hiện chương trình {i}", citations=cites))
    return records


def main(sizes: list[int]) -> None:
    print(f"{'records':>8} {'citations':>9} {'link s':>7} {'µs/citation':>11} {'html s':>7} {'html MB':>8} nodes")
    for n in sizes:
        records = generate(n)
        citations = sum(len(r.citations) for r in records)
        t0 = time.perf_counter()
        g = link(records)
        t1 = time.perf_counter()
        page = g.to_html()
        t2 = time.perf_counter()
        print(f"{n:>8} {citations:>9} {t1 - t0:>7.2f} {(t1 - t0) / citations * 1e6:>11.0f} {t2 - t1:>7.2f} "
              f"{len(page.encode()) / 1e6:>8.2f} {len(g)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
