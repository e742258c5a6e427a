"""A small driver for headless Chromium over the DevTools protocol, for the HTML export tests.

It starts Debian's ``chromium`` with a throw-away profile, opens one page and
records what the page does: console errors, uncaught exceptions, log entries
(CSP violations, failed loads), every network request and every JavaScript
dialog (``alert``), which it dismisses so the page never blocks. Only the
``websocket-client`` package is needed; no browser download.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
    "--remote-debugging-port=0", "--remote-allow-origins=*",
)  # fmt: skip


def find_chromium() -> str | None:
    """Path of a Chromium binary (``$CHROMIUM`` first), or None."""
    candidates = [os.environ.get("CHROMIUM")] + [shutil.which(name) for name in BINARIES]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


class BrowserError(RuntimeError):
    """Chromium did not start, or a DevTools command failed or timed out."""


class Chromium:
    """One headless Chromium process; use as a context manager."""

    def __init__(self, binary: str | None = None, *, timeout: float = 20.0) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise BrowserError("no chromium binary found")
        self.profile = tempfile.mkdtemp(prefix="supplygraph-chromium-")
        self.process = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise BrowserError(f"{self.binary} did not open its DevTools port within {timeout:.0f} s")
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])

    def new_page(self, width: int = 1400, height: int = 900, scale: float = 1.0) -> "Page":
        """A new tab, with DevTools events enabled."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            target = json.load(response)
        return Page(target["webSocketDebuggerUrl"], width, height, scale)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab. ``events`` holds every DevTools event received, in order."""

    def __init__(self, ws_url: str, width: int, height: int, scale: float) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale, mobile=False)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run a DevTools command and return its result, recording events that arrive meanwhile."""
        self.next_id += 1
        call_id = self.next_id
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self._record(message)

    def _record(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":
            self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog", "params": {"accept": False}}))

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited when it is a promise)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> float:
        """Poll until ``expression`` is truthy; return the seconds waited."""
        start = time.monotonic()
        while not self.evaluate(f"!!({expression})"):
            crashed = [e for e in self.errors() if e.startswith("exception:")]
            if crashed:
                raise BrowserError(f"the page threw while waiting for {expression}: {crashed}")
            if time.monotonic() - start > timeout:
                raise BrowserError(f"timed out after {timeout:.0f} s waiting for {expression}")
            time.sleep(0.05)
        return time.monotonic() - start

    def screenshot(self, path: str | os.PathLike) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    # -- what the page did -------------------------------------------------

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error-level log entries (CSP violations, failed loads)."""
        found = []
        for event in self.events:
            params = event["params"]
            if event["method"] == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append("exception: " + str(details.get("exception", {}).get("description") or details.get("text")))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append("log: " + params["entry"]["text"])
        return found

    def dialogs(self) -> list[str]:
        return [e["params"]["message"] for e in self.events if e["method"] == "Page.javascriptDialogOpening"]

    def close(self) -> None:
        self.ws.close()


def screenshot(html: str | os.PathLike, png: str | os.PathLike, width: int = 1800, height: int = 1150) -> None:
    """Open an exported view, wait until its layout has settled and save a PNG of the page."""
    with Chromium() as browser:
        page = browser.new_page(width=width, height=height)
        page.goto(Path(html).resolve().as_uri())
        page.wait_for("window.supplygraph && window.supplygraph.stable", timeout=120)
        if page.errors():
            raise BrowserError(f"{html}: {page.errors()}")
        page.screenshot(png)
        page.close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Screenshot an exported network view (used for docs/).")
    parser.add_argument("html")
    parser.add_argument("png")
    parser.add_argument("--width", type=int, default=1800)
    parser.add_argument("--height", type=int, default=1150)
    args = parser.parse_args()
    screenshot(args.html, args.png, args.width, args.height)
