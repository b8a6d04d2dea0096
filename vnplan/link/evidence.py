"""The evidence that a citation names one archive document, each rule with its weight.

A candidate shares the citation's loose number and symbol (`vnplan.link.keys`).
Each rule below looks at one more thing — the year, the exact date, the
issuer's name after folding, its level, the document type, the locality
(merger-aware), the commune, and the cited description (``về việc …``)
against the candidate's title — and adds its weight to the score, or, for a
contradiction no misprint explains (another year in the symbol, another
province, level or ministry), rejects the candidate outright.

The decision (`decide`): the best candidate is linked when its score reaches
`THRESHOLD` and leads the next one by `MARGIN`; two candidates within the
margin are *ambiguous*; one alone under the threshold is *unconfirmed*; a
candidate under `FLOOR` is no candidate.  Confidence is ``score / 10``
clipped to [0, 1] (the threshold is 0.5).

    >>> e = date_evidence("2021-08-06", "2021-08-06", None, None)
    >>> e[0].rule, e[0].weight
    ('date', 3.0)
    >>> date_evidence("2021-08-16", "2021-08-06", None, None)[0].detail
    'ngày lệch một chữ số: 2021-08-16 / 2021-08-06'
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vnplan.link.keys import issuer_code_of_name, name_key
from vnplan.plaintext import fold

__all__ = [
    "FLOOR",
    "MARGIN",
    "THRESHOLD",
    "WEIGHTS",
    "Evidence",
    "Rejected",
    "cited_description",
    "date_evidence",
    "issuer_evidence",
    "title_evidence",
    "title_overlap",
    "type_evidence",
]

# The stated weights (reviewed data: each has a must-resolve / must-not-resolve case in tests/test_link_evidence.py).
WEIGHTS: dict[str, float] = {
    "number": 1.0,              # số equal after dropping zeros and spaces (always: it picks the candidates)
    "symbol": 1.0,              # ký hiệu equal after folding (always)
    "symbol_issuer": 1.0,       # the symbol names a national body (TTg, BGDĐT, NQ/TW): number + symbol + year is unique
    "year": 1.5,                # same year (symbol or dates) when no full date on both sides
    "year_unknown": -1.0,       # a year missing on one side: number and symbol repeat every year
    "year_other": -4.0,         # another year by the dates (numbers restart each year; the symbol's year is a veto)
    "date": 3.0,                # the same exact date of issue
    "date_one_digit": -0.5,     # dates one digit apart in the same year (a misprint): the title decides
    "date_other": -1.5,         # another date in the same year
    "issuer": 1.5,              # the same issuer name after folding (abbreviations expanded, titles dropped)
    "issuer_partial": 1.0,      # one name contains the other ("UBND tỉnh" in "Ủy ban nhân dân tỉnh Lào Cai")
    "issuer_other": -1.5,       # two different names
    "level": 0.5,               # the same level (central, province, district, commune)
    "type": 0.5,                # the same document type (Kế hoạch, Quyết định…)
    "type_other": -1.0,
    "locality": 1.0,            # the province the citation names is the candidate's (before or after the merger)
    "locality_context": 0.5,    # the citing document's province, the citation naming none
    "era_unknown": -1.0,        # one province today, two before 1/7/2025, and the date cannot tell which
    "commune": 1.0,             # the same commune
    "title": 2.5,               # the cited description matches the candidate's title
    "title_other": -2.5,        # … and a clearly different subject
}
THRESHOLD = 5.0
MARGIN = 1.5
FLOOR = 2.0
TITLE_SAME = 0.6     # share of the description's words found in the title
TITLE_OTHER = 0.25


@dataclass(frozen=True)
class Evidence:
    """One rule's finding for a candidate: its name, weight and what was compared."""

    rule: str
    weight: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "weight": self.weight, "detail": self.detail}


class Rejected(Exception):
    """A contradiction that no misprint explains: the candidate is not the cited document."""

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__(f"{rule}: {detail}")
        self.rule, self.detail = rule, detail


def _ev(rule: str, detail: str, weight_name: str | None = None) -> Evidence:
    return Evidence(rule, WEIGHTS[weight_name or rule], detail)


def date_evidence(cited_date: str | None, doc_date: str | None, cited_year: int | None,
                  doc_year: int | None) -> list[Evidence]:
    """The date and year rules: exact date, one digit off, another date, same / other / unknown year.

    >>> [e.rule for e in date_evidence(None, None, 2021, 2021)], [e.rule for e in date_evidence(None, None, None, 2021)]
    (['year'], ['year_unknown'])
    >>> date_evidence("2021-10-08", "2020-12-01", 2021, 2020)[0].rule
    'year_other'
    >>> date_evidence("2021-04-12", "2020-04-12", 2021, 2020)[0].rule  # one digit, but the year's: numbers restart
    'year_other'
    """
    if cited_date and doc_date and len(cited_date) == len(doc_date) == 10:
        if cited_date == doc_date:
            return [_ev("date", f"ngày {cited_date}")]
        if sum(a != b for a, b in zip(cited_date, doc_date)) == 1 and cited_date[:4] == doc_date[:4]:
            return [_ev("date_one_digit", f"ngày lệch một chữ số: {cited_date} / {doc_date}")]
        if cited_date[:4] == doc_date[:4]:
            return [_ev("date_other", f"ngày khác: {cited_date} / {doc_date}")]
        return [_ev("year_other", f"năm khác: {cited_date} / {doc_date}")]
    if cited_year and doc_year:
        if cited_year == doc_year:
            return [_ev("year", f"năm {cited_year}")]
        return [_ev("year_other", f"năm khác: {cited_year} / {doc_year}")]
    return [_ev("year_unknown", "năm không rõ")]


_TITLES = re.compile(r"^(?:(?:pho\s+)?(?:bo truong|thu truong|giam doc|chu tich|truong ban|chanh van phong|"
                     r"hieu truong|truong phong|thu truong co quan))\s+")


@lru_cache(maxsize=1 << 14)
def _issuer_words(name: str | None) -> str:
    if not name:
        return ""
    try:
        from vnplan.extract.agencies import canonical_agency

        name = canonical_agency(name)
    except ImportError:  # pragma: no cover - the extractor is optional for linking
        pass
    text = name_key(name)
    text = re.sub(r"\s+khoa\s+[xvil]+$", "", _TITLES.sub("", text))
    return re.sub(r"^ubnd\b", "uy ban nhan dan", text)


def issuer_evidence(cited: str | None, doc: str | None) -> list[Evidence]:
    """The issuer-name rule, after folding and expanding abbreviations; two ministries is a veto.

    >>> issuer_evidence("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo")[0].rule
    'issuer'
    >>> issuer_evidence("UBND tỉnh", "Ủy ban nhân dân tỉnh Lào Cai")[0].rule
    'issuer_partial'
    >>> issuer_evidence("Bộ Xây dựng", "Bộ Công an")
    Traceback (most recent call last):
    vnplan.link.evidence.Rejected: issuer: Bộ Xây dựng / Bộ Công an
    """
    a, b = _issuer_words(cited), _issuer_words(doc)
    if not a or not b:
        return []
    if a == b:
        return [_ev("issuer", f"{cited} = {doc}")]
    code_a, code_b = issuer_code_of_name(cited), issuer_code_of_name(doc)
    if code_a and code_b:
        if code_a == code_b:
            return [_ev("issuer", f"{cited} = {doc}")]
        raise Rejected("issuer", f"{cited} / {doc}")
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return [_ev("issuer_partial", f"{cited} ⊂ {doc}" if len(a) < len(b) else f"{doc} ⊂ {cited}")]
    return [_ev("issuer_other", f"{cited} / {doc}")]


def type_evidence(cited: str | None, doc: str | None) -> list[Evidence]:
    """The document-type rule (``Kế hoạch`` / ``Quyết định`` …).

    >>> type_evidence("Kế hoạch", "Kế hoạch")[0].weight, type_evidence("Kế hoạch", "Quyết định")[0].weight
    (0.5, -1.0)
    """
    if not cited or not doc:
        return []
    if fold(cited) == fold(doc):
        return [_ev("type", cited)]
    return [_ev("type_other", f"{cited} / {doc}")]


_ABOUT = re.compile(r"\b(?:về\s+việc|v/v|về)\s+(.+)", re.IGNORECASE)
_STOP = frozenset(["va", "cua", "cac", "cho", "trong", "tren", "ve", "viec", "nam", "nhung", "mot", "thuc", "hien", "ban", "hanh", "ke", "hoach", "quyet", "dinh", "so", "ngay", "thang"])


def cited_description(text: str | None) -> str | None:
    """The ``về việc …`` / ``về …`` part of a citation as printed, up to the next citation or bracket.

    >>> cited_description("Quyết định số 08/QĐ-THPT ngày 18/01/2021 của Hiệu trưởng về việc ban hành Quy chế chi tiêu nội bộ")
    'ban hành Quy chế chi tiêu nội bộ'
    >>> cited_description("Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ GDĐT") is None
    True
    """
    match = _ABOUT.search(text or "")
    if not match:
        return None
    about = re.split(r"\s*(?:[;(]|\b(?:và|,)\s+(?:Kế hoạch|Quyết định|Công văn|Chỉ thị|Nghị quyết|Thông tư|Nghị định)"
                     r"\s+số\b|\(gọi tắt)", match.group(1))[0]
    about = about.strip(" .,:“”\"")
    return about or None


def _words(text: str | None) -> set[str]:
    """Pairs of consecutive content syllables: ``quy chế chi tiêu`` → {quy che, che chi, chi tieu}."""
    words = [w for w in name_key(text).split() if w not in _STOP and not w.isdigit()]
    return {f"{a} {b}" for a, b in itertools.pairwise(words)} or set(words)


def title_overlap(description: str, title: str) -> float:
    """Share of the description's content syllable pairs found in the title (0–1).

    >>> title_overlap("ban hành Quy chế chi tiêu nội bộ", "Quy chế chi tiêu nội bộ năm 2021")
    1.0
    """
    a = _words(description)
    return len(a & _words(title)) / len(a) if a else 0.0


def title_evidence(description: str | None, title: str | None) -> list[Evidence]:
    """The cited description against the candidate's title: the same subject, or clearly another.

    >>> title_evidence("ban hành Quy chế chi tiêu nội bộ", "Ban hành Quy chế kiểm tra tập trung trực tiếp")[0].rule
    'title_other'
    """
    if not description or not title or len(_words(description)) < 3:
        return []
    share = title_overlap(description, title)
    if share >= TITLE_SAME:
        return [_ev("title", f"{share:.0%} của “{description[:60]}” có trong tên văn bản")]
    if share <= TITLE_OTHER:
        return [_ev("title_other", f"“{description[:60]}” ≠ “{title[:60]}”")]
    return []


def confidence(score: float) -> float:
    """``score / 10`` clipped to [0, 1], two decimals.

    >>> confidence(5.0), confidence(12), confidence(-1)
    (0.5, 1.0, 0.0)
    """
    return round(min(1.0, max(0.0, score / 10.0)), 2)
