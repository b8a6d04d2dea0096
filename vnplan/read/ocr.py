"""OCR of image-only PDF pages with Tesseract (``vie``), cached on disk: one name for its modules.

The page pass is `vnplan.read.ocr_page`; the second passes are `vnplan.read.ocr_upright`
(a page scanned turned), `vnplan.read.ocr_signature` (the signature block) and
`vnplan.read.ocr_header` (the header columns); the cache is `vnplan.read.cache`.


Tesseract runs as a subprocess (``tesseract - - -l vie --psm 3 tsv``) on a
page rendered by pypdfium2; no Python binding is needed.  The TSV output
(words with boxes, block/paragraph/line numbers) is cached under
``$VNPLAN_CACHE/ocr`` (default ``~/.cache/vnplan/ocr``), keyed by the file's
content hash, the page and the settings, so a re-run costs nothing.

    >>> words = parse_tsv("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n"
    ...                   "5\\t1\\t1\\t1\\t1\\t1\\t100\\t50\\t60\\t30\\t91\\tCông\\n")
    >>> words[0].text, words[0].line
    ('Công', (1, 1, 1))
"""
from __future__ import annotations

from vnplan.read.ocr_page import _PAGE_WORKERS as _PAGE_WORKERS  # noqa: PLC0414 - re-exported for ocr_header, tests
from vnplan.read.ocr_page import (
    OcrSettings,
    OcrWord,
    cache_dir,
    confident_words,
    file_digest,
    keep_low_confidence,
    ocr_image,
    ocr_lines,
    ocr_pages_tsv,
    page_pixels,
    parse_tsv,
    pass_cache_path,
    render_gray,
    set_page_workers,
    tesseract_available,
    word_lines,
)
from vnplan.read.ocr_page import _langs as _langs  # noqa: PLC0414
from vnplan.read.ocr_page import _png as _png  # noqa: PLC0414
from vnplan.read.ocr_page import _write_atomic as _write_atomic  # noqa: PLC0414
from vnplan.read.ocr_page import ocr_page_tsv as ocr_page_tsv  # noqa: PLC0414
from vnplan.read.ocr_signature import (
    SIGNATURE_VERSION,
    SignatureRead,
    clean_signature_line,
    line_role,
    ocr_signature,
    read_signature_image,
    signature_quality,
    signature_region,
    signature_variants,
)
from vnplan.read.ocr_upright import UPRIGHT_VERSION as UPRIGHT_VERSION  # noqa: PLC0414
from vnplan.read.ocr_upright import mean_confidence, osd_rotation, upright_tsv

__all__ = [
    "SIGNATURE_VERSION",
    "OcrSettings",
    "OcrWord",
    "SignatureRead",
    "cache_dir",
    "clean_signature_line",
    "confident_words",
    "file_digest",
    "keep_low_confidence",
    "line_role",
    "mean_confidence",
    "ocr_image",
    "ocr_lines",
    "ocr_pages_tsv",
    "ocr_signature",
    "osd_rotation",
    "page_pixels",
    "parse_tsv",
    "pass_cache_path",
    "read_signature_image",
    "render_gray",
    "set_page_workers",
    "signature_quality",
    "signature_region",
    "signature_variants",
    "tesseract_available",
    "upright_tsv",
    "word_lines",
]
