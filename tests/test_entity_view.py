"""Issue 16, point 9: the entity view takes its entities from the record, not from a NER model's guesses."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

import vnplan
from vnplan.i18n import use_lang
from vnplan.export.entity_view import entity_view, record_entities

ROOT = Path(__file__).resolve().parent.parent
KH_173 = ROOT / "corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"


@pytest.fixture(scope="module")
def kh_173() -> tuple[vnplan.Document, vnplan.Record]:
    doc = vnplan.read(KH_173)
    return doc, vnplan.extract(doc)


def _texts(doc: vnplan.Document, rec: vnplan.Record, label: str) -> set[str]:
    return {doc.text[e.start:e.end] for e in record_entities(rec, doc.text) if e.label == label}


def test_agency_names_come_out_whole(kh_173) -> None:
    doc, rec = kh_173
    orgs = _texts(doc, rec, "ORG")
    for name in ("Sở Văn hóa và Thể thao", "Sở Nông nghiệp và Môi trường", "Ban Tuyên giáo và Dân vận Thành ủy",
                 "Trung tâm Bảo tồn di sản Thăng Long - Hà Nội"):
        assert name in orgs
    assert "Sở Văn hóa" not in orgs  # the NER cut


def test_every_mention_of_a_responsible_agency_is_marked(kh_173) -> None:
    doc, rec = kh_173
    spans = [e for e in record_entities(rec, doc.text) if doc.text[e.start:e.end] == "Sở Văn hóa và Thể thao"]
    assert len(spans) == doc.text.count("Sở Văn hóa và Thể thao") > 1


def test_places_are_not_people(kh_173) -> None:
    doc, rec = kh_173
    assert _texts(doc, rec, "PER") == {"Vũ Đại Thắng"}  # the signer, and nobody else
    assert _texts(doc, rec, "LOC") == {"Hà Nội"}
    assert not any("Quốc Tử Giám" == s or "Thăng Long Ngự Yến" == s for s in _texts(doc, rec, "ORG"))


def test_issuer_and_citations(kh_173) -> None:
    doc, rec = kh_173
    ents = record_entities(rec, doc.text)
    assert ents[0].field == "issuer" and doc.text[ents[0].start:ents[0].end].startswith("ỦY BAN NHÂN DÂN")
    assert {"02-NQ/TW", "80-NQ/TW", "128/KH-UBND"} <= _texts(doc, rec, "DOC")
    assert all(a.end <= b.start for a, b in pairwise(ents))  # sorted, no overlaps


def test_view_is_vietnamese_by_default_english_on_request(kh_173) -> None:
    doc, rec = kh_173
    preamble = doc.outline.preamble[-1].span.end
    with use_lang("vi"):
        view = entity_view(rec, doc, 0, preamble)
    assert "CƠ QUAN" in view.html and "NGƯỜI KÝ" in view.html and 'class="entity"' in view.html
    assert view._repr_html_() == str(view) == view.html
    with use_lang("en"):
        assert "SIGNER" in entity_view(rec, doc, 0, preamble).html
    assert all(e.end <= preamble for e in view.entities)
