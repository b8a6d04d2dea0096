"""Problems with input files are told in the user's language: Vietnamese by default, English on request.

The messages are rows of vnplan/data/messages.tsv (``err.*``, with ``kind.*`` terms inside them); a
`VnplanError` keeps its key, so the same error reads in either language, survives pickling into and out of
worker processes, and a batch's workers speak the parent's language.
"""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import vnplan
from vnplan.batch.runner import run_batch
from vnplan.cli import main
from vnplan.errors import EmptyFileError, VnplanError, WrongExtensionError
from vnplan.i18n import use_lang

ROOT = Path(__file__).resolve().parents[1]


def _fake_pdf(tmp_path: Path) -> Path:
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_text("Kế hoạch số 12/KH-UBND", encoding="utf-8")  # a text file named .pdf
    return fake


def test_read_errors_are_vietnamese_by_default_and_english_on_request(tmp_path: Path) -> None:
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError) as caught:
        vnplan.read(empty)
    assert str(caught.value) == f"{empty}: tệp rỗng (0 byte)"
    assert caught.value.problem_in("en") == "the file is empty (0 bytes)"
    with use_lang("en"), pytest.raises(WrongExtensionError, match="named .pdf but the content is a text file"):
        vnplan.read(_fake_pdf(tmp_path))


def test_a_keyed_error_survives_pickling_with_its_key_and_class(tmp_path: Path) -> None:
    with pytest.raises(WrongExtensionError) as caught:
        vnplan.read(_fake_pdf(tmp_path))
    back = pickle.loads(pickle.dumps(caught.value))
    assert type(back) is WrongExtensionError and back.key == "err.wrong_extension"
    assert back.problem == "tên tệp có đuôi .pdf nhưng nội dung là một tệp văn bản thuần"
    with use_lang("en"):
        assert back.problem == "named .pdf but the content is a text file"
    plain = pickle.loads(pickle.dumps(VnplanError("a.pdf", "a problem told as text")))
    assert str(plain) == "a.pdf: a problem told as text" and plain.key is None


def test_batch_workers_speak_the_parents_language(tmp_path: Path) -> None:
    fake = str(_fake_pdf(tmp_path))
    with use_lang("en"):
        [(_, record)] = list(run_batch([fake], workers=1, timeout=60))
    assert record["message"].endswith("named .pdf but the content is a text file")
    [(_, record)] = list(run_batch([fake], workers=1, timeout=60))
    assert record["message"].endswith("nội dung là một tệp văn bản thuần")


def test_cli_error_line_follows_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = _fake_pdf(tmp_path)
    assert main(["--lang", "en", "read", str(fake)]) == 1
    assert capsys.readouterr().err.strip() == f"vnplan: error: {fake}: named .pdf but the content is a text file"
    assert main(["read", str(fake)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"vnplan: lỗi: {fake}: tên tệp có đuôi .pdf nhưng nội dung là một tệp văn bản thuần")


def test_an_error_needs_a_text_or_a_key_not_both() -> None:
    with pytest.raises(TypeError):
        VnplanError("a.pdf")
    with pytest.raises(TypeError):
        VnplanError("a.pdf", "text", key="err.empty_file")


# Modules whose input errors are all keyed: a new English literal in a raise here is a regression.
KEYED = ["read/__init__.py", "read/docx.py", "read/legacy_doc.py", "read/pdf.py", "read/pdf_textpage.py",
         "read/budget.py", "read/text.py", "read/source.py", "batch/runner.py", "batch/pipeline.py",
         "compare/inputs.py", "link/resolve.py", "export/outfile.py", "export/records.py", "store/schema.py"]
_LITERAL_RAISE = re.compile(r"(?:raise|=|return)\s+\w*Error\((?:name|path|None|self\.path|os\.fspath\(path\)|_name\(con\)),"
                            r"\s*f?\"")


@pytest.mark.parametrize("module", KEYED)
def test_no_english_literal_in_a_keyed_module(module: str) -> None:
    source = (ROOT / "vnplan" / module).read_text(encoding="utf-8")
    assert not _LITERAL_RAISE.findall(source)
    assert _LITERAL_RAISE.findall('raise CorruptFileError(name, "the PDF has no pages")')  # the check can fail
