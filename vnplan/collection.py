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
from functools import lru_cache
from pathlib import Path
from typing import Any

from vnplan import data as vnplan_data
from vnplan.errors import VnplanError
from vnplan.model.source import item_span
from vnplan.record import Record

__all__ = ["KEY", "LEVELS", "Records", "doc_types", "load", "warning_code"]

KEY = "path"  # the key column of every table: the document's source path
#: issuer levels by their record value, with the Vietnamese names a filter accepts
LEVELS = {"central": ("trung ương", "trung uong", "tw"), "province": ("tỉnh", "tinh", "thành phố trực thuộc trung ương"),
          "district": ("huyện", "huyen", "quận", "quan", "thị xã"), "commune": ("xã", "xa", "phường", "phuong", "thị trấn"),
          "unit": ("đơn vị", "don vi"), "party": ("đảng", "dang")}
_DATE_COLUMNS = ("issue_date", "period_start", "period_end", "date")


def _level(value: str) -> str:
    """A level filter value (English or Vietnamese, any case) → the record's level; unknown → an error listing valid ones.

    >>> _level("Tỉnh"), _level("commune")
    ('province', 'commune')
    """
    from vnplan.compare.similarity import fold

    key = fold(value).strip()
    for level, names in LEVELS.items():
        if key == level or key in {fold(n) for n in names}:
            return level
    valid = ", ".join(f"{k} ({v[0]})" for k, v in LEVELS.items())
    raise VnplanError(None, key="err.unknown_level", value=repr(value), valid=valid)


def warning_code(message: str) -> str:
    """The stable code of a record warning (`data/warning_codes.tsv`), ``other`` when no row matches.

    >>> warning_code("page numbers removed (10)"), warning_code("blank_date: the day or month of issue is left blank")
    ('cleanup', 'blank_date')
    """
    import re

    for code, pattern, _severity in _warning_rules():
        if re.search(pattern, message, re.IGNORECASE):
            return code
    head = message.split(":", 1)[0]
    return head if re.fullmatch(r"[a-z_]+", head) else "other"


@lru_cache(maxsize=1)
def doc_types() -> tuple[str, ...]:
    """The document type names a filter accepts (`data/doc_types.tsv` and `data/type_names.tsv`)."""
    names = {line.split("\t")[col] for name, col in (("doc_types.tsv", 1), ("type_names.tsv", 1))
             for line in vnplan_data.text(name).splitlines()[1:]
             if line.strip() and not line.startswith("#") and line.count("\t") >= col}
    return tuple(sorted(names - {"name", "doc_type"}))


def _doc_type(value: str) -> str:
    """A document type filter value (any case, with or without diacritics) → its name; unknown → an error.

    >>> _doc_type("quyet dinh"), _doc_type("CÔNG VĂN")
    ('Quyết định', 'Công văn')
    """
    from vnplan.link.keys import name_key

    found = {name_key(n): n for n in doc_types()}.get(name_key(value))
    if found is None:
        raise VnplanError(None, key="err.unknown_doc_type", value=repr(value), valid=", ".join(doc_types()))
    return found


def _year(value: int | str) -> int:
    """A year filter value: an int or its digits; anything else is an error.

    >>> _year("2025")
    2025
    """
    if isinstance(value, bool) or not str(value).strip().isdigit() or not 1945 <= int(value) <= 2100:
        raise VnplanError(None, key="err.unknown_year", value=repr(value))
    return int(value)


@lru_cache(maxsize=1)
def _warning_rules() -> list[tuple[str, str, str]]:
    """(code, pattern, severity) rows of ``data/warning_codes.tsv``, in order."""
    rows = [line.split("\t") for line in vnplan_data.text("warning_codes.tsv").splitlines()[1:]
            if line.strip() and not line.startswith("#")]
    return [(r[0], r[1], r[2]) for r in rows]


def _dates(df: Any) -> Any:
    import pandas as pd

    for col in _DATE_COLUMNS:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    return df


def _inside(span: Any, outer: Any) -> bool:
    return bool(span) and bool(outer) and outer[0] <= span[0] and span[-1] <= outer[1]


def _provinces(record: Record) -> tuple[str | None, str | None]:
    """(today's province, the province as named when issued) of the issuer, or of the place line.

    Central and party issuers have none: a ministry dated "Hà Nội" is not a Hà Nội document.

    >>> _provinces(Record(source={"path": "cv.txt"}, place="Hà Nội", issuer={"name": "Bộ Xây dựng", "level": "central"}))
    (None, None)
    >>> _provinces(Record(source={"path": "kh.txt"}, issue_date="2024-05-02", issuer={"name": "UBND tỉnh Yên Bái"}))
    ('Lào Cai', 'Yên Bái')
    """
    from datetime import date

    from vnplan.extract.places import province_of

    if record.issuer.get("level") in ("central", "party"):
        return None, None
    when = date.fromisoformat(record.issue_date) if record.issue_date else None
    for text in (record.issuer.get("name"), record.issuer.get("parent"), record.place):
        if text:
            found = province_of(text, date=when)
            if found is not None:
                return (found.successor_name if found.era == "old" else found.name), found.name
    return None, None


def _province(record: Record) -> str | None:
    """Today's (post-2025) province of the issuer, or of the place line; None for central and party issuers."""
    return _provinces(record)[0]


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

    def __getitem__(self, index: int | slice) -> Any:
        """A record by position; a slice gives `Records`.

        >>> Records([Record(source={"path": "a"}), Record(source={"path": "b"})])[:1]
        <Records 1 documents>
        """
        if isinstance(index, slice):
            return Records(self.records[index], self.errors)
        return self.records[index]

    def __repr__(self) -> str:
        extra = f", {len(self.errors)} unreadable" if self.errors else ""
        return f"<Records {len(self.records)} documents{extra}>"

    def filter(self, *, level: str | None = None, province: str | None = None, year: int | str | None = None,
               doc_type: str | None = None, theme: str | None = None) -> Records:
        """The records matching every given criterion.

        ``level`` is a record level or its Vietnamese name (``"tỉnh"``, ``"xã"``), ``doc_type`` a type name
        (``"quyết định"``, ``"cong van"``), ``year`` a year (``2025`` or ``"2025"``); an unknown value raises a
        `VnplanError` listing the valid ones.
        Text criteria ignore case, diacritics and punctuation; ``province`` matches today's
        province or the one named when the document was issued (before the 2025 merger);
        ``theme`` matches words of the stated theme or of the title.

        >>> Records([Record(source={"path": "a"}, issue_year=2025)]).filter(year=2024)
        <Records 0 documents>
        >>> Records([Record(source={"path": "a"}, title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời")]).filter(theme="hoc tap suot doi")
        <Records 1 documents>
        """
        from vnplan.link.keys import name_key

        level = _level(level) if level else None
        year = _year(year) if year is not None else None
        doc_type = _doc_type(doc_type) if doc_type else None

        def has(needle: str, *texts: str | None) -> bool:
            key = f" {name_key(needle)} "
            return any(key in f" {name_key(t)} " for t in texts if t)

        def keep(r: Record) -> bool:
            if level and r.issuer.get("level") != level:
                return False
            if year and r.issue_year != year:
                return False
            if doc_type and name_key(r.doc_type) != name_key(doc_type):
                return False
            if province and not has(province, *_provinces(r)):
                return False
            return not (theme and not has(theme, r.theme, r.title))

        return Records([r for r in self.records if keep(r)], self.errors)

    def to_dataframe(self) -> Any:
        """One row per document: the flat record columns (``path`` first) and ``province``; dates are datetime64,
        numbers stay text (``0124``).

        >>> df = Records([Record(source={"path": "kh.txt"}, number="0124", issue_date="2025-09-25")]).to_dataframe()
        >>> df.loc[0, "number"], str(df["issue_date"].dtype).startswith("datetime64")
        ('0124', True)
        """
        from vnplan.batch import to_dataframe

        df = to_dataframe(self.records)
        df["province"] = [_province(r) for r in self.records]
        df["number"] = df["number"].astype("string")
        return _dates(df)

    def _rows(self, key: str, fields_: tuple[str, ...]) -> Any:
        import pandas as pd

        rows = []
        for r in self.records:
            for i, item in enumerate(getattr(r, key)):
                item = item if isinstance(item, dict) else {"text": item}
                rows.append({KEY: r.source.get("path"), "document": r.label, "level": r.issuer.get("level"),
                             "year": r.issue_year, "index": i, **{f: item.get(f) for f in fields_}})
        df = pd.DataFrame(rows, columns=[KEY, "document", "level", "year", "index", *fields_])
        df["year"] = df["year"].astype("Int64")
        df["index"] = df["index"].astype("Int64")
        return _dates(df)

    def citations(self) -> Any:
        """One row per citation: the citing document and the cited number, symbol, date, issuer, relation."""
        return self._rows("citations", ("doc_type", "number", "symbol", "date", "issuer", "relation"))

    def activities(self) -> Any:
        """One row per activity."""
        return self._rows("activities", ("text",))

    def responsibilities(self) -> Any:
        """One row per agency × task (``task_index`` blank for an agency given no task text).

        >>> r = Record(source={"path": "kh.txt"}, responsibilities=[{"agency": "Sở Y tế", "tasks": ["Tuyên truyền", "Báo cáo"]}])
        >>> Records([r]).responsibilities()[["agency", "task"]].values.tolist()
        [['Sở Y tế', 'Tuyên truyền'], ['Sở Y tế', 'Báo cáo']]
        """
        import pandas as pd

        rows = []
        for r in self.records:
            for i, entry in enumerate(r.responsibilities):
                tasks = entry.get("tasks") or [None]
                for k, task in enumerate(tasks):
                    rows.append({KEY: r.source.get("path"), "document": r.label, "level": r.issuer.get("level"),
                                 "year": r.issue_year, "index": i, "agency": entry.get("agency"),
                                 "task_index": k if task is not None else None, "task": task})
        df = pd.DataFrame(rows, columns=[KEY, "document", "level", "year", "index", "agency", "task_index", "task"])
        for col in ("year", "index", "task_index"):
            df[col] = df[col].astype("Int64")
        return df

    def recipients(self) -> Any:
        """One row per recipient (Nơi nhận / Kính gửi entry)."""
        return self._rows("recipients", ("text",)).rename(columns={"text": "recipient"})

    def warnings(self) -> Any:
        """One row per record warning, with its code (`data/warning_codes.tsv`) and severity; unreadable files
        are rows with their error class as the code and severity ``error``.

        >>> Records([Record(source={"path": "kh.txt"}, warnings=["ocr_used: text read by OCR"])]).warnings()["code"].tolist()
        ['ocr_used']
        """
        import pandas as pd

        severity = {code: sev for code, _p, sev in _warning_rules()}
        rows = []
        for r in self.records:
            for i, message in enumerate(r.warnings):
                code = warning_code(message)
                rows.append({KEY: r.source.get("path"), "document": r.label, "index": i, "code": code,
                             "severity": severity.get(code, "warning"), "message": message})
        for e in self.errors:
            rows.append({KEY: e.get("path") or (e.get("source") or {}).get("path"), "document": None, "index": 0,
                         "code": e.get("error"), "severity": "error", "message": e.get("message")})
        df = pd.DataFrame(rows, columns=[KEY, "document", "index", "code", "severity", "message"])
        df["index"] = df["index"].astype("Int64")
        return df

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """An Excel workbook, one sheet per table (records, citations, activities, responsibilities, deadlines,
        warnings), frozen header rows and fitted column widths."""
        from vnplan.export.excel import write_xlsx

        records = self.to_dataframe()
        for col in ("activities", "responsibilities", "deadlines", "citations", "named_citations", "recipients"):
            if col in records.columns:
                records[col] = [len(v) if isinstance(v, list) else 0 for v in records[col]]
        write_xlsx({"records": records, "citations": self.citations(), "activities": self.activities(),
                    "responsibilities": self.responsibilities(), "deadlines": self.deadlines(),
                    "recipients": self.recipients(), "warnings": self.warnings()}, path)

    def deadlines(self) -> Any:
        """One row per deadline (date as datetime64), with its lead time in days from the date of issue, and the
        activity (``activity_index``) and agency whose text holds it, where the text says so.

        >>> r = Record(source={"path": "kh.txt"}, issue_date="2025-09-25", deadlines=[{"date": "2025-10-09", "text": "…"}])
        >>> int(Records([r]).deadlines().loc[0, "lead_days"])
        14
        """
        import pandas as pd

        df = self._rows("deadlines", ("date", "text"))
        issued = {r.source.get("path"): r.issue_date for r in self.records}

        def lead(deadline: Any, path: Any) -> int | None:
            try:
                return (pd.Timestamp(deadline) - pd.Timestamp(issued[path])).days
            except (KeyError, TypeError, ValueError):
                return None

        df["lead_days"] = pd.array([lead(d, p) if not pd.isna(d) and issued.get(p) else None
                                    for d, p in zip(df["date"], df[KEY])], dtype="Int64")
        links = [self._deadline_link(r, d) for r in self.records for d in r.deadlines]
        df["activity_index"] = pd.array([a for a, _ in links], dtype="Int64")
        df["agency"] = pd.array([g for _, g in links], dtype="string")
        return df

    @staticmethod
    def _deadline_link(record: Record, deadline: Any) -> tuple[int | None, str | None]:
        """(activity index, agency) whose text holds the deadline's sentence, where the record says so."""
        span = item_span(deadline)
        activity = next((i for i, a in enumerate(record.activities) if _inside(span, item_span(a))), None)
        agency = next((e.get("agency") for e in record.responsibilities if _inside(span, item_span(e))), None)
        return activity, agency

    def graph(self, **options: Any) -> Any:
        """The citation graph of these records (`vnplan.link`)."""
        from vnplan.link import link

        return link(self.records, **options)

    def _repr_html_(self) -> str:
        from vnplan.export.record_card import display_label
        from vnplan.i18n import date_text, t
        from vnplan.plaintext import clip

        head = "<tr>" + "".join(f"<th>{t('records.' + h)}</th>" for h in ("document", "type", "issuer", "level", "date",
                                                                          "title", "file")) + "</tr>"
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v or ''))}</td>" for v in (
                display_label(r), r.doc_type, r.issuer.get("name"), _level_name(r.issuer.get("level")),
                date_text(r.issue_date) if r.issue_date else r.issue_year, clip(r.title, 110),
                str(r.source.get("path", "")).rsplit("/", 1)[-1])) + "</tr>"
            for r in self.records[:50])
        more = f"<p>… {t('records.more', n=len(self.records) - 50)}</p>" if len(self.records) > 50 else ""
        errors = ", " + t("records.unreadable", n=len(self.errors)) if self.errors else ""
        # Jupyter right-aligns table cells by default; text columns read better left-aligned.
        from vnplan.export.scoped_css import host_reset

        style = f"<style>{host_reset('vnp-records')}.vnp-records td,.vnp-records th{{padding:3px 6px}}</style>"
        return (f'{style}<div class="vnp-records"><p><b>{t("records.count", n=len(self.records))}</b>{errors}</p>'
                f'<table>{head}{body}</table>{more}</div>')


def _level_name(level: str | None) -> str | None:
    from vnplan.i18n import catalogue, t

    return t(f"level.{level}") if f"level.{level}" in catalogue() else level


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
    from vnplan.errors import VnplanError

    raise VnplanError(None, key="err.cannot_load", kind=type(item).__name__)


def load(source: str | os.PathLike[str] | Iterable[Any], **options: Any) -> Records:
    """Load plan records: a records file (JSONL/CSV/Parquet), folders or files of documents, or records.

    Documents (a folder, a file, or a list of folders and files such as
    ``["corpus/seeds", "corpus/real"]``) are extracted with `vnplan.extract_many`
    (``options`` go to it).

    >>> load([{"source": {"path": "kh.txt"}, "doc_type": "Kế hoạch", "issue_year": 2025}])
    <Records 1 documents>
    """
    items: Iterable[Any]
    if isinstance(source, (bytes, bytearray, memoryview)) or hasattr(source, "read") or not hasattr(source, "__iter__"):
        from vnplan.read.source import as_path

        source = as_path(source)  # a bytes path is a path; content bytes or a file object: a clear VnplanError
    if isinstance(source, (str, os.PathLike)) and not os.path.exists(source):
        from vnplan.errors import VnplanError

        raise VnplanError(os.fspath(source), key="err.no_such_path")
    if isinstance(source, (list, tuple)) and source and all(isinstance(s, (str, os.PathLike)) for s in source):
        from vnplan.batch import extract_many

        items = extract_many([Path(s) for s in source], **options)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir() or path.suffix.lower() in (".pdf", ".docx", ".txt", ".md"):
            from vnplan.batch import extract_many

            items = extract_many([path], **options)
        else:
            from vnplan.export.records import iter_records

            items = iter_records(path)
    else:
        items = source
    records: list[Record] = []
    errors: list[dict[str, Any]] = []
    for item in items:
        value = _coerce(item if not hasattr(item, "to_dict") or isinstance(item, Record) else item.to_dict())
        (records if isinstance(value, Record) else errors).append(value)  # type: ignore[arg-type]
    return Records(records, errors)
