"""Digital signatures as data: the PDF's signature dictionaries and the printed signature box.

Vietnamese e-signing systems (Ban Cơ yếu Chính phủ, VNPT-CA, Viettel-CA) write one
signature dictionary per signing (``/M`` the time, ``/Reason`` ``"Lê Duy Định<…@gialai.gov.vn>
đã ký lên văn bản này!"``) and print a box or a stamp on the page (``Người ký: Sở Giáo dục và
Đào tạo`` / ``Cơ quan: Tỉnh Gia Lai`` / ``Thời gian ký: 06.11.2020 15:43:52 +07:00``).
`signature_of` merges both into the record's ``signature`` field.

    >>> parse_box(["Người ký: Sở Giáo dục và Đào tạo", "Cơ quan: Tỉnh Gia Lai",
    ...            "Thời gian ký: 06.11.2020 15:43:52 +07:00"])["time"]
    '2020-11-06T15:43:52+07:00'
"""
from __future__ import annotations

import ctypes
import re
from functools import lru_cache
from typing import Any

from vnplan import data as tables

__all__ = ["is_mark", "marks", "parse_box", "pdf_signatures", "signature_of", "split_stamp"]

_AGENCY = re.compile(
    r"^(?:Sở|Bộ|Ủy ban|Uỷ ban|UBND|Phòng|Trường|Văn phòng|Ban|Cục|Tổng cục|Vụ|Trung tâm|Hội đồng|HĐND|Công an|"
    r"Chi cục|Đài|Báo|Viện|Học viện|Đại học|Thanh tra|Kho bạc|Tỉnh|Thành phố|Huyện|Xã|Cổng|Chính phủ|Thủ tướng)\b",
    re.I)


@lru_cache(maxsize=1)
def marks() -> dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """The reviewed patterns of `vnplan/data/signature_marks.json`, by name.

    >>> sorted(marks())
    ['box', 'received', 'time']
    """
    data = tables.load_json("signature_marks.json")
    out: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
    for m in data["marks"]:
        flags = re.I if m.get("ignorecase") else 0
        need = re.compile(m["require"]) if m.get("require") else None
        out[m["name"]] = (re.compile(m["pattern"], flags), need)
    return out


def is_mark(name: str, line: str) -> bool:
    """Whether ``line`` is a ``box``, ``time`` or ``received`` mark line.

    >>> is_mark("time", "16:30:05 +07:00"), is_mark("time", "2250")
    (True, False)
    """
    pattern, need = marks()[name]
    text = " ".join(line.split())
    if not text or pattern.search(text) is None:
        return False
    return need is None or need.search(text) is not None


_BOX_TIME = re.compile(
    r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}):?(\d{2}))?")


def _iso_box_time(text: str) -> str | None:
    m = _BOX_TIME.search(text)
    if m is None:
        return None
    d, mo, y, hh, mm, ss, tz, tzm = m.groups()
    if not (1 <= int(d) <= 31 and 1 <= int(mo) <= 12):
        return None
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh is not None:
        out += f"T{int(hh):02d}:{mm}:{ss or '00'}"
        if tz is not None:
            out += f"{tz}:{tzm}"
    return out


def parse_box(lines: list[str]) -> dict[str, Any]:
    """Signer, organisation, email and time from the lines of a signature box or stamp.

    A box has labelled lines (``Người ký:``, ``Cơ quan:``); a stamp in the closing block
    has the signing body then the time (``Ủy ban Nhân dân tỉnh Bến`` / ``Tre`` /
    ``01-04-2020 09:53:21`` / ``+07:00``).

    >>> parse_box(["Ủy ban Nhân dân tỉnh Bến", "Tre", "01-04-2020 09:53:21", "+07:00"])
    {'signer': None, 'organisation': 'Ủy ban Nhân dân tỉnh Bến Tre', 'email': None, 'time': '2020-04-01T09:53:21+07:00', 'place': None}
    """
    fields: dict[str, list[str]] = {"signer": [], "place": [], "email": [], "time": [], "free": []}
    current = "free"
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        m = re.match(r"^(Người ký|Ký bởi|Được ký bởi|Signed by|E-?mail|Cơ quan|Thời gian ký|Ngày ký|Ký ngày)\s*:\s*(.*)$",
                     line, re.I)
        if m:
            label = m.group(1).lower()
            current = ("signer" if "ký bởi" in label or label in ("người ký", "signed by")
                       else "email" if "mail" in label else "place" if label == "cơ quan" else "time")
            if m.group(2):
                fields[current].append(m.group(2))
            continue
        if is_mark("time", line):
            fields["time"].append(line)
            current = "time"
            continue
        fields[current if current != "time" else "free"].append(line)
    signer = " ".join(fields["signer"]) or None
    organisation = " ".join(fields["free"]) or None
    if signer and _AGENCY.match(signer) and organisation is None:
        signer, organisation = None, signer
    email = "".join(fields["email"]).replace(" ", "") or None
    return {"signer": signer, "organisation": organisation, "email": email,
            "time": _iso_box_time(" ".join(fields["time"])), "place": " ".join(fields["place"]) or None}


def split_stamp(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split a closing block's right column into its own lines and an e-signature stamp inside it.

    The stamp is the run of lines that ends with the signing time, after the chức vụ
    (upper case) and before the name.

    >>> split_stamp(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ủy ban Nhân dân tỉnh Bến", "Tre",
    ...              "01-04-2020 09:53:21", "+07:00", "Cao Văn Trọng"])
    (['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Cao Văn Trọng'], ['Ủy ban Nhân dân tỉnh Bến', 'Tre', '01-04-2020 09:53:21', '+07:00'])
    """
    times = [k for k, ln in enumerate(lines) if is_mark("time", ln) or is_mark("box", ln)]
    if not times:
        return lines, []
    first, last = times[0], times[-1]
    start = first
    while start > 0:
        prev = " ".join(lines[start - 1].split())
        if not prev or prev.isupper() or re.match(r"^(?:KT|TM|TL|TUQ|Q|QUYỀN)\b\.?", prev) or _looks_like_name(prev):
            break
        start -= 1
    while last + 1 < len(lines) and not is_mark("time", lines[last]):  # a labelled box's wrapped last line
        nxt = " ".join(lines[last + 1].split())
        if not nxt or nxt.isupper() or _looks_like_name(nxt):
            break
        last += 1
    return lines[:start] + lines[last + 1:], lines[start:last + 1]


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not _AGENCY.match(line) \
        and not any(w.lower() in ("tỉnh", "thành", "phố", "huyện", "xã", "và") for w in words)


# --------------------------------------------------------------------------- PDF signature dictionaries


def _pdf_time(raw: bytes) -> str | None:
    m = re.match(rb"D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?([+-Z])?(\d{2})?'?(\d{2})?", raw)
    if m is None:
        return None
    y, mo, d, hh, mm, ss, z, tzh, tzm = (g.decode() if g else None for g in m.groups())
    out = f"{y}-{mo}-{d}"
    if hh:
        out += f"T{hh}:{mm or '00'}:{ss or '00'}"
        if z == "Z":
            out += "+00:00"
        elif z and tzh:
            out += f"{z}{tzh}:{tzm or '00'}"
    return out


def pdf_signatures(pdf: Any) -> list[dict[str, Any]]:
    """The signature dictionaries of an open pypdfium2 document, in order: name, email, time.

    >>> import pypdfium2 as pdfium  # doctest: +SKIP
    >>> pdf_signatures(pdfium.PdfDocument("0003_2312-kh-sgddt-signed.pdf"))[0]  # doctest: +SKIP
    {'name': 'Lê Duy Định', 'email': 'dinhld.sgddt@gialai.gov.vn', 'time': '2020-12-01T07:40:20+07:00', 'reason': '…'}
    """
    import pypdfium2.raw as pdfium_c

    out: list[dict[str, Any]] = []
    try:
        count = pdfium_c.FPDF_GetSignatureCount(pdf.raw)
    except Exception:  # noqa: BLE001 - an old pdfium: no signatures
        return out
    for k in range(max(count, 0)):
        sig = pdfium_c.FPDF_GetSignatureObject(pdf.raw, k)
        size = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
        when = None
        if size > 0:
            buf = ctypes.create_string_buffer(size)
            pdfium_c.FPDFSignatureObj_GetTime(sig, buf, size)
            when = _pdf_time(buf.value)
        size = pdfium_c.FPDFSignatureObj_GetReason(sig, None, 0)
        reason = ""
        if size > 2:
            ubuf = (ctypes.c_ubyte * size)()
            pdfium_c.FPDFSignatureObj_GetReason(sig, ubuf, size)
            reason = bytes(ubuf).decode("utf-16-le", errors="replace").rstrip("\x00").strip()
        m = re.match(r"^\s*(.+?)\s*<([^>]+@[^>]+)>", reason)
        name = " ".join(m.group(1).split()) if m else None
        out.append({"name": name, "email": m.group(2) if m else None, "time": when, "reason": reason or None})
    return out


def signature_of(signatures: list[dict[str, Any]], box_lines: list[str]) -> dict[str, Any] | None:
    """The record's ``signature``: who signed, for which body, when, and where that came from.

    The signer is the first signature by a person; the organisation, the first by a body
    (or the box's signing body); the time, the signer's (else the first) signing time.

    >>> sig = signature_of([{"name": "Lê Duy Định", "email": "a@gialai.gov.vn", "time": "2020-12-01T07:40:20+07:00",
    ...                      "reason": ""}, {"name": "Sở Giáo dục và Đào tạo", "email": None, "time": None, "reason": ""}], [])
    >>> sig["signer"], sig["organisation"], sig["time"]
    ('Lê Duy Định', 'Sở Giáo dục và Đào tạo', '2020-12-01T07:40:20+07:00')
    """
    if not signatures and not box_lines:
        return None
    box = parse_box(box_lines) if box_lines else {}
    people = [s for s in signatures if s.get("name") and not _AGENCY.match(s["name"])]
    bodies = [s for s in signatures if s.get("name") and _AGENCY.match(s["name"])]
    signer = people[0]["name"] if people else box.get("signer")
    organisation = bodies[0]["name"] if bodies else box.get("organisation")
    first = people[0] if people else (signatures[0] if signatures else {})
    sources = (["pdf-signature"] if signatures else []) + (["signature-box"] if box_lines else [])
    return {
        "signer": signer,
        "organisation": organisation or box.get("place"),
        "email": first.get("email") or box.get("email"),
        "time": first.get("time") or box.get("time"),
        "count": len(signatures),
        "source": sources,
        "box": [" ".join(ln.split()) for ln in box_lines if ln.strip()],
    }
