"""The same per-file extraction on Dask, for archives beyond one machine.

`to_bag` maps the pure `process_file` over a ``dask.bag`` of paths;
`extract_many_dask` computes it a few partitions at a time (on the active
Dask scheduler: a ``distributed.Client`` if one is open) and yields the
record dicts in input order, with duplicates flagged as in the local path.
Needs the ``dask`` extra (``pip install "vnplan[dask]"``).

    >>> from dask.distributed import Client, LocalCluster  # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
    >>> recs = list(extract_many_dask(discover("luu-tru")))  # doctest: +SKIP
"""
from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vnplan.batch.duplicates import DuplicateFinder
from vnplan.batch.runner import process_file
from vnplan.errors import VnplanError

__all__ = ["extract_many_dask", "to_bag"]


def _bag_module() -> Any:
    try:
        import dask.bag as db
    except ImportError:
        raise VnplanError(None, key="err.dask_needs_dask") from None
    return db


def to_bag(paths: Iterable[str | os.PathLike[str]], fn: Callable[[str], Any] | None = None,
           partition_size: int = 100) -> Any:
    """A ``dask.bag`` of record dicts (one per path), lazily computed: ``bag.map(json.dumps).to_textfiles(...)``.

    >>> import json  # doctest: +SKIP
    >>> to_bag(discover("luu-tru")).map(json.dumps).to_textfiles("records/part-*.jsonl")  # doctest: +SKIP
    """
    db = _bag_module()
    seq = [os.fspath(p) for p in paths]
    npartitions = max(1, -(-len(seq) // partition_size))
    return db.from_sequence(seq, npartitions=npartitions).map(functools.partial(process_file, fn=fn))


def extract_many_dask(paths: Iterable[str | os.PathLike[str]], fn: Callable[[str], Any] | None = None, *,
                      partition_size: int = 100, window: int = 8,
                      flag_duplicates: bool = True) -> Iterator[dict[str, Any]]:
    """Yield the record dict of each path, in order, computing ``window`` partitions at a time.

    Paths are read ``partition_size × window`` at a time, so a stream of millions of paths is
    never held whole.

    >>> for rec in extract_many_dask(["luu-tru/kh-173.pdf"]):  # doctest: +SKIP
    ...     print(rec["source"]["sha256"][:8])
    """
    import dask

    db = _bag_module()
    finder = DuplicateFinder() if flag_duplicates else None
    mapper = functools.partial(process_file, fn=fn)
    it = iter(os.fspath(p) for p in paths)
    while True:
        chunk = list(itertools.islice(it, partition_size * window))
        if not chunk:
            return
        bag = db.from_sequence(chunk, partition_size=partition_size).map(mapper)
        (records,) = dask.compute(bag)
        for record in records:
            if finder is not None:
                finder.check(record)
            yield record
