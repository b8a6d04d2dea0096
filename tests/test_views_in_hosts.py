"""Issue 16, point 5: vnplan's Jupyter views keep their layout under the hosts' table CSS.

Each view (record card, Records table, diff, compliance report, table of many plans) is put in a page
that carries the table rules of JupyterLab, classic Notebook and VS Code (right-aligned, nowrap,
ellipsis); headless Chromium computes the style of every cell, and the cells must come out
left-aligned (numbers right), top-aligned and wrapping between words.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vnplan.collection import Records
from vnplan.compare import check, check_many, compare
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium")]

HOSTS = {
    "jupyterlab": ("jp-RenderedHTMLCommon", (".jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th "
                   "{ text-align: right; vertical-align: middle; white-space: nowrap; text-overflow: ellipsis; "
                   "overflow: hidden; max-width: 120px; padding: 0.5em; }"
                   ".jp-RenderedHTMLCommon table { table-layout: fixed; border-collapse: collapse; }")),
    "notebook": ("rendered_html", (".rendered_html td, .rendered_html th { text-align: right; vertical-align: middle; "
                 "word-break: break-all; } .rendered_html table { table-layout: fixed; }")),
    "vscode": ("vscode-body", (".vscode-body table td, .vscode-body table th { text-align: right; white-space: pre; "
               "text-overflow: ellipsis; overflow: hidden; }")),
}

PROBE = """<script>
const out = [];
document.querySelectorAll("[class^=vnp] td, [class^=vnp] th").forEach(c => {
  const s = getComputedStyle(c);
  out.push([c.closest("[data-view]").dataset.view, c.className, s.textAlign, s.verticalAlign, s.whiteSpace, s.wordBreak, s.textOverflow]);
});
document.getElementById("probe").textContent = JSON.stringify(out);
</script>"""


def _views() -> dict[str, str]:
    template, local = SEEDS / "003_ccd8d4cb88100caa.txt", SEEDS / "000_28b0c8e4ade0a855.txt"
    gold = json.loads((ROOT / "corpus/gold/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf.json")
                      .read_text(encoding="utf-8"))
    record = Record.from_dict({**gold, "source": {"path": gold["file"]}})
    return {"card": record._repr_html_(), "records": Records([record])._repr_html_(),
            "diff": compare(template, local)._repr_html_(), "report": check(template, local)._repr_html_(),
            "many": check_many(template, [local])._repr_html_()}


def _computed(views: dict[str, str], host: str, tmp_path: Path) -> list[list[str]]:
    """The computed style of every cell of every view, as ``[view, class, text-align, …]`` rows."""
    root, css = HOSTS[host]
    page = tmp_path / f"{host}.html"
    body = "".join(f"<div class='{root}' data-view='{name}'>{fragment}</div>" for name, fragment in views.items())
    page.write_text(f"<!doctype html><meta charset=utf-8><style>{css}</style>{body}<pre id=probe></pre>{PROBE}",
                    encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    probe = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.DOTALL)
    assert probe, "the probe script did not run"
    return json.loads(probe.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.fixture(scope="module")
def views() -> dict[str, str]:
    return _views()


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_cells_left_aligned_top_aligned_and_wrapping(views: dict[str, str], host: str, tmp_path: Path) -> None:
    cells = _computed(views, host, tmp_path)
    assert all(sum(c[0] == name for c in cells) >= 3 for name in views)
    for name, cls, align, valign, white_space, word_break, overflow in cells:
        assert align == ("right" if "num" in cls.split() else "left"), (name, cls, align)
        assert valign == "top" and white_space in ("normal", "nowrap"), (name, cls, valign, white_space)
        assert word_break == "normal" and overflow == "clip", (name, word_break, overflow)
