"""The layer contract (pyproject ``[tool.importlinter]``) holds, and `Document` is a plain value.

model < read < normalize < structure < extract < link/compare < export < batch/store/site < cli: a
module imports only layers below its own.  The known exceptions are listed, with a reason each, in
the contract; this test pins their number, so a new one is a decision, not an accident.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KNOWN_EXCEPTIONS = 5  # was 17: values now find their writers in vnplan.views, discover moved down to read's layer


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([exe, "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_layer_contract_is_kept() -> None:
    done = _lint_imports()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"KEPT ({KNOWN_EXCEPTIONS} ignored imports)" in " ".join(done.stdout.split())


def _vnplan_imports(path: Path) -> list[str]:
    """The vnplan modules ``path`` imports at run time (``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", None) == "TYPE_CHECKING" for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vnplan"):
            out.append(node.module or "")
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("vnplan")]
    return out


@pytest.mark.parametrize("module", ["vnplan/document.py", "vnplan/model/source.py", "vnplan/model/values.py"])
def test_plain_values_import_nothing_of_vnplan(module: str) -> None:
    """Issue 13: document.py imported the reader, the normaliser and structure.segment, which import it."""
    allowed = ("vnplan.model",) if module.startswith("vnplan/model") else ()
    assert [m for m in _vnplan_imports(ROOT / module) if not (allowed and m.startswith(allowed))] == []


def test_document_views_still_work_without_the_cycle() -> None:
    """``Document.from_text`` and ``doc.outline`` stay, registered by the layers that build them."""
    from vnplan.document import Document

    doc = Document.from_text("KẾ HOẠCH\nTổ chức Tuần lễ\nI. MỤC ĐÍCH\nII. NỘI DUNG")
    assert [n.label for n in doc.outline.body] == ["I.", "II."]
    assert doc.outline is doc.outline  # built once


def test_every_view_a_value_asks_for_is_registered() -> None:
    """Issue 13: values call their writers by name (`vnplan.views`); a renamed writer must not leave a dangling name."""
    import re

    import vnplan  # noqa: F401  (loads vnplan.export and vnplan.store, which register)
    from vnplan.views import registered

    asked = {m for p in (ROOT / "vnplan").rglob("*.py")
             if "from vnplan.views import" in (text := p.read_text(encoding="utf-8"))
             for m in re.findall(r"""\bview\("([a-z.]+)"\)""", text)}
    assert asked and asked <= set(registered()), sorted(asked - set(registered()))
