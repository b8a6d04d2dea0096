"""Citation resolution: which archive document (if any) a citation names.

A document is keyed by (issuer, số, ký hiệu, year) — ND30 makes số and ký hiệu
unique within a year for one issuer (domain.md §1.4).  `default_resolver`
matches a citation to archive documents on the loose number and symbol keys
(`vnplan.link.keys`), rejects those a contradiction rules out (another year in
the symbol, another province, level, commune or ministry) and scores the rest
on the evidence of `vnplan.link.evidence` (date, issuer name, level, type,
locality, title…).  The best is linked above a stated threshold and margin;
otherwise the citation stays unresolved with its candidates listed.

    >>> from vnplan.record import Record
    >>> a = Record(source={"path": "qd.pdf"}, doc_type="Quyết định", number="1050", symbol="QĐ-SCT",
    ...            issue_year=2026, issuer={"name": "Sở Công Thương", "level": "province"}, place="Lào Cai")
    >>> b = Record(source={"path": "kh.pdf"}, number="1105", symbol="KH-ĐKT", issue_year=2026, place="Lào Cai",
    ...            issuer={"name": "Đoàn kiểm tra", "level": "province"},
    ...            citations=[{"number": "1050", "symbol": "QĐ-SCT", "date": "2026-03-06",
    ...                        "issuer": "Giám đốc Sở Công Thương tỉnh Lào Cai", "relation": "implements"}])
    >>> index = ArchiveIndex.build([a, b])
    >>> default_resolver(b.citations[0], index.entry_of(b), index).status
    'resolved'
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from vnplan.errors import RecordError
from vnplan.i18n import t
from vnplan.link.evidence import (
    FLOOR,
    MARGIN,
    THRESHOLD,
    WEIGHTS,
    Evidence,
    Rejected,
    cited_description,
    confidence,
    date_evidence,
    issuer_evidence,
    title_evidence,
    type_evidence,
)
from vnplan.link.keys import (
    SymbolParts,
    code_scope,
    fold,
    issuer_code_of_name,
    level_of_issuer_text,
    name_key,
    number_key,
    parse_symbol,
)
from vnplan.link.localities import Locality, commune_of, locate
from vnplan.record import Record
from vnplan.views import view

__all__ = [
    "ArchiveIndex",
    "CitedKey",
    "DocEntry",
    "Resolution",
    "Resolver",
    "cited_key",
    "default_resolver",
    "is_document",
    "is_error_record",
    "issuer_of_symbol",
    "load_records",
    "read_records",
    "score_candidate",
]


@dataclass(frozen=True)
class Resolution:
    """What a resolver decided for one citation.

    ``status`` is ``resolved`` (``target`` = node id), ``missing`` (no archive
    document), ``ambiguous`` (``candidates`` = node ids within the margin, none
    chosen) or ``unconfirmed`` (one candidate under the threshold).
    ``confidence`` (0–1) and ``evidence`` (rule, weight, detail) are the best
    candidate's; ``scores`` every candidate's.  A
    resolver backed by an outside registry may return ``resolved`` with a
    target not in the archive and ``attrs`` for its node.
    """

    status: str
    target: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0
    evidence: tuple[dict[str, Any], ...] = ()
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class DocEntry:
    """One archive document (records with the same key are merged into one entry)."""

    node: str
    records: list[Record]
    number: str | None
    symbol: SymbolParts
    year: int | None
    scope: str
    level: str | None
    locality: Locality | None
    commune: str | None
    locality_source: str | None = None

    @property
    def record(self) -> Record:
        return self.records[0]


@dataclass(frozen=True)
class CitedKey:
    """A citation's matching key: loose number and symbol, year, scope, locality, level."""

    number: str | None
    symbol: SymbolParts
    year: int | None
    scope: str
    locality: Locality | None
    locality_from_text: bool
    level: str | None
    commune: str | None
    code: str | None


Resolver = Callable[[dict, DocEntry, "ArchiveIndex"], Resolution]


@lru_cache(maxsize=1 << 14)
def issuer_of_symbol(symbol: str | None) -> tuple[str, str] | None:
    """(name, level) of the issuer a symbol names, from the parsers' agency table (`vnplan.extract.numbers`).

    >>> issuer_of_symbol("2024/QH15")
    ('Quốc hội', 'central')
    """
    if not symbol:
        return None
    try:
        from vnplan.extract.numbers import issuer_from_symbol
    except ImportError:  # the extractor is optional for linking
        return None
    try:
        return issuer_from_symbol(symbol)
    except Exception:  # noqa: BLE001 - a symbol the parser cannot read tells nothing
        return None


def _year_of(date: Any) -> int | None:
    match = re.match(r"^((?:19|20)\d{2})", str(date or ""))
    return int(match.group(1)) if match else None


def _level_of_record(record: Record, parts: SymbolParts) -> str | None:
    if parts.party:
        return "party"
    level = (record.issuer or {}).get("level")
    if level:
        return level
    text_level = level_of_issuer_text((record.issuer or {}).get("name"))
    if text_level:
        return text_level
    return "central" if code_scope(parts.issuer_code) == "central" else None


def cited_key(citation: dict, context: DocEntry | None = None) -> CitedKey:
    """The matching key of a citation, its local issuer placed by the citing document when unnamed.

    >>> k = cited_key({"number": "07", "symbol": "2020/CT-TTg", "issuer": "Thủ tướng Chính phủ"})
    >>> k.number, k.symbol.key, k.year, k.scope
    ('7', 'ctttg', 2020, 'central')
    >>> cited_key({"number": "11", "symbol": "CT/TU", "issuer": "Tỉnh ủy Lào Cai", "date": "2026-01-04"}).locality.key
    'P15'
    """
    parts = parse_symbol(citation.get("symbol"))
    issuer = citation.get("issuer")
    year = parts.year or _year_of(citation.get("date"))
    code = issuer_code_of_name(issuer) or parts.issuer_code
    scope = code_scope(parts.issuer_code or code)
    if parts.party and scope == "central":
        scope = "party"
    if scope == "local" and code_scope(issuer_code_of_name(issuer)) == "central":
        scope = "central"  # the text names a central body; the symbol is misprinted (866/QĐ-Tg)
    locality = locate(issuer) if scope == "local" else None
    from_text = locality is not None
    if scope == "local" and locality is None and context is not None:
        locality = context.locality
    inferred = issuer_of_symbol(citation.get("symbol"))
    if scope == "local" and inferred and inferred[1] == "central" and code_scope(parts.issuer_code) == "local" \
            and parts.issuer_code not in ("UBND", "HDND") and not locate(issuer):
        scope = "central"  # a central body the parsers' agency table knows and ours does not
    level = "party" if parts.party else level_of_issuer_text(issuer)
    if level is None and scope in ("central", "party"):
        level = scope
    if level is None and inferred and inferred[1] in ("central", "province", "district", "commune", "party"):
        level = inferred[1]
    return CitedKey(number=number_key(citation.get("number")), symbol=parts, year=year, scope=scope,
                    locality=locality, locality_from_text=from_text, level=level, commune=commune_of(issuer),
                    code=code)


def is_error_record(item: Any) -> bool:
    """A batch error record (``path``, ``error``, ``message``) rather than a document's record.

    >>> is_error_record({"path": "x.pdf", "error": "E002", "message": "corrupt"}), is_error_record({"number": "1"})
    (True, False)
    """
    return isinstance(item, dict) and bool(item.get("error")) and not item.get("doc_type") and not item.get("number")


def is_document(record: Record) -> bool:
    """Whether a record is a government document: it has a number, symbol, type, issuer, date of issue or signer.

    A ``SOURCES.md`` or ``README.md`` read as text has none of them; a school's report with no header but a
    signature (``HIỆU TRƯỞNG Ngô Thị Kiều Huệ``) is a document whose citations count.

    >>> is_document(Record(source={"path": "SOURCES.md"})), is_document(Record(source={"path": "a"}, symbol="KH-UBND"))
    (False, True)
    >>> is_document(Record(source={"path": "bc.docx"}, signer={"name": "Ngô Thị Kiều Huệ", "title": "Hiệu trưởng"}))
    True
    """
    return bool(record.number or record.symbol or record.doc_type or record.issue_date
                or (record.issuer or {}).get("name") or (record.signer or {}).get("name"))


def _as_record(item: Any) -> Record:
    if isinstance(item, Record):
        return item
    if isinstance(item, dict):
        data = dict(item)
        if "source" not in data and "file" in data:
            data["source"] = {"path": data["file"]}
        if "source" not in data and "path" in data:
            data["source"] = {"path": data["path"]}
        return Record.from_dict(data)
    raise RecordError(None, key="err.cannot_link", kind=type(item).__name__)


def _file_items(path: Path) -> list[Any]:
    """The record dicts of a .jsonl / .json / .csv / .parquet records file."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".parquet", ".pq"):
        if not path.is_file():
            raise RecordError(path, key="err.no_records_file")
        try:  # the records reader lives in vnplan.export, a layer above, and registers itself
            return list(view("records.read")(path))
        except RecordError:
            raise
        except Exception as exc:  # noqa: BLE001 - pyarrow / csv errors become one line
            first = str(exc).splitlines()[0] if str(exc) else ""
            raise RecordError(path, key="err.records_unreadable", detail=f"{exc.__class__.__name__}: {first}") from None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(path, key="err.records_unreadable", detail=exc.__class__.__name__) from None
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(path, key="err.not_json", detail=exc.msg, line=exc.lineno) from None
        return data if isinstance(data, list) else [data]
    items = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(path, key="err.line_not_json", line=lineno, detail=exc.msg) from None
        if not isinstance(data, dict):
            raise RecordError(path, key="err.line_not_object", line=lineno)
        items.append(data)
    return items


def read_records(items: Any) -> tuple[list[Record], list[dict[str, Any]]]:
    """(document records, set-aside items): error records and non-documents are listed apart with a reason.

    ``items``: Record objects, dicts, or paths of .jsonl / .json / .csv / .parquet records files.

    >>> docs, apart = read_records([{"file": "kh.txt", "number": "5", "symbol": "KH-UBND"},
    ...                             {"path": "x.pdf", "error": "E002", "message": "the PDF is corrupt"},
    ...                             {"file": "SOURCES.md"}])
    >>> docs, [a["reason"] for a in apart]
    ([<Record ? 5/KH-UBND kh.txt>], ['lỗi: the PDF is corrupt', 'không phải văn bản (không có số, ký hiệu, loại, cơ quan ban hành, ngày hay người ký)'])
    """
    if isinstance(items, (str, Path, Record, dict)):
        items = [items]
    records: list[Record] = []
    apart: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, (str, Path)):
            sub_records, sub_apart = read_records(_file_items(Path(item)))
            records += sub_records
            apart += sub_apart
            continue
        if not isinstance(item, (Record, dict)) and hasattr(item, "to_dict"):  # a batch ErrorRecord
            item = item.to_dict()
        if is_error_record(item):
            apart.append({"path": str(item.get("path") or (item.get("source") or {}).get("path") or ""),
                          "reason": f"{t('cli.error')}: {item.get('message') or item.get('error')}"})
            continue
        record = _as_record(item)
        if not is_document(record):
            apart.append({"path": str(record.source.get("path", "")),
                          "reason": t("link.apart_not_document")})
            continue
        records.append(record)
    return records, apart


def load_records(items: Any) -> list[Record]:
    """Document records from Record objects, dicts (gold form with ``file`` too) or .jsonl/.json/.csv/.parquet paths.

    Error records and non-documents are left out (`read_records` lists them).

    >>> load_records([{"file": "kh.txt", "number": "5", "symbol": "KH-UBND"}])
    [<Record ? 5/KH-UBND kh.txt>]
    """
    return read_records(items)[0]


def _display_symbol(symbol: str | None) -> str:
    return re.sub(r"\s+", "", (symbol or "").replace("–", "-").replace("‑", "-"))


class ArchiveIndex:
    """The archive's documents by loose (number, symbol) key, duplicates of one document merged."""

    def __init__(self) -> None:
        self.entries: list[DocEntry] = []
        self.by_key: dict[tuple[str, str], list[DocEntry]] = {}
        # (number, symbol) → province → level → commune → entries
        self.by_place: dict[tuple[str, str], dict[Any, dict[Any, dict[Any, list[DocEntry]]]]] = {}
        self.by_node: dict[str, DocEntry] = {}
        self._by_record: dict[int, DocEntry] = {}
        self._complete: dict[tuple[Any, ...], DocEntry] = {}  # (number, symbol, year, scope, locality, issuer)
        self._next_suffix: dict[str, int] = {}

    @classmethod
    def build(cls, records: Iterable[Record]) -> ArchiveIndex:
        """Index records; two records with one complete key (e.g. two readings of one PDF) share an entry."""
        index = cls()
        records = list(records)
        for record in records:
            index._add(record)
        index._infer_localities()
        for entry in index.entries:  # after the localities are inferred: the narrower index
            if entry.number and entry.symbol.key:
                places = index.by_place.setdefault((entry.number, entry.symbol.key), {})
                levels = places.setdefault(entry.locality.key if entry.locality else None, {})
                levels.setdefault(entry.level, {}).setdefault(entry.commune, []).append(entry)
        return index

    def candidates(self, key: CitedKey) -> list[DocEntry]:
        """The entries a citation can name: its number and symbol, then only the province, level and commune
        that would not contradict it (`score_candidate` rejects another province, level or commune).

        Three hash probes deep whatever the archive's size: the same ``12/KH-UBND`` of every province and
        every commune is never scored against one citation.

        >>> from vnplan.record import Record
        >>> a = Record(source={"path": "a"}, number="12", symbol="KH-UBND", issuer={"name": "UBND tỉnh Lào Cai"})
        >>> b = Record(source={"path": "b"}, number="12", symbol="KH-UBND", issuer={"name": "UBND tỉnh Cà Mau"})
        >>> idx = ArchiveIndex.build([a, b])
        >>> [e.record.source["path"] for e in idx.candidates(cited_key({"number": "12", "symbol": "KH-UBND",
        ...                                                                 "issuer": "UBND tỉnh Cà Mau"}))]
        ['b']
        """
        def pick(table: dict[Any, Any], wanted: tuple[Any, ...] | None) -> list[Any]:
            return list(table.values()) if wanted is None else [table[w] for w in dict.fromkeys(wanted) if w in table]

        places = self.by_place.get((key.number or "", key.symbol.key), {})
        local = key.scope == "local" and key.locality is not None
        out: list[DocEntry] = []
        for levels in pick(places, (key.locality.key, None) if local and key.locality else None):
            for communes in pick(levels, (key.level, None, "party") if key.level not in (None, "party") else None):
                for entries in pick(communes, (key.commune, None) if key.commune else None):
                    out += entries
        return out

    def entry_of(self, record: Record) -> DocEntry:
        return self._by_record[id(record)]

    def _add(self, record: Record) -> None:
        parts = parse_symbol(record.symbol)
        number = number_key(record.number)
        year = record.issue_year or parts.year or _year_of(record.issue_date)
        issuer = record.issuer or {}
        scope = "party" if parts.party and code_scope(parts.issuer_code) != "local" else code_scope(parts.issuer_code)
        level = _level_of_record(record, parts)
        locality, source = None, None
        if level not in ("central", "party") or scope == "local":
            for where, text in (("issuer", issuer.get("name")), ("parent", issuer.get("parent")),
                                ("place", record.place)):
                locality = locate(text)
                if locality:
                    source = where
                    break
        commune = commune_of(issuer.get("name"))
        complete = (number, parts.key, year, scope, locality, name_key(issuer.get("name")))
        if number and parts.key and year and complete in self._complete:
            entry = self._complete[complete]
            entry.records.append(record)
            self._by_record[id(record)] = entry
            return
        node = self._node_id(record, number, year, locality)
        entry = DocEntry(node=node, records=[record], number=number, symbol=parts, year=year, scope=scope, level=level,
                         locality=locality, commune=commune, locality_source=source)
        self.entries.append(entry)
        self.by_node[node] = entry
        self._by_record[id(record)] = entry
        if number and parts.key:
            self.by_key.setdefault((number, parts.key), []).append(entry)
            if year:
                self._complete[complete] = entry

    def _node_id(self, record: Record, number: str | None, year: int | None, locality: Locality | None) -> str:
        if record.number:
            base = f"doc:{record.number.strip()}/{_display_symbol(record.symbol)}" + (f":{year}" if year else "")
        else:
            stem = Path(str(record.source.get("path", ""))).name or "document"
            base = f"doc:{stem}"
        if base not in self.by_node:
            return base
        if locality and f"{base}:{locality.key}" not in self.by_node:
            return f"{base}:{locality.key}"
        n = self._next_suffix.get(base, 1)  # a running number per base: no rescan of the numbers taken
        while n == 1 or f"{base}:{n}" in self.by_node:
            n += 1
        self._next_suffix[base] = n
        return f"{base}:{n}"

    def _infer_localities(self) -> None:
        """A local document with no province in its header takes the one province its citations name."""
        for entry in self.entries:
            if entry.locality or entry.level in ("central", "party"):
                continue
            found = {loc.key: loc for c in entry.record.citations if (loc := locate(c.get("issuer")))}
            if len(found) == 1:
                entry.locality = next(iter(found.values()))
                entry.locality_source = "citations"


def _era(entry: DocEntry) -> str | None:
    """``before`` / ``after`` the provincial merger of 1/7/2025 for a document's issue date, None if unknown."""
    date = entry.record.issue_date
    if date:
        return "before" if str(date) < "2025-07-01" else "after"
    if entry.year:
        return "before" if entry.year < 2025 else ("after" if entry.year > 2025 else None)
    return None


def score_candidate(citation: dict, key: CitedKey, entry: DocEntry) -> tuple[float, list[Evidence]]:
    """The evidence that ``citation`` names ``entry`` and its score; raises `Rejected` on a contradiction.

    >>> from vnplan.record import Record
    >>> r = Record(source={"path": "kh.pdf"}, number="2379", symbol="KH-UBND", issue_date="2021-08-06",
    ...            issue_year=2021, issuer={"name": "UBND huyện Châu Thành", "level": "district"})
    >>> c = {"number": "2379", "symbol": "KH-UBND", "date": "2021-08-06", "issuer": "Ủy ban nhân dân huyện Châu Thành"}
    >>> idx = ArchiveIndex.build([r])
    >>> score, evidence = score_candidate(c, cited_key(c), idx.entry_of(r))
    >>> score, [e.rule for e in evidence]
    (7.0, ['number', 'symbol', 'date', 'issuer', 'level'])
    """
    record = entry.record
    issuer = record.issuer or {}
    evidence = [Evidence("number", WEIGHTS["number"], f"số {citation.get('number')}"),
                Evidence("symbol", WEIGHTS["symbol"], f"ký hiệu {citation.get('symbol')}")]
    if key.symbol.year and entry.year and key.symbol.year != entry.year:
        raise Rejected("year", f"năm trong ký hiệu {key.symbol.year} / {entry.year}")
    if key.scope in ("central", "party") and (key.symbol.issuer_code or "") and \
            code_scope(key.symbol.issuer_code) in ("central", "party"):
        evidence.append(Evidence("symbol_issuer", WEIGHTS["symbol_issuer"], f"ký hiệu của {key.symbol.issuer_code}"))
    evidence += date_evidence(citation.get("date"), record.issue_date, key.year, entry.year)
    if evidence[-1].rule == "date_one_digit" and any(e.rule == "symbol_issuer" for e in evidence) and \
            str(citation.get("date"))[:4] == str(record.issue_date)[:4]:
        # a national body's number and symbol are unique within a year, and both dates give the same year
        evidence.append(Evidence("year", WEIGHTS["year"], f"năm {str(record.issue_date)[:4]} (ký hiệu của "
                                                          f"{key.symbol.issuer_code}: số duy nhất trong năm)"))
    doc_code = issuer_code_of_name(issuer.get("name"))
    if key.code and doc_code and code_scope(key.code) == "central" and key.code != doc_code and \
            key.code != entry.symbol.issuer_code:
        raise Rejected("issuer", f"{key.code} / {doc_code}")
    evidence += issuer_evidence(citation.get("issuer"), issuer.get("name"))
    if key.level and entry.level:
        if key.level == entry.level:
            evidence.append(Evidence("level", WEIGHTS["level"], f"cấp {key.level}"))
        elif "party" not in (key.level, entry.level):
            raise Rejected("level", f"cấp {key.level} / {entry.level}")
    evidence += type_evidence(citation.get("doc_type"), record.doc_type)
    if key.scope == "local" or entry.scope == "local":
        if key.locality and entry.locality:
            if key.locality.key != entry.locality.key:
                raise Rejected("locality", f"{key.locality.as_named} / {entry.locality.as_named}")
            if key.locality.old_code and entry.locality.old_code and key.locality.old_code != entry.locality.old_code:
                # one locality today, but two provinces (two number series) before the 1/7/2025 merger
                era = _era(entry)
                if era == "before":
                    raise Rejected("locality", f"tỉnh {key.locality.as_named} / {entry.locality.as_named} trước sáp nhập")
                if era is None:
                    evidence.append(Evidence("era_unknown", WEIGHTS["era_unknown"],
                                             f"{key.locality.as_named} / {entry.locality.as_named}: trước hay sau 1/7/2025?"))
            name = "locality" if key.locality_from_text else "locality_context"
            evidence.append(Evidence(name, WEIGHTS[name], f"tỉnh {entry.locality.as_named}"
                                     + (f" (nay {entry.locality.province})" if entry.locality.merged else "")))
        if key.commune and entry.commune:
            if fold(key.commune) != fold(entry.commune):
                raise Rejected("commune", f"{key.commune} / {entry.commune}")
            evidence.append(Evidence("commune", WEIGHTS["commune"], entry.commune))
    evidence += title_evidence(cited_description(citation.get("text")), record.title)
    return round(sum(e.weight for e in evidence), 2), evidence


def default_resolver(citation: dict, citing: DocEntry, index: ArchiveIndex) -> Resolution:
    """Resolve one citation by the weight of its evidence (`vnplan.link.evidence`); never guesses between candidates.

    Every archive document with the citation's loose number and symbol is scored;
    the best is linked when it reaches `THRESHOLD` and leads the next by
    `MARGIN`.  Two within the margin stay ``ambiguous``; one under the
    threshold is ``unconfirmed``; none (or only rejected ones) is ``missing``.

    >>> from vnplan.record import Record
    >>> r = Record(source={"path": "a"}, number="173", symbol="KH-UBND", issue_year=2026,
    ...            issuer={"name": "UBND thành phố Hà Nội", "level": "province"})
    >>> c = Record(source={"path": "b"}, number="1", symbol="KH-UBND", issue_year=2022,
    ...            issuer={"name": "UBND tỉnh Thanh Hóa", "level": "province"})
    >>> idx = ArchiveIndex.build([r, c])
    >>> default_resolver({"number": "173", "symbol": "KH-UBND", "date": "2022-06-27"}, idx.entry_of(c), idx).status
    'missing'
    """
    key = cited_key(citation, citing)
    if not key.number or not key.symbol.key:
        return Resolution("missing", reason="no number or symbol")
    scored: list[tuple[float, str, list[Evidence]]] = []
    rejected: list[str] = []
    candidates = index.candidates(key)
    skipped = len(index.by_key.get((key.number, key.symbol.key), [])) - len(candidates)
    if skipped:
        rejected.append(f"{skipped} ứng viên khác tỉnh, cấp hoặc xã")
    for entry in candidates:
        if entry is citing:
            continue
        try:
            score, evidence = score_candidate(citation, key, entry)
        except Rejected as why:
            rejected.append(f"{entry.node}: {why}")
            continue
        if score < FLOOR:
            rejected.append(f"{entry.node}: điểm {score} < {FLOOR}")
            continue
        scored.append((score, entry.node, evidence))
    if not scored:
        return Resolution("missing", reason="; ".join(rejected))
    scored.sort(key=lambda s: (-s[0], s[1]))
    best, node, evidence = scored[0]
    scores = {n: s for s, n, _ in scored}
    close = [n for s, n, _ in scored if best - s < MARGIN]
    detail = tuple(e.to_dict() for e in evidence)
    if len(close) > 1:
        return Resolution("ambiguous", candidates=tuple(close), confidence=confidence(best), evidence=detail,
                          scores=scores, reason=f"{len(close)} ứng viên cách nhau dưới {MARGIN} điểm")
    if best < THRESHOLD:
        return Resolution("unconfirmed", candidates=(node,), confidence=confidence(best), evidence=detail,
                          scores=scores, reason=f"điểm {best} < ngưỡng {THRESHOLD}")
    return Resolution("resolved", target=node, confidence=confidence(best), evidence=detail, scores=scores,
                      reason="; ".join(rejected))
