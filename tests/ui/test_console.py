"""The facilitator's console, played by keys: storyline injects held for release (release,
hold, reword, drop), ad-hoc injects with a source and severity, discussion questions and the
discussion timer on an injected clock; each a journal line, and a replay of the journal
rebuilds exactly what the facilitator did and what the players were shown."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from oefening.journal.session import Session
from oefening.ui import make_app
from oefening.ui.frame import Frame
from oefening.ui.screens.direct import DirectionDialog
from oefening.ui.screens.inject import InjectDialog
from oefening.ui.screens.premise import PremiseDialog
from oefening.ui.screens.turn import TurnScreen
from oefening.ui.widgets.status import StatusBar
from tests.ui.test_ui import SIZE, journal_lines, next_turn, pilot_test, start


class Clock:
    """Wall-clock seconds that move only when the test says so."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def feed(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#feed-text").render())


def players_feed(session: Session) -> str:
    """The message feed as the players' view would show it (their share of the record)."""
    from oefening.ui.widgets.feed import entry_text
    from oefening.words import entries
    from oefening.words.describe import Names

    frame = Frame.read(session, "en", Names(session.scenario, "en"), players=True)
    return "\n".join(str(entry_text(e, session.scenario.start, frame.names)) for e in frame.record
                     if entries.is_message(e, frame.names))


def edit_fields(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The fields of the input dialog on top, by id, as the facilitator sees them filled in."""
    return {str(field.id).removeprefix("form-"): field.value for field in app.screen.query(Input)}


async def to_turn(pilot, turns: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(turns):
        await next_turn(pilot)


@pilot_test
async def test_hold_edit_release_and_drop_storyline_injects(tmp_path: Path) -> None:
    session = start(tmp_path)
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_turn(pilot, 6)                       # the credit warning fires at 1d = turn 6
        assert "credit-warning" in session.staging.injects
        assert "WAITING FOR RELEASE" in feed(app)     # the facilitator sees it, marked
        assert "waiting for release" in str(app.screen.query_one(StatusBar).render())
        assert "Leverancier in zwaar weer" not in players_feed(session)
        await pilot.press("f")
        assert isinstance(app.screen, DirectionDialog)
        await pilot.press("h")                        # hold it back
        assert session.staging.injects["credit-warning"].state == "held"
        await pilot.press("e")                        # reword it: the fields hold the words the players would read
        assert edit_fields(app) == {"title": "Leverancier in zwaar weer", "text": ""}
        await pilot.press("ctrl+a", "ctrl+k", "enter", "enter")  # no title: refused in the dialog, nothing recorded
        assert edit_fields(app) == {"title": "", "text": ""}
        assert "Give a headline" in str(app.screen.query_one("#form-error").render())
        assert "edit" not in [line["type"] for line in journal_lines(session)]
        assert app.focused is app.screen.query_one("#form-title")   # back in the title
        await pilot.press(*"Supplier in trouble", "enter", *"Call them", "enter")
        assert isinstance(app.screen, DirectionDialog)
        assert journal_lines(session)[-1] == {**journal_lines(session)[-1], "type": "edit", "event": "credit-warning",
                                              "title": "Supplier in trouble", "text": "Call them"}
        assert session.staging.injects["credit-warning"].title == "Supplier in trouble"
        assert "Supplier in trouble" not in players_feed(session)   # still held
        await pilot.press("r")                        # release it
        assert session.staging.injects["credit-warning"].state == "released"
        await pilot.press("escape")
        assert isinstance(app.screen, TurnScreen)
        assert "Supplier in trouble" in feed(app) and "released" in feed(app)
        shown = players_feed(session)
        assert "Supplier in trouble" in shown and "Call them" in shown
        assert "Leverancier in zwaar weer" not in shown   # the players read the facilitator's words
        await pilot.press("f", "r")                   # nothing waits: nothing happens, nothing written
        await pilot.press("escape")
    session.close()
    types = [line["type"] for line in journal_lines(session)]
    assert types.count("hold") == types.count("edit") == types.count("release") == 1
    again = Session.read(session.journal_path)
    staged = again.staging.injects["credit-warning"]
    assert (staged.state, staged.title, staged.text) == ("released", "Supplier in trouble", "Call them")
    assert players_feed(again) == players_feed(session)


@pilot_test
async def test_dropped_inject_never_reaches_the_players(tmp_path: Path) -> None:
    session = start(tmp_path)
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_turn(pilot, 6)
        await pilot.press("f", "x", "escape")
        assert session.staging.injects["credit-warning"].state == "dropped"
        assert "dropped" in feed(app)
        assert "globaltech" in session.exercise.world.suppliers   # the event itself did happen
        assert session.exercise.world.suppliers["globaltech"].status == "distressed"
        await to_turn(pilot, 2)
    session.close()
    again = Session.read(session.journal_path)
    assert again.staging.injects["credit-warning"].state == "dropped"
    assert "zwaar weer" not in players_feed(again)


@pilot_test
async def test_ad_hoc_inject_with_source_and_severity(tmp_path: Path) -> None:
    session = start(tmp_path)
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "i")
        assert isinstance(app.screen, InjectDialog)
        await pilot.press(*"Minister calls")
        app.screen.query_one("#inject-source").value = "ministry"
        app.screen.query_one("#inject-severity").value = "critical"
        await pilot.press("tab", *"now", "enter")
        assert isinstance(app.screen, TurnScreen)
        assert "ministry" in feed(app) and "CRITICAL" in feed(app)
    session.close()
    line = journal_lines(session)[-1]
    assert (line["type"], line["source"], line["severity"], line["title"]) == ("inject", "ministry", "critical",
                                                                             "Minister calls")
    again = Session.read(session.journal_path)
    shown = players_feed(again)
    assert "ministry" in shown and "CRITICAL" in shown and "Minister calls" in shown


def with_questions(tmp_path: Path) -> Path:
    """The minimal scenario with a question for the first meeting and one for the credit warning."""
    from tests.paths import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    inject: {title: Leverancier in zwaar weer, source: news, severity: warning}\n",
                        "    inject: {title: Leverancier in zwaar weer, source: news, severity: warning}\n"
                        "    questions: [Who calls GlobalTech?]\n", 1)
    text += "\nquestions:\n  - {turn: 1, text: {nl: Wie zit erbij?, en: Who is at the table?}}\n"
    path = tmp_path / "minimal-questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pilot_test
async def test_discussion_questions_per_turn_and_per_event(tmp_path: Path) -> None:
    session = start(tmp_path, scenario=with_questions(tmp_path))
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f")
        questions = app.screen.query_one("#direct-questions")
        assert "Who is at the table?" in str(questions.get_option_at_index(0).prompt)
        assert questions.option_count == 1             # the event's question comes with the event
        questions.focus()
        await pilot.press("enter")                     # put it to the team
        assert [a.text for a in session.staging.asked] == ["Who is at the table?"]
        assert "✔" in str(questions.get_option_at_index(0).prompt)
        app.screen.query_one("#direct-question").focus()
        await pilot.press(*"What do we tell staff?", "enter")   # one's own question
        assert [a.text for a in session.staging.asked][-1] == "What do we tell staff?"
        await pilot.press("escape")
        await to_turn(pilot, 6)
        await pilot.press("f")
        questions = app.screen.query_one("#direct-questions")
        assert "Who calls GlobalTech?" in str(questions.get_option_at_index(0).prompt)
        questions.focus()
        await pilot.press("enter")
        await pilot.press("escape")
        await to_turn(pilot, 1)
        await pilot.press("f")                         # a turn later the event's question is gone
        assert "no questions" in str(app.screen.query_one("#direct-questions").get_option_at_index(0).prompt).lower()
        await pilot.press("escape")
    session.close()
    asked = [(a.turn, a.text, a.event) for a in session.staging.asked]
    assert asked == [(0, "Who is at the table?", None), (0, "What do we tell staff?", None),
                     (6, "Who calls GlobalTech?", "credit-warning")]
    assert [(a.turn, a.text, a.event) for a in Session.read(session.journal_path).staging.asked] == asked


@pilot_test
async def test_the_discussion_timer_runs_pauses_and_replays_on_an_injected_clock(tmp_path: Path) -> None:
    clock = Clock()
    session = start(tmp_path)
    app = make_app(session, clock=clock, timer_minutes=10)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        status = app.screen.query_one(StatusBar)
        assert "⏱" not in str(status.render())          # not started
        await pilot.press("t")                          # start: 10:00
        assert "10:00" in str(status.render())
        clock.now += 75.2
        app.screen.tick()
        await pilot.pause()
        assert "8:45" in str(status.render())           # 600 − 75.2 s, rounded up
        await pilot.press("t")                          # pause
        clock.now += 300
        app.screen.tick()
        await pilot.pause()
        assert "8:45" in str(status.render()) and "paused" in str(status.render())
        await pilot.press("t")                          # resume
        clock.now += 45
        app.screen.tick()
        await pilot.pause()
        assert "8:00" in str(status.render())
        timer = session.staging.timer
        assert timer is not None and timer.running
        again = Session.read(session.journal_path)      # the journal alone says the same
        assert again.staging.timer is not None
        assert again.staging.timer.remaining(clock.now) == timer.remaining(clock.now)
        clock.now += 600
        app.screen.tick()
        await pilot.pause()
        assert "0:00" in str(status.render())           # time is up
        await next_turn(pilot)                          # a new meeting: the timer starts afresh
        assert session.staging.timer is None
        assert "⏱" not in str(status.render())
    session.close()
    lines = [line for line in journal_lines(session) if line["type"] == "timer"]
    assert [(line["running"], line["left"]) for line in lines] == [(True, 600.0), (False, 524.8), (True, 524.8)]


def with_msel_keys(tmp_path: Path) -> Path:
    """The minimal scenario whose credit warning says whom it is for, what the team should do
    and the facilitator's notes (the MSEL's to, expected action and notes)."""
    from tests.paths import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8")
    old = "    inject: {title: Leverancier in zwaar weer, source: news, severity: warning}\n"
    assert old in text
    text = text.replace(old, "    inject: {title: Leverancier in zwaar weer, source: news, severity: warning,\n"
                             "             to: Head of IT, expected_action: Call the account manager today}\n"
                             "    notes: Watch whether anyone asks about the exit plan\n", 1)
    path = tmp_path / "minimal-msel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


FACILITATOR_ONLY = ("Head of IT", "Call the account manager today", "Watch whether anyone asks about the exit plan")


@pilot_test
async def test_msel_to_expected_action_and_notes_for_the_facilitator_only(tmp_path: Path) -> None:
    """The direction dialog shows them in the storyline ahead and beside the held inject; the
    players' view never does, neither while it is held nor once released."""
    from oefening.journal.follow import Follower
    from oefening.ui.players import players_app
    from tests.ui.test_dialogs_small import screen_text

    session = start(tmp_path, scenario=with_msel_keys(tmp_path))
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f")
        await pilot.pause()
        ahead = screen_text(app)
        assert "To: Head of IT" in ahead and "Expected action: Call the account manager today" in ahead
        assert "Notes: Watch whether anyone asks about the exit plan" in ahead
        await pilot.press("escape")
        await to_turn(pilot, 6)
        await pilot.press("f", "h")                   # due now: held back, with what the MSEL says
        await pilot.pause()
        waiting = str(app.screen.query_one("#direct-waiting", OptionList).get_option_at_index(0).prompt)
        assert all(words in waiting for words in FACILITATOR_ONLY)
        await pilot.press("r", "escape")
    players = players_app(Follower(session.journal_path).poll, clock=lambda: 0.0)
    async with players.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(players)
        assert "Leverancier in zwaar weer" in shown        # released: the players read it
        assert not any(words in shown for words in FACILITATOR_ONLY)
        assert not any(words in players_feed(session) for words in FACILITATOR_ONLY)
    session.close()


@pilot_test
async def test_the_highlight_stays_on_the_inject_just_held(tmp_path: Path) -> None:
    """Holding an inject moves it below the ones due; the highlight goes with it, so the next
    key (release, reword) acts on the inject the facilitator was looking at, not its neighbour."""
    from tests.ui.test_ui import DEFAULT

    session = start(tmp_path, scenario=DEFAULT, seed=7)
    for _ in range(8):
        session.advance()
    assert len(session.staging.waiting()) >= 3
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        first = session.staging.waiting()[0].event
        await pilot.press("h")
        assert session.staging.injects[first].state == "held"
        assert session.staging.waiting()[-1].event == first          # moved to the end of the list
        await pilot.press("r")                                      # released: the one just held
        if isinstance(app.screen, PremiseDialog):   # it came in turns ago: asked first (test_release_recheck)
            await pilot.press("r")                                  # release anyway
        assert session.staging.injects[first].state == "released"
        assert sum(s.state == "released" for s in session.staging.injects.values()) == 1
        await pilot.press("escape")
    session.close()
