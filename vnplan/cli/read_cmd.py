"""``vnplan read FILE [--outline]``: show the normalised text or the structure."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    p = sub.add_parser("read", help="print a document's normalised text (or --outline)",
                       description="Read one document (PDF, DOCX, TXT, MD) and print its normalised text, one "
                                   "paragraph a line, or its structure (header, preamble, body tree, closing) with "
                                   "--outline. For checking what vnplan saw in a document before extracting it.",
                       epilog="examples:\n  vnplan read kh-173.pdf\n  vnplan read kh-173.pdf --outline\n"
                              "  vnplan read kh-173.pdf --outline --json > outline.json\n"
                              "  vnplan read scan.pdf --no-ocr --raw",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="the document to read")
    p.add_argument("--outline", action="store_true", help="print the document structure instead of the text")
    p.add_argument("--json", action="store_true", help="with --outline: print the outline as JSON")
    p.add_argument("--raw", action="store_true", help="print the reader's raw text before normalisation")
    p.add_argument("--no-ocr", action="store_true", help="do not run OCR on image-only PDFs")
    return p


def run(args: argparse.Namespace) -> int:
    from vnplan.i18n import t
    from vnplan.read import read

    doc = read(args.file, ocr=not args.no_ocr)
    for warning in doc.warnings:
        print(f"vnplan: {t('cli.warning')}: {doc.path}: {warning}", file=sys.stderr)
    if args.outline:
        if args.json:
            print(json.dumps(doc.outline.to_dict(), ensure_ascii=False, indent=1))
        else:
            from vnplan.structure.render import outline_text

            print(outline_text(doc.outline))
    else:
        print(doc.raw.raw if args.raw else doc.text)
    return 0
