"""The ``vnplan`` command: a thin shell over the library's functions.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``.  Any `VnplanError` is printed as one line on stderr
with a non-zero exit code, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import re
import sys

from vnplan.errors import VnplanError

__all__ = ["main"]

COMMANDS = ["read", "extract", "graph", "cascade", "diff", "check", "site"]

EXAMPLES = """examples:
  vnplan read kh-173.pdf --outline
  vnplan extract luu-tru/ -o records.jsonl
  vnplan diff kh-tinh.docx kh-xa.pdf -o so-sanh.html
  vnplan check --against kh-tinh.docx ke-hoach-cac-xa/ -o bang-kiem-tra.xlsx
  vnplan --lang en check kh-xa.pdf --against kh-tinh.docx
  vnplan site archive.sqlite -o kho/
"""
_PYTHON_HINT = re.compile(r";?\s*(?:pass|use|set)\s+\w+=\w+\b[^;]*$")


def cli_message(exc: VnplanError) -> str:
    """The error's one line, without hints that only make sense in Python (``require_vietnamese=False``).

    >>> cli_message(VnplanError("a.txt", "not Vietnamese; pass require_vietnamese=False to read it anyway"))
    'a.txt: not Vietnamese'
    """
    return _PYTHON_HINT.sub("", str(exc)).rstrip(" ;")


def build_parser() -> argparse.ArgumentParser:
    from vnplan import __version__

    parser = argparse.ArgumentParser(prog="vnplan", description="Read Vietnamese government plan documents into data.",
                                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vnplan {__version__}")
    parser.add_argument("--lang", choices=("vi", "en"), default=None,
                        help="language of reports and messages (default vi, or $VNPLAN_LANG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"vnplan.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"vnplan.cli.{name}_cmd":
                raise
            continue
        sub_parser = module.add_parser(sub)
        sub_parser.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    from vnplan.i18n import t, use_lang

    with use_lang(getattr(args, "lang", None)):
        try:
            return int(args._run(args) or 0)
        except VnplanError as exc:
            print(f"vnplan: {t('cli.error')}: {cli_message(exc)}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(f"vnplan: {t('cli.interrupted')}", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0
