"""Drive a built site in headless Chromium over the DevTools protocol (a pipe: no port, no network).

For the tests and the benchmark: open a page, run JavaScript, click, screenshot, and
collect every console error, uncaught exception and failed request.

    >>> with Chromium() as browser:  # doctest: +SKIP
    ...     browser.open("site/index.html")
    ...     browser.evaluate("document.title")
    'Kho văn bản kế hoạch'
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from vnplan.errors import VnplanError

__all__ = ["Chromium", "find_chromium"]


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """A headless browser with one page; ``errors`` collects console errors, exceptions and failed loads."""

    def __init__(self, width: int = 1280, height: int = 860, timeout: float = 60.0) -> None:
        exe = find_chromium()
        if exe is None:
            raise VnplanError(None, "headless Chromium is not installed (chromium)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="vnplan-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds() -> None:  # the browser reads commands on fd 3 and writes replies on fd 4
            import fcntl

            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_r, from_browser_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", f"--user-data-dir={self.profile}", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,  # noqa: PLW1509 - no threads here stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._id = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []
        self.errors: list[str] = []
        page = next(t for t in self._call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self._call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    # --- protocol -------------------------------------------------------------------------------------------
    def _write(self, message: dict[str, Any]) -> None:
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise VnplanError(None, "Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        wanted = self._id
        message: dict[str, Any] = {"id": wanted, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._write(message)
        while True:
            reply = self._read()
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise VnplanError(None, f"Chromium: {method}: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._event(reply)

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if not method:
            return
        self.events.append(message)
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append("exception: " + str(details.get("exception", {}).get("description") or details.get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry.get('text')} {entry.get('url') or ''}".strip())
        elif method == "Network.loadingFailed":
            self.errors.append(f"request failed: {params.get('errorText')}")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A DevTools command to the page; returns its result."""
        return self._call(method, self.session, **params)

    def _wait(self, method: str, since: int) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if any(e.get("method") == method for e in self.events[since:]):
                return
            self._event(self._read())
        raise VnplanError(None, f"Chromium: no {method} within {self.timeout:.0f} s")

    # --- page actions ---------------------------------------------------------------------------------------
    def open(self, target: str | os.PathLike[str]) -> None:
        """Load a page (a file path or a URL) and wait for its load event."""
        url = target if isinstance(target, str) and "://" in target else Path(target).resolve().as_uri()
        since = len(self.events)
        self.send("Page.navigate", url=url)
        self._wait("Page.loadEventFired", since)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise VnplanError(None, f"JavaScript: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result.get("result", {}).get("value")

    def click(self, selector: str) -> None:
        """Click the first element matching ``selector``; a link's page is waited for."""
        since = len(self.events)
        href = self.evaluate(f"(function(){{var e=document.querySelector({json.dumps(selector)});"
                             f"if(!e) throw new Error('no element ' + {json.dumps(selector)});"
                             f"var h=e.tagName==='A'?e.href:null; e.click(); return h;}})()")
        if href:
            self._wait("Page.loadEventFired", since)

    def screenshot(self, path: str | os.PathLike[str], width: int | None = 1000) -> Path:
        """A PNG of the viewport, scaled to ``width`` pixels and reduced to 256 colours (small files)."""
        from io import BytesIO

        from PIL import Image

        data = base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        image = Image.open(BytesIO(data)).convert("RGB")
        if width and image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        image.quantize(256).save(out, optimize=True)
        return out

    def close(self) -> None:
        try:
            self._write({"id": 0, "method": "Browser.close"})
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
