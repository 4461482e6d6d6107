"""The team console (``oefening join``) and the facilitator's view of the teams, asserted on
rendered text: each team sees its own organisations and decisions and not another's, the
shared facility with who holds its place, an inject meant for one team only at that team,
messages only at their addressee; deciding, saying ready and writing from a team console
write team lines to the journal; the facilitator's console shows who decided and who is ready,
and follows the teams within a second."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.teams import TeamApp, make_team_app
from oefening.ui.widgets.pending import pending_text
from tests.paths import DATA
from tests.ui.test_ui import pilot_test

TEAMS = DATA / "teams.yaml"


def start(tmp_path: Path, lang: str = "en") -> Session:
    return Session.start(TEAMS, load_scenario(TEAMS), seed=1, lang=lang, journal_path=tmp_path / "teams.jsonl")


CELL = 12.2   # the width of one terminal cell in Textual's SVG screenshot (0.61 × 20 px)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What is on the screen, as lines of text (the SVG screenshot's text at its columns)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', app.export_screenshot(), re.S):
        words = html.unescape(re.sub("<[^>]+>", "", match.group(3))).replace("\xa0", " ")
        rows.setdefault(float(match.group(2)), []).append((float(match.group(1)), words))
    out = []
    for y in sorted(rows):
        line = ""
        for x, words in sorted(rows[y]):
            line = line.ljust(round(x / CELL)) + words
        out.append(line.rstrip())
    return "\n".join(out)


def under_way(app: TeamApp) -> str:
    """The "Under way" panel's text, unwrapped (the words the panel shows, from the same frame)."""
    return pending_text(app.screen.frame).plain


def lines(session: Session) -> list[dict]:
    return [json.loads(line) for line in Path(session.journal_path).read_text().splitlines()]


async def until(pilot, app, what, seconds: float = 10.0) -> str:  # type: ignore[no-untyped-def]
    """Wait (as the console polls) until ``what`` is on the screen; the screen's text."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        text = screen_text(app)
        if what in text:
            return text
    raise AssertionError(f"{what!r} never shown; the screen: {screen_text(app)}")


@pilot_test
async def test_each_team_sees_its_own_organisations_and_decisions_only(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app_a, app_b = make_team_app(alfa, "en", poll=0.05), make_team_app(beta, "en", poll=0.05)
    async with app_a.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app_a, "Desk A")
        assert "Team Alfa" in text                                     # whose console it is
        assert "Agency A" in text and "Overtime at A" in text            # its organisation and its action
        assert "Agency A · Activate" in text                              # its own fallback
        assert "Desk B" not in text and "Desk C" not in text               # no other team's processes
        assert "Overtime at B" not in text and "Agency B · Activate" not in text   # nor decisions
        assert "Draw up the national picture" not in text                 # nor coordination's
        assert "Wolk BV" in text and "Emergency site" in text             # the shared picture
    async with app_b.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app_b, "Desk B")
        assert "Overtime at B" in text and "Desk A" not in text and "Overtime at A" not in text
    for session in (alfa, beta, facilitator):
        session.close()


@pilot_test
async def test_deciding_in_a_team_console_writes_a_team_decision(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Agency A · Activate")
        table = app.screen.query_one("#decision-table")
        row = table.current_order().index("fallback:aa/loket/nood")
        table.move_cursor(row=row)
        await pilot.press("space", "d")
        await pilot.pause(0.1)
        decided = [d for d in lines(alfa) if d["type"] == "decision"]
        assert decided and decided[-1]["team"] == "alfa"
        assert decided[-1]["decision"] == {"activate": "aa/loket/nood"} and decided[-1]["refused"] is None
        await pilot.press("r")                                           # we are ready
        text = await until(pilot, app, "Your team is ready")
        assert [d["team"] for d in lines(alfa) if d["type"] == "ready"] == ["alfa"]
        # the facilitator's session sees the team's decision and its ready
        facilitator.refresh()
        assert facilitator.decided_players() == {"alfa"} and facilitator.ready_players() == {"alfa"}
        assert "Team Alfa" in text
    alfa.close()
    facilitator.close()


@pilot_test
async def test_messages_reach_their_addressee_only(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    gamma = Session.join(facilitator.journal_path, team="gamma")
    app_a = make_team_app(alfa, "en", poll=0.05)
    async with app_a.run_test(size=(120, 40)) as pilot:
        await until(pilot, app_a, "Desk A")
        await pilot.press("m")
        await pilot.pause(0.1)
        dialog = app_a.screen
        assert [ident for ident, _ in dialog.addressees] == ["beta", "gamma", "nks", "all"]   # not itself
        assert dialog.query_one("#message-to").highlighted == 0                  # beta: the first offered
        await pilot.press(*"Need [bold]your[/] site?")
        await pilot.press("enter")
        await pilot.pause(0.1)
        text = await until(pilot, app_a, "Need [bold]your[/] site?")      # shown literally, not as markup
        assert "Team Alfa → Team Beta" in text
    sent = [d for d in lines(alfa) if d["type"] == "message"]
    assert sent == [{**sent[0], "team": "alfa", "to": "beta", "text": "Need [bold]your[/] site?"}]
    for session, sees in ((beta, True), (gamma, False)):
        app: TeamApp = make_team_app(session, "en", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            text = await until(pilot, app, "Desk")
            assert ("Need [bold]your[/] site?" in text) is sees
    for session in (alfa, beta, gamma, facilitator):
        session.close()


@pilot_test
async def test_an_inject_for_one_team_reaches_that_team_only(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    facilitator.advance()
    facilitator.advance()
    facilitator.advance()                                                  # past 8h: the tip for Alfa fired
    for event in ("storing", "tip-a"):
        assert facilitator.release(event)
    for team, sees in (("alfa", True), ("beta", False)):
        session = Session.join(facilitator.journal_path, team=team)
        app = make_team_app(session, "en", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            text = await until(pilot, app, "Wolk BV is down")              # the public inject, at every team
            assert ("For team Alfa only" in text) is sees
        session.close()
    facilitator.close()


@pilot_test
async def test_a_team_console_follows_the_facilitator_and_others(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Turn 1 of 20")
        assert beta.decide(Activate("bb/loket/nood")) is None              # Beta takes the one place
        beta.ready()
        text = await until(pilot, app, "Ready: Team Beta")
        facilitator.advance()
        text = await until(pilot, app, "Turn 2 of 20")
        assert "Agency B" in text                                          # who holds the shared place
        assert "Desk B" not in text
    for session in (alfa, beta, facilitator):
        session.close()


@pilot_test
async def test_a_team_that_rejoins_sees_where_it_was(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    assert alfa.decide(Activate("aa/loket/nood")) is None
    alfa.ready()
    alfa.close()                                                           # the team drops out
    again = Session.join(facilitator.journal_path, team="alfa")
    app = make_team_app(again, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app, "Your team is ready")
        assert "Agency A · Stop" in text                                   # its fallback is on
    again.close()
    facilitator.close()


@pilot_test
async def test_the_facilitator_sees_who_decided_and_who_is_ready(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_app(facilitator, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")                                         # the briefing → the first turn
        text = await until(pilot, app, "0 of 4 teams ready")
        assert alfa.decide(Activate("aa/loket/nood")) is None
        alfa.ready()
        text = await until(pilot, app, "1 of 4 teams ready")
        beta.message("alfa", "We wait for the site")
        await pilot.press("g")
        text = await until(pilot, app, "We wait for the site")
        assert "Team Beta → Team Alfa" in text
        assert re.search(r"Team Alfa\s+✔ decided\s+✔ ready", text)
        assert re.search(r"Team Beta\s+· nothing decided yet\s+· not ready", text)
        await pilot.press("a")                                             # advance when every team is ready
        await pilot.pause(0.1)
        assert facilitator.auto
        await pilot.press("escape")
        for team in (beta, Session.join(facilitator.journal_path, team="gamma"),
                     Session.join(facilitator.journal_path, team="nks")):
            team.ready()
        text = await until(pilot, app, "Turn 2 of 20")                     # the last ready advanced the turn
        assert "0 of 4 teams ready" in text
        assert "Every team is ready: on to turn 2." in [n.message for n in app._notifications]
    for session in (alfa, beta, facilitator):
        session.close()


@pilot_test
async def test_a_team_sees_what_another_shares_with_it_and_only_while_it_shares(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_team_app(beta, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Desk B")
        await pilot.press("s")                                             # Beta shares …
        await pilot.pause(0.1)
        assert [ident for ident, _ in app.screen.addressees] == ["alfa", "gamma", "nks", "all"]
        await pilot.press("enter")                                         # … with Team Alfa
        await pilot.pause(0.2)
        assert [n.message for n in app._notifications][-1] == "Shared with Team Alfa."
    assert [(d["team"], d["to"], d["on"]) for d in lines(beta) if d["type"] == "share"] == [("beta", "alfa", True)]
    app_a = make_team_app(alfa, "en", poll=0.05)
    async with app_a.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app_a, "Desk B")
        assert "⇄ Agency B" in text                                        # its heading in Alfa's table
        assert "⇄ shared with you by Team Beta" in app_a.screen.team_line(app_a.screen.frame).plain
        assert "Agency B · Activate" not in text                          # seen, not decided for
        beta.share("alfa", on=False)
        await pilot.pause(0.3)
        assert "Desk B" not in screen_text(app_a)
    gamma = Session.join(facilitator.journal_path, team="gamma")
    app_g = make_team_app(gamma, "en", poll=0.05)
    async with app_g.run_test(size=(120, 40)) as pilot:
        assert "Desk B" not in await until(pilot, app_g, "Desk C")
    for session in (alfa, beta, gamma, facilitator):
        session.close()


@pilot_test
async def test_a_team_with_its_own_budget_sees_that_budget(tmp_path: Path) -> None:
    """Team Alfa has €50,000 of its own; Beta pays from the shared €200,000; the coordination
    releases an amount it types (b) from its €100,000 reserve: not a number, nothing, more than
    the reserve or a team without its own budget are refused in the form with one line; €30,000
    to Alfa gives Alfa €80,000, journalled, and the replay keeps it."""
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    nks = Session.join(facilitator.journal_path, team="nks")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Budget left: €50,000")
        app_n = make_team_app(nks, "en", poll=0.05)
        async with app_n.run_test(size=(160, 50)) as pilot_n:
            text = await until(pilot_n, app_n, "Reserve to release: €100,000")
            assert "Budget left: €200,000" in text
            assert "Release €" not in text                                  # no fixed amounts in the table
            await pilot_n.press("b")
            text = await until(pilot_n, app_n, "Release budget from the reserve (€100,000 left)")
            assert "To team (alfa)" in text                                 # the one team with a budget of its own
            await pilot_n.press("tab")                                      # to the amount
            for typed, line in (("veel", "veel is not an amount; type a number of euros, for example 25000"),
                                ("-5", "The amount must be more than €0"),
                                ("€ 150,000", "€150,000 is more than the reserve: €100,000 is left")):
                app_n.screen.query_one("#form-amount").value = typed
                await pilot_n.press("enter")
                assert line in await until(pilot_n, app_n, line)
            app_n.screen.query_one("#form-team").value = "beta"
            app_n.screen.query_one("#form-amount").value = "30000"
            await pilot_n.press("enter")
            await until(pilot_n, app_n, "No team beta with a budget of its own; choose from: alfa (Team Alfa)")
            app_n.screen.query_one("#form-team").value = "Team Alfa"
            await pilot_n.press("enter")
            await until(pilot_n, app_n, "Reserve to release: €70,000")
            await until(pilot_n, app_n, "The coordination releases €30,000")   # the feed says how much
        await until(pilot, app, "Budget left: €80,000")                    # Alfa follows within a poll
    taken = [d for d in lines(nks) if d["type"] == "decision"]
    assert [d["decision"] for d in taken] == [{"release": {"amount": 30000.0, "team": "alfa"}}]
    assert Session.read(facilitator.journal_path).budget_left("alfa") == 80_000
    for session in (alfa, nks, facilitator):
        session.close()


@pilot_test
async def test_the_coordination_gives_the_place_to_the_team_that_waits(tmp_path: Path) -> None:
    """One place: Alfa activates first and holds it, Beta waits; the coordination gives the
    place to Beta, so Beta holds it and Alfa is first on the waiting list (as the engine's
    rule says: the last holder not placed by coordination gives way)."""
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    nks = Session.join(facilitator.journal_path, team="nks")
    assert alfa.decide(Activate("aa/loket/nood")) is None
    assert beta.decide(Activate("bb/loket/nood")) is None
    app = make_team_app(nks, "en", poll=0.05)
    async with app.run_test(size=(160, 50)) as pilot:   # wide enough for whole decision names
        text = await until(pilot, app, "Agency B · Give the place: Emergency site B")
        assert "Give the place: Emergency site A" not in text              # it holds the place: nothing to give
        assert "not for those that hold a place already (Agency A)" in text
        assert "Emergency site (1/1 places): Agency A · waiting: 1. Agency B" in under_way(app)
        assert "Priority at Emergency site: Agency B first" in text        # B waits: a priority is offered
        table = app.screen.query_one("#decision-table")
        table.move_cursor(row=table.current_order().index('{"allocate": "bb/loket/nood"}'))
        await pilot.press("space", "d")
        text = await until(pilot, app, "(1/1 places): Agency B")
        assert "Emergency site (1/1 places): Agency B · waiting: 1. Agency A" in under_way(app)
        text = await until(pilot, app, "Agency A · Give the place: Emergency site A")   # now A waits
        assert "Give the place: Emergency site B" not in text and "hold a place already (Agency B)" in text
    taken = [d for d in lines(nks) if d["type"] == "decision" and d.get("team") == "nks"]
    assert [d["decision"] for d in taken] == [{"allocate": "bb/loket/nood"}]
    app_a = make_team_app(alfa, "en", poll=0.05)
    async with app_a.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app_a, "(1/1 places): Agency B")              # Alfa sees who holds it now
        assert "Give the place" not in text                                   # not a team's power
    for session in (alfa, beta, nks, facilitator):
        session.close()


@pilot_test
async def test_the_projector_shows_no_inject_meant_for_some_teams_only(tmp_path: Path) -> None:
    """The players' view is everyone's: the tip for Team Alfa and the facilitator's message to
    Team Beta stay off it, while Alfa's and Beta's consoles each show their own."""
    from oefening.journal.follow import Follower
    from oefening.ui.players import players_app

    facilitator = start(tmp_path)
    for _ in range(3):
        facilitator.advance()
    for event in ("storing", "tip-a"):
        assert facilitator.release(event)
    facilitator.inject("Beta: call the minister", teams=["beta"])
    follower = Follower(facilitator.journal_path)
    app = players_app(follower.poll, lang="en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app, "Wolk BV is down")
        assert "For team Alfa only" not in text and "call the minister" not in text
    for team, own, other in (("alfa", "For team Alfa only", "call the minister"),
                             ("beta", "call the minister", "For team Alfa only")):
        session = Session.join(facilitator.journal_path, team=team)
        console = make_team_app(session, "en", poll=0.05)
        async with console.run_test(size=(120, 40)) as pilot:
            text = await until(pilot, console, own)
            assert other not in text
        session.close()
    facilitator.close()


@pilot_test
async def test_help_lists_the_team_keys_in_the_team_console_and_the_facilitators(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Own organisations")
        await pilot.press("question_mark")
        text = await until(pilot, app, "choose decisions for your own organisations")
        for key, words in (("r", "Ready"), ("m", "Message"), ("s", "Share"), ("d", "Decide")):
            assert re.search(rf"[│┃ ] {key} +{words}\b", text), (key, text)
        assert "Next turn" not in text                                     # advancing is the facilitator's
        await pilot.press("escape")
    console = make_app(facilitator, clock=lambda: 0.0)
    async with console.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await until(pilot, console, "teams ready")
        await pilot.press("question_mark")
        text = await until(pilot, console, "Advance when all ready")
        assert re.search(r"[│┃ ] g +Teams\b", text) and re.search(r"[│┃ ] n +Next turn", text), text
    alfa.close()
    facilitator.close()


@pilot_test
async def test_a_team_is_told_when_the_facilitator_takes_a_turn_back(tmp_path: Path) -> None:
    """Alfa said ready at turn 2; the facilitator's undo takes that ready away: Alfa's console
    says so (a message and a mark on its team line, in its language) until it is ready again."""
    facilitator = start(tmp_path)
    facilitator.advance()
    alfa = Session.join(facilitator.journal_path, team="alfa")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, app, "Turn 2 of 20")
        await pilot.press("r")
        await until(pilot, app, "Your team is ready")
        assert facilitator.undo()
        text = await until(pilot, app, "↶ Turn 1 again (taken back)")
        assert "Not ready" in text and "Turn 1 of 20" in text
        assert any(n.message.startswith("The facilitator took back a turn: back to the start of turn 1. ")
                   for n in app._notifications), [n.message for n in app._notifications]
        await pilot.press("l")
        await until(pilot, app, "↶ Beurt 1 opnieuw (teruggedraaid)")
        await pilot.press("r")
        text = await until(pilot, app, "klaar voor deze beurt")
        assert "teruggedraaid" not in text
    alfa.close()
    facilitator.close()


@pilot_test
async def test_the_facilitator_console_hands_out_the_join_commands_and_says_what_undo_takes(tmp_path: Path) -> None:
    """The briefing and the teams overview (g) show, per team, the `oefening join` command to
    hand out (the journal's full path); until a team takes part a toast says how; the undo
    question and its answer say that the teams' ready marks go too."""
    facilitator = start(tmp_path)
    command = f"oefening join {facilitator.journal_path.resolve()} --team"
    app = make_app(facilitator, clock=lambda: 0.0)
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, app, "Turn 1 of 20")
        assert any(n.message.startswith(f"Teams join with: {command} alfa") for n in app._notifications)
        await pilot.press("b")                                             # the briefing
        text = await until(pilot, app, "How the teams join")
        assert f"{command} alfa" in text and f"{command} nks" in text
        await pilot.press("escape", "g")
        text = await until(pilot, app, "How the teams join")
        assert "Team Gamma:" in text and "--team gamma" in text            # (a long path wraps)
        assert text.count(f"oefening join {facilitator.journal_path.resolve()}") == 4
        await pilot.press("escape", "n")
        await pilot.pause(0.1)
        if isinstance(app.screen, ConfirmDialog):                          # nothing decided: go on anyway
            await pilot.press("enter")
        await until(pilot, app, "Turn 2 of 20")
        Session.join(facilitator.journal_path, team="alfa").ready()
        await until(pilot, app, "1 of 4 teams ready")
        await pilot.press("u")
        text = await until(pilot, app, "The teams' decisions and ready marks since then are undone too")
        await pilot.press("enter")
        text = await until(pilot, app, "Turn 1 of 20")
        assert "0 of 4 teams ready" in text
        assert any(n.message.startswith("Turn undone: now turn 1. The teams see it") for n in app._notifications)
    facilitator.close()
