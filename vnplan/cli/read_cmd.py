"""``vnplan read FILE [--outline]``: show the normalised text or the structure."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    p = sub.add_parser("read", help="print a document's normalised text (or --outline)")
    p.add_argument("file")
    p.add_argument("--outline", action="store_true", help="print the document structure instead of the text")
    p.add_argument("--json", action="store_true", help="with --outline: print the outline as JSON")
    p.add_argument("--raw", action="store_true", help="print the reader's raw text before normalisation")
    p.add_argument("--no-ocr", action="store_true", help="do not run OCR on image-only PDFs")
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.read import read

    doc = read(args.file, ocr=not args.no_ocr)
    for warning in doc.warnings:
        print(f"vnplan: warning: {doc.path}: {warning}", file=sys.stderr)
    if args.outline:
        if args.json:
            print(json.dumps(doc.outline.to_dict(), ensure_ascii=False, indent=1))
        else:
            from vnplan.structure.render import outline_text

            print(outline_text(doc.outline))
    else:
        print(doc.raw.raw if args.raw else doc.text)
    return 0
