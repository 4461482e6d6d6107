"""One journalled exercise, as the terminal UI and ``run --journal`` drive it: start, resume, undo.

A :class:`Session` holds an :class:`~oefening.engine.exercise.Exercise` and its journal
(:mod:`oefening.journal.format`). Every input is written to the journal, on disk, before it reaches
the exercise, so a crash at any moment (even ``kill -9``) loses at most the input being
written, and :meth:`Session.resume` rebuilds the exercise exactly where the last complete line
left it. Undo is an ``undo`` line, never a deleted one: the session rebuilds a fresh exercise
from the inputs still in effect (cheap, since the engine is deterministic). At every turn
boundary the exercise notes the trend in its record; like every read of the engine, that never
advances the run itself, so a live exercise, its replay and a plan run with the same decisions agree to the
last bit.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from oefening.decide import Decider, play
from oefening.engine.decisions import Decision, Refusal, decision_from_json, decision_to_json
from oefening.engine.exercise import Exercise, Firing, TurnReport
from oefening.engine.record import Entry
from oefening.engine.result import Result
from oefening.engine.retell import Retelling
from oefening.errors import OefeningError, Problem
from oefening.journal.debrief import RATINGS, Debrief, Finding, valid_date
from oefening.journal.fingerprint import STATE, state_fingerprint
from oefening.journal.format import (
    LANGUAGES,
    STAGING,
    Course,
    Header,
    Journal,
    JournalWriter,
    Line,
    course_of,
    parse_lines,
    read_appended,
    read_journal,
)
from oefening.journal.presence import Presence
from oefening.journal.staging import Asked, Staging, Timer
from oefening.journal.teams import TeamsMixin
from oefening.scenario.model import Scenario

PLAYED = "team"   # the result's "plan" for an exercise played by people
EPS = 1e-6        # hours: how far a recorded time may be from the simulated one

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _step(method: Callable[Concatenate[Session, _P], _R]) -> Callable[Concatenate[Session, _P], _R]:
    """A step that writes the journal: with several writers (teams) it runs under the journal's
    lock, after taking in what the others appended, so it is checked against the world as it is."""
    @functools.wraps(method)
    def locked(self: Session, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._locked():
            return method(self, *args, **kwargs)
    return locked


class Session(TeamsMixin):
    """A journalled exercise. Build one with :meth:`start`, :meth:`resume`, :meth:`join` or :meth:`read`."""

    def __init__(self, scenario: Scenario, header: Header, journal_path: Path, course: Course,
                 writer: JournalWriter | None, notices: list[str], next_line: int, size: int = 0,
                 team: str | None = None) -> None:
        self.scenario = scenario
        self.header = header
        self.journal_path = journal_path
        self.scenario_file = Path(header.scenario_path)   # the file read (set by _open when found elsewhere)
        self.lang = header.lang
        self.seed = header.seed
        self.plan = header.plan
        self.notices = notices
        self.course = course
        self.notes: list[dict[str, Any]] = [_note(line) for line in course.notes]
        self.exercise: Exercise
        self.staging = Staging()
        self._arrivals = 0   # how far the record has been searched for storyline injects
        self._writer = writer
        self._next_line = next_line   # the number the next journal line will have
        self._size = size             # bytes of the journal taken in
        self._depth = 0               # how deep in steps holding the journal's lock
        self.team = team              # the team (or coordination) this session decides for; None: the facilitator
        self._presence: Presence | None = None   # a joined team's open console (see journal.presence)
        self._rebuild()

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def start(cls, scenario_path: str | Path, scenario: Scenario, seed: int = 0, lang: str = "en",
              journal_path: str | Path | None = None, *, plan: str | None = PLAYED) -> Session:
        """A new exercise with a new journal (default ``journals/<id>-<time>.jsonl``).

        ``plan`` is what the result names as its plan: "team" for people at the table, a
        plan's id for ``run --plan``, None when nobody acts. An existing journal is never
        overwritten.
        """
        from oefening import __version__
        from oefening.scenario.load import read_bytes_sha256

        if lang not in LANGUAGES:
            raise OefeningError(f"unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
        header = Header(
            scenario=scenario.id, scenario_path=os.path.abspath(scenario_path),
            scenario_sha256=read_bytes_sha256(scenario_path), seed=seed, lang=lang,
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            oefening=__version__, plan=plan,
        )
        path = Path(journal_path) if journal_path is not None else default_journal_path(scenario.id)
        writer = JournalWriter.create(path, header, shared=bool(scenario.teams))
        if writer.shared:
            writer.claim()
        return cls(scenario, header, path, Course(), writer, [], next_line=2, size=writer.size)

    @classmethod
    def resume(cls, journal_path: str | Path, *, scenario_path: str | Path | None = None,
               wait: float = 0.0) -> Session:
        """The exercise of a journal, rebuilt where its last complete line left it, to go on.

        A torn last line is ignored (with a notice) and cut away before anything is appended.
        OefeningError, leaving the file untouched, when the scenario changed since, the format
        is unknown, a line is malformed or does not fit the simulation, or another process has
        the exercise open as its facilitator (teams :meth:`join` instead; one team may join from
        several screens). ``wait``: seconds to give a facilitator's console that holds the
        journal to close first (one on its way out, as under ``oefening serve`` on a reload).
        """
        session, journal = cls._open(journal_path, scenario_path)
        writer = JournalWriter.append(journal, shared=bool(session.scenario.teams))
        if writer.shared:   # the teams write too, but one facilitator at a time
            writer.claim(wait)
        session._writer = writer
        return session

    @classmethod
    def join(cls, journal_path: str | Path, team: str, *, scenario_path: str | Path | None = None) -> Session:
        """The exercise of a team journal, to decide for one team (or the coordination) in
        it while the facilitator and the other teams write the same journal. OefeningError
        when the scenario has no teams, the team is unknown or the exercise has ended; a team
        that dropped out joins again the same way and is where it was."""
        session, journal = cls._open(journal_path, scenario_path)
        session.check_player(team, journal)
        if session.exercise.finished or session.course.end is not None:
            raise journal.problem(None, "the exercise has ended; replay it or make its report instead")
        session.team = team
        session._writer = JournalWriter.append(journal, shared=True)
        session._presence = Presence(journal.path, team, session.exercise.turn)   # seen open by the others
        return session

    @classmethod
    def read(cls, journal_path: str | Path, *, scenario_path: str | Path | None = None) -> Session:
        """The exercise of a journal, read-only (for replay and the report): the file is not touched."""
        return cls._open(journal_path, scenario_path)[0]

    @classmethod
    def _open(cls, journal_path: str | Path, scenario_path: str | Path | None) -> tuple[Session, Journal]:
        from oefening import __version__
        from oefening.scenario.load import load_scenario, read_bytes_sha256

        journal = read_journal(journal_path)
        header = journal.header
        course = course_of(journal)
        path = _find_scenario(journal, scenario_path)
        digest = read_bytes_sha256(path)
        if digest != header.scenario_sha256:
            raise journal.problem(None, (
                f"the scenario file changed since the journal was written: {path} "
                f"(SHA-256 {header.scenario_sha256[:12]}… in the journal, {digest[:12]}… now); "
                "restore the file as it was to resume or replay this exercise"))
        scenario = load_scenario(path)
        if scenario.id != header.scenario:
            raise journal.problem(1, f"the journal is of scenario {header.scenario!r}, {path} holds {scenario.id!r}")
        notices = [journal.torn] if journal.torn else []
        if header.oefening != __version__:
            notices.append(f"{journal.path}: written by oefening {header.oefening}, read by {__version__}")
        unchecked = next((line for line in course.turns if STATE not in line.data), None)
        if unchecked is not None and course.end is None:
            notices.append(f"{journal.path}:{unchecked.number}: a turn line without a state fingerprint "
                           f"(written by oefening {header.oefening}): an edited header or seed cannot be "
                           "detected in this unfinished journal")
        session = cls(scenario, header, journal.path, course, None, notices, next_line=2 + len(journal.lines),
                      size=journal.size)
        session.scenario_file = path
        session._check_end()
        return session, journal

    # -- the team's and the facilitator's inputs --------------------------------------------

    @_step
    def decide(self, decision: Decision) -> Refusal | None:
        """Take a decision (journalled, refused or not); the refusal when it cannot be taken now.
        A team's session refuses a decision that is not the team's own without writing it."""
        theirs = self.not_ours(decision)
        if theirs is not None:
            return theirs
        refusal = self.exercise.refusal(decision)
        extra = {"team": self.team} if self.team is not None else {}
        self._input("decision", decision=decision_to_json(decision),
                    refused=refusal.code if refusal is not None else None, **extra)
        return self.exercise.decide(decision)

    @_step
    def advance(self) -> TurnReport:
        """Run one turn; the turn line is on disk before the simulation moves."""
        self.facilitator_only("advance the turn")
        return self._advance()

    def _advance(self) -> TurnReport:
        exercise = self.exercise
        if exercise.finished:
            raise RuntimeError("the exercise has reached its horizon")
        end = min(exercise.now + self.scenario.turn, exercise.horizon)
        state = state_fingerprint(self.header, exercise)
        self.course.add(self._write({"type": "turn", "turn": exercise.turn + 1, "t": end, STATE: state}))
        report = exercise.advance()
        self.staging.next_turn()
        self._sync_arrivals(exercise)
        return report

    @_step
    def undo(self) -> bool:
        """Take back the last turn and the inputs at the boundary it started from; False at turn 0."""
        self.facilitator_only("take back a turn")
        if self.exercise.turn == 0:
            return False
        self.course.add(self._write({"type": "undo", "turn": self.exercise.turn, "t": self.exercise.now}))
        self._rebuild()
        return True

    @_step
    def inject(self, title: str, text: str = "", source: str = "facilitator", severity: str = "info",
               teams: tuple[str, ...] | list[str] = ()) -> Entry:
        """A free-text message from the facilitator to the players, with the source and
        severity they see (the facilitator's ``info`` unless given); it reaches them at once.
        ``teams`` (with teams): only these teams (or the coordination) receive it."""
        self.facilitator_only("send an inject")
        unknown = [team for team in teams if team not in self.players]
        if unknown:
            raise OefeningError([Problem(f"unknown team {unknown[0]!r}; the teams are: {', '.join(self.players)}",
                                         str(self.journal_path))])
        extra: dict[str, Any] = {}
        if source != "facilitator":
            extra["source"] = source
        if severity != "info":
            extra["severity"] = severity
        if teams:
            extra["teams"] = list(teams)
        self._input("inject", title=title, text=text, **extra)
        return self.exercise.inject(title, text, source, severity, tuple(teams))

    # -- the facilitator's stage directions (they never change the simulation) --------------

    def release(self, event_id: str) -> bool:
        """Show a storyline inject to the players; False (nothing written) when it cannot be.

        The players read it as the world words it now, not as it was worded when the event
        fired (:meth:`Exercise.retell`: the variant that holds now, today's figures); the line
        keeps that wording (``variant``, ``values``), and ``stands: false`` when it was
        released although its premise no longer held (the direction dialog asks first,
        :meth:`retelling`)."""
        return self._direct("release", event=event_id)

    def retelling(self, event_id: str) -> Retelling | None:
        """How the waiting inject of ``event_id`` would read if released now, and whether it
        still stands; None when no such inject waits. Writes nothing."""
        staged = self.staging.injects.get(event_id)
        if staged is None or self.staging.problem("release", event_id) is not None:
            return None
        return self.exercise.retell(event_id)

    def hold(self, event_id: str) -> bool:
        """Keep a due storyline inject back from the players for now (release it later)."""
        return self._direct("hold", event=event_id)

    def edit(self, event_id: str, title: str, text: str) -> bool:
        """Reword a storyline inject the players have not seen yet."""
        return self._direct("edit", event=event_id, title=title, text=text)

    def drop(self, event_id: str) -> bool:
        """Never show this storyline inject to the players (the event itself did happen)."""
        return self._direct("drop", event=event_id)

    def ask(self, text: str, event: str | None = None) -> Asked:
        """Put a discussion question to the team (it shows on the players' screen)."""
        data: dict[str, Any] = {"text": text}
        if event is not None:
            data["event"] = event
        self._stage("question", **data)
        return self.staging.asked[-1]

    def set_timer(self, running: bool, left: float, clock: float) -> Timer:
        """Start, pause or resume this turn's discussion timer: ``left`` seconds at wall-clock
        ``clock`` (the caller's clock, so tests never wait for wall time)."""
        self._stage("timer", running=running, left=round(float(left), 3), clock=round(float(clock), 3))
        assert self.staging.timer is not None
        return self.staging.timer

    @_step
    def _direct(self, kind: str, **data: Any) -> bool:
        self.facilitator_only("direct the storyline")
        self._sync_arrivals(self.exercise)
        if self.exercise.finished or self.staging.problem(kind, data["event"]) is not None:
            return False
        if kind == "release":
            retold = self.exercise.retell(data["event"])
            data.update(retold.detail())
            if not retold.stands and self.staging.injects[data["event"]].title is None:
                data["stands"] = False   # the scenario's words, shown although the world no longer bears them out
        self._stage(kind, **data)
        return True

    @_step
    def _stage(self, kind: str, **data: Any) -> None:
        self.facilitator_only("direct the storyline")
        exercise = self.exercise
        line = self._write({"type": kind, "turn": exercise.turn, "t": exercise.now, **data})
        self.course.add(line)
        self._sync_arrivals(exercise)
        self.staging.apply(line)

    def fire_event(self, event_id: str) -> bool:
        """The facilitator fires a storyline event by hand; False (nothing written) when it
        is unknown, has fired already, can no longer happen, or the exercise has ended."""
        return self.fire_in_order(event_id).fired

    @_step
    def fire_in_order(self, event_id: str) -> Firing:
        """Fire an event by hand, the events it follows first (:meth:`Exercise.fire_in_order`);
        nothing is written when it cannot fire, and the outcome says why."""
        self.facilitator_only("fire an event")
        exercise = self.exercise
        refused = exercise.why_not_fire(event_id)
        if refused is not None:
            return refused
        fired = []
        for event in exercise.chain(event_id):   # one line per event, so replay fires each alone
            self._input("event", id=event.id)
            if exercise.fire_one(event.id):
                fired.append(event.id)
        return Firing(event_id in fired, tuple(fired), None if event_id in fired else "fired", event_id)

    @_step
    def note(self, text: str, author: str | None = None) -> dict[str, Any]:
        """An observer's note: journalled, kept across undo, no effect on the simulation."""
        self.facilitator_only("write an observer's note")
        data: dict[str, Any] = {"type": "note", "turn": self.exercise.turn, "t": self.exercise.now, "text": text}
        if author is not None:
            data["author"] = author
        line = self._write(data)
        self.course.add(line)
        note = _note(line)
        self.notes.append(note)
        return note

    # -- the hot wash (oefening/journal/debrief.py) ----------------------------------------

    @property
    def debrief(self) -> Debrief:
        """Participants, the hot wash's findings per learning goal and the improvement plan."""
        return self.course.debrief

    @property
    def goals(self) -> int:
        """How many learning goals the hot wash rates (one, "the exercise as a whole", when
        the scenario names none)."""
        return max(1, len(self.scenario.learning_goals))

    @_step
    def participant(self, name: str, role: str, organisation: str = "", *, ident: str | None = None,
                    removed: bool = False) -> str:
        """Add (or with ``ident`` change, or remove) a participant; returns its id."""
        self._open_debrief()
        debrief = self.course.debrief
        ident = ident or debrief.next_id("p", dict(debrief.participants))
        if not removed and (not name.strip() or not role.strip()):
            raise OefeningError("a participant needs a name and a role", words=[("refused.participant", {})])
        data: dict[str, Any] = {"type": "participant", "turn": self.exercise.turn, "t": self.exercise.now,
                                "id": ident, "name": name.strip(), "role": role.strip()}
        if organisation.strip():
            data["organisation"] = organisation.strip()
        if removed:
            data["removed"] = True
        self.course.add(self._write(data))
        return ident

    @_step
    def finding(self, goal: int, *, rating: str | None, strengths: str = "", improvements: str = "",
                evidence: tuple[int, ...] | list[int] = ()) -> Finding:
        """What the hot wash found for learning goal ``goal``: what went well, what did not, the
        HSEEP rating (P, S, M, U; None: not rated) and the numbers of the decisions that bear on
        it (as the report numbers them, 1 for the first decision taken). Replaces an earlier
        finding of the goal."""
        self._open_debrief()
        self._check_goal(goal)
        if rating is not None and rating not in RATINGS:
            raise OefeningError(f"unknown rating {rating!r}; allowed: {', '.join(RATINGS)}",
                                words=[("refused.rating", {"rating": rating, "allowed": ", ".join(RATINGS)})])
        if any(not isinstance(n, int) or not 0 < n < 100_000 for n in evidence):
            raise OefeningError("decisions are numbered 1, 2, … as in the report", words=[("refused.evidence", {})])
        self.course.add(self._write({
            "type": "finding", "turn": self.exercise.turn, "t": self.exercise.now, "goal": goal,
            "rating": rating, "strengths": strengths.strip(), "improvements": improvements.strip(),
            **({"evidence": sorted(set(evidence))} if evidence else {})}))
        return self.course.debrief.findings[goal]

    @_step
    def corrective(self, goal: int, action: str, owner: str, organisation: str, due: str, *,
                   ident: str | None = None, removed: bool = False) -> str:
        """Add (or with ``ident`` change, or remove) a corrective action of the improvement plan:
        what, who owns it, in which organisation, due when (YYYY-MM-DD); returns its id."""
        self._open_debrief()
        self._check_goal(goal)
        debrief = self.course.debrief
        ident = ident or debrief.next_id("a", dict(debrief.actions))
        if removed:
            if ident not in debrief.actions:
                raise OefeningError(f"there is no corrective action {ident!r}")
            old = debrief.actions[ident]
            goal, action, owner, organisation, due = old.goal, old.action, old.owner, old.organisation, old.due
        missing = [(said, key) for said, key, value in (
            ("an action", "refused.field.action", action), ("an owner", "refused.field.owner", owner),
            ("an organisation", "refused.field.organisation", organisation)) if not value.strip()]
        problems = [f"a corrective action needs {', '.join(said for said, _ in missing)}"] if missing else []
        words: list[tuple[str, dict[str, object]]] = (
            [("refused.corrective", {"fields": [key for _, key in missing]})] if missing else [])
        if not valid_date(due.strip()):
            problems.append(f"the due date {due!r} is not a date like 2025-06-30")
            words.append(("refused.due", {"due": due}))
        if problems:   # every problem of the form at once, in one line
            raise OefeningError("; ".join(problems), words=words)
        data: dict[str, Any] = {"type": "corrective", "turn": self.exercise.turn, "t": self.exercise.now,
                                "id": ident, "goal": goal, "action": action.strip(), "owner": owner.strip(),
                                "organisation": organisation.strip(), "due": due.strip()}
        if removed:
            data["removed"] = True
        self.course.add(self._write(data))
        return ident

    @_step
    def mark_reported(self, path: str | Path) -> None:
        """The after-action report was made from this journal: the hot wash is closed."""
        if self.course.debrief.reported is None:
            self.course.add(self._write({"type": "reported", "turn": self.exercise.turn, "t": self.exercise.now,
                                         "path": str(path)}))

    def _open_debrief(self) -> None:
        self.facilitator_only("write the hot wash")
        if self.course.debrief.reported is not None:
            raise OefeningError(f"the report was made from this hot wash ({self.course.debrief.reported}); "
                                "it can no longer be changed",
                                words=[("hotwash.closed", {"path": self.course.debrief.reported})])

    def _check_goal(self, goal: int) -> None:
        if not 0 <= goal < self.goals:
            raise OefeningError(f"there is no learning goal {goal + 1}; the scenario has {self.goals}",
                                words=[("refused.goal", {"goal": goal + 1, "goals": self.goals})])

    def play(self, decider: Decider | None) -> None:
        """Play to the horizon with ``decider`` at every turn boundary (None: nobody acts),
        every decision and turn journalled: the one play loop, :func:`oefening.decide.play`."""
        play(self, decider)

    # -- reading ----------------------------------------------------------------------------

    @property
    def this_turn(self) -> list[dict[str, Any]]:
        """The inputs taken at the current turn boundary so far (journal lines)."""
        return [line.data for line in self.course.segments[-1]]

    def result(self) -> dict[str, Any]:
        """The result of SPEC §4, as ``run --json`` prints it; the exercise must have finished."""
        return self.exercise.result(self.plan)

    def outcome(self, *, so_far: bool = False) -> Result:
        """The result as a typed record (``so_far``: the numbers up to now of an unfinished one)."""
        return self.exercise.outcome(self.plan, so_far=so_far)

    @property
    def trend(self) -> list[tuple[float, float, float]]:
        """(t, continuity, total backlog) at every turn boundary reached, from the record."""
        return [(p.t, p.continuity, p.backlog) for p in self.exercise.world.record.trend]

    @property
    def turn_marks(self) -> list[int]:
        """Where in the record each turn reached begins (from the record's turn marks)."""
        return [mark.first for mark in self.exercise.world.record.turns]

    def close(self) -> None:
        """Close the journal, ending it with an ``end`` line when the exercise has finished
        (a team's console is no longer open from here on)."""
        if self._presence is not None:
            self._presence.close()
        if self._writer is None or self._writer.closed:
            return
        with self._locked():
            self._end()
        self._writer.close()

    def _end(self) -> None:
        if self.exercise.finished and self.course.end is None:
            result = self.outcome()
            self.course.add(self._write({
                "type": "end", "turn": self.exercise.turn, "t": self.exercise.now,
                "continuity": result.continuity, "cost": result.cost, "mtpd_breaches": result.mtpd_breaches,
            }))

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- inside -----------------------------------------------------------------------------

    def _write(self, data: dict[str, Any]) -> Line:
        writer = self._writer
        if writer is None:
            raise OefeningError([Problem("this exercise was opened read-only", str(self.journal_path))])
        assert not writer.shared or self._depth > 0, "a shared journal is written under its lock"
        writer.write(data)
        self._size = writer.size
        line = Line(self._next_line, data)
        self._next_line += 1
        return line

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the journal for one step (shared: after taking in what others appended and
        cutting a torn line a writer that died left); alone, the writer holds it already."""
        writer = self._writer
        if writer is None:
            raise OefeningError([Problem("this exercise was opened read-only", str(self.journal_path))])
        if not writer.shared or self._depth > 0:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        size = writer.lock()
        self._depth += 1
        try:
            self._catch_up()
            if size > self._size:
                writer.cut(self._size)
            writer.size = self._size
            yield
        finally:
            self._depth -= 1
            writer.unlock()
            self._present()

    def refresh(self) -> bool:
        """Take in the lines other processes appended to the journal since the last look
        (cheap when nothing changed: one stat); True when there was something new. A writing
        session that finds every player ready with auto-advance on and no turn line after
        them (the process that completed the set was killed between its ready and the turn)
        advances the turn itself, under the lock, so the exercise never stalls there."""
        try:
            size = os.stat(self.journal_path).st_size
        except OSError:
            return False
        new = size > self._size and self._catch_up()
        self._present()
        if self._writer is not None and self._writer.shared and self.all_ready():
            return self.advance_if_all_ready() or new
        return new

    def _present(self) -> None:
        """A joined team's presence file says at which turn its console stands (see journal.presence)."""
        if self._presence is not None:
            self._presence.at(self.exercise.turn)

    def _catch_up(self) -> bool:
        raw = read_appended(self.journal_path, self._size)
        if not raw:
            return False
        for line in parse_lines(raw, self.journal_path, self._next_line):
            self._take(line)
        self._size += len(raw)
        return True

    def _take(self, line: Line) -> None:
        """One line another process appended, taken in as :meth:`_rebuild` would have."""
        try:
            self.course.add(line)
        except ValueError as error:
            raise self._mismatch(line, str(error)) from None
        self._next_line = line.number + 1
        exercise = self.exercise
        if line.type == "turn":
            if exercise.finished:
                raise self._mismatch(line, "a turn after the horizon")
            recorded = line.data.get(STATE)
            if recorded is not None and recorded != (state := state_fingerprint(self.header, exercise)):
                raise self._mismatch(line, f"the world at turn {exercise.turn} has state {state}, "
                                           f"the line says {recorded}")
            exercise.advance()
            self.staging.next_turn()
            self._sync_arrivals(exercise)
            if abs(exercise.now - line.t) > EPS:
                raise self._mismatch(line, f"the turn ends at t={exercise.now:g}, the line says {line.t:g}")
        elif line.type == "undo":
            self._rebuild()
        elif line.type == "note":
            self.notes.append(_note(line))
        elif line.type in ("decision", "event", "inject", *STAGING, "ready"):
            self._apply(exercise, line)

    def _input(self, kind: str, **data: Any) -> None:
        exercise = self.exercise
        self.course.add(self._write({"type": kind, "turn": exercise.turn, "t": exercise.now, **data}))

    def _rebuild(self) -> None:
        """A fresh exercise from the course, checking that every line fits the simulation."""
        from oefening import __version__

        exercise = Exercise(self.scenario, self.seed, trend=True)
        self.staging, self._arrivals = Staging(), 0
        checking = True
        segments = self.course.segments
        for k, segment in enumerate(segments):
            for line in segment:
                self._apply(exercise, line)
            if k == len(segments) - 1:
                break
            line = self.course.turns[k]
            if exercise.finished:
                raise self._mismatch(line, "a turn after the horizon")
            recorded = line.data.get(STATE)
            if recorded is not None and checking and recorded != (state := state_fingerprint(self.header, exercise)):
                what = (f"the world at turn {k} has state {state}, the line says {recorded}: "
                        "the header (its seed) or an earlier line was changed")
                if self.header.oefening == __version__:   # the same engine builds the same world
                    raise self._mismatch(line, what)
                checking = False   # another version's engine may differ: said once, then read on
                notice = f"{self.journal_path}:{line.number}: {what} (written by oefening {self.header.oefening})"
                if notice not in self.notices:   # an undo rebuilds the exercise
                    self.notices.append(notice)
            exercise.advance()
            self.staging.next_turn()
            if abs(exercise.now - line.t) > EPS:
                raise self._mismatch(line, f"the turn ends at t={exercise.now:g}, the line says {line.t:g}")
        self.exercise = exercise
        self._sync_arrivals(exercise)

    def _sync_arrivals(self, exercise: Exercise) -> None:
        """Storyline injects that reached the facilitator since the last look."""
        entries = exercise.world.record.entries
        events = exercise.world.events
        for entry in entries[self._arrivals:]:
            if entry.kind == "event" and events[entry.id].inject is not None:
                self.staging.arrived(entry.id, entry.t)
        self._arrivals = len(entries)

    def _apply(self, exercise: Exercise, line: Line) -> None:
        data = line.data
        if abs(exercise.now - line.t) > EPS:
            raise self._mismatch(line, f"the exercise is at t={exercise.now:g}, the line says {line.t:g}")
        if line.type == "decision":
            decision = decision_from_json(data["decision"])
            wrong = self.wrong_team(data.get("team"), decision)
            if wrong is not None:
                raise self._mismatch(line, wrong)
            refusal = exercise.decide(decision)
            code = refusal.code if refusal is not None else None
            if code != data["refused"]:
                raise self._mismatch(line, f"the decision is refused={code!r} now, the line says {data['refused']!r}")
        elif line.type == "event":
            if not exercise.fire_one(data["id"]):
                raise self._mismatch(line, f"event {data['id']!r} is unknown or has fired already")
        elif line.type == "inject":
            strangers = [team for team in data.get("teams", []) if team not in self.players]
            if strangers:
                raise self._mismatch(line, f"an inject to {strangers[0]!r}, which is no team of the scenario")
            exercise.inject(data["title"], data["text"], data.get("source", "facilitator"),
                            data.get("severity", "info"), tuple(data.get("teams", ())))
        elif line.type == "ready":
            if data["team"] not in self.players:
                raise self._mismatch(line, f"a ready line of {data['team']!r}, which is no team of the scenario")
        elif line.type in STAGING:
            self._sync_arrivals(exercise)
            try:
                self.staging.apply(line)
            except ValueError as error:
                raise self._mismatch(line, str(error)) from None

    def _check_end(self) -> None:
        end = self.course.end
        if end is None:
            return
        if not self.exercise.finished:
            raise self._mismatch(end, "an end line before the horizon")
        from oefening import __version__

        result = self.outcome()
        for key in ("continuity", "cost", "mtpd_breaches"):
            if key in end.data and end.data[key] != getattr(result, key):
                what = f"the live exercise ended with {key} {end.data[key]}, the replay gives {getattr(result, key)}"
                if self.header.oefening == __version__:
                    # the same engine gives the same result bit for bit: the header (its seed)
                    # or a line was changed by hand
                    raise self._mismatch(end, what)
                self.notices.append(f"{self.journal_path}:{end.number}: {what} "
                                    f"(written by oefening {self.header.oefening})")

    def _mismatch(self, line: Line, what: str) -> OefeningError:
        return OefeningError([Problem(
            f"the journal does not match the simulation: {what} (was the journal edited?)",
            str(self.journal_path), line.number)])


def default_journal_path(scenario_id: str, directory: str | Path = "journals") -> Path:
    """``journals/<scenario-id>-<YYYYmmdd-HHMMSS>.jsonl``, with ``-2``, ``-3``… when taken."""
    stem = f"{scenario_id}-{datetime.now():%Y%m%d-%H%M%S}"
    path = Path(directory) / f"{stem}.jsonl"
    n = 1
    while path.exists():
        n += 1
        path = Path(directory) / f"{stem}-{n}.jsonl"
    return path


def _find_scenario(journal: Journal, given: str | Path | None) -> Path:
    """The scenario file: as given, else as recorded, else the same name next to the journal."""
    if given is not None:
        return Path(given)
    recorded = Path(journal.header.scenario_path)
    candidates = [recorded]
    if not recorded.is_absolute():
        candidates.append(journal.path.parent / recorded)
    candidates.append(journal.path.parent / recorded.name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise journal.problem(1, f"the scenario file of this journal is missing: {recorded}")


def _note(line: Line) -> dict[str, Any]:
    data = line.data
    return {"turn": data["turn"], "t": data["t"], "text": data["text"], "author": data.get("author")}
