"""The typed values of a plan record: issuer, period, signer, citations, activities, ...

Each is a frozen dataclass with a short repr and ``to_dict``/``from_dict``
that write and read the JSON contract (`spec/record.md`).  A value extracted
from the text carries its `Source` as ``source`` (``"provenance"`` in JSON);
keys the model does not name are kept in ``extra``, so a record read from
JSON is written back unchanged.

    >>> d = {"date": "2025-10-08", "text": "Ngày 08/10/2025: báo cáo kết quả", "provenance": None}
    >>> Deadline.from_dict(d)
    Deadline(2025-10-08 'Ngày 08/10/2025: báo cáo kết quả')
    >>> Deadline.from_dict(d).to_dict() == d
    True
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vnplan.model.source import Source

__all__ = ["Activity", "Citation", "Deadline", "Issuer", "NamedCitation", "Period", "Recipient",
           "Responsibility", "Section", "Signature", "Signer", "Warning"]

PROVENANCE = "provenance"


def _short(text: str | None, width: int = 40) -> str:
    text = text or ""
    return repr(text if len(text) <= width else text[:width - 3] + "...")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _source(data: Mapping[str, Any]) -> Source | None:
    prov = data.get(PROVENANCE)
    return Source.from_dict(prov) if prov else None


def _extra(data: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known and k != PROVENANCE}


def _with_source(out: dict[str, Any], extra: Mapping[str, Any], source: Source | None) -> dict[str, Any]:
    out.update(extra)
    out[PROVENANCE] = source.to_dict() if source else None
    return out


@dataclass(frozen=True)
class Issuer:
    """The issuing body: ``Issuer('Ủy ban nhân dân xã Hoà Xá', 'commune')``."""

    name: str | None = None
    level: str | None = None  # central | province | district | commune | unit
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "level": self.level, "parent": self.parent}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Issuer:
        return cls(data.get("name"), data.get("level"), data.get("parent"))

    def __repr__(self) -> str:
        return f"Issuer({self.name!r}, {self.level!r})"


@dataclass(frozen=True)
class Period:
    """The plan's overall period: ``Period(2025-10-01 → 2025-10-07)``."""

    start: date | None = None
    end: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": _iso(self.start), "end": _iso(self.end)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Period:
        return cls(_date(data.get("start")), _date(data.get("end")))

    def __repr__(self) -> str:
        return f"Period({self.start or '…'} → {self.end or '…'})"


@dataclass(frozen=True)
class Signer:
    """Who signed: name as printed, chức vụ, and the authority prefixes (``TM. Ủy ban nhân dân``)."""

    name: str | None = None
    title: str | None = None
    authority: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "authority": list(self.authority)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signer:
        return cls(data.get("name"), data.get("title"), tuple(data.get("authority") or ()))

    def __repr__(self) -> str:
        return f"Signer({self.name!r}, {self.title!r})"


@dataclass(frozen=True)
class Citation:
    """Another document referred to by number: ``Citation(implements Kế hoạch 262/KH-UBND)``."""

    number: str | None
    symbol: str | None
    doc_type: str | None = None
    date: date | None = None
    issuer: str | None = None
    relation: str | None = None  # attached_to | basis | implements | proposal | mentions
    text: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()  # every place the document is named (spans of the text)
    source: Source | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KEYS = ("doc_type", "number", "symbol", "date", "issuer", "relation", "text", "mentions")

    def to_dict(self) -> dict[str, Any]:
        out = {"doc_type": self.doc_type, "number": self.number, "symbol": self.symbol, "date": _iso(self.date),
               "issuer": self.issuer, "relation": self.relation, "text": self.text,
               "mentions": [list(m) for m in self.mentions]}
        return _with_source(out, self.extra, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        mentions = tuple((int(s), int(e)) for s, e in data.get("mentions") or ())
        return cls(data.get("number"), data.get("symbol"), data.get("doc_type"), _date(data.get("date")),
                   data.get("issuer"), data.get("relation"), data.get("text"), mentions, _source(data),
                   _extra(data, cls._KEYS))

    @property
    def label(self) -> str:
        """``262/KH-UBND``."""
        return f"{self.number or '…'}/{self.symbol or ''}"

    def __repr__(self) -> str:
        return f"Citation({self.relation or '?'} {self.doc_type or ''} {self.label})"


@dataclass(frozen=True)
class NamedCitation:
    """A law cited by name only: ``NamedCitation('Luật Tổ chức chính quyền địa phương', 2015-06-19)``."""

    name: str
    date: date | None = None
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_source({"name": self.name, "date": _iso(self.date)}, {}, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NamedCitation:
        return cls(data["name"], _date(data.get("date")), _source(data))

    def __repr__(self) -> str:
        return f"NamedCitation({self.name!r}, {self.date})"


@dataclass(frozen=True)
class Activity:
    """A top-level item of the plan's activity list."""

    text: str
    source: Source | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return _with_source({"text": self.text}, self.extra, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Activity:
        return cls(data["text"], _source(data), _extra(data, ("text",)))

    def __repr__(self) -> str:
        return f"Activity({_short(self.text)})"


@dataclass(frozen=True)
class Responsibility:
    """An agency heading of the tổ chức thực hiện part and its tasks."""

    agency: str
    tasks: tuple[str, ...] = ()
    source: Source | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)  # e.g. role "lead", source "table"

    def to_dict(self) -> dict[str, Any]:
        return _with_source({"agency": self.agency, "tasks": list(self.tasks)}, self.extra, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Responsibility:
        return cls(data["agency"], tuple(data.get("tasks") or ()), _source(data), _extra(data, ("agency", "tasks")))

    def __repr__(self) -> str:
        return f"Responsibility({self.agency!r}, {len(self.tasks)} tasks)"


@dataclass(frozen=True)
class Deadline:
    """A concrete date by which someone must act or report, and the sentence that states it."""

    date: date
    text: str
    source: Source | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return _with_source({"date": self.date.isoformat(), "text": self.text}, self.extra, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Deadline:
        return cls(date.fromisoformat(data["date"]), data["text"], _source(data), _extra(data, ("date", "text")))

    def __repr__(self) -> str:
        return f"Deadline({self.date} {_short(self.text)})"


@dataclass(frozen=True)
class Recipient:
    """A Nơi nhận / Kính gửi entry (``Sở Giáo dục và Đào tạo``) and where it is printed."""

    text: str
    source: Source | None = None

    def __repr__(self) -> str:
        return f"Recipient({self.text!r})"


@dataclass(frozen=True)
class Section:
    """A top-level heading of the body: ``Section('I.', 'MỤC ĐÍCH, YÊU CẦU')``."""

    label: str | None
    title: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_source({"label": self.label, "title": self.title}, {}, self.source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        return cls(data.get("label"), data["title"], _source(data))

    def __repr__(self) -> str:
        return f"Section({self.label!r}, {self.title!r})"


@dataclass(frozen=True)
class Signature:
    """The digital signature of a PDF: signer, organisation, e-mail, signing time, where it was found."""

    signer: str | None = None
    organisation: str | None = None
    email: str | None = None
    time: str | None = None  # ISO 8601 with offset, as signed
    count: int = 0
    found_in: tuple[str, ...] = ()  # JSON "source": "pdf-signature", "stamp", ...
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KEYS = ("signer", "organisation", "email", "time", "count", "source")

    def to_dict(self) -> dict[str, Any]:
        return {"signer": self.signer, "organisation": self.organisation, "email": self.email, "time": self.time,
                "count": self.count, "source": list(self.found_in), **self.extra}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        return cls(data.get("signer"), data.get("organisation"), data.get("email"), data.get("time"),
                   int(data.get("count") or 0), tuple(data.get("source") or ()),
                   {k: v for k, v in data.items() if k not in cls._KEYS})

    def __repr__(self) -> str:
        return f"Signature({self.signer or self.organisation!r}, {self.time})"


_CODE = re.compile(r"([a-z][a-z0-9_]*): (.*)", re.DOTALL)


@dataclass(frozen=True)
class Warning:
    """A recoverable problem with the document: ``Warning('blank_number', 'the số is left blank')``.

    >>> Warning.parse("blank_date: the day or month of issue is left blank").code
    'blank_date'
    """

    code: str
    message: str
    span: Source | None = None  # the text the warning is about, when it is about one place

    @classmethod
    def parse(cls, text: str) -> Warning:
        """Read ``"code: message"`` (a warning without a code keeps its whole text as the message)."""
        m = _CODE.fullmatch(text)
        return cls(m.group(1), m.group(2)) if m else cls("", text)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if self.code else self.message

    def __repr__(self) -> str:
        return f"Warning({self.code!r}, {_short(self.message)})"
