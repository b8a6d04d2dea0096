"""Generated variants of a corpus scan (issue 11): the same page image under different text layers.

Built with pypdfium2 and Pillow only: the page image of `SCAN_1` at the OCR resolution,
then (a) nothing else, (b) an invisible diacritic-less OCR layer, (c) only a printed
digital-signature box, (d) a received-document stamp pasted over the header, (e) a good
Vietnamese OCR layer stored twice (a scan OCR'd twice: `STACKED_LAYERS`).
"""
from __future__ import annotations

import ctypes
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

DPI = 300
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FOLDED_LAYER = [  # what a diacritic-less OCR engine stored over the scan (as seen in the archive)
    "VAN PHONG CHINH PHU CONG HOA XA HOI CHU NGHIA VIET NAM",
    "Doc lap - Tu do - Hanh phuc",
    "S6://6-0 /VPCP- CN Ha Noi, ngay 28 thang 4 nam 2026",
    "V/v co che dac thu xay dung cong trinh khan cap doi voi Du an keo dai tuyen",
    "Kinh gui: Cac Bo: Cong an, Tu phap, Tai chinh, Xay dung, Nong nghiep va Moi truong",
    "Xet de nghi cua Uy ban nhan dan tinh Dong Nai tai van ban so 92/TTr-UBND",
]
STACKED_LAYERS = [  # the page's text with its diacritics, in two invisible layers one under the other
    "VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 3722/VPCP-CN Hà Nội, ngày 28 tháng 4 năm 2026",
    "V/v cơ chế đặc thù xây dựng công trình khẩn cấp đối với Dự án kéo dài tuyến",
    "Kính gửi: Các Bộ: Công an, Tư pháp, Tài chính, Xây dựng, Nông nghiệp và Môi trường",
    "Xét đề nghị của Ủy ban nhân dân tỉnh Đồng Nai tại văn bản số 92/TTr-UBND",
] * 2
SIGNATURE_BOX = [
    "Người ký: Văn phòng Chính phủ",
    "Email: vpcp@chinhphu.vn",
    "Cơ quan: Văn phòng Chính phủ",
    "Thời gian ký: 28.04.2026 14:45:19 +07:00",
]


def page_image(src: Path) -> tuple[Image.Image, float, float]:
    pdf = pdfium.PdfDocument(str(src))
    page = pdf[0]
    w, h = page.get_size()
    image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    page.close()
    pdf.close()
    return image, w, h


def with_received_stamp(image: Image.Image) -> Image.Image:
    """The scan's own ĐẾN stamp (right of the header) pasted again over the top-left of the header."""
    k = DPI / 100
    box = tuple(round(v * k) for v in (535, 208, 732, 284))
    stamp = image.crop(box)
    out = image.copy()
    out.paste(stamp, (round(40 * k), round(12 * k)))
    return out


def _text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, font, text: str, x: float, y: float, size: float,  # type: ignore[no-untyped-def]
          invisible: bool) -> None:
    obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, ctypes.c_float(size))
    data = (text + "\x00").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(data), pdfium_c.FPDF_WIDESTRING))
    if invisible:
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def build(image: Image.Image, w: float, h: float, out: Path, *, layer: list[str] = (), invisible: bool = True) -> Path:  # type: ignore[assignment]
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(w, h)
    img = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.from_pil(image)
    img.set_bitmap(bitmap)
    img.set_matrix(pdfium.PdfMatrix().scale(w, h))
    page.insert_obj(img)
    if layer:
        data = FONT.read_bytes()
        buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        font = pdfium_c.FPDFText_LoadFont(pdf.raw, buf, len(data), pdfium_c.FPDF_FONT_TRUETYPE, 1)
        for k, line in enumerate(layer):
            if invisible:
                _text(pdf, page, font, line, 60, h - 80 - 40 * k, 10, True)
            else:  # a small signature box in the bottom margin
                _text(pdf, page, font, line, w - 190, 40 - 8 * k, 6, False)
    page.gen_content()
    pdf.save(str(out))
    page.close()
    pdf.close()
    return out


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
