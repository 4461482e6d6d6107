"""With ten organisations that have fallbacks of the same name, every line that tells what
became of a fallback names its organisation: the feed, the end screen and the report
(:func:`oefening.words.entries.tell` is the one place entries become words); nl and en."""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.report.document import build
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.end import EndScreen
from tests.paths import SCENARIOS
from tests.ui.test_console import Clock, feed
from tests.ui.test_ui import SIZE, pilot_test

DIGITAL = SCENARIOS / "digitale-monocultuur.yaml"
INCOME, ALLOWANCES = "inkomensbureau/uitkeringen/rijksuitwijk", "toeslagenbureau/toeslagen/rijksuitwijk"
SITE = {"en": "Working from the government-wide fallback site", "nl": "Werken vanaf de rijksbrede uitwijklocatie"}


def two_activated(tmp_path: Path, lang: str) -> Session:
    session = Session.start(DIGITAL, load_scenario(DIGITAL), seed=1, lang=lang, journal_path=tmp_path / "j.jsonl")
    assert session.decide(Activate(INCOME)) is None and session.decide(Activate(ALLOWANCES)) is None
    return session


def flat(text: str) -> str:
    return " ".join(text.split())


@pilot_test
async def test_the_feed_and_the_end_screen_name_the_organisation(tmp_path: Path) -> None:
    session = two_activated(tmp_path, "en")
    names = {o.id: o.name for o in session.scenario.organisations}
    income, allowances = names["inkomensbureau"]["en"], names["toeslagenbureau"]["en"]   # type: ignore[index]
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        shown = flat(feed(app))
        assert f"Fallback activated: {SITE['en']} ({income})" in shown
        assert f"Fallback activated: {SITE['en']} ({allowances})" in shown
        while not session.exercise.finished:
            session.advance()
        await app.push_screen(EndScreen(session))
        await pilot.pause()
        end = flat(str(app.screen.query_one("#timeline").render()))
        assert f"{SITE['en']} ({income})" in end and f"{SITE['en']} ({allowances})" in end
    session.close()


def test_the_report_names_the_organisation_in_dutch(tmp_path: Path) -> None:
    session = two_activated(tmp_path, "nl")
    session.advance()
    report = build(session, "nl")
    lines = [item.text for turn in report.turns for item in turn.items]
    names = {o.id: o.name for o in session.scenario.organisations}
    for org in ("inkomensbureau", "toeslagenbureau"):
        # the report names the process too: "… (Inkomensbureau, inkomensbureau/uitkeringen)"
        assert any(f"{SITE['nl']} ({names[org]['nl']}, {org}/" in line for line in lines), org   # type: ignore[index]
    session.close()
