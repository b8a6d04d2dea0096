"""Recovery of fonts without a Unicode map (`vnplan.read.pdf_fonts`) on the corpus PDFs 011/012.

Both are Word documents of the Lào Cai Department of Industry and Trade: Times
New Roman subsets as ``Identity-H`` fonts without ``ToUnicode``, and symbolic
TrueType fonts whose codes pdfium reads as Mac Roman.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from vnplan.read import pdf_fonts
from vnplan.read.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
DOC_011 = REAL / "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf"
DOC_012 = REAL / "012_kh-1105-dkt-sct-laocai-kiem-tra-vlncn.pdf"

needs_reference = pytest.mark.skipif(
    pdf_fonts.reference_font("Serif", False, False) is None, reason="Liberation fonts not installed"
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@pytest.fixture(scope="module")
def recovered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The raw text of 011 and 012, recovered afresh (an empty cache: no page of an older recovery)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VNPLAN_CACHE", str(tmp_path_factory.mktemp("cache")))
        return {name: nfc(read_pdf(path, ocr=False).raw) for name, path in (("011", DOC_011), ("012", DOC_012))}


# ---------------------------------------------------------------- the corpus documents


@needs_reference
def test_bold_a_acute_of_a_symbolic_font_is_read_from_the_drawn_glyph(recovered: dict[str, str]) -> None:
    """pdfium reads the bold ``Á`` (code 0xC1) as ``£``; ``À`` and ``Á`` have one box: the page tells."""
    text = recovered["012"]
    assert "£" not in text
    assert "PHÓ GIÁM ĐỐC" in text
    assert "ĐỀ CƯƠNG BÁO CÁO PHỤC VỤ CÔNG TÁC KIỂM TRA" in text
    assert "TÌNH HÌNH THỰC HIỆN CÁC QUY ĐỊNH PHÁP LUẬT" in text
    assert text.count("BÁO CÁO") == 2
    assert "LÀO CAI" in text  # the grave of the same font stays a grave
    text = recovered["011"]
    assert "£" not in text
    assert text.count("GIÁM ĐỐC") == 2 and "DANH SÁCH CÁC ĐƠN VỊ KIỂM TRA" in text


@needs_reference
def test_stacked_hook_above_is_not_a_breve_or_a_tilde(recovered: dict[str, str]) -> None:
    """``ể``: the small hook beside the circumflex (bold italic), flattened over capitals (bold)."""
    text = recovered["012"]
    assert "\u034b" not in text and "KIỄM" not in text
    assert "a) Kiểm tra hồ sơ, tài liệu" in text
    assert "b) Kiểm tra thực địa" in text  # and the bold italic đ is no d
    assert "ĐOÀN KIỂM TRA" in text and "T/M. ĐOÀN KIỂM TRA" in text and "KẾ HOẠCH KIỂM TRA" in text
    assert "KIỄM" not in recovered["011"]


@needs_reference
@pytest.mark.parametrize("name", ["011", "012"])
def test_no_character_differs_from_the_clean_copy_in_words_read_alike(recovered: dict[str, str], name: str) -> None:
    """Against the pdftotext copy (made with the right Unicode maps): words paired one to one by
    position differ only where the copy has a Cyrillic ``а`` in ``của``."""
    import difflib

    clean = next(REAL.glob(f"{name}b_*.pdftotext.txt")).read_text(encoding="utf-8")
    ours, theirs = recovered[name].split(), nfc(clean).split()
    differing = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            differing += [(a, b) for a, b in zip(ours[i1:i2], theirs[j1:j2]) if len(a) == len(b)]
    assert [pair for pair in differing if pair != ("của", "củа")] == []


# ---------------------------------------------------------------- the parts


def test_which_drawn_picks_the_glyph_whose_own_ink_is_on_the_page() -> None:
    base = np.zeros((30, 30), dtype=bool)
    base[15:28, 5:25] = True  # the letter
    grave, acute = base.copy(), base.copy()
    for k in range(8):
        grave[2 + k, 8 + k] = grave[2 + k, 9 + k] = True  # "\" above
        acute[2 + k, 21 - k] = acute[2 + k, 22 - k] = True  # "/" above
    assert pdf_fonts._which_drawn(acute, [grave, acute]) == 1
    assert pdf_fonts._which_drawn(grave, [grave, acute]) == 0
    assert pdf_fonts._which_drawn(base, [grave, acute]) is None  # no accent painted: unsure
    assert pdf_fonts._which_drawn(grave | acute, [grave, acute]) is None  # both: unsure
    assert pdf_fonts._which_drawn(acute, [acute, acute.copy()]) is None  # the same glyph twice


def test_part_shown_breaks_a_near_tie_only_for_a_part_that_is_there() -> None:
    d = np.zeros((40, 30), dtype=bool)
    d[5:35, 18:22] = True  # stem
    d[20:35, 6:10] = True  # bowl, roughly
    d_bar = d.copy()
    d_bar[10:12, 12:28] = True
    assert pdf_fonts._part_shown(d_bar, d_bar, d)  # the glyph has the bar: đ
    assert not pdf_fonts._part_shown(d, d_bar, d)  # no bar: not đ
    other = d.copy()
    other[30:35, 24:29] = True  # differs elsewhere too: no part relation
    assert not pdf_fonts._part_shown(d_bar, d_bar, other)  # each has ink the other lacks


@needs_reference
def test_marks_are_told_by_shape_whatever_their_proportions() -> None:
    """The Liberation hook above, squashed to a third of its height (a capital's stacked hook),
    is still a hook; the tilde and the acute stay themselves."""
    ref = pdf_fonts._reference("Serif", True, False)
    assert ref is not None
    cmap = ref.font.getBestCmap()
    for mark in "\u0309\u0303\u0301\u0300\u0302\u0306":
        outline = pdf_fonts._polygons(ref.glyphset, cmap[ord(mark)])
        for squash in (1.0, 0.35):
            shaped = [[(x, 1400 + (y - 1400) * squash) for x, y in c] for c in outline]
            img = pdf_fonts._raster_outline(shaped, ref.upm)
            assert ref.mark(img, 0.45, shaped) == mark, (mark, squash)  # over an x-height base


@needs_reference
def test_letters_with_two_marks_in_one_glyph_are_read_or_left_unread() -> None:
    """Liberation draws ``ấ`` as ``a`` + one glyph of two outlines (circumflex and acute): each is
    read apart; a letter is never read as another one."""
    font = pdf_fonts.reference_font("Serif", False, False)
    assert font is not None
    emb = pdf_fonts._Embedded(Path(font.reader.file.name).read_bytes(), "LiberationSerif")
    fixer = pdf_fonts.FontFixer()
    ref = fixer._ref(emb.name)
    assert ref is not None
    cmap = emb.font.getBestCmap()
    right = wrong = 0
    for ch in "ấầẩẫậắằẳẵặẤẦẨẪẬẮẰẲẴẶếềểễệẾỀỂỄỆốồổỗộỐỒỔỖỘớờởỡợứừửữự":
        got = fixer._composite(emb, emb.name, cmap[ord(ch)], ref)
        if got is not None:
            right += got[0] == ch
            wrong += got[0] != ch
    assert wrong == 0 and right >= 40


def test_pieces_keep_a_counter_with_its_outline() -> None:
    ring = [[(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)], [(30.0, 30.0), (30.0, 70.0), (70.0, 70.0), (70.0, 30.0)]]
    dot = [[(150.0, 0.0), (180.0, 0.0), (180.0, 30.0), (150.0, 30.0)]]
    assert sorted(len(p) for p in pdf_fonts._pieces(ring + dot)) == [1, 2]
    assert len(pdf_fonts._pieces(ring)) == 1
