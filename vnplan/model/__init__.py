"""The typed plan record: frozen values with one `Source` shape, and their JSON form.

The bottom layer of vnplan: it imports nothing else of the package.

    >>> from vnplan.model import Plan
    >>> Plan.from_dict({"source": {"path": "kh.txt"}, "number": "05", "symbol": "KH-UBND"}).label
    '05/KH-UBND'
"""
from __future__ import annotations

from vnplan.model.plan import FIELDS, SCALAR_SOURCES, Plan
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

__all__ = ["FIELDS", "SCALAR_SOURCES", "Activity", "Citation", "Deadline", "Issuer", "NamedCitation", "Period",
           "Plan", "Recipient", "Responsibility", "Section", "Signature", "Signer", "Source", "Warning"]
