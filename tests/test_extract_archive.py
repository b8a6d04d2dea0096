"""Extraction on the annotated archive documents (issue 14): golden records and pinned field floors.

corpus/archive/split.json lists 104 documents of ../shared/archive/docs (68 in round 1, 8 school/Phòng
documents in round 2, each split into a tuning and a held-out half before any rule was tuned; 28 in round 3,
a fresh held-out set scored once at the end of session 6).
Golden records of both halves (tests/golden/archive, made by scripts/update_archive_golden.py) pin
today's output so that a change shows up.  Field floors: the tuning half, and the held-out half pinned
after its one final scoring (a guard against regressions, never a target to tune on).

CI runs the born-digital PDFs and DOCX files (about 0.1 s each).  Scans (OCR, ~10 s a page cold) and
legacy .doc files (LibreOffice) run only with ``VNPLAN_ARCHIVE_TESTS=1`` (marker ``archive``).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from update_record_golden import pinned  # noqa: E402

import scorer  # noqa: E402  (tests/scorer.py: a copy of the shared scorer)

pytestmark = pytest.mark.xdist_group("archive")
ARCHIVE = ROOT.parent / "shared" / "archive" / "docs"
SPLIT = json.loads((ROOT / "corpus" / "archive" / "split.json").read_text(encoding="utf-8"))["documents"]
GOLD = ROOT / "corpus" / "archive" / "gold"
GOLDEN = ROOT / "tests" / "golden" / "archive"
FAST_CLASSES = ("born_digital", "docx", "unit_or_phong")


def _docs(split: str | None = None, fast: bool = True) -> list[dict[str, str]]:
    return [d for d in SPLIT if (split is None or d["split"] == split)
            and (not fast or (d["class"] in FAST_CLASSES and d.get("file_kind") != "scan"))
            and (GOLDEN / f"{d['file']}.json").exists()]


# Measured on 2026-12-05 at the end of session 4 (issue 14's closing note); each floor is the score less
# about 0.02.  Held-out floors were pinned only after the one final scoring of that half: they guard
# against regressions, they were never a target to tune on.  Session 6 (both halves of rounds 1-2 are
# tuning material since session 5) raised the header, closing and signer floors and the responsibilities
# floors it measured after its header/closing and body rules; its second header/closing round (dates by
# signing, số from file names, scan debris in headers, garbled chức vụ) raised the scan floors it measured.
# Round 3 ("heldout3", 28 documents drawn in session 5, gold written in session 6) was scored once at the end
# of session 6 and pinned here the same way: a guard against regressions, never a target to tune on.
# Session 7 (rounds 1-3 all tuning material) raised the citation_relations floors it measured after the
# citation cues of data/body_cues.json (citation_cue, rule_followed; plural / generic type words), the
# citations floors after symbol repairs (dotted groups, Đ read or typed as D), the activities floors after
# regulations (Quy chế, a Quyết định issuing a Quy định) lost their activity list, and the
# deadlines floor of round 3 after a clock-timed event in the long date form ('8h ngày 19 tháng 11 năm 2025').
# It also raised round 3's header floors after the scan-header rules (Số lines
# spoilt by handwriting, type names between rules, loose place-and-date lines, the header columns re-read).
# It also (closing: red seal ink erased in the signature pass, names scored as names, the Nơi nhận
# anchor as OCR leaves it, garbled chức vụ mapped to their titles) raised the signer floors of every document
# (ALL_FLOORS) it measured: tuning name 0.868 -> 0.895, title 0.895 -> 0.921; rounds 1-2 held-out name
# 0.816 -> 0.921, title 0.868 -> 0.921, authority 0.868 -> 0.921; round 3 name 0.750 -> 0.893, title
# 0.714 -> 0.929, authority 0.929 -> 1.000.
# Session 7 (s7-hdr2, the Kính gửi block on scans) measured recipients of every document: tuning 0.958,
# rounds 1-2 held-out 0.961, round 3 0.973; ALL_FLOORS recipients raised to 0.95 / 0.95 / 0.96.
# Round 4 ("heldout4", 28 documents drawn and annotated in session 7) was scored once at the end of session 7,
# after the last rule change, and pinned here the same way (each floor the score less about 0.02).
# Session 7 (s7-hdr3, why the scan-header rules did not transfer) raised round 4's header floors after it
# measured doc_type 0.964, symbol 1.000, issuer 1.000, title 0.929, issue_date 0.786, recipients 0.962.
# Session 8 (s8-body; round 4 tuning material, its gold made consistent where it was the minority) raised
# the body floors it measured: CI tuning responsibilities 1.000, round 4 citation_relations 0.917 and
# responsibilities 0.833; with scans: tuning responsibilities 0.996, round 3 citation_relations 1.000, round 4
# citation_relations 0.899, deadlines 0.899, responsibilities 0.881.
# Round 5 ("heldout5", the whole remaining pool, 30 documents annotated in session 8) was scored once at the end
# of session 8, after the last rule change, and pinned here the same way (each floor the score less about 0.02).
# Born-digital, DOCX and non-scan school/Phòng documents (what CI runs):
# Session 8 (s8-digits, handwritten days read by a learned digit reader, vnplan/read/digit_model.py) raised the
# issue_date floors it measured: tuning 0.842, rounds 1-2 held-out 0.763, round 3 0.857, round 4 0.821 (the
# reader is trained on these documents' crops, so this is in-sample: by-document CV estimates 4 right and
# 0 wrong of the ~21 null dates, corpus/handwritten_digits/README.md).
# Session 8 (s8-close: a bare Nơi label, items after the archive line, Kính gửi entries whose label a scan lost,
# lost TL./KT. prefixes, received stamps on the type line, titles wrapped before Điều N, the Giấy chứng nhận
# type) measured on every document: rounds 1-2 held-out title 1.000; round 3 recipients 0.994; round 4
# doc_type 1.000, title 1.000, recipients 0.979, signer_authority 1.000; round 3 issuer_level 1.000 (a school's
# union is a unit); ALL_FLOORS raised accordingly.
FAST_FLOORS = {
    "tuning": {
        "activities": 0.98, "citation_dates": 0.98, "citation_relations": 0.96, "citations": 0.91, "deadlines": 0.95,
        "doc_type": 0.98, "issue_date": 0.98, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.98, "period": 0.93, "place": 0.98, "recipients": 0.98, "responsibilities": 0.98,
        "signer_authority": 0.98, "signer_name": 0.98, "signer_title": 0.98, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout": {
        "activities": 0.86, "citation_dates": 0.97, "citation_relations": 0.91, "citations": 0.97, "deadlines": 0.83,
        "doc_type": 0.98, "issue_date": 0.98, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.98, "period": 0.89, "place": 0.98, "recipients": 0.96, "responsibilities": 0.79,
        "signer_authority": 0.98, "signer_name": 0.98, "signer_title": 0.98, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout3": {
        "activities": 0.89, "citation_dates": 0.98, "citation_relations": 0.96, "citations": 0.97, "deadlines": 0.88,
        "doc_type": 0.98, "issue_date": 0.98, "issue_year": 0.98, "issuer_level": 0.89, "issuer_name": 0.98,
        "number": 0.98, "period": 0.89, "place": 0.98, "recipients": 0.89, "responsibilities": 0.78,
        "signer_authority": 0.98, "signer_name": 0.89, "signer_title": 0.89, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout4": {
        "activities": 0.84, "citation_dates": 0.94, "citation_relations": 0.89, "citations": 0.97, "deadlines": 0.86,
        "doc_type": 0.98, "issue_date": 0.98, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.98, "period": 0.98, "place": 0.98, "recipients": 0.94, "responsibilities": 0.81,
        "signer_authority": 0.98, "signer_name": 0.98, "signer_title": 0.98, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout5": {
        "activities": 0.89, "citation_dates": 0.98, "citation_relations": 0.84, "citations": 0.98, "deadlines": 0.83,
        "doc_type": 0.98, "issue_date": 0.98, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.98, "period": 0.98, "place": 0.98, "recipients": 0.96, "responsibilities": 0.95,
        "signer_authority": 0.98, "signer_name": 0.98, "signer_title": 0.83, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
}
# Every document of each half (scans and .doc included; opt-in):
ALL_FLOORS = {
    "tuning": {
        "activities": 0.95, "citation_dates": 0.96, "citation_relations": 0.95, "citations": 0.92, "deadlines": 0.92,
        "doc_type": 0.98, "issue_date": 0.82, "issue_year": 0.98, "issuer_level": 0.93, "issuer_name": 0.92,
        "number": 0.93, "period": 0.93, "place": 0.98, "recipients": 0.95, "responsibilities": 0.97,
        "signer_authority": 0.92, "signer_name": 0.87, "signer_title": 0.90, "symbol": 0.98, "theme": 0.98,
        "title": 0.95,
    },
    "heldout": {
        "activities": 0.87, "citation_dates": 0.96, "citation_relations": 0.88, "citations": 0.95, "deadlines": 0.87,
        "doc_type": 0.98, "issue_date": 0.74, "issue_year": 0.93, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.84, "period": 0.93, "place": 0.95, "recipients": 0.95, "responsibilities": 0.81,
        "signer_authority": 0.90, "signer_name": 0.90, "signer_title": 0.90, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout3": {
        "activities": 0.94, "citation_dates": 0.95, "citation_relations": 0.98, "citations": 0.93, "deadlines": 0.90,
        "doc_type": 0.98, "issue_date": 0.83, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.80, "period": 0.87, "place": 0.98, "recipients": 0.97, "responsibilities": 0.89,
        "signer_authority": 0.98, "signer_name": 0.87, "signer_title": 0.91, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout4": {
        "activities": 0.81, "citation_dates": 0.95, "citation_relations": 0.88, "citations": 0.92, "deadlines": 0.88,
        "doc_type": 0.98, "issue_date": 0.80, "issue_year": 0.98, "issuer_level": 0.98, "issuer_name": 0.98,
        "number": 0.73, "period": 0.80, "place": 0.98, "recipients": 0.96, "responsibilities": 0.86,
        "signer_authority": 0.98, "signer_name": 0.94, "signer_title": 0.98, "symbol": 0.98, "theme": 0.98,
        "title": 0.98,
    },
    "heldout5": {
        "activities": 0.91, "citation_dates": 0.95, "citation_relations": 0.89, "citations": 0.90, "deadlines": 0.85,
        "doc_type": 0.88, "issue_date": 0.44, "issue_year": 0.88, "issuer_level": 0.91, "issuer_name": 0.81,
        "number": 0.71, "period": 0.84, "place": 0.88, "recipients": 0.91, "responsibilities": 0.83,
        "signer_authority": 0.88, "signer_name": 0.78, "signer_title": 0.71, "symbol": 0.88, "theme": 0.98,
        "title": 0.78,
    },
}


def _path(name: str) -> Path:
    path = ARCHIVE / name
    if not path.exists():
        pytest.skip("../shared/archive is not mounted")
    return path


def _record(name: str) -> dict[str, Any]:
    from vnplan.batch.runner import process_file  # the `vnplan extract` path (.doc converted with LibreOffice)

    record = process_file(_path(name))
    assert "error" not in record, record.get("message")
    return record


@pytest.fixture(scope="module")
def fast_records() -> dict[str, dict[str, Any]]:
    return {d["file"]: _record(d["file"]) for d in _docs()}


@pytest.mark.parametrize("doc", _docs(), ids=lambda d: d["file"][:40])
def test_archive_golden_record(doc: dict[str, str], fast_records: dict[str, dict[str, Any]]) -> None:
    expected = json.loads((GOLDEN / f"{doc['file']}.json").read_text(encoding="utf-8"))
    got = pinned(fast_records[doc["file"]])
    for key in expected:
        assert got[key] == expected[key], f"{doc['file']}: {key} changed"


def _means(records: dict[str, dict[str, Any]]) -> dict[str, float]:
    per_field: dict[str, list[float]] = {}
    for name, record in records.items():
        gold_file = GOLD / f"{name}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for field, value in scorer.score_document(gold, record).items():
            per_field.setdefault(field, []).append(value)
    return {f: mean(v) for f, v in per_field.items()}


@pytest.mark.parametrize("split", ["tuning", "heldout", "heldout3", "heldout4", "heldout5"])
def test_field_floors(split: str, fast_records: dict[str, dict[str, Any]]) -> None:
    names = {d["file"] for d in _docs(split)}
    means = _means({k: v for k, v in fast_records.items() if k in names})
    assert means, f"no {split} gold"
    low = {f: round(m, 3) for f, m in means.items() if m < FAST_FLOORS[split][f]}
    assert not low, f"{split}: fields below their floor: {low}"


@pytest.mark.archive
@pytest.mark.parametrize("split", ["tuning", "heldout", "heldout3", "heldout4", "heldout5"])
def test_field_floors_with_scans(split: str) -> None:
    means = _means({d["file"]: _record(d["file"]) for d in _docs(split, fast=False)})
    low = {f: round(m, 3) for f, m in means.items() if m < ALL_FLOORS[split][f]}
    assert not low, f"{split}: fields below their floor: {low}"
