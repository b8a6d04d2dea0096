"""Plan-body fields: activities, responsibilities, theme, period.

They read the outline's body tree: the activities are the top-level items of
the content section (NỘI DUNG, NHIỆM VỤ, CÁC HOẠT ĐỘNG …), the
responsibilities the agency headings under TỔ CHỨC THỰC HIỆN.

    >>> strip_agency_lead("Đề nghị Công an tỉnh")
    'Công an tỉnh'
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from vnplan import data
from vnplan.normalize.fold import fold_key
from vnplan.structure.markers import is_upper_line
from vnplan.structure.model import Node, Outline, Span

__all__ = ["activities", "agency_key", "content_sections", "continues_content", "is_agency_heading", "is_recipient_line",
           "is_standalone_agency_line", "item_text", "is_regulation", "organisation_section", "responsibilities", "sibling_organisation_sections",
           "run_in_agency", "schedule_deadlines", "standalone_agency", "strip_agency_lead", "theme", "timed_events"]

_LEAD_VERBS = re.compile(r"^(?:(?:Đề nghị|Giao|Mời|Đối với|Yêu cầu|Trách nhiệm của)\s+)+", re.I)
_GROUP_LABEL = re.compile(r"^(?:các\s+)?(?:hoạt động|nhiệm vụ|nội dung|giải pháp|nhóm)\b.{0,60}$", re.I)
# a label that names no activity of its own ("1. Nhiệm vụ chung", "2. Các hoạt động chính"), unlike
# "1. Hoạt động thông tin, tuyên truyền"
_GENERIC_GROUP = re.compile(r"^(?:các\s+|một số\s+)?(?:hoạt động|nhiệm vụ|nội dung|giải pháp|nhóm)(?:\s+(?:chung|cụ thể|chính|"
                            r"phụ trợ|trọng tâm|chủ yếu|khác|hưởng ứng|khác nhau))*\s*$", re.I)
_NOT_ACTIVITY = re.compile(
    r"^(?:chủ đề|thời gian|địa điểm|mục đích|kinh phí|đối tượng|phạm vi|hình thức|phương thức|phương pháp|thành phần)\b"
    r"|^yêu cầu\s*[:.]?\s*$", re.I)
_NOT_AGENCY = re.compile(
    r"^(?:kinh phí|chế độ (?:thông tin|báo cáo)|thông tin,? báo cáo|báo cáo|tổ chức thực hiện|điều khoản|hiệu lực|"
    r"trách nhiệm thi hành|phân công|nguồn kinh phí|chế độ|khen thưởng|tiến độ|lộ trình|thời gian"
    r"|hội (?:thi|nghị|thảo|diễn|giảng|trại|khỏe|khoẻ)\b)\b", re.I)  # an event (Hội thi), not a Hội (association)
_AGENCY_HEAD = re.compile(
    r"^(?:(?:[Cc]ác|[Nn]hững)\s+(?:sở|ban|ngành|cơ quan|đơn vị|phòng|tổ chức|cấp ủy|cấp uỷ|trung tâm|cơ sở|trường|"
    r"địa phương|doanh nghiệp|hội)\b|(?:phòng|sở|ban|trung tâm|chi cục)(?=\s+[A-ZĐ])|(?:(?:[Cc]ác|[Nn]hững)\s+)?(?:Thuế|Chủ dự án|Sở|Ban(?! hành)|Phòng|UBND|Ủy ban|Uỷ ban|Công an|Bộ|Trung tâm|Đài|Báo|Hội|Liên đoàn|Liên hiệp|Đoàn|"
    r"Thành đoàn|Tỉnh đoàn|Huyện đoàn|cơ sở|trường(?! hợp)|Trường(?! hợp)|Văn phòng|Cục|Chi cục|Bảo hiểm|Mặt trận|Ủy ban Mặt trận|"
    r"Đại sứ quán|Tổng công ty|Công ty|Cơ quan|Kho bạc|Ngân hàng|Thanh tra|Bộ Chỉ huy|Bộ đội|Viện|Tòa án|Toà án|Chủ tịch|"
    r"Giám đốc|Thủ trưởng|Hiệu trưởng|Thành phố|Tỉnh|Huyện|Xã|Phường|Đơn vị|Lực lượng|Tổ(?! chức)|Đảng ủy|Đảng uỷ|Huyện ủy|Thành ủy|"
    r"Tỉnh ủy|Doanh nghiệp|Hợp tác xã|Chi nhánh|Điện lực|Cảng vụ|Ban Chỉ đạo|Ban Quản lý|Hội đồng|Văn phòng UBND|Đài Phát thanh))\b",
)


def item_text(node: Node) -> str:
    """An item's full text without its label, joined into one line."""
    heading = node.heading.text if getattr(node, "heading", None) is not None else node.title.text
    own = [s.text for s in node.text]
    if heading != node.title.text and own and heading.endswith(own[0].strip()):
        own = own[1:]  # the heading's tail after ":" was split off into the first paragraph
    parts = [heading] + own
    for child in node.children:
        parts.append(((child.label or "") + " " + item_text(child)).strip())
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _is_group(node: Node, only: bool = False) -> bool:
    """A pure group label (``2. Các hoạt động chính``) whose children are the activities.

    ``only``: the node is the content section's single remaining item, so a
    short paragraph of its own (an introduction) does not stop the descent.
    """
    title = node.title.text.strip().rstrip(":.")
    if len(node.children) < 2 or not _GROUP_LABEL.match(title):
        return False
    if not only and all(c.style in ("dash", "plus") for c in node.children) and node.style in ("arabic", "letter") \
            and not _GENERIC_GROUP.match(title):
        # "1. Hoạt động thông tin, tuyên truyền" then "2. Tổ chức … hoạt động chuyên môn", each over dashes:
        # numbered activities with their details (a single "2. Nội dung hoạt động" over dashes stays a group)
        return False
    return not node.text or only or getattr(node, "role", None) == "activities"


def activities(section: Node | None) -> list[tuple[str, Span]]:
    """Top-level items of the content section, expanding pure group labels."""
    if section is None:
        return []
    out: list[tuple[str, Span]] = []
    items = [c for c in section.children if not _NOT_ACTIVITY.match(c.title.text.strip())]
    for child in items:
        if _is_group(child, only=len(items) == 1):
            out.extend((item_text(g), g.span) for g in child.children)
        else:
            out.append((item_text(child), child.span))
    return [(t, s) for t, s in out if t]


def content_sections(outline: Outline) -> list[Node]:
    """The content section and the sibling sections right after it that hold content too
    (``I. NHIỆM VỤ`` then ``II. GIẢI PHÁP CHỦ YẾU``; ``I. MỘT SỐ NHIỆM VỤ TRỌNG TÂM`` then ``II. CÁC NHIỆM VỤ CỤ THỂ``;
    `continues_content`).

    >>> from vnplan.document import Document
    >>> doc = Document.from_text("KẾ HOẠCH\\nI. NHIỆM VỤ\\n1. Rà soát\\nII. GIẢI PHÁP\\n1. Kiểm tra\\nIII. TỔ CHỨC THỰC HIỆN")
    >>> [n.label for n in content_sections(doc.outline)]
    ['I.', 'II.']
    """
    from vnplan.structure.roles import roles_of

    first = find_section(outline, "activities")
    if first is None:
        return []
    for part in [outline, *outline.attachments]:
        for siblings in [part.body, *(n.children for n in part.walk())]:
            if any(n is first for n in siblings):
                k = next(i for i, n in enumerate(siblings) if n is first)
                out = [first]
                for nxt in siblings[k + 1:]:
                    if nxt.style != first.style or "activities" not in roles_of(nxt.title.text) \
                            or not continues_content(first.title.text, nxt.title.text):
                        break
                    out.append(nxt)
                return out
    return [first]


def issues_regulation(doc_type: str | None, title: str | None) -> bool:
    """A Quy chế / Quy định, or a Quyết định issuing one: rules, not a plan, so no activity list
    (``data/body_cues.json``, ``regulation``).

    >>> issues_regulation("Quyết định", "Ban hành Quy định chức năng, nhiệm vụ, quyền hạn của Phòng Tư pháp")
    True
    >>> issues_regulation("Quyết định", "Về việc ban hành Kế hoạch cải cách hành chính năm 2026")
    False
    """
    from vnplan.structure.markers import body_cue

    cue = body_cue("regulation")
    if doc_type in cue["types"]:
        return True
    return doc_type == "Quyết định" and re.match(cue["pattern"], title or "", re.IGNORECASE) is not None


def headed_content(outline: Outline) -> bool:
    """A letter laid out like a plan: a top-level section the headings table names as content
    (``I. NHIỆM VỤ CHUNG``, ``II. NỘI DUNG``) next to other roman sections, so its items are activities.

    >>> from vnplan.document import Document
    >>> headed_content(Document.from_text("V/v A\\nI. MỤC ĐÍCH\\nB\\nII. NHIỆM VỤ\\n1. Rà soát\\n2. Kiểm tra").outline)
    True
    """
    from vnplan.structure.roles import roles_of

    top = [n for n in outline.body if n.style in ("roman", "part", "alpha")]
    return len(top) >= 2 and any("activities" in roles_of(n.title.text) and len(n.children) >= 2 for n in top)


@lru_cache(maxsize=1)
def _verb_pattern() -> re.Pattern[str]:
    verbs = [line.split("\t", 1)[0] for line in data.text("agency_verbs.tsv").splitlines()
             if line.strip() and not line.startswith("#")]
    alternatives = "|".join(sorted((_verb_words(v) for v in verbs), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _verb_words(verb: str) -> str:
    """A verb of the table as a pattern: its first word lower-case as listed, a later word's initial in either
    case (``có Nhiệm vụ và quyền hạn`` as printed), so a capitalised name is still never cut."""
    first, *rest = verb.split(" ")
    return r"\ ".join([re.escape(first)] + [f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in rest])


def agency_subject(text: str) -> str:
    """The agency a task heading names: the words before its first verb (table ``agency_verbs.tsv``).

    >>> agency_subject("Sở Khoa học và Công nghệ theo dõi, đôn đốc các Sở")
    'Sở Khoa học và Công nghệ'
    """
    text = " ".join(text.split())
    for m in _verb_pattern().finditer(text):
        before = text[:m.start()]
        words = before.split()
        if m.group(0) in _ALSO_NOUNS and re.search(r"(?:,|\b(?:và|các|những|[Bb]an))\s*$", before):
            continue  # "Các cơ quan, tổ chức, cá nhân", "Liên hiệp các tổ chức": a noun, not the verb
        if (len(words) >= 2 or _ABBREVIATION.match(before)) and before.count("(") == before.count(")"):
            return before.strip(" ,;:.-–")
    return text


_ALSO_NOUNS = {"tổ chức"}  # verbs of agency_verbs.tsv that are nouns in a list of bodies
_ABBREVIATION = re.compile(r"^\s*[A-ZĐ]{2,}[A-ZĐ&]*\s*$")  # "GVCN tuyên truyền …": a one-word subject in capitals


def _name_list(after: str) -> bool:
    """``Ba Đình, Hoàn Kiếm, Cửa Nam`` after a colon: names, not a task."""
    after = after.strip()
    return bool(after) and len(after) <= 120 and after[:1].isupper() and not _verb_pattern().search(after) \
        and all(w[:1].isupper() or w in _LIST_WORDS or w[:1].isdigit() for w in re.split(r"[\s,]+", after) if w)


_LIST_WORDS = {"và", "–", "-", "xã", "phường", "tỉnh", "huyện", "quận", "thị", "trấn", "thành", "phố", "đặc", "khu"}


def strip_agency_lead(text: str) -> str:
    """Drop a leading verb of an agency heading and its trailing task text."""
    text = " ".join(text.split()).strip(" .;")
    text = _LEAD_VERBS.sub("", text)
    if ":" in text:
        head, after = text.split(":", 1)
        text = f"{head}: {after.strip()}" if _name_list(after) else head
    return agency_subject(text).strip(" .;,")


def is_agency_heading(title: str) -> bool:
    """Whether a heading under TỔ CHỨC THỰC HIỆN names an agency (not budget, reporting …).

    After a lead (``Trách nhiệm của``, ``Đề nghị``) the agency may be printed in lower case.

    >>> is_agency_heading("Trách nhiệm của thủ trưởng cơ quan"), is_agency_heading("Kinh phí thực hiện")
    (True, False)
    """
    head = strip_agency_lead(title)
    if is_upper_line(head, 0.9) and not _ABBREVIATION.match(head):  # "ĐỐI VỚI CÁC TRƯỜNG PHỔ THÔNG": read in sentence case
        head = head[:1] + head[1:].lower()
    elif head and _LEAD_VERBS.match(" ".join(title.split()).strip(" .;")):
        head = head[:1].upper() + head[1:]
    if not head or _NOT_AGENCY.match(head) or _NOT_AGENCY.match(_LEAD_VERBS.sub("", title.strip())):
        return False
    return bool(_AGENCY_HEAD.match(head) or _extra_heads().match(head)) and len(head.split()) <= 40


@lru_cache(maxsize=1)
def _extra_heads() -> re.Pattern[str]:
    """Agency head words of ``data/agency_heads.tsv`` (Bưu điện, Trưởng phòng …)."""
    heads = [line.split("\t", 1)[0] for line in data.text("agency_heads.tsv").splitlines()
             if line.strip() and not line.startswith("#")]
    alternatives = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    return re.compile(r"^(?:(?:[Cc]ác|[Nn]hững|[Tt]ất cả)\s+)?(?:" + alternatives + r")(?![\w])")


@lru_cache(maxsize=1)
def _recipient_tag() -> re.Pattern[str]:
    from vnplan.structure.markers import body_cue

    cue = body_cue("recipient_line")
    return re.compile(cue["pattern"])


def is_recipient_line(line: str) -> bool:
    """A Nơi nhận entry with its purpose tag (``data/body_cues.json``, ``recipient_line``).

    >>> is_recipient_line("- Bộ Công an (để p/h);"), is_recipient_line("1. Sở Y tế")
    (True, False)
    """
    return bool(_recipient_tag().search(line))


def _tasks(node: Node) -> list[str]:
    tasks = [" ".join(s.text.split()) for s in node.text]
    title = node.title.text
    if ":" in title and len(title.split(":", 1)[1].strip()) > 3:
        tasks.insert(0, title.split(":", 1)[1].strip())
    tasks.extend(item_text(c) for c in node.children)
    return [t for t in tasks if t]


def standalone_agency(node: Node) -> bool:
    """A heading printed alone on its line that is only an agency name (``1. Chi cục Thủy lợi``,
    ``5. Chủ dự án thành phần:``), not a task sentence that opens with one
    (``4. Phòng GDĐT phối hợp với trường …``, ``a) Các Bộ: khẩn trương …``).
    Examples: ``data/body_cues.json`` (``standalone_agency``).

    >>> from vnplan.structure import segment
    >>> body = segment("V/v A\\n1. Chi cục Thủy lợi\\nRà soát hồ chứa.\\n2. Phòng GDĐT phối hợp với trường").body
    >>> [standalone_agency(n) for n in body if n.label]
    [True, False]
    """
    whole = (node.heading or node.title).text.strip(" .:;")
    if whole != node.title.text.strip(" .:;"):
        return False  # a task follows the colon on the heading's own line
    head = _LEAD_VERBS.sub("", whole)
    # a heading naming several agencies (``các trường …; các trung tâm …; Trung tâm …``) is long by its list:
    # each agency of it must be short
    if not is_agency_heading(whole) or max(len(part.split()) for part in head.split(";")) > 25:
        return False
    # the heading is the agency, or it stands over its own task items (``3. Đơn vị thực hiện nhiệm vụ
    # bồi dưỡng`` over ``a) Cung cấp tài liệu …``, ``b) Tổ chức quản lý …``): the agency as printed
    return agency_subject(head) == head or sum(1 for c in node.children if c.style == "letter") >= 2


@lru_cache(maxsize=1)
def _assigned_cue() -> re.Pattern[str]:
    from vnplan.structure.markers import body_cue

    return re.compile(body_cue("assigned_item")["pattern"])


_FOCAL = re.compile(r"\s+(?:làm|là)\s+(?:đầu\s+mối|cơ\s+quan\s+thường\s+trực)\b")


def assigned_agency(line: str) -> str | None:
    """The agency a dash item assigns a task to with ``Giao`` (``data/body_cues.json``, ``assigned_item``).

    >>> assigned_agency("- Giao Thanh tra Sở làm đầu mối tổng hợp các nội dung kiến nghị của công dân")
    'Thanh tra Sở'
    >>> assigned_agency("- Giao nhiệm vụ cho các tổ chuyên môn") is None
    True
    """
    m = _assigned_cue().match(" ".join(line.split()))
    if not m:
        return None
    rest = m.group("rest")
    agency = _FOCAL.split(agency_subject(rest), maxsplit=1)[0].strip(" ,;:.")
    if agency == rest.strip(" ,;:.") or not is_agency_heading(agency):
        return None  # "Giao Sở Y tế" with no task, "Giao nhiệm vụ cho …": no agency given a task here
    return agency


def is_standalone_agency_line(line: str) -> bool:
    """`standalone_agency` for one printed heading line.

    >>> is_standalone_agency_line("1. Chi cục Thủy lợi"), is_standalone_agency_line("a) Các Bộ: khẩn trương triển khai")
    (True, False)
    """
    from vnplan.structure.body import build_tree
    from vnplan.structure.lines import logical_lines

    tree = build_tree(logical_lines(line))
    return bool(tree) and tree[0].label is not None and standalone_agency(tree[0])


_HEAD_LEAD = re.compile(r"^(?:CÁC|MỘT SỐ|NHỮNG)\s+")


@lru_cache(maxsize=1)
def _content_pairs() -> frozenset[tuple[str, str]]:
    from vnplan.structure.markers import body_cue

    cue = body_cue("content_continues")
    return frozenset((a, b) for a, b in cue["pairs"])


def continues_content(first: str, nxt: str) -> bool:
    """Whether heading ``nxt`` goes on with the content section headed ``first`` (``data/body_cues.json``).

    >>> continues_content("I. NHIỆM VỤ", "II. GIẢI PHÁP CHỦ YẾU"), continues_content("III. NỘI DUNG", "IV. GIẢI PHÁP")
    (True, False)
    """
    from vnplan.structure.markers import label_of
    from vnplan.structure.roles import _key

    def family(title: str) -> str:
        lab = label_of(title)
        key = _key(title[lab.end:] if lab else title)
        bare = _HEAD_LEAD.sub("", key)
        for a, b in _content_pairs():
            for word in (a, b):
                if bare == word or bare.startswith(word + " "):
                    return word
        return bare

    return (family(first), family(nxt)) in _content_pairs()


def _agency_group(node: Node) -> bool:
    """``1. Trách nhiệm của các Bộ, ngành`` over ``a) Bộ Xây dựng:``, ``b) Bộ Tài chính:``: the agencies are below."""
    return sum(1 for c in node.children if c.style not in ("dash", "plus") and standalone_agency(c)) >= 2


def responsibilities(section: Node | None, fallback: list[Node] | None = None) -> list[dict[str, Any]]:
    """One entry per distinct agency heading under the organisation section.

    Without such a section (a công văn, a decision), the numbered items of
    ``fallback`` that are agency headings standing alone on their line are used
    (`standalone_agency`): a letter's numbered task sentences name no heading.
    A section that only the learned model names (`vnplan.structure.section_model`) is read the same way.
    """
    from vnplan.structure.roles import roles_of

    # a section only the learned model calls organisation ("IV. TỔ CHỨC HỘI THI …") is read like a letter
    standalone_only = section is None or "organisation" not in roles_of(section.title.text)
    if section is None:
        if not fallback:
            return []
        section = Node(label=None, style="root", title=Span(0, 0, ""), span=Span(0, 0, ""),
                       children=[n for n in fallback if n.style not in ("dash", "plus")])
    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}

    def visit(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            title = node.heading.text if getattr(node, "heading", None) is not None else node.title.text
            if standalone_only and node.style in ("dash", "plus"):
                assigned = assigned_agency(title)  # "- Giao Thanh tra Sở làm đầu mối …" (body_cues.json)
                if assigned and agency_key(assigned) not in seen:
                    seen[agency_key(assigned)] = entry = {"agency": assigned, "tasks": [item_text(node)],
                                                        "span": [node.span.start, node.span.end]}
                    out.append(entry)
                continue  # without a TỔ CHỨC THỰC HIỆN part only numbered items can be agency headings
            duty = _article_duty(node) if standalone_only and node.style == "article" else None
            if duty and agency_key(duty) not in seen:
                seen[agency_key(duty)] = entry = {"agency": duty, "tasks": _tasks(node),
                                                "span": [node.span.start, node.span.end]}
                out.append(entry)
                continue
            if standalone_only and node.style == "article" or is_recipient_line(title):
                # an article of a decision: its items may name agencies (a Nơi nhận entry the closing missed: skipped)
                if node.style == "article" and node.children:
                    visit(node.children, depth)
                continue
            if is_agency_heading(title) and (not standalone_only or standalone_agency(node)) \
                    and not _agency_group(node) and not (not standalone_only and _run_in_group(node)):
                tasks = _tasks(node)
                role = "lead" if re.search(r"\bchủ trì\b", " ".join(tasks[:2]), re.I) else None
                agency = strip_agency_lead(title)
                printed = _LEAD_VERBS.sub("", " ".join(title.split()).strip(" .;:"))
                if standalone_only and agency_subject(printed) != printed:
                    agency = printed  # a heading over its own task items: the agency as printed
                key = agency_key(agency)
                if key in seen:
                    seen[key]["tasks"].extend(tasks)
                    continue
                entry: dict[str, Any] = {"agency": agency, "tasks": tasks, "span": [node.span.start, node.span.end]}
                if role:
                    entry["role"] = role
                seen[key] = entry
                out.append(entry)
                for para in node.text:
                    run_in(para)
            elif depth < 2 and node.children:
                visit(node.children, depth + 1)
            elif not standalone_only:
                pending.extend(node.text)

    def run_in(para: Span) -> None:
        """``Văn phòng Sở phối hợp với … thực hiện các nhiệm vụ sau:`` over a dash list: one more agency."""
        text = " ".join(para.text.split())
        if standalone_only or not text.endswith(":") or len(text) > 200:
            return
        agency = strip_agency_lead(text.rstrip(":"))
        if agency != text.rstrip(":").strip(" .;,") and is_agency_heading(agency) and agency_key(agency) not in seen:
            seen[agency_key(agency)] = entry = {"agency": agency, "tasks": [], "span": [para.start, para.end]}
            out.append(entry)

    pending: list[Span] = [] if standalone_only else list(section.text)
    visit(section.children, 0)
    if not standalone_only and (not out or any(_run_in_group(n) for n in section.children)):
        # run-in headings in paragraphs ("Ban Lãnh đạo trường: chỉ đạo …", "Lãnh đạo các tổ bộ môn có
        # trách nhiệm …") when no heading names an agency, or under a heading that groups them
        paras = pending + [p for n in section.children if _run_in_group(n) for p in n.text]
        for para in paras:
            agency = run_in_agency(para.text)
            if agency and agency_key(agency) not in seen:
                seen[agency_key(agency)] = entry = {"agency": agency, "tasks": [" ".join(para.text.split())],
                                                  "span": [para.start, para.end]}
                out.append(entry)
    return out


_DUTY_ARTICLE = re.compile(r"^(?:nhiệm vụ|trách nhiệm)(?:,?\s+(?:và\s+)?quyền hạn)?\s+của\s+(?P<a>.{3,120}?)[\s.:;]*$", re.I)


def _article_duty(node: Node) -> str | None:
    """The agency a decision's article titled with its duties names, without a TỔ CHỨC THỰC HIỆN part
    (``Điều 2. Nhiệm vụ của Đoàn Kiểm tra``); the execution clause (``… chịu trách nhiệm thi hành …``) is not one.

    >>> from vnplan.structure import segment
    >>> body = segment("QUYẾT ĐỊNH\\nĐiều 2. Nhiệm vụ của Đoàn Kiểm tra\\n- Kiểm tra hồ sơ.\\n"
    ...                "Điều 3. Văn phòng Sở chịu trách nhiệm thi hành Quyết định này").body
    >>> [_article_duty(n) for n in body if n.style == "article"]
    ['Đoàn Kiểm tra', None]
    """
    title = " ".join(node.title.text.split())
    m = _DUTY_ARTICLE.match(title)
    if m:
        agency = m.group("a")
        return agency if is_agency_heading("Trách nhiệm của " + agency) else None
    return None  # "Điều 2. Hiệu trưởng … có trách nhiệm tổ chức …" is a condition of the decision, not a task list


def agency_key(agency: str) -> str:
    """One key for the ways a plan names the same agency again: abbreviations expanded, case folded, a leading
    ``Các`` / ``Những`` dropped (``Phòng GD&ĐT`` under one task, ``Các phòng Giáo dục và Đào tạo`` under another).

    >>> agency_key("Phòng GD&ĐT") == agency_key("Các phòng Giáo dục và Đào tạo")
    True
    """
    from vnplan.extract.agencies import canonical_agency

    return re.sub(r"^(?:các|những)\s+", "", canonical_agency(agency))


def run_in_agency(paragraph: str) -> str | None:
    """The agency a paragraph opens with as a run-in heading, or None.

    >>> run_in_agency("Ban Lãnh đạo trường: chỉ đạo, kiểm tra việc thực hiện Quy chế.")
    'Ban Lãnh đạo trường'
    >>> run_in_agency("Lãnh đạo các tổ bộ môn có trách nhiệm phổ biến Quy chế"), run_in_agency("Trên đây là kế hoạch")
    ('Lãnh đạo các tổ bộ môn', None)
    """
    text = " ".join(paragraph.split()).lstrip("-+• ")
    agency = strip_agency_lead(text)
    if agency == text.strip(" .;,") or len(agency.split()) > 15 or not is_agency_heading(agency):
        return None
    return agency


def _run_in_group(node: Node) -> bool:
    """A heading over paragraphs that each open with an agency (``Điều 17. Trách nhiệm của đơn vị``)."""
    return not node.children and sum(1 for p in node.text if run_in_agency(p.text)) >= 2


_LEAD_COLUMN = re.compile(r"\bchủ\s*trì\b", re.I)


def table_leads(tables: list[Any]) -> list[dict[str, Any]]:
    """Each distinct lead agency of a task table (the column headed ``… chủ trì …``).

    Only rows as wide as the header row are read (a crawl's drifted rows are skipped).
    """
    out: list[dict[str, Any]] = []
    for table in tables:
        header_at = next((i for i, row in enumerate(table.rows[:3])
                          if sum(1 for c in row if c.text.strip()) >= 3
                          and any(_LEAD_COLUMN.search(c.text) for c in row)), None)
        if header_at is None:
            continue
        header = table.rows[header_at]
        col = next(i for i, c in enumerate(header) if _LEAD_COLUMN.search(c.text))
        for row in table.rows[header_at + 1:]:
            if len(row) != len(header):
                continue
            cell = row[col]
            agency = " ".join(cell.text.split()).strip(" .;-")
            if agency and is_agency_heading(agency):
                task = " ".join(row[1].text.split()) if col > 1 else ""
                out.append({"agency": agency, "tasks": [task] if task else [], "span": [cell.start, cell.end],
                            "role": "lead", "source": "table"})
    return out


_TIME_COLUMN = re.compile(r"^\s*(?:thời gian|ngày|thời hạn hoàn thành|hạn hoàn thành)\b", re.I)
_DATE_CELL = re.compile(r"^\s*(?:ngày\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\s*$", re.I)


def table_range_end(cell: str) -> date | None:
    """The end of a closed date range that fills a schedule table's time cell (``data/body_cues.json``,
    ``schedule_table_range``): the step's deadline.

    >>> table_range_end("Từ 04/01/2016 đến 29/01/2016")
    datetime.date(2016, 1, 29)
    >>> table_range_end("Trước ngày 30/11/2025") is None
    True
    """
    from vnplan.extract.dates import find_ranges

    text = " ".join(cell.split()).strip(" .;")
    got = find_ranges(text)
    if len(got) != 1 or got[0].end_date is None or got[0].start > 3 or got[0].end < len(text):
        return None
    return got[0].end_date


def _cell_date(cell: str) -> date | None:
    """The date of a schedule table's time cell: one date alone, or the end of a range alone."""
    m = _DATE_CELL.match(cell)
    if not m:
        return table_range_end(cell)
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def table_milestones(tables: list[Any]) -> list[dict[str, Any]]:
    """Dated milestones of a schedule table: a cell holding one date, or one closed range (its end), under a
    column headed ``Thời gian …``.

    A cell with more than a date (``Trước ngày 30/11/2025``, ``Quý IV/2025``) is left to the text scan.
    """
    out: list[dict[str, Any]] = []
    for table in tables:
        header_at = next((i for i, row in enumerate(table.rows[:3]) if sum(1 for c in row if c.text.strip()) >= 3
                          and any(_TIME_COLUMN.match(c.text) for c in row)), None)
        if header_at is None:
            continue
        header = table.rows[header_at]
        cols = [i for i, c in enumerate(header) if _TIME_COLUMN.match(c.text)]
        for row in table.rows[header_at + 1:]:
            if len(row) != len(header):
                continue
            for col in cols:
                when = _cell_date(row[col].text)
                if when is None:
                    continue
                subject = " ".join(row[1].text.split()) if len(row) > 2 else ""
                text = f"{subject} - {' '.join(header[col].text.split())}: {row[col].text.strip()}".strip(" -")
                out.append({"date": when.isoformat(), "text": text, "span": [row[col].start, row[col].end]})
    return out


@lru_cache(maxsize=1)
def _schedule_cue() -> tuple[list[re.Pattern[str]], re.Pattern[str]]:
    from vnplan.structure.markers import body_cue

    cue = body_cue("schedule_deadline")
    return [re.compile(p) for p in cue["patterns"]], re.compile(cue["range_line"], re.MULTILINE)


def schedule_deadlines(text: str, year: int | None = None) -> list[tuple[str, str, int, int]]:
    """Dated steps of a schedule (``data/body_cues.json``, ``schedule_deadline``): ``(date, line, start, end)``.

    >>> [d[0] for d in schedule_deadlines("- Nhận bài đến hết ngày 05/11/2024.\\n- Chấm thi dự kiến ngày 19/11/2024.")]
    ['2024-11-05', '2024-11-19']
    >>> schedule_deadlines("Thời gian thực hiện: từ ngày 01/10/2024 đến ngày 07/10/2024.")
    []
    """
    from vnplan.extract.dates import find_dates, find_ranges, sentence_span

    patterns, range_line = _schedule_cue()
    ranges = [(r.start, r.end) for r in find_ranges(text, year)]
    out: list[tuple[str, str, int, int]] = []
    for rx in patterns:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in ranges):
                continue  # "từ ngày … đến hết ngày …": a period, not a deadline
            dates = [d for d in find_dates(text[m.end():m.end() + 40], year) if d.start == 0]
            if dates:
                s, e = sentence_span(text, m.start(), m.end())
                out.append((dates[0].date.isoformat(), " ".join(text[s:e].split()), m.end(), m.end() + dates[0].end))
    for m in range_line.finditer(text):
        line_end = text.find("\n", m.end())
        line = text[m.end():line_end if line_end >= 0 else len(text)]
        got = find_ranges(line, year)
        if got and got[0].start == 0 and got[0].end_date is not None and line[got[0].end:].lstrip().startswith(":"):
            out.append((got[0].end_date.isoformat(), " ".join(line.split()), m.end(), m.end() + len(line)))
    return out


def has_schedule_deadline(line: str) -> bool:
    """Whether a line states a dated schedule step (the cue's examples and counter-examples)."""
    return bool(schedule_deadlines(line, 2024))


@lru_cache(maxsize=1)
def _timed_cue() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from vnplan.structure.markers import body_cue

    cue = body_cue("timed_event")
    return re.compile(cue["pattern"], re.IGNORECASE), re.compile(cue["not_after"], re.IGNORECASE)


def timed_events(text: str, year: int | None = None, issued: date | None = None
                 ) -> list[tuple[str, str, int, int]]:
    """Dated events given with a clock time (``data/body_cues.json``, ``timed_event``): ``(date, clause, start, end)``.

    A day before ``issued`` (or before ``year`` when the issue date is unknown) is an event told, not a milestone.

    >>> [d[0] for d in timed_events("- Hội nghị chính thức: 14h00 ngày 27/10/2021.", 2021, date(2021, 10, 22))]
    ['2021-10-27']
    >>> timed_events("Hồi 14h00 ngày 10/3/2021, tại xã A đã xảy ra vụ cháy.", 2021, date(2021, 10, 22))
    []
    """
    from vnplan.extract.dates import find_dates, sentence_span

    pattern, not_after = _timed_cue()
    out: list[tuple[str, str, int, int]] = []
    for m in pattern.finditer(text):
        if not_after.search(text[max(0, m.start() - 30):m.start()]):
            continue  # "tính đến thời điểm 12h00 ngày 19/9/2021": a reckoning point, not an event
        at = m.start() + m.group(0).lower().rfind("ngày")  # the day from its "ngày" ("8h ngày 19 tháng 11 năm 2025")
        dates = [d for d in find_dates(text[at:at + 45], year) if d.start <= m.end() - at]
        if not dates:
            continue
        when = dates[0].date
        if (when < issued) if issued is not None else (year is not None and when.year < year):
            continue
        s, e = sentence_span(text, m.start(), m.end())
        out.append((when.isoformat(), " ".join(text[s:e].split()), m.end(), at + dates[0].end))
    return out


def has_timed_event(line: str) -> bool:
    """Whether a line gives a dated event with its clock time (the cue's examples and counter-examples)."""
    return bool(timed_events(line, 2024, date(2024, 6, 1)))


def merge_agencies(*lists: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per distinct agency (folded name), tasks merged, first seen first."""
    seen: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for entries in lists:
        for entry in entries:
            key = agency_key(entry["agency"])
            if key in seen:
                seen[key]["tasks"].extend(entry.get("tasks", []))
                continue
            seen[key] = {**entry, "tasks": list(entry.get("tasks", []))}
            out.append(seen[key])
    return out


_THEME = re.compile(r"\bchủ đề\b[^“\"\n]{0,80}?[:là]?\s*[“\"](?P<theme>[^”\"\n]{3,300})[”\"]", re.I)


def theme(text: str, section: Node | None = None, base: int = 0) -> tuple[str, int, int] | None:
    """The plan's chủ đề and its span: the quoted text after ``Chủ đề …:`` (first in the theme section).

    ``text`` starts at offset ``base`` of the document; spans are document offsets.

    >>> theme('II. CHỦ ĐỀ\\nChủ đề của Tuần lễ: “Học để phát triển bản thân”.')[0]
    'Học để phát triển bản thân'
    """
    if section is not None:
        scope = section.span
        m = _THEME.search(scope.text) or re.search(r"[“\"](?P<theme>[^”\"\n]{3,300})[”\"]", scope.text)
        if m:
            s = scope.start + m.start("theme")
            return m.group("theme").strip(" .*"), s, s + len(m.group("theme"))
    m = _THEME.search(text)
    if m:
        return m.group("theme").strip(" .*"), base + m.start("theme"), base + m.end("theme")
    return None


def organisation_section(outline: Outline) -> Node | None:
    """The TỔ CHỨC THỰC HIỆN part of a plan.

    In a regulation (a Quy chế / Quy định of chapters and articles), a chapter named ``TRÁCH NHIỆM CỦA …``
    (``TRÁCH NHIỆM CỦA THÍ SINH``) and the articles in it are part of the rules themselves, not the
    part that assigns the duties (record.md, Responsibilities).

    >>> from vnplan.document import Document
    >>> doc = Document.from_text("QUY CHẾ\\nChương I\\nTRÁCH NHIỆM CỦA THÍ SINH\\nĐiều 1. Thí sinh\\nChương II\\n"
    ...                          "TỔ CHỨC THỰC HIỆN\\nĐiều 2. Trách nhiệm của thủ trưởng cơ quan")
    >>> organisation_section(doc.outline).label
    'Chương II'
    """
    from vnplan.structure.roles import find_sections

    found = find_section(outline, "organisation")
    if found is None or not is_regulation(outline):
        return found
    rules = {id(d) for part in [outline, *outline.attachments] for n in part.walk()
             if n.style in ("part", "chapter", "section") and _DUTY_OF.match(n.title.text.strip()) for d in n.walk()}
    return next((n for n in find_sections(outline, "organisation") if id(n) not in rules), None)


_DUTY_OF = re.compile(r"^trách\s+nhiệm\s+của\b", re.I)


def sibling_organisation_sections(outline: Outline, section: Node | None) -> list[Node]:
    """Later sections beside ``section`` that the headings table also names organisation: a Chỉ thị's
    ``2. Trách nhiệm cụ thể`` goes on in ``3. Tổ chức thực hiện`` (``b) Đề nghị Tòa án nhân dân tỉnh``).

    >>> from vnplan.document import Document
    >>> doc = Document.from_text("CHỈ THỊ\\n1. Trách nhiệm cụ thể\\na) Sở Tư pháp:\\n- Chủ trì.\\n"
    ...                          "2. Tổ chức thực hiện\\na) Đề nghị Tòa án nhân dân tỉnh:\\n- Phối hợp.")
    >>> [n.label for n in sibling_organisation_sections(doc.outline, organisation_section(doc.outline))]
    ['2.']
    """
    from vnplan.structure.roles import roles_of

    if section is None or "organisation" not in roles_of(section.title.text):
        return []
    for part in [outline, *outline.attachments]:
        for siblings in [part.body, *(n.children for n in part.walk() if n.children)]:
            if any(n is section for n in siblings):
                after = siblings[[id(n) for n in siblings].index(id(section)) + 1:]
                return [n for n in after if n.style == section.style and "organisation" in roles_of(n.title.text)]
    return []


def is_regulation(outline: Outline) -> bool:
    """Chapters and articles (``Chương I`` … ``Điều 1.``): the rules of a Quy chế / Quy định.

    >>> from vnplan.document import Document
    >>> is_regulation(Document.from_text("QUY CHẾ\\nChương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi").outline)
    True
    """
    styles = {n.style for part in [outline, *outline.attachments] for n in part.walk()}
    return "article" in styles and ("chapter" in styles or "section" in styles)


def find_section(outline: Outline, role: str) -> Node | None:
    """The body node whose heading has ``role`` (delegates to the structure layer)."""
    from vnplan.structure import segment as _segment_module  # noqa: F401

    try:
        from vnplan.structure.roles import find_section as _find
    except ImportError:  # pragma: no cover - structure layer without roles
        return None
    return _find(outline, role)
