"""Text similarity for plan items: TF-IDF over character n-grams and rapidfuzz.

A *similarity* is any function ``(a_texts, b_texts) -> matrix`` with values in
``[0, 1]`` (rows: ``a``, columns: ``b``).  `combined` is the default; pass
another one (`tfidf_char`, `fuzzy`, or your own) to `vnplan.compare`.

    >>> m = combined(["Tổ chức Lễ khai mạc Tuần lễ"], ["a) Tổ chức Lễ khai mạc Tuần lễ với chủ đề", "Báo cáo kết quả"])
    >>> bool(m[0, 0] > 0.6 > m[0, 1])
    True
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np

from vnplan.plaintext import strip_diacritics

__all__ = ["SIMILARITIES", "Similarity", "combined", "containment", "fold", "fuzzy", "lead", "normalize_text", "tfidf_char"]

Similarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]

# Old-style tone placement (hoà, thuỷ) → new style (hòa, thủy), so both spellings compare equal.
_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
         "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE_RE = re.compile("|".join(_TONE))
_LABEL_RE = re.compile(r"^\s*(?:[-+•*–]+|\(?[0-9]+(?:\.[0-9]+)*[.)]|\(?[a-zđ][.)]|[IVXLC]+\.)\s+", re.IGNORECASE)
_MARKUP_RE = re.compile(r"[*_#`|]+")


def normalize_text(text: str | None) -> str:
    """The form items are compared in: NFC, lower case, one tone style, no label, no markup.

    >>> normalize_text("a) **Tổ chức** Lễ khai mạc  Tuần lễ Hoà Xá")
    'tổ chức lễ khai mạc tuần lễ hòa xá'
    """
    if not text:
        return ""
    s = unicodedata.normalize("NFC", text).lower()
    s = _MARKUP_RE.sub(" ", s)
    s = _LABEL_RE.sub("", s)
    s = _TONE_RE.sub(lambda m: _TONE[m.group(0)], s)
    return " ".join(s.split())


def fold(text: str | None) -> str:
    """`normalize_text` without diacritics (đ → d), for keyword patterns.

    >>> fold("Sở Giáo dục và Đào tạo")
    'so giao duc va dao tao'
    """
    return strip_diacritics(normalize_text(text))


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, preprocessor=normalize_text)


def _tfidf_rows(a: Sequence[str], b: Sequence[str]):  # type: ignore[no-untyped-def]
    """TF-IDF rows of ``a`` and of ``b`` (CSR, l2-normalised), fitted on ``a + b``; None when there is nothing."""
    if not a or not b:
        return None
    try:
        m = _vectorizer().fit_transform(list(a) + list(b))
    except ValueError:  # only empty strings
        return None
    return m[: len(a)].tocsr(), m[len(a):].tocsr()


def tfidf_char(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors over character 2–5-grams (fitted on ``a + b``).

    >>> float(tfidf_char(["Sở Y tế"], ["Sở Y tế"])[0, 0]) > 0.99
    True
    """
    rows = _tfidf_rows(a, b)
    if rows is None:
        return np.zeros((len(a), len(b)))
    ma, mb = rows
    return np.asarray((ma @ mb.T).todense()).clip(0.0, 1.0)


def fuzzy(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """rapidfuzz ``token_set_ratio`` on normalised words, scaled to ``[0, 1]``.

    >>> float(fuzzy(["kiểm tra, giám sát"], ["giám sát, kiểm tra"])[0, 0])
    1.0
    """
    from rapidfuzz import fuzz, process

    if not a or not b:
        return np.zeros((len(a), len(b)))
    na = [_words(x) for x in a]
    nb = [_words(x) for x in b]
    return np.asarray(process.cdist(na, nb, scorer=fuzz.token_set_ratio, dtype=np.float64)) / 100.0


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", normalize_text(text)))


def lead(text: str, shortest: int = 40, longest: int = 200) -> str:
    """An item's opening clause (its heading or first sentence), where its topic is named.

    >>> lead("Tổ chức Lễ khai mạc Tuần lễ trang trọng, tiết kiệm. Mời đại diện lãnh đạo cấp ủy tham dự.")
    'tổ chức lễ khai mạc tuần lễ trang trọng, tiết kiệm.'
    """
    s = normalize_text(text)
    ends = [m.end() for m in re.finditer(r"[.;:](?:\s|$)", s) if m.end() >= shortest]
    return s[: min(ends[0] if ends else len(s), longest)].strip()


def _blend(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return 0.7 * tfidf_char(a, b) + 0.3 * fuzzy(a, b)


def combined(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """The default: TF-IDF over character n-grams (0.7) and rapidfuzz (0.3), on the whole item and on its opening.

    The whole item and its opening clause (`lead`) count half each: the
    opening names the activity, the rest says how; a heading-only item
    (``Tổ chức Lễ khai mạc``) still finds the full text it heads.

    >>> m = combined(["Đẩy mạnh công tác tuyên truyền"], ["Đẩy mạnh công tác tuyên truyền về vai trò của tự học"])
    >>> round(float(m[0, 0]), 1) >= 0.7
    True
    """
    if not a or not b:
        return np.zeros((len(a), len(b)))
    return 0.5 * _blend(a, b) + 0.5 * _blend([lead(x) for x in a], [lead(x) for x in b])


def containment(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """How much of each ``a`` item is found inside each ``b`` item (TF-IDF-weighted n-grams, asymmetric).

    Used to find items merged into (or split out of) a longer item.

    >>> m = containment(["Tích cực tham gia các diễn đàn của UNESCO"],
    ...                 ["Khuyến khích sân chơi; tích cực tham gia các diễn đàn của UNESCO; treo băng rôn"])
    >>> float(m[0, 0]) > 0.9
    True
    """
    rows = _tfidf_rows(a, b)
    if rows is None:
        return np.zeros((len(a), len(b)))
    ma, mb = rows
    weights = ma.multiply(ma)  # squared weights of a's n-grams sum to 1 (l2 rows)
    present = (mb > 0).astype(np.float64)
    return np.asarray((weights @ present.T).todense()).clip(0.0, 1.0)


SIMILARITIES: dict[str, Similarity] = {"combined": combined, "tfidf": tfidf_char, "fuzzy": fuzzy}
