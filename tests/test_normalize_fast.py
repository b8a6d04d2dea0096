"""Issue 11 (speed): every fast path of the normaliser gives what its slow reference gives.

Each fast path replaced a slower way of computing the same value; the slow way is kept here as the
reference, and the two are compared on real text (the corpus's lines) and on generated text.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vnplan.normalize import spacing
from vnplan.normalize.offsetmap import Edits, MappedText

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@cache
def corpus_text() -> str:
    """The corpus's text files (seeds, pdftotext and web copies), joined: real Vietnamese lines."""
    files = sorted(p for d in ("seeds", "real") for p in (CORPUS / d).glob("*.txt"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


# --------------------------------------------------------------------------- offset maps


def _reference_local(ed: Edits) -> list[int]:
    """The per-character map of `Edits.apply` as it was built before issue 11: one index per character."""
    text = ed.text
    local: list[int] = []
    pos = 0
    for start, end, new in sorted(ed._items, key=lambda it: (it[0], it[1])):
        if start > pos:
            local.extend(range(pos, start))
        span = end - start
        explicit = ed._where.get((start, end))
        if explicit is not None and len(explicit) == len(new):
            local.extend(explicit)
        elif span == 0:
            local.extend([start] * len(new))
        else:
            local.extend(start + min(k, span - 1) for k in range(len(new)))
        pos = max(pos, end)
    local.extend(range(pos, len(text) + 1))
    return local


edit_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 6), st.text(alphabet="ab \n", max_size=5), st.booleans()),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Kế hoạch số 05 \n", min_size=0, max_size=60), edit_lists, st.integers(0, 50))
def test_apply_to_equals_per_character_composition(text: str, edits: list, shift: int) -> None:
    ed = Edits(text)
    for start, size, new, explicit in edits:
        start = min(start, len(text))
        end = min(start + size, len(text))
        ed.replace(start, end, new, list(range(len(new)))[::-1] if explicit else None)
    offsets = [shift + 2 * i for i in range(len(text) + 1)]  # a parent map that is not the identity
    new_text, new_offsets = ed.apply_to(offsets)
    assert new_text == ed.apply()[0]
    assert new_offsets == [offsets[i] for i in _reference_local(ed)]
    assert ed.apply()[1] == _reference_local(ed)


def test_apply_to_on_corpus_lines() -> None:
    """Deleting every double space and replacing every line break of the corpus: same map both ways."""
    text = corpus_text()
    mt = MappedText.identity(text)
    ed = mt.edits()
    pos = text.find("  ")
    while pos != -1:
        ed.delete(pos, pos + 1)
        pos = text.find("  ", pos + 2)
    pos = text.find("\n")
    while pos != -1:
        ed.replace(pos, pos + 1, " \n")
        pos = text.find("\n", pos + 1)
    out = mt.apply(ed)
    assert out.offsets == _reference_local(ed)


# --------------------------------------------------------------------------- lines and their roles


def _line_spans_by_regex(text: str) -> list[tuple[int, int]]:
    import re

    spans, pos = [], 0
    for m in re.finditer("[\n\u2028\u2029]", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\u2028\u2029\f", max_size=40))
def test_line_spans_equal_regex_walk(text: str) -> None:
    from vnplan.normalize.lines import line_spans

    assert line_spans(text) == _line_spans_by_regex(text)


def test_role_equals_pattern_by_pattern_on_corpus_lines() -> None:
    """One alternation of the (anchored) role patterns finds the role the patterns in turn find."""
    from vnplan.normalize.lines import role, role_by_patterns

    lines = {ln.strip() for ln in corpus_text().split("\n")}
    lines |= {"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cộng hòa xã hội chủ nghĩa việt nam", "KT. CHỦ TỊCH", "Số:"}
    found = {ln: role(ln) for ln in lines}
    assert found == {ln: role_by_patterns(ln) for ln in lines}
    assert sum(r is not None for r in found.values()) > 50


# --------------------------------------------------------------------------- passes with a fast path


def test_mark_hard_by_bisection_equals_walk() -> None:
    from vnplan.normalize.pipeline import _mark_hard, _mark_hard_by_walk
    from vnplan.normalize.unicode import clean_unicode

    text = corpus_text()
    mt, _ = clean_unicode(MappedText.identity(text + "\r\nx\u00ad\n"))  # offsets that are not the identity
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    for hard in (newlines[::3], newlines[1::7] + [0, 5, len(text)], []):
        assert _mark_hard(mt, hard) == _mark_hard_by_walk(mt, hard)


def test_spacing_looks_at_every_line_it_would_change() -> None:
    """Lines left out by `_lines_to_check` are lines neither spacing rule touches."""
    from vnplan.normalize import spacing

    text = corpus_text() + "\nT Ổ   C H Ứ C\nỦY B AN NHÂN D Â N\nU B ND tỉnh\na b c d"
    checked = set(spacing._lines_to_check(text))
    for s, e in spacing.line_spans(text):
        if (s, e) in checked or e - s < 3:
            continue
        ed = Edits(text)
        assert not spacing._letter_spaced(text, s, e, ed) and spacing._split_syllables(text, s, e, ed) == 0
        assert not ed, text[s:e]
    assert len(checked) < len(spacing.line_spans(text)) / 2


def test_split_cell_needs_a_space() -> None:
    from vnplan.normalize.markup import _CELL_SPLITS, split_cell

    for cell in ("KT.CHỦTỊCH", "Số:05/KH-UBND", "---", ""):
        assert split_cell(cell) == [] and not any(p.search(cell) for p in _CELL_SPLITS)
    assert split_cell("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tín") == [(12, 13), (25, 26)]


def _clean_unicode_reference(mt: MappedText) -> tuple[MappedText, list[str]]:
    """`clean_unicode` as it was before issue 11: every pattern over the whole text, controls counted apart."""
    import unicodedata

    from vnplan.normalize import unicode as u

    text = mt.text
    ed = mt.edits()
    warnings: list[str] = []
    split = 0
    for m in u._CLUSTER.finditer(text):
        base, space, marks = m.group(1), m.group(2), m.group(3)
        composed = u._compose(base, marks)
        if space and composed is None:
            continue
        if composed is not None:
            ed.replace(m.start(), m.end(), composed)
            split += bool(space)
        else:
            src = m.group(0)
            nfc = unicodedata.normalize("NFC", src)
            if nfc != src:
                ed.replace(m.start(), m.end(), nfc, u._where(src, nfc))
    for m in u._SPACING.finditer(text):
        composed = u._compose(m.group(1), u._SPACING_TONES[m.group(3)])
        if composed is not None and ed.replace(m.start(), m.end(), composed):
            split += 1
    for m in u._ODD.finditer(text):
        s = m.group(0)
        if s in ("\r\n", "\r"):
            ed.replace(m.start(), m.end(), "\n")
        elif s in u.DELETE_CHARS:
            ed.delete(m.start(), m.end())
        else:
            ed.replace(m.start(), m.end(), u._ONE_TO_ONE[s])
    for m in u._NON_NFC_SINGLE.finditer(text):
        ed.replace(m.start(), m.end(), unicodedata.normalize("NFC", m.group(0)))
    controls = sum(text.count(c) for c in set(text) & u._CONTROL_SET)
    if controls:
        warnings.append(f"control characters removed ({controls})")
    if split:
        warnings.append(f"split diacritics joined to their letters ({split})")
    if "\u00d0" in text or "\u00f0" in text:
        warnings.append("Ð (eth) read as Đ")
    if "\u01a2" in text or "\u01a3" in text:
        warnings.append("ƣ (oi) read as ư")
    return mt.apply(ed), warnings


_ODD_TEXT = "Hoa Xa Ð ơ \u0300\u0301\u0323 \u00b4\u02cb \r\n\r\u0002\u00ad\u00a0\u2010\uffff\u0085\u2028\u037e"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ODD_TEXT, max_size=40))
def test_clean_unicode_equals_reference(text: str) -> None:
    from vnplan.normalize.unicode import clean_unicode

    mt = MappedText.identity(text)
    assert clean_unicode(mt) == _clean_unicode_reference(mt)


def test_clean_unicode_equals_reference_on_corpus() -> None:
    from vnplan.normalize.unicode import clean_unicode

    mt = MappedText.identity(corpus_text() + "\u0002 TI \u0309NH a\u00b4")
    assert clean_unicode(mt) == _clean_unicode_reference(mt)


def _noise_line_spans_by_regex(text: str) -> list[tuple[int, int]]:
    import re

    spans, pos = [], 0
    for m in re.finditer("[\n\f\u2028\u2029]", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\u2028\u2029\f\r", max_size=40))
def test_noise_line_spans_equal_regex_walk(text: str) -> None:
    from vnplan.normalize.noise import _line_spans

    assert _line_spans(text) == _noise_line_spans_by_regex(text)


def test_noise_first_character_filter_keeps_every_match() -> None:
    """A line `remove_noise` skips by its first character matches neither whole-line pattern."""
    from vnplan.normalize.noise import _MAILTO_LINE, _NOISE_FIRST, PAGE_NUMBER

    lines = [ln for ln in corpus_text().split("\n") if ln.strip(" \t")]
    lines += ["- 3 -", " Trang 4/12", "12", "\t mailto:a@b.vn", "Page 2", "٣", "— 2 —"]
    for line in lines:
        first = line.lstrip(" \t")[0]
        if first not in _NOISE_FIRST and not first.isdecimal():
            assert not PAGE_NUMBER.fullmatch(line) and not _MAILTO_LINE.fullmatch(line), line


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u3000\r*_#|>aB:", max_size=20))
def test_strip_marks_equals_regex(line: str) -> None:
    from vnplan.normalize.boilerplate import _MARKS, _strip_marks

    assert _strip_marks(line) == _MARKS.sub("", line)


def test_strip_marks_equals_regex_on_corpus_lines() -> None:
    from vnplan.normalize.boilerplate import _MARKS, _strip_marks

    for line in corpus_text().split("\n"):
        assert _strip_marks(line) == _MARKS.sub("", line)


# --------------------------------------------------------------------------- the whole normaliser

GOLDEN = Path(__file__).resolve().parent / "golden" / "normalized.json"


def _normalized_files() -> list[Path]:
    """Corpus files read without the PDF reader (text and DOCX): their raw text is stable."""
    return sorted(p for d in ("seeds", "real") for p in (CORPUS / d).iterdir() if p.suffix in {".txt", ".docx"})


def normalized_digest(path: Path) -> str:
    """Digest of everything `build_document` makes of a file: text, offsets, tables and warnings."""
    import hashlib
    import json

    from vnplan.normalize.pipeline import build_document
    from vnplan.read import read_raw

    doc = build_document(read_raw(path))
    tables = [[t.index, t.page, [[[c.text, c.start, c.end] for c in row] for row in t.rows]] for t in doc.tables]
    blob = json.dumps([doc.text, list(doc.offsets), tables, doc.warnings], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def write_golden() -> None:
    """Store the digests (made once with the code before issue 11's fast paths: the reference)."""
    import json

    digests = {p.name: normalized_digest(p) for p in _normalized_files()}
    GOLDEN.write_text(json.dumps(digests, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_normaliser_output_unchanged_on_corpus_text() -> None:
    """The fast normaliser makes byte for byte what the reference normaliser made (stored digests)."""
    import json

    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = {p.name: normalized_digest(p) for p in _normalized_files()}
    assert got == want


if __name__ == "__main__":  # python tests/test_normalize_fast.py --update (with the reference code first on the path)
    import sys

    if "--update" in sys.argv:
        write_golden()


# --------------------------------------------------------------------------- spaces beside a slash

_NUMBER_SLASH_REFERENCE = re.compile(r"(?<=\d)( +)/(?=[A-ZĐ])|(?<=\d/)( +)(?=[A-ZĐ]{2})")


def _slash_spans_reference(text: str) -> list[tuple[int, int]]:
    """The spans `fix_spacing` deleted beside a slash before issue 11's literal-first pattern."""
    out = []
    for m in _NUMBER_SLASH_REFERENCE.finditer(text):
        grp = 1 if m.group(1) else 2
        out.append((m.start(grp), m.end(grp)))
    return out


def _slash_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start(1) if m.group(1) else m.end()) for m in spacing._NUMBER_SLASH.finditer(text)]


def test_number_slash_equals_reference_on_corpus_text() -> None:
    text = corpus_text()
    # the corpus's numbers, and each with spaces put beside its slash (`05 /KH`, `05/  KH`, `05 / KH`)
    spaced = re.sub(r"(\d)/([A-ZĐ])", r"\1 /\2 \1/  \2 \1 / \2", text)
    for sample in (text, spaced):
        assert _slash_spans(sample) == _slash_spans_reference(sample)
    assert _slash_spans_reference(spaced)  # the variants do carry matches


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="05/ KHĐa\n", max_size=40))
def test_number_slash_equals_reference(text: str) -> None:
    assert _slash_spans(text) == _slash_spans_reference(text)
