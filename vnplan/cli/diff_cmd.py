"""``vnplan diff TEMPLATE LOCAL``: how a local plan adapted its template (a thin shell over `vnplan.compare`).

TEMPLATE and LOCAL are documents (PDF, DOCX, TXT, MD) or record JSON files.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from vnplan.cli.style import format_for
from vnplan.i18n import t

FORMATS = ("text", "markdown", "json", "html", "csv", "xlsx")

def examples() -> str:
    """The examples under ``vnplan diff --help``, their comments in the current language."""
    return (f"{t('cli.examples')}\n"
            "  vnplan diff kh-tinh-son-la.docx kh-xa-hoa-xa.pdf\n"
            f"  vnplan diff kh-tinh.docx kh-xa.pdf -o so-sanh.html        # {t('cli.example_html')}\n"
            f"  vnplan diff kh-tinh.docx kh-xa.pdf -o so-sanh.xlsx        # {t('cli.example_diff_xlsx')}\n"
            "  vnplan --lang en diff kh-tinh.docx kh-xa.pdf --format markdown\n")


def add_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``diff`` and ``check``."""
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=t("opt.diff.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=t("opt.diff.output"))
    p.add_argument("--force", action="store_true", help=t("opt.diff.force"))
    p.add_argument("--similarity", choices=("combined", "tfidf", "fuzzy"), default="combined",
                   help=t("opt.diff.similarity"))
    p.add_argument("--threshold", type=float, default=None, help=t("opt.diff.threshold"))
    p.add_argument("--min-coverage", type=float, default=None, help=t("opt.diff.min_coverage"))
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
                   help=t("opt.diff.lang"))


def options(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"similarity": args.similarity}
    if args.threshold is not None:
        out["threshold"] = args.threshold
    if args.min_coverage is not None:
        out["min_coverage"] = args.min_coverage
    return out


def claim_output(output: str | None, force: bool) -> None:
    """Refuse early (before any comparison runs) an ``-o`` file that vnplan did not write."""
    from vnplan.export.outfile import claim

    if output and output != "-":
        claim([output], force)


def emit(result: Any, fmt: str | None, output: str | None, force: bool = False) -> None:
    """Render ``result`` (a PlanDiff, ComplianceReport or ComplianceTable) in ``fmt`` (or ``-o``'s extension).

    ``-o FILE`` is written atomically and only over a file vnplan wrote, unless ``force``."""
    from vnplan.export.outfile import write_output

    fmt = format_for(output, fmt)
    claim_output(output, force)
    if fmt == "xlsx":
        from vnplan.errors import VnplanError

        if not output or output == "-":
            raise VnplanError(None, t("cli.xlsx_needs_output"))
        sheets = _sheets(result)
        from vnplan.export.excel import write_xlsx

        write_xlsx(sheets, output, force=force)
        print(f"vnplan: {t('cli.wrote', path=output)}", file=sys.stderr)
        return
    if fmt == "csv":
        from vnplan.export.records import safe_cell

        frame = next(iter(_sheets(result).values()))
        cells = frame.map if hasattr(frame, "map") else frame.applymap  # pandas < 2.1: applymap
        text = cells(lambda v: safe_cell(v) if isinstance(v, str) else v).to_csv(index=False)
    else:
        text = {"text": result.to_text, "markdown": result.to_markdown, "json": result.to_json,
                "html": result.to_html}[fmt]()
    if output and output != "-":
        write_output(output, text if text.endswith("\n") else text + "\n",
                     encoding="utf-8-sig" if fmt == "csv" else "utf-8", force=force)
        print(f"vnplan: {t('cli.wrote', path=output)}", file=sys.stderr)
    else:
        from vnplan.cli.read_cmd import terminal_safe

        print(terminal_safe(text) if sys.stdout.isatty() else text)  # a file name could carry escape sequences


def _sheets(result: Any) -> dict[str, Any]:
    from vnplan.compare.model import ComplianceReport, PlanDiff

    if isinstance(result, PlanDiff):
        return {t("title.activities"): result.to_dataframe("activities"),
                t("title.responsibilities"): result.to_dataframe("responsibilities"),
                t("title.checks"): ComplianceReport(result.verdict, result.coverage.reasons, result.coverage,
                                                    result.checks, result).to_dataframe()}
    if isinstance(result, ComplianceReport):
        return {t("title.report"): result.to_dataframe()}
    return {t("title.checks"): result.to_dataframe()}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("diff", help=t("cmd.diff"),
                       description=t("desc.diff"),
                       epilog=examples(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("template", help=t("opt.diff.template"))
    p.add_argument("local", help=t("opt.diff.local"))
    add_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.compare import compare

    claim_output(args.output, args.force)
    emit(compare(args.template, args.local, **options(args)), args.format, args.output, args.force)
    return 0
