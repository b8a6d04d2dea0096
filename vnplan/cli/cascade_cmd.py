"""``vnplan cascade``: the documents that carry out a directive, level by level.

    vnplan cascade records.jsonl --root 22/2013/QĐ-TTg
    vnplan cascade corpus/real --root 7619/QĐ-BCA -o cascade.html     # or .csv
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from vnplan.errors import VnplanError
from vnplan.i18n import t

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("cascade", help=t("cmd.cascade"),
                       description=t("desc.cascade"),
                       epilog=t("cli.examples") + "\n  vnplan cascade records.jsonl --root 22/2013/QĐ-TTg\n"
                              "  vnplan cascade luu-tru/ --root 4214/BCA-C04 -o chuoi-trien-khai.html",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help=t("opt.cascade.paths"))
    p.add_argument("--root", required=True, metavar="NUMBER", help=t("opt.cascade.root"))
    p.add_argument("-o", "--output", help=t("opt.cascade.output"))
    p.add_argument("--relations", help=t("opt.cascade.relations"))
    p.add_argument("--no-coverage", action="store_true", help=t("opt.cascade.no_coverage"))
    p.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS,
                   help=t("opt.cascade.lang"))
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.cli.graph_cmd import _records
    from vnplan.link import link

    graph = link(_records(args.paths))
    relations = [r.strip() for r in args.relations.split(",")] if args.relations else None
    cascade = graph.cascade(args.root, relations=relations, coverage=not args.no_coverage,
                            lang=getattr(args, "lang", None))
    if args.output:
        name = args.output.lower()
        if name.endswith((".html", ".htm")):
            cascade.write_html(args.output)
        elif name.endswith(".csv"):
            cascade.to_csv(args.output)
        else:
            raise VnplanError(args.output, t("cli.cascade_output"))
        print(f"vnplan: {t('cli.cascade_wrote', n=len(cascade.rows), gaps=len(cascade.gaps), path=args.output)}",
              file=sys.stderr)
    else:
        print(cascade)
    return 0
