"""Readers: any supported file → a normalised `Document`.

The format is decided by the file's content (magic bytes), checked against its
extension; a mismatch, an empty, corrupt, encrypted or unsupported file raises
a `VnplanError` whose message names the file.

    >>> from vnplan import read
    >>> doc = read("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> doc.text.splitlines()[0]  # doctest: +SKIP
    'Số: /KH-UBND'

The modules, by idea:

- formats: ``text``, ``markdown``, ``docx``, ``legacy_doc`` (.doc through LibreOffice), ``pdf`` (the
  PDF reader: pages in, blocks out);
- PDF reader state: ``pdf_textpage`` (an open document, a page's text and character boxes,
  signature widgets folded in);
- page classification: ``pdf_page_kind`` (images, rules, invisible text, garbled fonts) and
  ``pdf_trust`` (text layer or OCR, thresholds in ``vnplan/data/page_trust.json``);
- layout: ``pdf_lines`` (glyphs → lines, margins, paragraphs), ``pdf_bands`` (header and closing
  columns), ``pdf_tables`` (ruled tables), ``pdf_items`` (a page as blocks in reading order),
  ``pdf_stamps`` (number stamps joined to their line);
- font recovery: ``pdf_fonts`` (text rebuilt from glyph shapes when fonts have no Unicode map);
- OCR: ``ocr_page`` (the page pass with Tesseract), second passes ``ocr_upright`` (turned pages),
  ``ocr_signature`` (signature block) and ``ocr_header`` (header columns); ``ocr`` names them all;
  ``pdf_ocr`` runs them over a PDF's pages that need OCR;
- signatures: ``signature`` (PDF signature dictionaries, signature boxes and stamps);
- shared: ``cache`` (digest, cache folders, atomic writes for OCR, fonts and records), ``budget``
  (limits per file), ``source`` (path arguments).
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from vnplan.document import Document, RawDocument
from vnplan.errors import (
    CorruptFileError,
    EmptyFileError,
    NotVietnameseError,
    Term,
    TooLargeError,
    UnsupportedFormatError,
    VnplanError,
    WrongExtensionError,
)
from vnplan.read.budget import Budget, BudgetError, budget, check_regular_file

__all__ = ["EXTENSIONS", "MAX_BYTES", "read", "read_raw", "sniff"]

MAX_BYTES = 200 * 1024 * 1024  # files above this are refused (TooLargeError)
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: str | Path, head: bytes | None = None) -> str:
    """The format of a file by its content: ``"pdf"``, ``"docx"``, ``"text"`` or ``"binary"``.

    >>> sniff("corpus/real/007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx")  # doctest: +SKIP
    'docx'
    """
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError):
            return "zip-corrupt"  # NotImplementedError: a member claims a ZIP version Python cannot read
        return "docx" if "word/document.xml" in names else "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    from vnplan.read.text import utf16_without_bom

    if utf16_without_bom(head):
        return "text"
    sample = head[:4096]
    if b"\x00" in sample:
        return "binary"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return "binary" if sample and controls / len(sample) > 0.05 else "text"


def _kind(kind: str) -> Term:
    """What a sniffed content is, worded in the message's language (``kind.*`` in data/messages.tsv)."""
    return Term(f"kind.{kind}")


def read_raw(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, ocr: bool = True) -> RawDocument:
    """Run the right reader on ``path`` and return its blocks (not normalised)."""
    from vnplan.read.source import as_path

    name = as_path(path)
    p = Path(name)
    if not p.exists():
        raise VnplanError(name, key="err.no_such_file")
    if p.is_dir():
        raise UnsupportedFormatError(name, key="err.is_folder")
    size = check_regular_file(name).st_size  # a FIFO, device or socket is refused before it is opened
    if size == 0:
        raise EmptyFileError(name, key="err.empty_file")
    if size > max_bytes:
        raise TooLargeError(name, key="err.too_large", mb=f"{size / 1e6:.0f}", limit=f"{max_bytes / 1e6:.0f}")
    kind = sniff(p)
    ext = p.suffix.lower()
    expected = EXTENSIONS.get(ext)
    if kind not in ("pdf", "docx", "text"):
        if kind == "zip-corrupt" and ext == ".docx":
            raise CorruptFileError(name, key="err.docx_not_zip")
        if kind == "ole":
            from vnplan.read.legacy_doc import is_word_binary, read_doc

            if is_word_binary(p):  # a legacy Word file, named .doc, .docx or otherwise
                return read_doc(p)
            if ext == ".docx":
                from vnplan.read.docx import read_docx

                return read_docx(p)  # raises EncryptedFileError for a password-protected package
        raise UnsupportedFormatError(name, key="err.unsupported_content", what=_kind(kind))
    if expected is not None and expected != kind:
        raise WrongExtensionError(name, key="err.wrong_extension", ext=ext, what=_kind(kind))
    if expected is None and ext and kind != "text":
        pass  # unknown extension with a recognisable content: read by content
    limits = budget()
    if kind == "text" and size > 4 * limits.max_chars:
        raise BudgetError(name, key="err.text_budget", mb=f"{size / 1e6:.0f}", limit=f"{limits.max_chars / 1e6:g}")
    if kind == "pdf":
        from vnplan.read.budget import check_pdf_streams
        from vnplan.read.pdf import read_pdf

        check_pdf_streams(name, limits)  # a stream bomb is refused before pdfium inflates it whole

        raw = read_pdf(p, ocr=ocr)
    elif kind == "docx":
        from vnplan.read.docx import read_docx

        raw = read_docx(p)
    else:
        from vnplan.read.text import read_text

        raw = read_text(p)
    return _within_budget(raw, name, limits)


def _within_budget(raw: RawDocument, name: str, limits: Budget) -> RawDocument:
    chars = sum(len(b.text) for b in raw.blocks)
    if chars > limits.max_chars:
        raise BudgetError(name, key="err.char_budget", chars=f"{chars / 1e6:.1f}",
                          limit=f"{limits.max_chars / 1e6:g}")
    return raw


# Letters only Vietnamese uses (ă â đ ê ô ơ ư and every toned vowel): Vietnamese prose has several in
# every ten letters, English or French text almost none.
_VIETNAMESE = frozenset("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_VIETNAMESE_CHAR = re.compile("[" + "".join(sorted(_VIETNAMESE)) + "]")  # one of them (no class metacharacter)


def is_vietnamese(text: str, *, min_letters: int = 200, min_share: float = 0.03) -> bool:
    """Whether ``text`` is Vietnamese (short texts are given the benefit of the doubt).

    >>> is_vietnamese("Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời " * 8)
    True
    >>> is_vietnamese("This annual report describes the activities of the committee. " * 8)
    False
    """
    low = text.lower()
    marked = len(_VIETNAMESE_CHAR.findall(low))  # counted in C: this runs on every document
    if not low or marked / len(low) >= min_share:
        return True  # there are no more letters than characters: their share is as high or higher
    letters = sum(map(str.isalpha, low))
    if letters < min_letters:
        return True
    return marked / letters >= min_share


def read(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, ocr: bool = True,
         require_vietnamese: bool = True) -> Document:
    """Read a PDF, DOCX, TXT or MD file into a normalised `Document`.

    >>> doc = read("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> "KẾ HOẠCH" in doc.text  # doctest: +SKIP
    True
    """
    from vnplan.normalize import build_document
    from vnplan.read.source import as_path

    path = as_path(path)
    raw = read_raw(path, max_bytes=max_bytes, ocr=ocr)
    doc = build_document(raw)
    if not doc.text.strip() and not raw.needs_ocr:
        raise EmptyFileError(os.fspath(path), key="err.no_text")
    if require_vietnamese and not is_vietnamese(doc.text):
        raise NotVietnameseError(os.fspath(path), key="err.not_vietnamese")
    return doc
