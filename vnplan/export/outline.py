"""Show an `Outline`: a JSON-ready summary (golden tests, ``--outline --json``) and an indented text view.

    >>> from vnplan.structure import segment
    >>> o = segment("KẾ HOẠCH\\nTổ chức Tuần lễ\\nI. MỤC ĐÍCH\\n1. Nâng cao nhận thức\\n- Tuyên truyền")
    >>> outline_dict(o)["body"][0]["children"][0]["items"]
    1
    >>> print(outline_text(o).splitlines()[4])
    BODY
"""
from __future__ import annotations

from typing import Any

from vnplan.plaintext import clip
from vnplan.structure.model import Clause, Node, Outline, Span

__all__ = ["outline_dict", "outline_text"]

TITLE_MAX = 100
CLAUSE_MAX = 160


def _t(span: Span | None, limit: int = 0) -> str | None:
    if span is None:
        return None
    return clip(span.text, limit, words=False) if limit else span.text


def _node(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"label": node.label, "style": node.style, "title": _t(node.title, TITLE_MAX)}
    if node.role:
        out["role"] = node.role
    kids = [c for c in node.children if c.style not in ("dash", "plus")]
    items = len(node.children) - len(kids)
    if kids:
        out["children"] = [_node(c) for c in kids]
    if items:
        out["items"] = items
    return out


def _clause(c: Clause) -> dict[str, Any]:
    return {"kind": c.kind, "text": clip(c.span.text, CLAUSE_MAX, words=False)}


def outline_dict(outline: Outline) -> dict[str, Any]:
    """The outline as plain data: header lines, preamble clauses, heading tree, closing, appendices, attachments.

    Dash and plus items are counted (``items``), not listed; long titles and clauses are cut with "…".
    """
    h = outline.header
    sig = outline.closing.signature
    return {
        "kind": outline.kind,
        "header": {
            "agency_lines": [s.text for s in h.agency_lines],
            "number_line": _t(h.number_line),
            "place_date_line": _t(h.place_date_line),
            "motto_lines": [s.text for s in h.motto_lines],
            "type_name": _t(h.type_name),
            "title": _t(h.title),
            "other": [s.text for s in h.other],
        },
        "preamble": [_clause(c) for c in outline.preamble],
        "body": [_node(n) for n in outline.body],
        "closing": {
            "kinh_gui": [s.text for s in outline.closing.kinh_gui],
            "recipients": [s.text for s in outline.closing.recipients],
            "signature": None if sig is None else {
                "authority": [s.text for s in sig.authority],
                "title": _t(sig.title),
                "name": _t(sig.name),
            },
        },
        "appendices": [outline_dict(a) for a in outline.appendices],
        "attachments": [outline_dict(a) for a in outline.attachments],
    }


def _node_lines(node: Node, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    label = f"{node.label} " if node.label else ""
    role = f"  [{node.role}]" if node.role else ""
    title = clip(node.title.text or (node.text[0].text if node.text else ""), TITLE_MAX, words=False)
    paras = f"  ({len(node.text)} ¶)" if node.text else ""
    out.append(f"{pad}{label}{title}{role}{paras}")
    for child in node.children:
        _node_lines(child, depth + 1, out)


def outline_text(outline: Outline, depth: int = 0) -> str:
    """A human-readable indented outline (what ``vnplan read FILE --outline`` prints)."""
    pad = "  " * depth
    out: list[str] = []
    h = outline.header
    out.append(f"{pad}{outline.kind.upper()}")
    out.append(f"{pad}HEADER")
    rows: list[tuple[str, str | None]] = [("agency", s.text) for s in h.agency_lines]
    rows += [("motto", s.text) for s in h.motto_lines]
    rows += [("number", _t(h.number_line)), ("place/date", _t(h.place_date_line)), ("type", _t(h.type_name)),
             ("title", _t(h.title))]
    rows += [("other", s.text) for s in h.other]
    for key, val in rows:
        if val:
            out.append(f"{pad}  {key}: {val}")
    out.append(f"{pad}BODY" if not outline.preamble else f"{pad}PREAMBLE")
    if outline.preamble:
        for c in outline.preamble:
            out.append(f"{pad}  [{c.kind}] {clip(c.span.text, CLAUSE_MAX, words=False)}")
        out.append(f"{pad}BODY")
    for node in outline.body:
        _node_lines(node, depth + 1, out)
    closing = outline.closing
    if closing.kinh_gui or closing.recipients or closing.signature:
        out.append(f"{pad}CLOSING")
        for s in closing.kinh_gui:
            out.append(f"{pad}  kính gửi: {s.text}")
        for s in closing.recipients:
            out.append(f"{pad}  nơi nhận: {s.text}")
        if closing.signature:
            for s in closing.signature.authority:
                out.append(f"{pad}  authority: {s.text}")
            if closing.signature.title:
                out.append(f"{pad}  title: {closing.signature.title.text}")
            if closing.signature.name:
                out.append(f"{pad}  name: {closing.signature.name.text}")
    for a in outline.attachments:
        out.append(outline_text(a, depth + 1))
    for a in outline.appendices:
        out.append(outline_text(a, depth + 1))
    return "\n".join(out)
