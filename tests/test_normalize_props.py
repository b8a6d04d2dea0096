"""Property tests: `normalize` never raises and every output character maps back to the source."""
from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnplan.normalize import normalize
from vnplan.normalize.fold import fold_key, fold_tone

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = (
    VIET + VIET.upper() + "\u0300\u0301\u0303\u0309\u0323\u0302"  # combining marks
    + "   \n\n\t*|#-_/.,;:()[]0123456789" + "ÐđĐ\u00a0\f"
)
WORDS = ["Số:", "KẾ HOẠCH", "**", "|", "- ", "a) ", "1. ", "TM.", "Nơi nhận:", "ngày", "của", "Bộ",
         "T Ổ   C H Ứ C", "U B ND", "669290381000", "\n\n", "Trang 2", "<br>", "&amp;", "[x](y)"]

texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=12)), max_size=40).map(" ".join),
)


def _fold(ch: str) -> str:
    d = unicodedata.normalize("NFD", ch)
    return d[:1] if d else ""


def _same(out: str, src: str) -> bool:
    """``out`` is ``src`` up to NFC composition (case preserved), Ð→Đ, entities and hyphens."""
    if out == src:
        return True
    if _fold(out) == _fold(src) and not unicodedata.combining(_fold(src)):
        return True
    if unicodedata.combining(out) and (unicodedata.combining(src) or out in unicodedata.normalize("NFD", src)):
        return True  # marks of one cluster put in canonical order, or split off a precomposed letter
    return (out, src) in {("Đ", "Ð"), ("đ", "ð"), ("&", "&"), (" ", "\u00a0")}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_offsets_map_back(raw: str) -> None:
    norm = normalize(raw)
    text, offs = norm.text, norm.offsets
    assert len(offs) == len(text) + 1 and offs[-1] == len(raw)
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    legacy = any("legacy" in w for w in norm.warnings)  # TCVN3/VNI text is decoded to other letters ("Ý â" → "í õ")
    for i, ch in enumerate(text):
        if ch in " \n":
            assert offs[i - 1] <= offs[i] <= offs[i + 1] if i else offs[i] <= offs[i + 1]
            continue
        src = raw[offs[i]]
        assert _same(ch, src) or legacy or ch in "&<>\"'" and src == "&", (i, ch, src, raw, text)
    assert unicodedata.is_normalized("NFC", text)
    assert all(line == line.strip() and line for line in text.split("\n")) or text == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200), st.frozensets(st.integers(0, 200)))
def test_hard_breaks_never_raise(raw: str, hard: frozenset[int]) -> None:
    norm = normalize(raw, hard, page_starts=sorted(hard)[:3], ocr=True)
    assert len(norm.offsets) == len(norm.text) + 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VIET + VIET.upper() + " ", max_size=60))
def test_fold_tone_keeps_length_and_letters(text: str) -> None:
    folded = fold_tone(text)
    nfc = unicodedata.normalize("NFC", text)
    assert len(folded) == len(nfc)
    assert fold_tone(folded) == folded
    strip = lambda s: "".join(c for c in unicodedata.normalize("NFD", s) if c not in "\u0300\u0301\u0303\u0309\u0323")
    assert strip(folded) == strip(nfc)
    assert fold_key(text) == fold_key(folded)
