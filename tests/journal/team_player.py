"""One process of the many-writers test (tests/journal/test_teams_processes.py): the
facilitator or one team, each driving its own Session on one journal, as `oefening play`
and `oefening join` do. Run: python tests/journal/team_player.py JOURNAL ROLE OUT.

Every player follows a fixed script of decisions per turn; a step is printed (flushed)
only after the session wrote it, so what the test reads in OUT was on disk. A player that
was killed and started again decides only what its team has not decided at this turn yet
(it sees where it was), so nothing is doubled.

A team runs its real console (``make_team_app``) headless, following the journal as it does
for people; before it says it is ready (``r``, as a person would) it prints the text on its
screen, so the test asserts what each team saw on the screen, not only what its session
answers. The facilitator releases every storyline inject as it arrives, sends an update to
everyone every fourth turn and one inject to team Gamma only."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable

from oefening.engine.decisions import (
    Activate,
    Allocate,
    Deactivate,
    Decision,
    Prioritise,
    Release,
    TakeAction,
    decision_to_json,
)
from oefening.journal.session import Session
from oefening.ui.teams import make_team_app
from tests.ui.test_dialogs_small import screen_text

A, B, C = "aa/loket/nood", "bb/loket/nood", "cc/loket/nood"
SCRIPT: dict[str, dict[int, list[Decision]]] = {
    "alfa": {0: [Activate(A)], 3: [TakeAction("overwerk-a")], 9: [Deactivate(A)], 12: [Activate(A)]},
    "beta": {0: [Activate(B)], 5: [TakeAction("overwerk-b")], 15: [TakeAction("overwerk-b")]},
    "gamma": {1: [Activate("cc/loket/handwerk")], 2: [Activate(C)]},
    "nks": {2: [Allocate(B)], 4: [Prioritise("nood", ("cc", "aa"))], 6: [Release("alfa", 25_000.0)],
            13: [TakeAction("landelijk-beeld")]},
}
MESSAGES = {"alfa": (1, "nks", "Alfa vraagt de noodlocatie aan")}   # turn, to, text: to the coordination only
SHARES = {"beta": (8, "gamma")}                                     # from this turn on, beta shares with gamma
GAMMA_ONLY = (6, "Alleen voor Gamma")                               # the facilitator's inject to one team
SIZE = (160, 50)


def main(journal: str, role: str, out_path: str) -> None:
    out = open(out_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run, flushed per line

    def say(**data: object) -> None:
        out.write(json.dumps(data, sort_keys=True) + "\n")
        out.flush()

    if role == "facilitator":
        facilitate(journal, say)
    else:
        asyncio.run(play_team(journal, role, say))


def facilitate(journal: str, say: Callable[..., None]) -> None:
    session = Session.resume(journal)
    session.set_auto(True)
    said: set[int] = set()
    while True:
        session.refresh()
        if session.exercise.finished:
            break
        turn = session.exercise.turn
        for staged in session.staging.waiting():   # the players get every storyline inject at once
            session.release(staged.event)
        if turn not in said and turn % 4 == 1:
            session.inject(f"Update {turn}", "Het ministerie wil een stand van zaken.")
            said.add(turn)
            say(step="inject", turn=session.exercise.turn)
        if turn == GAMMA_ONLY[0] and not any(e.kind == "inject" and e.detail.get("teams")
                                             for e in session.exercise.world.record.entries):
            session.inject(GAMMA_ONLY[1], teams=["gamma"])
            say(step="inject", turn=turn, teams=["gamma"])
        time.sleep(0.005)
    session.close()
    say(step="result", result=session.result())


async def play_team(journal: str, role: str, say: Callable[..., None]) -> None:
    session = Session.join(journal, role)
    app = make_team_app(session, "en", poll=3600.0)   # this loop follows the journal itself, below
    script = SCRIPT.get(role, {})
    async with app.run_test(size=SIZE) as pilot:
        while True:
            app.follow()
            if session.exercise.finished:
                break
            turn = session.exercise.turn
            segment = session.course.segments[-1]
            mine = [line.data["decision"] for line in segment
                    if line.type == "decision" and line.data.get("team") == role]
            for decision in script.get(turn, []):
                if decision_to_json(decision) in mine:
                    continue
                refusal = session.decide(decision)
                say(step="decision", turn=turn, decision=decision_to_json(decision),
                    refused=None if refusal is None else refusal.code)
            if role in MESSAGES and turn == MESSAGES[role][0] and not session.messages_for(role):
                session.message(MESSAGES[role][1], MESSAGES[role][2])
            if role in SHARES and turn >= SHARES[role][0] and not session.sharing(role):
                session.share(SHARES[role][1])
            if role not in session.ready_players():
                app.took_in()                # what this team did and the others appended, drawn
                await pilot.pause()
                screen = screen_text(app)
                seen = sorted(session.visible_organisations(role))
                told = [e.id for e in session.exercise.world.record.entries
                        if e.kind == "event" and session.inject_visible(e.id, role)]
                await pilot.press("r")       # ready, as the team would say it on its console
                assert role in session.ready_players() or session.exercise.turn > turn, "r did not say ready"
                say(step="ready", turn=turn, sees=seen, injects=told, screen=screen)
            await pilot.pause(0.005)
    session.close()
    say(step="result", result=session.result())


if __name__ == "__main__":
    main(*sys.argv[1:4])
