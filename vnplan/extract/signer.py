"""The signer: authority prefixes, chức vụ and name from the signature block.

    >>> signer_from_lines(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn Cường")
    {'name': 'Nguyễn Văn Cường', 'title': 'Phó Chủ tịch', 'authority': ['TM. Ủy ban nhân dân', 'KT. Chủ tịch']}
"""
from __future__ import annotations

import re
from typing import Any

from vnplan.extract.casing import agency_case, is_known_title, name_case, title_case

__all__ = ["authority_line", "clean_name", "complete_name", "garbled_position", "name_at_end",
           "lost_prefix", "signature_in_closing", "signature_in_lines", "signer_from_lines"]

AUTHORITY = re.compile(r"^\s*(T/?M|K/?T|Q|T/?L|TUQ)\s*\.\s*(.*)$", re.I)
_RANKS = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|"
    r"GS\.?\s*TS\.?|PGS\.?\s*TS\.?|GS\.|PGS\.|TS\.|ThS\.|BS\.|Ths\.|Ts\.|NGƯT|NGND|Nhà giáo ưu tú)\s+",
    re.I,
)
_SIGNED = re.compile(r"\(?\s*(?:Đã\s+ký|đã\s+ký|Ký|ký)\s*(?:và\s+đóng\s+dấu)?\s*\)?", re.I)


_DEPUTY = {"Bộ trưởng": "Thứ trưởng"}  # the deputy of a head whose title is not "Phó" + the head's


def authority_line(line: str) -> str | None:
    """``KT. CHỦ TỊCH`` → ``KT. Chủ tịch``; ``TM. ỦY BAN NHÂN DÂN`` → ``TM. Ủy ban nhân dân``."""
    m = AUTHORITY.match(line)
    if not m:
        return None
    prefix, body = m.group(1).upper().replace("/", ""), " ".join(m.group(2).split())
    cased = title_case(body) if _is_title(body) else agency_case(body)
    return f"{prefix}. {cased}".strip()


def _is_title(body: str) -> bool:
    return bool(re.match(r"^(PHÓ\s+)?(CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM|TRƯỞNG|CHÁNH|CỤC TRƯỞNG|VỤ TRƯỞNG|HIỆU TRƯỞNG)", body, re.I))


def clean_name(text: str) -> str | None:
    """The signer's name without ``(Đã ký)``, military or academic ranks, and stray marks."""
    text = _SIGNED.sub(" ", text)
    text = re.sub(r"[*_#|]", " ", text)
    text = " ".join(text.split()).strip(" .,:;")
    prev = None
    while prev != text:
        prev = text
        text = _RANKS.sub("", text).strip()
    if not text or len(text.split()) > 6 or any(ch.isdigit() for ch in text):
        return None
    return name_case(text)


def signer_from_lines(authority: list[str], title: str | None, name: str | None) -> dict[str, Any]:
    """Assemble the signer object of the record contract."""
    from vnplan.extract.chuc_vu import normal_authority, normal_title

    cased = normal_title(title_case(title)) if title else None  # a chức vụ OCR garbled: the title it is
    authority = list(authority)
    if authority and cased and not any(AUTHORITY.match(a) for a in authority):
        authority[-1] = lost_prefix(authority[-1], cased) or authority[-1]
    auth = [normal_authority(a) for a in (authority_line(x) for x in authority) if a]
    if not auth and cased and cased.startswith("Phó ") and is_known_title(cased[4:]):
        auth = [f"KT. {cased[4:]}"]  # a deputy signs for the head: the KT. line a seal or OCR lost
    head = auth[-1][4:] if auth and auth[-1].startswith("KT. ") else None
    if head and not is_known_title(head):  # "KT. Trưởng ban Ban Chính sách": the head's title, before its body
        from vnplan.extract.chuc_vu import head_title

        head = head_title(head)
    if head and (cased in (None, head) or _garbled_deputy(cased, head)) and is_known_title(head):
        cased = _DEPUTY.get(head, f"Phó {head}")  # ký thay: a deputy signs for the head (domain.md §1.9)
    return {
        "name": clean_name(name) if name else None,
        "title": cased,
        "authority": auth,
    }


def lost_prefix(head: str, title: str) -> str | None:
    """A head's chức vụ printed above the signer's own, its ``KT.`` or ``TL.`` lost (a seal, OCR), given back.

    The deputy of that head (``PHÓ CHỦ TỊCH`` under ``CHỦ TỊCH``) signs ``KT.``; another chức vụ
    (``CHÁNH VĂN PHÒNG`` under ``CHỦ TỊCH``) signs ``TL.`` for the head.  An agency line or the
    same chức vụ read twice is no lost prefix.

    >>> lost_prefix("CHỦ TỊCH", "Chánh Văn phòng"), lost_prefix("GIÁM ĐỐC", "Phó Giám đốc")
    ('TL. CHỦ TỊCH', 'KT. GIÁM ĐỐC')
    >>> lost_prefix("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Giám đốc"), lost_prefix("HIỆU TRƯỞNG", "Hiệu trưởng")
    (None, None)
    """
    from vnplan.extract.chuc_vu import normal_title

    text = " ".join(head.split())
    cased = normal_title(title_case(text))
    if cased is None or not is_known_title(cased) or not is_known_title(title) or _fold(cased) == _fold(title):
        return None
    deputy = _DEPUTY.get(cased, f"Phó {cased}")
    return f"{'KT' if _fold(title) == _fold(deputy) else 'TL'}. {text}"


def _garbled_deputy(title: str | None, head: str) -> bool:
    """``Eiề Giám đốc`` under ``KT. Giám đốc``: the head's title after one short word OCR misread (the Phó).

    >>> _garbled_deputy("Eiề Giám đốc", "Giám đốc"), _garbled_deputy("Phó Giám đốc", "Giám đốc")
    (True, False)
    """
    if not title or not title.endswith(head) or title == head:
        return False
    lead = title[: -len(head)].split()
    return len(lead) == 1 and len(lead[0]) <= 3 and lead[0].lower() not in ("phó", "q.", "quyền")


def _is_name(line: str) -> bool:
    """A signer's name alone on a line: 2–5 capitalised words, the first a Vietnamese family name."""
    from vnplan.structure.markers import caps_name, is_position, layout_cues

    text = _SIGNED.sub(" ", line)
    text = " ".join(text.split()).strip(" .,")
    text = _RANKS.sub("", text)
    words = text.split()
    if caps_name(text):
        return True
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    if all(w.isupper() for w in words) or is_position(text):
        return False
    return words[0] in layout_cues()["surnames"]


def signature_in_lines(lines: list[str]) -> dict[str, Any] | None:
    """The first signature block among plain closing lines (layout lost): authority prefixes, chức vụ, name.

    Used when the outline found no block (agency lines printed above ``KT.``, a scan's block read out of
    place).  The name is the first line that reads as a person's name (none: the first authority line
    right above a chức vụ gives authority and title); the chức vụ and authority lines
    are the ones right above it, with at most two debris lines between.

    >>> signature_in_lines(["- Lưu: VT, VP.", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Long"])
    {'name': 'Nguyễn Văn Long', 'title': 'Phó Giám đốc', 'authority': ['KT. Giám đốc']}
    >>> signature_in_lines(["- Lưu: VP, TCCB.", "H", "PHÓ GIÁM ĐÔể ớ tự ưu,"])
    {'name': None, 'title': 'Phó Giám đốc', 'authority': ['KT. Giám đốc']}
    """
    from vnplan.structure.markers import is_position

    texts = [" ".join(t.split()) for t in lines]
    k = next((i for i, t in enumerate(texts) if _is_name(t)), None)
    if k is None:  # no name (a digital signature may give it): an authority line right above a chức vụ
        for i in range(len(texts) - 1):
            if AUTHORITY.match(texts[i]) and is_position(texts[i + 1]):
                j = i
                while j > 0 and AUTHORITY.match(texts[j - 1]):
                    j -= 1
                return signer_from_lines(texts[j:i + 1], texts[i + 1], None)
        for i, t in enumerate(texts):  # a chức vụ alone, its last syllable garbled by the seal
            garbled = garbled_position(t)
            if garbled:
                j = i
                while j > 0 and AUTHORITY.match(texts[j - 1]):
                    j -= 1
                return signer_from_lines(texts[j:i], garbled, None)
        return None
    title: str | None = None
    authority: list[str] = []
    skipped = 0
    for t in reversed(texts[:k]):
        if AUTHORITY.match(t):
            authority.insert(0, t)
        elif title is None and not authority and is_position(t):
            title = t
        elif title is not None and not authority and t == title:
            continue  # the same chức vụ read twice (a scan's second pass)
        elif not authority and title is None and skipped < 2 and len(t) <= 12:
            skipped += 1  # a seal's or a signature's debris between chức vụ and name
        else:
            break
    return signer_from_lines(authority, title, texts[k])


def _positions() -> list[str]:
    from vnplan.structure.markers import layout_cue

    cue = layout_cue("garbled_chuc_vu")
    return sorted(cue["positions"], key=len, reverse=True)


def garbled_position(line: str) -> str | None:
    """The chức vụ of a scanned signature line whose last syllable a seal garbled, cased, else None.

    The line opens with a known chức vụ in capitals (``data/layout_cues.json``, ``garbled_chuc_vu``),
    its last word cut to its first capitals (at most two letters lost), then only lower-case debris.

    >>> garbled_position("PHÓ GIÁM ĐÔể ớ tự ưu,"), garbled_position("PHÓ GIÁM ĐỊNH VIÊN")
    ('Phó Giám đốc', None)
    """
    words = " ".join(line.split()).split(" ")
    for pos in _positions():
        want = pos.split()
        got = words[:len(want)]
        if len(got) < len(want) or [_fold(w) for w in got[:-1]] != [_fold(w) for w in want[:-1]] or not all(
                w.isupper() for w in got[:-1]):
            continue
        head = re.match(r"[^\W\d_]*", got[-1]).group()  # the word's leading letters, up to debris
        caps = "".join(ch for ch in head[: next((k for k, ch in enumerate(head) if ch.islower()), len(head))])
        last = want[-1]
        if not _fold(last).startswith(_fold(caps)) or len(last) - len(caps) > 2 or len(caps) < 2:
            continue
        rest = " ".join(words[len(want):])
        if len(caps) < len(last):
            rest = got[-1][len(caps):] + " " + rest
        if re.search(r"[A-ZĐÀ-Ỹ]{2,}", rest):
            continue  # more capitals: an agency or a heading goes on ("TRƯỞNG PHÒNG GIÁO DỤC")
        return title_case(pos)
    return None


def signature_in_closing(text: str) -> dict[str, Any] | None:
    """`signature_in_lines` over a closing's text (from ``Nơi nhận``), up to another document's header.

    >>> signature_in_closing("Nơi nhận:\\n- Lưu: VT.\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nNGUYỄN BỈNH KHIÊM") is None
    True
    """
    from vnplan.structure.markers import MOTTO_NATION, MOTTO_SLOGAN

    lines = text.splitlines()
    head = next((i for i, t in enumerate(lines) if MOTTO_NATION.search(t) or MOTTO_SLOGAN.search(t)), len(lines))
    lines = lines[:head]  # an appended document's header: its lines are not this closing's
    return signature_in_lines(lines[:25]) or signature_in_lines(lines[:60])


def _fold(text: str | None) -> str:
    import unicodedata

    bare = unicodedata.normalize("NFD", (text or "").replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in bare if unicodedata.category(c) != "Mn").lower().split())


def name_at_end(text: str, signer: dict[str, Any]) -> str | None:
    """The name of the same signature block printed again at the end of the document, for a block without one.

    A Thông tư or Quyết định is signed again under the regulation it issues; when the first block lost
    its name (a seal over it), the last block with the same chức vụ or authority gives it.

    >>> name_at_end("… lứa tuổi.\\nKT. BỌ TRƯỞNG\\nTHƯ TRƯỜNG\\n—“—Y\\nNguyễn Hữu Độ",
    ...             {"name": None, "title": "Thứ trưởng", "authority": ["KT. Bộ trưởng"]})
    'Nguyễn Hữu Độ'
    """
    if signer.get("name") or not (signer.get("title") or signer.get("authority")):
        return None
    found = signature_in_lines([" ".join(t.split()) for t in text.splitlines()[-8:]])
    if not found or not found.get("name"):
        return None
    same_title = signer.get("title") and _fold(found.get("title")) == _fold(signer["title"])
    same_authority = signer.get("authority") and [a[:3] for a in found.get("authority") or []] == [
        a[:3] for a in signer["authority"]]
    return found["name"] if same_title or same_authority else None


def complete_name(name: str | None, text: str) -> str | None:
    """A signer's name whose first word(s) OCR dropped, completed from the same name printed whole elsewhere.

    Only a longer name that ends with the same words and opens with a family name counts (a Người ký box,
    the attached document's block, ``đồng chí Nguyễn Hoàng Giang``); a name printed whole stays.

    >>> complete_name("Thị Lê Vân", "Người ký: Hà Thị Lê Vân\\nThị Lê Vân")
    'Hà Thị Lê Vân'
    >>> complete_name("Hoàng Giang", "giao đồng chí Hoàng Giang"), complete_name("Nguyễn Văn An", "Trần Nguyễn Văn An")
    ('Hoàng Giang', 'Nguyễn Văn An')
    """
    from vnplan.structure.markers import layout_cues

    if not name or len(name.split()) > 3:
        return name
    surnames = layout_cues()["surnames"]
    if name.split()[0] in surnames and len(name.split()) >= 3:
        return name
    rx = re.compile(r"(?<![^\W\d_])((?:[A-ZĐÀ-Ỹ][^\W\d_]*[ \t]+){1,2})" + re.escape(name) + r"(?![^\W\d_])")
    found = {" ".join((m.group(1) + name).split()) for m in rx.finditer(text)}
    found = {f for f in found if f.split()[0] in surnames and len(f.split()) <= 5}
    return found.pop() if len(found) == 1 else name
