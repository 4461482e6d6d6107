"""Several teams in one journalled exercise (issue 13): who may decide what, readiness, messages
and what a team chose to share, as the :class:`~oefening.journal.session.Session` of the
facilitator (``team`` None) or of one team (or the coordination) sees them.

Every team step is one journal line carrying ``"team"``: ``decision``, ``ready``, ``message``,
``share``; the facilitator's ``auto`` line switches on that the turn advances once every
player (every team and the coordination) said it is ready; the ``ready`` that completes the
set writes the turn line itself, under the same lock, so there is exactly one. Auto-advance
waits only for the players whose console is open (:mod:`oefening.journal.presence`, files
beside the journal, not journal lines): a team nobody plays does not hold up the turn. Nothing
here changes the simulation except through :meth:`Session.decide` and the turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oefening.engine.decisions import Activate, Allocate, Deactivate, Decision, Prioritise, Refusal, Release, TakeAction
from oefening.errors import OefeningError, Problem
from oefening.journal.presence import Consoles, look
from oefening.scenario.teams import owner_of_action, owner_of_fallback

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from oefening.engine.exercise import Exercise, Option, TurnReport
    from oefening.engine.record import Entry
    from oefening.journal.format import Course, Journal, Line
    from oefening.scenario.base import Text
    from oefening.scenario.model import Scenario

MAX_MESSAGE = 2000    # characters in one message between teams
EVERYBODY = "all"     # a message or a share to every player
POWER_OF = {Allocate: "allocate", Prioritise: "priority", Release: "budget"}


class TeamsMixin:
    """The team side of a session; mixed into :class:`~oefening.journal.session.Session`."""

    scenario: Scenario
    course: Course
    exercise: Exercise
    team: str | None
    journal_path: Path

    def _write(self, data: dict[str, Any]) -> Line:
        raise NotImplementedError

    def _locked(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _advance(self) -> TurnReport:
        raise NotImplementedError

    # -- who plays ------------------------------------------------------------------------

    @property
    def players(self) -> list[str]:
        """The teams' ids, then the coordination's (empty without teams)."""
        ids = [team.id for team in self.scenario.teams]
        if self.scenario.coordination is not None:
            ids.append(self.scenario.coordination.id)
        return ids

    def player_name(self, player: str) -> Text:
        """The name of a team or of the coordination."""
        for team in self.scenario.teams:
            if team.id == player:
                return team.name
        coordination = self.scenario.coordination
        if coordination is not None and coordination.id == player:
            return coordination.name
        raise KeyError(player)

    def check_player(self, player: str, journal: Journal) -> None:
        """OefeningError unless ``player`` is a team (or the coordination) of the scenario."""
        if not self.scenario.teams:
            raise journal.problem(None, f"scenario {self.scenario.id!r} has no teams; play it with oefening play")
        if player not in self.players:
            known = ", ".join(self.players)
            raise journal.problem(None, f"unknown team {player!r}; the teams of this exercise are: {known}")

    def facilitator_only(self, what: str) -> None:
        if self.team is not None:
            raise OefeningError([Problem(f"only the facilitator can {what}, not team {self.team!r}",
                                         str(self.journal_path))])

    def team_of_organisation(self, organisation: str) -> str | None:
        """The team deciding for an organisation (None: no team, the facilitator)."""
        return owner_of_fallback(self.scenario, organisation)

    def owner(self, decision: Decision) -> str | None:
        """The player that takes ``decision`` (None: only the facilitator)."""
        coordination = self.scenario.coordination
        match decision:
            case Activate(fallback=ref) | Deactivate(fallback=ref):
                return owner_of_fallback(self.scenario, ref)
            case TakeAction(action=ident):
                return owner_of_action(self.scenario, ident)
        return coordination.id if coordination is not None else None

    def not_ours(self, decision: Decision) -> Refusal | None:
        """Why this session may not take ``decision`` (None: it may; the facilitator may take any)."""
        if self.team is None:
            return None
        owner = self.owner(decision)
        if owner == self.team:
            return None
        return Refusal("team", _not_yours(decision, self.team, owner))

    def wrong_team(self, team: str | None, decision: Decision) -> str | None:
        """What is wrong with a journal line of ``team`` taking ``decision`` (None: nothing)."""
        if team is None:
            return None
        if team not in self.players:
            return f"a decision of {team!r}, which is no team of the scenario"
        owner = self.owner(decision)
        if owner != team:
            return f"a decision of team {team!r} that is {owner or 'the facilitator'}'s to take"
        return None

    def refusal_for(self, decision: Decision) -> Refusal | None:
        """Why this session cannot take ``decision`` now (not its own, or refused by the world)."""
        return self.not_ours(decision) or self.exercise.refusal(decision)

    def options(self) -> list[Option]:
        """The options this session decides: every one for the facilitator, a team's own for a
        team; the coordination's include allocating a place to each active fallback that uses a
        facility (with the power ``allocate``)."""
        options = [o for o in self.exercise.options() if self.not_ours(o.decision) is None]
        return options + self.exercise.coordination_options(self.team is None or self.team == self._coordination_id)

    @property
    def _coordination_id(self) -> str | None:
        coordination = self.scenario.coordination
        return coordination.id if coordination is not None else None

    def budget_left(self, player: str | None) -> float | None:
        """What ``player`` can still spend of its own: a team's own budget left, the
        coordination's reserve left; None for a team without its own budget (it pays from
        the shared budget, ``snapshot.budget_left``) and for the facilitator."""
        money = self.exercise.world.money
        if player is not None and player == self._coordination_id:
            return money.reserve
        if player is None or player not in money.own:
            return None
        return money.own[player] - money.spent_by(player, self.exercise.now)

    def continuity_of(self, player: str) -> float:
        """A team's continuity score so far, over its own organisations' processes (SPEC §3's
        formula; 100 for the coordination, which has none)."""
        from oefening.engine.result import continuity

        orgs: set[str] = set()
        for team in self.scenario.teams:
            if team.id == player:
                orgs = set(team.organisations)
        exercise = self.exercise
        processes = [p for p in exercise.world.processes.values() if p.ref.split("/")[0] in orgs]
        return continuity(processes, exercise.now)

    # -- ready, auto-advance --------------------------------------------------------------

    def ready_players(self) -> set[str]:
        """The players that said they are ready at the current turn boundary."""
        return {line.data["team"] for line in self.course.segments[-1] if line.type == "ready"}

    def decided_players(self) -> set[str]:
        """The players that took a decision at the current turn boundary."""
        return {line.data["team"] for line in self.course.segments[-1]
                if line.type == "decision" and "team" in line.data}

    @property
    def auto(self) -> bool:
        """Whether the turn advances by itself once every player with an open console is ready
        (the facilitator's switch)."""
        switches = [line for line in self.course.teams if line.type == "auto"]
        return bool(switches) and bool(switches[-1].data["on"])

    def ready(self) -> bool:
        """This team is ready for the next turn (written once per turn boundary). True when
        that made the turn advance: auto-advance is on and every player with an open console
        is ready now."""
        with self._locked():
            if self.team is None:
                raise OefeningError([Problem("the facilitator advances the turn instead of saying ready",
                                             str(self.journal_path))])
            if self.exercise.finished:
                return False
            if self.team not in self.ready_players():
                self._team_line("ready")
            return self._advance_if_all_ready()

    def set_auto(self, on: bool) -> bool:
        """The facilitator switches auto-advance on or off; True when the turn advanced at once
        (everybody was ready already)."""
        with self._locked():
            self.facilitator_only("switch auto-advance")
            if on != self.auto:
                line = self._write({"type": "auto", "turn": self.exercise.turn, "t": self.exercise.now, "on": on})
                self.course.add(line)
            return self._advance_if_all_ready()

    def advance_if_all_ready(self) -> bool:
        """Advance the turn when :meth:`all_ready` (for a console that wants to make sure, e.g.
        when the last console that was waited for closed); False otherwise."""
        with self._locked():
            return self._advance_if_all_ready()

    def consoles(self) -> Consoles | None:
        """The players' consoles open now (``oefening join``), and those lost at this turn (a
        console that died without closing, probably joining again), read from the presence
        files beside the journal (:mod:`oefening.journal.presence`), never from the journal;
        None where that cannot be known."""
        return look(self.journal_path, self.exercise.turn)

    def waiting_for(self, consoles: Consoles | None = None) -> list[str]:
        """The players auto-advance waits for, in the scenario's order: those not ready at this
        turn boundary whose console is open, or was lost during this turn (``consoles``, looked
        at now when not given). A team nobody plays, or whose console was closed, does not hold
        up the turn. Where presence is unknown: every player not ready."""
        ready = self.ready_players()
        if consoles is None:
            consoles = self.consoles()
        return [p for p in self.players if p not in ready
                and (consoles is None or p in consoles.open or p in consoles.lost)]

    def all_ready(self) -> bool:
        """Auto-advance is on, the exercise goes on, some player said it is ready and every
        player with an open console (or one lost this turn) did (:meth:`waiting_for` is empty):
        a team without a console does not hold up the turn, and with no player ready nothing
        advances by itself."""
        if not self.auto or self.exercise.finished:
            return False
        ready = self.ready_players()
        if not ready:
            return False
        return not set(self.players) - ready or not self.waiting_for()

    def _advance_if_all_ready(self) -> bool:
        if not self.all_ready():
            return False
        self._advance()
        return True

    # -- messages and sharing -------------------------------------------------------------

    def message(self, to: str, text: str) -> dict[str, Any]:
        """A message to another team, the coordination or everybody (``all``), journalled."""
        text = text.strip()
        if (to not in self.players and to != EVERYBODY) or to == self.team:
            raise OefeningError([Problem(f"cannot send a message to {to!r}; to: {', '.join(self.players)} or all",
                                         str(self.journal_path))])
        if not text or len(text) > MAX_MESSAGE:
            raise OefeningError([Problem(f"a message has 1 to {MAX_MESSAGE} characters", str(self.journal_path))])
        with self._locked():
            line = self._team_line("message", to=to, text=text, own=self.team is not None)
        return _message(line)

    def messages_for(self, player: str | None) -> list[dict[str, Any]]:
        """The messages ``player`` sent or received (None: every message, for the facilitator)."""
        out = []
        for line in self.course.teams:
            if line.type != "message":
                continue
            data = line.data
            if player is None or data.get("team") == player or data["to"] in (player, EVERYBODY):
                out.append(_message(line))
        return out

    def share(self, to: str, on: bool = True) -> None:
        """This team's organisations become visible in full to ``to`` (a team, the coordination
        or ``all``) from now on; ``on=False`` stops sharing."""
        if self.team is None:
            raise OefeningError([Problem("the facilitator sees everything; only a team shares",
                                         str(self.journal_path))])
        if (to not in self.players and to != EVERYBODY) or to == self.team:
            raise OefeningError([Problem(f"cannot share with {to!r}; with: {', '.join(self.players)} or all",
                                         str(self.journal_path))])
        with self._locked():
            if self.sharing(self.team).get(to, False) != on:
                self._team_line("share", to=to, on=on)

    def sharing(self, player: str) -> dict[str, bool]:
        """With whom ``player`` shares its organisations now (``all`` for everybody)."""
        state: dict[str, bool] = {}
        for line in self.course.teams:
            if line.type == "share" and line.data["team"] == player:
                state[line.data["to"]] = line.data["on"]
        return {to: on for to, on in state.items() if on}

    def visible_organisations(self, player: str | None) -> set[str]:
        """The organisations ``player`` sees in full: its own and those shared with it
        (None, the facilitator: every one)."""
        if player is None:
            return {org.id for org in self.scenario.organisations}
        seen: set[str] = set()
        for team in self.scenario.teams:
            shares = self.sharing(team.id)
            if team.id == player or shares.get(player) or shares.get(EVERYBODY):
                seen.update(team.organisations)
        return seen

    def entry_visible(self, entry: Entry, player: str | None) -> bool:
        """Whether a record entry that is an inject (a storyline event's or the facilitator's)
        reaches ``player``: None, the facilitator, sees all; every other entry is not an
        inject and is True (what a team may see of the world is :meth:`visible_organisations`)."""
        if entry.kind == "event":
            return self.inject_visible(entry.id, player)
        if entry.kind == "inject":
            teams = entry.detail.get("teams")
            return player is None or not teams or player in teams
        return True

    def entry_public(self, entry: Entry) -> bool:
        """Whether an inject is for everybody (the projector's players' view shows only those):
        not meant for some teams only."""
        if entry.kind == "event":
            event = self.exercise.world.events.get(entry.id)
            return event is None or event.inject is None or not event.inject.teams
        return not (entry.kind == "inject" and entry.detail.get("teams"))

    def inject_visible(self, event_id: str, player: str | None) -> bool:
        """Whether a storyline event's inject reaches ``player`` (None: the facilitator, always)."""
        event = self.exercise.world.events.get(event_id)
        if player is None or event is None or event.inject is None:
            return True
        return not event.inject.teams or player in event.inject.teams

    def _team_line(self, kind: str, *, own: bool = True, **data: Any) -> Line:
        exercise = self.exercise
        extra = {"team": self.team} if own and self.team is not None else {}
        line = self._write({"type": kind, "turn": exercise.turn, "t": exercise.now, **extra, **data})
        self.course.add(line)
        return line


def _message(line: Line) -> dict[str, Any]:
    data = line.data
    return {"turn": data["turn"], "t": data["t"], "team": data.get("team"), "to": data["to"], "text": data["text"]}


def _not_yours(decision: Decision, team: str, owner: str | None) -> str:
    whose = f"team {owner}" if owner is not None else "the facilitator"
    match decision:
        case Activate(fallback=ref) | Deactivate(fallback=ref):
            return f"{ref} is not for team {team} to decide: organisation {ref.split('/')[0]} belongs to {whose}"
        case TakeAction(action=ident):
            return f"action {ident} is not for team {team} to take: it belongs to {whose}"
    power = POWER_OF.get(type(decision), "coordinate")
    return f"only the coordination can use the power {power!r}, not team {team}"
