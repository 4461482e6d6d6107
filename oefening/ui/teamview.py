"""What one team may see of an exercise played by several teams, and what the facilitator
sees of the teams: the one place the UI reads the teams of a scenario and the team lines of
a journal (who decided, who said ready, the messages between teams).

A team sees its own organisations in full (their processes, fallbacks and decisions, what
became of them), the shared picture (suppliers, services, facilities with who holds each place
and who waits, the storyline injects that the facilitator released to everyone), what other
teams chose to share with it, the injects meant for it and the messages sent to it. Nothing
else: :func:`team_frame` cuts a players' :class:`~oefening.ui.frame.Frame` down to that, so
every panel of the team console shows only what the team may know without knowing about
teams itself. No Textual here: plain data.
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from oefening.engine.decisions import Decision, Prioritise, Release, decision_from_json
from oefening.engine.exercise import Option
from oefening.engine.record import Entry
from oefening.engine.snapshot import Pending, Snapshot
from oefening.errors import OefeningError
from oefening.scenario.model import Scenario
from oefening.scenario.teams import owner_of_action, owner_of_fallback
from oefening.ui.frame import Frame, option_key
from oefening.words import formats, tr
from oefening.words.plain import plain, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session

EVERYONE = "all"


@dataclass(frozen=True)
class Seat:
    """One team at the table, or the coordination role: who decides for which organisations."""

    id: str
    name: str | dict[str, str]
    organisations: frozenset[str]
    coordination: bool = False
    powers: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return plain(text_in(self.name, lang), lines=False)


@dataclass(frozen=True)
class TeamMessage:
    """A message from one team (or the facilitator) to another, to coordination or to everyone."""

    number: int            # its journal line
    turn: int
    t: float
    sender: str | None     # a team's id; None: the facilitator
    to: str                # a team's id, the coordination's id, or "all"
    text: str


def seats(scenario: Scenario) -> list[Seat]:
    """The scenario's teams in its order, then its coordination role; [] without teams."""
    out = [Seat(t.id, t.name, frozenset(t.organisations)) for t in scenario.teams]
    coordination = scenario.coordination
    if coordination is not None:
        out.append(Seat(coordination.id, coordination.name, frozenset(), True, tuple(coordination.powers)))
    return out


def seat_of(scenario: Scenario, ident: str) -> Seat | None:
    return next((s for s in seats(scenario) if s.id == ident), None)


def seat_names(scenario: Scenario, lang: str) -> dict[str, str]:
    """Every seat's name by id, with the facilitator and "everyone"."""
    names = {s.id: s.title(lang) for s in seats(scenario)}
    names[EVERYONE] = tr("message.all", lang)
    return names


def join_command(session: Session, seat: str) -> str:
    """The command a team types to open its console on this exercise (the journal's full
    path, quoted for a shell), as the facilitator hands it out."""
    journal = shlex.quote(str(Path(session.journal_path).resolve()))
    return f"oefening join {journal} --team {shlex.quote(seat)}"


def join_lines(session: Session, lang: str) -> list[str]:
    """Per team (and the coordination): its name and the command that opens its console."""
    out = []
    for seat in seats(session.scenario):
        out += [f"{seat.title(lang)}:", f"  {plain(join_command(session, seat.id), lines=False)}"]
    return out


def sender_name(sender: str | None, names: dict[str, str], lang: str) -> str:
    return tr("message.facilitator", lang) if sender is None else names.get(sender, plain(sender, lines=False))


def organisation_of(ref: str) -> str:
    return ref.split("/", 1)[0]


def entry_owner(entry: Entry, scenario: Scenario) -> str | None:
    """The seat an entry about a decision belongs to (None: nobody's in particular)."""
    if entry.kind in ("action", "action_effective") or (entry.kind == "refused" and "/" not in entry.id):
        return owner_of_action(scenario, entry.id)
    if "/" in entry.id:
        return owner_of_fallback(scenario, entry.id)
    return None


def visible_entry(entry: Entry, seat: Seat, visible: set[str], session: Session) -> bool:
    """Whether the team at ``seat`` may read ``entry`` (``visible``: the organisations it sees):
    what the coordination did reaches the coordination and the team it concerns; a priority at
    a facility reaches everyone, since everyone waits in that list."""
    if entry.kind in ("allocate", "release"):
        about = owner_of_fallback(session.scenario, entry.id) if entry.kind == "allocate" else entry.id
        return seat.coordination or about == seat.id
    if entry.kind == "priority":
        return True
    if entry.kind in ("event", "inject"):
        return session.entry_visible(entry, seat.id)
    if entry.kind == "suppressed":
        return True
    if entry.kind in ("mtpd_breach", "rework"):
        return organisation_of(entry.id) in visible
    return entry_owner(entry, session.scenario) == seat.id


def _pending_owner(item: Pending, scenario: Scenario) -> str | None:
    return owner_of_action(scenario, item.id) if item.kind == "action" else owner_of_fallback(scenario, item.id)


def team_frame(frame: Frame, seat: Seat, session: Session) -> Frame:
    """``frame`` (read for the players) cut down to what the team at ``seat`` may see: its
    own organisations and those other teams share with it, the decisions it may take and
    what became of them, the shared picture and the injects meant for everyone or for it."""
    scenario = frame.scenario
    visible = set(session.visible_organisations(seat.id))
    snap = frame.snapshot
    processes = []
    for process in snap.processes:
        org = organisation_of(process.ref)
        if org in seat.organisations:
            processes.append(process)
        elif org in visible:   # shared with this team (the team line says by whom)
            processes.append(replace(process, organisation=f"⇄ {text_in(process.organisation, frame.lang)}"))
    pending = [p for p in snap.pending if _pending_owner(p, scenario) == seat.id]
    snapshot = replace(snap, processes=processes, pending=pending, budget_left=budget_left(session, seat, snap))
    options = {option_key(o.decision): o for o in [*session.options(), *power_options(session, seat)]}
    record = [e for e in frame.record if visible_entry(e, seat, visible, session)]
    return replace(frame, snapshot=snapshot, options=options, record=record)


def budget_left(session: Session, seat: Seat, snapshot: Snapshot) -> float | None:
    """The money the team at ``seat`` pays its decisions from: its own budget's rest when it
    has one, else the shared budget (None: no limit). The coordination pays its actions from
    the shared budget; its reserve is :func:`reserve_left`."""
    own = None if seat.coordination else session.budget_left(seat.id)
    return snapshot.budget_left if own is None else own


def reserve_left(session: Session, seat: Seat) -> float | None:
    """What the coordination at ``seat`` may still release to the teams (None: not its power)."""
    coordination = session.scenario.coordination
    if not seat.coordination or coordination is None or "budget" not in coordination.powers:
        return None
    return session.budget_left(seat.id)


def power_options(session: Session, seat: Seat) -> list[Option]:
    """The coordination's priority power as decisions it can choose like any other
    (``Allocate`` comes from the session's options; releasing budget takes an amount, asked
    for in a form: :func:`release_of`): priority for one organisation that waits for a place
    at a facility. Nothing for a team."""
    coordination = session.scenario.coordination
    if not seat.coordination or coordination is None or "priority" not in coordination.powers:
        return []
    # a priority matters where organisations wait for a place: one for each of them
    decisions: list[Decision] = []
    for facility in session.exercise.snapshot().facilities:
        waiting = dict.fromkeys(organisation_of(ref) for ref in facility.queue)
        decisions += [Prioritise(facility.id, (org,)) for org in waiting]
    return [Option(d, "", 0.0, 0.0, session.refusal_for(d)) for d in decisions]


def allocation_note(session: Session, seat: Seat, lang: str) -> str | None:
    """For the coordination with the power ``allocate``: whose fallbacks "Give the place" is
    not offered for (by organisation), and why (they hold their place already, so giving it changes nothing
    now), or that nobody waits; None for a team, or when every active fallback waits."""
    coordination = session.scenario.coordination
    if not seat.coordination or coordination is None or "allocate" not in coordination.powers:
        return None
    world = session.exercise.world
    organisations = {o.id: plain(text_in(o.name, lang), lines=False) for o in session.scenario.organisations}
    holding = list(dict.fromkeys(organisations[organisation_of(ref)] for ref, fb in world.fallbacks.items()
                                 if fb.facility is not None and fb.active and fb.holds_slot))
    waiting = any(fb.facility is not None and fb.active and not fb.holds_slot for fb in world.fallbacks.values())
    if not holding:
        return None if waiting else tr("allocate.nobody", lang)
    return tr("allocate.holding" if waiting else "allocate.holding_only", lang, fallbacks=", ".join(holding))


def release_teams(session: Session) -> list[str]:
    """The teams the coordination can release budget to (those with a budget of their own)."""
    return [team.id for team in session.scenario.teams if team.budget is not None]


def release_of(session: Session, team: str, amount: str, lang: str) -> Release:
    """The coordination's release of ``amount`` (as typed: "25000", "25.000" or "€ 25,000")
    to ``team`` (its id or its name); OefeningError with one line (in ``lang``) when the team
    has no budget of its own, the amount is no number, not positive or more than the reserve."""
    names = {t.id: plain(text_in(t.name, lang), lines=False) for t in session.scenario.teams}
    ids = release_teams(session)
    wanted = team.strip().casefold()
    chosen = next((ident for ident in ids if wanted in (ident.casefold(), names[ident].casefold())), None)
    if chosen is None:
        raise OefeningError(tr("release.unknown_team", lang, team=plain(team.strip(), lines=False),
                               teams=", ".join(f"{ident} ({names[ident]})" for ident in ids)))
    typed = "".join(amount.replace("€", "").split())
    digits = typed.replace(".", "").replace(",", ".") if lang == "nl" else typed.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise OefeningError(tr("release.not_a_number", lang, amount=plain(amount.strip(), lines=False)))
    if value <= 0:
        raise OefeningError(tr("release.not_positive", lang))
    coordination = session.scenario.coordination
    reserve = session.budget_left(coordination.id) if coordination is not None else None
    if value > (reserve or 0.0) + 1e-9:
        raise OefeningError(tr("release.over_reserve", lang, amount=formats.money(value, lang),
                               reserve=formats.money(reserve or 0.0, lang)))
    return Release(chosen, value)


# -- the team lines of the journal ---------------------------------------------------------------


def ready_now(session: Session) -> set[str]:
    """The seats that said ready at this turn boundary."""
    return set(session.ready_players())


def decided_now(session: Session) -> set[str]:
    """The seats that took a decision at this turn boundary."""
    return set(session.decided_players())


def decisions_now(session: Session) -> dict[str, list[Decision]]:
    """The decisions each seat took at this turn boundary (refused ones left out), in order."""
    out: dict[str, list[Decision]] = {}
    for line in session.course.segments[-1]:
        data = line.data
        if data.get("type") == "decision" and data.get("team") and data.get("refused") is None:
            out.setdefault(str(data["team"]), []).append(decision_from_json(data["decision"]))
    return out


def messages(session: Session, seat: str | None = None) -> list[TeamMessage]:
    """The messages between teams that ``seat`` sent or received (None: all of them, for the
    facilitator), oldest first; numbered in the order they were sent."""
    out: list[TeamMessage] = []
    for number, data in enumerate(session.messages_for(seat)):
        sender = data.get("team")
        out.append(TeamMessage(number, int(data["turn"]), float(data["t"]),
                               None if sender is None else str(sender), str(data["to"]), str(data["text"])))
    return out


def shared_with(session: Session, seat: Seat) -> set[str]:
    """With whom the team at ``seat`` shares its organisations now (``all``: everybody)."""
    return set(session.sharing(seat.id)) if seat.organisations else set()


def sharing_with(session: Session, seat: Seat) -> list[str]:
    """The teams that share their organisations with the team at ``seat`` now, in order."""
    visible = set(session.visible_organisations(seat.id))
    return [team.id for team in session.scenario.teams
            if team.id != seat.id and set(team.organisations) <= visible]


def taken_back(session: Session) -> bool:
    """Whether the facilitator's last step at this turn boundary was taking a turn back (an
    undo led here and no turn has been played since): the teams' decisions and ready marks
    of that turn are gone, which their consoles say until they are ready again."""
    undos = session.course.undos
    return bool(undos) and undos[-1].turn - 1 == session.exercise.turn


def has_taken_part(session: Session, seat: str) -> bool:
    """Whether the journal holds a line of ``seat`` (so opening its console is a rejoin)."""
    lines = [*session.course.teams, *(line for segment in session.course.segments for line in segment)]
    return any(line.data.get("team") == seat for line in lines)
