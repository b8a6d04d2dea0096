"""Issue 11 scan speed: a scanned page is rendered once for all OCR passes, and reaches Tesseract uncompressed.

The cuts must not change what is read: a TIFF and a PNG of the same pixels give the same TSV, in a lone
run and in a many-image run; a page's second passes crop the render the page pass made.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from vnplan.read import ocr_page as ocr_mod

sys.path.insert(0, str(Path(__file__).parent))
from conftest import SCAN_1, needs_tesseract  # noqa: E402


def _page_image():  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    return ocr_mod.render_gray(pdfium.PdfDocument(str(SCAN_1))[0], 300)


def test_tiff_bytes_name_their_format() -> None:
    from PIL import Image

    data = ocr_mod._tiff(Image.new("L", (40, 20), 255))
    assert data[:4] == b"II*\x00" and ocr_mod._suffix(data) == ".tif"
    assert ocr_mod._suffix(ocr_mod._png(Image.new("L", (4, 2), 255))) == ".png"


@pytest.mark.ocr
@needs_tesseract
def test_a_page_reads_the_same_from_tiff_and_png() -> None:
    image = _page_image().crop((0, 0, 2480, 1200))  # the header: the Số line and the title
    binary = ocr_mod.tesseract_available("vie")
    settings = ocr_mod.OcrSettings()
    assert ocr_mod.ocr_image(ocr_mod._tiff(image), binary, settings) == ocr_mod.ocr_image(ocr_mod._png(image), binary, settings)


@pytest.mark.ocr
@needs_tesseract
def test_many_tiffs_in_one_tesseract_run_read_as_pngs_alone() -> None:
    image = _page_image()
    strips = [image.crop((200, 300 + 90 * k, 2200, 400 + 90 * k)) for k in range(3)]
    settings = dataclasses.replace(ocr_mod.OcrSettings(), psm=7)
    binary = ocr_mod.tesseract_available("vie")
    together = ocr_mod.ocr_images([ocr_mod._tiff(s) for s in strips], binary, settings)
    alone = [ocr_mod.ocr_image(ocr_mod._png(s), binary, settings) for s in strips]
    assert [ocr_mod.parse_tsv(t) for t in together] == [ocr_mod.parse_tsv(t) for t in alone]


class _Page:
    """A stand-in pypdfium2 page that counts its renders."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def get_size(self) -> tuple[float, float]:
        return (595.0, 842.0)

    def render(self, scale: float = 1, grayscale: bool = False):  # type: ignore[no-untyped-def]
        from PIL import Image

        self.counts["render"] += 1
        size = (round(595 * scale), round(842 * scale))
        image = Image.new("L" if grayscale else "RGB", size, 255)
        return type("Bitmap", (), {"to_pil": lambda _self: image})()

    def close(self) -> None:
        self.counts["close"] += 1


class _Pdf:
    def __init__(self) -> None:
        self.counts = {"render": 0, "close": 0}

    def __getitem__(self, index: int) -> _Page:
        return _Page(self.counts)

    def __len__(self) -> int:
        return 3


def test_second_passes_crop_the_render_of_the_page_pass() -> None:
    """Đầu trang và khối chữ ký của trang 1 cắt từ cùng một ảnh trang đã dựng: dựng một lần, không ba lần."""
    pdf = _Pdf()
    images = ocr_mod.PageImages(pdf, wanted={0})
    page = pdf[0]
    first = ocr_mod.render_gray(page, 300)
    images.put(0, 300 / 72, True, first)  # what the page pass leaves
    shared = images.pages
    assert ocr_mod.render_gray(shared[0], 300) is first  # the header pass
    assert ocr_mod.render_gray(shared[0], 300) is first  # the signature pass
    assert pdf.counts["render"] == 1
    shared[0].render(scale=300 / 72).to_pil()  # the signature pass's colour render: made, not kept
    assert pdf.counts["render"] == 2
    images.forget(0)
    assert ocr_mod.render_gray(shared[0], 300) is not first and pdf.counts["render"] == 3
    images.put(1, 300 / 72, True, first)  # a page no second pass wants is not kept
    assert ocr_mod.page_pixels(shared[1], 300) == (2479, 3508) and pdf.counts["render"] == 3
