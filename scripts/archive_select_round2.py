"""Round 2 of archive annotation: more documents issued by a school or a Phòng (issue 14).

Run once, before vnplan is run on any of them; it appends to ``corpus/archive/split.json``
(existing entries are kept byte-identical) and is never rerun on a changed pool:

    python scripts/archive_select_round2.py corpus/archive/split.json

How the pool was established (by looking, not by vnplan): every file of ``../shared/archive/docs``
not already in split.json that is a PDF of at most 10 pages or a Word file of at most 150 KB. For
PDFs page 1 was rendered at 70 dpi (``pdftoppm -r 70 -f 1 -l 1``) and the top-left header read on
the image (for born-digital PDFs the text layer of page 1 was also read as a hint); .doc files
were converted with ``soffice --headless --convert-to pdf`` and rendered the same way; .docx
header tables and paragraphs were read with python-docx. A document is in the pool when its
header names as ISSUER a school (Trường ..., universities included), a Phòng of a district, or a
district- or commune-level centre.

Seen and left out (reason):
  0104  issuer is 'ĐOÀN TRƯỜNG THPT BƯNG RIỀNG' under 'XÃ ĐOÀN XUYÊN MỘC' (a Youth Union
        branch, a mass organisation, not the school)
  0105  'TRUNG TÂM THÔNG TIN' of the Sở GD&ĐT TP. Hồ Chí Minh (a provincial-level centre)
  0150  school Word file, but 29 pages once converted (QĐ + Quy chế chi tiêu nội bộ): the
        10-page limit for PDFs applied to the rendered Word file (up to 12 pages allowed)
  0156  school Word file, but an 88-page self-assessment booklet with no số/date line
  all others: header names a Bộ, Chính phủ, UBND tỉnh/huyện, Sở, Cục or a Hội đồng of a Sở.

The pool holds 9 documents. Up to 12 would be drawn; ANNOTATE documents are drawn (what can be
annotated carefully in one sitting), round-robin over the file kinds (scan, born-digital PDF,
Word) in a seeded order, so that the draw mixes kinds. The drawn documents are shuffled and
alternately assigned tuning / heldout exactly as archive_select.py does.
"""
from __future__ import annotations

import json
import random
import sys

SEED = 20261206
ANNOTATE = 8

# file -> (kind of file, kind of issuer), established by looking at the rendered page 1
POOL = {
    "0082_1560-tb-dhln-dt.pdf": ("scan", "school (university)"),  # Trường Đại học Lâm nghiệp, OCR layer garbled
    "0108_kh-753-khao-sat-xac-dinh-chi-so-hai-long-cua-nguoi-dan-doi-v.pdf": ("scan", "school (university)"),  # Trường ĐH Công Thương TP.HCM
    "0119_cv-lay-y-kien.pdf": ("scan", "Phòng"),  # Phòng Kinh tế - Hạ tầng, UBND huyện An Phú
    "0151_quy-che-kiem-tra-tap-trung-truc-tiep.docx": ("word", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
    "0155_ke-hoach-kiem-tra-noi-bo-2022-2023.pdf": ("born_digital", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
    "0158_quyet-dinh-ban-hanh-quy-che-cong-khai-tai-truong-thpt-nbk.pdf": ("scan", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
    "0159_quyet-dinh-ban-hanh-quy-che-qlts-cong-2023-nbk-signed.pdf": ("born_digital", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
    "0160_kh-to-chuc-hoat-dong-truyen-thong-nang-cao-nhan-thuc-cho-can.pdf": ("born_digital", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
    "0163_bao-cao-ket-qua-tuyen-truyen-atgt-2024-xem-phim-phong-su-nbk.pdf": ("born_digital", "school"),  # Trường THPT Nguyễn Bỉnh Khiêm
}


def draw() -> list[dict]:
    rng = random.Random(SEED)
    kinds = sorted({kind for kind, _ in POOL.values()})
    groups = {k: sorted(n for n, (kind, _) in POOL.items() if kind == k) for k in kinds}
    for k in kinds:
        rng.shuffle(groups[k])
    rng.shuffle(kinds)
    picked: list[str] = []
    while len(picked) < min(ANNOTATE, 12, len(POOL)):
        for k in kinds:
            if groups[k] and len(picked) < min(ANNOTATE, 12, len(POOL)):
                picked.append(groups[k].pop())
    picked.sort()
    order = picked[:]
    rng.shuffle(order)
    return [{"file": name, "class": "unit_or_phong", "split": "tuning" if i % 2 == 0 else "heldout", "round": 2}
            for i, name in enumerate(order)]


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        split = json.load(fh)
    taken = {r["file"] for r in split["documents"]}
    assert not taken & set(POOL), "pool overlaps round 1"
    split["documents"].extend(draw())
    split["round_2"] = {"seed": SEED, "pool": len(POOL), "drawn": min(ANNOTATE, 12, len(POOL))}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(split, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
