"""Where `vnplan.read` spends its time on the born-digital PDFs of ../shared/archive (issue 11).

    PYTHONPATH=$PWD python benchmarks/stages_archive_read.py [--runs 3]

A benchmark, not a test: each stage of the PDF reader and of the normaliser is wrapped with a CPU
timer (stages nest: a flattened page's reload is in ``get_page`` and in ``flatten_page``),
the files are read ``--runs`` times after one warm-up pass, and the mean CPU seconds of a pass are
printed per stage with their share of the whole read.  ``raw pypdfium2`` is what the text alone
costs (``get_text_range`` of every page, as `bench_archive_read.py` times it).  The fresh held-out
set is never opened (`bench_archive_read.split_pdfs`).
"""
from __future__ import annotations

import argparse
import collections
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive_read import raw_text, split_pdfs

READ_STAGES = {
    "vnplan.read.pdf": ["page_objects", "annotations_print_text", "flatten_page", "annotation_start",
                        "flatten_annotations", "join_stamped", "find_tables", "layout_page",
                        "split_closing_stamp", "pdf_signatures", "visible_chars", "garbled_ratio", "tidy",
                        "page_breaks", "open_pdf"],
    "vnplan.read.budget": ["check_pdf_streams"],
}
NORMALIZE_STAGES = {
    "vnplan.normalize.pipeline": ["_legacy", "clean_unicode", "_mark_hard", "remove_noise", "fix_spacing",
                                  "strip_markup", "cut_boilerplate", "split_columns", "rejoin", "compose_nfc",
                                  "_tables"],
}


def _timed(spent: collections.Counter[str], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t

    return wrapper


def instrument(spent: collections.Counter[str]) -> None:
    """Wrap every stage (module functions, pypdfium2's page and text-page loads) with a CPU timer."""
    import pypdfium2 as pdfium

    for module, names in {**READ_STAGES, **NORMALIZE_STAGES}.items():
        mod = importlib.import_module(module)
        for name in names:
            setattr(mod, name, _timed(spent, name, getattr(mod, name)))
    pdfium.PdfDocument.__getitem__ = _timed(spent, "get_page", pdfium.PdfDocument.__getitem__)
    pdfium.PdfPage.get_textpage = _timed(spent, "get_textpage", pdfium.PdfPage.get_textpage)
    textpage = importlib.import_module("vnplan.read.pdf_textpage")
    textpage.TextPage.lines = _timed(spent, "TextPage.lines", textpage.TextPage.lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from vnplan.normalize.pipeline import build_document
    from vnplan.read import is_vietnamese, read_raw

    paths, _ = split_pdfs()
    pages, raw_cpu, _ = raw_text(paths)
    spent: collections.Counter[str] = collections.Counter()
    instrument(spent)
    for p in paths:  # warm-up: imports and data tables
        build_document(read_raw(p, ocr=False))
    spent.clear()
    read_s = norm_s = 0.0
    for _ in range(args.runs):
        for p in paths:
            t = time.process_time()
            raw = read_raw(p, ocr=False)
            t1 = time.process_time()
            is_vietnamese(build_document(raw).text)
            read_s += t1 - t
            norm_s += time.process_time() - t1
    total = (read_s + norm_s) / args.runs
    print(f"{len(paths)} born-digital PDFs, {pages} pages; CPU s a pass (mean of {args.runs}); "
          f"raw pypdfium2 {raw_cpu:.2f} s, vnplan.read {total:.2f} s (ratio {raw_cpu / total:.2f}x)")
    print(f"  {'read_raw':24} {read_s / args.runs:6.3f}  {100 * read_s / args.runs / total:5.1f}%")
    print(f"  {'build_document + check':24} {norm_s / args.runs:6.3f}  {100 * norm_s / args.runs / total:5.1f}%")
    for name, s in spent.most_common():
        print(f"    {name:22} {s / args.runs:6.3f}  {100 * s / args.runs / total:5.1f}%")


if __name__ == "__main__":
    main()
