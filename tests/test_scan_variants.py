"""A corpus scan under a bad text layer or a pasted stamp reads to the same outline as the plain scan (issue 11)."""
from __future__ import annotations

from pathlib import Path

import pytest

import vnplan
from conftest import SCAN_1, needs_tesseract
from scan_variants import FOLDED_LAYER, SIGNATURE_BOX, STACKED_LAYERS, build, fold, page_image, with_received_stamp

FIELDS = ("doc_type", "number", "symbol", "issue_date", "place", "title")


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, vnplan.Record]:
    tmp = tmp_path_factory.mktemp("variants")
    image, w, h = page_image(SCAN_1)
    paths = {
        "plain": build(image, w, h, tmp / "plain.pdf"),
        "invisible_folded_layer": build(image, w, h, tmp / "inv.pdf", layer=FOLDED_LAYER),
        "signature_box_only": build(image, w, h, tmp / "box.pdf", layer=SIGNATURE_BOX, invisible=False),
        "received_stamp_over_header": build(with_received_stamp(image), w, h, tmp / "stamp.pdf"),
        "stacked_layers": build(image, w, h, tmp / "twice.pdf", layer=STACKED_LAYERS),
    }
    return {k: vnplan.extract(p) for k, p in paths.items()}


def _outline(rec: vnplan.Record) -> dict[str, object]:
    out: dict[str, object] = {k: getattr(rec, k) for k in FIELDS}
    out["issuer"] = rec.issuer["name"]
    out["signer"] = fold(rec.signer["name"] or "")  # the seal over the name: OCR varies in tone marks only
    return out


@needs_tesseract
@pytest.mark.parametrize("name", ["invisible_folded_layer", "signature_box_only", "received_stamp_over_header",
                                  "stacked_layers"])
def test_variant_reads_like_the_plain_scan(variants: dict[str, vnplan.Record], name: str) -> None:
    plain = _outline(variants["plain"])
    assert plain["number"] == "3722" and plain["symbol"] == "VPCP-CN" and plain["issue_date"] == "2026-04-28"
    assert _outline(variants[name]) == plain


@needs_tesseract
def test_untrusted_layers_are_ocrd_with_their_reasons(variants: dict[str, vnplan.Record]) -> None:
    inv = variants["invisible_folded_layer"]
    assert any("render mode 3" in w and "read by OCR" in w for w in inv.warnings)
    box = variants["signature_box_only"]
    assert any("only the digital-signature box" in w for w in box.warnings)
    assert box.signature is not None and box.signature["time"] == "2026-04-28T14:45:19+07:00"
    assert box.signature["organisation"] == "Văn phòng Chính phủ"
    assert not any("Người ký" in r or "Email" in r for r in box.recipients)
    assert variants["plain"].signature is None
    twice = variants["stacked_layers"]
    assert any("repeats itself (100% of its lines twice)" in w and "read by OCR" in w for w in twice.warnings)


@needs_tesseract
def test_received_stamp_stays_out_of_number_and_title(variants: dict[str, vnplan.Record]) -> None:
    rec = variants["received_stamp_over_header"]
    assert "ĐẾN" not in (rec.title or "") and "Ngày" not in (rec.title or "")
    assert rec.number == "3722"
