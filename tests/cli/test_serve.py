"""``oefening serve`` in a real browser: the system Chromium, headless, driven by Playwright,
loads the players' view, sees the scenario's title and the turn, and sees the turn advance
after the console (opened by its secret link) advances it; the console without its secret is
refused. Skipped with the reason only where no Chromium is installed."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import MINIMAL, ROOT

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# everything the page receives over its websockets, as text without terminal escapes
CAPTURE = """
window.__seen = "";
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Native(...args);
  ws.binaryType = "arraybuffer";
  ws.addEventListener("message", (e) => {
    const text = typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data);
    window.__seen += text.replace(/\\x1b\\[[0-9;?<>=]*[A-Za-z]/g, "").replace(/\\x1b[\\]P][^\\x07\\x1b]*(\\x07|\\x1b\\\\)/g, "");
  });
  return ws;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, timeout: float = 60.0) -> None:
    """The server prints its links before it listens: wait (bounded) until it accepts."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextlib.contextmanager
def serving(scenario: Path, tmp_path: Path, seed: int, printed: int) -> Iterator[tuple[int, list[str], Path]]:
    """``oefening serve SCENARIO`` on a free loopback port, with this checkout's oefening: the
    port, the first ``printed`` lines it prints (its links) and its journal, once it listens.
    Stopped by Ctrl-C afterwards, which must end it cleanly (exit 0)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}   # this checkout's oefening in the apps it starts
    server = subprocess.Popen([sys.executable, "-m", "oefening", "serve", str(scenario), "--port", str(port),
                               "--lang", "en", "--seed", str(seed)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(printed)]
        journal = Path(next(line.split(maxsplit=1)[1].strip() for line in lines if line.startswith("journal:")))
        wait_listening(port)
        yield port, lines, journal
    finally:
        server.send_signal(signal.SIGINT)                # Ctrl-C: a clean stop
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    assert server.returncode == 0, server.stderr.read() if server.stderr else ""


def seen(page, pattern: str, timeout: float = 40.0) -> str:  # type: ignore[no-untyped-def]
    """Wait until the page received ``pattern`` over its websockets; all it received."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = page.evaluate("window.__seen")
        if re.search(pattern, text):
            return str(text)
        page.wait_for_timeout(200)
    raise AssertionError(f"{pattern!r} not seen; the page received: "
                         f"{' '.join(page.evaluate('window.__seen').split())[-1500:]!r}")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (Debian: apt install chromium)")
def test_serve_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(MINIMAL, tmp_path, 3, 3) as (port, lines, journal):
        console_url = next(line.split()[-1] for line in lines if line.startswith("facilitator console:"))
        assert console_url.startswith(f"http://127.0.0.1:{port}/console/")
        for wrong in (f"http://127.0.0.1:{port}/console/", f"http://127.0.0.1:{port}/console/guess",
                      f"http://127.0.0.1:{port}/console/guess/ws"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(wrong, timeout=10)
            assert refused.value.code in (403, 404)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            players = browser.new_page(viewport={"width": 1400, "height": 900})
            players.add_init_script(CAPTURE)
            players.goto(f"http://127.0.0.1:{port}/")

            seen(players, r"Minimal scenario")
            seen(players, r"Turn 1 of 42")
            players.screenshot(path=str(tmp_path / "players.png"))
            console = browser.new_page(viewport={"width": 1400, "height": 900})
            console.add_init_script(CAPTURE)
            console.goto(console_url)
            seen(console, r"to the first turn")
            console.locator(".textual-terminal").click()
            console.keyboard.press("Enter")              # the briefing → the first turn
            seen(console, r"Next turn")
            console.keyboard.press("n")                  # the next turn
            seen(players, r"Turn 2 of 42")               # the projector follows
            browser.close()
        assert '"type":"turn"' in journal.read_text()
    lines = journal.read_text().splitlines()
    assert lines and all(line.endswith("}") for line in lines)   # the journal intact
