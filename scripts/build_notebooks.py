"""Build notebooks/*.ipynb from their jupytext sources notebooks/*.py, and execute them.

The source of each notebook is ``notebooks/NN-name.py`` (jupytext percent format, checked by ruff);
the ``.ipynb`` next to it is paired with it (``formats: ipynb,py:percent``) and committed with its
outputs so that it reads well on a repository page. After editing a notebook in Jupyter (which,
with jupytext installed, saves both files) or its ``.py`` in an editor, re-run:

    PYTHONPATH=$PWD python scripts/build_notebooks.py              # sync and execute all four
    PYTHONPATH=$PWD python scripts/build_notebooks.py 02 03        # only these
    PYTHONPATH=$PWD python scripts/build_notebooks.py --no-execute # sync the cells, keep no outputs

Cells run with nbclient in notebooks/ (the notebooks find the repository root themselves; the kernel
inherits PYTHONPATH), with timings not recorded, so that a re-run changes only what really changed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def load(source: Path) -> Any:
    """The notebook of the jupytext file ``source``, not executed, with stable cell ids (``01-00``, …)."""
    import jupytext

    nb = jupytext.read(source)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{source.stem[:2]}-{i:02d}"
    return nb


def execute(nb: Any, timeout: int = 900) -> None:
    """Run every cell in notebooks/ (raises `nbclient.exceptions.CellExecutionError` on an error)."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    nb.metadata["language_info"] = {"name": "python"}  # no interpreter version in the committed file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("only", nargs="*", help="notebook names or prefixes (default: all)")
    parser.add_argument("--no-execute", action="store_true", help="write the cells without running them")
    args = parser.parse_args(argv)
    import jupytext

    for source in sorted(NOTEBOOKS.glob("[0-9]*.py")):
        if args.only and not any(source.stem.startswith(p) for p in args.only):
            continue
        nb = load(source)
        if not args.no_execute:
            print(f"executing {source.stem} …", file=sys.stderr)
            execute(nb)
        noise = [(i, o["text"]) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                 for o in c.get("outputs", []) if o.get("name") == "stderr"]
        for i, text in noise:  # library warnings end up on the repository page: silence them at the source
            print(f"  warning: cell {i} wrote to stderr: {text.strip()[:200]!r}", file=sys.stderr)
        path = source.with_suffix(".ipynb")
        jupytext.write(nb, path)
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
