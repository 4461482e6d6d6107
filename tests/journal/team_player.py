"""One process of the many-writers test (tests/journal/test_teams_processes.py): the
facilitator or one team, each driving its own Session on one journal, as `oefening play`
and `oefening join` do. Run: python tests/journal/team_player.py JOURNAL ROLE OUT.

Every player follows a fixed script of decisions per turn; a step is printed (flushed)
only after the session wrote it, so what the test reads in OUT was on disk. A player that
was killed and started again decides only what its team has not decided at this turn yet
(it sees where it was), so nothing is doubled."""

from __future__ import annotations

import json
import sys
import time

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

A, B, C = "aa/loket/nood", "bb/loket/nood", "cc/loket/nood"
SCRIPT: dict[str, dict[int, list[Decision]]] = {
    "alfa": {0: [Activate(A)], 3: [TakeAction("overwerk-a")], 9: [Deactivate(A)], 12: [Activate(A)]},
    "beta": {0: [Activate(B)], 5: [TakeAction("overwerk-b")], 15: [TakeAction("overwerk-b")]},
    "gamma": {1: [Activate("cc/loket/handwerk")], 2: [Activate(C)]},
    "nks": {2: [Allocate(B)], 4: [Prioritise("nood", ("cc", "aa"))], 6: [Release("alfa", 25_000.0)],
            13: [TakeAction("landelijk-beeld")]},
}


def main(journal: str, role: str, out_path: str) -> None:
    out = open(out_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run, flushed per line

    def say(**data: object) -> None:
        out.write(json.dumps(data, sort_keys=True) + "\n")
        out.flush()

    if role == "facilitator":
        session = Session.resume(journal)
        session.set_auto(True)
        said: set[int] = set()
        while True:
            session.refresh()
            if session.exercise.finished:
                break
            turn = session.exercise.turn
            if turn not in said and turn % 4 == 1:
                session.inject(f"Update {turn}", "Het ministerie wil een stand van zaken.")
                said.add(turn)
                say(step="inject", turn=session.exercise.turn)
            time.sleep(0.005)
        session.close()
        say(step="result", result=session.result())
        return
    session = Session.join(journal, role)
    script = SCRIPT.get(role, {})
    while True:
        session.refresh()
        if session.exercise.finished:
            break
        turn = session.exercise.turn
        mine = [line.data["decision"] for line in session.course.segments[-1]
                if line.type == "decision" and line.data.get("team") == role]
        for decision in script.get(turn, []):
            if decision_to_json(decision) in mine:
                continue
            refusal = session.decide(decision)
            say(step="decision", turn=turn, decision=decision_to_json(decision),
                refused=None if refusal is None else refusal.code)
        seen = sorted(session.visible_organisations(role))
        told = [e.id for e in session.exercise.world.record.entries
                if e.kind == "event" and session.inject_visible(e.id, role)]
        if role not in session.ready_players():
            session.ready()
            say(step="ready", turn=turn, sees=seen, injects=told)
        time.sleep(0.005)
    session.close()
    say(step="result", result=session.result())


if __name__ == "__main__":
    main(*sys.argv[1:4])
