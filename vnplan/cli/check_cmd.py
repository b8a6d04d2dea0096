"""``vnplan check LOCAL --against TEMPLATE``: the compliance verdict of a local plan.

Exit status: 0 when the verdict passes, 3 when it fails (1 for an unreadable
input, as for every command), so scripts can gate on it.
"""
from __future__ import annotations

import argparse

from vnplan.cli.diff_cmd import add_options, emit, options

FAIL_EXIT = 3


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="compliance verdict of a local plan against its template (exit 3 on fail)",
                       description="Check a local plan against its template: theme, period, reporting deadlines, "
                                   "citation and coverage of the template's activities. Exits 0 on pass, 3 on fail.")
    p.add_argument("local", help="the local plan (document or record JSON)")
    p.add_argument("--against", required=True, metavar="TEMPLATE", help="the template plan it implements")
    add_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.compare import check

    report = check(args.local, against=args.against, **options(args))
    emit(report, args.format, args.output)
    return 0 if report.passed else FAIL_EXIT
