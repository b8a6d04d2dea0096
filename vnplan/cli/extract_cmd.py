"""``vnplan extract PATH... [-o records.jsonl]``: one record per document, for one file or an archive.

    vnplan extract kh-173.pdf                       # the record as JSON on stdout
    vnplan extract luu-tru/ -o records.jsonl        # the whole archive, resumable
    vnplan extract luu-tru/ -o records.csv --exclude 'du-thao' --workers 4 --timeout 120

Exit code 0 when every file was extracted, 1 when any file has an error record.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from typing import Any

from vnplan.errors import VnplanError
from vnplan.i18n import t


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("extract", help=t("cmd.extract"),
                       description=t("desc.extract"),
                       epilog=t("cli.examples") + "\n  vnplan extract kh-173.pdf\n  vnplan extract luu-tru/ -o records.jsonl "
                              "--workers 4\n  vnplan extract luu-tru/ -o records.xlsx      # " + t("cli.example_xlsx") + "\n"
                              "  vnplan extract luu-tru/ -o records.csv --exclude 'du-thao/*'",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help=t("opt.extract.paths"))
    p.add_argument("-o", "--output", help=t("opt.extract.output"))
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], help=t("opt.extract.format"))
    p.add_argument("--workers", type=int, default=None, help=t("opt.extract.workers"))
    p.add_argument("--timeout", type=float, default=600.0,
                   help=t("opt.extract.timeout"))
    p.add_argument("--include", action="append", default=[], metavar="GLOB", help=t("opt.extract.include"))
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help=t("opt.extract.exclude"))
    p.add_argument("--force", action="store_true", help=t("opt.extract.force"))
    p.add_argument("--retry-errors", action="store_true", help=t("opt.extract.retry_errors"))
    p.add_argument("--no-ocr", action="store_true", help=t("opt.extract.no_ocr"))
    p.add_argument("--quiet", "-q", action="store_true", help=t("opt.extract.quiet"))
    return p


def _fn(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from vnplan.extract import extract

    return functools.partial(extract, ocr=False) if args.no_ocr else None


def _single(args: argparse.Namespace) -> int:
    """One file, no -o: extract it in a worker (bounded by --timeout and the memory budget); print its record."""
    from vnplan.batch.runner import is_error, process_file, run_batch

    path = args.paths[0]
    if not os.path.exists(path):
        raise VnplanError(path, t("cli.no_such_file"))
    record: dict[str, Any] | None
    if args.workers == 0:
        record = process_file(path, _fn(args))
    else:
        [(_, record)] = list(run_batch([path], _fn(args), workers=1, timeout=args.timeout or None, reuse_copies=False))
    if record is None:  # pragma: no cover - a batch of one file gives its record
        raise VnplanError(path, t("cli.no_such_file"))
    if is_error(record):
        raise VnplanError(None, record["message"])
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def run(args: argparse.Namespace) -> int:
    from vnplan.batch import extract_to
    from vnplan.batch.progress import Progress

    for path in args.paths:
        if not os.path.exists(path):
            raise VnplanError(path, t("cli.no_such_path"))
    if args.output is None and len(args.paths) == 1 and os.path.isfile(args.paths[0]) and args.format is None:
        return _single(args)
    output = args.output or "-"
    if args.workers is not None and args.workers < 0:
        raise VnplanError(None, t("cli.workers_negative", n=args.workers))
    progress = Progress(enabled=False if args.quiet else None)

    def warn(problem: str) -> None:
        print(f"vnplan: {t('cli.warning')}: {problem}", file=sys.stderr)

    excel = output.lower().endswith(".xlsx")
    if excel:  # records go to a resumable JSON Lines journal next to the workbook, then into its sheets
        from vnplan.export.outfile import claim

        claim([output], args.force)  # a workbook vnplan did not write is not replaced without --force
        output, args.format = output + ".jsonl", "jsonl"
    summary = extract_to(args.paths, output, format=args.format, fn=_fn(args), workers=args.workers,
                         timeout=args.timeout or None, include=args.include, exclude=args.exclude,
                         force=args.force, retry_errors=args.retry_errors, progress=progress, on_problem=warn)
    if excel:
        from vnplan.collection import load

        load(output).to_excel(args.output)
        summary.output = args.output
    if not args.quiet:
        print(f"vnplan: {summary}", file=sys.stderr)
    return 0 if summary.ok else 1
