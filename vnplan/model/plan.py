"""The typed plan record: every field of the JSON contract as a typed value.

`Plan` is the typed view of a `vnplan.record.Record` (``record.typed()``);
``Plan.from_dict(d).to_dict() == d`` for every record vnplan writes.  Scalar
fields keep their `Source` in ``provenance`` (field name → Source); list items
carry their own.

    >>> p = Plan.from_dict({"source": {"path": "kh.txt"}, "number": "173", "symbol": "KH-UBND",
    ...                     "recipients": ["Sở Giáo dục và Đào tạo"]})
    >>> p, p.recipients[0].text
    (Plan(173/KH-UBND kh.txt), 'Sở Giáo dục và Đào tạo')
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vnplan.model.source import Source
from vnplan.model.values import (
    Activity,
    Citation,
    Deadline,
    Issuer,
    NamedCitation,
    Period,
    Recipient,
    Responsibility,
    Section,
    Signature,
    Signer,
    Warning,
)

__all__ = ["FIELDS", "SCALAR_SOURCES", "Plan"]

# The record's JSON keys, in the order vnplan writes them.
FIELDS = ("source", "doc_type", "number", "symbol", "issue_date", "issue_year", "place", "issuer", "title",
          "citations", "named_citations", "theme", "period", "activities", "responsibilities", "deadlines",
          "recipients", "signer", "signature", "provenance", "sections", "warnings")
# The fields whose Source is kept in ``provenance`` (list items carry their own).
SCALAR_SOURCES = ("doc_type", "number", "symbol", "issue_date", "issue_year", "place", "issuer", "title", "theme",
                  "period", "signer")


@dataclass(frozen=True)
class Plan:
    """One document's plan record, typed."""

    source: Mapping[str, Any]  # the input file: path, format, pages, ...
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issue_date: date | None = None
    issue_year: int | None = None
    place: str | None = None
    issuer: Issuer = field(default_factory=Issuer)
    title: str | None = None
    citations: tuple[Citation, ...] = ()
    named_citations: tuple[NamedCitation, ...] = ()
    theme: str | None = None
    period: Period = field(default_factory=Period)
    activities: tuple[Activity, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    signer: Signer = field(default_factory=Signer)
    signature: Signature | None = None
    provenance: Mapping[str, Source] = field(default_factory=dict, hash=False)
    sections: tuple[Section, ...] = ()
    warnings: tuple[Warning, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`spec/record.md`), one `Source` shape for every value."""
        prov: dict[str, Any] = {k: self.provenance[k].to_dict() for k in SCALAR_SOURCES if k in self.provenance}
        if self.recipients:
            prov["recipients"] = [r.source.to_dict() if r.source else None for r in self.recipients]
        return {
            "source": dict(self.source), "doc_type": self.doc_type, "number": self.number, "symbol": self.symbol,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None, "issue_year": self.issue_year,
            "place": self.place, "issuer": self.issuer.to_dict(), "title": self.title,
            "citations": [c.to_dict() for c in self.citations],
            "named_citations": [c.to_dict() for c in self.named_citations], "theme": self.theme,
            "period": self.period.to_dict(), "activities": [a.to_dict() for a in self.activities],
            "responsibilities": [r.to_dict() for r in self.responsibilities],
            "deadlines": [d.to_dict() for d in self.deadlines], "recipients": [r.text for r in self.recipients],
            "signer": self.signer.to_dict(), "signature": self.signature.to_dict() if self.signature else None,
            "provenance": prov, "sections": [s.to_dict() for s in self.sections],
            "warnings": [str(w) for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """Read a record's JSON form (a gold file's ``file`` key stands for ``source.path``)."""
        prov = data.get("provenance") or {}
        recipients = list(data.get("recipients") or ())
        sources = list(prov.get("recipients") or ()) + [None] * len(recipients)
        signature = data.get("signature")
        return cls(
            source=dict(data.get("source") or {"path": data.get("file", "")}),
            doc_type=data.get("doc_type"), number=data.get("number"), symbol=data.get("symbol"),
            issue_date=date.fromisoformat(data["issue_date"]) if data.get("issue_date") else None,
            issue_year=data.get("issue_year"), place=data.get("place"),
            issuer=Issuer.from_dict(data.get("issuer") or {}), title=data.get("title"),
            citations=tuple(Citation.from_dict(c) for c in data.get("citations") or ()),
            named_citations=tuple(NamedCitation.from_dict(c) for c in data.get("named_citations") or ()),
            theme=data.get("theme"), period=Period.from_dict(data.get("period") or {}),
            activities=tuple(Activity.from_dict(a) for a in data.get("activities") or ()),
            responsibilities=tuple(Responsibility.from_dict(r) for r in data.get("responsibilities") or ()),
            deadlines=tuple(Deadline.from_dict(d) for d in data.get("deadlines") or ()),
            recipients=tuple(Recipient(t, Source.from_dict(s) if s else None) for t, s in zip(recipients, sources)),
            signer=Signer.from_dict(data.get("signer") or {}),
            signature=Signature.from_dict(signature) if signature else None,
            provenance={k: Source.from_dict(prov[k]) for k in SCALAR_SOURCES if prov.get(k)},
            sections=tuple(Section.from_dict(s) for s in data.get("sections") or ()),
            warnings=tuple(Warning.parse(w) for w in data.get("warnings") or ()),
        )

    @property
    def label(self) -> str:
        """``173/KH-UBND`` (``…/KH-UBND`` when the number is blank)."""
        return f"{self.number or '…'}/{self.symbol}" if self.symbol else (self.number or "(no number)")

    def __repr__(self) -> str:
        path = str(self.source.get("path", "")).rsplit("/", 1)[-1]
        return f"Plan({self.label} {path})"
