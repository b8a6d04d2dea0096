"""The spaCy pipeline marks numbers, dates, agencies and people, and renders with displaCy."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from vnplan.nlp import entities, entity_spans, render  # noqa: E402

SENTENCE = ("Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND Thành phố Hà Nội về việc "
            "tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025")


def test_entities_on_a_plan_sentence() -> None:
    doc = entities(SENTENCE)
    found = {(e.label_, e.text) for e in doc.ents}
    assert any(label == "DOC" and "262/KH-UBND" in text for label, text in found)
    assert ("DATE", "25/9/2025") in found
    assert any(label == "ORG" and text.startswith("UBND Thành phố Hà Nội") for label, text in found)
    assert doc.text == SENTENCE  # tokenisation keeps the text


def test_person_in_signature() -> None:
    spans = entity_spans("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Cường")
    people = [s for s in spans if s[2] == "PER"]
    assert people, spans


def test_displacy_renders_html() -> None:
    html = render(SENTENCE, jupyter=False)
    assert html is not None and "262/KH-UBND" in html and "DOC" in html


def test_corpus_document_has_entities(corpus_dir) -> None:  # type: ignore[no-untyped-def]
    from vnplan import read

    doc = entities(read(corpus_dir / "seeds" / "000_28b0c8e4ade0a855.txt"))
    labels = {e.label_ for e in doc.ents}
    assert {"DOC", "DATE", "ORG"} <= labels
