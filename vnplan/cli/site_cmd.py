"""``vnplan site ARCHIVE -o site/``: the offline explorer of an archive, a folder of static pages.

    vnplan site archive.sqlite -o kho/            # from a store
    vnplan site records.jsonl -o kho/             # from a records file (texts read from the sources still there)
    vnplan site luu-tru/ -o kho/ --force          # from documents; replace an earlier build
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from vnplan.i18n import t

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("site", help=t("cmd.site"),
                       description=t("desc.site"),
                       epilog=t("cli.examples") + "\n  vnplan site archive.sqlite -o kho/\n  vnplan site luu-tru/ -o kho/ --force",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("archive", nargs="+", metavar="ARCHIVE",
                   help=t("opt.site.archive"))
    p.add_argument("-o", "--output", required=True, metavar="FOLDER", help=t("opt.site.output"))
    p.add_argument("--force", action="store_true", help=t("opt.site.force"))
    p.add_argument("--no-checks", action="store_true", help=t("opt.site.no_checks"))
    p.add_argument("--workers", type=int, default=None, help=t("opt.site.workers"))
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.site import build_site

    source = args.archive[0] if len(args.archive) == 1 else args.archive
    summary = build_site(source, args.output, force=args.force, checks=not args.no_checks, workers=args.workers)
    from vnplan.i18n import t

    print(f"vnplan: {summary}; {t('site.open', index=args.output.rstrip('/') + '/index.html')}", file=sys.stderr)
    return 0
