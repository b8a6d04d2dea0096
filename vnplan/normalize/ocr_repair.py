"""A Vietnamese-aware repair pass for OCR text (Tesseract ``vie``).

Rules live in ``vnplan/data/ocr_confusions.tsv`` (reviewed, each with an
example a test runs); words that are no Vietnamese syllable get their marks
from the word list (`vnplan.normalize.ocr_lexicon`); implausible years are
fixed here from the years the document itself uses.  Replacements keep the length of the text where they can.

    >>> repair_ocr("Kế hoạch năm 2625 về nguồn tực", years=[2025])
    ('Kế hoạch năm 2025 về nguồn lực', ['tực→lực', '2625→2025'])
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from vnplan import data
from vnplan.normalize.ocr_lexicon import repair_in_context, repair_inner_capitals, repair_syllables

__all__ = ["Rule", "load_rules", "repair_ocr", "years_in"]

_YEAR = re.compile(r"(?<![\d,.])([12]\d{3})(?!\d|,\d)")
_DATE_CONTEXT = re.compile(r"(năm|Năm|NĂM|/|-|–|giai đoạn|đến|từ)\s*$")
MIN_YEAR, MAX_YEAR = 1945, 2060


@dataclass(frozen=True)
class Rule:
    """One row of the confusion table."""

    kind: str
    pattern: str
    replacement: str
    example: str
    expected: str
    note: str
    counter: str = ""  # a text the rule must leave alone

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.pattern) if self.kind == "char" else self.pattern)


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The rules of ``ocr_confusions.tsv`` in file order."""
    text = data.text("ocr_confusions.tsv")
    rules: list[Rule] = []
    header_seen = False
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        cols = row.split("\t")
        if not header_seen:
            header_seen = True
            continue
        cols += [""] * (7 - len(cols))
        rules.append(Rule(*cols[:7]))
    return tuple(rules)


def years_in(text: str) -> Counter[int]:
    """Plausible years written in ``text`` (1945–2060), with counts.

    >>> years_in("ngày 28/4/2026, năm 2625, giai đoạn 2026 - 2030")
    Counter({2026: 2, 2030: 1})
    """
    return Counter(int(m.group(1)) for m in _YEAR.finditer(text) if MIN_YEAR <= int(m.group(1)) <= MAX_YEAR)


def _fix_year(bad: str, known: Counter[int]) -> str | None:
    """The plausible year one digit away from ``bad``: a known one first, else 6/9/8→0 in place."""
    near = [y for y in known if sum(a != b for a, b in zip(str(y), bad)) == 1]
    if near:
        return str(max(near, key=lambda y: (known[y], y)))
    for i, ch in enumerate(bad):
        if ch in "689":
            cand = bad[:i] + "0" + bad[i + 1:]
            if MIN_YEAR <= int(cand) <= MAX_YEAR:
                return cand
    return None


def repair_ocr(text: str, *, years: Iterable[int] | None = None) -> tuple[str, list[str]]:
    """Repair common Tesseract errors in Vietnamese text; return ``(text, repairs)``.

    ``years`` are years known from the rest of the document (``2625`` becomes
    the known year one digit away, e.g. ``2025``).

    >>> repair_ocr("Ðồng Nai, ngày 05 tháng 9 năm 2625")
    ('Đồng Nai, ngày 05 tháng 9 năm 2025', ['Ð→Đ', '2625→2025'])
    """
    text = unicodedata.normalize("NFC", text)
    repairs: list[str] = []
    for rule in load_rules():
        def sub(m: re.Match[str], rule: Rule = rule) -> str:
            new = m.expand(rule.replacement)
            if new != m.group(0):
                repairs.append(f"{m.group(0)}→{new}")
            return new

        text = rule.regex.sub(sub, text)
    text, fixed = repair_inner_capitals(text)  # sỐ → số
    repairs += fixed
    text, fixed = repair_syllables(text)  # misread marks, from the word list (quôc → quốc)
    repairs += fixed
    text, fixed = repair_in_context(text)  # real syllables with a lost tone, from their neighbours (tô chức → tổ chức)
    repairs += fixed
    known = Counter(years or ()) + years_in(text)
    out: list[str] = []
    pos = 0
    for m in _YEAR.finditer(text):
        value = int(m.group(1))
        if MIN_YEAR <= value <= MAX_YEAR or not _DATE_CONTEXT.search(text[max(0, m.start() - 12):m.start()]):
            continue
        year = _fix_year(m.group(1), known)
        if year is None:
            continue
        out.append(text[pos:m.start()] + year)
        pos = m.end()
        repairs.append(f"{m.group(1)}→{year}")
    if out:
        text = "".join(out) + text[pos:]
    return text, repairs
