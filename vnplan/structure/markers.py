"""Recognisers for the printed markers of an official document (ND 30/2020 Phụ lục I).

Each function looks at one clean line (or cell) and says what it is: a
Quốc hiệu / Tiêu ngữ line, a ``Số:`` line, a place-and-date line, a type name,
a body label (``I.``, ``1.1.``, ``a)``, ``-``, ``Điều 1.``), a signature
authority (``KT. CHỦ TỊCH``), a chức vụ, a signer's name.

    >>> label_of("1.2. Sở Y tế: phối hợp").style
    'arabic2'
    >>> is_type_name("**KẾ HOẠCH**")
    'KẾ HOẠCH'
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from vnplan import data

__all__ = [
    "AUTHORITY",
    "body_cues",
    "type_name_prefix",
    "caps_name",
    "continues_unit_name",
    "layout_cues",
    "ISSUING_AUTHORITY",
    "KEM_THEO",
    "MOTTO_NATION",
    "MOTTO_SLOGAN",
    "NUMBER",
    "PLACE_DATE",
    "PREAMBLE",
    "STYLE_RANK",
    "VN_LETTERS",
    "Label",
    "is_appendix_start",
    "is_part_letter",
    "is_position",
    "is_type_name",
    "is_upper_line",
    "label_of",
    "name_in",
    "preamble_kind",
    "type_names",
]

VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
# Vietnamese capital letters as a regex class body (``[À-Ỹ]`` would also take small letters)
UP = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha() and chr(c).isupper())

MOTTO_NATION = re.compile(r"C[ỘO]NG\s*H(?:[ÒÓÕO]A|O[ÀÁÃA])\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I)
MOTTO_SLOGAN = re.compile(r"Đ[ộo]c\s*l[ậa]p\s*[-–—]?\s*T[ựu]\s*do\s*[-–—]?\s*H[ạa]nh\s*ph[úu]c", re.I)
# "Hà Nội, ngày 28 tháng 4 năm 2026", "Si Ma Cai, ngày     tháng 9 năm 2023", "Hoà Xá, ngày 25/9/2025"
PLACE_DATE = re.compile(
    r"(?<![/\w-])(?P<place>[^\W\d_][^,|\s/:]*(?: {1,2}[^,|\s/:]+){0,7}?)\s*,\s*ngày\b"
    r"(?P<rest>[^|]{0,60}?(?:năm\s*(?:\d\s*){4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}))"
)
# "Số: 173/KH-UBND", "Số:   /KH-UBND", "Số: 3210/QĐ - U B ND", "Số 07/KH-PGDĐT", "Số:……./QĐ-THPT", "Số: ___/KH"
NUMBER = re.compile(r"(?<!\w)S[ốô]\s*:?\s*(?=[\d./ …_]*/)[^|]*")
KEM_THEO = re.compile(r"\(\s*(?:Ban hành\s+)?[Kk]èm theo\b|\(\s*BAN HÀNH KÈM THEO|\(\s*KÈM THEO", re.I)
AUTHORITY = re.compile(rf"(?<!\w)(TM|T/M|KT|K/T|TL|T/L|TUQ|Q)\s*\.\s*(?=[{UP}])")
PREAMBLE = [
    ("can_cu", re.compile(r"^(?:Căn cứ|căn cứ)\b")),
    ("theo_de_nghi", re.compile(r"^(?:Theo|Xét|theo|xét)\s+(?:đề nghị|đề xuất|Tờ trình|tờ trình|báo cáo)\b")),
    ("thuc_hien", re.compile(
        r"^(?:Thực hiện|thực hiện|Triển khai|triển khai|Để triển khai|Để thực hiện|Tiếp tục thực hiện|"
        r"Thực hiện chỉ đạo|Thực hiện ý kiến|Theo chỉ đạo|Thi hành)\b")),
]
ISSUING_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|BỘ TRƯỞNG|TRƯỞNG BAN|CHÁNH|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|"
    r"HIỆU TRƯỞNG|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BAN CHỈ ĐẠO|TRƯỞNG ĐOÀN|CHÍNH PHỦ)\b"
)
_POSITION = re.compile(
    r"^(?:PHÓ\s+|Q\.\s*)?(?:CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ NHIỆM|CHÁNH VĂN PHÒNG|"
    r"CHÁNH THANH TRA|TRƯỞNG BAN|TRƯỞNG ĐOÀN|TRƯỞNG PHÒNG|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|VỤ TRƯỞNG|HIỆU TRƯỞNG|"
    r"TỔNG CỤC TRƯỞNG|TRƯỞNG CÔNG AN|GIÁM ĐỐC CÔNG AN|CHỈ HUY TRƯỞNG|TƯ LỆNH|BÍ THƯ|"
    r"CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|THƯ KÝ|ỦY VIÊN|CHỦ TỊCH HỘI ĐỒNG)"
    rf"(?:\s+(?:THƯỜNG TRỰC|PHỤ TRÁCH|ĐIỀU HÀNH|KIÊM\s+[{UP} ]+))?$"
)
_RANK = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Chuẩn\s+đô\s+đốc|(?:PGS|GS|TS|ThS|BS|KS|CN)\.?"
    r"(?:\s*(?:TS|BS|ThS))?\.?)\s+"
)
_JUNK_TAIL = re.compile(r"(?:\s+(?:mailto:|https?://|www\.)\S*|\s+\S+@\S+)+\s*$")
_SIGNED = re.compile(r"^\(?\s*(?:Đã ký|đã ký|Ký tên|ký tên|Ký, ghi rõ|ký, ghi rõ)[^)]*\)?\s*")

STYLE_RANK = {"part": 0, "chapter": 1, "alpha": 2, "section": 2, "article": 3, "roman": 4, "arabic": 5,
              "arabic2": 6, "arabic3": 7, "arabic4": 8, "letter": 9, "dash": 10, "plus": 11, "text": 12}


@dataclass(frozen=True)
class Label:
    """A body label: printed form, family (style) and where the heading text starts."""

    label: str
    style: str
    end: int  # index in the line where the text after the label starts


# "A. MỤC ĐÍCH", "C- TỔ CHỨC THỰC HIỆN" (I, V and X are roman numerals)
_PART_LETTER = re.compile(rf"^[A-HK-UYĐ]\s*[.\-–)]\s*(?=[{UP}])")
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d{1,2}|THỨ\s+\w+|thứ\s+\w+)\b\s*[.:]?\s*")),
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d{1,2})\b\s*[.:]?\s*")),
    ("section", re.compile(r"^(?:MỤC|Mục)\s+(?:[IVXLC]+|\d{1,2})\b\s*[.:]?\s*")),
    ("article", re.compile(rf"^Điều\s+\d{{1,3}}[a-z]?\s*[.:]\s*|^Điều\s+\d{{1,3}}\s+(?=[{UP}])")),
    ("roman", re.compile(r"^(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})\s*[.):]\s*(?=\S)")),
    ("alpha", _PART_LETTER),
    ("arabic4", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s*(?=[^\d\s])")),
    ("arabic3", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s*(?=[^\d\s])")),
    ("arabic2", re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\s*|\s+)(?=[^\d\s])")),
    ("arabic", re.compile(r"^\d{1,2}\s*[.)](?!\d)\s*(?=\S)")),
    ("letter", re.compile(rf"^[{VN_LETTERS}]\s*\)\s*(?=\S)|^[{VN_LETTERS}]\s*(?:\.|/\.?)\s+(?=[{UP}])")),
    ("dash", re.compile(r"^[-–—•‒]\s*(?=[^\W\d_]|[“\"(])")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
]


def label_of(text: str) -> Label | None:
    """The body label opening ``text``, or None.

    >>> label_of("II. NỘI DUNG").label, label_of("đ) Phát động").style, label_of("Điều 3. Chánh Văn phòng").style
    ('II.', 'letter', 'article')
    >>> label_of("1.000 người tham dự") is None, label_of("V/v triển khai") is None
    (True, True)
    """
    for style, rx in _LABELS:
        m = rx.match(text)
        if m and m.end() > 0:
            raw = text[: m.end()].strip()
            if style == "roman" and not raw.rstrip(".):").strip():
                continue
            if style == "roman" and raw.endswith(":"):
                continue
            if style == "arabic" and raw.endswith(")") is False and raw.endswith(".") is False:
                continue
            if style == "alpha" and not is_part_letter(text):
                continue
            return Label(raw, style, m.end())
    m = _BARE_ROMAN.match(text)
    if m and is_bare_roman_heading(text):
        return Label(m.group(0).strip(), "roman", m.end())
    return None


_BARE_ROMAN = re.compile(rf"^(?=[IVX])(?:X{{0,3}})(?:IX|IV|V?I{{0,3}})\s+(?=[{UP}])")


def is_bare_roman_heading(text: str) -> bool:
    """A section heading whose roman numeral lost its dot (``III Thời gian``): only when the words after it
    name a section of ``data/headings.tsv`` and the line is short. Examples: ``data/body_cues.json`` (``bare_roman``).

    >>> is_bare_roman_heading("III Thời gian"), is_bare_roman_heading("II Kỳ họp thứ nhất")
    (True, False)
    """
    from vnplan.structure.roles import roles_of

    m = _BARE_ROMAN.match(text)
    if not m or len(m.group(0).strip()) < 1 or len(text) > 120:
        return False
    return bool(roles_of(text[m.end():]))


def is_part_letter(text: str) -> bool:
    """A part heading labelled with a capital letter and printed in capitals (``A. MỤC ĐÍCH, YÊU CẦU``,
    ``C- TỔ CHỨC THỰC HIỆN``): school and Sở plans group their ``I.``, ``II.`` sections under such parts.
    Examples and counter-examples: ``data/body_cues.json`` (``part_letter``).

    >>> is_part_letter("B. KẾ HOẠCH XÂY DỰNG THƯ VIỆN"), is_part_letter("A. Nguyễn Văn")
    (True, False)
    """
    m = _PART_LETTER.match(text)
    if not m:
        return False
    rest = _bare(text[m.end():]).rstrip(":.")
    return len(rest.split()) >= 2 and is_upper_line(rest, 0.9) and not rest[:1].isdigit()


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """Printed type names (``KẾ HOẠCH``) → sentence case (``Kế hoạch``), from ``data/type_names.tsv``."""
    text = data.text("type_names.tsv")
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t")
    return {r["name"]: r["doc_type"] for r in rows}


def _bare(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("#", " ").replace("|", " ").split())


def is_type_name(text: str) -> str | None:
    """The printed type name if ``text`` is only a type name (``KẾ HOẠCH``), else None.

    >>> is_type_name("QUYẾT ĐỊNH:") is None, is_type_name(" TỜ TRÌNH ")
    (True, 'TỜ TRÌNH')
    """
    bare = _bare(text)
    if bare.endswith(":"):
        return None
    # spaced-out capitals "K Ế H O Ạ C H"
    squeezed = bare.replace(" ", "")
    for name in type_names():
        if bare == name or (len(bare) > len(name) + 2 and squeezed == name.replace(" ", "")):
            return name
    return None


def type_name_prefix(text: str) -> str | None:
    """The type name opening a header line that also holds the start of the trích yếu, else None.

    School and Phòng headers print both on one line (``KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC``,
    ``THÔNG BÁO TUYỂN SINH``): the line is in capitals and the type name is followed by at least one
    more word.  Examples and counter-examples: ``data/layout_cues.json`` (``type_with_title``).

    >>> type_name_prefix("KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM HỌC"), type_name_prefix("KẾ HOẠCH")
    ('KẾ HOẠCH', None)
    """
    bare = _bare(text)
    if not is_upper_line(bare, 0.9) or bare.endswith(":"):
        return None
    best = None
    for name in type_names():
        if bare.startswith(name + " ") and len(bare) > len(name) + 3 and (best is None or len(name) > len(best)):
            best = name
    if best is None or bare[len(best):].lstrip()[:1] in ":-–(":
        return None
    return best


@lru_cache(maxsize=1)
def layout_cues() -> dict:
    """``data/layout_cues.json``: header and closing cues with their examples, and the family names."""

    return data.load_json("layout_cues.json")


@lru_cache(maxsize=1)
def body_cues() -> dict:
    """``data/body_cues.json``: cues of plan bodies (part letters, content sections, agency headings) with examples."""

    return data.load_json("body_cues.json")


def layout_cue(name: str) -> dict:
    """The cue called ``name`` in ``data/layout_cues.json`` (its pattern, examples and counter-examples).

    >>> layout_cue("archive_line")["cue"]
    'archive_line'
    """
    return next(c for c in layout_cues()["cues"] if c["cue"] == name)


def body_cue(name: str) -> dict:
    """The cue called ``name`` in ``data/body_cues.json`` (its pattern, examples and counter-examples).

    >>> body_cue("timed_event")["cue"]
    'timed_event'
    """
    return next(c for c in body_cues()["cues"] if c["cue"] == name)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(n.upper() for n in layout_cues()["surnames"])


def caps_name(text: str) -> tuple[int, int] | None:
    """Where a signer's name printed in capitals sits in ``text`` (``NGUYỄN DUY DŨNG``), else None.

    2 to 5 letter-only words, the first a Vietnamese family name, none a word of a chức vụ or an agency.
    Examples and counter-examples: ``data/layout_cues.json`` (``name_in_capitals``).

    >>> caps_name("NGUYỄN DUY DŨNG"), caps_name("HIỆU TRƯỞNG")
    ((0, 15), None)
    """
    stripped = text.strip(" .,;*")
    words = stripped.split()
    if not 2 <= len(words) <= 5 or not all(w.replace("-", "").isalpha() for w in words):
        return None
    upper = [w.upper() for w in words]
    if upper[0] not in _surnames() or is_position(stripped) or ISSUING_AUTHORITY.match(stripped.upper()):
        return None
    if any(w in _NOT_NAME_WORDS for w in upper):
        return None
    a = text.index(words[0])
    return a, a + len(stripped)


def continues_unit_name(previous: str, line: str) -> bool:
    """Whether header line ``line`` continues the school or centre name on ``previous``.

    >>> continues_unit_name("TRƯỜNG TH, THCS & THPT", "SAO VIỆT"), continues_unit_name("SỞ GD&ĐT", "TRƯỜNG THPT A")
    (True, False)
    """
    prev, cur = " ".join(previous.upper().split()), " ".join(line.upper().split())
    if not re.match(r"^(?:TRƯỜNG|TRUNG TÂM)\b", prev) or not cur or not is_upper_line(cur, 0.9):
        return False
    return not any(cur == h or cur.startswith(h + " ") for h in layout_cues()["agency_heads"])


_NOT_NAME_WORDS = frozenset("""TRƯỜNG SỞ PHÒNG BAN ỦY UỶ BỘ CỤC VỤ HỘI ĐỒNG NHÂN DÂN TỈNH HUYỆN XÃ THÀNH PHỐ
    GIÁO DỤC ĐÀO TẠO THCS THPT TIỂU HỌC CHỦ TỊCH GIÁM ĐỐC TRƯỞNG KT TM TL""".split())


def is_upper_line(text: str, minimum: float = 0.85) -> bool:
    """Mostly capital letters (an agency name, a heading, a chức vụ).

    >>> is_upper_line("UBND TỈNH LÀO CAI"), is_upper_line("Sở Công Thương")
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= minimum


def is_position(text: str) -> bool:
    """A chức vụ line of a signature block (``PHÓ CHỦ TỊCH``, ``GIÁM ĐỐC``, ``THỨ TRƯỞNG``).

    >>> is_position("PHÓ CHỦ TỊCH THƯỜNG TRỰC"), is_position("TỔ CHỨC THỰC HIỆN")
    (True, False)
    """
    bare = " ".join(_bare(text).rstrip(".,").split())
    return bool(_POSITION.match(bare))


def name_in(text: str) -> tuple[int, int] | None:
    """Where a signer's name sits in ``text`` (rank and ``(Đã ký)`` left out), or None.

    >>> t = "(Đã ký) Đại tá Nguyễn Văn Cường"
    >>> a, b = name_in(t); t[a:b]
    'Nguyễn Văn Cường'
    """
    a = 0
    m = _SIGNED.match(text[a:])
    if m:
        a += m.end()
    m = _RANK.match(text[a:])
    if m:
        a += m.end()
    rest = _JUNK_TAIL.sub("", text[a:]).rstrip(" .,;*")
    words = rest.split()
    if not 2 <= len(words) <= 6:
        return None
    for w in words:
        if not (w[0].isupper() and w[0].isalpha() and (len(w) == 1 or w[1:].replace("-", "").islower())):
            return None
        if not w.replace("-", "").isalpha():
            return None
    return a, a + len(rest)


def preamble_kind(text: str) -> str | None:
    """``can_cu`` / ``thuc_hien`` / ``theo_de_nghi`` for a preamble clause, else None.

    >>> preamble_kind("Căn cứ Luật Tổ chức chính quyền địa phương"), preamble_kind("Xét đề nghị của Sở Xây dựng")
    ('can_cu', 'theo_de_nghi')
    """
    stripped = text.lstrip(" *_")
    if is_upper_line(stripped[:30]):
        return None
    for kind, rx in PREAMBLE:
        if rx.match(stripped):
            return kind
    return None


_APPENDIX = re.compile(rf"^(?:PHỤ LỤC|Phụ lục|PHỤ\s+LỤC|Phụ Lục)(?:\s+(?:số\s+)?[IVX\d]+[a-z]?)?\s*(?:[:.\-–]|$|\s*[{UP}(])")


def is_appendix_start(text: str) -> bool:
    """An appendix heading (``Phụ lục``, ``PHỤ LỤC II``, ``Phụ lục: DANH SÁCH ...``).

    >>> is_appendix_start("Phụ lục: DANH SÁCH CÁC ĐƠN VỊ KIỂM TRA"), is_appendix_start("Phụ lục kèm theo Kế hoạch")
    (True, False)
    """
    return bool(_APPENDIX.match(_bare(text)))
