"""Whether to trust a PDF page's text layer or OCR its image: a cheap decision per page.

Scans often carry a text layer that is not the document: an OCR layer without
diacritics drawn invisibly (render mode 3: ``KE HOACH``, ``S6://6-0 /KH- UBND``), or
only the digital-signature box printed over the page image (``Người ký: …``).
`decide` weighs what the page already gives for free (image coverage, invisible
text objects, the share of Vietnamese letters, signature-box lines) and says
``"text"`` or ``"ocr"`` with its reasons, which become record warnings.

    >>> decide(PageEvidence(letters=1800, vietnamese_share=0.0, image_share=1.0, invisible_share=1.0, box_letters=0))
    PageDecision(source='ocr', reasons=('invisible text layer (render mode 3) over a page image', 'the layer has almost no Vietnamese diacritics (0%)'))
"""
from __future__ import annotations

from dataclasses import dataclass

from vnplan.read.signature import is_mark

__all__ = ["PageDecision", "PageEvidence", "decide", "evidence", "signature_box_lines"]

SCAN_IMAGE_SHARE = 0.5  # images cover at least half the page: a scan
MIN_LETTERS = 40  # fewer letters than this say nothing about the language
VIETNAMESE_SHARE = 0.08  # Vietnamese prose: 0.2-0.3 of letters are Vietnamese-only; diacritic-less OCR: ~0
OWN_LETTERS = 30  # letters outside the signature box below which a layer is "only the box"

_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@dataclass(frozen=True)
class PageEvidence:
    """What a page's objects and text layer show (all cheap to measure)."""

    letters: int
    vietnamese_share: float  # share of letters only Vietnamese uses (ă â đ ê ô ơ ư, toned vowels)
    image_share: float  # page area covered by image objects
    invisible_share: float  # share of text objects drawn invisibly (render mode 3)
    box_letters: int  # letters in digital-signature box lines


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
    return PageEvidence(letters, round(share, 3), round(image_share, 3), round(invisible, 3), box)


def decide(ev: PageEvidence) -> PageDecision:
    """Use the text layer, or OCR the page image; with the reasons.

    Only a page mostly covered by images can be OCR'd instead: a born-digital
    page always keeps its layer (and never pays for OCR).

    >>> decide(PageEvidence(letters=2000, vietnamese_share=0.27, image_share=0.0, invisible_share=0.0, box_letters=0))
    PageDecision(source='text', reasons=())
    >>> decide(PageEvidence(letters=60, vietnamese_share=0.2, image_share=1.0, invisible_share=0.0, box_letters=55)).source
    'ocr'
    """
    if ev.image_share < SCAN_IMAGE_SHARE:
        return PageDecision("text")
    reasons: list[str] = []
    if ev.invisible_share >= 0.5:
        reasons.append("invisible text layer (render mode 3) over a page image")
    if ev.box_letters and ev.letters - ev.box_letters < OWN_LETTERS:
        return PageDecision("ocr", ("the text layer holds only the digital-signature box over a page image",))
    if ev.letters >= MIN_LETTERS and ev.vietnamese_share < VIETNAMESE_SHARE:
        reasons.append(f"the layer has almost no Vietnamese diacritics ({ev.vietnamese_share:.0%})")
        return PageDecision("ocr", tuple(reasons))
    if ev.letters < MIN_LETTERS:
        return PageDecision("ocr", (*reasons, f"only {ev.letters} letters over a page image"))
    if reasons:  # a good invisible OCR layer: use it (cheaper than OCR, and as good)
        reasons.append(f"Vietnamese diacritics present ({ev.vietnamese_share:.0%}): layer trusted")
    return PageDecision("text", tuple(reasons))
