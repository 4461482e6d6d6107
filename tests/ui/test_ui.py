"""The terminal UI, played like a person would: key presses on a headless app, then the
exercise's state and the journal on disk are checked."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import Launcher, make_app
from oefening.ui.screens.briefing import BriefingScreen
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.end import EndScreen
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.inject import InjectDialog
from oefening.ui.screens.start import StartScreen
from oefening.ui.screens.turn import TurnScreen
from oefening.ui.widgets.decisions import DecisionTable
from oefening.ui.widgets.processes import ProcessTable
from oefening.ui.widgets.status import StatusBar
from tests.paths import ROOT

MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
DEFAULT = ROOT / "scenarios" / "leverancier-faillissement.yaml"
FALLBACK = "uitvoering/uitkeringen/handmatig"
SIZE = (120, 40)


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async pilot test in its own event loop (no async plugin needed)."""
    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))
    return run


def start(tmp_path: Path, scenario: Path = MINIMAL, lang: str = "en", seed: int = 3) -> Session:
    return Session.start(scenario, load_scenario(scenario), seed=seed, lang=lang,
                         journal_path=tmp_path / "journal.jsonl")


def journal_lines(session: Session) -> list[dict]:
    return [json.loads(line) for line in Path(session.journal_path).read_text().splitlines()]


async def choose(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Move the decision table's cursor to the option ``key`` with arrow keys, then press space."""
    table = pilot.app.screen.query_one(DecisionTable)
    table.focus()
    await pilot.pause()
    await pilot.press("home")
    assert table.cursor_row == 0
    for _ in range(table.current_order().index(key)):
        await pilot.press("down")
    await pilot.press("space")


async def next_turn(pilot) -> None:  # type: ignore[no-untyped-def]
    """Press n; confirm (and stop being asked) when the team decided nothing this turn."""
    await pilot.press("n")
    if isinstance(pilot.app.screen, ConfirmDialog):
        await pilot.press("a")
    await pilot.pause()


@pilot_test
async def test_play_the_minimal_scenario_to_the_end_by_keys(tmp_path: Path) -> None:
    """Briefing, a fallback decision, every turn to the end screen; the journal has it all."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        await choose(pilot, f"fallback:{FALLBACK}")
        await pilot.press("d")
        assert session.exercise.world.fallbacks[FALLBACK].active
        await pilot.press("n")                       # decided this turn: no question asked
        assert session.exercise.turn == 1
        while not isinstance(app.screen, EndScreen):
            await next_turn(pilot)
        assert session.exercise.finished
        assert session.exercise.turn == session.exercise.turns
        assert "Continuity score" in str(app.screen.query_one("#score-facts").render())
        card = str(app.screen.query_one("#scorecard").render())
        assert card.index("Vital processes within MTPD") < card.index("Continuity score")
        await pilot.press("u", "u")                  # back from the end into the last turn
        assert isinstance(app.screen, TurnScreen)
        assert session.exercise.turn == session.exercise.turns - 1
        await next_turn(pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert str(session.journal_path) in app.screen.question
        await pilot.press("y")
    session.close()
    lines = journal_lines(session)
    assert lines[0]["type"] == "header" and lines[0]["seed"] == 3
    decisions = [line for line in lines if line["type"] == "decision"]
    assert decisions == [{"type": "decision", "turn": 0, "t": 0.0, "decision": {"activate": FALLBACK},
                          "refused": None}]
    assert sum(line["type"] == "turn" for line in lines) == session.exercise.turns + 1   # one undone
    assert lines[-1]["type"] == "end"
    assert lines[-1]["continuity"] == pytest.approx(session.result()["continuity"])


@pilot_test
async def test_chosen_decisions_are_taken_before_the_next_turn(tmp_path: Path) -> None:
    """A decision chosen but not yet taken is taken (after a question) when the team presses n."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await choose(pilot, f"fallback:{FALLBACK}")
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")                     # the same key again confirms
        await pilot.pause()
        assert session.exercise.turn == 1
        assert session.exercise.world.fallbacks[FALLBACK].active
        assert app.screen.query_one(DecisionTable).chosen == {}
    session.close()


@pilot_test
async def test_undo_takes_back_the_last_turn(tmp_path: Path) -> None:
    """u asks, then goes back one turn; the journal keeps an undo line."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await next_turn(pilot)
        await next_turn(pilot)
        assert session.exercise.turn == 2
        await pilot.press("u")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")                # not now
        assert session.exercise.turn == 2
        await pilot.press("u", "u")
        await pilot.pause()
        assert session.exercise.turn == 1
        assert isinstance(app.screen, TurnScreen)
        assert "Turn 2 of 42" in str(app.screen.query_one(StatusBar).render())
    session.close()
    assert [line["type"] for line in journal_lines(session)].count("undo") == 1


@pilot_test
async def test_facilitator_inject_event_and_observer_note(tmp_path: Path) -> None:
    """i sends a free-text inject or fires a storyline event; o saves a note; all journalled."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "i")
        assert isinstance(app.screen, InjectDialog)
        await pilot.press(*"Press call", "enter", *"at noon", "enter")
        assert isinstance(app.screen, TurnScreen)
        inject = session.exercise.world.record.entries[-1]
        assert (inject.kind, inject.detail) == ("inject", {"title": "Press call", "text": "at noon"})
        assert "Press call" in str(app.screen.query_one("#feed-text").render())
        await pilot.press("i")
        app.screen.query_one("#inject-events").focus()
        await pilot.press("enter")                   # the first event that has not fired: asks first
        assert isinstance(app.screen, ConfirmDialog)
        assert "credit-warning" in str(app.screen.question)
        assert "credit-warning" not in session.exercise.world.fired
        await pilot.press("enter")                   # yes
        assert "credit-warning" in session.exercise.world.fired
        assert isinstance(app.screen, TurnScreen)
        assert isinstance(app.focused, DecisionTable)  # back in the decisions after the dialog
        await pilot.press("o")
        assert isinstance(app.screen, FormDialog)
        assert [str(i.id) for i in app.screen.query(Input)] == ["form-text", "form-author"]
        await pilot.press("enter")                   # nothing written: the dialog stays and says why
        assert isinstance(app.screen, FormDialog) and "Write what you observe" in str(
            app.screen.query_one("#form-error").render())
        await pilot.press(*"Team hesitates", "enter")   # Enter saves; the name may stay empty
        assert session.notes[-1]["text"] == "Team hesitates"
        assert session.notes[-1].get("author") is None
        await pilot.press("o")
        app.screen.query_one("#form-author", Input).focus()
        await pilot.press(*"Kim", "shift+tab", *"Calls the minister", "enter")
        await pilot.press("o")                       # the last observer's name is offered
        assert app.screen.query_one("#form-author", Input).value == "Kim"
        await pilot.press("escape")
        assert (session.notes[-1]["text"], session.notes[-1]["author"]) == ("Calls the minister", "Kim")
    session.close()
    types = [line["type"] for line in journal_lines(session)]
    assert types[1:] == ["inject", "event", "note", "note"]


@pilot_test
async def test_quit_asks_and_can_be_cancelled(tmp_path: Path) -> None:
    """q asks first (the journal is safe either way); Escape keeps playing, q again quits."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("q", "q")
        await pilot.pause()
        assert not app.is_running
    session.close()


@pilot_test
async def test_language_switch_and_help(tmp_path: Path) -> None:
    """l switches between Dutch and English everywhere; ? shows the keys and the legend."""
    session = start(tmp_path, lang="nl")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "Beurt 1 van 42" in str(app.screen.query_one(StatusBar).render())
        await pilot.press("l")
        assert "Turn 1 of 42" in str(app.screen.query_one(StatusBar).render())
        assert app.screen.query_one("#processes").border_title == "Processes"
        await pilot.press("question_mark")
        help_text = app.export_screenshot().replace("&#160;", " ")
        assert "Next turn" in help_text and "MTPD bar" in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, TurnScreen)
    session.close()


@pilot_test
async def test_80_by_24_keeps_everything_reachable(tmp_path: Path) -> None:
    """At 80×24 the panels stack in one scrolling column, nothing sticks out, and the footer
    still shows help and quit; widened, the layout goes to two columns and the tables grow."""
    session = start(tmp_path, scenario=DEFAULT)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert screen.has_class("-narrow")
        for selector in ("#status", "#processes", "#feed", "#decisions", "#world-box", "#pending-box", "#trend"):
            widget = screen.query_one(selector)
            assert widget.region.width <= 80 and widget.region.right <= 80, selector
        table = screen.query_one(DecisionTable)
        table.focus()
        await pilot.wait_for_scheduled_animations()
        for _ in range(40):  # the scroll is animated: give a loaded machine time to finish it
            if table.region.y >= 0 and table.region.bottom <= 24:
                break
            await pilot.pause(0.05)
        assert table.region.y >= 0 and table.region.bottom <= 24   # scrolled into view
        assert table.columns[next(iter(table.columns))].width >= 3
        shown = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert {"n", "d", "u", "i", "o", "question_mark", "q"} <= shown
        text = app.export_screenshot()
        for word in ("Budget left", "Continuity", "Help", "Quit"):
            assert word in text.replace("&#160;", " "), word
        narrow = table.columns[next(iter(k for k in table.columns if str(k.value) == "title"))].width
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert screen.has_class("-wide")
        wide = table.columns[next(iter(k for k in table.columns if str(k.value) == "title"))].width
        assert wide > narrow
    session.close()


@pilot_test
async def test_resume_lands_on_the_turn_where_the_journal_stopped(tmp_path: Path) -> None:
    """A resumed exercise skips the briefing and shows its current turn."""
    session = start(tmp_path)
    session.advance()
    session.advance()
    session.close()
    resumed = Session.resume(session.journal_path)
    app = make_app(resumed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        assert "Turn 3 of 42" in str(app.screen.query_one(StatusBar).render())
    resumed.close()


@pilot_test
async def test_start_screen_enter_starts_the_default(tmp_path: Path) -> None:
    """Without a scenario the start screen has the default highlighted: Enter opens it through
    the launcher; a bad path shows the problem and stays."""
    opened: list[tuple[str, str, int]] = []

    def open_session(path: str, lang: str, seed: int) -> Session:
        opened.append((path, lang, seed))
        if not Path(path).is_file():
            from oefening.errors import OefeningError

            raise OefeningError(f"{path}: no such scenario file")
        return start(tmp_path, scenario=Path(path), lang=lang, seed=seed)

    launcher = Launcher(choices=[("Other", "elsewhere.yaml"), ("Minimal", str(MINIMAL))],
                        open=open_session, default=str(MINIMAL), seed=5)
    app = make_app(launcher=launcher, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#start-path").value = "missing.yaml"
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
        assert "no such scenario file" in str(app.screen.query_one("#start-error").render())
        app.screen.query_one("#start-path").value = ""
        app.screen.query_one("#start").focus()
        await pilot.pause(0.3)                      # a button ignores a second press while it flashes
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
    assert opened == [("missing.yaml", "en", 5), (str(MINIMAL), "en", 5)]
    assert app.session is not None
    app.session.close()


def test_play_bad_input_ends_before_the_screen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing scenario, or a scenario and --resume together: one line, exit 2, no screen."""
    from oefening.cli import main

    assert main(["play", str(tmp_path / "missing.yaml")]) == 2
    assert main(["play", str(MINIMAL), "--resume", "journal.jsonl"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and "missing.yaml" in lines[0] and "--resume" in lines[1]


def test_play_finds_the_bundled_default() -> None:
    """Without a scenario, play offers scenarios/*.yaml next to the package, the default among them."""
    from oefening.cli.play import DEFAULT_SCENARIO, bundled

    assert DEFAULT in bundled() and DEFAULT.name == DEFAULT_SCENARIO


def failed(session: Session) -> None:
    """Play the default scenario (no decisions) to just after the supplier failed."""
    while not any(s.status == "failed" for s in session.exercise.snapshot().suppliers):
        session.advance()


@pilot_test
async def test_the_highlighted_decision_stays_in_view(tmp_path: Path) -> None:
    """The decision table shrinks when the detail below it grows; the cursor row (all its
    wrapped lines) stays visible and the detail starts with the cost and lead time."""
    session = start(tmp_path, DEFAULT, "nl", seed=0)
    failed(session)
    for _ in range(18):
        session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DecisionTable)
        for _ in range(11):
            await pilot.press("down")
            await pilot.pause()
            # rows wrap (a long name takes two or three lines): the whole cursor row is in view
            rows = table.ordered_rows
            top = sum(row.height for row in rows[:table.cursor_row])
            bottom = top + rows[table.cursor_row].height
            first = round(table.scroll_y)
            assert first <= top and bottom <= first + table.scrollable_content_region.height - table.header_height
        detail = str(app.screen.query_one("#decision-detail").render()).splitlines()
        assert detail[1].startswith("Kosten ")


@pilot_test
async def test_stopping_a_fallback_is_at_once_and_ends_its_cost(tmp_path: Path) -> None:
    """A Stop row shows no lead time and its detail says it ends the cost per day."""
    session = start(tmp_path, DEFAULT, "en", seed=0)
    session.decide(Activate("uitkeringsinstituut/uitkeringen-betalen/handmatig"))
    session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        key = "fallback:uitkeringsinstituut/uitkeringen-betalen/handmatig"
        await choose(pilot, key)
        await pilot.press("space")                   # unchoose again: only the detail matters
        table = app.screen.query_one(DecisionTable)
        assert table.current() == key
        row = [str(cell) for cell in table.get_row(key)]
        assert row[1].startswith("Income Benefits Agency · Stop:") and row[3] == "at once"  # the row names the organisation
        detail = str(app.screen.query_one("#decision-detail").render())
        assert "ends the cost of €" in detail and "per day" in detail.splitlines()[1]
        assert "Lead time" not in detail


@pilot_test
async def test_undo_says_which_decisions_it_takes_back(tmp_path: Path) -> None:
    """The undo question lists the decisions of the previous turn and of this one."""
    session = start(tmp_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session.decide(Activate(FALLBACK))
        session.advance()
        app.screen.redraw()
        await pilot.press("u")
        assert isinstance(app.screen, ConfirmDialog)
        assert "This undoes 1 decision(s):" in app.screen.question
        await pilot.press("escape")
    session.close()


@pilot_test
async def test_no_question_when_nothing_could_be_decided_or_all_is_normal(tmp_path: Path) -> None:
    """n in the normal phase goes on without asking 'nothing decided?'; in the crisis it asks."""
    session = start(tmp_path, DEFAULT, "en", seed=0)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        assert isinstance(app.screen, TurnScreen) and session.exercise.turn == 1
        assert session.exercise.snapshot().phase != "normal"
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
    session.close()


@pilot_test
async def test_narrow_screen_shows_every_process_and_the_news(tmp_path: Path) -> None:
    """At 80×24 a process takes one line, and a line under the status says what came in."""
    session = start(tmp_path, DEFAULT, "en", seed=0)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        processes = app.screen.query_one(ProcessTable)
        assert processes.compact
        heights = [row.height for key, row in processes.rows.items() if not str(key.value).startswith("org:")]
        assert heights and set(heights) == {1}
        news = str(app.screen.query_one("#news").render())
        assert "NEW" in news
    session.close()
