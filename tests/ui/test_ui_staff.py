"""Staff on screen (issue 16): a fallback's pool, its size and the people it has, shown from
the snapshot the turn screen reads, and a fallback held back by missing staff says so."""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.engine.record import Entry
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.widgets.decisions import DecisionTable
from oefening.ui.widgets.pending import PendingPanel
from oefening.ui.widgets.processes import ProcessTable
from oefening.words import entries
from oefening.words.describe import Names
from tests.paths import ROOT
from tests.ui.test_ui import SIZE, choose, pilot_test

RANSOMWARE = ROOT / "scenarios" / "ransomware-leverancier.yaml"
GROOTVEEN = ("grootveen/levensonderhoud/noodbetaling", "grootveen/wmo/spoedprocedure",
             "grootveen/burgerzaken/handmatige-balie")


def _session(tmp_path: Path, lang: str) -> Session:
    session = Session.start(RANSOMWARE, load_scenario(RANSOMWARE), seed=0, lang=lang,
                            journal_path=tmp_path / "journal.jsonl")
    session.advance()                       # the attack comes at 6 h: turn 1 is at 12 h
    for ref in GROOTVEEN:
        session.decide(Activate(ref))
    for _ in range(5):                      # 2.5 days on: every lead time (at most 2 days) has passed
        session.advance()
    return session


@pilot_test
async def test_a_fallbacks_details_say_how_many_people_it_has_of_its_pool(tmp_path: Path) -> None:
    """Grootveen's three fallbacks need 30 + 10 + 12 = 52 of its 48 people for manual work:
    each gets 48/52, so the emergency payments have 28 of their 30 people (92 %); the details
    say so in Dutch, Under way lists it with ♙, and the capacity cell carries the ♙."""
    session = _session(tmp_path, "nl")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        key = f"fallback:{GROOTVEEN[0]}"
        await choose(pilot, key)
        await pilot.press("space")           # unchoose again: only the detail matters
        detail = str(app.screen.query_one("#decision-detail").render())
        assert "Bemensing nu: 28 van 30 mensen (92%)" in detail
        assert "48 mensen, 52 gevraagd" in detail
        pending = str(app.screen.query_one(PendingPanel).render())
        assert "♙ 28/30 mensen" in pending
        table = app.screen.query_one(ProcessTable)
        row = [str(cell) for cell in table.get_row("grootveen/levensonderhoud")]
        assert "♙" in row[2]


@pilot_test
async def test_an_inactive_fallback_says_what_it_would_need(tmp_path: Path) -> None:
    """Before it is switched on, Lindeburg's emergency payment says it needs 2 of the 4 people
    in Lindeburg's pool, in English."""
    session = Session.start(RANSOMWARE, load_scenario(RANSOMWARE), seed=0, lang="en",
                            journal_path=tmp_path / "journal.jsonl")
    session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DecisionTable)
        key = "fallback:lindeburg/levensonderhoud/noodbetaling"
        assert key in table.current_order()
        await choose(pilot, key)
        detail = str(app.screen.query_one("#decision-detail").render())
        assert "needs 2 people from" in detail and "(4 in the pool)" in detail


def test_a_fallback_without_staff_says_so_not_that_its_needs_are_down() -> None:
    """The feed and the report name the missing people, in both languages."""
    scenario = load_scenario(RANSOMWARE)
    entry = Entry(60.0, "fallback_blocked", GROOTVEEN[0], {"needs": [], "staff": [0.0, 30.0]})
    for lang, words in (("nl", "te weinig mensen (0 van 30)"), ("en", "not enough staff (0 of 30 people)")):
        told = entries.tell(entry, Names(scenario, lang))
        line = entries.feed_line(told, lang)
        assert words in line and "plat" not in line and "down" not in line
        assert words in entries.report_line(told, scenario.start, lang)
    fewer = Entry(60.0, "fallback_staffed", GROOTVEEN[0], {"staff": [27.69, 30.0]})
    assert entries.feed_line(entries.tell(fewer, Names(scenario, "nl")), "nl").startswith(
        "Terugvaloptie heeft nu 28 van de 30 mensen die zij nodig heeft: Noodbetalingen")
    down = Entry(60.0, "fallback_blocked", GROOTVEEN[0], {"needs": ["bankkoppeling"]})
    assert "what it needs is down" in entries.feed_line(entries.tell(down, Names(scenario, "en")), "en")


def test_a_pool_condition_is_told_in_words() -> None:
    """A pool condition in words: the players read when an option depends on a pool's shortage."""
    from oefening.scenario import conditions as c
    from oefening.words import describe

    scenario = load_scenario(RANSOMWARE)
    cond = c.PoolCondition.model_validate({"pool": {"id": "grootveen", "below": 0.9}})
    assert describe.condition(cond, Names(scenario, "en")).endswith("gives less than 90% of the people asked for")
    assert "levert minder dan 90% van de gevraagde mensen" in describe.condition(cond, Names(scenario, "nl"))


@pilot_test
async def test_a_pool_in_criticality_order_staffs_the_vital_payments_first(tmp_path: Path) -> None:
    """Grootveen's pool with `order: criticality`: of its 48 people the vital payments get all
    30, the critical urgent procedure its 10, the important counter the 8 left of its 12
    (67 %); the details say so, and say whom the pool staffs first."""
    path = tmp_path / "ransomware-leverancier.yaml"
    text = RANSOMWARE.read_text(encoding="utf-8")
    path.write_text(text.replace("people: 48}", "people: 48, order: criticality}", 1), encoding="utf-8")
    session = Session.start(path, load_scenario(path), seed=0, lang="en", journal_path=tmp_path / "journal.jsonl")
    session.advance()
    for ref in GROOTVEEN:
        session.decide(Activate(ref))
    for _ in range(5):
        session.advance()
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        seen = {}
        for ref in (GROOTVEEN[0], GROOTVEEN[2]):
            await choose(pilot, f"fallback:{ref}")
            await pilot.press("space")
            seen[ref] = str(app.screen.query_one("#decision-detail").render())
        assert "Staffed now: 30 of 30 people (100%)" in seen[GROOTVEEN[0]]
        assert "Staffed now: 8 of 12 people (67%)" in seen[GROOTVEEN[2]]
        assert "48 people, 52 asked for" in seen[GROOTVEEN[2]]
        assert "gives its people to the vital processes first" in seen[GROOTVEEN[2]]
