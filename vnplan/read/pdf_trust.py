"""Whether to trust a PDF page's text layer or OCR its image: a cheap decision per page.

Scans often carry a text layer that is not the document: an OCR layer without
diacritics drawn invisibly (render mode 3: ``KE HOACH``, ``S6://6-0 /KH- UBND``), or
only the digital-signature box printed over the page image (``Người ký: …``).
`decide` weighs what the page already gives for free (image coverage, invisible
text objects, the share of Vietnamese letters, signature-box lines, lines the layer
carries twice) against the reviewed thresholds of ``vnplan/data/page_trust.json`` and says
``"text"`` or ``"ocr"`` with its reasons, which become record warnings.

    >>> decide(PageEvidence(letters=1800, vietnamese_share=0.0, image_share=1.0, invisible_share=1.0, box_letters=0))
    PageDecision(source='ocr', reasons=('invisible text layer (render mode 3) over a page image', 'the layer has almost no Vietnamese diacritics (0%)'))
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from vnplan.data import load_json
from vnplan.read.signature import is_mark

__all__ = ["PageDecision", "PageEvidence", "decide", "duplicated_share", "evidence", "signature_box_lines",
           "thresholds"]


@cache
def thresholds() -> dict[str, dict[str, object]]:
    """The reviewed signal thresholds of ``vnplan/data/page_trust.json``, by signal name.

    >>> thresholds()["vietnamese_share"]["value"]
    0.08
    """
    return {row["name"]: row for row in load_json("page_trust.json")["signals"]}


def _value(name: str) -> float:
    return float(thresholds()[name]["value"])  # type: ignore[arg-type]


_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@dataclass(frozen=True)
class PageEvidence:
    """What a page's objects and text layer show (all cheap to measure)."""

    letters: int
    vietnamese_share: float  # share of letters only Vietnamese uses (ă â đ ê ô ơ ư, toned vowels)
    image_share: float  # page area covered by image objects
    invisible_share: float  # share of text objects drawn invisibly (render mode 3)
    box_letters: int  # letters in digital-signature box lines
    duplicated_share: float = 0.0  # share of the layer's long lines found twice or more on the page


@dataclass(frozen=True)
class PageDecision:
    """``source`` is ``"text"`` (use the layer) or ``"ocr"`` (read the page image)."""

    source: str
    reasons: tuple[str, ...] = ()

    def warning(self, page: int) -> str:
        """The record warning for this decision (empty for a plain born-digital page).

        >>> PageDecision("ocr", ("only a signature box",)).warning(2)
        'page 2: text layer not used, page read by OCR: only a signature box'
        """
        if not self.reasons:
            return ""
        verb = "text layer not used, page read by OCR" if self.source == "ocr" else "text layer used"
        return f"page {page}: {verb}: " + "; ".join(self.reasons)


def signature_box_lines(text: str) -> list[str]:
    """The lines of ``text`` that belong to a digital-signature box (labels, their wrapped values, times).

    >>> signature_box_lines("Người ký: Sở Giáo dục\\nvà Đào tạo\\nEmail:\\nsogddt@angiang.gov.vn\\nKẾ HOẠCH")
    ['Người ký: Sở Giáo dục', 'và Đào tạo', 'Email:', 'sogddt@angiang.gov.vn']
    """
    out: list[str] = []
    in_box = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_mark("box", line) or is_mark("time", line):
            in_box = True
            out.append(line)
        elif in_box and len(line) <= 40 and not line.isupper():
            out.append(line)  # the wrapped value of the label above
        else:
            in_box = False
    return out


def duplicated_share(text: str) -> float:
    """Share of the long lines of ``text`` that occur more than once (0.0 when too few lines to tell).

    A scan OCR'd twice carries its text in two stacked layers, and every line comes twice.

    >>> lines = ["Kế hoạch tổ chức Tuần lễ học tập", "Thực hiện Công văn số 1234/SGDĐT",
    ...          "Ủy ban nhân dân huyện Bảo Thắng", "Phòng Giáo dục và Đào tạo huyện"]
    >>> duplicated_share("\\n".join(lines + lines))
    1.0
    >>> duplicated_share("\\n".join(lines))
    0.0
    """
    row = thresholds()["duplicated_share"]
    min_letters, min_lines = int(row["min_line_letters"]), int(row["min_lines"])  # type: ignore[call-overload]
    keys = ["".join(line.split()).lower() for line in text.splitlines()]
    keys = [k for k in keys if sum(map(str.isalpha, k)) >= min_letters]
    if len(keys) < min_lines:
        return 0.0
    seen = Counter(keys)
    return sum(1 for k in keys if seen[k] > 1) / len(keys)


def evidence(text: str, image_share: float, text_objects: int, invisible_objects: int) -> PageEvidence:
    """Measure a page from its layer text and object counts.

    >>> evidence("Người ký: Sở Giáo dục và Đào tạo\\nThời gian ký: 08.11.2019 14:45:19 +07:00", 1.0, 2, 0).box_letters > 0
    True
    """
    low = text.lower()
    letters = sum(map(str.isalpha, low))
    share = sum(map(_VIETNAMESE.__contains__, low)) / letters if letters else 0.0
    box = sum(1 for ln in signature_box_lines(text) for c in ln if c.isalpha())
    invisible = invisible_objects / text_objects if text_objects else 0.0
    return PageEvidence(letters, round(share, 3), round(image_share, 3), round(invisible, 3), box,
                        round(duplicated_share(text), 3))


def decide(ev: PageEvidence) -> PageDecision:
    """Use the text layer, or OCR the page image; with the reasons.

    Only a page mostly covered by images can be OCR'd instead: a born-digital
    page always keeps its layer (and never pays for OCR).

    >>> decide(PageEvidence(letters=2000, vietnamese_share=0.27, image_share=0.0, invisible_share=0.0, box_letters=0))
    PageDecision(source='text', reasons=())
    >>> decide(PageEvidence(letters=60, vietnamese_share=0.2, image_share=1.0, invisible_share=0.0, box_letters=55)).source
    'ocr'
    """
    if ev.image_share < _value("scan_image_share"):
        return PageDecision("text")
    reasons: list[str] = []
    if ev.invisible_share >= _value("invisible_share"):
        reasons.append("invisible text layer (render mode 3) over a page image")
    if ev.box_letters and ev.letters - ev.box_letters < _value("own_letters"):
        return PageDecision("ocr", ("the text layer holds only the digital-signature box over a page image",))
    if ev.duplicated_share >= _value("duplicated_share"):
        reasons.append(f"the layer repeats itself ({ev.duplicated_share:.0%} of its lines twice): "
                       "text layers stacked over a page image")
        return PageDecision("ocr", tuple(reasons))
    if ev.letters >= _value("min_letters") and ev.vietnamese_share < _value("vietnamese_share"):
        reasons.append(f"the layer has almost no Vietnamese diacritics ({ev.vietnamese_share:.0%})")
        return PageDecision("ocr", tuple(reasons))
    if ev.letters < _value("min_letters"):
        return PageDecision("ocr", (*reasons, f"only {ev.letters} letters over a page image"))
    if reasons:  # a good invisible OCR layer: use it (cheaper than OCR, and as good)
        reasons.append(f"Vietnamese diacritics present ({ev.vietnamese_share:.0%}): layer trusted")
    return PageDecision("text", tuple(reasons))
