"""``vnplan read FILE [--outline]``: show the normalised text or the structure.

The file is read in a worker process (``--timeout``, the memory budget), so a hostile file gives one
line, never a hang or a traceback; on a terminal, control characters of the document (ANSI escape
sequences that could recolour, retitle or clear it) are removed.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
from typing import IO, Any

from vnplan.errors import VnplanError
from vnplan.i18n import t

#: C0 controls but tab and line break, DEL, C1 controls (0x9b is a one-byte CSI): what a terminal obeys.
_CONTROLS = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without the escape sequences and control characters a terminal would act on.

    >>> terminal_safe("Kế hoạch\\x1b[2J\\x1b]0;pwned\\x07 số 12\\x9b31m")
    'Kế hoạch số 1231m'
    """
    return _CONTROLS.sub("", text)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("read", help=t("cmd.read"),
                       description=t("desc.read"),
                       epilog=t("cli.examples") + "\n  vnplan read kh-173.pdf\n  vnplan read kh-173.pdf --outline\n"
                              "  vnplan read kh-173.pdf --outline --json > outline.json\n"
                              "  vnplan read scan.pdf --no-ocr --raw",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help=t("opt.read.file"))
    p.add_argument("--outline", action="store_true", help=t("opt.read.outline"))
    p.add_argument("--json", action="store_true", help=t("opt.read.json"))
    p.add_argument("--raw", action="store_true", help=t("opt.read.raw"))
    p.add_argument("--no-ocr", action="store_true", help=t("opt.extract.no_ocr"))
    p.add_argument("--timeout", type=float, default=600.0,
                   help=t("opt.read.timeout"))
    return p


def render(path: str, outline: bool = False, as_json: bool = False, raw: bool = False,
           ocr: bool = True) -> dict[str, Any]:
    """What ``vnplan read`` prints for ``path``: ``{"text": …, "warnings": [...]}`` (runs in a worker)."""
    from vnplan.read import read

    doc = read(path, ocr=ocr)
    if outline and as_json:
        text = json.dumps(doc.outline.to_dict(), ensure_ascii=False, indent=1)
    elif outline:
        from vnplan.export.outline import outline_text

        text = outline_text(doc.outline)
    else:
        text = doc.raw.raw if raw else doc.text
    from vnplan.warning_text import warning_text

    return {"text": text, "warnings": [f"{doc.path}: {warning_text(w)}" for w in doc.warnings]}


def _print(text: str, stream: IO[str]) -> None:
    print(terminal_safe(text) if getattr(stream, "isatty", lambda: False)() else text, file=stream)


def run(args: argparse.Namespace) -> int:
    from vnplan.batch.runner import is_error, process_file, run_batch
    from vnplan.i18n import t

    if not os.path.lexists(args.file):
        raise VnplanError(args.file, t("cli.no_such_file"))
    fn = functools.partial(render, outline=args.outline, as_json=args.json, raw=args.raw, ocr=not args.no_ocr)
    result: dict[str, Any] | None
    if args.timeout:
        [(_, result)] = list(run_batch([args.file], fn, workers=1, timeout=args.timeout, reuse_copies=False))
    else:
        result = process_file(args.file, fn)
    if result is None:  # pragma: no cover - a batch of one file gives its record
        raise VnplanError(args.file, t("cli.no_such_file"))
    if is_error(result):
        raise VnplanError(None, result["message"])
    for warning in result.get("warnings") or []:
        _print(f"vnplan: {t('cli.warning')}: {warning}", sys.stderr)
    _print(result["text"], sys.stdout)
    return 0
