"""The closing: Nơi nhận items and the signature block (boxes 7 and 9 of ND 30/2020 Phụ lục I).

Works line by line and, inside a line, cell by cell and column by column, so
the two-column footer of a layout dump ("Nơi nhận:      KT. CHỦ TỊCH") and the
one-cell footer of a web copy ("CHỦ TỊCH Hoàng Quốc Khánh") read the same.

    >>> from vnplan.structure.lines import logical_lines
    >>> lines = logical_lines("Nơi nhận:\\n- Sở GD&ĐT;\\n- Lưu: VT.\\nTM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nNguyễn Văn Cường")
    >>> c, end = parse_closing(lines, 0, len(lines))
    >>> [r.text for r in c.recipients], [a.text for a in c.signature.authority], c.signature.title.text, c.signature.name.text
    (['Sở GD&ĐT'], ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Cường')
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vnplan.structure import markers as mk
from vnplan.structure.items import ends_item, is_archive_item, split_items
from vnplan.structure.lines import Line, join_spans
from vnplan.structure.model import Closing, Signature, Span

__all__ = [
    "closing_start", "is_approval_heading", "is_archive_line", "is_bare_label", "is_closing_line", "is_debris_item", "parse_closing",
    "signature_tail", "split_joined", "trim_item", "after_archive",
]

_NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*:?\s*", re.I)
_KINH_GUI = re.compile(r"^K[íi]nh\s+g[ửu]i\s*:?\s*", re.I)
_SIGNED = re.compile(r"^\(\s*(?:Đã ký|đã ký|Ký|ký)[^)]*\)\s*$|^\[?\s*(?:Đã ký|đã ký)\s*\]?$|^\(?\s*(?:Chữ ký|chữ ký|Dấu)\b")


@lru_cache(maxsize=1)
def _archive_rx() -> re.Pattern[str]:
    cues = [mk.layout_cue("archive_line"), mk.layout_cue("archive_line_unit")]
    return re.compile("|".join(f"(?:{c['pattern']})" for c in cues))


def is_archive_line(text: str) -> bool:
    """The archive line of a Nơi nhận list, as OCR and careless typing leave it (never a recipient).

    Patterns, examples and counter-examples: ``data/layout_cues.json`` (``archive_line``, ``archive_line_unit``).

    >>> is_archive_line("- Lu: VT, GDTrHCTTX"), is_archive_line("- Lưu hồ sơ KTNB"), is_archive_line("- Lưu Đình Hạnh")
    (True, True, False)
    """
    return is_archive_item(text) or bool(_archive_rx().match(text.strip()))


def _has_vowel(word: str) -> bool:
    bare = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")
    return any(c in "aeiouy" for c in bare)


def is_debris_item(text: str) -> bool:
    """A Nơi nhận item that is seal or signature debris, not a recipient (``mm``, ``⁄Z``).

    Examples and counter-examples: ``data/layout_cues.json`` (``debris_item``).

    >>> is_debris_item("mm"), is_debris_item("TT CĐN"), is_debris_item("Như trên")
    (True, False, False)
    """
    runs = re.findall(r"[^\W\d_]{2,}", text)
    return not runs or all(not r.isupper() and not _has_vowel(r) for r in runs)


_JOINED_AT = re.compile(r"(?:^N[ơo]i\s+nh[ậa]n\s*:|;)\s*[_~]?\s*", re.I)


def signature_tail(text: str) -> int | None:
    """Where a signature line that OCR joined to ``Nơi nhận:`` or to a recipient item starts, else None.

    Examples and counter-examples: ``data/layout_cues.json`` (``signature_after_item``).

    >>> t = "Nơi nhận: KT. TRƯỞNG PHÒNG"
    >>> t[signature_tail(t):]
    'KT. TRƯỞNG PHÒNG'
    """
    for m in _JOINED_AT.finditer(text):
        tail = text[m.end():]
        if tail and mk.is_upper_line(tail, 0.8) and (mk.AUTHORITY.match(tail) or mk.is_position(tail)):
            return m.end()
    return None


@lru_cache(maxsize=1)
def _approval_rx() -> re.Pattern[str]:
    cue = mk.layout_cue("approval_heading")
    return re.compile(cue["pattern"])


def is_approval_heading(text: str) -> bool:
    """The heading of an approval or opinion block beside or under the signature (``DUYỆT CỦA HIỆU TRƯỞNG``).

    Pattern, examples and counter-examples: ``data/layout_cues.json`` (``approval_heading``).

    >>> is_approval_heading("DUYỆT CỦA HIỆU TRƯỞNG"), is_approval_heading("Ý KIẾN CỦA LÃNH ĐẠO PHÒNG")
    (True, True)
    >>> is_approval_heading("III. Ý KIẾN CỦA CÁC THÀNH VIÊN")
    False
    """
    return bool(_approval_rx().match(" ".join(text.strip(" |*").split())))


def is_closing_line(text: str) -> bool:
    """A line that opens the closing: ``Nơi nhận:`` or a signature authority (``KT. CHỦ TỊCH``)."""
    t = text.lstrip(" |*")
    if _NOI_NHAN.match(t) or is_approval_heading(t):
        return True
    m = mk.AUTHORITY.match(t)
    return bool(m and mk.is_upper_line(t[: 40], 0.7))


def _is_dash(text: str) -> bool:
    return text.lstrip().startswith(("-", "–", "+", "•"))


_NOI_BARE = re.compile(r"^N[ơo]i\s*:?\s*$", re.I)


def is_bare_label(lines: list[Line], i: int, hi: int) -> bool:
    """``Nơi`` alone on its line over a dash item: the Nơi nhận label whose ``nhận`` OCR lost (a seal, a fold).

    The whole line must be the word, and a dash item must follow (a table's ``Nơi`` column is no label).

    >>> from vnplan.structure.lines import logical_lines
    >>> ok = logical_lines("Nơi\\n- Như trên;\\n- Lưu: VT.")
    >>> cell = logical_lines("Nơi\\nThời gian")
    >>> run_on = logical_lines("Nơi tổ chức: hội trường\\n- Như trên;")
    >>> is_bare_label(ok, 0, 3), is_bare_label(cell, 0, 2), is_bare_label(run_on, 0, 2)
    (True, False, False)
    """
    return bool(_NOI_BARE.match(lines[i].text.strip(" |*_~"))) and i + 1 < hi and _is_dash(lines[i + 1].text)


def _items_above(lines: list[Line], lo: int, i: int, hi: int) -> int:
    """The first of the dash items printed above a bare ``Nơi nhận:`` (OCR read the label after its list), else ``i``.

    Only when nothing follows the label on its line or below it, and the items end with the archive line.
    """
    if _NOI_NHAN.sub("", lines[i].text.lstrip(" |*")).strip() or i + 1 < hi and _is_dash(lines[i + 1].text):
        return i
    k = i
    while k - 1 >= lo and i - (k - 1) <= 12 and _is_dash(lines[k - 1].text):
        k -= 1
    return k if i - k >= 2 and is_archive_line(lines[i - 1].text) else i


def _signed_below(lines: list[Line], i: int, hi: int) -> bool:
    """A chức vụ, a placeholder or a name within four lines under an approval heading (not a form's caption)."""
    for j in range(i + 1, min(hi, i + 5)):
        t = lines[j].text.strip()
        if mk.is_position(t) or _SIGNED.match(t) or mk.name_in(t) or mk.caps_name(t):
            return True
    return False


def _unsigned_end(lines: list[Line], i: int, hi: int) -> bool:
    """A chức vụ in capitals that ends the part, nothing but placeholders under it: a block with no name.

    ``HIỆU TRƯỞNG`` as the last line of a Quy chế typed for printing, signed by hand later.
    """
    t = " ".join(lines[i].text.split())
    if not mk.is_upper_line(t, 0.9) or mk.AUTHORITY.match(t) is None and len(t.split()) > 6:
        return False
    return all(_SIGNED.match(lines[j].text.strip()) or not lines[j].text.strip() for j in range(i + 1, hi))


def closing_start(lines: list[Line], lo: int, hi: int) -> int | None:
    """Index of the first closing line in ``lines[lo:hi]`` (Nơi nhận or signature), or None."""
    for i in range(lo, hi):
        line = lines[i]
        if is_bare_label(lines, i, hi):
            return i
        for cell in line.cells or [line]:
            for piece in cell.gaps() or [cell]:
                if is_closing_line(piece.text) and (not is_approval_heading(piece.text) or _signed_below(lines, i, hi)):
                    return _items_above(lines, lo, i, hi) if _NOI_NHAN.match(piece.text.lstrip(" |*")) else i
        t = line.text
        if mk.is_position(t) and len(t) < 60 and _unsigned_end(lines, i, hi):
            return i
        if mk.is_position(t) and len(t) < 60:
            for j in range(i + 1, min(hi, i + 4)):
                if (mk.name_in(lines[j].text) or mk.caps_name(lines[j].text)) and len(lines[j].text) < 50:
                    return i
    return None


def _sig_cell(piece: Line, sig: Signature, name_next: bool = False) -> bool:
    """Read one signature piece (authority lines, chức vụ, name, possibly all in one cell)."""
    text = piece.text
    caps = mk.caps_name(text) if (sig.title or sig.authority) and sig.name is None else None
    if caps:  # "HIỆU TRƯỞNG" over "NGUYỄN DUY DŨNG": the name printed in capitals
        sig.name = piece.span(*caps)
        return True
    # name at the end after capitals ("CHỦ TỊCH Hoàng Quốc Khánh")
    words = list(re.finditer(r"\S+", text))
    cut = len(text)
    for k, w in enumerate(words):
        rest = text[w.start():]
        if not mk.is_upper_line(w.group(), 0.99) and mk.name_in(rest):
            cut = w.start()
            break
        if rest.startswith(("(Đã ký)", "(đã ký)")):
            cut = w.start()
            break
    upper, tail = text[:cut].strip(), text[cut:].strip()
    found = False
    if upper:
        found = _sig_upper(piece, 0, cut, sig, name_next and not tail) or found
    if tail:
        k = text.index(tail, cut)
        nm = mk.name_in(tail)
        if nm:
            sig.name = piece.span(k + nm[0], k + nm[1])
            found = True
        elif _SIGNED.match(tail):
            found = True
    return found


def _sig_upper(piece: Line, a: int, b: int, sig: Signature, name_next: bool = False) -> bool:
    text = piece.text[:b]
    if not mk.is_upper_line(text[a:], 0.8):
        return False
    starts = [m.start() for m in mk.AUTHORITY.finditer(text, a)]
    if not starts:
        # a chức vụ: a known position, a line under the authority lines, or a short line right above the name
        if mk.is_position(text[a:]) or (sig.authority and len(text[a:]) < 60) or (
                name_next and len(text[a:].split()) <= 5):
            if not mk.is_position(text[a:]):  # "SN, PHÓ GIÁM ĐỐC": the chức vụ after the archive line's tail
                a = next((w.start() for w in re.finditer(r"(?<=\s)\S", text[:b]) if w.start() > a
                          and mk.is_position(text[w.start():])), a)
            if sig.title is not None and sig.name is None and not sig.authority and mk.is_position(sig.title.text) \
                    and " ".join(sig.title.text.split()) != " ".join(text[a:b].split()):
                sig.authority.append(sig.title)  # "CHỦ TỊCH" over "CHÁNH VĂN PHÒNG": a head whose TL./KT. was lost
            sig.title = piece.span(a, b)
            return True
        return False
    if starts[0] > a and text[a:starts[0]].strip():
        sig.authority.append(piece.span(a, starts[0]))
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else b
        seg = text[s:e]
        # "KT. BỘ TRƯỞNG THỨ TRƯỞNG": the chức vụ is the shortest tail that is a position
        title_at = None
        if k == len(starts) - 1:
            ws = list(re.finditer(r"\S+", seg))
            for wi in range(2, len(ws)):
                if mk.is_position(seg[ws[wi].start():]):
                    title_at = ws[wi].start()
                    break
        if title_at is not None:
            sig.authority.append(piece.span(s, s + title_at))
            sig.title = piece.span(s + title_at, e)
        else:
            sig.authority.append(piece.span(s, e))
    return True


def _pieces(line: Line) -> list[Line]:
    out: list[Line] = []
    for cell in line.cells or [line]:
        for piece in cell.gaps() or [cell]:
            k = signature_tail(piece.text)
            out.extend([piece.sub(0, k), piece.sub(k)] if k else [piece])  # the two columns OCR joined
    return out


_STAMP = re.compile(r"^\s*\d[\d\s/.,-]{0,11}$")


def parse_closing(lines: list[Line], start: int, hi: int) -> tuple[Closing, int]:
    """Read Nơi nhận / Kính gửi items and the signature from ``lines[start]``; return it and the next index."""
    closing = Closing()
    sig = Signature()
    approval = Signature()  # an approval block (DUYỆT CỦA …, Ý KIẾN CỦA …): the signer only when no other signs
    cur = sig
    approval_col: int | None = None  # the approval block's column when it stands beside the signature
    mode: str | None = "recipients" if _is_dash(lines[start].text) else None  # items above their Nơi nhận label
    open_item: str = ""  # the last item ran on (did not end with ";" or ".")
    spans: list[Span] = []
    i = start
    idle = 0
    while i < hi:
        line = lines[i]
        if i > start and (mk.is_appendix_start(line.text) or mk.is_type_name(line.text)):
            break
        used = False
        if i > start and _STAMP.match(line.text):  # a stamped number or date of an e-signed copy
            spans.append(line.span())
            i += 1
            continue
        if is_bare_label(lines, i, hi):  # "Nơi" over its items: the label, its "nhận" lost
            mode = "recipients"
            spans.append(line.span())
            i += 1
            continue
        pieces = _pieces(line)
        for k, piece in enumerate(pieces):
            t = piece.text
            opened = False
            if approval_col is not None and len(pieces) > 1:  # two columns: the approval block keeps its own
                cur = approval if k == approval_col else sig
            for name, rx, items in (("recipients", _NOI_NHAN, closing.recipients),
                                    ("kinh_gui", _KINH_GUI, closing.kinh_gui)):
                m = rx.match(t)
                if m:  # "Nơi nhận:" / "Kính gửi:", maybe with the first item on the same line
                    mode, used, opened = name, True, True
                    rest = piece.sub(m.end())
                    if rest.text:
                        _add_items(rest, items)
                    break
            if opened:
                continue
            if mode == "archive" and after_archive(t, lines[i - 1].text if i > start else ""):
                mode = "recipients"  # the items OCR read after the archive line (two columns interleaved)
            if t.startswith(("-", "–", "•", "+")) and mode in ("recipients", "kinh_gui"):
                target = closing.recipients if mode == "recipients" else closing.kinh_gui
                if is_archive_line(t):
                    mode = "archive"
                else:
                    _add_items(piece, target)
                    open_item = _open(t)
                used = True
                continue
            if mode == "archive" and not mk.is_upper_line(t) and not mk.name_in(t) and len(t) < 60 and t[:1].islower():
                used = True
                continue
            cont_ok = not mk.is_upper_line(t, 0.8) or (open_item and not mk.AUTHORITY.match(t) and not mk.is_position(t))
            if mode in ("recipients", "kinh_gui") and cont_ok and len(t) < 160:
                target = closing.recipients if mode == "recipients" else closing.kinh_gui
                if target and open_item and not mk.name_in(t):
                    extra = split_items(piece)
                    if extra:
                        sep = ", " if open_item == "," else " "
                        last = target[-1]
                        target[-1] = Span(last.start, extra[-1].end, last.text + sep + " ".join(x.text for x in extra))
                    open_item = _open(t)
                    used = True
                    continue
                if ends_item(t) and not t[:1].islower():
                    _add_items(piece, target)
                    open_item = _open(t)
                    used = True
                    continue
            if (cur.title or cur.authority) and cur.name is None and len(t) <= 12 and is_debris_item(t):
                used = True  # a seal's or a signature's scribble between the chức vụ and the name ("—“—Y")
                continue
            if is_approval_heading(t):  # "DUYỆT CỦA HIỆU TRƯỞNG": another person's block, not the signer's
                cur, used = approval, True
                approval_col = k if len(pieces) > 1 else None
                continue
            if mk.is_upper_line(t, 0.8) or mk.AUTHORITY.match(t) or _SIGNED.match(t) or (
                    (cur.authority or cur.title) and mk.name_in(t)):
                if _SIGNED.match(t):
                    used = True
                    continue
                nxt = _next_text(lines, i + 1, hi)
                if _sig_cell(piece, cur, name_next=bool(mk.name_in(nxt) or mk.caps_name(nxt)) and len(nxt.split()) <= 5):
                    used = True
                    mode = None if mode != "recipients" else mode
                    if cur is approval and approval.name is not None and approval_col is None:
                        cur = sig  # a stacked approval block ends with its name
                        after = _next_text(lines, i + 1, hi)
                        if (mk.name_in(after) or mk.caps_name(after)) and sig.title is None:
                            # two columns read row by row (heading | chức vụ, name | name): the chức vụ is the signer's
                            sig.title, approval.title = approval.title, None
                    continue
        if used:
            spans.append(line.span())
            idle = 0
        else:
            idle += 1
            if sig.name is not None or idle >= 1:
                break
        i += 1
        if sig.name is not None and mode not in ("recipients", "kinh_gui"):
            # the signer's name closes the block unless a recipient list is still open beside it
            nxt = lines[i] if i < hi else None
            if nxt is None or not _closing_continues(nxt):
                break
    if not (sig.authority or sig.title or sig.name):
        sig = approval
    if sig.authority or sig.title or sig.name:
        sig_spans = [*sig.authority, sig.title, sig.name]
        sig.span = join_spans([s for s in sig_spans if s is not None])
        if sig.span is not None:
            parts = sorted((s for s in sig_spans if s is not None), key=lambda s: s.start)
            sig.span = Span(parts[0].start, parts[-1].end, "\n".join(s.text for s in parts))
        closing.signature = sig
    if spans:
        closing.span = Span(spans[0].start, spans[-1].end, "\n".join(s.text for s in spans))
    return closing, i


def _next_text(lines: list[Line], j: int, hi: int) -> str:
    """The next line's text, past a placeholder such as ``(Ký, ghi rõ họ tên)`` printed between chức vụ and name."""
    while j < hi and _SIGNED.match(lines[j].text.strip()):
        j += 1
    return lines[j].text if j < hi else ""


def _closing_continues(line: Line) -> bool:
    t = line.text.lstrip()
    return bool(_NOI_NHAN.match(t) or t.startswith(("-", "–")) and is_archive_item(t))


def _open(text: str) -> str:
    t = text.rstrip(" *")
    if ends_item(t):
        return ""
    return "," if t.endswith(",") else " "


_LEAD_DEBRIS = re.compile(r"^[\s_~'‘’`\"„“”]+(?:[-–•+]\s*)?")
_TRAIL_DEBRIS = re.compile(r"[\s:;]+$")


def trim_item(span: Span) -> Span:
    """A Nơi nhận item without the scan's debris at its ends: ``' _ Các Sở``, ``~ Như trên``, ``Website Sở:``.

    >>> trim_item(Span(0, 22, "' _ Các Sở GD&ĐT tỉnh:")).text, trim_item(Span(0, 8, "Như trên")).text
    ('Các Sở GD&ĐT tỉnh', 'Như trên')
    """
    if len(span.text) != span.end - span.start:
        return span
    lead = _LEAD_DEBRIS.match(span.text)
    a = lead.end() if lead else 0
    trail = _TRAIL_DEBRIS.search(span.text, a)
    b = trail.start() if trail else len(span.text)
    if (a, b) == (0, len(span.text)) or b <= a:
        return span
    return Span(span.start + a, span.start + b, span.text[a:b])


def _add_items(piece: Line, target: list[Span]) -> None:
    t = piece.text
    k = t.rstrip().rfind(";")
    if 0 < k < len(t.rstrip()) - 1 and len(t[k + 1:].strip()) <= 3 and is_debris_item(t[k + 1:]):
        piece = piece.sub(0, k + 1)  # "- Như trên; H": a seal's speck after the item
    cuts = [0, *_joined_cuts(piece.text), len(piece.text)]
    parts = [piece.sub(a, b) for a, b in zip(cuts, cuts[1:])]  # "…; _ Ủy ban …": two items, the dash read as _
    target.extend(trim_item(s) for part in parts for s in split_items(part)
                  if not is_archive_line(s.text) and not is_debris_item(s.text))


_JOINED_ITEM = re.compile(r";\s*[_~]\s*(?=[A-ZĐÀ-Ỹ])")


def split_joined(text: str) -> list[str]:
    """Two Nơi nhận items OCR joined on one line, the second's dash read as ``_`` or ``~`` after a ``;``.

    `parse_closing` cuts the line there before splitting its items.

    >>> split_joined("- Kiểm toán nhà nước; _ Ủy ban trung ương Mặt trận;")
    ['- Kiểm toán nhà nước;', ' _ Ủy ban trung ương Mặt trận;']
    >>> split_joined("- VPUB: CVP, PCVP; các CV;"), split_joined("- Như trên; _ TỔ ca")
    (['- VPUB: CVP, PCVP; các CV;'], ['- Như trên; _ TỔ ca'])
    """
    cuts = [0, *_joined_cuts(text), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _joined_cuts(text: str) -> list[int]:
    """Where a joined item starts: after ``;`` before ``_ Capital…``, when that item ends as one (not ``_ TỔ ca``)."""
    cuts = [m.start() + 1 for m in _JOINED_ITEM.finditer(text)]
    ends = [*cuts[1:], len(text)]
    return [c for c, e in zip(cuts, ends) if ends_item(text[c:e]) and len(text[c:e].split()) >= 3]


def after_archive(text: str, previous: str) -> bool:
    """A recipient item right under the archive line: OCR read the list's last items after ``Lưu``.

    The line is a short dash item that ends with ``;`` (the list goes on; a body's dash line ends with ``.``),
    not another archive line, and the line above is the archive line alone (not a layout line that ran the
    body's next column onto it).

    >>> after_archive("- Giám đốc Sở (để báo cáo);", "- Lưu: VP, QLĐT&GDTX.")
    True
    >>> after_archive("- Lưu: VT.", "- Lưu: VP."), after_archive("Nguyễn Văn An", "- Lưu: VT."), after_archive(
    ...     "- Giám đốc Sở;", "KT. GIÁM ĐỐC")
    (False, False, False)
    >>> after_archive("- Tăng năng suất lao động;", "- Lưu: VT, VP. hành chính được luân chuyển trong nội bộ")
    False
    >>> after_archive("- Giảm thời gian chờ.", "- Lưu: VT.")
    False
    """
    t, above = text.strip(), previous.strip()
    return t.startswith(("-", "–", "•", "+")) and t.rstrip(" *").endswith(";") and len(t) <= 80 \
        and not is_archive_line(t) \
        and not is_debris_item(t) and is_archive_line(above) and len(above) <= 40
