"""Batch extraction over an archive: many files in, one record per file out.

    >>> import vnplan
    >>> for rec in vnplan.extract_many("luu-tru/2025"):  # doctest: +SKIP
    ...     print(rec)
    <Record Kế hoạch 173/KH-UBND kh-173-festival.pdf>
    >>> df = vnplan.to_dataframe("records.jsonl")  # doctest: +SKIP

Modules: `discover` (walk an archive), `runner` (worker processes, timeouts,
crash isolation; `process_file` is the pure per-file function), `output`
(JSON Lines / CSV / Parquet, resume index), `duplicates`, `progress`,
`dask_runner` (the same extraction on a Dask cluster), `pipeline` (the verbs).
"""
from __future__ import annotations

from vnplan.batch.pipeline import extract_many, extract_to
from vnplan.batch.progress import Summary
from vnplan.batch.runner import ErrorRecord, process_file
from vnplan.discover import discover
from vnplan.export.records import iter_records, to_dataframe

__all__ = ["ErrorRecord", "Summary", "discover", "extract_many", "extract_to", "iter_records", "process_file",
           "to_dataframe"]
