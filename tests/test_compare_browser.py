"""The HTML diff report in headless Chromium: it renders, and its redline colours show in the screenshot."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from vnplan.compare import compare
from vnplan.export.compare_html import COLOURS
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium")]


def gold(name: str) -> Record:
    data = json.loads((ROOT / "corpus" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    return Record.from_dict({**data, "source": {"path": data["file"]}})


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def screenshot(html_path: Path, png: Path, profile: Path) -> None:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1400,1000", html_path.as_uri()]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def test_html_report_shows_changes_at_a_glance(tmp_path: Path) -> None:
    from PIL import Image

    diff = compare(gold("004_1d908d2fd900364c.txt"), gold("002_968b6796712df7a0.txt"))
    page = tmp_path / "diff.html"
    page.write_text(diff.to_html(), encoding="utf-8")
    assert "http" not in page.read_text(encoding="utf-8").split("<body>")[0]  # self-contained head
    png = Path(__import__("os").environ.get("VNPLAN_SCREENSHOT", tmp_path / "diff.png"))
    screenshot(page, png, tmp_path / "profile")
    img = Image.open(png).convert("RGB")
    assert img.size == (1400, 1000)
    counts = {name: 0 for name in ("del", "ins", "dropped", "added", "modified")}
    targets = {name: _rgb(COLOURS[name]) for name in counts}
    for colour_count, rgb in img.getcolors(maxcolors=1 << 20) or []:
        for name, target in targets.items():
            if all(abs(a - b) <= 3 for a, b in zip(rgb, target)):
                counts[name] += colour_count
    # every kind of change is visible above the fold, as coloured areas, not specks
    assert all(n > 400 for n in counts.values()), counts
    # word-level marks stay marks: strong red/green cover a small share of the page
    assert counts["del"] + counts["ins"] < 0.1 * 1400 * 1000, counts
