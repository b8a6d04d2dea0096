"""``vnplan graph``: the citation graph of documents or of a records .jsonl file.

    vnplan graph records.jsonl -o graph.html
    vnplan graph corpus/real/*.pdf -o graph.graphml
    vnplan graph records.jsonl --ancestors 1105/KH-ĐKT
    vnplan graph records.jsonl --descendants 4214/BCA-C04
    vnplan graph records.jsonl --implementers 22/2013/QĐ-TTg
    vnplan graph records.jsonl --missing
    vnplan graph records.jsonl --cycles
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vnplan.errors import VnplanError
from vnplan.i18n import t

__all__ = ["add_parser", "run"]

_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".parquet", ".pq")
_DOC_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("graph", help=t("cmd.graph"),
                       description=t("desc.graph"),
                       epilog=t("cli.examples") + "\n  vnplan graph luu-tru/ -o graph.html\n  vnplan graph records.jsonl -o graph.graphml\n"
                              "  vnplan graph records.jsonl --ancestors 1105/KH-ĐKT\n"
                              "  vnplan graph records.jsonl --missing --cycles",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help=t("opt.graph.paths"))
    p.add_argument("-o", "--output", help=t("opt.graph.output"))
    p.add_argument("--format", choices=["graphml", "gexf", "json", "cyjs", "csv", "dot", "html"],
                   help=t("opt.graph.format"))
    p.add_argument("--force", action="store_true", help=t("opt.graph.force"))
    p.add_argument("--timeout", type=float, default=600.0,
                   help=t("opt.graph.timeout"))
    p.add_argument("--workers", type=int, default=None, help=t("opt.graph.workers"))
    p.add_argument("--ancestors", metavar="NUMBER", help=t("opt.graph.ancestors"))
    p.add_argument("--descendants", metavar="NUMBER", help=t("opt.graph.descendants"))
    p.add_argument("--implementers", metavar="NUMBER", help=t("opt.graph.implementers"))
    p.add_argument("--relations", help=t("opt.graph.relations"))
    p.add_argument("--missing", action="store_true", help=t("opt.graph.missing"))
    p.add_argument("--unresolved", action="store_true", help=t("opt.graph.unresolved"))
    p.add_argument("--cycles", action="store_true", help=t("opt.graph.cycles"))
    p.add_argument("--set-aside", action="store_true",
                   help=t("opt.graph.set_aside"))
    return p


def _records(paths: list[str], timeout: float | None = None, workers: int | None = None) -> list[Any]:
    """Records files as they are, documents extracted in worker processes: a file that fails, hangs past
    ``timeout`` or kills its worker becomes an error record (set aside), and the graph goes on."""
    from vnplan.batch.runner import run_batch

    records: list[Any] = []
    documents: list[str] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise VnplanError(name, t("cli.no_such_path"))
        # not is_dir(): a FIFO or device named like a document is kept, to become an error record, never read
        files = sorted(p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in _DOC_SUFFIXES + (".jsonl",)) \
            if path.is_dir() else [path]
        for file in files:
            if file.name.lower().endswith(_RECORD_SUFFIXES):
                records.append(str(file))  # read (and sorted into documents / set aside) by link
            else:
                documents.append(str(file))
    if documents:
        n = min(len(documents), 2 if workers is None else workers)  # 0: in this process, without a timeout
        records += [data for _, data in run_batch(documents, workers=n, timeout=timeout, reuse_copies=False)]
    return records


def _targets(output: str, fmt: str | None) -> list[str]:
    """The files ``graph.write(output, fmt)`` will write (CSV: a nodes and an edges file)."""
    from vnplan.export.graph_formats import format_of

    if format_of(Path(output), fmt) != "csv":
        return [output]
    base = output[: -len(".csv")] if output.lower().endswith(".csv") else output
    return [base + ".nodes.csv", base + ".edges.csv"]


def run(args: argparse.Namespace) -> int:
    from vnplan.link import link

    targets = _targets(args.output, args.format) if args.output else []
    if targets:
        from vnplan.export.outfile import claim

        claim(targets, args.force)  # before any extraction: a refused output costs no time
    graph = link(_records(args.paths, args.timeout or None, args.workers))
    out = sys.stdout
    relations = [r.strip() for r in args.relations.split(",")] if args.relations else None
    asked = False
    try:
        if args.ancestors:
            asked = True
            print(graph.tree(args.ancestors, forward=True, relations=relations), file=out)
        if args.descendants:
            asked = True
            print(graph.tree(args.descendants, forward=False, relations=relations), file=out)
        if args.implementers:
            asked = True
            groups = (graph.implementers(args.implementers, relations=relations) if relations
                      else graph.implementers(args.implementers))
            print(t("cli.graph_implementing", doc=graph.describe(graph.find(args.implementers)[0])), file=out)
            if not groups:
                print("  " + t("cli.graph_none"), file=out)
            for (province, level), nodes in groups.items():
                print(f"  {level or '?'} · {province or '—'}:", file=out)
                for node in nodes:
                    print(f"    {graph.describe(node)}", file=out)
    except KeyError as exc:
        raise VnplanError(None, str(exc.args[0])) from None
    if args.missing:
        asked = True
        missing = graph.missing()
        print(t("cli.graph_missing", n=len(missing)), file=out)
        for node, citing in missing:
            print(f"  {graph.describe(node)}  ← {t('cli.graph_cited_by', n=len(citing))}: "
                  f"{', '.join(graph.node(c).get('label') or c for c in citing)}", file=out)
    if args.unresolved:
        asked = True
        rows = graph.unresolved()
        print(t("cli.graph_unresolved", n=len(rows)), file=out)
        for node, candidates in rows:
            print(f"  {graph.describe(node)}: {t('cli.graph_candidates')} {', '.join(candidates)}", file=out)
    if args.cycles:
        asked = True
        cycles = graph.cycles()
        print(t("cli.graph_cycles", n=len(cycles)) + (":" if cycles else ""), file=out)
        for cycle in cycles:
            print("  " + " → ".join(graph.node(n).get("label") or n for n in cycle + cycle[:1]), file=out)
    if args.set_aside:
        asked = True
        print(t("cli.graph_set_aside", n=len(graph.set_aside)), file=out)
        for item in graph.set_aside:
            print(f"  {item['path']}: {item['reason']}", file=out)
    if args.output:
        from vnplan.export.outfile import remember

        written = graph.write(args.output, args.format)
        remember(written)
        print(f"{graph!r} → {', '.join(written)}", file=sys.stderr)
    elif not asked:
        print(repr(graph), file=out)
    return 0
