"""The ``vnplan`` command: a thin shell over the library's functions.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``.  Any `VnplanError` is printed as one line on stderr
with a non-zero exit code, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from vnplan.errors import VnplanError

__all__ = ["main"]

COMMANDS = ["read", "extract", "graph", "cascade", "diff", "check"]


def build_parser() -> argparse.ArgumentParser:
    from vnplan import __version__

    parser = argparse.ArgumentParser(prog="vnplan", description="Read Vietnamese government plan documents into data.")
    parser.add_argument("--version", action="version", version=f"vnplan {__version__}")
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
    try:
        return int(args._run(args) or 0)
    except VnplanError as exc:
        print(f"vnplan: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vnplan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
