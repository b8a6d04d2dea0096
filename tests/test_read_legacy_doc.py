"""Legacy Word files are read through LibreOffice, recognised by content whatever their extension (issue 11)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from vnplan.read import read, sniff
from vnplan.read.legacy_doc import is_word_binary

DOCX = Path(__file__).resolve().parents[1] / "corpus" / "real" / "007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    tmp = tmp_path_factory.mktemp("doc")
    src = tmp / "ke-hoach.docx"
    shutil.copyfile(DOCX, src)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp / 'lo').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp / "out"), str(src)],
                   check=True, capture_output=True, timeout=180)
    return tmp / "out" / "ke-hoach.doc"


@needs_soffice
def test_doc_read_directly(legacy_doc: Path) -> None:
    assert sniff(legacy_doc) == "ole" and is_word_binary(legacy_doc)
    doc = read(legacy_doc)
    assert doc.raw.path == str(legacy_doc)
    assert "converted from .doc with LibreOffice" in doc.raw.warnings
    assert "Số: /KH-SCT" in doc.text and "SỞ CÔNG THƯƠNG" in doc.text


@needs_soffice
def test_doc_named_docx_is_read_by_content(legacy_doc: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "ke-hoach-that-ra-la-doc.docx"
    shutil.copyfile(legacy_doc, renamed)
    doc = read(renamed)
    assert "SỞ CÔNG THƯƠNG" in doc.text and doc.raw.path == str(renamed)


def test_docx_named_doc_is_read_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "ke-hoach.doc"
    shutil.copyfile(DOCX, renamed)
    assert "SỞ CÔNG THƯƠNG" in read(renamed).text


def test_ole_that_is_not_word_is_refused_in_one_line(tmp_path: Path) -> None:
    from vnplan.errors import UnsupportedFormatError

    fake = tmp_path / "bang-tinh.doc"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1200)
    with pytest.raises(UnsupportedFormatError, match="bang-tinh.doc") as err:
        read(fake)
    assert "\n" not in str(err.value)
