"""Warm the extractor once in the fork server, so each new worker starts ready.

Importing this module runs one extraction on a short built-in plan; its lazily
loaded tables and compiled patterns are then inherited (copy-on-write) by
every worker forked afterwards, including those that replace a killed one.
It never raises: a failure only means workers warm up on their own.

    >>> import vnplan.batch.warmup  # doctest: +SKIP
    >>> vnplan.batch.warmup.WARM  # doctest: +SKIP
    True
"""
from __future__ import annotations

__all__ = ["SAMPLE", "WARM"]

SAMPLE = "\n".join([  # noqa: FLY002
    "ỦY BAN NHÂN DÂN", "XÃ HOÀ XÁ", "Số: 12/KH-UBND", "Hoà Xá, ngày 05 tháng 9 năm 2025", "KẾ HOẠCH",
    "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025",
    "Căn cứ Kế hoạch số 262/KH-UBND ngày 25/9/2025 của UBND huyện Thanh Oai;",
    "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Nâng cao nhận thức của Nhân dân.", "II. NỘI DUNG",
    "1. Tổ chức lễ phát động trước ngày 09/10/2025.", "III. TỔ CHỨC THỰC HIỆN", "1. Văn phòng UBND xã",
    "- Tham mưu tổ chức lễ phát động.", "Nơi nhận:", "- UBND huyện;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH", "Nguyễn Văn A",
])


def _warm() -> bool:
    try:
        from vnplan.document import Document
        from vnplan.extract import extract_document

        extract_document(Document.from_text(SAMPLE))
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        return False
    return True


WARM = _warm()
