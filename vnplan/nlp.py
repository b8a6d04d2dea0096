"""A spaCy pipeline that marks document numbers, dates, agencies and people.

``spacy.blank("vi")`` tokenises (pyvi word segmentation); the registered
component ``vnplan_entities`` adds entity spans found by vnplan's own
extractors — citations (``DOC``), dates (``DATE``), agencies (``ORG``) and
person names (``PER``, from the signature and underthesea's NER) — so
``displacy.render(doc, style="ent")`` highlights a document in Jupyter.

    >>> doc = entities("Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND Thành phố Hà Nội.")  # doctest: +SKIP
    >>> [(e.text, e.label_) for e in doc.ents]  # doctest: +SKIP
    [('Kế hoạch số 262/KH-UBND', 'DOC'), ('25/9/2025', 'DATE'), ('UBND Thành phố Hà Nội', 'ORG')]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["COLORS", "LABELS", "entities", "entity_spans", "nlp", "render"]

LABELS = ("DOC", "DATE", "ORG", "PER")
COLORS = {"DOC": "#f4b183", "DATE": "#9dc3e6", "ORG": "#a9d18e", "PER": "#ffd966"}

_PLACE = r"(?i:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
_PROPER = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
_AGENCY = re.compile(
    rf"\b(?:(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+{_PLACE}\s+{_PROPER}"
    rf"|(?:Ủy ban nhân dân|UBND)\s+{_PLACE}"
    r"|(?:Bộ|Sở|Phòng|Ban|Văn phòng|Cục|Vụ|Chi cục|Công an|Trung tâm)\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+(?:và\s+)?[\wÀ-ỹ]+){0,4}?"
    r"(?=[\s,.;:)]|$)(?:\s+" + _PLACE + r"\s+" + _PROPER + r")?"
    r"|Thủ tướng Chính phủ|Chính phủ|Bộ Chính trị|Ban Bí thư|Quốc hội)"
)
_FUNCTION_END = re.compile(r"\s+(?:về|tại|theo|của|đã|ngày|số|và|trên|để|có|các|tổ|thực|triển)$")


def entity_spans(text: str, *, people: bool = True) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, label)`` of vnplan entities in ``text``.

    >>> entity_spans("Căn cứ Công văn số 4864/BGDĐT-GDTX ngày 08/9/2023 của Bộ Giáo dục và Đào tạo", people=False)  # doctest: +SKIP
    [(7, 35, 'DOC'), (41, 50, 'DATE'), (55, 78, 'ORG')]
    """
    from vnplan.extract.citations import find_citations
    from vnplan.extract.dates import find_dates

    spans: list[tuple[int, int, str]] = []
    for cite in find_citations(text):
        for start, end in getattr(cite, "mentions", None) or [(cite.start, cite.end)]:
            spans.append((start, end, "DOC"))
    for mention in find_dates(text, None):
        spans.append((mention.start, mention.end, "DATE"))
    for m in _AGENCY.finditer(text):
        s, e = m.start(), m.end()
        trimmed = _FUNCTION_END.sub("", text[s:e])
        spans.append((s, s + len(trimmed), "ORG"))
    if people:
        spans.extend(_people(text))
    return spans


# A person's name: 2-5 title-case syllables ("Nguyễn Văn Cường"), not a heading or an all-caps line.
_NAME = re.compile(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}")
_NOT_NAME = re.compile(r"\b(?:Festival|Tuần|Lễ|Kế|Chủ|Thành|Tỉnh|Huyện|Xã|Phường|Ban|Sở|Bộ|Ủy|Hội|Trung|Việt Nam|Đảng)\b")


def _people(text: str) -> list[tuple[int, int, str]]:
    """Person names: underthesea NER (PER) on lines short enough to be names or titles."""
    try:
        from underthesea import ner
    except ImportError:  # pragma: no cover
        return []
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if 0 < len(line) < 200 and re.search(r"[A-ZĐÀ-Ỹ][a-zà-ỹ]+\s+[A-ZĐÀ-Ỹ][a-zà-ỹ]+", line):
            for word, *_tags, label in ner(line):
                if label.endswith("PER") and _NAME.fullmatch(word) and not _NOT_NAME.search(word):
                    # underthesea may re-place tone marks; find the name case-insensitively by its letters.
                    m = re.search(re.escape(word).replace(r"\ ", r"\s+"), line, re.IGNORECASE)
                    if m:
                        out.append((pos + m.start(), pos + m.end(), "PER"))
        pos += len(line) + 1
    return out


def _component(doc: Doc) -> Doc:
    from spacy.util import filter_spans

    spans = []
    for start, end, label in entity_spans(doc.text):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """A blank Vietnamese spaCy pipeline with the ``vnplan_entities`` component."""
    import spacy
    from spacy.language import Language

    if "vnplan_entities" not in Language.factories:
        Language.component("vnplan_entities", func=_component)
    pipeline = spacy.blank("vi")
    pipeline.add_pipe("vnplan_entities")
    return pipeline


def entities(text: Any) -> Doc:
    """Run the pipeline on a string or a `vnplan.Document` (its normalised text)."""
    return nlp()(getattr(text, "text", text))


def render(text: Any, *, jupyter: bool | None = None, page: bool = False) -> str | None:
    """displaCy entity view of a text (HTML string, or displayed inline in Jupyter).

    For a document that has a record, `vnplan.export.entity_view.entity_view` is better: its spans are the
    record's own (whole agency names, the signer as the only person), not this pipeline's guesses.
    """
    from spacy import displacy

    return displacy.render(entities(text), style="ent", jupyter=jupyter, page=page,
                           options={"ents": list(LABELS), "colors": COLORS})
