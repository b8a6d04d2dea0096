"""Every `vnplan` command's --help ends with examples, and every example parses (issue 16, point 8)."""
from __future__ import annotations

import shlex

import pytest

from vnplan.cli import COMMANDS, build_parser


def _helps() -> dict[str, str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {"": parser.format_help(), **{name: p.format_help() for name, p in sub.choices.items()}}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_examples_that_parse(command: str) -> None:
    from vnplan.i18n import t

    text = _helps()[command]
    assert t("cli.examples") in text
    examples = [line.split("#")[0].split(">")[0].strip() for line in text.split(t("cli.examples"), 1)[1].splitlines()
                if line.strip().startswith("vnplan ")]
    assert examples
    for example in examples:
        args = build_parser().parse_args(shlex.split(example)[1:])  # argparse exits on a bad example
        assert not command or args.command == command


@pytest.mark.parametrize("env, tty, expected", [({}, True, True), ({}, False, False), ({"NO_COLOR": "1"}, True, False),
                                                ({"FORCE_COLOR": "1"}, False, True)])
def test_colour_on_a_terminal_only(env: dict, tty: bool, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from vnplan.cli.style import colour, colour_enabled

    for key in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream = io.StringIO()
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    assert colour_enabled(stream) is expected
    assert colour("KHÔNG ĐẠT", "fail", enabled=True) == "\x1b[31;1mKHÔNG ĐẠT\x1b[0m"


def test_check_verdict_is_coloured_when_forced(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from vnplan.cli import main

    seeds = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    code = main(["check", "--against", str(seeds / "003_ccd8d4cb88100caa.txt"), str(seeds / "000_28b0c8e4ade0a855.txt")])
    assert code == 0 and "\x1b[32;1mĐẠT\x1b[0m" in capsys.readouterr().out
