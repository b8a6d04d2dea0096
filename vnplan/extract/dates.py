"""Dates in Vietnamese administrative text: single dates, ranges, deadlines and the place-date line.

Dates are always day-month-year (``25/9/2025``, ``25-9-2025``, ``25.9.2025``,
``ngày 25 tháng 9 năm 2025``); a date without a year takes ``default_year``.
A number such as ``30/2020/NĐ-CP`` is never a date.

    >>> parse_date("ngày 25 tháng 9 năm 2025").isoformat()
    '2025-09-25'
    >>> [d.date.isoformat() for d in find_deadlines("Báo cáo về UBND xã trước ngày 09/10/2025.", 2025)]
    ['2025-10-09']
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

__all__ = [
    "DateMention",
    "DateRange",
    "DeadlineMention",
    "date_before_citation",
    "date_by_signing",
    "find_dates",
    "find_deadlines",
    "find_ranges",
    "parse_date",
    "parse_place_date",
    "sentence_span",
    "year_issued_with",
]

_SEP = r"\s*[/.\-]\s*"
_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4}|\d{3}(?!\d))"
# 25/9/2025, 25-9-2025, 25.9.2025, 01/10/202 (truncated), 25/9 (no year; kept only after "ngày", "từ", ...)
_NUM = (r"(?<![\d/.,])" + _D + r"\s*(?P<s1>[/.\-])\s*" + _M + r"(?!\d)(?:\s*(?P=s1)\s*" + _Y + r")?"
        r"(?!\d)(?!\s*/\s*[A-Za-zĐđ])(?![.\-/]\d)")
_TXT = (r"ngày\s+" + _D + r"\s+tháng\s+" + _M + r"(?:\s*(?:,\s*)?(?:năm|/)\s*" + _Y + r")?(?!\d)")
NUM_DATE = re.compile(_NUM)
TXT_DATE = re.compile(_TXT, re.IGNORECASE)
_YEARLESS_OK = re.compile(r"(?:ngày|từ|đến|tới|trước|sau|hết|và|-|–)\s*$", re.IGNORECASE)
_PLAUSIBLE = (1900, 2100)


@dataclass(frozen=True)
class DateMention:
    """A date found in text: ``start``/``end`` are offsets, ``kind`` is date/range_start/range_end/deadline."""

    start: int
    end: int
    date: date
    kind: str = "date"
    repaired: bool = False
    text: str = ""

    def __repr__(self) -> str:
        return f"<DateMention {self.date.isoformat()} {self.kind}{' repaired' if self.repaired else ''}>"

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "date": self.date.isoformat(), "kind": self.kind,
                "repaired": self.repaired, "text": self.text}


@dataclass(frozen=True)
class DateRange:
    """``từ ngày 01/10/2025 đến ngày 07/10/2025``: dates ``start_date``..``end_date`` at offsets ``start``..``end``.

    ``end_date`` is None for an open range (``từ ngày 20/10/2025``, ``từ ngày 11/9 đến hết năm 2026``).
    """

    start: int
    end: int
    start_date: date
    end_date: date | None
    text: str = ""
    repaired: bool = False

    @property
    def open(self) -> bool:
        return self.end_date is None

    def __repr__(self) -> str:
        end = self.end_date.isoformat() if self.end_date else "…"
        return f"<DateRange {self.start_date.isoformat()}..{end}>"

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "start_date": self.start_date.isoformat(),
                "end_date": self.end_date.isoformat() if self.end_date else None, "text": self.text,
                "repaired": self.repaired}


@dataclass(frozen=True)
class DeadlineMention:
    """A concrete dated deadline or milestone; ``text`` is the clause that states it, at ``start``..``end``.

    ``cue`` is what made it a deadline: ``"before"`` (trước, xong trước), ``"latest"`` (chậm nhất, hạn cuối,
    the end of a submission window), ``"on"`` (trong ngày, vào ngày: a day to act on, never before the issue
    date), ``"milestone"`` (``Ngày 08/10/2025: ...``, ``Thời gian dự kiến: ngày ...``).
    """

    date: date
    text: str
    start: int
    end: int
    cue: str = "before"
    repaired: bool = False
    date_start: int = 0
    date_end: int = 0

    def __repr__(self) -> str:
        return f"<DeadlineMention {self.date.isoformat()} {self.cue} {self.text[:40]!r}>"

    def to_dict(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "text": self.text, "start": self.start, "end": self.end,
                "cue": self.cue, "repaired": self.repaired}


# ---------------------------------------------------------------------------------------------- single dates

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """The first date in ``text`` (None if none); a date without a year takes ``default_year``.

    >>> parse_date("25.9.2025"), parse_date("ngày 25/9", default_year=2026)
    (datetime.date(2025, 9, 25), datetime.date(2026, 9, 25))
    >>> parse_date("30/2020/NĐ-CP") is None
    True
    """
    text = _nfc(text)
    found = _scan(text, default_year, allow_yearless_anywhere=True)
    return found[0][2] if found else None


def _year_of(ytext: str | None, d: int, m: int, pos: int, text: str, default_year: int | None
             ) -> tuple[int | None, bool]:
    """The year of a date and whether it had to be repaired."""
    if ytext is None:
        return default_year, False
    y = int(ytext)
    upper = (default_year + 30) if default_year else _PLAUSIBLE[1]
    if len(ytext) == 4 and _PLAUSIBLE[0] <= y <= upper:
        return y, False
    return _repair_year(ytext, d, m, pos, text, default_year), True


_FULL = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})(?!\d)|tháng\s+\d{1,2}\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)


def _repair_year(ytext: str, d: int, m: int, pos: int, text: str, default_year: int | None) -> int | None:
    """A truncated (``202``) or impossible (``2925``) year, repaired from the text around it."""
    same_dm: list[int] = []
    near: list[tuple[int, int]] = []
    for mm in _FULL.finditer(text):
        if mm.start() <= pos < mm.end():
            continue
        year = int(mm.group(3) or mm.group(4))
        if default_year and abs(year - default_year) > 30:
            continue
        if mm.group(1) and int(mm.group(1)) == d and int(mm.group(2)) == m:
            same_dm.append(year)
        near.append((abs(mm.start() - pos), year))
    if same_dm:
        return same_dm[0]
    candidates = [y for dist, y in sorted(near) if dist < 300 and y and str(y).startswith(ytext[:3])]
    if candidates:
        return candidates[0]
    if default_year is not None:
        return default_year
    close = [y for _, y in sorted(near)]
    return close[0] if close else None


def _scan(text: str, default_year: int | None, allow_yearless_anywhere: bool = False
          ) -> list[tuple[int, int, date, bool]]:
    """All single dates: (start, end, date, repaired), textual forms first, no overlaps."""
    out: list[tuple[int, int, date, bool]] = []
    taken: list[tuple[int, int]] = []
    for rx in (TXT_DATE, NUM_DATE):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            d, mo, ytext = int(m.group("d")), int(m.group("m")), m.group("y")
            if (ytext is None and rx is NUM_DATE and not allow_yearless_anywhere
                    and not _YEARLESS_OK.search(text[max(0, s - 12):s])):
                continue
            year, repaired = _year_of(ytext, d, mo, s, text, default_year)
            if year is None:
                continue
            dt = _mk(year, mo, d)
            if dt is None:
                continue
            out.append((s, e, dt, repaired))
            taken.append((s, e))
    out.sort()
    return out


# ---------------------------------------------------------------------------------------------- place-date line

_PLACE_DATE = re.compile(
    r"(?P<place>[^\n,|*]{1,60}?)\s*,\s*ngày(?:\b|(?=\d))(?P<rest>[^\n|]*)", re.IGNORECASE)
# no comma after an địa danh of capitalised words that opens the line ("Hà Nội ngày 0Ÿ tháng năm 2026")
_PLACE_NO_COMMA = re.compile(
    r"^\s*(?P<place>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][^\W\d_]*\s+){2,6}?)"
    r"ng[àa]y?\b(?P<rest>[^\n|]{0,40}?\btháng\b[^\n|]{0,20}?năm\s*\d{4})")
_BLANK_PARTS = re.compile(
    r"^\s*(?P<d>\d{1,2})?[\s._…]*tháng[\s._…]*(?P<m>\d{1,2})?[\s._…]*năm[\s._…]*(?P<y>\d{4})?", re.IGNORECASE)


_NOT_PLACE = re.compile(r"hạnh\s+phúc|cộng\s+hòa|cộng\s+hoà|độc\s+lập|^\s*số\b|---|\d", re.IGNORECASE)


def _join_wrapped_place(text: str) -> str:
    """Rejoin a place name wrapped over two lines (``Thành phố Hồ`` / ``Chí Minh, ngày ...``)."""
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if re.search(r",\s*ngày\b", ln, re.IGNORECASE) and i > 0:
            prev = lines[i - 1].strip()
            if prev and not _NOT_PLACE.search(prev) and not prev.isupper() and len(prev) < 40:
                lines[i - 1:i + 1] = [prev + " " + ln.strip()]
            break
    return "\n".join(lines)


@cache
def _day_debris() -> re.Pattern[str]:
    from vnplan.structure.markers import layout_cue

    return re.compile(layout_cue("day_in_debris")["pattern"])  # case-sensitive: a capital is a misread digit


def day_in_debris(rest: str) -> str | None:
    """The handwritten day OCR wrapped in one stray mark, in what follows ``ngày`` (``.25 tháng 3`` → ``25``).

    Pattern, examples and counter-examples: ``data/layout_cues.json`` (``day_in_debris``).

    >>> day_in_debris(" s22/ tháng 02 năm 2020"), day_in_debris(" tháng 12 năm 2018")
    ('22', None)
    """
    m = _day_debris().match(_nfc(rest))
    return m.group("d") if m else None


def parse_place_date(line: str) -> tuple[str | None, date | None, int | None, bool]:
    """``(place, date, year, blank)`` of a header place-and-date line; ``blank`` when day or month is left empty.

    >>> parse_place_date("Hoà Xá, ngày tháng năm 2025")
    ('Hoà Xá', None, 2025, True)
    >>> parse_place_date("Hà Nội, ngày 05 tháng 01 năm 2020")
    ('Hà Nội', datetime.date(2020, 1, 5), 2020, False)
    >>> parse_place_date("Gia Lai, ngày30 tháng 7 năm 2021")[:2], parse_place_date("Hà Nội ngà tháng năm 2021")
    (('Gia Lai', datetime.date(2021, 7, 30)), ('Hà Nội', None, 2021, True))
    """
    text = _join_wrapped_place(_nfc(line).replace("*", "").replace("_", " "))
    m = _PLACE_DATE.search(text) or _PLACE_NO_COMMA.match(text)
    if not m:
        dt = parse_date(text)
        return None, dt, dt.year if dt else None, False
    place_text = re.sub(r"\s+", " ", m.group("place")).strip(" -:;")
    place = re.sub(r"^(?:Số\s*:?\s*\S*\s+)", "", place_text).strip() or None
    # a place split by OCR ("T hành phố Hồ Chí M inh") is kept as printed
    rest = m.group("rest")
    day = day_in_debris(rest)
    if day:  # "ngày.25 tháng 3": a handwritten day with one stray mark
        rest = " " + day + " " + _day_debris().sub("", _nfc(rest), count=1)
    parts = _BLANK_PARTS.match(rest)
    if parts:
        d, mo, y = parts.group("d"), parts.group("m"), parts.group("y")
        year = int(y) if y else None
        if d and mo and y:
            dt = _mk(int(y), int(mo), int(d))
            return place, dt, year, dt is None
        return place, None, year, True
    dt = parse_date("ngày" + rest)
    if dt is None:
        ym = re.search(r"(?:19|20)\d{2}", rest)
        return place, None, int(ym.group()) if ym else None, True
    return place, dt, dt.year, False


_DAY_ONLY = re.compile(r"^\s*(?P<d>\d{1,2})\b[^\d\n]{0,6}?tháng\D{0,8}?năm\s*(?P<y>(?:19|20)\d{2})", re.IGNORECASE)
_DAY_PRINTED = re.compile(r"^\s*(?P<d>\d{1,2})[\s._…]*tháng[\s._…]*(?P<m>\d{1,2})[\s._…]*năm[\s._…]*(?P<y>\d{4})",
                          re.IGNORECASE)


def date_by_signing(line: str, signed: str, scanned: bool = False) -> date | None:
    """The issue date of a place-and-date line whose month (or, on a scan, whose day) the digital signature settles.

    The signing time (``signed``, ISO) bounds the issue date from above: a document is dated, then
    signed and published.  A printed day with an unreadable month (``ngày 03 tháng †năm 2020``) falls
    in the last month on or before the signing day; on a scan, a day OCR read after the signing date
    (a handwritten ``03`` read ``04``) gives way to the signing date.  Anything else: None.

    >>> date_by_signing("Hà Nội, ngày 03 tháng †năm 2020", "2020-07-06T10:07:47+07:00")
    datetime.date(2020, 7, 3)
    >>> date_by_signing("Hà Nội, ngày 28 tháng † năm 2020", "2020-07-06T10:07:47+07:00")
    datetime.date(2020, 6, 28)
    >>> date_by_signing("Bắc Ninh, ngày 04_ tháng 02 năm 2020", "2020-02-03T11:29:04+07:00", scanned=True)
    datetime.date(2020, 2, 3)
    >>> date_by_signing("Bắc Ninh, ngày 04 tháng 02 năm 2020", "2020-02-03T11:29:04+07:00") is None
    True
    >>> date_by_signing("Hà Nội, ngày tháng 10 năm 2021", "2021-10-19T15:00:33+07:00") is None
    True
    """
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", signed or "")
    pd = _PLACE_DATE.search(_nfc(line).replace("*", "").replace("_", " "))
    if m is None or pd is None:
        return None
    sy, sm, sd = (int(g) for g in m.groups())
    signed_on = _mk(sy, sm, sd)
    rest = pd.group("rest")
    printed = _DAY_PRINTED.match(rest)
    if printed:  # a full date: only a scan's day read after the signing date, in the signing month
        dt = _mk(int(printed.group("y")), int(printed.group("m")), int(printed.group("d")))
        if scanned and dt and signed_on and dt.year == sy and dt.month == sm and 0 < (dt - signed_on).days <= 3:
            return signed_on
        return None
    day = _DAY_ONLY.match(rest)
    if day is None or int(day.group("y")) != sy:
        return None
    d = int(day.group("d"))
    month, year = (sm, sy) if d <= sd else ((sm - 1, sy) if sm > 1 else (12, sy - 1))
    dt = _mk(year, month, d)
    return dt if dt and signed_on and (signed_on - dt).days <= 31 and dt.year == sy else None


# ---------------------------------------------------------------------------------------------- sentences

_HARD_END = re.compile(r"[.!?](?=\s+[\"“(*]*[A-ZĐÀ-Ỹ0-9])|;|\|")


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span of the sentence or clause around ``text[start:end]``.

    Boundaries: a full stop before a capital, ``;``, a table-cell bar, a blank line after
    punctuation, and a new line that opens a list item (``-``, ``+``, ``1.``, ``a)``) or a heading.

    >>> t = "Mở đầu. Báo cáo trước ngày 09/10/2025 để tổng hợp. Hết."
    >>> s, e = sentence_span(t, 20); t[s:e]
    'Báo cáo trước ngày 09/10/2025 để tổng hợp.'
    """
    end = start if end is None else end
    left = _boundary_before(text, start, _cap_left(text, start))
    limit = min(len(text), end + SENTENCE_REACH)
    starts, ends = _boundaries(text)
    i = bisect.bisect_left(starts, end)  # the next boundary of a whole-text scan bounds the search
    stop = min(limit, ends[i]) if i < len(ends) else limit
    nxt = _BOUNDARY.search(text, end, min(len(text), stop + 256))  # 256: room for a boundary's look-ahead
    if nxt and nxt.start() <= limit:
        right = nxt.start() + (1 if text[nxt.start()] in ".!?" else 0)
    else:
        right = _cap_right(text, limit)
    while left < right and text[left] in " \t\n-+•*|:":
        left += 1
    while right > left and text[right - 1] in " \t\n|;":
        right -= 1
    return left, right


#: How far a sentence reaches either side of its match at most: real sentences are shorter (the longest
#: seen in the corpus reaches 1,395 characters past its date), and a text with no sentence ends (a
#: 0.5 MB table dump) would otherwise make every clause the whole text, quadratic time over its dates.
SENTENCE_REACH = 4000


def _cap_left(text: str, start: int) -> int:
    """``start - SENTENCE_REACH``, moved forward to the next space so no word is cut (0 near the start)."""
    if start <= SENTENCE_REACH:
        return 0
    cut = start - SENTENCE_REACH
    space = text.find(" ", cut, start)
    return cut if space < 0 else space + 1


def _cap_right(text: str, limit: int) -> int:
    """``limit``, moved back to the last space so no word is cut (the text's end when it is that)."""
    if limit >= len(text):
        return len(text)
    space = text.rfind(" ", limit - SENTENCE_REACH // 2, limit)
    return limit if space < 0 else space


def _boundary_before(text: str, start: int, floor: int = 0) -> int:
    """The end of the last boundary that ends before ``start`` (``floor`` if none after it), as a scan of
    ``text[:start]`` would find it, but from boundaries found once per text (linear time over many dates)."""
    starts, ends = _boundaries(text)
    i = bisect.bisect_right(ends, start)
    while i > 0 and ends[i - 1] > floor:
        i -= 1
        m = _BOUNDARY.match(text, starts[i], start)  # its look-ahead must hold within text[:start]
        if m:
            return m.end()
    return floor


_BOUNDARY_CACHE: list[tuple[str, tuple[list[int], list[int]]]] = []


def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Boundary starts and ends of ``text``, cached by identity: comparing two equal long texts (what a
    cache keyed by value does on every hit) would cost a pass over the text per date."""
    for cached, found in _BOUNDARY_CACHE:
        if cached is text:
            return found
    spans = [(m.start(), m.end()) for m in _BOUNDARY.finditer(text)]
    found = ([a for a, _ in spans], [b for _, b in spans])
    _BOUNDARY_CACHE.insert(0, (text, found))
    del _BOUNDARY_CACHE[8:]
    return found


_BOUNDARY = re.compile(
    r"[.!?](?=\s+[\"“(*]*[A-ZĐÀ-Ỹ0-9])|[.!?:;]\s*\n\s*\n|;|\||\n(?=\s*(?:[-+•*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]+\.\s|Ngày\s+\d))"
    r"")


# ---------------------------------------------------------------------------------------------- ranges

_DP = r"(?P<{n}d>\d{{1,2}})"
_RANGE_FROM = re.compile(
    r"\btừ\s+(?:ngày\s+)?(?P<d1>\d{1,2})(?:\s*[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>\d{4}|\d{3}(?!\d)))?)?"
    r"\s*(?:đến|tới|–|-)\s*(?:hết\s+)?(?:ngày\s+)?(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})(?!\d)"
    r"(?:\s*[/.\-]\s*(?P<y2>\d{4}|\d{3}(?!\d)))?(?!\d)(?!\s*/\s*[A-Za-zĐđ])", re.IGNORECASE)
_RANGE_BARE = re.compile(
    r"(?<![\d/.])(?P<d1>\d{1,2})\s*[/.]\s*(?P<m1>\d{1,2})(?:\s*[/.]\s*(?P<y1>\d{4}))?\s*(?:-|–|đến)\s*"
    r"(?P<d2>\d{1,2})\s*[/.]\s*(?P<m2>\d{1,2})\s*[/.]\s*(?P<y2>\d{4})(?!\d)(?!\s*/\s*[A-Za-zĐđ])", re.IGNORECASE)
_RANGE_DAYS = re.compile(
    r"(?<![\d/.])(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})\s*[/.]\s*(?P<m2>\d{1,2})\s*[/.]\s*(?P<y2>\d{4})(?!\d)"
    r"(?!\s*/\s*[A-Za-zĐđ])")
_RANGE_TXT = re.compile(
    r"\btừ\s+ngày\s+(?P<d1>\d{1,2})(?:\s+tháng\s+(?P<m1>\d{1,2})(?:\s+năm\s+(?P<y1>\d{4}))?)?\s*(?:,\s*)?"
    r"(?:đến|tới)\s+(?:hết\s+)?ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?",
    re.IGNORECASE)
_RANGE_OPEN = re.compile(
    r"\btừ\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s*(?:[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>\d{4}|\d{3}(?!\d)))?|\s+tháng\s+"
    r"(?P<m1t>\d{1,2})(?:\s+năm\s+(?P<y1t>\d{4}))?)(?!\d)(?![.\-/]\d)(?!\s*/\s*[A-Za-zĐđ])"
    r"(?:\s*(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+(?P<yend>\d{4})|năm|khi|nay)\b)?", re.IGNORECASE)


def find_ranges(text: str, default_year: int | None = None) -> list[DateRange]:
    """Date ranges: ``từ ngày 01/10/2025 đến ngày 07/10/2025``, ``từ ngày 01 đến ngày 07/10/2025``,
    ``từ 01-07/10/2025``, ``01/10 - 15/10/2025``; the left side borrows month and year from the right.

    >>> [(r.start_date.isoformat(), r.end_date.isoformat()) for r in find_ranges("từ ngày 01 đến ngày 07/10/2025")]
    [('2025-10-01', '2025-10-07')]
    """
    text = _nfc(text)
    out: list[DateRange] = []
    taken: list[tuple[int, int]] = []
    for rx in (_RANGE_TXT, _RANGE_FROM, _RANGE_BARE, _RANGE_DAYS):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            rng = _closed_range(m, text, default_year)
            if rng is None:
                continue
            out.append(rng)
            taken.append((s, e))
    for m in _RANGE_OPEN.finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            continue
        mo, yt = m.group("m1") or m.group("m1t"), m.group("y1") or m.group("y1t") or m.group("yend")
        if mo is None:
            continue
        year, repaired = _year_of(yt, int(m.group("d1")), int(mo), s, text, default_year)
        if year is None:
            continue
        d1 = _mk(year, int(mo), int(m.group("d1")))
        if d1 is None:
            continue
        out.append(DateRange(s, e, d1, None, text[s:e], repaired))
        taken.append((s, e))
    out.sort(key=lambda r: r.start)
    return out


def _closed_range(m: re.Match[str], text: str, default_year: int | None) -> DateRange | None:
    g = m.groupdict()
    d2, m2 = int(g["d2"]), int(g["m2"])
    y2, rep2 = _year_of(g.get("y2"), d2, m2, m.start("d2"), text, default_year)
    if y2 is None:
        return None
    d1 = int(g["d1"])
    m1 = int(g["m1"]) if g.get("m1") else m2
    if g.get("y1"):
        y1, rep1 = _year_of(g["y1"], d1, m1, m.start("d1"), text, default_year)
        if y1 is None:
            return None
    else:
        y1, rep1 = (y2 - 1 if m1 > m2 else y2), False
    start, end = _mk(y1, m1, d1), _mk(y2, m2, d2)
    if start is None or end is None or start > end:
        return None
    return DateRange(m.start(), m.end(), start, end, m.group(0), rep1 or rep2)


# ---------------------------------------------------------------------------------------------- deadlines

_TIME = r"(?:(?:vào\s+)?(?:lúc\s+)?\d{1,2}\s*(?:giờ|h|g)\s*(?:\d{1,2}\s*(?:phút|')?)?\s*,?\s*)?"
_CUE = re.compile(
    r"(?P<cue>chậm\s+nhất(?:\s+(?:là|vào|đến|trước|trong))*|hạn\s+chót(?:\s+(?:là|vào))?|hoàn\s+thành(?:\s+xong)?\s+trước"
    r"|xong\s+trước|trước|(?<![\wÀ-ỹ])ước\s+(?=ngày\s)|sớm\s+nhất(?:\s+(?:là|từ|vào))?|hạn\s+cuối(?:\s+(?:là|vào))?|trong\s+(?=ngày\s)|(?<!\w)vào\s+(?=ngày\s)"
    r"|(?:hạn|thời\s+hạn)\s+(?:nộp|gửi|hoàn\s+thành|báo\s+cáo)?\s*:?\s*(?:trước\s+)?)"
    r"\s*" + _TIME + r"(?:ngày\s+)?(?=[*_]*\d)", re.IGNORECASE)
_MILESTONE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-+•*][ \t]*)?(?P<cue>Ngày)\s+(?=\d{1,2}\s*[/.\-]\s*\d{1,2}[^\n:]{0,12}:)", re.IGNORECASE)
_EXPECTED = re.compile(
    r"\bthời\s+(?:gian|điểm|hạn)(?:\s+(?:dự\s+kiến|hoàn\s+thành|hoàn\s+tất|tổ\s+chức|thực\s+hiện|ban\s+hành|công\s+bố"
    r"|nộp|gửi|báo\s+cáo)){0,3}(?:\s+[\wÀ-ỹĐđ]+){0,4}?\s*:\s*(?:vào\s+)?(?:ngày\s+)?(?=[*_]*\d)", re.IGNORECASE)
_ACTION_BEFORE = re.compile(r"\b(?:gửi|báo\s+cáo|nộp|hoàn\s+thành|hoàn\s+tất|trình|ban\s+hành|phê\s+duyệt|xong)\b",
                            re.IGNORECASE)
_RECURRING_AFTER = re.compile(r"^\s*(?:\)|,)?\s*(?:của\s+)?(?:hằng|hàng|mỗi|các)\s+(?:tháng|năm|quý|tuần|kỳ)"
                              r"|^\s*(?:của\s+)?tháng\s+(?:cuối|đầu)", re.IGNORECASE)
_RECURRING_CLAUSE = re.compile(r"\b(?:định\s+kỳ|hằng\s+(?:năm|tháng|quý)|hàng\s+(?:năm|tháng|quý))\b", re.IGNORECASE)


# what is handed in during a window "Thời gian nhận hồ sơ: từ ngày … đến ngày …"
_SUBMIT_WINDOW = re.compile(r"\b(?:(?:nhận|tiếp\s+nhận|nộp|gửi)\s+(?:hồ\s+sơ|đơn|bài|báo\s+cáo)|đăng\s+ký)\b",
                            re.IGNORECASE)


def find_deadlines(text: str, default_year: int | None = None, *, issue_date: date | None = None
                   ) -> list[DeadlineMention]:
    """Concrete dated deadlines and dated milestones, each with the clause that states it.

    Recurring dates (``trước ngày 15 hằng tháng``, ``trước ngày 30/11 hàng năm``), months, quarters and
    relative limits are left out, and so is a ``trước ngày`` date already past when the document was
    issued (a condition, not a deadline).

    >>> [d.date.isoformat() for d in find_deadlines("Các đơn vị báo cáo trước 16 giờ 00 ngày 10/10/2025.", 2025)]
    ['2025-10-10']
    >>> find_deadlines("Gửi báo cáo trước ngày 15 hằng tháng.", 2025)
    []
    """
    text = _nfc(text)
    found: dict[tuple[int, int], DeadlineMention] = {}
    found_ranges = find_ranges(text, default_year)
    ranges = [(r.start, r.end) for r in found_ranges]
    for r in found_ranges:  # "Thời gian nhận hồ sơ: từ ngày 01/5 đến 30/6/2025": the window closes on its end
        if r.end_date is None:
            continue
        s, e = sentence_span(text, r.start, r.end)
        line = text.rfind("\n", 0, r.start)
        if line >= 0 and not text[line:r.start].strip(" \n•*-–+") and text[:line].rstrip().endswith(":"):
            s = text.rfind("\n", 0, line) + 1  # the label on the line above ("… nhận hồ sơ:" / "• từ ngày …")
        if _SUBMIT_WINDOW.search(text[s:r.start]):
            found[(r.start, r.end)] = DeadlineMention(r.end_date, " ".join(text[s:e].split()), s, e, "latest",
                                                         r.repaired, r.start, r.end)
    for rx, kind in ((_CUE, None), (_MILESTONE, "milestone"), (_EXPECTED, "milestone")):
        for m in rx.finditer(text):
            pos = m.end()
            dm = _date_at(text, pos, default_year)
            if dm is None:
                continue
            ds, de, dt, repaired, has_year = dm
            if any(a <= ds < b for a, b in ranges) and kind == "milestone":
                continue  # "Thời gian: từ ngày ... đến ngày ..." is a period, not a milestone
            word = m.group("cue").lower() if kind is None else ""
            cue = kind or ("latest" if word.startswith(("chậm", "hạn chót", "hạn cuối")) else
                           "on" if word.startswith(("trong", "vào", "sớm")) else "before")
            if cue == "on" and (dt < issue_date if issue_date is not None else default_year is None
                                or dt.year < default_year):
                continue  # "vào ngày 10/3/2025" before the letter: an event told, not a date to act on
            if _RECURRING_AFTER.search(text[de:de + 25]):
                continue
            s, e = sentence_span(text, m.start() if kind is None else ds, de)
            clause = text[s:e]
            if not has_year and _RECURRING_CLAUSE.search(clause):
                continue
            if cue != "milestone":
                past = (dt < issue_date) if issue_date is not None else (
                    default_year is not None and dt.year < default_year)
                if past and not _ACTION_BEFORE.search(text[max(s, m.start() - 200):m.start() + 1]):
                    continue  # "hoạt động cách mạng trước ngày 01/01/1945": a condition, not a deadline
            key = (ds, de)
            if key in found:
                continue
            found[key] = DeadlineMention(dt, " ".join(clause.split()), s, e, cue, repaired, ds, de)
    return sorted(found.values(), key=lambda d: d.date_start)


# "ngày 3 1/7": a two-digit day that OCR split in two (only right after "ngày" of a deadline cue)
_SPLIT_DAY = re.compile(r"[\s*_]*(?P<d1>[1-3]) " + _D.replace("\\d{1,2}", "\\d") + r"\s*/\s*" + _M
                        + r"(?!\d)(?:\s*/\s*" + _Y + r")?(?!\d)(?![.\-/]\d)")


def _date_at(text: str, pos: int, default_year: int | None) -> tuple[int, int, date, bool, bool] | None:
    """The date that starts at ``pos`` (numeric or ``05 tháng 8 năm 2026``)."""
    after_ngay = re.search(r"ngày\s*$", text[max(0, pos - 8):pos], re.IGNORECASE) is not None
    m = re.compile(r"[\s*_]*" + _NUM).match(text, pos)
    split = _SPLIT_DAY.match(text, pos) if m is None and after_ngay else None
    if m:
        d, mo, yt = int(m.group("d")), int(m.group("m")), m.group("y")
        if yt is None and not after_ngay:
            return None  # "1/2 ngày" is half a day, not the 1st of February
    elif split:  # "trước ngày 3 1/7": OCR split the day's two digits
        m, d, mo, yt = split, int(split.group("d1") + split.group("d")), int(split.group("m")), split.group("y")
    else:
        m = re.compile(r"[\s*_]*" + _D + r"\s+tháng\s+" + _M + r"(?:\s*(?:,\s*)?(?:năm|/)\s*" + _Y + r")?(?!\d)",
                       re.IGNORECASE).match(text, pos)
        if not m:
            return None
        d, mo, yt = int(m.group("d")), int(m.group("m")), m.group("y")
    year, repaired = _year_of(yt, d, mo, m.start("d1") if m is split else m.start("d"), text, default_year)
    if year is None:
        return None
    dt = _mk(year, mo, d)
    if dt is None:
        return None
    return m.start("d1") if m is split else m.start("d"), m.end(), dt, repaired, yt is not None


# ---------------------------------------------------------------------------------------------- all dates

def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Every date in ``text`` with its role: ``range_start``/``range_end`` of a range, ``deadline``, else ``date``.

    >>> [(d.date.isoformat(), d.kind) for d in find_dates("Từ ngày 01/10/2025 đến ngày 07/10/2025; báo cáo trước ngày 09/10/2025.", 2025)]
    [('2025-10-01', 'range_start'), ('2025-10-07', 'range_end'), ('2025-10-09', 'deadline')]
    >>> [d.repaired for d in find_dates("từ ngày 01/10/202, tổng kết ngày 07/10/2021", 2021)]
    [True, False]
    """
    text = _nfc(text)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for r in find_ranges(text, default_year):
        singles = _scan(text[r.start:r.end], default_year, allow_yearless_anywhere=True)
        if singles:
            s0, e0, _, _ = singles[0]
            out.append(DateMention(r.start + s0, r.start + e0, r.start_date, "range_start", r.repaired, r.text))
        if r.end_date is not None and len(singles) > 1:
            s1, e1, _, _ = singles[-1]
            out.append(DateMention(r.start + s1, r.start + e1, r.end_date, "range_end", r.repaired, r.text))
        elif r.end_date is not None:  # "01-07/10/2025": one date expression holds both days
            out.append(DateMention(r.start, r.end, r.end_date, "range_end", r.repaired, r.text))
        taken.append((r.start, r.end))
    for dl in find_deadlines(text, default_year):
        if any(a <= dl.date_start < b for a, b in taken):
            continue
        out.append(DateMention(dl.date_start, dl.date_end, dl.date, "deadline", dl.repaired, dl.text))
        taken.append((dl.date_start, dl.date_end))
    for s, e, dt, repaired in _scan(text, default_year):
        if any(a < e and s < b for a, b in taken):
            continue
        out.append(DateMention(s, e, dt, "date", repaired, text[s:e]))
    out.sort(key=lambda d: d.start)
    return out


_ISSUED_WITH = re.compile(r"ngày\s+\d{1,2}\s*(?:[/.\-]\s*\d{1,2}\s*[/.\-]|tháng\s+\d{1,2}\s+năm)\s*((?:19|20)\d{2})")


def year_issued_with(text: str) -> int | None:
    """The year of the decision a regulation is issued with, from its ``(Ban hành kèm theo …)`` line.

    A quy chế or quy định printed alone has no place-and-date line: it is issued with the decision it names.

    >>> year_issued_with("(Ban hành kèm theo Quyết định số: 173/QĐ-THPT\\nngày 31/12/2020 của Hiệu trưởng)")
    2020
    """
    m = _ISSUED_WITH.search(text)
    return int(m.group(1)) if m else None


def date_before_citation(issued: str | None, cited: list[str | None]) -> str | None:
    """The latest cited date that falls after an OCR-read issue date in the same year, else None.

    A document cannot cite a document dated after itself, so such an issue date is a misread
    handwritten day (``ngày 04 tháng 10`` citing ``Giấy mời số 474/GM-BGDĐT ngày 07 tháng 10 năm 2016``
    for a letter of the 12th).  A cited date in another year is more likely the citation's own
    misreading and is not held against the issue date.

    >>> date_before_citation("2016-10-04", ["2016-09-30", "2016-10-07"])
    '2016-10-07'
    >>> date_before_citation("2016-10-12", ["2016-09-30", "2016-10-07"]) is None
    True
    >>> date_before_citation("2016-10-04", ["2018-10-07", None]) is None
    True
    """
    if not issued:
        return None
    later = [c for c in cited if c and c[:4] == issued[:4] and c[:10] > issued[:10]]
    return max(later) if later else None
