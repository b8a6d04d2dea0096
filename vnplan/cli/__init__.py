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

EXAMPLES = """
  vnplan read kh-173.pdf --outline
  vnplan extract luu-tru/ -o records.jsonl
  vnplan diff kh-tinh.docx kh-xa.pdf -o so-sanh.html
  vnplan check --against kh-tinh.docx ke-hoach-cac-xa/ -o bang-kiem-tra.xlsx
  vnplan --lang en check kh-xa.pdf --against kh-tinh.docx
  vnplan site archive.sqlite -o kho/
"""
_PYTHON_HINT = re.compile(r";?\s*(?:pass|use|set|truyền)\s+\w+=\w+\b[^;]*$")  # English and Vietnamese wording


def cli_message(exc: VnplanError) -> str:
    """The error's one line, without hints that only make sense in Python (``require_vietnamese=False``).

    >>> cli_message(VnplanError("a.txt", "not Vietnamese; pass require_vietnamese=False to read it anyway"))
    'a.txt: not Vietnamese'
    >>> cli_message(VnplanError("a.txt", key="err.not_vietnamese"))
    'a.txt: văn bản không phải tiếng Việt (hầu như không có chữ cái tiếng Việt)'
    """
    return _PYTHON_HINT.sub("", str(exc)).rstrip(" ;")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, its texts in the current language (`vnplan.i18n`; `main` reads ``--lang`` first)."""
    from vnplan import __version__
    from vnplan.i18n import t

    parser = argparse.ArgumentParser(prog="vnplan", description=t("cli.description"),
                                     epilog=t("cli.examples") + EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vnplan {__version__}")
    parser.add_argument("--lang", choices=("vi", "en"), default=None,
                        help=t("cli.lang_help"))
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
        _localise(sub_parser)
    return _localise(parser)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's own "usage:" in the current language."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        from vnplan.i18n import t

        return super().add_usage(usage, actions, groups, t("cli.usage") + " " if prefix is None else prefix)


def _localise(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """argparse's own words (usage, section titles, -h and --version) from the message catalogue."""
    from vnplan.i18n import t

    parser.formatter_class = _Formatter
    parser._positionals.title = t("cli.positionals")
    parser._optionals.title = t("cli.options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = t("cli.help")
        elif isinstance(action, argparse._VersionAction):
            action.help = t("cli.version")
    return parser


def _asked_lang(argv: list[str]) -> str | None:
    """The ``--lang`` of a command line, read before parsing so ``--help`` is in that language too.

    >>> _asked_lang(["--lang", "en", "check", "--help"]), _asked_lang(["--lang=vi"]), _asked_lang(["read", "a.txt"])
    ('en', 'vi', None)
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("vi", "en"):
            return argv[i + 1]
        if arg in ("--lang=vi", "--lang=en"):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    from vnplan.i18n import use_lang

    # the help, the error lines and the reports are all in the language asked for (Vietnamese by default)
    with use_lang(_asked_lang(sys.argv[1:] if argv is None else argv)):
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from vnplan.i18n import t

    try:
        code = int(args._run(args) or 0)
        try:
            sys.stdout.flush()  # a full disk behind stdout fails here, not in the interpreter's exit
        except OSError:
            _silence_stdout()
            raise
        return code
    except VnplanError as exc:
        return _fail(cli_message(exc))
    except KeyboardInterrupt:
        print(f"vnplan: {t('cli.interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except MemoryError:
        return _fail(t("cli.out_of_memory"))
    except OSError as exc:  # a read-only folder, a full disk, an unreadable file: one line, no traceback
        try:
            sys.stdout.flush()
        except OSError:  # stdout itself failed (full disk): keep the interpreter's exit flush quiet
            _silence_stdout()
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")


def _fail(message: str) -> int:
    """Print the one error line (control characters of file names removed) and give exit status 1."""
    from vnplan.cli.read_cmd import terminal_safe
    from vnplan.i18n import t

    try:
        print(f"vnplan: {t('cli.error')}: {terminal_safe(' '.join(message.split()))}", file=sys.stderr)
    except OSError:  # pragma: no cover - stderr gone too
        pass
    return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of a broken or full stdout stays quiet."""
    try:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - stdout without a descriptor (tests)
        pass
