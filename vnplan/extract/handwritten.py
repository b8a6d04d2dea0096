"""A scan's số and issue date filled from the handwriting in its form's blanks, where the print leaves them empty.

The digit probabilities of the blanks (`vnplan.read.ocr_handwriting`) are read together
(`vnplan.read.digit_model.read_digits`: a day 1–31, a month 1–12) and used only where the record has
no value for the field (never over a printed, cleanly read số or day), only when the reading's
confidence clears the field's threshold, and only when the date it makes is a real date, in the year
the line prints and not after the signing date.  Each value read so carries a ``handwritten_read``
warning.  Thresholds were chosen by leave-documents-out cross-validation on the tuning scans
(``scripts/cv_handwritten_digits.py``, numbers in ``corpus/handwritten_digits/README.md``);
`HANDWRITING_STRATEGY` turns the filling off (``"off"``) or on (``"fill"``), and `FILLED_FIELDS` names the
fields it fills: the issue date only, since cross-validation found no threshold at which the số is read
right more often than wrong.

    >>> probs = {"day": [[0.01] * 2 + [0.97] + [0.0025] * 7, [0.01] * 5 + [0.97] + [0.0025] * 4]}
    >>> handwritten_date("Phú Thọ, ngày tháng 9 năm 2020", probs)
    (datetime.date(2020, 9, 25), 0.94)
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np

__all__ = ["DAY_THRESHOLD", "FILLED_FIELDS", "HANDWRITING_STRATEGY", "NUMBER_THRESHOLD", "blank_readings",
           "handwritten_date", "handwritten_number"]

HANDWRITING_STRATEGY = "fill"  # "off": the readings are never used
FILLED_FIELDS = ("issue_date",)  # add "number" to fill the số too (CV: never more right than wrong)
NUMBER_THRESHOLD = 0.9  # CV, filling today's null số: 0.7 → 1 right, 2 wrong; 0.8 and 0.9 → none filled
DAY_THRESHOLD = 0.9  # CV, filling today's null date: 0.9 → 4 right, 0 wrong; 0.7 → 4 right, 1 wrong; 0.5 → 5 right, 5 wrong

_MONTH_YEAR = re.compile(r"th[áa]ng\W{0,3}(\d{1,2})?\W{0,3}n[ăa]m\W{0,3}(\d{4})", re.IGNORECASE)


def blank_readings(path: str) -> dict[str, list[list[float]]]:
    """Digit probabilities of an OCR'd PDF's header blanks (`vnplan.read.ocr_handwriting`), or ``{}``.

    >>> blank_readings("/no/such/công-văn.pdf")
    {}
    """
    if not path.lower().endswith(".pdf"):
        return {}
    from vnplan.read.cache import file_digest
    from vnplan.read.ocr_handwriting import handwritten_readings

    try:
        return handwritten_readings(file_digest(path))
    except OSError:
        return {}


def _read(probs: dict[str, list[list[float]]], field: str) -> tuple[str, float]:
    from vnplan.read.digit_model import read_digits

    rows = probs.get(field)
    if not rows:
        return "", 0.0
    return read_digits(np.array(rows), field)


def handwritten_number(probs: dict[str, list[list[float]]], fields: tuple[str, ...] = FILLED_FIELDS
                       ) -> tuple[str, float] | None:
    """The số read from the blank before the ký hiệu, and its confidence, when sure enough and filled; else None.

    >>> handwritten_number({"number": [[0.0] * 4 + [0.99] + [0.00125] * 5, [0.99] + [0.0] * 8 + [0.01]]},
    ...                    fields=("number",))
    ('40', 0.98)
    >>> handwritten_number({"number": [[0.0] * 4 + [0.99] + [0.00125] * 5, [0.99] + [0.0] * 8 + [0.01]]}) is None
    True
    """
    if HANDWRITING_STRATEGY != "fill" or "number" not in fields:
        return None
    value, conf = _read(probs, "number")
    return (value, conf) if value and conf >= NUMBER_THRESHOLD else None


def handwritten_date(line: str, probs: dict[str, list[list[float]]], signed: str | None = None
                     ) -> tuple[dt.date, float] | None:
    """The issue date of a place-and-date ``line`` whose day (or month) is handwritten, and its confidence; else None.

    The year comes from the print, the month from the print or, handwritten too, from its blank; a
    date after the signing time ``signed`` (ISO) is refused.

    >>> probs = {"day": [[0.98] + [0.002] * 9, [0.0] * 7 + [0.98] + [0.01] * 2]}
    >>> handwritten_date("Hà Nội, ngày ‡ tháng 3 năm 2017", probs)
    (datetime.date(2017, 3, 7), 0.96)
    >>> handwritten_date("Hà Nội, ngày ‡ tháng 3 năm 2017", probs, "2017-03-06T10:00:00+07:00") is None
    True
    """
    if HANDWRITING_STRATEGY != "fill" or "issue_date" not in FILLED_FIELDS:
        return None
    m = _MONTH_YEAR.search(line)
    if m is None:
        return None
    day, conf = _read(probs, "day")
    if m.group(1):
        month = int(m.group(1))
    else:
        read, mconf = _read(probs, "month")
        if not read:
            return None
        month, conf = int(read), conf * mconf
    if not day or conf < DAY_THRESHOLD:
        return None
    try:
        date = dt.date(int(m.group(2)), month, int(day))
    except ValueError:
        return None
    if signed and re.match(r"\d{4}-\d{2}-\d{2}", signed) and date.isoformat() > signed[:10]:
        return None  # dated after it was signed: a misread day
    return date, round(conf, 2)
