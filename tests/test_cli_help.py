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
    text = _helps()[command]
    assert "examples:" in text
    examples = [line.split("#")[0].split(">")[0].strip() for line in text.split("examples:", 1)[1].splitlines()
                if line.strip().startswith("vnplan ")]
    assert examples
    for example in examples:
        args = build_parser().parse_args(shlex.split(example)[1:])  # argparse exits on a bad example
        assert not command or args.command == command
