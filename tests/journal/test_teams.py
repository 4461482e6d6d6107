"""Several teams in one journal (issue 13): each team decides for its own organisations only,
every step is checked against what the others appended before it is written, the turn
advances once every player is ready when the facilitator switched that on, messages and
shares are recorded, and the journal replays to the live result, bit for bit."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, Allocate, Deactivate, TakeAction
from oefening.errors import OefeningError
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import DATA, MINIMAL
from tests.run_cli import run_cli

SCENARIO = DATA / "teams.yaml"
A, B, C = "aa/loket/nood", "bb/loket/nood", "cc/loket/nood"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO)


def _start(scenario, tmp_path: Path) -> Session:
    return Session.start(SCENARIO, scenario, seed=3, lang="en", journal_path=tmp_path / "j.jsonl")


def _lines(session: Session) -> list[dict]:
    return [json.loads(line) for line in session.journal_path.read_text().splitlines()[1:]]


def test_a_team_decides_for_its_own_organisations_only(scenario, tmp_path):
    """Team Alfa may activate Agency A's fallback and take its overtime, not Agency B's
    fallback nor the coordination's powers: refused with a clear message, nothing written."""
    facilitator = _start(scenario, tmp_path)
    alfa = Session.join(facilitator.journal_path, "alfa")
    assert alfa.decide(Activate(A)) is None
    refused = alfa.decide(Activate(B))
    assert refused is not None and refused.code == "team"
    assert refused.message == "bb/loket/nood is not for team alfa to decide: organisation bb belongs to team beta"
    assert alfa.decide(TakeAction("overwerk-b")).message == (
        "action overwerk-b is not for team alfa to take: it belongs to team beta")
    assert alfa.decide(Allocate(A)).message == "only the coordination can use the power 'allocate', not team alfa"
    assert [line["decision"] for line in _lines(alfa)] == [{"activate": A}]
    assert _lines(alfa)[0]["team"] == "alfa"
    assert {o.decision for o in alfa.options()} == {Deactivate(A), TakeAction("overwerk-a")}


def test_join_says_what_is_wrong_in_one_line(scenario, tmp_path):
    """An unknown team, a scenario without teams and a finished exercise are refused."""
    facilitator = _start(scenario, tmp_path)
    with pytest.raises(OefeningError, match="unknown team 'delta'; the teams of this exercise are: alfa, beta, gamma, nks"):
        Session.join(facilitator.journal_path, "delta")
    plain = Session.start(MINIMAL, load_scenario(MINIMAL), journal_path=tmp_path / "plain.jsonl")
    plain.close()
    with pytest.raises(OefeningError, match="has no teams; play it with oefening play"):
        Session.join(tmp_path / "plain.jsonl", "alfa")
    facilitator.play(None)
    facilitator.close()
    with pytest.raises(OefeningError, match="the exercise has ended"):
        Session.join(facilitator.journal_path, "alfa")


def test_join_on_the_command_line_exits_2_with_one_line(scenario, tmp_path):
    """`oefening join` on an unknown team or a finished journal: exit 2, one line, no traceback."""
    facilitator = _start(scenario, tmp_path)
    outcome = run_cli("join", str(facilitator.journal_path), "--team", "delta")
    assert outcome.code == 2 and "Traceback" not in outcome.err
    assert outcome.err.strip().endswith("unknown team 'delta'; the teams of this exercise are: alfa, beta, gamma, nks")
    facilitator.play(None)
    facilitator.close()
    outcome = run_cli("join", str(facilitator.journal_path), "--team", "alfa")
    assert outcome.code == 2 and "the exercise has ended" in outcome.err


def test_a_step_is_checked_against_what_the_others_appended(scenario, tmp_path):
    """Beta's session has not looked since the facilitator advanced: its decision is taken in
    the world as it is now (turn 1, t = 4 h), never at the turn it last saw."""
    facilitator = _start(scenario, tmp_path)
    beta = Session.join(facilitator.journal_path, "beta")
    alfa = Session.join(facilitator.journal_path, "alfa")
    alfa.decide(Activate(A))
    facilitator.advance()
    assert beta.exercise.turn == 0
    assert beta.decide(Activate(B)) is None
    assert beta.exercise.turn == 1 and _lines(beta)[-1] == {
        "decision": {"activate": B}, "refused": None, "t": 4.0, "team": "beta", "turn": 1, "type": "decision"}
    assert beta.exercise.snapshot().facilities[0].holders == [A]   # Alfa came first
    assert facilitator.refresh() and not facilitator.refresh()
    assert facilitator.decided_players() == {"beta"}
    assert facilitator.exercise.snapshot().facilities[0].queue == [B]


def test_the_turn_advances_once_every_player_is_ready_when_switched_on(scenario, tmp_path):
    """Without the switch, all ready changes nothing; with it, the last ready writes the one
    turn line; readiness starts afresh at the new turn; a team cannot advance by itself."""
    facilitator = _start(scenario, tmp_path)
    players = {p: Session.join(facilitator.journal_path, p) for p in ("alfa", "beta", "gamma", "nks")}
    assert [players[p].ready() for p in players] == [False] * 4
    assert facilitator.refresh() and facilitator.ready_players() == set(players) and facilitator.exercise.turn == 0
    assert facilitator.set_auto(True)          # everybody was ready already: the turn advances at once
    assert facilitator.exercise.turn == 1 and facilitator.ready_players() == set()
    assert [players[p].ready() for p in ("alfa", "alfa", "beta", "gamma")] == [False, False, False, False]
    assert players["nks"].ready()
    assert [line["type"] for line in _lines(facilitator)].count("turn") == 2
    assert [line.get("team") for line in _lines(facilitator) if line["type"] == "ready"] == [
        "alfa", "beta", "gamma", "nks", "alfa", "beta", "gamma", "nks"]
    with pytest.raises(OefeningError, match="only the facilitator can advance the turn, not team 'alfa'"):
        players["alfa"].advance()


def test_messages_and_what_a_team_shares(scenario, tmp_path):
    """A message reaches its addressee (and the facilitator), not a third team; a team sees
    another's organisations in full only once that one shares them; team injects stay with
    their team."""
    facilitator = _start(scenario, tmp_path)
    alfa = Session.join(facilitator.journal_path, "alfa")
    beta = Session.join(facilitator.journal_path, "beta")
    gamma = Session.join(facilitator.journal_path, "gamma")
    alfa.message("nks", "Wij hebben de noodlocatie nodig")
    beta.message("all", "B deelt zijn cijfers")
    beta.share("alfa")
    for s in (alfa, beta, gamma, facilitator):
        s.refresh()
    assert [m["text"] for m in gamma.messages_for("gamma")] == ["B deelt zijn cijfers"]
    assert [m["to"] for m in facilitator.messages_for(None)] == ["nks", "all"]
    assert alfa.messages_for("nks")[0] == {"turn": 0, "t": 0.0, "team": "alfa", "to": "nks",
                                           "text": "Wij hebben de noodlocatie nodig"}
    assert alfa.visible_organisations("alfa") == {"aa", "bb"}
    assert gamma.visible_organisations("gamma") == {"cc"}
    beta.share("alfa", on=False)
    alfa.refresh()
    assert alfa.visible_organisations("alfa") == {"aa"}
    assert alfa.inject_visible("tip-a", "alfa") and not alfa.inject_visible("tip-a", "beta")
    assert alfa.inject_visible("storing", "beta") and alfa.inject_visible("tip-a", None)
    with pytest.raises(OefeningError, match="cannot send a message to 'delta'"):
        alfa.message("delta", "hallo")


def test_a_team_journal_replays_to_the_live_result(scenario, tmp_path):
    """Facilitator, three teams and the coordination decide over 20 turns; the replay of the
    journal gives the live result to the last bit (the JSON compared as text)."""
    facilitator = _start(scenario, tmp_path)
    alfa, beta, nks = (Session.join(facilitator.journal_path, p) for p in ("alfa", "beta", "nks"))
    alfa.decide(Activate(A))
    beta.decide(Activate(B))
    facilitator.advance()
    nks.decide(Allocate(B))
    alfa.decide(TakeAction("overwerk-a"))
    while not facilitator.exercise.finished:
        facilitator.advance()
    facilitator.close()
    live = json.dumps(facilitator.result(), sort_keys=True)
    assert json.dumps(Session.read(facilitator.journal_path).result(), sort_keys=True) == live
    outcome = run_cli("replay", str(facilitator.journal_path), "--json")
    assert outcome.code == 0 and json.dumps(json.loads(outcome.out), sort_keys=True) == live


def test_a_torn_line_of_a_killed_writer_is_cut_by_the_next(scenario, tmp_path):
    """A writer killed in the middle of a line leaves it without its newline; the next step of
    any process cuts it away under the lock and writes whole lines after it."""
    facilitator = _start(scenario, tmp_path)
    alfa = Session.join(facilitator.journal_path, "alfa")
    with open(facilitator.journal_path, "ab") as file:
        file.write(b'{"decision":{"activate":"bb/loket/no')
    assert alfa.decide(Activate(A)) is None
    text = facilitator.journal_path.read_text()
    assert text.endswith("\n") and "bb/loket/no" not in text
    facilitator.advance()
    assert Session.read(facilitator.journal_path).exercise.turn == 1


def test_a_decision_line_of_the_wrong_team_is_refused_when_read(scenario, tmp_path):
    """A decision line that says team alfa took Agency B's fallback was not written by
    oefening: reading the journal names the line."""
    facilitator = _start(scenario, tmp_path)
    Session.join(facilitator.journal_path, "beta").decide(Activate(B))
    path = facilitator.journal_path
    path.write_text(path.read_text().replace('"team":"beta"', '"team":"alfa"'))
    with pytest.raises(OefeningError, match="a decision of team 'alfa' that is beta's to take") as caught:
        Session.read(path)
    assert caught.value.problems[0].line == 2


def test_a_writer_killed_between_the_last_ready_and_the_turn_does_not_stall_the_exercise(scenario, tmp_path):
    """Every player's ready is on disk with auto-advance on, but the turn line is not (its
    writer died in between): the next refresh of any writing session advances, once."""
    facilitator = _start(scenario, tmp_path)
    facilitator.set_auto(True)
    with open(facilitator.journal_path, "a") as file:
        for player in ("alfa", "beta", "gamma", "nks"):
            file.write(json.dumps({"t": 0.0, "team": player, "turn": 0, "type": "ready"}) + "\n")
    alfa, beta = Session.join(facilitator.journal_path, "alfa"), Session.join(facilitator.journal_path, "beta")
    assert alfa.refresh() and alfa.exercise.turn == 1
    beta.refresh()
    facilitator.refresh()
    assert beta.exercise.turn == facilitator.exercise.turn == 1
    assert [line["type"] for line in _lines(facilitator)].count("turn") == 1


@pytest.mark.parametrize("name, plan", [("digitale-monocultuur", "digitale-monocultuur-regie"),
                                        ("ransomware-leverancier", "ransomware-leverancier-samen")])
def test_a_plan_decides_for_every_team_of_a_bundled_scenario(tmp_path, name, plan):
    """`run --plan --journal` on a bundled scenario with teams: the plan takes every team's
    decisions (and the coordination's); the journal, written with the per-line lock, replays
    to what run printed, with a score for every team."""
    from tests.paths import PLANS, SCENARIOS

    journal = tmp_path / "plan.jsonl"
    outcome = run_cli("run", str(SCENARIOS / f"{name}.yaml"), "--plan", str(PLANS / f"{plan}.yaml"),
                      "--journal", str(journal), "--json")
    assert outcome.code == 0, outcome.err
    live = json.loads(outcome.out)
    assert set(live["teams"]) == {team.id for team in load_scenario(SCENARIOS / f"{name}.yaml").teams}
    replayed = run_cli("replay", str(journal), "--json")
    assert json.loads(replayed.out) == live
    decided = [json.loads(line) for line in journal.read_text().splitlines() if '"decision"' in line]
    assert decided and all("team" not in line for line in decided)   # the plan decides as the facilitator


def test_only_the_facilitator_directs_the_exercise(scenario, tmp_path):
    """A team session cannot send injects, direct the storyline, fire events, take back a
    turn, write notes or the hot wash: one clear line each, nothing written."""
    facilitator = _start(scenario, tmp_path)
    alfa = Session.join(facilitator.journal_path, "alfa")
    for step, what in ((lambda: alfa.inject("Pers belt"), "send an inject"),
                       (lambda: alfa.release("storing"), "direct the storyline"),
                       (lambda: alfa.ask("Wie gaat?"), "direct the storyline"),
                       (lambda: alfa.fire_event("herstel"), "fire an event"),
                       (alfa.undo, "take back a turn"),
                       (lambda: alfa.note("hm"), "write an observer's note"),
                       (lambda: alfa.participant("Anna", "voorzitter"), "write the hot wash"),
                       (lambda: alfa.set_auto(True), "switch auto-advance")):
        with pytest.raises(OefeningError, match=f"only the facilitator can {what}, not team 'alfa'"):
            step()
    assert _lines(facilitator) == []


def test_an_inject_for_one_team_reaches_only_that_team(scenario, tmp_path):
    """The facilitator's inject with teams, and the scenario's team inject, reach only their
    teams and never the projector; an inject to an unknown team is refused; replay keeps it."""
    facilitator = _start(scenario, tmp_path)
    entry = facilitator.inject("Bel de leverancier", "Alleen voor Bèta", teams=["beta"])
    with pytest.raises(OefeningError, match="unknown team 'delta'"):
        facilitator.inject("x", teams=["delta"])
    public = facilitator.inject("Persconferentie om 12:00")
    alfa = Session.join(facilitator.journal_path, "alfa")
    alfa.refresh()
    shown = [e for e in alfa.exercise.world.record.entries if e.kind == "inject"]
    assert [e.detail["title"] for e in shown] == ["Bel de leverancier", "Persconferentie om 12:00"]
    assert [alfa.entry_visible(e, "alfa") for e in shown] == [False, True]
    assert [alfa.entry_visible(e, "beta") for e in shown] == [True, True]
    assert [alfa.entry_public(e) for e in shown] == [False, True]
    assert entry.detail["teams"] == ["beta"] and "teams" not in public.detail
    while not facilitator.exercise.finished:
        facilitator.advance()
    tip = next(e for e in facilitator.exercise.world.record.entries if e.kind == "event" and e.id == "tip-a")
    assert not facilitator.entry_public(tip) and facilitator.entry_visible(tip, "alfa")
    facilitator.close()
    assert Session.read(facilitator.journal_path).result() == facilitator.result()


def test_a_second_facilitator_is_refused_while_teams_still_join(scenario, tmp_path):
    """`play --resume` of a team journal whose facilitator's console is open: exit 2, one line
    naming the process that has it; the teams still join (one team even from two screens,
    each seeing what the other took); once the console closes, the exercise resumes."""

    facilitator = _start(scenario, tmp_path)
    path = facilitator.journal_path
    outcome = run_cli("play", "--resume", str(path))
    assert outcome.code == 2 and "Traceback" not in outcome.err and len(outcome.err.strip().splitlines()) == 1
    assert outcome.err.strip().endswith(
        f"the facilitator's console of this exercise is open already (process {os.getpid()}); "
        "close that one first (teams join with oefening join JOURNAL --team ID)")
    first, second = Session.join(path, "alfa"), Session.join(path, "alfa")
    assert first.decide(Activate(A)) is None
    assert second.refresh() and second.decided_players() == {"alfa"}
    assert second.decide(Activate(A)).code != "team"    # refused by the world (active already), not doubled
    facilitator.close()
    assert not path.with_name(f".{path.name}.facilitator").exists()
    again = Session.resume(path)
    assert again.exercise.world.fallbacks[A].active
    again.close()
