"""Segment a normalised document into its outline (see `vnplan.structure.model`)."""
from __future__ import annotations

from vnplan.structure.model import Clause, Closing, Header, Node, Outline, Signature, Span
from vnplan.structure.segment import segment

__all__ = ["Clause", "Closing", "Header", "Node", "Outline", "Signature", "Span", "segment"]
