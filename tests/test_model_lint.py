"""House style on the typed layer: ``ruff check`` and ``mypy --strict`` pass on the model, the export package and their neighbours.

The rest of the package still has findings (counted in issue 13's note); these modules must have none,
so a regression in them fails the README's test command.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRICT = ["vnplan/model", "vnplan/export", "vnplan/provenance.py", "vnplan/annotate.py", "vnplan/document.py", "vnplan/record.py",
          "vnplan/views.py", "vnplan/plaintext.py", "vnplan/discover.py"]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_passes_on_the_model() -> None:
    if shutil.which("ruff") is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    done = _run(["ruff", "check", *STRICT])
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_strict_passes_on_the_model() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is not installed: pip install -e '.[test]'")
    # follow-imports=silent: the modules imported from elsewhere are read for their types, not reported on
    done = _run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", *STRICT])
    assert done.returncode == 0, done.stdout[-3000:]
