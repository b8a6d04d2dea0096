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
                       description="Write a static site: an index of every document (sort, filter, search without "
                                   "accents), a page per document, cascades, compliance pages and the citation graph. "
                                   "It opens from file:// with no network; Vietnamese by default, English switch.",
                       epilog="examples:\n  vnplan site archive.sqlite -o kho/\n  vnplan site luu-tru/ -o kho/ --force",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("archive", nargs="+", metavar="ARCHIVE",
                   help="a store (.sqlite), a records file (.jsonl .csv .parquet), or folders and files of documents")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER", help="the site folder (new or empty)")
    p.add_argument("--force", action="store_true", help="replace a site an earlier `vnplan site` wrote there")
    p.add_argument("--no-checks", action="store_true", help="skip the compliance pages (faster)")
    p.add_argument("--workers", type=int, default=None, help="worker processes when extracting documents")
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.site import build_site

    source = args.archive[0] if len(args.archive) == 1 else args.archive
    summary = build_site(source, args.output, force=args.force, checks=not args.no_checks, workers=args.workers)
    from vnplan.i18n import t

    print(f"vnplan: {summary}; {t('site.open', index=args.output.rstrip('/') + '/index.html')}", file=sys.stderr)
    return 0
