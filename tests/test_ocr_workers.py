"""OCR parallelism inside batch workers (issue 11): one worker per core, one Tesseract page per worker.

Before, each batch worker OCR'd a scan's pages with one Tesseract process per core, so two workers on
two cores ran four Tesseract processes at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from vnplan.batch.runner import default_workers, run_batch
from vnplan.read import ocr_page


def page_workers(path: str) -> dict[str, Any]:
    """What one batch worker would give a scan's OCR pass (module level: sent to worker processes)."""
    return {"source": {"path": path}, "page_workers": ocr_page._PAGE_WORKERS[0]}


def _files(tmp_path: Path, n: int) -> list[str]:
    out = []
    for k in range(n):
        p = tmp_path / f"kh-{k}.txt"
        p.write_text(f"KẾ HOẠCH số {k}", encoding="utf-8")
        out.append(str(p))
    return out


def test_batch_workers_share_the_cores_for_ocr(tmp_path: Path) -> None:
    cores = default_workers()
    got = {rec["page_workers"] for _, rec in run_batch(_files(tmp_path, 4), page_workers, workers=cores)}
    assert got == {1}


def test_a_lone_worker_ocrs_pages_on_every_core(tmp_path: Path) -> None:
    got = {rec["page_workers"] for _, rec in run_batch(_files(tmp_path, 2), page_workers, workers=1)}
    assert got == {default_workers()}


def test_in_process_reads_keep_the_default() -> None:
    assert ocr_page._PAGE_WORKERS[0] == 0  # a plain `vnplan.read` OCRs one page per core
