"""Record dicts → rows of the store's tables, through the tidy tables of `vnplan.collection.Records`.

The columns come from the ``Records`` methods (``to_dataframe``, ``citations``, …), so
the store and the DataFrames never disagree; ``schema_v1.sql`` declares the same names.

    >>> rows = table_rows([{"source": {"path": "kh.txt"}, "title": "Kế hoạch Hoà Xá", "recipients": ["Như trên"]}])
    >>> rows["recipients"][1][0][-1], rows["records"][1][0][-3]
    ('Như trên', 'ke hoach hoa xa')
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from vnplan.plaintext import fold

__all__ = ["TIDY", "search_key", "table_rows"]

#: store table → the `Records` method whose DataFrame it holds
TIDY = {"citations": "citations", "activities": "activities", "responsibilities": "responsibilities",
        "deadlines": "deadlines", "recipients": "recipients", "warnings": "warnings"}
_STORE_ONLY = ("title_folded", "record_json", "seq")  # records columns the DataFrame does not have




_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc")


def search_key(text: str | None) -> str:
    """What the search indexes: the folded text without the national motto every document carries
    (its ``cộng hòa xã hội`` would match a search for ``hoa xa`` everywhere).

    >>> search_key("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc UBND xã Hoà Xá")
    'ubnd xa hoa xa'
    """
    return " ".join(_MOTTO.sub(" ", fold(text)).split())


def _cell(value: Any) -> Any:
    """A DataFrame cell as an SQLite value: dates ISO, lists JSON, missing values NULL."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (datetime, date)) or type(value).__name__ == "Timestamp":
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _frame_rows(df: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    cols = [str(c) for c in df.columns]
    rows = [tuple(_cell(v) for v in row) for row in df.astype(object).itertuples(index=False, name=None)]
    return cols, rows


def table_rows(records: Iterable[dict[str, Any]], start: int = 0) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """``{table: (columns, rows)}`` for a batch of record dicts (error records included); ``start`` numbers them."""
    from vnplan.batch import to_dataframe
    from vnplan.collection import KEY, Records
    from vnplan.record import Record

    items = list(records)
    good = [d for d in items if "error" not in d or "doc_type" in d]
    bad = [d for d in items if d not in good]
    recs = Records([Record.from_dict(_without_text(d)) for d in good], bad)
    frames = [recs.to_dataframe()] + ([to_dataframe(bad).rename(columns={"source_path": KEY})] if bad else [])
    cols, rows = _frame_rows(frames[0])
    for extra in frames[1:]:
        rows += _frame_rows(extra.reindex(columns=cols))[1]
    by_path = {_path(d): d for d in items}
    order = [_path(d) for d in good] + [_path(d) for d in bad]
    records_rows = [row + (fold(by_path[p].get("title")), _json(_without_text(by_path[p])), start + i)
                    for i, (p, row) in enumerate(zip(order, rows))]
    out = {"records": ([*cols, *_STORE_ONLY], records_rows)}
    for table, method in TIDY.items():
        out[table] = _frame_rows(getattr(recs, method)())
    return out


def _path(record: dict[str, Any]) -> str:
    return str((record.get("source") or {}).get("path"))


def _without_text(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "text"}


def _json(record: dict[str, Any]) -> str:
    from vnplan.export.records import json_line

    return json_line(record).rstrip("\n")
