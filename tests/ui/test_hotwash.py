"""The hot wash in the console, by keys: participants at the start, findings and a rating per
learning goal, corrective actions (a bad date keeps the dialog open with the reason), all
journalled; the report made from it with r, after which the hot wash is closed."""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.ui import make_app
from oefening.ui.screens.briefing import BriefingScreen
from oefening.ui.screens.end import EndScreen
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.hotwash import HotWashScreen, report_path
from tests.ui.test_ui import FALLBACK, SIZE, journal_lines, pilot_test, start

KEYS = {" ": "space", "-": "minus", ",": "comma", ".": "full_stop"}


async def type_in(pilot, value: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*[KEYS.get(ch, ch) for ch in value])


@pilot_test
async def test_participants_are_taken_at_the_start(tmp_path: Path) -> None:
    """Participants are taken at the start."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("p")
        assert isinstance(app.screen, FormDialog)
        await type_in(pilot, "anna de vries")
        await pilot.press("enter")
        await type_in(pilot, "chair")
        await pilot.press("enter", "enter")            # organisation left empty: saved
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
    lines = [line for line in journal_lines(session) if line["type"] == "participant"]
    assert [(line["name"], line["role"], line["turn"]) for line in lines] == [("anna de vries", "chair", 0)]


@pilot_test
async def test_hot_wash_by_keys_then_the_report_closes_it(tmp_path: Path) -> None:
    """Hot wash by keys then the report closes it."""
    session = start(tmp_path)
    session.decide(Activate(FALLBACK))
    session.play(None)
    app = make_app(session)
    app.report_worlds = 5
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)

        await pilot.press("f")                          # the findings of goal 1
        assert isinstance(app.screen, FormDialog)
        await type_in(pilot, "s")
        await pilot.press("enter")
        await type_in(pilot, "fallback at once")
        await pilot.press("enter")
        await type_in(pilot, "no exit plan")
        await pilot.press("enter")
        await type_in(pilot, "1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)
        assert "performed with some challenges" in str(app.screen.query_one("#goal-detail").render())

        await pilot.press("a")                          # a corrective action with a bad date
        await type_in(pilot, "write the exit plan")
        await pilot.press("enter")
        await type_in(pilot, "anna")
        await pilot.press("enter")
        await type_in(pilot, "uitvoering")
        await pilot.press("enter")
        await type_in(pilot, "next week")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)       # still open, with the reason, nothing lost
        assert "not a date" in str(app.screen.query_one("#form-error").render())
        due = app.screen.query_one("#form-due")
        due.value = ""
        due.focus()
        await type_in(pilot, "2026-03-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)

        await pilot.press("e")                          # change it: another owner
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#form-action").value == "write the exit plan"
        app.screen.query_one("#form-owner").value = "bram"
        app.screen.query_one("#form-due").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)

        await pilot.press("r")                          # make the report
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "report was made" in str(app.screen.query_one("#hotwash-help").render())
        await pilot.press("f")                          # closed now: no dialog, nothing written
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)

    lines = journal_lines(session)
    finding = next(line for line in lines if line["type"] == "finding")
    assert (finding["goal"], finding["rating"], finding["strengths"], finding["evidence"]) == (
        0, "S", "fallback at once", [1])
    actions = [line for line in lines if line["type"] == "corrective"]
    assert [(a["action"], a["owner"], a["due"]) for a in actions] == [
        ("write the exit plan", "anna", "2026-03-01"), ("write the exit plan", "bram", "2026-03-01")]
    assert actions[0]["id"] == actions[1]["id"]                 # the same action, changed
    assert lines[-1]["type"] == "reported"
    html = report_path(session).read_text(encoding="utf-8")
    for text in ("performed with some challenges (S)", "fallback at once", "no exit plan", "write the exit plan",
                 "2026-03-01", "bram"):
        assert text in html, text
    assert Session.read(session.journal_path).debrief.reported == str(report_path(session))


@pilot_test
async def test_a_refused_corrective_action_is_said_in_the_consoles_language(tmp_path: Path) -> None:
    """In a Dutch console the hot wash's refusal is Dutch, every problem in one line (the
    session's own text, which the command line prints, stays English)."""
    session = start(tmp_path, lang="nl")
    session.play(None)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)
        await pilot.press("a")                          # an action without owner, with a bad date
        await type_in(pilot, "draaiboek")
        await pilot.press("enter", "enter", "enter")
        await type_in(pilot, "volgende week")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)       # still open, nothing lost
        said = str(app.screen.query_one("#form-error").render())
        assert "een verbeteractie heeft een eigenaar, een organisatie nodig" in said
        assert "de datum 'volgende week' is geen datum als 2025-06-30" in said
        assert "needs" not in said
        assert app.screen.query_one("#form-action").value == "draaiboek"
