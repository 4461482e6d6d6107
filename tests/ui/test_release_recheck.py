"""A storyline inject the facilitator holds back and releases later is worded against the world
at release, not at firing: the variant that holds then and the figures of then, journalled in
the release line so the players' view and a replay read the same. When even that wording no
longer stands (its ``expects`` fails, or the event's own temporary effect has run out), the
direction dialog says so and offers release anyway, reword and release, or drop.

The world of tests/data/held.yaml, by hand: demand 50/h, capacity 60/h; hosting at 50 % from
4 h to 16 h, so the backlog grows 50 − 30 = 20 an hour to 240 at 16 h, then shrinks 10 an
hour to 0 at 40 h. The outage's inject fires at 4 h, the backlog report at 8 h (backlog 80).
"""

from __future__ import annotations

from pathlib import Path

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.players import players_app
from oefening.ui.screens.direct import DirectionDialog
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.premise import PremiseDialog
from tests.paths import DATA
from tests.ui.test_console import Clock, edit_fields, players_feed, to_turn
from tests.ui.test_dialogs_small import inside
from tests.ui.test_dialogs_small import screen_text as on_screen
from tests.ui.test_players import screen_text
from tests.ui.test_ui import SIZE, journal_lines, pilot_test

HELD = DATA / "held.yaml"
BACKLOG = "backlog:uitvoering/uitkeringen"


def held(tmp_path: Path, lang: str = "en") -> Session:
    """The exercise at turn 2 (8 h): both injects have reached the facilitator; both held."""
    session = Session.start(HELD, load_scenario(HELD), seed=1, lang=lang, journal_path=tmp_path / "j.jsonl")
    session.advance()
    session.advance()
    assert session.hold("outage") and session.hold("backlog-report")
    return session


def premise(app) -> str:  # type: ignore[no-untyped-def]
    """The warning dialog's words: the message as it would read now and why it no longer stands."""
    return "\n".join(str(app.screen.query_one(f"#premise-{part}").render()) for part in ("title", "text", "why"))


def releases(session: Session) -> list[dict]:
    return [line for line in journal_lines(session) if line["type"] == "release"]


def test_a_held_inject_is_worded_and_filled_in_at_release(tmp_path: Path) -> None:
    """Held at 8 h (80 waiting), released at 16 h: the players read 240 and the variant for
    above 200, as the journal line says; the facilitator's record keeps what fired."""
    session = held(tmp_path)
    fired = session.exercise.world.record.entries
    assert next(e for e in fired if e.id == "backlog-report").detail["values"] == {BACKLOG: 80.0}
    session.advance()
    session.advance()                                   # t = 16 h
    retold = session.retelling("backlog-report")
    assert retold is not None and retold.stands and retold.variant == 0 and retold.values == {BACKLOG: 240.0}
    assert session.release("backlog-report")
    line = releases(session)[-1]
    assert (line["t"], line["variant"], line["values"]) == (16.0, 0, {BACKLOG: 240.0})
    assert "stands" not in line
    text = players_feed(session)
    assert "Backlog above 200" in text and "240 claims are waiting." in text
    assert "80 claims" not in text and "Backlog grows" not in text
    session.close()
    replayed = Session.read(session.journal_path)
    assert players_feed(replayed) == text               # the replay reads the journal's wording


def test_the_line_is_the_wording_even_if_the_world_would_say_otherwise(tmp_path: Path) -> None:
    """The players' view takes the wording from the release line (not recomputed): a line
    naming no variant and 123 waiting reads so; an older line without them, as at firing."""
    session = held(tmp_path)
    session.close()
    path = Path(session.journal_path)
    with path.open("a", encoding="utf-8") as out:
        out.write('{"type": "release", "turn": 2, "t": 8.0, "event": "backlog-report", "variant": null, '
                  f'"values": {{"{BACKLOG}": 123.0}}}}\n')
        out.write('{"type": "release", "turn": 2, "t": 8.0, "event": "outage"}\n')
    text = players_feed(Session.read(path))
    assert "Backlog grows" in text and "123 claims are waiting." in text
    assert "Hosting slow" in text


@pilot_test
async def test_releasing_what_no_longer_holds_asks_first(tmp_path: Path) -> None:
    """At 44 h the outage is over (it ended at 16 h, Tue 4 Mar 00:00) and nothing waits: r on either
    opens the warning; release anyway journals ``stands: false``; reword and release starts
    from the wording of now (0 waiting) and shows the facilitator's words."""
    session = held(tmp_path)
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_turn(pilot, 9)                               # turn 11, t = 44 h
        assert session.exercise.now == 44.0
        await pilot.press("f")
        assert isinstance(app.screen, DirectionDialog)
        assert screen_text(app).count("⚠ no longer true") == 2     # both marked in the list
        await pilot.press("r")                                # the outage, first in the list
        assert isinstance(app.screen, PremiseDialog)
        assert "This message no longer matches the simulated world" in screen_text(app)
        shown = premise(app)
        assert "Hosting slow" in shown
        assert "What it describes is over: Case system hosting at 50% for 12h, ended Tue 4 Mar 00:00." in shown
        assert releases(session) == []                        # nothing journalled yet
        await pilot.press("escape")                           # back: still waiting
        assert isinstance(app.screen, DirectionDialog) and session.staging.injects["outage"].state == "held"
        await pilot.press("r", "r")                           # again, and release anyway
        assert isinstance(app.screen, DirectionDialog)
        assert releases(session)[-1] == {"type": "release", "turn": 11, "t": 44.0, "event": "outage",
                                         "variant": None, "values": {}, "stands": False}
        await pilot.press("r")                                # the backlog report: nothing waits now
        assert isinstance(app.screen, PremiseDialog)
        shown = premise(app)
        assert "It presupposes that backlog of Paying benefits above 1; that is not so now." in shown
        assert "0 claims are waiting." in shown               # as it would read now, not 80
        await pilot.press("e")
        assert isinstance(app.screen, FormDialog)
        assert edit_fields(app) == {"title": "Backlog grows", "text": "0 claims are waiting."}
        await pilot.press("ctrl+a", "ctrl+k", *"Backlog cleared", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"All claims are handled again.", "enter")
        assert isinstance(app.screen, DirectionDialog)
        lines = journal_lines(session)
        assert [line["type"] for line in lines[-2:]] == ["edit", "release"]
        assert "stands" not in lines[-1]                      # the facilitator's words are theirs
    text = players_feed(session)
    assert "Hosting slow" in text and "Backlog cleared" in text and "All claims are handled again." in text
    assert "claims are waiting" not in text


@pilot_test
async def test_the_warning_in_dutch_and_drop(tmp_path: Path) -> None:
    """The same warning in Dutch; x drops the inject (the players never read it)."""
    session = held(tmp_path, lang="nl")
    for _ in range(9):
        session.advance()
    app = make_app(session, clock=Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("f", "r")
        assert isinstance(app.screen, PremiseDialog)
        assert "Dit bericht klopt niet meer met de gesimuleerde wereld" in screen_text(app)
        inside(app)                                           # its buttons lie inside 80×24
        for word in ("Toch vrijgeven", "Wijzigen, dan vrijgeven", "Schrappen", "Esc terug"):
            assert word in on_screen(app), word
        shown = premise(app)
        assert "Wat het beschrijft is voorbij: Hosting zaaksysteem op 50% gedurende 12u, afgelopen di 4 mrt 00:00." in shown
        await pilot.press("x")
        assert session.staging.injects["outage"].state == "dropped"
        assert releases(session) == []


@pilot_test
async def test_show_reads_what_was_released(tmp_path: Path) -> None:
    """The players' view (``show``), rendered: the inject released at 16 h with its figures then."""
    from oefening.journal.follow import Follower

    session = held(tmp_path)
    session.advance()
    session.advance()
    session.release("backlog-report")
    follower = Follower(session.journal_path)
    app = players_app(follower.poll, clock=Clock(), poll=0.05)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(40):
            await pilot.pause(0.1)
            if app.session is not None and app.session.exercise.turn == 4:
                break
        await pilot.pause(0.2)
        text = screen_text(app)
    assert "Backlog above 200" in text and "240 claims are waiting." in text and "80 claims" not in text
    session.close()


@pilot_test
async def test_an_inject_older_than_a_turn_is_shown_before_release(tmp_path: Path) -> None:
    """Held at 8 h, released at 16 h (two turns of 4 h later): its premise holds (240 wait),
    but what it says of "now" was said at 8 h, so r first shows it as it would read now and
    its age; release anyway journals no ``stands`` (the premise held). One turn old: no question."""
    session = held(tmp_path)
    session.advance()
    session.advance()                                   # t = 16 h
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f")
        await pilot.press("down", "r")                    # the backlog report (the outage first)
        assert isinstance(app.screen, PremiseDialog)
        assert "Does this message still match the simulated world?" in screen_text(app)
        shown = premise(app)
        assert "Backlog above 200" in shown and "240 claims are waiting." in shown
        assert "It came in 8h ago (Mon 3 Mar 16:00); what it says about ‘now’ may be out of date." in shown
        await pilot.press("r")
        assert isinstance(app.screen, DirectionDialog)
        line = releases(session)[-1]
        assert (line["event"], line["variant"], line["values"]) == ("backlog-report", 0, {BACKLOG: 240.0})
        assert "stands" not in line
    session.close()
    fresh = Session.start(HELD, load_scenario(HELD), seed=1, lang="en", journal_path=tmp_path / "k.jsonl")
    fresh.advance()
    fresh.advance()                                       # t = 8 h: the report came in just now
    app = make_app(fresh, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f", "down", "r")
        assert isinstance(app.screen, DirectionDialog)    # released at once
        assert releases(fresh)[-1]["event"] == "backlog-report"
    fresh.close()
