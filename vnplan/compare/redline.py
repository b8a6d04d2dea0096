"""Word-level redlines: what a local item deleted from and inserted into the template's wording.

    >>> ops = redline("Tổ chức Lễ khai mạc trang trọng", "Tổ chức Lễ khai mạc với chủ đề")
    >>> to_text(ops)
    'Tổ chức Lễ khai mạc [-trang trọng-]{+với chủ đề+}'
"""
from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

__all__ = ["Op", "changed_words", "redline", "to_html", "to_markdown", "to_text"]

Op = tuple[str, str]  # ("=", text) kept, ("-", text) deleted, ("+", text) inserted

_TOKEN = re.compile(r"\S+\s*")


def _key(token: str) -> str:
    return token.strip().lower().strip(".,;:!?…\"'“”()")


def redline(template: str, local: str) -> list[Op]:
    """The word-level edit from ``template`` to ``local`` as runs of kept, deleted and inserted text.

    >>> redline("a b c", "a x c")
    [('=', 'a '), ('-', 'b '), ('+', 'x '), ('=', 'c')]
    """
    a, b = _TOKEN.findall(" ".join((template or "").split())), _TOKEN.findall(" ".join((local or "").split()))
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _push(ops, "=", "".join(b[j1:j2]))
        else:
            _push(ops, "-", "".join(a[i1:i2]))
            _push(ops, "+", "".join(b[j1:j2]))
    return ops


def _push(ops: list[Op], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)
    else:
        ops.append((op, text))


def changed_words(ops: list[Op]) -> int:
    """How many words were deleted or inserted.

    >>> changed_words(redline("a b c", "a x c"))
    2
    """
    return sum(len(text.split()) for op, text in ops if op != "=")


def to_text(ops: list[Op]) -> str:
    """Plain-text redline: ``[-deleted-]{+inserted+}`` (wdiff style)."""
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return _join([(op, _wrap(text, *marks[op])) for op, text in ops])


def to_markdown(ops: list[Op]) -> str:
    """Markdown redline: ``~~deleted~~`` and ``**inserted**``.

    >>> to_markdown(redline("a b c", "a x c"))
    'a ~~b~~ **x** c'
    """
    marks = {"=": ("", ""), "-": ("~~", "~~"), "+": ("**", "**")}
    return _join([(op, _wrap(text, *marks[op])) for op, text in ops])


def to_html(ops: list[Op]) -> str:
    """HTML redline with ``<del>`` and ``<ins>``.

    >>> to_html(redline("a b", "a c"))
    'a <del>b</del><ins>c</ins>'
    """
    tags = {"=": ("", ""), "-": ("<del>", "</del>"), "+": ("<ins>", "</ins>")}
    return _join([(op, _wrap(html.escape(text), *tags[op])) for op, text in ops])


def _join(chunks: list[tuple[str, str]]) -> str:
    """Join rendered runs, keeping a space between words that the diff split (but a deletion and its
    replacement stay side by side)."""
    out = ""
    prev = ""
    for op, text in chunks:
        if out and not out[-1].isspace() and not (prev == "-" and op == "+"):
            out += " "
        out += text
        prev = op
    return out.strip()


def _wrap(text: str, left: str, right: str) -> str:
    if not left:
        return text
    core = text.rstrip()
    return f"{left}{core}{right}{text[len(core):]}"
