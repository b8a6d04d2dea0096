"""Where `vnplan.read` spends its time on the born-digital PDFs of ../shared/archive (issue 11).

    PYTHONPATH=$PWD python benchmarks/stages_archive_read.py [--runs 3]

A benchmark, not a test: each stage of the PDF reader and of the normaliser is wrapped with a CPU
timer (stages nest: a flattened page's reload is in ``get_page`` and in ``flatten_page``),
the files are read ``--runs`` times after one warm-up pass, and the mean CPU seconds of a pass are
printed per stage with their share of the whole read.  ``raw pypdfium2`` is what the text alone
costs (``get_text_range`` of every page, as `bench_archive_read.py` times it).  The fresh held-out
set is never opened (`bench_archive_read.split_pdfs`).

The last lines split off the work pdfium itself does for vnplan that no Python change can remove
while the output stays the same (page and text-page loads, ``FPDFPage_Flatten`` and the reload of a
flattened page, the signature dictionaries pdfium parses for their signing time, the stream check's
inflation): the read's floor, and the best ratio to raw pypdfium2 reachable above it.
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
    import pypdfium2.raw as pdfium_c

    # pdfium's own work inside the stages (looked up at call time through these modules)
    pdfium_c.FPDFPage_Flatten = _timed(spent, "pdfium FPDFPage_Flatten", pdfium_c.FPDFPage_Flatten)
    pdfium_c.FPDFSignatureObj_GetTime = _timed(spent, "pdfium signature /V parse",
                                               pdfium_c.FPDFSignatureObj_GetTime)
    budget = importlib.import_module("vnplan.read.budget")
    budget._inflated_size = _timed(spent, "stream check inflate", budget._inflated_size)


# pdfium (and zlib) work of a read that the output depends on: loads, flatten, signature dictionaries, and
# the stream check's inflation (a page's image streams are inflated too: a stream's dictionary does not
# prove how pdfium will use it, so none may be skipped)
FLOOR = ["get_page", "get_textpage", "pdfium FPDFPage_Flatten", "pdfium signature /V parse", "stream check inflate",
         "open_pdf"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from vnplan.normalize.pipeline import build_document
    from vnplan.read import is_vietnamese, read_raw

    paths, _ = split_pdfs()
    spent: collections.Counter[str] = collections.Counter()
    instrument(spent)
    for p in paths:  # warm-up: imports and data tables
        build_document(read_raw(p, ocr=False))
    spent.clear()
    read_s = norm_s = raw_cpu = 0.0
    for _ in range(args.runs):
        kept = spent.copy()  # raw pypdfium2 is timed in each run, beside the read (a busy machine slows both)
        pages, raw_s, _ = raw_text(paths)
        raw_cpu += raw_s / args.runs
        spent.clear()
        spent.update(kept)
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
        print(f"    {name:26} {s / args.runs:6.3f}  {100 * s / args.runs / total:5.1f}%")
    floor = sum(spent[name] for name in FLOOR) / args.runs
    print(f"  pdfium floor ({', '.join(FLOOR)}): {floor:.3f} s; the rest (Python, char boxes, object walks) "
          f"{total - floor:.3f} s")
    print(f"  ratio with the rest halved {raw_cpu / (floor + (total - floor) / 2):.2f}x, with no rest at all "
          f"{raw_cpu / floor:.2f}x (target >= 0.5x)")


if __name__ == "__main__":
    main()
