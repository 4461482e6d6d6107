"""Every dialog of the console at 80×24, opened by its key: what it is for is on the
rendered screen (not only in a widget scrolled out of sight), and its buttons and lists lie
inside the terminal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, OptionList

from oefening.ui import make_app
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.dialog import Dialog
from oefening.ui.screens.direct import DirectionDialog
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.help import HelpScreen
from oefening.ui.screens.inject import InjectDialog
from tests.ui.test_console import Clock, to_turn, with_questions
from tests.ui.test_ui import DEFAULT, choose, pilot_test, start

SMALL = (80, 24)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows now, as text (each cell's character)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def inside(app) -> None:  # type: ignore[no-untyped-def]
    """The dialog's buttons, fields and lists are on the screen, none cut off below."""
    for widget in app.screen.query("Button, Input, OptionList"):
        if isinstance(widget, Button | Input | OptionList) and widget.display:
            region = widget.region
            assert region.height >= 1 and region.bottom <= SMALL[1] and region.right <= SMALL[0], widget


async def opens(pilot, keys: tuple[str, ...], dialog: type, *words: str) -> None:  # type: ignore[no-untyped-def]
    """``keys`` open ``dialog``; each of ``words`` is on the rendered screen, its widgets inside."""
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(pilot.app.screen, dialog)
    text = screen_text(pilot.app)
    for shown in words:
        assert shown in text, shown
    inside(pilot.app)


@pilot_test
async def test_inject_dialog_shows_its_fields_and_the_storyline_list(tmp_path: Path) -> None:
    session = start(tmp_path, DEFAULT)
    async with make_app(session).run_test(size=SMALL) as pilot:
        await pilot.press("enter", "i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InjectDialog) and isinstance(pilot.app.screen, Dialog)
        text = screen_text(pilot.app)
        for words in ("Facilitator inject", "Headline", "Source", "Severity", "facilitator", "Send",
                      "Or fire an event from the storyline"):
            assert words in text, words
        events = pilot.app.screen.query_one("#inject-events", OptionList)
        assert events.option_count >= 3
        first = str(events.get_option_at_index(0).prompt).split("  (")[0]
        assert first and first in text                   # at least the first storyline event is in sight
        inside(pilot.app)
    session.close()


@pilot_test
async def test_note_dialog(tmp_path: Path) -> None:
    session = start(tmp_path)
    async with make_app(session).run_test(size=SMALL) as pilot:
        await opens(pilot, ("enter", "o"), FormDialog,
                    "Observer note", "What do you observe?", "Name (may be empty)", "Save", "Cancel")
        await pilot.press(*"Seen at 80x24", "enter")
        assert session.notes[-1]["text"] == "Seen at 80x24"
    session.close()


@pilot_test
async def test_edit_dialog_over_the_direction_dialog(tmp_path: Path) -> None:
    session = start(tmp_path)
    async with make_app(session, clock=Clock()).run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await to_turn(pilot, 6)
        await opens(pilot, ("f", "e"), FormDialog,
                    "Edit the inject's text", "Headline", "Leverancier in zwaar weer", "Text (may be empty)", "Save")
        await pilot.press("escape", "escape")
    session.close()


@pilot_test
async def test_direction_dialog_questions_and_timer(tmp_path: Path) -> None:
    """The waiting inject, the scenario's question, the field for one's own, the timer and the
    storyline ahead, all in sight; t starts the timer and the dialog says so."""
    session = start(tmp_path, scenario=with_questions(tmp_path))
    clock = Clock()
    async with make_app(session, clock=clock).run_test(size=SMALL) as pilot:
        await pilot.press("enter", "f")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DirectionDialog)
        text = screen_text(pilot.app)
        for words in ("Direction: for the facilitator only", "Discussion questions for this turn",
                      "Who is at the table?", "Your own question", "The storyline ahead", "not started"):
            assert words in text, words
        inside(pilot.app)
        await pilot.press("t")
        clock.now += 65
        await pilot.pause(1.2)                 # the dialog's one-second tick
        text = screen_text(pilot.app)
        assert "running" in text and "8:55" in text
        pilot.app.screen.query_one("#direct-question").focus()
        await pilot.press(*"Who tells the staff?", "enter")
        assert session.staging.asked[-1].text == "Who tells the staff?"
        await pilot.press("escape")
    session.close()


@pilot_test
async def test_confirm_undo_help_and_quit(tmp_path: Path) -> None:
    session = start(tmp_path)
    async with make_app(session).run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await choose(pilot, "fallback:uitvoering/uitkeringen/handmatig")
        await pilot.press("n")                   # chosen but not taken: asks
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        text = screen_text(pilot.app)
        assert "chosen decisions have not been taken yet" in text and "Decide and go on" in text
        inside(pilot.app)
        await pilot.press("enter")
        await pilot.press("u")                   # undo: what it takes back, by name
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Go back to the start of turn 1" in text and "This undoes 1 decision(s):" in text
        assert "Undo" in text
        inside(pilot.app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        text = screen_text(pilot.app)
        assert "Help" in text and "Next turn" in text
        await pilot.press("escape", "q")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Quit? The journal is already safely saved" in text and "journal.jsonl" in text and "Quit" in text
        inside(pilot.app)
        await pilot.press("escape")
        assert pilot.app.is_running
    session.close()
