"""Segment a normalised document into its `Outline`: header, preamble, body tree, closing, appendices.

    >>> out = segment("KẾ HOẠCH\\nTổ chức Tuần lễ\\nThực hiện Kế hoạch số 262/KH-UBND; UBND xã xây dựng Kế hoạch như sau:\\n"
    ...               "I. MỤC ĐÍCH\\nII. NỘI DUNG\\nNơi nhận:\\n- Sở GD&ĐT;\\n- Lưu: VT.\\nCHỦ TỊCH\\nNguyễn Văn A")
    >>> out.header.title.text, [c.kind for c in out.preamble], [n.label for n in out.body], out.closing.signature.name.text
    ('Tổ chức Tuần lễ', ['thuc_hien'], ['I.', 'II.'], 'Nguyễn Văn A')
"""
from __future__ import annotations

from vnplan.document import Document, register_view
from vnplan.normalize import document_from_text
from vnplan.structure.attachments import next_part_start, parse_appendix
from vnplan.structure.body import build_tree
from vnplan.structure.closing import closing_start, parse_closing
from vnplan.structure.header import _KINH_GUI, _kinh_gui, find_header_start, parse_header
from vnplan.structure.lines import Line, logical_lines
from vnplan.structure.markers import label_of, preamble_kind
from vnplan.structure.model import Closing, Header, Outline, Span
from vnplan.structure.paragraphs import paragraphs
from vnplan.structure.preamble import parse_preamble
from vnplan.structure.roles import tag_roles

__all__ = ["segment"]


def segment(doc: Document | str) -> Outline:
    """The outline of ``doc`` (a `Document`, or a plain string read as a text file).

    Never raises on odd input: a document without header, closing or headings
    gets empty parts.
    """
    if isinstance(doc, str):
        doc = document_from_text(doc)
    lines = logical_lines(doc.text)
    if not lines:
        return Outline(header=Header(), span=Span(0, 0, ""))
    outline, _ = _segment_part(doc.text, lines, 0, len(lines), "document")
    return outline


def _segment_part(text: str, lines: list[Line], lo: int, hi: int, kind: str) -> tuple[Outline, int]:
    hstart = find_header_start(lines, lo, min(hi, lo + 200))
    header = Header()
    kinh_gui = []
    body_lo = lo
    if hstart is not None:
        res = parse_header(lines, hstart, hi)
        header, kinh_gui, body_lo = res.header, res.kinh_gui, res.end
    first = hstart if hstart is not None else lo
    cstart = closing_start(lines, body_lo, hi)
    if cstart is None:
        nxt = next_part_start(lines, body_lo, hi, header)
        body_hi = nxt if nxt is not None else hi
        closing, rest = Closing(), body_hi
    else:
        body_hi = cstart
        closing, rest = parse_closing(lines, cstart, hi)
    body_lines = lines[body_lo:body_hi]
    if hstart is not None and not kinh_gui:  # "Kính gửi:" after a trích yếu the header did not read
        k = _opening_kinh_gui(lines, body_lo, body_hi)
        if k is not None:
            kinh_gui, end = _kinh_gui(lines, k, body_hi, 0, header)
            body_lines = lines[body_lo:k] + lines[end:body_hi]
    later = _body_resumes(lines, closing, rest, hi, header) if cstart is not None else None
    if later is not None:  # a Nơi nhận block printed in the middle of the body (PDF object order)
        body_lines += lines[rest:later]
        moved = closing.recipients
        closing, rest = parse_closing(lines, later, hi)
        closing.recipients = moved + closing.recipients
    paras = paragraphs(body_lines)
    preamble, k = parse_preamble(paras, 0)
    body = build_tree(paras[k:])
    tag_roles(body)
    closing.kinh_gui = kinh_gui + closing.kinh_gui
    outline = Outline(header=header, preamble=preamble, body=body, closing=closing, kind=kind)
    last = max(rest, body_hi) - 1
    j = rest
    while j < hi:
        s = next_part_start(lines, j, hi, header)
        if s is None:
            break
        if lines[s].text and not _is_appendix(lines[s].text):
            sub, end = _segment_part(text, lines, s, hi, "attachment")
            outline.attachments.append(sub)
            last = end - 1
            j = end
            break
        e = next_part_start(lines, s + 1, hi, header)
        app, end = parse_appendix(lines, s, e if e is not None else hi)
        outline.appendices.append(app)
        last = end - 1
        j = end
    last = max(first, min(last, len(lines) - 1))
    start, end = lines[first].start, lines[last].end
    outline.span = Span(start, end, text[start:end])  # the text of the part, not "" (a theme is searched in it)
    return outline, max(j, rest)


def _opening_kinh_gui(lines: list[Line], lo: int, hi: int) -> int | None:
    """A ``Kính gửi:`` line among the first lines of the body, before any numbered heading or full preamble clause.

    A short preamble fragment (``Thực hiện KẾ hoạch số``) may stand before it: the body's first line, cut by
    the right header column and printed by OCR above the mottos and the Kính gửi block (0112).
    """
    for i in range(lo, min(hi, lo + 12)):
        t = lines[i].text.lstrip(" |*")
        if _KINH_GUI.match(t):
            return i
        if label_of(t) or preamble_kind(t) and (len(t) >= 40 or i - lo >= 6) or i - lo >= 6 and len(t) >= 60:
            return None
    return None


def _body_resumes(lines: list[Line], closing: Closing, rest: int, hi: int, header: Header) -> int | None:
    """Where the real closing starts when the body goes on after an unsigned Nơi nhận block, else None.

    The body goes on when a section heading (``II. NỘI DUNG TRIỂN KHAI``) follows the block before any
    signature or next part (an attached plan, an appendix).
    """
    if closing.signature is not None or not closing.recipients:
        return None
    later = closing_start(lines, rest, hi)
    if later is None:
        return None
    nxt = next_part_start(lines, rest, later, header)
    stop = nxt if nxt is not None else later
    for line in lines[rest:stop]:
        lab = label_of(line.text)
        if lab is not None and lab.style in ("roman", "alpha", "part", "chapter"):
            return later
    return None


register_view("outline", segment)  # doc.outline


def _is_appendix(text: str) -> bool:
    from vnplan.structure.markers import is_appendix_start

    return is_appendix_start(text)
