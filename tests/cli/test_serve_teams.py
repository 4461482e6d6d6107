"""``oefening serve`` on a scenario with teams, in a real browser: each team has its own link
with its own secret; two teams join through the browser (the system Chromium, headless, driven
by Playwright), each sees its own organisations and not the other's, and "ready" said in one
team's browser reaches the journal as that team's and shows in the other's; a team link without its secret, or with
another team's, is refused. Skipped with the reason only where no Chromium is installed."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.test_serve import ARGS, CAPTURE, CHROMIUM, seen, serving
from tests.paths import DATA

TEAMS = DATA / "teams.yaml"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (Debian: apt install chromium)")
def test_two_teams_join_through_serve_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(TEAMS, tmp_path, 1, 7) as (port, printed, journal):
        links = {line.split()[1].rstrip(":"): line.split()[-1] for line in printed if line.startswith("team ")}
        assert sorted(links) == ["alfa", "beta", "gamma", "nks"]
        secret = {team: url.rsplit("/", 1)[1] for team, url in links.items()}
        assert len(set(secret.values())) == 4                          # a secret of its own per team
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

