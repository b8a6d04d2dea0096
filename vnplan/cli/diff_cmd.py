"""``vnplan diff TEMPLATE LOCAL``: how a local plan adapted its template (a thin shell over `vnplan.compare`).

TEMPLATE and LOCAL are documents (PDF, DOCX, TXT, MD) or record JSON files.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = ("text", "markdown", "json", "html")


def add_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``diff`` and ``check``."""
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--similarity", choices=("combined", "tfidf", "fuzzy"), default="combined",
                   help="item similarity (default: combined = TF-IDF character n-grams + rapidfuzz)")
    p.add_argument("--threshold", type=float, default=None, help="similarity at which items are paired (default 0.4)")
    p.add_argument("--min-coverage", type=float, default=None, help="coverage the verdict needs (default 0.8)")


def options(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"similarity": args.similarity}
    if args.threshold is not None:
        out["threshold"] = args.threshold
    if args.min_coverage is not None:
        out["min_coverage"] = args.min_coverage
    return out


def emit(result: Any, fmt: str, output: str | None) -> None:
    """Render ``result`` (a PlanDiff or ComplianceReport) and write it."""
    text = {"text": result.to_text, "markdown": result.to_markdown, "json": result.to_json,
            "html": result.to_html}[fmt]()
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"vnplan: wrote {output}", file=sys.stderr)
    else:
        print(text)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("diff", help="compare a local plan with its template (plan diff)",
                       description="Align a template plan and a local plan: activities and responsibilities "
                                   "kept / modified / dropped / added, field checks, coverage.")
    p.add_argument("template", help="the higher-level plan (document or record JSON)")
    p.add_argument("local", help="the local plan that implements it")
    add_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.compare import compare

    emit(compare(args.template, args.local, **options(args)), args.format, args.output)
    return 0
