"""A collection of plan records for analysis: `load` an archive, filter it, tabulate it.

    >>> import vnplan
    >>> plans = vnplan.load("records.jsonl")  # doctest: +SKIP
    >>> plans.filter(level="province", year=2025).to_dataframe()  # doctest: +SKIP
"""
from __future__ import annotations

import html
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnplan.record import Record

__all__ = ["Records", "load"]


def _province(record: Record) -> str | None:
    """The current (post-2025) province of the issuer, or of the place line."""
    from datetime import date

    from vnplan.extract.places import province_of

    when = date.fromisoformat(record.issue_date) if record.issue_date else None
    for text in (record.issuer.get("name"), record.issuer.get("parent"), record.place):
        if text:
            found = province_of(text, date=when)
            if found is not None:
                return found.successor_name if found.era == "old" else found.name
    return None


@dataclass
class Records:
    """Plan records with tidy tables (`to_dataframe`, `citations`, …) and filters.

    Error records of a batch (files that could not be read) are kept apart in ``errors``.
    """

    records: list[Record]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __getitem__(self, index: int) -> Record:
        return self.records[index]

    def __repr__(self) -> str:
        extra = f", {len(self.errors)} unreadable" if self.errors else ""
        return f"<Records {len(self.records)} documents{extra}>"

    def filter(self, *, level: str | None = None, province: str | None = None, year: int | None = None,
               doc_type: str | None = None, theme: str | None = None) -> "Records":
        """The records matching every given criterion (province and theme match by folded text).

        >>> Records([Record(source={"path": "a"}, issue_year=2025)]).filter(year=2024)
        <Records 0 documents>
        """
        from vnplan.normalize.fold import fold_key

        def keep(r: Record) -> bool:
            if level and r.issuer.get("level") != level:
                return False
            if year and r.issue_year != year:
                return False
            if doc_type and fold_key(r.doc_type or "") != fold_key(doc_type):
                return False
            if province and fold_key(province) not in fold_key(_province(r) or ""):
                return False
            return not (theme and fold_key(theme) not in fold_key(" ".join(filter(None, [r.theme, r.title]))))

        return Records([r for r in self.records if keep(r)], self.errors)

    def to_dataframe(self) -> Any:
        """One row per document: the flat record columns plus ``province`` and ``path``."""
        from vnplan.batch import to_dataframe

        df = to_dataframe(self.records)
        df["province"] = [_province(r) for r in self.records]
        return df

    def _rows(self, key: str, fields_: tuple[str, ...]) -> Any:
        import pandas as pd

        rows = []
        for r in self.records:
            for i, item in enumerate(getattr(r, key)):
                item = item if isinstance(item, dict) else {"text": item}
                rows.append({"path": r.source.get("path"), "document": r.label, "level": r.issuer.get("level"),
                             "year": r.issue_year, "index": i, **{f: item.get(f) for f in fields_}})
        return pd.DataFrame(rows, columns=["path", "document", "level", "year", "index", *fields_])

    def citations(self) -> Any:
        """One row per citation: the citing document and the cited number, symbol, date, issuer, relation."""
        return self._rows("citations", ("doc_type", "number", "symbol", "date", "issuer", "relation"))

    def activities(self) -> Any:
        """One row per activity."""
        return self._rows("activities", ("text",))

    def responsibilities(self) -> Any:
        """One row per agency with its number of tasks."""
        df = self._rows("responsibilities", ("agency", "tasks"))
        df["tasks"] = [len(t) if isinstance(t, list) else 0 for t in df["tasks"]]
        return df

    def deadlines(self) -> Any:
        """One row per deadline, with its lead time in days from the date of issue."""
        import pandas as pd

        df = self._rows("deadlines", ("date", "text"))
        issued = {r.label: r.issue_date for r in self.records}
        df["lead_days"] = [
            (pd.Timestamp(d) - pd.Timestamp(issued[doc])).days if d and issued.get(doc) else None
            for d, doc in zip(df["date"], df["document"])]
        return df

    def graph(self, **options: Any) -> Any:
        """The citation graph of these records (`vnplan.link`)."""
        from vnplan.link import link

        return link(self.records, **options)

    def _repr_html_(self) -> str:
        head = "<tr>" + "".join(f"<th>{h}</th>" for h in ("document", "type", "issuer", "level", "date", "title")) + "</tr>"
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v or ''))}</td>" for v in (
                r.label, r.doc_type, r.issuer.get("name"), r.issuer.get("level"), r.issue_date or r.issue_year,
                (r.title or "")[:90])) + "</tr>" for r in self.records[:50])
        more = f"<p>… {len(self.records) - 50} more</p>" if len(self.records) > 50 else ""
        return f"<p><b>{len(self.records)} plan records</b></p><table>{head}{body}</table>{more}"


def _coerce(item: Any) -> Record | dict[str, Any]:
    if isinstance(item, Record):
        return item
    if isinstance(item, dict):
        if "error" in item and "doc_type" not in item:
            return item
        data = {**item}
        if "source" not in data and "file" in data:
            data["source"] = {"path": data["file"]}
        return Record.from_dict(data)
    raise TypeError(f"cannot load {type(item).__name__} as a plan record")


def load(source: "str | os.PathLike[str] | Iterable[Any]", **options: Any) -> Records:
    """Load plan records: a records file (JSONL/CSV/Parquet), a folder or file of documents, or records.

    A folder is extracted with `vnplan.extract_many` (``options`` go to it).

    >>> load([{"source": {"path": "kh.txt"}, "doc_type": "Kế hoạch", "issue_year": 2025}])
    <Records 1 documents>
    """
    items: Iterable[Any]
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir() or path.suffix.lower() in (".pdf", ".docx", ".txt", ".md"):
            from vnplan.batch import extract_many

            items = extract_many([path], **options)
        else:
            from vnplan.batch.output import iter_records

            items = iter_records(path)
    else:
        items = source
    records: list[Record] = []
    errors: list[dict[str, Any]] = []
    for item in items:
        value = _coerce(item if not hasattr(item, "to_dict") or isinstance(item, Record) else item.to_dict())
        (records if isinstance(value, Record) else errors).append(value)  # type: ignore[arg-type]
    return Records(records, errors)
