"""Hostile and broken inputs of issue 12, generated on the spot (nothing of this is stored in the repository).

Each function writes one file (or special file) into a folder and returns its path.  Sizes are
parameters: the tests use small ones with a small budget, `benchmarks/hostile_cases.py` the issue's.
"""
from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seeds" / "000_28b0c8e4ade0a855.txt"

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                  'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seed_text() -> str:
    """A real plan (the first seed): hostile files carry it so that what is read is a plan."""
    return SEED.read_text(encoding="utf-8")


def docx(path: Path, paragraphs: list[str] | None = None, *, filler_mb: float = 0, repeat: int = 1) -> Path:
    """A DOCX of ``paragraphs`` (the seed's lines by default) ``repeat`` times, plus ``filler_mb`` MB of
    paragraphs (a DOCX bomb: 100 MB of XML deflates to about 0.4 MB)."""
    paragraphs = paragraphs if paragraphs is not None else [p for p in seed_text().splitlines() if p.strip()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            body = "".join(f"<w:p><w:r><w:t>{_xml(p)}</w:t></w:r></w:p>" for p in paragraphs).encode()
            for _ in range(repeat):
                fh.write(body)
            chunk = ("<w:p><w:r><w:t>" + "Tổ chức tuyên truyền " * 40 + "</w:t></w:r></w:p>").encode() * 256
            for _ in range(int(filler_mb * 1024 * 1024 / len(chunk))):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of numbered ``objects`` (1: catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def huge_page_pdf(path: Path, inches: float = 200) -> Path:
    """A 2 KB PDF: one image-only page of ``inches`` × ``inches`` (OCR would render it: 3.6 G pixels at 300 dpi)."""
    side = int(inches * 72)
    content = f"q {side} 0 0 {side} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Resources << /XObject << /Im0 5 0 R >> >> "
        f"/Contents 4 0 R >>".encode(),
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 1 >>\nstream\n\x80\nendstream",
    ]
    path.write_bytes(_pdf(objects))
    return path


def deflated_spaces(inflated_mb: int) -> bytes:
    """``inflated_mb`` MB of spaces deflated to about 1/1000 of that (a stream bomb's payload)."""
    comp = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return b"".join(comp.compress(block) for _ in range(inflated_mb)) + comp.flush()


def inflating_pdf(path: Path, inflated_mb: int = 1024, length: str | None = None,
                  extra: Sequence[bytes] = ()) -> Path:
    """A PDF whose page content stream is ``inflated_mb`` MB of spaces deflated to about 1/1000 of that.

    ``length`` is what the stream dictionary states (default: the true length; ``"5 0 R"`` points at
    an object of ``extra``, which are appended after the stream as objects 5, 6, …).
    """
    data = deflated_spaces(inflated_mb)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        f"<< /Length {length or len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream",
        *extra,
    ]
    path.write_bytes(_pdf(objects))
    return path


def big_text(path: Path, mb: float) -> Path:
    """A text file of ``mb`` MB: the seed plan repeated."""
    text = seed_text().encode()
    with open(path, "wb") as fh:
        for _ in range(max(1, int(mb * 1024 * 1024 / len(text)))):
            fh.write(text)
    return path


def fifo(path: Path) -> Path:
    """A named pipe called like a document (``x.txt``): opening it for reading blocks until a writer comes."""
    os.mkfifo(path)
    return path


def named(folder: Path, name: str | bytes, text: str | None = None) -> str:
    """The seed plan (or ``text``) under an awkward name (``bytes`` for a name that is not UTF-8); its path."""
    raw = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(raw, "wb") as fh:
        fh.write((text if text is not None else seed_text()).encode("utf-8"))
    return os.fsdecode(raw)


def nul_after(path: Path, offset: int = 4096) -> Path:
    """The seed plan with NUL characters after its first ``offset`` bytes (a sniffer reads 4 KB)."""
    data = seed_text().encode()
    path.write_bytes(data[:offset] + b"\x00\x00 Ghi ch\xc3\xba \x00" + data[offset:])
    return path


def ansi(path: Path) -> Path:
    """The seed plan with terminal escape sequences: clear screen, window title, colours, a one-byte CSI."""
    path.write_text(seed_text().replace("KẾ HOẠCH", "KẾ HOẠCH\x1b[2J\x1b]0;bi-chiem\x07\x1b[31mĐỎ\x1b[0m\u009b31m", 1),
                    encoding="utf-8")
    return path


def formula_plan(path: Path) -> Path:
    """The seed plan whose title starts like a spreadsheet formula (``=HYPERLINK(…)``)."""
    text = seed_text().replace("Tổ chức Tuần lễ hưởng ứng", '=HYPERLINK("http://x.invalid","bấm") Tuần lễ hưởng ứng', 1)
    path.write_text(text, encoding="utf-8")
    return path


def script_plan(path: Path) -> Path:
    """The seed plan with HTML in an activity: ``<script>``, ``<iframe srcdoc>``, an event handler, a link."""
    evil = ('<script>alert(1)</script> <iframe srcdoc="<script>alert(2)</script>"></iframe> '
            '<img src=x onerror=alert(3)> [bấm](javascript:alert(4))')
    text = seed_text().replace("Tổ chức Lễ khai mạc Tuần lễ", f"Tổ chức Lễ khai mạc Tuần lễ {evil}", 1)
    path.write_text(text, encoding="utf-8")
    return path


def dated_without_ends(chars: int) -> str:
    """A text of about ``chars`` characters with a dated deadline every ~300 and no sentence end at all."""
    import re

    words = re.sub(r"[.;!?|:\n]+", " ", seed_text()).split()
    out, i, n = [], 0, 0
    while n < chars:
        piece = " ".join(words[(i * 40) % len(words):(i * 40) % len(words) + 40])
        piece += f" các đơn vị báo cáo trước ngày {1 + i % 28}/10/2025"
        out.append(piece)
        n += len(piece) + 1
        i += 1
    return " ".join(out)
