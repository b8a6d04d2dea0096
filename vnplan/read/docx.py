"""Read ``.docx`` files: paragraphs and tables in body order, text boxes, headers, footers, lists.

python-docx opens the package; the text is taken from the WordprocessingML
itself, reading only what Word shows: ``w:t`` runs, tabs, breaks, symbols and
the labels Word generates for automatic lists (``w:numPr`` + numbering.xml).
Drawing anchors (``wp:posOffset`` values such as ``669290`` / ``381000``),
the VML fallback copy of each shape (``mc:Fallback``), field codes
(``w:instrText``) and page-number field results are never read, so the
text-box anchor noise ``669290381000Số:`` cannot appear.

Blocks:

- body paragraph → ``kind="paragraph"``, ``paragraph`` = 1-based index among
  the body's paragraphs (``python-docx``'s ``document.paragraphs[paragraph - 1]``
  when the body has no content controls). A soft line break (``w:br``) splits
  the paragraph into several blocks with the same index.
- table cell paragraph → ``kind="cell"`` with ``table`` (0-based, document
  order), ``row``, ``col`` (grid column where the cell starts; merged cells
  appear once). Header tables (agency | Quốc hiệu) and closing tables
  (Nơi nhận | signature) are emitted column by column with a ``region`` hint;
  other tables row by row.
- text-box paragraph → ``kind="textbox"``, right after its anchor paragraph.
- section headers/footers → ``kind="page-header"`` first / ``"page-footer"`` last.
- footnotes/endnotes → ``kind="paragraph"``, ``region="footnote"``, text
  ``"[n] …"`` after the body.

    >>> raw = read_docx(Path("corpus/real/007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx"))  # doctest: +SKIP
    >>> raw.blocks[0].text  # doctest: +SKIP
    'UBND TỈNH LÀO CAI'
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from vnplan.document import CELL, PAGE_FOOTER, PAGE_HEADER, PARAGRAPH, TEXTBOX, RawDocument
from vnplan.errors import CorruptFileError, EmptyFileError, EncryptedFileError
from vnplan.read.markdown import reading_order, table_role

__all__ = ["Numbering", "is_encrypted_office_file", "read_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_w = f"{{{W}}}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SKIP = {_w + "instrText", _w + "delText", _w + "del", _w + "moveFrom", f"{{{MC}}}Fallback", _w + "rPr", _w + "pPr",
         _w + "footnoteReference", _w + "endnoteReference", _w + "commentReference"}
_PAGE_FIELDS = re.compile(r"^\s*(PAGE|NUMPAGES|SECTIONPAGES)\b", re.IGNORECASE)


def is_encrypted_office_file(path: str | Path) -> bool:
    """Whether ``path`` is a password-protected Office file (an OLE container with ``EncryptedPackage``)."""
    with open(path, "rb") as fh:
        data = fh.read(1 << 20)
    return data.startswith(_OLE) and _ENCRYPTED in data


# --- automatic numbering ---------------------------------------------------

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Format a list counter the way Word does for ``numFmt``.

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    """
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _bullet(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xF000 <= code <= 0xF0FF:
            ch = chr(code - 0xF000)
        out.append(ch if ch in "-+*–•o" else "•")
    return "".join(out)


class Numbering:
    """The list definitions of numbering.xml and the running counters of a document."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._load(numbering)
        if styles is not None:
            self._load_styles(styles)

    def _load(self, root: etree._Element) -> None:
        for absn in root.findall(_w + "abstractNum"):
            levels: dict[int, dict[str, Any]] = {}
            for lvl in absn.findall(_w + "lvl"):
                ilvl = int(lvl.get(_w + "ilvl", "0"))
                levels[ilvl] = {
                    "start": int(_val(lvl.find(_w + "start"), "1") or 1),
                    "fmt": _val(lvl.find(_w + "numFmt"), "decimal"),
                    "text": _val(lvl.find(_w + "lvlText"), ""),
                    "suff": _val(lvl.find(_w + "suff"), "tab"),
                }
            self.levels[absn.get(_w + "abstractNumId", "")] = levels
        for num in root.findall(_w + "num"):
            overrides = {}
            for ov in num.findall(_w + "lvlOverride"):
                start = ov.find(_w + "startOverride")
                if start is not None:
                    overrides[int(ov.get(_w + "ilvl", "0"))] = int(_val(start, "1") or 1)
            self.nums[num.get(_w + "numId", "")] = (_val(num.find(_w + "abstractNumId"), ""), overrides)

    def _load_styles(self, root: etree._Element) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in root.findall(_w + "style"):
            sid = style.get(_w + "styleId", "")
            parent = style.find(_w + "basedOn")
            if parent is not None:
                based[sid] = _val(parent, "")
            num_pr = style.find(f"{_w}pPr/{_w}numPr")
            if num_pr is not None:
                own[sid] = (_val(num_pr.find(_w + "numId"), ""), int(_val(num_pr.find(_w + "ilvl"), "0") or 0))
        for sid in list(based) + list(own):
            cur, seen = sid, set()
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                self.style_num[sid] = own[cur]

    def label(self, p: etree._Element) -> str:
        """The label Word shows before paragraph ``p`` ("1.", "a)", "-"), advancing the counters."""
        ppr = p.find(_w + "pPr")
        num_id, ilvl = "", 0
        if ppr is not None:
            style = ppr.find(_w + "pStyle")
            if style is not None and _val(style, "") in self.style_num:
                num_id, ilvl = self.style_num[_val(style, "")]
            num_pr = ppr.find(_w + "numPr")
            if num_pr is not None:
                if num_pr.find(_w + "numId") is not None:
                    num_id = _val(num_pr.find(_w + "numId"), "")
                if num_pr.find(_w + "ilvl") is not None:
                    ilvl = int(_val(num_pr.find(_w + "ilvl"), "0") or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        key = f"num{num_id}" if overrides else f"abs{abstract}"
        counters = self.counters.setdefault(key, {})
        if ilvl not in counters:
            counters[ilvl] = overrides.get(ilvl, levels[ilvl]["start"]) - 1
        counters[ilvl] += 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet":
            label = _bullet(lvl["text"])
        else:

            def repl(m: re.Match[str]) -> str:
                k = int(m.group(1)) - 1
                fmt = levels.get(k, {}).get("fmt", "decimal")
                n = counters.get(k, levels.get(k, {}).get("start", 1))
                return format_number(n, "decimal" if fmt == "bullet" else fmt)

            label = re.sub(r"%(\d)", repl, lvl["text"])
        if not label.strip():
            return ""
        return label + ("" if lvl["suff"] == "nothing" else " ")


def _val(el: etree._Element | None, default: str) -> str:
    if el is None:
        return default
    return el.get(_w + "val", default)


# --- text of a paragraph ---------------------------------------------------


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.items: list[tuple[str, dict[str, Any]]] = []
        self.footnote_order: list[str] = []
        self.n_tables = 0
        self.n_paragraphs = 0

    # paragraph → list of lines (soft breaks split), plus text boxes found inside
    def paragraph_lines(self, p: etree._Element) -> tuple[list[str], list[etree._Element]]:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        field_stack: list[dict[str, Any]] = []
        self._walk(p, parts, boxes, field_stack)
        text = "".join(parts)
        label = self.numbering.label(p)
        lines = [ln.rstrip() for ln in text.split("\n")]
        if label and lines:
            lines[0] = (label + lines[0].lstrip()).rstrip()
        return lines, boxes

    def _walk(self, el: etree._Element, parts: list[str], boxes: list[etree._Element], fields: list[dict[str, Any]]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag == _w + "instrText" and fields:
                    fields[-1]["instr"] += child.text or ""
                if tag == _w + "footnoteReference":
                    self.footnote_order.append(child.get(_w + "id", ""))
                continue
            if tag == _w + "txbxContent":
                boxes.append(child)
                continue
            if tag == _w + "fldChar":
                kind = child.get(_w + "fldCharType")
                if kind == "begin":
                    fields.append({"instr": "", "result": False})
                elif kind == "separate" and fields:
                    fields[-1]["result"] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            hidden = any(f["result"] and _PAGE_FIELDS.match(f["instr"]) for f in fields)
            if tag == _w + "fldSimple" and _PAGE_FIELDS.match(child.get(_w + "instr", "")):
                continue
            if tag == _w + "t":
                if not hidden:
                    parts.append(child.text or "")
            elif tag in (_w + "tab", _w + "ptab"):
                parts.append("\t")
            elif tag in (_w + "br", _w + "cr"):
                if child.get(_w + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == _w + "noBreakHyphen":
                parts.append("-")
            elif tag == _w + "sym":
                code = int(child.get(_w + "char", "20"), 16)
                parts.append(chr(code - 0xF000) if 0xF020 <= code <= 0xF07E else chr(code) if code < 0xF000 else "")
            elif tag == _w + "p":  # a paragraph nested in an inline container (rare)
                self._walk(child, parts, boxes, fields)
                parts.append("\n")
            else:
                self._walk(child, parts, boxes, fields)

    # body order
    def body(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == _w + "p":
                self.n_paragraphs += 1
                self._emit_paragraph(child, {"kind": PARAGRAPH, "paragraph": self.n_paragraphs})
            elif child.tag == _w + "tbl":
                self._emit_table(child)
            elif child.tag in (_w + "sdt", _w + "customXml"):
                content = child.find(_w + "sdtContent")
                self.body(content if content is not None else child)

    def _emit_paragraph(self, p: etree._Element, attrs: dict[str, Any], out: list | None = None) -> None:
        target = self.items if out is None else out
        lines, boxes = self.paragraph_lines(p)
        for line in lines:
            if line.strip():
                target.append((line, dict(attrs)))
        for box in boxes:
            for bp in box.iter(_w + "p"):
                blines, _ = self.paragraph_lines(bp)
                for line in blines:
                    if line.strip():
                        battrs = {k: v for k, v in attrs.items() if k != "kind"}
                        battrs["kind"] = TEXTBOX if attrs.get("kind") != CELL else CELL
                        target.append((line, battrs))

    def _cell_items(self, tc: etree._Element, base: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        out: list[tuple[str, dict[str, Any]]] = []
        for child in tc:
            if child.tag == _w + "p":
                self._emit_paragraph(child, base, out)
            elif child.tag == _w + "tbl":  # nested table: flattened into this cell, row by row
                for row in child.findall(_w + "tr"):
                    for inner in row.findall(_w + "tc"):
                        out.extend(self._cell_items(inner, base))
            elif child.tag in (_w + "sdt", _w + "customXml"):
                content = child.find(_w + "sdtContent")
                out.extend(self._cell_items(content if content is not None else child, base))
        return out

    def _emit_table(self, tbl: etree._Element) -> None:
        index = self.n_tables
        self.n_tables += 1
        cells: list[tuple[int, int, list[tuple[str, dict[str, Any]]]]] = []
        for r, tr in enumerate(_rows(tbl)):
            col = 0
            for tc in _cells(tr):
                tcpr = tc.find(_w + "tcPr")
                span = int(_val(tcpr.find(_w + "gridSpan") if tcpr is not None else None, "1") or 1)
                vmerge = tcpr.find(_w + "vMerge") if tcpr is not None else None
                if vmerge is None or vmerge.get(_w + "val") == "restart":
                    base = {"kind": CELL, "table": index, "row": r, "col": col}
                    cells.append((r, col, self._cell_items(tc, base)))
                col += span
        grid: dict[int, dict[int, str]] = {}
        for r, c, items in cells:
            grid.setdefault(r, {})[c] = " ".join(t for t, _ in items)
        ncols = max((c for r, c, _ in cells), default=-1) + 1
        role = table_role([[grid[r].get(c, "") for c in range(ncols)] for r in sorted(grid)])
        flat = [(r, c, item) for r, c, items in cells for item in (items or [("", {"kind": CELL, "table": index, "row": r, "col": c})])]
        content_cols = sorted({c for r, c, (t, _) in flat if t.strip()})
        for k in reading_order([(r, c) for r, c, _ in flat], role):
            r, c, (text, attrs) = flat[k]
            if role:
                if not text.strip():
                    continue
                side = "left" if content_cols and c == content_cols[0] else "right"
                attrs = {**attrs, "region": f"{role}-{side}"}
            self.items.append((text, attrs))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children ``w:<tag>`` of ``parent``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == _w + tag:
            yield child
        elif child.tag in (_w + "sdt", _w + "customXml"):
            content = child.find(_w + "sdtContent")
            yield from _children(content if content is not None else child, tag)


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _children(tbl, "tr")


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _children(tr, "tc")


# --- the file --------------------------------------------------------------


def _part_element(part: Any) -> etree._Element | None:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    blob = getattr(part, "blob", None)
    if blob:
        try:
            return etree.fromstring(blob)
        except etree.XMLSyntaxError:
            return None
    return None


def _related(doc_part: Any, suffix: str) -> list[Any]:
    return [rel.target_part for rel in doc_part.rels.values() if not rel.is_external and rel.reltype.endswith(suffix)]


def _check_parts(path: Path, name: str) -> None:
    """Refuse a package whose XML parts inflate past the budget (a zip bomb), before any is parsed.

    ``zipfile`` never returns more than a member's declared size, so the declared sizes bound the work."""
    from vnplan.read.budget import BudgetError, budget

    limit = budget().max_member_bytes
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
        raise CorruptFileError(name, key="err.docx_damaged", detail=f"{type(exc).__name__}: {exc}") from None
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > limit:
            raise BudgetError(name, key="err.docx_part_budget", part=info.filename, mb=f"{info.file_size / 1e6:.0f}",
                              limit=f"{limit / 1e6:.0f}")


def read_docx(path: Path) -> RawDocument:
    """Read a DOCX file into blocks (see the module docstring for the block kinds).

    >>> raw = read_docx(Path("corpus/real/006_kh-ubnd-tinh-laocai-trien-khai-chi-thi-11-ct-tu-khoang-san.docx"))  # doctest: +SKIP
    >>> [b.text for b in raw.blocks if b.region == "header-left"][:2]  # doctest: +SKIP
    ['ỦY BAN NHÂN DÂN                                  TỈNH LÀO CAI', 'Số:           /KH-UBND']
    """
    path = Path(path)
    name = str(path)
    if is_encrypted_office_file(path):
        raise EncryptedFileError(name, key="err.docx_encrypted")
    _check_parts(path, name)
    try:
        import docx  # python-docx

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError) as exc:
        raise CorruptFileError(name, key="err.docx_damaged", detail=f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on broken packages
        raise CorruptFileError(name, key="err.docx_unopenable", detail=f"{type(exc).__name__}: {exc}") from None
    try:
        return _read_document(document, name)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(name, key="err.docx_xml_damaged", detail=str(exc)) from None


def _read_document(document: Any, name: str) -> RawDocument:
    part = document.part
    numbering_el = styles_el = None
    for p in _related(part, "/numbering"):
        numbering_el = _part_element(p)
    for p in _related(part, "/styles"):
        styles_el = _part_element(p)
    reader = _Reader(Numbering(numbering_el, styles_el))
    reader.body(document.element.body)
    body_items = reader.items
    notes = _note_items(reader, part)
    headers = _header_footer_items(_Reader(Numbering(numbering_el, styles_el)), part, "/header", PAGE_HEADER)
    footers = _header_footer_items(_Reader(Numbering(numbering_el, styles_el)), part, "/footer", PAGE_FOOTER)
    items = headers + body_items + notes + footers
    if not any(text.strip() for text, _ in items):
        raise EmptyFileError(name, key="err.docx_no_text")
    meta = {"tables": reader.n_tables, "paragraphs": reader.n_paragraphs}
    return RawDocument.from_texts(name, "docx", items, meta=meta)


def _header_footer_items(reader: _Reader, part: Any, suffix: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    seen: set[str] = set()
    out: list[tuple[str, dict[str, Any]]] = []
    for hf in sorted(_related(part, suffix), key=lambda p: str(p.partname)):
        element = _part_element(hf)
        if element is None:
            continue
        reader.items = []
        reader.body(element)
        for text, attrs in reader.items:
            if text.strip() and text not in seen:
                seen.add(text)
                out.append((text, {"kind": kind, **{k: v for k, v in attrs.items() if k in ("table", "row", "col")}}))
    return out


def _note_items(reader: _Reader, part: Any) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    numbers = {fid: k + 1 for k, fid in enumerate(dict.fromkeys(reader.footnote_order))}
    for suffix, tag in (("/footnotes", "footnote"), ("/endnotes", "endnote")):
        for notes_part in _related(part, suffix):
            root = _part_element(notes_part)
            if root is None:
                continue
            for note in root.findall(_w + tag):
                if note.get(_w + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                texts: list[str] = []
                for p in note.iter(_w + "p"):
                    lines, _ = reader.paragraph_lines(p)
                    texts.extend(ln.strip() for ln in lines if ln.strip())
                if not texts:
                    continue
                number = numbers.get(note.get(_w + "id", ""), None) if tag == "footnote" else None
                marker = f"[{number}] " if number else ""
                out.append((marker + " ".join(texts), {"kind": PARAGRAPH, "region": tag}))
    return out
