"""Text from a scenario, a journal or a person is shown literally, never obeyed: brackets
that look like markup do not crash a screen, a toast or a dialog and appear as typed; a
``[@click=…]`` title is no link; terminal escapes reach the screen as visible ␛, not as
bytes a terminal would act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.end import EndScreen
from oefening.ui.screens.inject import InjectDialog
from oefening.ui.screens.turn import TurnScreen
from tests.ui.test_ui import MINIMAL, SIZE, choose, pilot_test

TITLE = "title: {nl: Minimaal scenario, en: Minimal scenario}"
ACTION = "title: {nl: Exitplan activeren, en: Activate exit plan}"


def variant(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """minimal.yaml with some texts replaced."""
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def session_of(path: Path, journal: Path, lang: str = "en") -> Session:
    return Session.start(path, load_scenario(path), seed=3, lang=lang, journal_path=journal)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows now, as text (each cell's character)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def asks(pilot, key: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    """``key`` opens a question that shows ``shown`` literally, and the app is still up."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    assert shown in screen_text(pilot.app)
    assert pilot.app.is_running


@pilot_test
async def test_bracketed_scenario_title_on_the_end_screen_and_on_resume(tmp_path: Path) -> None:
    """A title ``Minimal [/`` (a MarkupError once) shows on the end screen, also when the
    finished exercise is resumed."""
    path = variant(tmp_path, (TITLE, 'title: "Minimal [/"'))
    session = session_of(path, tmp_path / "j.jsonl")
    while not session.exercise.finished:
        session.advance()
    for _ in range(2):  # the first time, then as a resume of the finished exercise
        app = make_app(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, EndScreen)
            assert "Minimal [/" in screen_text(app)
            assert app.is_running
        session.close()
        session = Session.resume(tmp_path / "j.jsonl")
    session.close()


@pilot_test
async def test_bracketed_action_title_in_the_toast_and_the_undo_dialog(tmp_path: Path) -> None:
    """An action titled ``Exit [/`` is taken (its toast names it) and the undo question
    lists it, literally."""
    path = variant(tmp_path, (ACTION, 'title: "Exit [/"'))
    session = session_of(path, tmp_path / "j.jsonl")
    for _ in range(7):                                      # past the credit warning (1d)
        session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        await choose(pilot, "action:exit-plan")
        await pilot.press("d")
        await pilot.pause()
        assert "exit-plan" in {e.id for e in session.exercise.world.record.entries if e.kind == "action"}
        assert "Exit [/" in screen_text(app)                 # the toast
        await pilot.press("n")
        await pilot.pause()
        await asks(pilot, "u", "Exit [/")
    session.close()


@pilot_test
async def test_typed_inject_with_brackets_and_a_bracketed_journal_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A facilitator's headline ``see [/docs]`` shows in the toast and the feed; the quit
    question names a journal ``q[/y.jsonl`` as it is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q[").mkdir()
    session = session_of(MINIMAL, Path("q[/y.jsonl"))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "i")
        assert isinstance(app.screen, InjectDialog)
        await pilot.press(*"see [/docs]", "enter", *"status [wip]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        shown = screen_text(app)
        assert "see [/docs]" in shown
        assert "status [wip]" in shown
        await asks(pilot, "q", "q[/y.jsonl")
    session.close()


@pilot_test
async def test_markup_in_titles_is_shown_not_obeyed(tmp_path: Path) -> None:
    """A scenario titled ``[@click=app.quit]Quit[/] status [wip]`` is no link on the end
    screen (clicking it does not quit) and keeps its brackets."""
    path = variant(tmp_path, (TITLE, 'title: "[@click=app.quit]Quit[/] status [wip]"'))
    session = session_of(path, tmp_path / "j.jsonl")
    while not session.exercise.finished:
        session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "[@click=app.quit]Quit[/] status [wip]" in line
                   and "—" not in line)                     # the heading, not the header
        await pilot.click(offset=(lines[row].index("Quit[/]") + 1, row))
        await pilot.pause()
        assert app.is_running
    session.close()


@pilot_test
async def test_terminal_escapes_are_shown_as_pictures(tmp_path: Path) -> None:
    """A process name that would retitle the terminal and a title that would clear it reach
    the screen as ␛ and ␇, never as ESC or BEL."""
    path = variant(tmp_path, ("name: Uitkeringen betalen", r'name: "Pay\e]0;pwned\a"'),
                   (TITLE, r'title: "Clear\e[2J\x9b\u202eevil"'))
    session = session_of(path, tmp_path / "j.jsonl")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        for keys in ([], ["enter"]):                     # the briefing, then the turn screen
            await pilot.press(*keys)
            await pilot.pause()
            shown = screen_text(app)
            assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e")
            assert "␛]0;pwned␇" in shown
            assert "Clear␛[2J" in shown
            assert "‹U+202E›" in shown
    session.close()
