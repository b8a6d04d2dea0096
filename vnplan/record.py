"""The plan record: the output contract of ``vnplan extract`` (see README, "Record").

Top-level fields follow the shared contract (`spec/record.md`); nested values
are plain JSON-ready dicts and lists, and ``record.typed()`` is the same record
as typed values (`vnplan.model.Plan`).  Extra keys: ``provenance`` (one
`vnplan.model.Source` per scalar field, and per recipient; list items carry
their own under ``"provenance"``), ``sections``, ``signature``, ``warnings``.

    >>> r = Record(source={"path": "kh.txt"}, doc_type="Kế hoạch", number="173", symbol="KH-UBND")
    >>> r
    <Record Kế hoạch 173/KH-UBND kh.txt>
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from vnplan.model import Plan
from vnplan.views import view

__all__ = ["CONTRACT_FIELDS", "Record"]

CONTRACT_FIELDS = (
    "source", "doc_type", "number", "symbol", "issue_date", "issue_year", "place", "issuer", "title",
    "citations", "named_citations", "theme", "period", "activities", "responsibilities", "deadlines",
    "recipients", "signer",
)


def _issuer() -> dict[str, Any]:
    return {"name": None, "level": None, "parent": None}


def _period() -> dict[str, Any]:
    return {"start": None, "end": None}


def _signer() -> dict[str, Any]:
    return {"name": None, "title": None, "authority": []}


@dataclass
class Record:
    """One document's extracted plan record."""

    source: dict[str, Any]
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issue_date: str | None = None
    issue_year: int | None = None
    place: str | None = None
    issuer: dict[str, Any] = field(default_factory=_issuer)
    title: str | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    named_citations: list[dict[str, Any]] = field(default_factory=list)
    theme: str | None = None
    period: dict[str, Any] = field(default_factory=_period)
    activities: list[dict[str, Any]] = field(default_factory=list)
    responsibilities: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: dict[str, Any] = field(default_factory=_signer)
    signature: dict[str, Any] | None = None  # digital signature: signer, organisation, time, source (PDF only)
    provenance: dict[str, Any] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str | None, str | None, int | None]:
        """The document key: (issuer name, number, symbol, year)."""
        return (self.issuer.get("name"), self.number, self.symbol, self.issue_year)

    @property
    def label(self) -> str:
        """``173/KH-UBND`` (or ``…/KH-UBND`` when the number is blank)."""
        if not self.symbol:
            return self.number or "(no number)"
        return f"{self.number or '…'}/{self.symbol}"

    def typed(self) -> Plan:
        """This record as typed values (`vnplan.model.Plan`); ``typed().to_dict() == to_dict()``.

        >>> Record(source={"path": "kh.txt"}, deadlines=[{"date": "2025-10-08", "text": "Trước ngày 08/10/2025"}]
        ...        ).typed().deadlines
        (Deadline(2025-10-08 'Trước ngày 08/10/2025'),)
        """
        return Plan.from_dict(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record from its JSON form (unknown keys are kept in ``source``)."""
        names = {f.name for f in fields(cls)}
        known = {k: v for k, v in data.items() if k in names}
        known.setdefault("source", {"path": data.get("path", "")})
        return cls(**known)

    def __repr__(self) -> str:
        path = str(self.source.get("path", "")).rsplit("/", 1)[-1]
        return f"<Record {self.doc_type or '?'} {self.label} {path}>"

    def _repr_html_(self) -> str:
        return str(view("record.card")(self))
