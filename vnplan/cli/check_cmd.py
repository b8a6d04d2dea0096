"""``vnplan check --against TEMPLATE LOCAL...``: the compliance verdict of local plans against their template.

Exit status: 0 pass, 3 fail, 4 inconclusive (for many local plans: the worst of
them), 1 for a bad input, as for every command.
"""
from __future__ import annotations

import argparse
import sys

from vnplan.cli.diff_cmd import add_options, claim_output, emit, options
from vnplan.cli.style import EtaLine, colour, colour_enabled, format_for
from vnplan.compare.model import EXIT_CODES
from vnplan.i18n import t

FAIL_EXIT = EXIT_CODES["fail"]
INCONCLUSIVE_EXIT = EXIT_CODES["inconclusive"]


def examples() -> str:
    """The examples and exit statuses under ``vnplan check --help``, in the current language."""
    return (f"{t('cli.examples')}\n"
            "  vnplan check --against kh-tinh-son-la.docx kh-xa-hoa-xa.pdf\n"
            "  vnplan check kh-xa-hoa-xa.pdf --against kh-tinh-son-la.docx -o kiem-tra.html\n"
            f"  vnplan check --against kh-tinh.docx ke-hoach-cac-xa/ -o bang-kiem-tra.xlsx   # {t('cli.example_check_xlsx')}\n"
            "  vnplan check --against kh-tinh.docx xa-a.pdf xa-b.docx -o bang.csv\n"
            f"\n{t('cli.check_exit_status')}\n")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help=t("cmd.check"),
                       description=t("desc.check"),
                       epilog=examples(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("local", nargs="+", help=t("opt.check.local"))
    p.add_argument("--against", required=True, metavar="TEMPLATE", help=t("opt.check.against"))
    add_options(p)
    return p


def _coloured_text(text: str, verdict: str) -> str:
    if not colour_enabled():
        return text
    label = t("verdict." + verdict)
    return text.replace(label, colour(label, verdict), 1)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vnplan.compare import check, check_many

    fmt = format_for(args.output, args.format)
    claim_output(args.output, args.force)
    if len(args.local) == 1 and not Path(args.local[0]).is_dir():
        report = check(args.against, args.local[0], **options(args))
        if fmt == "text" and not args.output:
            from vnplan.cli.read_cmd import terminal_safe

            print(_coloured_text(terminal_safe(report.to_text()), report.verdict))  # only our own colours
        else:
            emit(report, fmt, args.output, args.force)
        for warning in report.warnings:
            print(f"vnplan: {t('cli.warning')}: {warning}", file=sys.stderr)
        return report.exit_code
    line = EtaLine(0)

    def progress(i: int, n: int, name: str) -> None:
        line.total = n
        line.step(i, t("cli.checking", name=name))

    table = check_many(args.against, args.local, progress=progress, **options(args))
    line.close()
    emit(table, fmt, args.output, args.force)
    if args.output:
        print(t("summary.many", n=len(table.reports), passed=table.counts()["pass"], failed=table.counts()["fail"],
                inconclusive=table.counts()["inconclusive"]), file=sys.stderr)
    return table.exit_code
