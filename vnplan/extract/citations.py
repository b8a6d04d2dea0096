"""Citations: the other documents a text refers to by number, with date, issuer and relation.

Rules (spec/record.md, "Citations"): each date and issuer binds to its own number
(``Căn cứ A số … ngày …; B số … ngày … của …``); the relation comes from the cue that
opens the clause (``Căn cứ`` → basis; ``Thực hiện``/``Triển khai`` → implements;
``Theo đề nghị``/``Xét Tờ trình`` → proposal; ``(Ban hành) kèm theo`` → attached_to;
otherwise mentions); the strongest relation of all mentions wins; later short
mentions merge into the first; the document's own number is never a citation;
standards (``QCVN 01:2019/BCT``) are not citations.

    >>> c = find_citations("Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND Thành phố Hà Nội về việc tổ chức Tuần lễ.")
    >>> c[0].number, c[0].symbol, c[0].date, c[0].issuer, c[0].relation
    ('262', 'KH-UBND', '2025-09-25', 'UBND Thành phố Hà Nội', 'implements')
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from vnplan import data
from vnplan.extract.dates import _date_at, sentence_span
from vnplan.extract.numbers import DASHES, doc_type_from_symbol, issuer_from_symbol, normalize_symbol
from vnplan.structure.markers import body_cue

__all__ = ["RELATION_RANK", "Citation", "citation_key", "find_citations", "find_named_citations", "relation_is"]

_DASHES = {**DASHES, 0xFFFE: "-", 0x00AD: "-"}  # U+FFFE and soft hyphens stand for "-" in some PDF text layers
RELATION_RANK = {"attached_to": 5, "basis": 4, "implements": 3, "proposal": 2, "mentions": 1}

# A document number in running text.  Whitespace may not precede a hyphen across a line break (a list dash),
# but may follow it ("KH-\nSGD&ĐT", "NĐ- CP"); each symbol group must end at a word boundary.
# Symbol repairs (data/citation_symbols.tsv): groups typed in two pieces ("BGD ĐT"), and OCR misreadings.
_SYMBOL_ROWS = data.rows("citation_symbols.tsv")
_JOIN = "".join(f"(?:(?<={re.escape(r['pattern'])})[ \\t]{re.escape(r['replacement'])}(?![\\w]))?"
                for r in _SYMBOL_ROWS if r["kind"] == "join")
_OCR_REPAIRS = tuple((r["field"], re.compile(r["pattern"]), r["replacement"])
                     for r in _SYMBOL_ROWS if r["kind"] == "ocr")
# a group may carry a dotted part ("TB-THPT.XM", "CV.TCVG"): a dot between capitals, never a sentence end
_G = r"[A-ZĐ0-9][A-Za-zĐđ0-9&]*(?![\w])(?:\.(?=[A-ZĐ]{2})[A-ZĐ][A-Za-zĐđ0-9&]*(?![\w]))?" + _JOIN
_CITE = re.compile(
    r"(?<![\w/.&:\-])"
    r"(?:(?P<pn>\d{1,5})[ \t]?-\s*(?P<pt>[A-Za-zĐđ]{1,5})\s?/\s?(?P<pb>[A-ZĐ][A-Za-zĐđ0-9]*(?![\w]))"
    r"|(?P<n>\d{1,6}(?:\.\d{1,3})?)[ \t]?/\s?(?P<s>(?:(?:19|20)\d{2}\s?/\s?)?[A-ZĐ][A-Za-zĐđ0-9&]*(?![\w])"
    r"(?:\.(?=[A-ZĐ]{2})[A-ZĐ][A-Za-zĐđ0-9&]*(?![\w]))?"
    r"(?:/" + _G + r")*(?:[ \t]?[-–‑]\s?" + _G + r"(?:/" + _G + r")*)*))"
)
_STANDARD_BEFORE = re.compile(r"(?:QCVN|TCVN|TCCS|ISO|IEC)[\s\d.:-]*$")
_HEADER_NUMBER = re.compile(r"(?:^|\n|\|)[\s*_]*Số\s*(?:và\s+ký\s+hiệu)?\s*:?\s*$", re.IGNORECASE)

# Document-type words written in front of a number (longest first), mapped to the record's type name.
_TYPE_WORDS = [
    ("Thông báo kết luận", "Thông báo"), ("Chương trình hành động", "Chương trình"), ("Thông tư liên tịch", None),
    ("Nghị quyết liên tịch", None), ("Kế hoạch liên tịch", None), ("Kế hoạch phối hợp", None),
    ("Chương trình phối hợp", None), ("Văn bản hợp nhất", None), ("Bộ luật", "Bộ luật"), ("Pháp lệnh", None),
    ("Nghị quyết", None), ("Quyết định", None), ("Nghị định", None), ("Thông tư", None), ("Chỉ thị", None),
    ("Kế hoạch", None), ("Công văn", None), ("Công điện", None), ("Văn bản", "*"), ("Thông báo", None),
    ("Thông tri", None), ("Kết luận", None), ("Hướng dẫn", None), ("Quy định", None), ("Quy chế", None),
    ("Chương trình", None), ("Tờ trình", None), ("Báo cáo", None), ("Đề án", None), ("Phương án", None),
    ("Giấy mời", None), ("Luật", None), ("Lệnh", None),
]
_TYPE_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?P<t>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in _TYPE_WORDS) + r")"
    r"(?![\wÀ-ỹ])", re.IGNORECASE)
_TYPE_NAME = {w.lower(): (n or w) for w, n in _TYPE_WORDS}

_CUES = [
    ("attached_to", r"\(?\s*(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo"),
    ("basis", r"căn\s+cứ"),
    ("proposal", r"(?:theo|xét|trên\s+cơ\s+sở)\s+(?:đề\s+nghị|tờ\s+trình|đề\s+xuất)"),
    ("implements", r"(?:để\s+|tiếp\s+tục\s+)?(?:thực\s+hiện|triển\s+khai)"),
]
# more clause-opening cues, reviewed data with examples (data/body_cues.json, cue "citation_cue")
_MORE_CUES = [(r["relation"], r["pattern"]) for r in body_cue("citation_cue")["patterns"]]
_CUE_RE = re.compile(r"(?:" + "|".join(
    f"(?P<{k}>{'|'.join([p] + [q for r, q in _MORE_CUES if r == k])})" for k, p in _CUES) + r")(?![\wÀ-ỹ])",
    re.IGNORECASE)
_RULE_FOLLOWED = re.compile(body_cue("rule_followed")["pattern"], re.IGNORECASE)  # "… theo Thông tư số …"
# an implements cue inside a sentence, right before its document ("nhằm triển khai hiệu quả Quyết định số …")
_NEAR_CUE = re.compile(body_cue("citation_near_cue")["pattern"], re.IGNORECASE)
_NEAR_GAP_WORDS = 3
_GENERIC_TYPE_BEFORE = re.compile(r"(?:các|những|mọi)\s+$", re.IGNORECASE)
_CLAUSE_START = re.compile(
    r"(?:^|[;:]|[.!?:;]\s*\n|^[^a-zà-ỹđ\n]*\n|[.!?]\s|(?:^|\n)\s*[-+•]\s|\b[a-zđ]\)\s|\b\d{1,2}(?:\.\d{1,2})*[.)]\s"
    r"|\(|\*|\bV/v\s*:?|\||\n\s*\n)\s*[*_]*\s*$")
# Sentence boundaries for the reach of a cue: like dates.sentence_span but ";" does not end it
# ("Căn cứ A; B; C." and "Thực hiện A và B; C." give every document the cue's relation).
_SENTENCE_END = re.compile(
    r"(?<!\nCăn cứ)(?<!^Căn cứ)[.!?](?=\s+[\"“(*]*[A-ZĐÀ-Ỹ0-9])|[.!?:;]\s*\n\s*\n|\||\n(?=\s*(?:[-+•*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s"
    r"|[a-zđ]\)\s|[IVX]+\.\s|\[\d+\]))")
_MAX_GAP_WORDS = 12
_TRAILING_TYPE = re.compile(
    r"(?:(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết)\s+[A-ZĐÀ-Ỹ][^;]{0,150}?\s+số|(?<![\wÀ-ỹ])(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in _TYPE_WORDS) + r")(?:\s*:?\s*số(?:\s+hiệu)?)?)\s*[*_]*\s*$",
    re.IGNORECASE)

_ISSUER_STOP = (
    r"\s+(?:về|v/v|ban\s+hành|phê\s+duyệt|quy\s+định|hướng\s+dẫn|thực\s+hiện|triển\s+khai|tại|theo|đã|có|"
    r"sửa\s+đổi|bổ\s+sung|trong|đối\s+với|nhằm|để|với|là|được|cho|gửi|thì|khi|tiếp\s+tục|tổ\s+chức|chỉ\s+đạo|"
    r"và\s+(?=[a-zà-ỹđ])|và\s+(?=" + "|".join(re.escape(w) for w, _ in _TYPE_WORDS) + r"))(?![\wÀ-ỹ])"
    r"|\s*[;.(“\"”:]|\s*,\s*(?=[a-zà-ỹđ]|ngày)|\n\s*\n|$")
_ISSUER_AFTER = re.compile(r"^\s*,?\s*(?:của|do)\s+(?P<i>.+?)(?=" + _ISSUER_STOP + r")", re.IGNORECASE | re.DOTALL)
_ISSUER_BEFORE = re.compile(
    r"(?:của|do)\s+(?P<i>[A-ZĐÀ-Ỹ][^;.:()]{1,90}?)\s+(?:đã\s+)?(?:(?:ban\s+hành|phê\s+duyệt)\s+)?tại\s*$", re.DOTALL)
_ISSUED_BEFORE = re.compile(r"(?:^|,)\s*(?P<i>[A-ZĐÀ-Ỹ][^;.,:()]{1,80}?)\s+(?:đã\s+)?ban\s+hành\s*$", re.DOTALL)


@dataclass
class Citation:
    """One cited document (one entry per distinct document)."""

    doc_type: str | None
    number: str
    symbol: str
    date: str | None
    issuer: str | None
    relation: str
    text: str
    start: int
    end: int
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return citation_key(self.number, self.symbol)

    def __repr__(self) -> str:
        return f"<Citation {self.doc_type} {self.number}/{self.symbol} {self.date} {self.relation}>"

    def to_dict(self) -> dict[str, object]:
        return {"doc_type": self.doc_type, "number": self.number, "symbol": self.symbol, "date": self.date,
                "issuer": self.issuer, "relation": self.relation, "text": self.text, "start": self.start,
                "end": self.end, "mentions": [list(m) for m in self.mentions]}


def citation_key(number: str | None, symbol: str | None) -> str:
    """The scorer's key: number without leading zeros + ``/`` + symbol upper-cased, dashes unified.

    >>> citation_key("05", "2025/qđ–ubnd")
    '5/2025/QĐ-UBND'
    """
    num = (number or "").strip().lstrip("0") or "0"
    sym = unicodedata.normalize("NFC", symbol or "").translate(DASHES).replace("Ð", "Đ")
    return num + "/" + re.sub(r"\s+", "", sym).upper()


@dataclass
class _Mention:
    start: int
    end: int
    number: str
    symbol: str
    doc_type: str | None
    typed: bool
    date: date | None
    issuer: str | None
    relation: str
    clause: str
    text_start: int
    footnote: bool


def find_citations(text: str, *, own_number: str | None = None, own_symbol: str | None = None,
                   default_year: int | None = None, ocr: bool = False) -> list[Citation]:
    """Every document cited by number in ``text``, merged per document, in order of first mention.

    >>> cs = find_citations("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ; "
    ...                     "Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ.")
    >>> [(c.number, c.symbol, c.date, c.issuer, c.relation) for c in cs]
    [('30', '2020/NĐ-CP', '2020-03-05', 'Chính phủ', 'basis'), ('01', '2011/TT-BNV', '2011-01-19', 'Bộ Nội vụ', 'basis')]

    With ``ocr=True`` (text read by OCR) the misreadings of ``data/citation_symbols.tsv`` are repaired:
    ``Kế hoạch số 109/KII-UBND`` → ``109``, ``KH-UBND``.
    """
    text = unicodedata.normalize("NFC", text or "").translate(_DASHES).replace("Ð", "Đ")
    if ocr:
        text = _repair_numbers(text)
    own = citation_key(own_number, own_symbol) if own_number and own_symbol else None
    mentions: list[_Mention] = []
    for m in _CITE.finditer(text):
        mention = _mention(text, m, default_year)
        if mention is None:
            continue
        if ocr:
            mention.symbol = _repair_symbol(mention.symbol)
        key = citation_key(mention.number, mention.symbol)
        if own and key == own:
            continue
        mentions.append(mention)
    return _merge(mentions)


def _repair_symbol(symbol: str) -> str:
    """An OCR'd symbol with the symbol rows of ``citation_symbols.tsv`` applied: ``KII-UBND`` → ``KH-UBND``."""
    for fld, pattern, replacement in _OCR_REPAIRS:
        if fld == "symbol":
            symbol = pattern.sub(replacement, symbol)
    return symbol


def _repair_numbers(text: str) -> str:
    """OCR'd text with the number rows of ``citation_symbols.tsv`` applied (length kept, so offsets hold):
    ``Văn bản số §32/BGDĐT-CTHSSV`` → ``Văn bản số 832/BGDĐT-CTHSSV``."""
    for fld, pattern, replacement in _OCR_REPAIRS:
        if fld == "number":
            text = pattern.sub(replacement, text)
    return text


def _mention(text: str, m: re.Match[str], default_year: int | None) -> _Mention | None:
    before = text[max(0, m.start() - 200):m.start()]
    if _STANDARD_BEFORE.search(before[-20:]) or _HEADER_NUMBER.search(before[-40:]):
        return None
    if m.group("pn"):
        number, symbol = m.group("pn"), f"{m.group('pt')}/{m.group('pb')}"
    else:
        number, symbol = m.group("n"), normalize_symbol(m.group("s"))
    if not re.search(r"[A-Za-zĐđ]{2}|[A-ZĐ]", symbol):
        return None
    s, e = sentence_span(text, m.start(), m.end())
    s = min(s, m.start())
    # document-type words in front ("Kế hoạch số", "Luật Địa chất ... số"), without crossing another number
    prefix = text[s:m.start()]
    last_num = None
    for last_num in _CITE.finditer(prefix):
        pass
    scope_start = s + (last_num.end() if last_num else 0)
    scope = text[scope_start:m.start()]
    doc_type, typed, type_pos = _type_before(scope, symbol)
    if type_pos is not None:
        type_pos += scope_start
    # the date and issuer stated next to this number
    after = text[m.end():m.end() + 260]
    dt, date_end = _date_after(text, m.end(), default_year)
    if dt is None:
        dt = _date_before(text, s, m.start(), default_year)
    issuer_from = date_end if date_end is not None else m.end()
    issuer = _issuer_after(text[issuer_from:issuer_from + 200]) or _issuer_before(text[max(s, scope_start - 160):
                                                                                         (type_pos or m.start())])
    relation = _relation(text, _sentence_start(text, m.start()), type_pos if type_pos is not None else m.start())
    clause_start = type_pos if type_pos is not None else m.start()
    clause = " ".join(text[clause_start:e].split())
    footnote = _is_footnote(text, m.start())
    del after
    return _Mention(m.start(), m.end(), number, symbol, doc_type, typed, dt, issuer, relation, clause,
                    clause_start, footnote)


def _type_before(scope: str, symbol: str) -> tuple[str | None, bool, int | None]:
    """(type, stated in words, offset of the words) for the words in front of a number."""
    tail = scope[-40:]
    near = list(_TYPE_RE.finditer(tail))
    found = None
    if near:
        last = near[-1]
        rest = tail[last.end():]
        if last.group("t").lower() in ("luật", "bộ luật", "pháp lệnh", "lệnh") and not last.group("t")[0].isupper():
            rest = "x"  # "pháp luật số ...": not a type word
        if re.fullmatch(r"\s*(?:số|số\s+hiệu|số:)?\s*[*_]*\s*", rest, re.IGNORECASE):
            found = (last.group("t"), len(scope) - len(tail) + last.start())
            # "Thông báo kết luận số": the compound starts earlier
            for w, _n in _TYPE_WORDS:
                if " " in w:
                    mm = re.search(re.escape(w).replace(r"\ ", r"\s+") + r"\s*(?:số)?\s*[*_]*\s*$", scope, re.IGNORECASE)
                    if mm and mm.start() < found[1]:
                        found = (w, mm.start())
                        break
    if found is None:
        # a law or resolution cited by its name: "Luật Quản lý, sử dụng vũ khí ... số 42/2024/QH15"
        named = None
        for mm in re.finditer(r"(?<![\wÀ-ỹ])(?P<t>Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết)\s+[A-ZĐÀ-Ỹ]", scope):
            named = mm
        if named and re.search(r"\bsố\s*[*_]*\s*$", scope, re.IGNORECASE) and len(scope) - named.start() < 160:
            found = (named.group("t"), named.start())
    if found is None:
        return doc_type_from_symbol(symbol), False, None
    word, pos = found
    name = _TYPE_NAME.get(" ".join(word.lower().split()), word)
    name = name[0].upper() + name[1:].lower() if name else name
    if name == "*":  # "Văn bản số ...": the symbol tells
        return doc_type_from_symbol(symbol), True, pos
    if name.lower() == "bộ luật":
        name = "Bộ luật"
    return _sentence_case(name), True, pos


def _sentence_case(name: str) -> str:
    for w, n in _TYPE_WORDS:
        target = n or w
        if target != "*" and target.lower() == name.lower():
            return target
    return name


_DATE_LEAD = re.compile(r"\s*[*_]*\s*,?\s*\(?\s*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?(?:vào\s+)?ngày\s*", re.IGNORECASE)


def _date_after(text: str, pos: int, default_year: int | None) -> tuple[date | None, int | None]:
    m = _DATE_LEAD.match(text, pos)
    if not m:
        return None, None
    got = _date_at(text, m.end(), default_year)
    if got is None:
        # "ngày 28 tháng 6 năm 2014" without "ngày" repeated is handled by _date_at; nothing else to try
        return None, None
    return got[2], got[1]


def _date_before(text: str, s: int, pos: int, default_year: int | None) -> date | None:
    """``Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg``."""
    seg = text[s:pos]
    m = re.match(r"\s*(?:\[?\d{1,2}\]?\s+)?[*_]*\s*ngày\s+", seg, re.IGNORECASE)
    if not m or not re.search(r"\b(?:ban\s+hành|có|ký|gửi)\b", seg, re.IGNORECASE):
        return None
    got = _date_at(text, s + m.end(), default_year)
    return got[2] if got else None


def _clean_issuer(raw: str) -> str | None:
    issuer = " ".join(raw.replace("*", " ").split()).strip(" ,;-")
    if not issuer or len(issuer) > 120 or not re.match(r"[A-ZĐÀ-Ỹ]", issuer):
        return None
    return issuer


def _issuer_after(seg: str) -> str | None:
    m = _ISSUER_AFTER.match(seg)
    return _clean_issuer(m.group("i")) if m else None


def _issuer_before(seg: str) -> str | None:
    for rx in (_ISSUER_BEFORE, _ISSUED_BEFORE):
        m = rx.search(seg)
        if m:
            issuer = _clean_issuer(m.group("i"))
            if issuer:
                issuer = re.sub(r"^(?:ý\s+kiến\s+)?(?:chỉ\s+đạo|hướng\s+dẫn|đề\s+nghị)\s+của\s+", "", issuer, flags=re.IGNORECASE)
                return issuer
    return None


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence around ``pos`` starts, looking back at most 3,000 characters (linear time)."""
    start = max(0, pos - 3000)
    for m in _SENTENCE_END.finditer(text, max(0, pos - 3000), pos):
        start = m.end()
    return start


# A regulation named by title, then the numbered document that issued it ("… ban hành kèm theo Thông tư số")
_CARRIER = re.compile("|".join([r"(?:được\s+)?ban\s+hành\s+(?:kèm\s+theo|tại|theo)\s*$"]
                                + body_cue("citation_cue")["carriers"]), re.IGNORECASE)
_LOOK_BACK = 2000  # characters before a cue that decide whether it opens a clause (bounded: linear time)


# after "thực hiện": the document is a rule to follow, not the one carried out
_FOLLOWS = re.compile(r"\s*(?:theo|đúng|như)(?![\wÀ-ỹ])(?!\s+(?:sự\s+)?chỉ\s+đạo)", re.IGNORECASE)
def _relation(text: str, s: int, pos: int) -> str:
    """The relation given by the last clause-opening cue of the sentence before ``pos``.

    The cue reaches the document when other cited documents chain it there (``Căn cứ A …; B …``) or when
    the words between are few and name no other document (``Triển khai nghiêm túc … Nghị quyết số …``).
    """
    seg = text[s:pos]
    best = None
    for m in _CUE_RE.finditer(seg):
        line_start = text.rfind("\n", max(0, s + m.start() - _LOOK_BACK), s + m.start()) + 1
        before = text[max(0, min(s, line_start) - 2, s + m.start() - _LOOK_BACK):s + m.start()]
        at_line_start = re.search(r"\n[ \t*_]*$", before) is not None and m.group(0)[0].isupper()
        if m.start() != 0 and not at_line_start and not _CLAUSE_START.search(before):
            continue
        best = m
    reach = _MAX_GAP_WORDS
    if best is None:
        best = next((m for m in reversed(list(_NEAR_CUE.finditer(seg, max(0, len(seg) - 400))))), None)
        if best is None:
            return "mentions"
        kind, reach = "implements", _NEAR_GAP_WORDS
    else:
        kind = best.lastgroup or "mentions"
    gap = seg[best.end():]
    if kind == "implements" and (_FOLLOWS.match(gap) or _RULE_FOLLOWED.search(seg[-80:])):
        return "mentions"  # "Thực hiện theo Thông tư số …", "thực hiện đúng tinh thần …": a rule followed
    first = _CITE.search(gap)
    if kind == "attached_to" and first is not None:
        return "mentions"  # only the first number after "kèm theo" is the issuing decision
    # a chain: the cue must reach the first document of the chain; a type word printed apart from its
    # number ("các Công văn: Số 1060/BTC-QLGCS") belongs to it
    gap = _TRAILING_TYPE.sub("", gap[:first.start()] if first is not None else gap)
    if kind == "implements" and first is not None and _RULE_FOLLOWED.search(gap):
        return "mentions"  # the chain opens with a rule followed ("… được quy định tại Điều 40 Nghị định số …")
    carrier = _CARRIER.search(gap)
    if carrier and len(gap[:carrier.start()].split()) <= 3 * _MAX_GAP_WORDS:
        gap = ""  # "Căn cứ Điều lệ trường … ban hành kèm theo Thông tư số …": the document that issued it
    if len(gap.split()) > reach or _names_document(gap):
        lead = _chain_lead(gap)
        if lead is None or len(lead.split()) > reach or _names_document(lead):
            return "mentions"
    return kind


def _chain_lead(gap: str) -> str | None:
    """The words before the first document of a chain of named documents (``data/body_cues.json``,
    ``citation_chain``), or None when ``gap`` is no such chain.

    ``Thực hiện Luật phòng chống tham nhũng 2013; Thông tư số …``: every ``;``-separated part names a document
    (a law named, a ``Chỉ thị số 34`` without symbol), so the cue reaches the numbered one at its end.
    """
    parts = gap.split(";")
    if len(parts) < 2 or parts[-1].strip(" ,\n") not in ("", "và"):
        return None
    for part in parts[1:-1]:
        m = _TYPE_RE.match(part.strip())
        if m is None or not m.group(0)[0].isupper():
            return None
    first = next((m for m in _TYPE_RE.finditer(parts[0]) if m.group(0)[0].isupper()), None)
    return None if first is None else parts[0][:first.start()]


def _names_document(gap: str) -> bool:
    """A type word in the words between a cue and its document names another document: capitalised or
    followed by its number, and not plural (``các Quyết định của …``, ``các văn bản hướng dẫn``)."""
    for m in _TYPE_RE.finditer(gap):
        if _GENERIC_TYPE_BEFORE.search(gap[:m.start()]):
            continue
        if m.group(0)[0].isupper() or re.match(r"\s*(?:số\s*)?\d", gap[m.end():]):
            return True
    return False


def relation_is(text: str, relation: str) -> bool:
    """Whether the first document cited in ``text`` gets ``relation`` (the check of the body cues of citations).

    >>> relation_is("Căn cứ. Nghị quyết số 08/NQ-CP ngày 24/01/2018 của Chính phủ;", "basis")
    True
    """
    found = find_citations(text)
    return bool(found) and found[0].relation == relation


def _is_footnote(text: str, pos: int) -> bool:
    """A footnote line opens with a bare note number (``1 Các quy định ...``, ``[1] Nghị quyết ...``)."""
    line_start = text.rfind("\n", 0, pos) + 1
    para_start = max(text.rfind("\n\n", 0, pos), 0)
    for start in {line_start, para_start}:
        head = text[start:start + 12].lstrip()
        if re.match(r"(?:\[\d{1,2}\]|\d{1,2}\s+[A-ZĐ]|[ivx]{1,4}\s+[A-ZĐ])", head):
            return True
    return False


def _merge(mentions: list[_Mention]) -> list[Citation]:
    groups: dict[str, list[list[_Mention]]] = {}
    order: list[tuple[str, int]] = []
    for mn in mentions:
        key = citation_key(mn.number, mn.symbol)
        if key not in groups:  # the same document written or read a little differently (_same_document)
            key = next((k for k in groups if _same_document(k, key)), key)
        clusters = groups.setdefault(key, [])
        target = None
        if re.match(r"(?:19|20)\d{2}/", mn.symbol) and clusters:
            target = 0  # number + year + type is unique: a differing date is a misprint
        elif mn.date is not None:
            for i, cl in enumerate(clusters):
                years = {x.date.year for x in cl if x.date is not None}
                if not years or mn.date.year in years:
                    target = i
                    break
        elif clusters:
            target = len(clusters) - 1
        if target is None:
            clusters.append([mn])
            order.append((key, len(clusters) - 1))
        else:
            clusters[target].append(mn)
    out = [_citation(groups[key][i]) for key, i in order]
    return out


_OCR_FOLD = str.maketrans({"Đ": "D", "I": "1", "L": "1", "S": "5", "O": "0"})


def _same_document(known: str, key: str) -> bool:
    """Two keys of one document: its Đ typed or read as D, or a digit of a code read as a letter
    (``67/2025/QHIS`` beside ``67/2025/QH15``, ``4726/BGDDT-GDTC`` beside ``4726/BGDĐT-GDTC``), or a
    normative symbol cut before its last group (``167/2017/NĐ`` beside ``167/2017/NĐ-CP``: number and year
    name one document).

    >>> _same_document("67/2025/QH15", "67/2025/QHIS"), _same_document("167/2017/NĐ-CP", "167/2017/NĐ")
    (True, True)
    >>> _same_document("12/KH-UBND", "12/KH-SGDĐT"), _same_document("5/2020/NĐ-CP", "5/2021/NĐ-CP")
    (False, False)
    """
    if known.translate(_OCR_FOLD) == key.translate(_OCR_FOLD):
        return True
    short, long = sorted((known, key), key=len)
    return re.match(r"\d+/(?:19|20)\d{2}/", short) is not None and long.startswith(short + "-")


def _citation(cluster: list[_Mention]) -> Citation:
    first = cluster[0]
    best = max(cluster, key=lambda x: RELATION_RANK[x.relation])
    typed = next((x for x in cluster if x.typed), None)
    doc_type = typed.doc_type if typed else first.doc_type
    # the spelling of the document: of its mentions that differ (_same_document), the one with the fewest
    # letters OCR makes of digits, its Đ kept, and its symbol whole ("QH15" over "QHI5", "NĐ-CP" over "NĐ")
    symbol = min(cluster, key=lambda x: (sum(ch in "ILSO" for ch in x.symbol.upper()), -x.symbol.count("Đ"),
                                         -len(x.symbol))).symbol if len({x.symbol.upper() for x in cluster}) > 1 \
        else first.symbol
    return Citation(
        doc_type=doc_type, number=first.number, symbol=symbol, date=_pick_date(cluster),
        issuer=next((x.issuer for x in cluster if x.issuer), None) or _symbol_issuer(symbol),
        relation=best.relation, text=(typed or first).clause, start=first.start, end=first.end,
        mentions=[(x.start, x.end) for x in cluster])


def _symbol_issuer(symbol: str) -> str | None:
    got = issuer_from_symbol(symbol)
    return got[0] if got else None


def _pick_date(cluster: list[_Mention]) -> str | None:
    dated = [(x.date, x.footnote) for x in cluster if x.date is not None]
    if not dated:
        return None
    sym_year = re.match(r"((?:19|20)\d{2})/", cluster[0].symbol)
    if sym_year:
        agree = [x for x in dated if x[0].year == int(sym_year.group(1))]
        dated = agree or dated
    votes = Counter(d for d, _ in dated)
    top = max(votes.values())
    tied = [x for x in dated if votes[x[0]] == top]
    body = [x for x in tied if not x[1]]
    return (body or tied)[0][0].isoformat()


# ---------------------------------------------------------------------------------------------- named laws

_LAW = re.compile(
    r"(?<![\wÀ-ỹ])(?P<name>(?:Bộ\s+[Ll]uật|Luật|Pháp\s+lệnh)\s+(?!(?:này|đó|trên|và|của|về|các|định)\b)"
    r"[^;:\n()“”\"]*?)"
    r"(?=\s*(?:[;:()“”\"]|\.(?:\s|$)|\n|,\s*(?=[A-ZĐÀ-Ỹ]|ngày|năm|và)|\s+(?:ngày|số\s*\d|đã|được|và\s+(?:các|pháp|văn)|"
    r"có\s+hiệu|quy\s+định|hướng\s+dẫn|theo|tại|để|thì|gồm|về|nhằm|trong|cho|là|trên\s+địa\s+bàn|thuộc|với\s+việc|"
    r"của(?!\s+(?:Luật|Bộ\s+luật|Pháp\s+lệnh)))(?![\wÀ-ỹ])|\s+và\s*$|$))")


def find_named_citations(text: str) -> list[dict[str, str | None]]:
    """Laws and ordinances cited by name: ``[{"name": ..., "date": ISO or None}]``, one per law.

    >>> find_named_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    [{'name': 'Luật Tổ chức chính quyền địa phương', 'date': '2015-06-19'}]
    """
    text = unicodedata.normalize("NFC", text or "")
    out: dict[str, dict[str, str | None]] = {}
    for m in _LAW.finditer(text):
        name = " ".join(m.group("name").split()).rstrip(" ,")
        if re.search(r"\bsố\s*\d", text[m.end():m.end() + 8]) or re.match(r".*\bsố\s+\d", name):
            continue  # a law cited by number is a citation
        if len(name.split()) < 2 or re.fullmatch(r"(?:Luật|Bộ luật|Pháp lệnh)\s+(?:này|đó|trên)", name):
            continue
        got = None
        lead = re.match(r"\s*,?\s*(?:được\s+\S+\s+)?ngày\s*", text[m.end():m.end() + 30], re.IGNORECASE)
        if lead:
            got = _date_at(text, m.end() + lead.end(), None)
        key = _fold(name)
        if key in out:
            if out[key]["date"] is None and got:
                out[key]["date"] = got[2].isoformat()
            continue
        out[key] = {"name": name, "date": got[2].isoformat() if got else None}
    return list(out.values())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").replace("đ", "d").split())
