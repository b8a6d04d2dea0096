"""The body tree: headings (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``, ``Điều 1.``, ``Phần``, ``Mục``) with their text.

Nesting follows the label families in the order they first appear under the
current heading: a label of a family already open closes everything below it
and becomes its sibling; a new family opens a level below the current heading.
Major families (Phần … ``I.``) never nest under smaller ones, and a new
numbered family never nests under a dash or a lettered item.  Unlabelled
paragraphs belong to the nearest open heading (to the heading above a dash
list unless they start in lower case, i.e. continue the dash item).

    >>> from vnplan.structure.lines import logical_lines
    >>> tree = build_tree(logical_lines("I. NỘI DUNG\\n1. Tuyên truyền\\n- Treo băng rôn\\n2. Khai mạc\\nII. TỔ CHỨC THỰC HIỆN"))
    >>> [(n.label, [c.label for c in n.children]) for n in tree]
    [('I.', ['1.', '2.']), ('II.', [])]
"""
from __future__ import annotations

import re

from vnplan.structure import markers as mk
from vnplan.structure.lines import Line, starts_lower
from vnplan.structure.model import Node, Span

__all__ = ["build_tree", "split_title"]

_MINOR = ("letter", "dash", "plus")
_TITLED_ALONE = ("part", "chapter", "section")  # labels printed alone over their name (``Chương 3`` / ``TỔ CHỨC …``)
_NO_SPLIT_END = re.compile(
    r"(?:chủ đề|gồm|bao gồm|như sau|sau|là|tại|về|cụ thể|sau đây|với|theo|như|sau khi|trong đó|khẩu hiệu)\s*$", re.I)


def split_title(p: Line, a: int) -> tuple[Span, Span | None, Span]:
    """Title, rest after ``:`` (or None), and whole heading of a labelled paragraph whose text starts at ``a``.

    >>> from vnplan.structure.lines import logical_lines
    >>> p = logical_lines("1. Phòng Văn hóa – xã hội: tham mưu UBND xã")[0]
    >>> [s.text if s else None for s in split_title(p, 3)]
    ['Phòng Văn hóa – xã hội', 'tham mưu UBND xã', 'Phòng Văn hóa – xã hội: tham mưu UBND xã']
    """
    text = p.text
    heading = p.span(a)
    colon = text.find(":", a)
    if 0 < colon - a <= 90 and text[colon + 1:].strip(" *."):
        before = text[a:colon]
        if (not any(q in before for q in "“\"(")) and not _NO_SPLIT_END.search(before) and len(before.split()) <= 14:
            return p.span(a, colon), p.span(colon + 1), heading
    return heading, None, heading


class _Builder:
    def __init__(self) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []
        self.parent: dict[int, Node | None] = {}
        self.content: dict[int, list[Span]] = {}

    def _attach(self, node: Node, parent: Node | None) -> None:
        self.parent[id(node)] = parent
        self.content[id(node)] = []
        node.level = 0 if parent is None else parent.level + 1
        (parent.children if parent is not None else self.roots).append(node)

    def _add_content(self, node: Node, span: Span) -> None:
        cur: Node | None = node
        while cur is not None:
            self.content[id(cur)].append(span)
            cur = self.parent[id(cur)]

    def heading(self, p: Line, lab: mk.Label) -> None:
        style = lab.style
        same = [k for k, n in enumerate(self.stack) if n.style == style]
        if same:
            del self.stack[same[-1]:]
        else:
            rank = mk.STYLE_RANK[style]
            while self.stack and (
                self.stack[-1].style == "text"
                or (rank <= mk.STYLE_RANK["roman"] and mk.STYLE_RANK[self.stack[-1].style] > rank)
                or (self.stack[-1].style in _MINOR and mk.STYLE_RANK[self.stack[-1].style] > rank)
            ):
                self.stack.pop()
        title, rest, heading = split_title(p, lab.end)
        node = Node(label=lab.label, style=style, title=title, span=heading, text=[rest] if rest else [],
                    heading=heading)
        self._attach(node, self.stack[-1] if self.stack else None)
        self._add_content(node, p.span())
        self.stack.append(node)

    def text(self, p: Line, closing_remark: bool = False) -> None:
        span = p.span()
        if closing_remark or not self.stack:
            if closing_remark:
                self.stack = []
            node = Node(label=None, style="text", title=Span(span.start, span.start, ""), span=span)
            self._attach(node, None)
            self.stack.append(node)
            node.text.append(span)
            self._add_content(node, span)
            return
        target = self.stack[-1]
        if target.style in _TITLED_ALONE and not target.title.text.strip() and not target.text \
                and not target.children and mk.is_upper_line(p.text, 0.9):
            # "Chương 3" alone on its line, its name below in capitals ("TỔ CHỨC THỰC HIỆN"): the title
            target.title = target.heading = span
            self._add_content(target, span)
            return
        if target.style in ("dash", "plus") and not starts_lower(p.text):
            for cand in reversed(self.stack):
                if cand.style not in ("dash", "plus"):
                    target = cand
                    break
        target.text.append(span)
        self._add_content(target, span)

    def finish(self) -> list[Node]:
        for root in self.roots:
            for node in root.walk():
                spans = self.content[id(node)]
                if spans:
                    node.span = Span(spans[0].start, max(s.end for s in spans), "\n".join(s.text for s in spans))
        return self.roots


def build_tree(paras: list[Line]) -> list[Node]:
    """The body's heading tree from its paragraphs."""
    b = _Builder()
    for p in paras:
        t = p.text
        lab = mk.label_of(t)
        if lab is not None:
            b.heading(p, lab)
        else:
            b.text(p, closing_remark=t.startswith(("Trên đây là", "Trên đây là")))
    return b.finish()
