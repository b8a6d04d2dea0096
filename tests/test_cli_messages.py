"""Everything the command line shows people comes from the message catalogue (`vnplan.i18n`), Vietnamese by default.

A fixed English text written straight into a CLI module bypasses the catalogue, so ``--lang vi`` (the
default) would still show English. This test reads the CLI modules and fails on a literal message
given to ``print``, to an error, or as a ``help=`` / ``description=`` text; argparse's own words
(usage, section titles, -h) come from the catalogue too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = sorted((ROOT / "vnplan" / "cli").glob("*.py"))
SHOWN = {"print", "_print", "_fail", "VnplanError", "RecordError"}  # calls whose text a person reads


def _literal(node: ast.AST) -> str | None:
    """The fixed text of a string expression (f-string parts and concatenations included), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_literal(node.left) or "") + (_literal(node.right) or "")
    return None


def _words(text: str | None) -> bool:
    """Whether ``text`` has words of its own (not just spacing, arrows, a colon or the program's name)."""
    return bool(text) and sum(c.isalpha() for c in (text or "").replace("vnplan", "")) > 2


def _calls() -> list[tuple[str, ast.Call]]:
    return [(f"{path.name}:{node.lineno}", node) for path in CLI
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None) or ""


def test_messages_and_errors_go_through_the_catalogue() -> None:
    bypass = [where for where, call in _calls() if _name(call) in SHOWN and any(_words(_literal(a)) for a in call.args)]
    assert bypass == []


def test_help_texts_go_through_the_catalogue() -> None:
    bypass = [where for where, call in _calls() for k in call.keywords
              if k.arg in ("help", "description") and _words(_literal(k.value))]
    assert bypass == []


@pytest.mark.parametrize(("argv", "expected"), [
    (["--help"], "Đọc văn bản kế hoạch của cơ quan nhà nước Việt Nam thành dữ liệu."),
    (["--lang", "en", "--help"], "Read Vietnamese government plan documents into data."),
    (["extract", "--help"], "cách dùng: vnplan extract"),
    (["extract", "--help"], "không chạy OCR với PDF chỉ có ảnh"),
    (["--lang", "en", "extract", "--help"], "do not run OCR on image-only PDFs"),
    (["check", "--help"], "mã thoát: 0 đạt (ĐẠT)"),
])
def test_help_is_vietnamese_unless_english_is_asked(argv: list[str], expected: str, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from vnplan.cli import main

    monkeypatch.delenv("VNPLAN_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(argv)
    assert expected in capsys.readouterr().out


def test_error_line_is_vietnamese_by_default(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from vnplan.cli import main

    monkeypatch.delenv("VNPLAN_LANG", raising=False)
    assert main(["read", "khong-co-tep-nay.pdf"]) == 1
    err = capsys.readouterr().err
    assert "lỗi" in err and "không có tệp này" in err
