"""``oefening serve`` on a scenario with teams, in a real browser: each team has its own link
with its own secret; two teams join through the browser (the system Chromium, headless, driven
by Playwright), each sees its own organisations and not the other's, and "ready" said in one
team's browser reaches the journal as that team's and shows in the other's; a team link without its secret, or with
another team's, is refused. Skipped with the reason only where no Chromium is installed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.test_serve import ARGS, CAPTURE, CHROMIUM, free_port, seen, wait_listening
from tests.paths import DATA, ROOT

TEAMS = DATA / "teams.yaml"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (Debian: apt install chromium)")
def test_two_teams_join_through_serve_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}   # this checkout's oefening in the apps it starts
    server = subprocess.Popen([sys.executable, "-m", "oefening", "serve", str(TEAMS), "--port", str(port),
                               "--lang", "en", "--seed", "1"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        printed = [server.stdout.readline() for _ in range(7)]
        links = {line.split()[1].rstrip(":"): line.split()[-1] for line in printed if line.startswith("team ")}
        journal = Path(next(line.split(maxsplit=1)[1].strip() for line in printed if line.startswith("journal:")))
        assert sorted(links) == ["alfa", "beta", "gamma", "nks"]
        secret = {team: url.rsplit("/", 1)[1] for team, url in links.items()}
        assert len(set(secret.values())) == 4                          # a secret of its own per team
        wait_listening(port)
        base = f"http://127.0.0.1:{port}"
        for wrong in (f"{base}/team/alfa/", f"{base}/team/alfa/guess", f"{base}/team/alfa/{secret['beta']}",
                      f"{base}/team/alfa/{secret['beta']}/ws", f"{base}/team/zeta/{secret['alfa']}"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(wrong, timeout=10)
            assert refused.value.code in (403, 404)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            pages = {}
            for team in ("alfa", "beta"):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.add_init_script(CAPTURE)
                page.goto(links[team])
                pages[team] = page
            alfa = seen(pages["alfa"], r"Desk A")
            beta = seen(pages["beta"], r"Desk B")
            assert "Team Alfa" in alfa and "Overtime at A" in alfa
            assert "Desk B" not in alfa and "Overtime at B" not in alfa
            assert "Desk A" not in beta and "Overtime at A" not in beta
            pages["alfa"].screenshot(path=str(tmp_path / "alfa.png"))
            pages["beta"].locator(".textual-terminal").click()
            pages["beta"].keyboard.press("r")                        # Team Beta says it is ready
            seen(pages["alfa"], r"Ready: Team Beta")                  # and Alfa sees it
            browser.close()
        ready = [json.loads(line) for line in journal.read_text().splitlines() if '"ready"' in line]
        assert [line["team"] for line in ready] == ["beta"]
    finally:
        server.send_signal(signal.SIGINT)                # Ctrl-C: a clean stop
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    assert server.returncode == 0, server.stderr.read() if server.stderr else ""
