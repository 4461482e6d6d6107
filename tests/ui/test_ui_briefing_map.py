"""The briefing shows the dependency map as a text tree (issue #15), shown as it is."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Markdown

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.briefing import BriefingScreen, briefing_markdown
from tests.paths import SCENARIOS

MONOCULTURE = SCENARIOS / "digitale-monocultuur.yaml"


def test_briefing_shows_the_map_as_a_tree(tmp_path: Path) -> None:
    """After pressing End in the briefing, the map's tree is on the page: Nimbus with the services
    it delivers, and the facilities with their places and claimants."""
    async def scenario() -> None:
        session = Session.start(MONOCULTURE, load_scenario(MONOCULTURE), seed=1, lang="en",
                                journal_path=tmp_path / "journal.jsonl")
        app = make_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            assert isinstance(app.screen, BriefingScreen)
            await pilot.press("end")
            await pilot.pause()
            source = app.screen.query_one(Markdown).source
            assert "## Dependency map" in source
            assert "nimbus · Nimbus Managed Services\n├─ werkplek · Managed workplace" in source
            assert "rijksuitwijk · Government-wide fallback site: 3 places, 10 fallbacks that want one" in source
        session.close()
    asyncio.run(scenario())


def test_backticks_in_a_name_cannot_close_the_tree() -> None:
    """A supplier called ```` ``` ```` stays inside the code block: the fence is longer."""
    scenario = load_scenario(MONOCULTURE)
    doc = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["suppliers"][0]["name"] = "Nimbus ``` # not a heading"
    text = briefing_markdown(type(scenario).model_validate(doc), 42, "en")
    assert "````text\n" in text
    assert "\n# not a heading" not in text
