"""Số and ký hiệu: parse a document number line and read what its symbol says.

A symbol is ``<type>-<issuer>`` for a document with a type name (``KH-UBND``),
``<issuer>-<drafting unit>`` for a công văn (``BGDĐT-GDTX``), carries a
``YYYY/`` part for a normative document (``2020/TT-BGDĐT``) and, for a Party
document, is joined to its number by a hyphen (``57-NQ/TW``).  The tables of
type and agency abbreviations are `vnplan/data/doc_types.tsv` and
`vnplan/data/agency_abbreviations.tsv`.

    >>> p = parse_number_line("Số: 173/KH-UBND")
    >>> p.number, p.symbol, p.kind
    ('173', 'KH-UBND', 'named')
    >>> doc_type_from_symbol("4864/BGDĐT-GDTX")
    'Công văn'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vnplan import data

__all__ = [
    "DOC_NUMBER_RE",
    "NumberParse",
    "doc_type_from_symbol",
    "is_number_line",
    "issuer_from_symbol",
    "normalize_symbol",
    "number_from_file_name",
    "number_named_alone",
    "parse_number_line",
    "restore_symbol_d",
    "split_symbol",
]

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")

_L = "A-Za-zĐđÐÀ-ỹ"  # letters incl. Vietnamese
# A document number in running text: 173/KH-UBND, 30/2020/NĐ-CP, 57-NQ/TW, 66.7/2025/NQ-CP, 3764/BGDĐT- GDTX.
DOC_NUMBER_RE = re.compile(
    r"(?<![\w/.&-])"
    r"(?:(?P<pn>\d{1,5})\s?-\s?(?P<pt>[A-Za-zĐđ]{1,5})\s?/\s?(?P<pb>[A-ZĐ][A-Za-zĐđƯư0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)"
    r"|(?P<n>\d{1,6}(?:\.\d{1,3})?[a-zđ]?)\s?/\s?(?P<s>(?:(?:19|20)\d{2}\s?/\s?)?"
    r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]*(?:/[A-Za-zĐđ][A-Za-zĐđ0-9&]*)*"
    r"(?:\s?[-–‑]\s?[A-ZĐÐ0-9][A-Za-zĐđÐ0-9&]*(?:/[A-Za-zĐđ][A-Za-zĐđ0-9&]*)*)*))"
)


@dataclass(frozen=True)
class NumberParse:
    """A parsed ``Số:`` value.

    ``kind`` is ``"named"`` (type-name symbol), ``"cong_van"``, ``"party"`` or ``"normative"``.
    """

    number: str | None
    symbol: str | None
    year: int | None = None
    is_party: bool = False
    kind: str | None = None

    def __repr__(self) -> str:
        return f"<NumberParse {self.number or '…'}/{self.symbol} {self.kind}>"

    def to_dict(self) -> dict[str, object]:
        return {"number": self.number, "symbol": self.symbol, "year": self.year,
                "is_party": self.is_party, "kind": self.kind}


@cache
def _key(abbr: str) -> str:
    return unicodedata.normalize("NFC", abbr).replace("Ð", "Đ").replace("&", "").upper()


@cache
def _doc_types() -> dict[str, dict[str, str]]:
    """scope → {ABBR: name}."""
    out: dict[str, dict[str, str]] = {}
    for row in data.rows("doc_types.tsv"):
        out.setdefault(row["scope"], {}).setdefault(_key(row["abbreviation"]), row["name"])
    return out


@cache
def _agencies() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in data.rows("agency_abbreviations.tsv"):
        out.setdefault(_key(row["abbreviation"]), row)
    return out


def normalize_symbol(symbol: str) -> str:
    """Symbol with spaces removed, dashes unified, NFC; case and ``&`` kept.

    >>> normalize_symbol("QĐ - U B ND")
    'QĐ-UBND'
    """
    symbol = unicodedata.normalize("NFC", symbol).translate(DASHES).replace("Ð", "Đ")
    return re.sub(r"\s+", "", symbol).strip("-/.,;:")


_NUM_LINE = re.compile(
    r"^\s*(?:s[ốô]|so|[ốô](?=\s*:))\s*(?:v[aà]\s*k[ýy]\s*hi[ệe]u)?\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# a Số line the header layout put among the agency lines: "Số:……./QĐ-THPT", "ố: /TB-PTSV" (a lost S)
_LOOSE_NUM_LINE = re.compile(r"^\s*S?[ốô]\s*:\s*[.…_\s]*(?:[\d#*?ƒ⁄§@]{1,8}[.\w]*)?\s*/\s*[A-ZĐ\d]")
# a handwritten số OCR read as digits mixed with debris ("Số:.40#/2006/QĐ-UBND"): unreadable, the symbol stands
_DEBRIS_NUMBER = re.compile(r"^[.…_\s]*\d*[#*?ƒ⁄§@]+[\d#*?ƒ⁄§@]*\s*(?=/)")
_BLANK_FILL = re.compile(r"^[.…_\s]+(?=/)")  # the dots or underscores of a blank số
_STOP = re.compile(r"\s{2,}|\t|\||\bng[àa]y\b|\bV/v\b|\n", re.IGNORECASE)


def slash_lost_symbol(line: str) -> str | None:
    """The symbol of a Số line whose '/' is lost (``Số:+0 5 SGDĐT-TCHC`` → ``SGDĐT-TCHC``), else None.

    >>> slash_lost_symbol("Số:+0 5 SGDĐT-TCHC"), slash_lost_symbol("Số: /GCN-SGD&ĐT")
    ('SGDĐT-TCHC', None)
    """
    from vnplan.structure.header import slash_lost_match

    m = slash_lost_match(line)
    return normalize_symbol(m.group("sym")) if m else None


def parse_number_line(line: str) -> NumberParse:
    """Parse the ``Số:`` line of a header (or a bare number) into number, symbol and kind.

    >>> parse_number_line("Số:  /KH-UBND").number is None
    True
    >>> parse_number_line("Số: 3210/QĐ - U B ND").symbol
    'QĐ-UBND'
    >>> p = parse_number_line("Số:.40#/2006/QĐ-UBND,")
    >>> (p.number, p.symbol)
    (None, '2006/QĐ-UBND')
    >>> p = parse_number_line("Số 57-NQ/TW")
    >>> (p.number, p.symbol, p.kind)
    ('57', 'NQ/TW', 'party')
    """
    text = unicodedata.normalize("NFC", line or "").translate(DASHES).replace("Ð", "Đ")
    text = re.sub(r"^[\s*_#|>]+", "", text)
    lost = slash_lost_symbol(text)
    if lost:  # the handwritten số glued to the symbol: unreadable, the symbol stands
        year, kind = _classify(lost)
        return NumberParse(None, lost, year, False, kind)
    m = _NUM_LINE.match(text)
    rest = m.group("rest") if m else text
    rest = _BLANK_FILL.sub("", _DEBRIS_NUMBER.sub("", rest.strip().strip("*_").strip()))
    # Party form: 57-NQ/TW
    pm = re.match(r"(?P<n>\d{1,5})\s*-\s*(?P<t>[A-Za-zĐđ]{1,5})\s*/\s*(?P<b>[A-ZĐ][\wĐđ-]*)", rest)
    if pm:
        symbol = f"{pm.group('t')}/{pm.group('b')}"
        return NumberParse(pm.group("n"), symbol, None, True, "party")
    nm = re.match(r"(?P<n>\d{1,6}(?:\.\d{1,3})?[a-zđ]?)?\s*/\s*(?P<s>.*)", rest, re.DOTALL)
    if not nm:
        return NumberParse(None, None)
    number = nm.group("n") or None
    cut = _cut_symbol(nm.group("s"))
    if not cut:
        return NumberParse(number, None)
    year, kind = _classify(cut)
    return NumberParse(number, cut, year, False, kind)


def is_number_line(line: str) -> bool:
    """Whether a header line that was not read as the Số line is one (dotted blank, a lost ``S``).

    >>> is_number_line("Số:……./QĐ-THPT"), is_number_line("ố: /TB-PTSV"), is_number_line("SỞ GDĐT AN GIANG")
    (True, True, False)
    >>> is_number_line("Số:.40#/2006/QĐ-UBND,"), is_number_line("Số: 2 # tháng 5")
    (True, False)
    """
    return bool(_LOOSE_NUM_LINE.match(unicodedata.normalize("NFC", line)))


def _cut_symbol(s: str) -> str | None:
    """The symbol at the start of ``s``: tokens up to the place name, date or V/v that follow it."""
    s = _STOP.split(s, maxsplit=1)[0] if s else ""
    tokens = s.split(" ")
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if not tok:
            continue
        if i == 0 or tok in ("-", "–") or (kept and kept[-1].endswith(("-", "/"))) or tok.startswith(("-", "/")):
            kept.append(tok)
            continue
        # OCR residue "U B ND": short all-capital fragments continue the symbol
        letters = re.sub(r"[&0-9]", "", tok)
        if letters and letters.isupper() and len(tok) <= 4 and not tok.endswith((",", ".")):
            kept.append(tok)
            continue
        break
    sym = normalize_symbol("".join(kept))
    return sym or None


def split_symbol(symbol: str) -> tuple[int | None, list[str]]:
    """``(year, groups)`` of a symbol: ``"2020/TT-BGDĐT"`` → ``(2020, ["TT", "BGDĐT"])``.

    >>> split_symbol("SGDĐT-GDTX-CN")
    (None, ['SGDĐT', 'GDTX', 'CN'])
    """
    sym = normalize_symbol(symbol)
    year = None
    m = re.match(r"((?:19|20)\d{2})/(.*)$", sym)
    if m:
        year, sym = int(m.group(1)), m.group(2)
    return year, [g for g in sym.split("-") if g]


def _classify(symbol: str) -> tuple[int | None, str]:
    year, groups = split_symbol(symbol)
    if "/" in symbol and year is None and groups and "/" in groups[0]:
        head = groups[0].split("/")[0]
        if _key(head) in _doc_types().get("party", {}) and len(groups) == 1:
            return None, "party"
    if year is not None:
        return year, "normative"
    if groups and _is_type(groups[0], len(groups)):
        return None, "named"
    return None, "cong_van"


def _is_type(group: str, n_groups: int) -> bool:
    k = _key(group)
    types = _doc_types()
    if k == "VBHN":
        return True
    known = any(k in types.get(scope, {}) for scope in ("admin", "joint", "legacy", "copy", "normative"))
    return known and n_groups >= 2 and k != "CV"


def doc_type_from_symbol(symbol: str) -> str | None:
    """The document type a symbol implies (a number in front is allowed).

    >>> doc_type_from_symbol("KH-UBND"), doc_type_from_symbol("NQ/TW"), doc_type_from_symbol("2013/QĐ-TTg")
    ('Kế hoạch', 'Nghị quyết', 'Quyết định')
    >>> doc_type_from_symbol("BGDĐT-GDTX")
    'Công văn'
    """
    if not symbol:
        return None
    parsed = _parse_any(symbol)
    if parsed is None or not parsed.symbol:
        return None
    types = _doc_types()
    sym = parsed.symbol
    if parsed.kind == "party" or (re.match(r"[A-Za-zĐđ]{1,5}/[A-ZĐ]", sym) and "-" not in sym.split("/")[0]):
        head = _key(sym.split("/")[0])
        return types.get("party", {}).get(head) or types.get("admin", {}).get(head)
    year, groups = split_symbol(sym)
    if not groups:
        return None
    g1 = _key(groups[0])
    if year is not None:
        if len(groups) == 1:  # 64/2025/QH15: a Luật or a Nghị quyết — the words in front decide
            return None
        return types.get("normative", {}).get(g1) or types.get("admin", {}).get(g1)
    if g1 == "VBHN":
        return "Văn bản hợp nhất"
    if g1 == "CV":
        return "Công văn"
    if len(groups) >= 2 or g1 not in _AMBIGUOUS_ALONE:
        for scope in ("admin", "joint", "legacy", "copy"):
            if g1 in types.get(scope, {}):
                return types[scope][g1]
    return "Công văn"


# Type abbreviations that are also common names of bodies or units (Thanh tra, Tổng cục, ...): alone they are
# read as a công văn issuer, not as a type (domain.md §3.5).
_AMBIGUOUS_ALONE = {"TTR", "CT", "TC", "PC", "HD", "BC", "GT", "TS", "NP", "UQ", "GN", "DA"}


def _parse_any(symbol: str) -> NumberParse | None:
    s = symbol.strip()
    if re.match(r"^(?:19|20)\d{2}\s*/\s*[A-Za-zĐđ]", s):  # a symbol with its year part: 2013/QĐ-TTg
        return parse_number_line("/" + s)
    if re.match(r"^\d", s):
        return parse_number_line(s)
    return parse_number_line("/" + s) if s else None


def issuer_from_symbol(symbol: str) -> tuple[str, str] | None:
    """``(name, level)`` of the issuer a symbol names, or None when the symbol cannot tell.

    ``UBND``/``HĐND`` exist at every level, so ``QĐ-UBND`` gives None.

    >>> issuer_from_symbol("22/2020/TT-BGDĐT")
    ('Bộ Giáo dục và Đào tạo', 'central')
    >>> issuer_from_symbol("QĐ-TTg")
    ('Thủ tướng Chính phủ', 'central')
    >>> issuer_from_symbol("QĐ-UBND") is None
    True
    """
    parsed = _parse_any(symbol)
    if parsed is None or not parsed.symbol:
        return None
    sym = parsed.symbol
    agencies = _agencies()
    if parsed.kind == "party" or re.match(r"^[A-Za-zĐđ]{1,5}/[A-ZĐ]", sym):
        body = sym.split("/", 1)[1]
        return _agency_tuple(agencies.get(_key(body.split("-")[0])))
    year, groups = split_symbol(sym)
    if not groups:
        return None
    if year is not None and len(groups) == 1:  # 64/2025/QH15, 1211/2016/UBTVQH13
        return _agency_tuple(agencies.get(_key(re.sub(r"\d+$", "", groups[0]))))
    if parsed.kind in ("named", "normative") and len(groups) >= 2:
        issuers = groups[1:]
        if _key(groups[0]) in _doc_types().get("joint", {}) or _key(groups[0]) in ("TTLT", "NQLT"):
            return None  # several issuers
        name = issuers[0]
    else:
        name = groups[0]
    return _agency_tuple(agencies.get(_key(re.sub(r"(?<=[A-ZĐ])\d+$", "", name))))


def _agency_tuple(row: dict[str, str] | None) -> tuple[str, str] | None:
    if not row or row["role"] == "unit" or row["level"] == "context":
        return None
    return row["name"], row["level"]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def number_named_alone(name: str) -> str | None:
    """The số of an upload named by it alone (``296.pdf``, ``102-signed-01.pdf``: what comes before ``signed``).

    >>> number_named_alone("0077_296.pdf"), number_named_alone("102-signed-01.pdf"), number_named_alone("2021.pdf")
    ('296', '102', None)
    """
    stem = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", re.sub(r"^\d+_", "", Path(name).name))
    tokens = [t for t in re.split(r"[-_.\s]+", _ascii(stem)) if t]
    core = tokens[:tokens.index("signed")] if "signed" in tokens else tokens
    if len(core) == 1 and re.fullmatch(r"\d{2,5}", core[0]) and not re.fullmatch(r"(?:19|20)\d{2}", core[0]):
        return core[0]
    return None


def number_from_file_name(name: str, symbol: str | None) -> str | None:
    """The số a file's name spells next to a type or symbol word (``cv-101-signed.pdf``, ``464-ttg-signed.pdf``).

    Portals and archives name an upload by its number and symbol; on a scan whose handwritten số
    OCR cannot read this is the only other evidence.  A digit group counts only beside a type
    abbreviation (``cv``, ``qd``, ``kh``) or a group of the printed symbol (``ttg`` of ``TTg-CĐS``,
    ``ub`` of ``UBND-KTTH``); a leading collection index (``0109_``) and years are not numbers.
    Two different candidates give None.

    >>> number_from_file_name("0109_464-ttg-signed.pdf", "TTg-CĐS"), number_from_file_name("cv-101-signed.pdf", None)
    ('464', '101')
    >>> number_from_file_name("ke-hoach-2021-2025.pdf", "KH-UBND") is None
    True
    >>> number_from_file_name("0043_3179bgddtvp-2.pdf", "BGDĐT-VP"), number_from_file_name("32-2020-tt-bgddt.pdf", "2020/TT-BGDĐT")
    ('3179', '32')
    >>> number_from_file_name("0090_quyet-dinh-514.pdf", "QĐ-BGDĐT"), number_from_file_name("ke-hoach-so-12.pdf", None)
    ('514', None)
    >>> number_from_file_name("0086_102-signed-01.pdf", "NQ-CP"), number_from_file_name("2352-07-ct-ubnd-signed.pdf", "CT-UBND")
    ('102', '07')
    >>> number_from_file_name("2021.pdf", None), number_from_file_name("1.pdf", None), number_from_file_name("2352-07-ct.pdf", "CT-UBND")
    (None, None, None)
    """
    stem = re.sub(r"^\d+_", "", Path(name).name)
    stem = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", stem)
    tokens = [t for t in re.split(r"[-_.\s]+", _ascii(stem)) if t]
    groups = [_ascii(g).replace("&", "") for g in re.split(r"[-/]", symbol or "") if g and not g.isdigit()]
    types = {_ascii(k).lower() for scope in _doc_types().values() for k in scope} | {"cv", "q"}

    names = {_ascii(n) for n in _type_names()}  # "quyet dinh": the type spelt out in the name

    def beside(tok: str) -> bool:
        if tok in types:
            return True
        return len(tok) >= 2 and any(g.startswith(tok) or tok == g for g in groups)

    def named_type(i: int, j: int) -> bool:  # tokens[i:j] spell a type name
        return 0 <= i < j <= len(tokens) and " ".join(tokens[i:j]) in names

    alone = number_named_alone(name)
    if alone:
        return alone  # "296.pdf", "102-signed-01.pdf": an upload named by its số alone
    found = set()
    for i, tok in enumerate(tokens):
        glued = re.fullmatch(r"(\d{1,5})([a-z]{3,})", tok)  # "3179bgddtvp": the số glued to its symbol
        if glued and groups and len(groups[0]) >= 3 and glued.group(2).startswith(groups[0].lower()):
            found.add(glued.group(1))
            continue
        if not re.fullmatch(r"\d{1,5}", tok) or re.fullmatch(r"(?:19|20)\d{2}", tok):
            continue
        before, after = tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""
        if after.isdigit() and symbol and symbol.startswith(after + "/") and beside(tokens[i + 2] if i + 2 < len(tokens) else ""):
            found.add(tok)  # "32-2020-tt-bgddt": a normative số, its year part as the symbol has it
            continue
        if len(groups) >= 2 and tokens[i + 1:i + 1 + len(groups)] == [g.lower() for g in groups]:
            found.add(tok)  # "2352-07-ct-ubnd-signed": the số before the whole printed symbol, after a portal id
            continue
        if before.isdigit() or after.isdigit():
            continue  # "17-3-cv…": a date or a portal id beside it, not a số
        if beside(before) or beside(after) or any(named_type(i - k, i) or named_type(i + 1, i + 1 + k) for k in (2, 3)):
            found.add(tok)  # as printed: "08" keeps its zero
    return found.pop() if len(found) == 1 else None


def _type_names() -> set[str]:
    """The full type names of doc_types.tsv (Quyết định, Kế hoạch, Công văn …)."""
    from vnplan import data

    return {row["name"] for row in data.rows("doc_types.tsv")} | {"Công văn"}


def restore_symbol_d(symbol: str) -> str:
    """An OCR'd symbol with the Đ its known abbreviations have (OCR reads Đ as D): ``SGDDT-TCCB`` → ``SGDĐT-TCCB``.

    A group is changed only when no abbreviation is spelt as read and exactly one spelling with Đ is known.

    >>> restore_symbol_d("SGDDT-TCCB"), restore_symbol_d("KH-UBND"), restore_symbol_d("QD-UBND")
    ('SGDĐT-TCCB', 'KH-UBND', 'QĐ-UBND')
    """
    known = {_key(k) for k in _agencies()} | {_key(k) for scope in _doc_types().values() for k in scope}
    with_d: dict[str, set[str]] = {}
    for k in known:
        if "Đ" in k:
            with_d.setdefault(k.replace("Đ", "D"), set()).add(k)

    def fix(group: str) -> str:
        key = _key(group)
        if "D" not in key or key in known or len(with_d.get(key, ())) != 1:
            return group
        target = next(iter(with_d[key]))
        out, j = [], 0
        for ch in group:  # keep the printed case and "&": change only the D that the abbreviation spells Đ
            if ch.upper() == "D" and j < len(target) and target[j] == "Đ":
                out.append("Đ")
            else:
                out.append(ch)
            if ch != "&":
                j += 1
        return "".join(out)

    return re.sub(r"[A-Za-zĐđ&]+", lambda m: fix(m.group(0)), symbol)
