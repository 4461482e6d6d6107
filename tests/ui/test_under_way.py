""""Under way" on a busy turn stays readable: ten organisations that all start working from
the one shared site read as that site's name once per group, with how many and which
organisations, and the panel's title counts what is under way, so a list that still scrolls
says how long it is; at 120×40 and at 80×24, in English and Dutch."""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from tests.paths import SCENARIOS
from tests.ui.test_ui import pilot_test

DIGITAL = SCENARIOS / "digitale-monocultuur.yaml"
SITE = {"en": "Working from the government-wide fallback site", "nl": "Werken vanaf de rijksbrede uitwijklocatie"}


def ten_to_the_site(tmp_path: Path, lang: str) -> Session:
    scenario = load_scenario(DIGITAL)
    session = Session.start(DIGITAL, scenario, seed=1, lang=lang, journal_path=tmp_path / "j.jsonl")
    refs = [ref for ref, _ in scenario.fallbacks() if ref.endswith("/rijksuitwijk")]
    assert len(refs) == 10
    for ref in refs:
        assert session.decide(Activate(ref)) is None
    return session


async def check(tmp_path: Path, lang: str, size: tuple[int, int]) -> None:
    session = ten_to_the_site(tmp_path, lang)
    organisations = [o.name[lang] for o in session.scenario.organisations]   # type: ignore[index]
    app = make_app(session)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#pending-box")
        assert str(box.border_title) == {"en": "Under way (10)", "nl": "Onderweg (10)"}[lang]
        text = str(app.screen.query_one("#pending").render())
        items = text.split("▣")[0]                        # the groups, before the places' line
        flat = " ".join(items.split())
        assert flat.count(SITE[lang]) == 2                 # once per group: 3 take a place, 7 wait
        assert f"{SITE[lang]} (3):" in flat and f"{SITE[lang]} (7):" in flat
        for name in organisations:
            assert flat.count(name) == 1, name   # every organisation once
        assert len(items.splitlines()) < 40                # was 3 lines per organisation
    session.close()


@pilot_test
async def test_under_way_at_120_by_40_in_english(tmp_path: Path) -> None:
    await check(tmp_path, "en", (120, 40))


@pilot_test
async def test_under_way_at_80_by_24_in_dutch(tmp_path: Path) -> None:
    await check(tmp_path, "nl", (80, 24))
