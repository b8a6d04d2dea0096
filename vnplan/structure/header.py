"""The header block (boxes 1–5 of ND 30/2020 Phụ lục I): agency, Số, place and date, mottos, type, trích yếu.

    >>> from vnplan.structure.lines import logical_lines
    >>> lines = logical_lines("UBND TỈNH LÀO CAI\\nSố: 12/KH-UBND\\nLào Cai, ngày 06 tháng 3 năm 2026\\nKẾ HOẠCH\\nKiểm tra vật liệu nổ\\nCăn cứ Luật")
    >>> res = parse_header(lines, 0, len(lines))
    >>> res.header.number_line.text, res.header.type_name.text, res.header.title.text, res.end
    ('Số: 12/KH-UBND', 'KẾ HOẠCH', 'Kiểm tra vật liệu nổ', 5)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from vnplan.structure import markers as mk
from vnplan.structure.items import split_items
from vnplan.structure.lines import Line, join_spans
from vnplan.structure.model import Header, Span

__all__ = ["HeaderResult", "article_wrap", "find_header_start", "is_strong_marker", "label_lost", "parse_header",
           "stamp_after_type", "ve_viec_lead"]

_VV = re.compile(r"(?:^|\s)(V/[vV]|Về việc|V/V)\s*[:.]?\s*")
_KINH_GUI = re.compile(r"^K[íi]nh\s+g[ửu]i\s*:?\s*", re.I)
_MARKS = re.compile(r"^(?:HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN|TUYỆT MẬT|TỐI MẬT|MẬT|DỰ THẢO|DU THAO|BẢN SAO)\b", re.I)
_DECIDE = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|BAN HÀNH)\s*:")
_CLOSING = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*:?", re.I)
_RULE_MARKS = " |*#_—–-~."  # a scan's rules, underlines and specks beside a type name (``_—— THÔNG BÁO``, ``QUYẾT ĐỊNH |``)


# The place-and-date line as a scan or a careless layout prints it: the day glued to "ngày"
# ("Gia Lai, ngày30 tháng 7 năm 2021"), or no comma after an địa danh that opens the line
# ("Hà Nội ngày 0Ÿ tháng năm 2026", "Hà Nội ngà tháng năm 2021").
_GLUED_DAY = re.compile(
    r"(?<![/\w-])(?P<place>[^\W\d_][^,|\s/:]*(?: {1,2}[^,|\s/:]+){0,7}?)\s*,\s*ngày(?=\d)"
    r"(?P<rest>[^|]{0,60}?năm\s*(?:\d\s*){4})")
_NO_COMMA = re.compile(
    r"^\s*(?P<place>[^\W\d_]+(?: [^\W\d_]+){0,5}?)\s+ng[àa]y?\b(?P<rest>[^|]{0,40}?\btháng\b[^|]{0,20}?năm\s*(?:\d\s*){4})")


def _place_date(text: str) -> re.Match[str] | None:
    """The place-and-date line in ``text`` (`markers.PLACE_DATE`, or the loose forms above).

    >>> [_place_date(t).group("place") for t in ("Hà Nội, ngày 28 tháng 4 năm 2026",
    ...  "Gia Lai, ngày30 tháng 7 năm 2021", "Hà Nội ngày 0Ÿ tháng năm 2026")]
    ['Hà Nội', 'Gia Lai', 'Hà Nội']
    >>> _place_date("Trong ngày 5 tháng 3 năm 2020 các đơn vị") is None, _place_date("Báo cáo ngày 5 tháng 3 năm 2020") is None
    (True, True)
    """
    m = mk.PLACE_DATE.search(text) or _GLUED_DAY.search(text)
    if m is not None:
        return m
    m = _NO_COMMA.match(text)
    if m is None or not all(w[:1].isupper() for w in m.group("place").split()):
        return None
    return m if len(m.group("place").split()) >= 2 else None


@dataclass
class HeaderResult:
    """A parsed header, the Kính gửi entries met inside it, and the index of the first line after it."""

    header: Header
    kinh_gui: list[Span] = field(default_factory=list)
    end: int = 0
    start: int = 0


def is_strong_marker(text: str) -> bool:
    """A line only a header holds: Quốc hiệu, Tiêu ngữ, ``Số: …/…``, place and date, a type name."""
    return bool(
        mk.MOTTO_NATION.search(text) or mk.MOTTO_SLOGAN.search(text) or mk.is_type_name(text)
        or _number_at(text) or (_place_date(text) and len(text) < 160)
    )


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


@lru_cache(maxsize=1)
def _slash_lost() -> re.Pattern[str]:
    return re.compile(mk.layout_cue("number_line_slash_lost")["pattern"])


def slash_lost_match(line: str) -> re.Match[str] | None:
    """The Số line of a scan whose '/' before the symbol OCR lost under a handwritten số, else None.

    Pattern, examples and counter-examples: ``data/layout_cues.json`` (``number_line_slash_lost``).

    >>> slash_lost_match("Số: 428SGD&ĐT-QLĐT&GDTX").group("sym"), slash_lost_match("Số: 15/KH-UBND")
    ('SGD&ĐT-QLĐT&GDTX', None)
    """
    text = unicodedata.normalize("NFC", line or "").translate(_DASHES).replace("Ð", "Đ")
    return _slash_lost().match(text)


def _number_at(text: str) -> re.Match[str] | None:
    m = mk.NUMBER.search(text)
    if m is None:
        return slash_lost_match(text)  # a handwritten số glued to the symbol, its '/' lost
    before = text[: m.start()].strip(" |*")
    if before and not (mk.is_upper_line(before) or len(before) < 3):
        return None
    return m


def find_header_start(lines: list[Line], lo: int, hi: int) -> int | None:
    """Index of the header's first line (skipping web-page boilerplate), or None if there is no header."""
    anchor = None
    for i in range(lo, hi):
        t = lines[i].text
        if is_strong_marker(t):
            anchor = i
            break
        if mk.preamble_kind(t) or _is_body_label(t):
            return None
    if anchor is None:
        return None
    start = k = anchor
    while k - 1 >= lo and anchor - (k - 1) <= 5:
        prev = lines[k - 1].text
        if mk.is_upper_line(prev) and len(prev) < 90 and not mk.label_of(prev):
            start = k = k - 1
        elif len(prev.strip()) <= 2 and k - 2 >= lo:  # a scan's seal or fold debris ("x") between agency and Số
            k -= 1
        else:
            break
    return start


def _is_body_label(text: str) -> bool:
    lab = mk.label_of(text)
    return lab is not None and lab.style in ("roman", "arabic", "article", "part", "chapter")


def _cut_number(text: str) -> int:
    """Where the number field ends (before a V/v text, a column gap or a date)."""
    end = len(text)
    for rx in (re.compile(r"\s{3,}"), re.compile(r"\s(?:V/[vV]|Về việc)\b"), re.compile(r"\s+ngày\s")):
        m = rx.search(text)
        if m and m.start() > 3:
            end = min(end, m.start())
    return end


@dataclass
class _Piece:
    kind: str
    span: Span
    line: int
    cell: Line | None = None
    offset: int = 0  # where in cell the leftover starts


def _classify(line: Line) -> list[_Piece]:
    """Find the header elements of one line (by cells, then by regexes, then leftovers by column gaps)."""
    out: list[_Piece] = []
    for cell in line.cells:
        text = cell.text
        taken: list[tuple[int, int]] = []
        for kind, rx in (("motto", mk.MOTTO_NATION), ("motto", mk.MOTTO_SLOGAN)):
            for m in rx.finditer(text):
                out.append(_Piece(kind, cell.span(m.start(), m.end()), line.index))
                taken.append((m.start(), m.end()))
        pd = _place_date(text)
        if pd:
            a = _after_symbol(text, pd.start("place"), pd.end("place"))
            out.append(_Piece("place_date", cell.span(a, pd.end()), line.index))
            taken.append((a, pd.end()))
        free = _free(text, taken)
        for a, b in free:
            seg = text[a:b]
            nm = _number_at(seg)
            if nm:
                na = a + nm.start()
                nb = na + _cut_number(text[na:b])
                out.append(_Piece("number", cell.span(na, nb), line.index))
                taken.append((na, nb))
        for a, b in _free(text, taken):
            sub = cell.sub(a, b)
            for piece in sub.gaps() if sub.text else []:
                out.append(_Piece("left", piece.span(), line.index, piece))
    out.sort(key=lambda p: p.span.start)
    return out


_SYMBOL_TAIL = re.compile(r"[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&.]+)+\s+")


def _after_symbol(text: str, a: int, b: int) -> int:
    """Where the địa danh starts when the Số's symbol runs into it on one line (``…/SGD&ĐT-VP Phú Thọ, ngày``).

    >>> t = "Số: 636/SGD&ĐT-VP Phú Thọ, ngày 16 tháng 5 năm 2017"
    >>> t[_after_symbol(t, 12, 25):]
    'Phú Thọ, ngày 16 tháng 5 năm 2017'
    """
    m = _SYMBOL_TAIL.match(text, a, b)
    return m.end() if m and "/" in text[max(0, a - 12):a] else a


def _free(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, last = [], 0
    for a, b in sorted(taken):
        if a > last:
            out.append((last, a))
        last = max(last, b)
    if last < len(text):
        out.append((last, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip(" ,|*-")]


_DASH_RUN = re.compile(r"[-–—]{2,}")  # OCR's doubled dash in the motto ("Độc lập — Tự do —- Hạnh phúc")


def _kinh_gui(lines: list[Line], i: int, hi: int, cell_from: int, h: Header | None = None) -> tuple[list[Span], int]:
    """Entries after ``Kính gửi:`` (same line, following cells, following dash lines). Returns entries, next index."""
    line = lines[i]
    out: list[Span] = []
    cells = line.cells
    first = True
    for cell in cells[cell_from:]:
        c = cell
        if first:
            m = _KINH_GUI.match(c.text)
            c = c.sub(m.end()) if m else c
            first = False
        if c.text.strip(" :;.,-"):  # not just the colon OCR doubled ("Kính gửi: :")
            out.extend(_entries(split_items(c)))
    clause = next((k for k, s in enumerate(out) if _clause_item(s.text)), None)
    if clause is not None:  # the body's "- Căn cứ …" run onto the Kính gửi line: the list ends before it
        return out[:clause], i + 1
    j = i + 1
    while j < hi:
        t = lines[j].text
        if h is not None and (mk.MOTTO_NATION.search(t) or mk.MOTTO_SLOGAN.search(_DASH_RUN.sub("-", t))
                              or _place_date(t)):
            # a layout reader put the right-hand header column after "Kính gửi:"
            for p in _classify(lines[j]):
                if p.kind == "motto":
                    h.motto_lines.append(p.span)
                elif p.kind == "place_date":
                    h.place_date_line = h.place_date_line or p.span
            j += 1
            continue
        if t.lstrip().startswith(("-", "–", "+", "•")) and not _clause_item(t):
            out.extend(_entries(split_items(lines[j])))
            j += 1
            continue
        if not out and len(t) < 120 and not mk.preamble_kind(t) and not mk.label_of(t):
            out.extend(_entries(split_items(lines[j])))
            j += 1
            continue
        if out and not out[-1].text.endswith((";", ".")) and len(t) < 60 and (
                t[:1].islower() or lines[j - 1].text.rstrip().endswith(",")
                or t.rstrip().endswith(";") and lines[j - 1].text.lstrip().startswith(("-", "–", "+", "•", "_"))
                and not mk.preamble_kind(t) and not mk.label_of(t)):
            # a wrapped entry ("- Phân hiệu Trường Đại học Nông Lâm thành phố Hồ" / "Chí Minh tại Gia Lai;")
            last = out.pop()
            sp = split_items(lines[j])
            sep = ", " if lines[j - 1].text.rstrip().endswith(",") else " "  # the comma split_items trimmed
            out.append(join_spans([last] + sp, sep) or last)
            j += 1
            continue
        break
    return out, j


def _entries(spans: list[Span]) -> list[Span]:
    """Kính gửi entries without urgency marks and scan debris; an entry that is only debris (``>``) goes.

    >>> [s.text for s in _entries([Span(0, 1, ">"), Span(2, 13, "' _ Sở Y tế")])]
    ['Sở Y tế']
    """
    from vnplan.structure.closing import is_debris_item

    return [e for e in (_without_mark(s) for s in spans) if not is_debris_item(e.text)]


def _clause_item(text: str) -> bool:
    """A dash line that opens a preamble clause (``- Căn cứ Thông báo số 194/TB-THPT…``): body, not a recipient.

    >>> _clause_item("- Căn cứ theo kế hoạch hoạt động công tác Đoàn"), _clause_item("- Hội Cha mẹ học sinh trường")
    (True, False)
    """
    return mk.preamble_kind(text.lstrip(" -–+•_")) is not None


_MARK_LEAD = re.compile(r"^\W{0,3}(?:HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KH[ẨA]N)\s*[-–:]?\s+(?=\S)")


def _without_mark(span: Span) -> Span:
    """A Kính gửi entry without the urgency stamp OCR read into it (``KHAN - Trưởng phòng GD&ĐT …``).

    >>> _without_mark(Span(0, 28, "' KHAN - Trưởng phòng GD&ĐT")).text
    'Trưởng phòng GD&ĐT'
    """
    from vnplan.structure.closing import trim_item  # "' _ Các Sở": a scan's debris before the entry

    m = _MARK_LEAD.match(span.text)
    return trim_item(Span(span.start + m.end(), span.end, span.text[m.end():]) if m else span)


def _is_noise(text: str) -> bool:
    """A line with no real word: OCR debris of stamps and signatures.

    >>> _is_noise("TT9I"), _is_noise("_—"), _is_noise("KẾ HOẠCH")
    (True, True, False)
    """
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(text.strip()) <= 5 and len(words) <= 1 and not mk.is_type_name(text) or not words


def _is_prose(text: str) -> bool:
    """Words, not debris: two words or more, and letters make at least half the characters.

    >>> _is_prose("Metro Bến Thành - Suối Tiên"), _is_prose("Ngày..2Š.|4.!2Q26.."), _is_prose("oa ¿")
    (True, False, False)
    """
    chars = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and letters >= 0.5 * len(chars)


def _dash_item(text: str) -> bool:
    """A Kính gửi entry (``- Các trung tâm GDNN-GDTX;``), never a line of the V/v trích yếu.

    >>> _dash_item("- Trung tâm GDTX tỉnh;"), _dash_item("- 2024")
    (True, False)
    """
    return bool(re.match(r"^\s*[-–+•]\s*[^\W\d_]", text)) and text.rstrip(" *").endswith((";", ".", ","))


_VE_VIEC_MISREAD = re.compile(r"^[Vv](?:à|ê|ẻ|ẽ|ệ|e|ề)(?= việc\b)")


def ve_viec_lead(span: Span) -> Span:
    """A trích yếu under a type name whose ``Về việc`` OCR misread (``và việc``, ``Vê việc``), given back.

    Only the lead word of the trích yếu, and only a one-letter vowel swap (the offsets stay valid).

    >>> ve_viec_lead(Span(0, 24, "và việc công nhận đề tài")).text
    'Về việc công nhận đề tài'
    >>> ve_viec_lead(Span(0, 17, "Về việc thành lập")).text, ve_viec_lead(Span(0, 23, "Sửa đổi và việc bổ sung")).text
    ('Về việc thành lập', 'Sửa đổi và việc bổ sung')
    """
    m = _VE_VIEC_MISREAD.match(span.text)
    if m is None or m.group() == "Về" or len(span.text) != span.end - span.start:
        return span
    return Span(span.start, span.end, "Về" + span.text[m.end():])


_STAMP_FIELD = re.compile(r"\s+(?:Ngày|NGÀY|Số|SỐ|Giờ|Chuyển|ĐẾN)\s*[.:…,]")


def stamp_after_type(text: str) -> int | None:
    """Where a received stamp's field (``Ngày..``, ``Số:``, ``Chuyển:``) starts after a type name on one line.

    A scan's ``CÔNG VĂN ĐẾN`` stamp printed beside the type name: OCR reads its blank field onto the line.

    >>> t = "THÔNG BÁO Ngày..9. tháng 10"
    >>> t[:stamp_after_type(t)]
    'THÔNG BÁO'
    >>> stamp_after_type("THÔNG BÁO TUYỂN SINH"), stamp_after_type("KẾ HOẠCH Số 12"), stamp_after_type("Ngày..9.")
    (None, None, None)
    """
    m = _STAMP_FIELD.search(text)
    if m is None or not mk.is_type_name(text[:m.start()].strip(_RULE_MARKS)):
        return None
    return len(text[:m.start()].rstrip())


def label_lost(lines: list[Line], i: int, hi: int, open_vv: bool = True) -> bool:
    """Dash entries under a công văn's V/v with no ``Kính gửi:`` above them: its label garbled or lost.

    Two entries at least, each ending as a list item; a preamble clause (``- Căn cứ …``) is no entry.
    ``open_vv``: the header has read a V/v trích yếu and no Kính gửi list yet.

    >>> from vnplan.structure.lines import logical_lines
    >>> label_lost(logical_lines("- Các phòng giáo dục và đào tạo;\\n- Trung tâm GDTX tỉnh."), 0, 2)
    True
    >>> label_lost(logical_lines("- Căn cứ Luật Giáo dục;\\n- Căn cứ Nghị định số 24/2014/NĐ-CP;"), 0, 2)
    False
    >>> label_lost(logical_lines("- Trung tâm GDTX tỉnh."), 0, 1), label_lost(logical_lines("- A;\\n- B;"), 0, 2, False)
    (False, False)
    """
    return open_vv and i + 1 < hi and all(
        _dash_item(lines[j].text) and not _clause_item(lines[j].text) for j in (i, i + 1))


def article_wrap(previous: str, text: str) -> bool:
    """A trích yếu that cites an article wrapped before its ``Điều N``: the line goes on, it opens no article.

    The line above ends mid-phrase (no ``.``, ``;`` or ``:``) and ``Điều N`` has no stop or colon after it.

    >>> article_wrap("Sửa đổi, bổ sung khoản 3 Điều 1; điểm b khoản 2", "Điều 4 Quyết định số 2071/QĐ-BGDĐT ngày 16/6/2017")
    True
    >>> article_wrap("Về việc ban hành Quy chế làm việc", "Điều 1. Ban hành kèm theo Quyết định này"), article_wrap(
    ...     "Ban hành Quy chế làm việc.", "Điều 4 Quyết định số 12/QĐ-UBND")
    (False, False)
    """
    lab = mk.label_of(text)
    if lab is None or lab.style != "article" or lab.label.endswith((".", ":")) or text[lab.end:lab.end + 1] in ".:":
        return False
    return not previous.rstrip(" *").endswith((".", ";", ":")) and not mk.is_upper_line(previous)


def _debris_before_type(lines: list[Line], i: int, hi: int, h: Header) -> bool:
    """A short line under the place and date, one or two lines above the type name: a received stamp's debris.

    (0082: ``gấu THẤM`` of the "CÔNG VĂN ĐẾN" stamp stood between the date and THÔNG BÁO TUYỂN SINH.)
    """
    if h.place_date_line is None or h.type_name is not None or len(lines[i].text) >= 25:
        return False
    return any(mk.is_type_name(ln.text) or mk.type_name_prefix(ln.text) for ln in lines[i + 1:min(i + 3, hi)])


def parse_header(lines: list[Line], start: int, hi: int) -> HeaderResult:
    """Read the header from ``lines[start]``; stop at the preamble, the body or the closing."""
    h = Header()
    res = HeaderResult(h, start=start, end=start)
    vv: list[Span] = []
    in_vv = False
    title: list[Span] = []
    title_done = False
    prefix_title = False  # the trích yếu began on the type name's line
    i = start
    while i < hi:
        line = lines[i]
        t = line.text
        if h.type_name is not None and not title_done:
            stop = _title_stop(line, title, h, prefix_title)
            if stop == "other":
                m = mk.KEM_THEO.search(t)
                h.other.append(line.span(m.start() if m else 0))
                title_done = True
                i += 1
                continue
            if stop:
                title_done = True
                if stop == "issuer":
                    h.other.append(line.span())
                    i += 1
                continue
            m = mk.KEM_THEO.search(t)
            if m and m.start() > 0:
                title.append(line.span(0, m.start()))
                h.other.append(line.span(m.start()))
                title_done = True
            else:
                title.append(line.span())
            i += 1
            continue
        if title_done:
            m = _KINH_GUI.match(t)
            if m:
                res.kinh_gui, i = _kinh_gui(lines, i, hi, 0, h)
                continue
            if mk.KEM_THEO.match(t):
                h.other.append(line.span())
                i += 1
                continue
            if mk.is_upper_line(t) and mk.ISSUING_AUTHORITY.match(t) and not line.blank_before or (
                    mk.is_upper_line(t) and mk.ISSUING_AUTHORITY.match(t) and len(h.other) == 0):
                h.other.append(line.span())
                i += 1
                continue
            if not (prefix_title and _box_marker(t)):
                break
            # a type-and-title line sits above the mottos or the Số line: read them as boxes 1-4
        # before the type name: box 1-4 elements
        if _KINH_GUI.match(t) or (line.cells and _KINH_GUI.match(line.cells[0].text)):
            in_vv = False
            res.kinh_gui, i = _kinh_gui(lines, i, hi, 0, h)
            title_done = True
            continue
        tn = mk.is_type_name(t) or mk.is_type_name(t.strip(_RULE_MARKS))
        cut = None if tn else stamp_after_type(t)
        if cut is not None:  # "THÔNG BÁO Ngày..9. tháng 10": a received stamp's field read onto the type line
            h.type_name = line.span(len(t) - len(t.lstrip(_RULE_MARKS)), cut)
            h.other.append(line.span(cut))
            in_vv = False
            i += 1
            continue
        if tn:  # "| | QUYẾT ĐỊNH", "_—— THÔNG BÁO": a scan's table rules around the type name are not part of it
            h.type_name = line.span(len(t) - len(t.lstrip(_RULE_MARKS)), len(t.rstrip(_RULE_MARKS)))
            in_vv = False
            i += 1
            continue
        tp = mk.type_name_prefix(t) if (h.agency_lines or h.motto_lines or h.number_line) and not vv else None
        if tp:  # "KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC": the type name and the trích yếu's first line
            m = re.match(r"[\s*#|]*(" + r"\s+".join(map(re.escape, tp.split())) + r")\s*", t)
            if m:
                h.type_name = line.span(m.start(1), m.end(1))
                title.append(line.span(m.end()))
                prefix_title = True
                in_vv = False
                i += 1
                continue
        if mk.preamble_kind(t) or _is_body_label(t) or _DECIDE.match(t) or _CLOSING.match(t):
            break
        pieces = _classify(line)
        recognised = False
        for p in pieces:
            if p.kind == "motto":
                h.motto_lines.append(p.span)
                recognised = True
            elif p.kind == "place_date":
                h.place_date_line = h.place_date_line or p.span
                recognised = True
            elif p.kind == "number":
                h.number_line = h.number_line or p.span
                recognised = True
                in_vv = False
                cell = _cell_after(line, p.span)
                if cell is not None:
                    m = _VV.search(cell.text)
                    if m:
                        vv.append(cell.span(m.end()))
                        in_vv = True
            else:
                text = p.span.text
                m = _VV.match(" " + text)
                if m and text[:1] in "VvV" and (text.startswith(("V/", "Về việc"))):
                    in_vv = True
                    vv.append(p.cell.span(m.end() - 1) if p.cell else p.span)
                    recognised = True
                elif _MARKS.match(text):
                    h.other.append(p.span)
                    recognised = True
                elif in_vv and _is_prose(text) and not mk.is_upper_line(text) and not _dash_item(text) and (
                        len(text) < 90 or (
                        len(text) < 220 and vv and not vv[-1].text.endswith((".", ";", ":")))):
                    vv.append(p.span)
                    recognised = True
                elif mk.is_upper_line(text, 0.7):
                    if h.number_line is None and h.type_name is None and not vv:
                        h.agency_lines.append(p.span)
                    else:
                        h.other.append(p.span)
                    recognised = True
        if not recognised and ((_is_noise(t) or not _is_prose(t) and len(t) < 40) and i - start < 14
                               or _debris_before_type(lines, i, hi, h)):
            h.other.append(line.span())  # scanner/OCR debris between header boxes ("_—", "TT9I", a received stamp)
            i += 1
            continue
        if not recognised and label_lost(lines, i, hi, bool(vv) and not res.kinh_gui):
            in_vv = False  # "- Các phòng giáo dục và đào tạo;" under the V/v: Kính gửi entries, the label lost
            res.kinh_gui, i = _kinh_gui(lines, i, hi, 0, h)
            title_done = True
            continue
        if not recognised:
            if in_vv and _is_prose(t) and (len(t) < 90 or len(t) < 220 and vv and not vv[-1].text.endswith((".", ";", ":"))) \
                    and not line.blank_before and not _dash_item(t):
                vv.append(line.span())
                i += 1
                continue
            break
        i += 1
    if title:
        h.title = join_spans(title)
    elif vv:
        h.title = join_spans(vv)
    if h.title is not None and h.type_name is not None:
        h.title = ve_viec_lead(h.title)
    res.end = i
    _late_boxes(lines, i, hi, h)
    return res


def _late_boxes(lines: list[Line], lo: int, hi: int, h: Header) -> None:
    """Boxes 1–4 printed after the type name and trích yếu in the text (a PDF whose header table comes last).

    Only when the header read none of them: the agency lines right above a ``Số:`` line, and the
    mottos and place-and-date line within four lines of it, among the next 30 lines.
    """
    if h.type_name is None or h.agency_lines or h.number_line or h.place_date_line or h.motto_lines:
        return
    for j in range(lo, min(hi, lo + 30)):
        if not _number_at(lines[j].text) or mk.preamble_kind(lines[j].text):
            continue
        near = range(max(lo, j - 4), min(hi, j + 5))
        if not any(mk.MOTTO_NATION.search(lines[k].text) or _place_date(lines[k].text) for k in near):
            continue
        k = j
        while k - 1 >= lo and j - (k - 1) <= 3 and mk.is_upper_line(lines[k - 1].text) \
                and not mk.MOTTO_NATION.search(lines[k - 1].text) and len(lines[k - 1].text) < 90:
            k -= 1
        h.agency_lines = [lines[m].span() for m in range(k, j)]
        for m in near:
            if m < j:
                continue
            for p in _classify(lines[m]):
                if p.kind == "motto":
                    h.motto_lines.append(p.span)
                elif p.kind == "place_date":
                    h.place_date_line = h.place_date_line or p.span
                elif p.kind == "number":
                    h.number_line = h.number_line or p.span
        return


def _cell_after(line: Line, span: Span) -> Line | None:
    """The rest of the cell holding ``span`` after it (the V/v text of ``Số: 2214/BXD-QLN V/v: …``)."""
    for cell in line.cells:
        if cell.start <= span.start < cell.end:
            k = 0
            while k < len(cell.pos) and cell.pos[k] < span.end:
                k += 1
            return cell.sub(k) if k < len(cell.text) else None
    return None


def _box_marker(text: str) -> bool:
    """A line of header boxes 1–4: Quốc hiệu, Tiêu ngữ, ``Số: …``, place and date."""
    return bool(mk.MOTTO_NATION.search(text) or mk.MOTTO_SLOGAN.search(text) or _number_at(text)
                or (_place_date(text) and len(text) < 160))


@lru_cache(maxsize=1)
def _labelled_date() -> re.Pattern[str]:
    return re.compile(mk.layout_cue("labelled_date_after_title")["pattern"])


def is_labelled_date_line(text: str) -> bool:
    """A label-and-date line under a trích yếu (a certificate's registration note): it ends the title.

    Pattern, examples and counter-examples: ``data/layout_cues.json`` (``labelled_date_after_title``).

    >>> is_labelled_date_line("Đăng ký lần 2: ngày 09 tháng 7 năm 2019"), is_labelled_date_line("Năm học 2019 - 2020")
    (True, False)
    """
    return bool(_labelled_date().match(text.strip()))


def _title_stop(line: Line, title: list[Span], h: Header, prefix_title: bool = False) -> str | None:
    """Why the trích yếu ends before ``line`` (None: the line continues it)."""
    t = line.text
    if prefix_title:
        if _box_marker(t):
            return "stop"
        # "KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC" over "Năm học 2020 - 2021": a short line carries on
        if title and len(title) < 6 and not line.blank_before and len(t.split()) <= 6 and not mk.preamble_kind(t) \
                and not mk.label_of(t) and not _KINH_GUI.match(t) and not mk.AUTHORITY.match(t):
            return None
    if mk.KEM_THEO.match(t):
        return "other"
    first_title_line = not title and mk.preamble_kind(t) in ("thuc_hien",) and len(t) < 300 \
        and not t.rstrip().endswith((";", ":")) and "như sau" not in t
    if first_title_line:  # "KẾ HOẠCH / Thực hiện Quyết định số 1899/QĐ-TTg …" is a trích yếu
        return None
    if title and article_wrap(title[-1].text, t):  # "… điểm b khoản 2" / "Điều 4 Quyết định số 2071/QĐ-BGDĐT …"
        return None
    if mk.preamble_kind(t) or mk.label_of(t) or _DECIDE.match(t) or _KINH_GUI.match(t) or _CLOSING.match(t):
        return "stop"
    if mk.AUTHORITY.match(t) or mk.is_type_name(t):
        return "stop"
    typ = h.type_name.text if h.type_name else ""
    if title and mk.is_upper_line(t) and mk.ISSUING_AUTHORITY.match(t) and typ in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "QUY ĐỊNH", "THÔNG TƯ"):
        return "issuer"
    if title and typ in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "QUY ĐỊNH", "THÔNG TƯ") and mk.is_upper_line(t) \
            and not mk.is_upper_line(title[-1].text) and len(t.split()) >= 3:
        return "issuer"  # a sentence-case trích yếu ends at the all-caps authority line (even one OCR mangled)
    if not title and mk.is_upper_line(t) and mk.ISSUING_AUTHORITY.match(t) and typ in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT"):
        if line.blank_before:
            return "issuer"
    if title:
        if len(title) >= 6 or len(t) > 250 or is_labelled_date_line(t):
            return "stop"
        if line.blank_before and not (mk.is_upper_line(t) and mk.is_upper_line(title[-1].text)):
            return "stop"
        if mk.is_upper_line(title[-1].text) and not mk.is_upper_line(t) and not t[:1].islower():
            return "stop"
    return None
