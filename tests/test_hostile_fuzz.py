"""Issue 12, fuzzing: whatever bytes a file holds, reading and extracting it gives a result or a `VnplanError`.

Brief in the default suite (``VNPLAN_FUZZ_EXAMPLES``, default 12 examples per target); longer on demand:
``VNPLAN_FUZZ_EXAMPLES=2000 pytest tests/test_hostile_fuzz.py``, or coverage-guided with atheris:
``python scripts/fuzz_readers.py docx``.  Inputs are mutations of small valid files (a DOCX and a PDF
generated here, the seed plan as text), so most examples get past the format checks into the parsers.
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import hostile_files as H
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnplan.errors import VnplanError

EXAMPLES = int(os.environ.get("VNPLAN_FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 50,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _seed_files() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="vnplan-fuzz-") as folder:
        docx = H.docx(Path(folder) / "kh.docx", [p for p in H.seed_text().splitlines() if p.strip()][:30]).read_bytes()
    pdf = (H.ROOT / "corpus" / "real" / "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf").read_bytes()
    return {"txt": H.seed_text()[:4000].encode(), "docx": docx, "pdf": pdf}


SEEDS = _seed_files()


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A seed file with a few edits: bytes overwritten, a slice removed or repeated, the tail cut."""
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["set", "cut", "dup", "truncate", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "set":
            data[at:at + 4] = draw(st.binary(min_size=1, max_size=4))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 512))]
        elif op == "dup":
            data[at:at] = data[at:at + draw(st.integers(1, 256))] * draw(st.integers(2, 20))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from([b"\x00", b"\x1b[2J", b"\xff\xfe", b"%PDF-", b"PK\x03\x04", b"<<", b"endobj",
                                                b"\xe1\xba", b"\r", "Điều 1.".encode()]))
        else:
            del data[max(1, at):]
    return bytes(data)


def _outcome(data: bytes, suffix: str) -> object:
    """Read and extract ``data`` as a ``suffix`` file: the record, or the `VnplanError` (anything else fails)."""
    from vnplan.extract import extract

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(data)
        try:
            return extract(path, ocr=False)
        except VnplanError as exc:
            assert str(exc).startswith(str(path)) or "\n" not in str(exc)
            return exc


@FUZZ
@given(st.one_of(mutated("txt"), st.binary(max_size=3000),
                 st.text(max_size=2000).map(lambda t: t.encode("utf-16" if len(t) % 3 == 0 else "utf-8", "surrogatepass"))))
def test_text_reader_never_raises_anything_but_vnplan_error(data: bytes) -> None:
    _outcome(data, ".txt")


@FUZZ
@given(mutated("docx"))
def test_docx_reader_never_raises_anything_but_vnplan_error(data: bytes) -> None:
    _outcome(data, ".docx")


@FUZZ
@given(st.text(max_size=3000))
def test_docx_with_any_xml_body_never_raises_anything_but_vnplan_error(body: str) -> None:
    """A well-formed package whose document.xml holds anything (broken XML, entities, DOCTYPE, huge nesting)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.docx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", H._CONTENT_TYPES)
            zf.writestr("_rels/.rels", H._RELS)
            zf.writestr("word/document.xml", f'<w:document xmlns:w="{H._W}"><w:body>{body}</w:body></w:document>'
                        .encode("utf-8", "surrogatepass"))
        _outcome(path.read_bytes(), ".docx")


@FUZZ
@given(mutated("pdf"))
def test_pdf_reader_never_raises_anything_but_vnplan_error(data: bytes) -> None:
    _outcome(data, ".pdf")


@FUZZ
@given(st.text(max_size=4000))
def test_normaliser_and_extraction_take_any_text(text: str) -> None:
    """Any string (lone surrogates, controls, combining marks, RTL marks) through normalise + structure + fields."""
    from vnplan.extract import extract_document
    from vnplan.normalize import build_document
    from vnplan.read.text import blocks_from_string

    doc = build_document(blocks_from_string(text, "x.txt"))
    assert len(doc.offsets) == len(doc.text) + 1
    extract_document(doc, "x.txt").to_dict()


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_seed_files_are_read(kind: str) -> None:
    """The seeds themselves read cleanly: mutations start from a valid file, so the fuzzing reaches the parsers."""
    outcome = _outcome(SEEDS[kind], "." + kind)
    assert not isinstance(outcome, VnplanError), outcome


def test_zip_version_python_cannot_read_is_a_corrupt_docx(tmp_path: Path) -> None:
    """Found by atheris: a member claiming ZIP version 23.5 raised NotImplementedError from zipfile."""
    data = bytearray(SEEDS["docx"])
    at = data.index(b"PK\x01\x02") + 6  # central directory: signature, version made by, version needed
    data[at:at + 2] = (235).to_bytes(2, "little")
    outcome = _outcome(bytes(data), ".docx")
    assert isinstance(outcome, VnplanError) and "bị hỏng" in str(outcome)


def test_damaged_embedded_font_falls_back_instead_of_raising(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by atheris: a mutated PDF font made fontTools raise struct.error inside font recovery."""
    import importlib
    import struct

    monkeypatch.setenv("VNPLAN_CACHE", str(tmp_path))  # no recovered page from an earlier run
    fonts = importlib.import_module("vnplan.read.pdf_fonts")
    monkeypatch.setattr(fonts.FontFixer, "fix_page", lambda *a: (_ for _ in ()).throw(struct.error("unpack")))
    pdf = H.ROOT / "corpus" / "real" / "011_qd-1050-sct-laocai-kiem-tra-vlncn-2026.pdf"  # garbled fonts: recovery runs
    from vnplan.read import read

    doc = read(pdf, ocr=False, require_vietnamese=False)
    assert doc.raw.blocks  # read as the garbled text, as without fontTools


@pytest.mark.parametrize("word", ["ǵ", "Ǵ", "ǵ ǵ"])
def test_lone_g_with_a_tone_mark_is_folded(word: str) -> None:
    """Found by atheris: ``fold_tone("ǵ")`` (a g with an acute, no vowel) raised IndexError in the normaliser."""
    from vnplan.normalize.fold import fold_tone

    assert fold_tone(word) == word
