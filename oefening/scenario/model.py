"""The scenario format, version 1 (SPEC §2), as strict pydantic models.

A :class:`Scenario` is the modelled world (suppliers, services, facilities, organisations
with their processes and fallbacks), the storyline (events) and the decisions on offer
(actions). Field checks live on the fields; checks across the document (references,
duplicate ids, cycles, size limits) live in one model validator that reports every problem
with the path of the key it concerns (:class:`ReferenceProblems`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Literal, get_args

from pydantic import AwareDatetime, Field, model_validator

from oefening.scenario.base import Duration, Id, Money, Number, Strict, Text
from oefening.scenario.conditions import Condition, ProcessRef, SupplierStatus
from oefening.scenario.distributions import RandomDuration
from oefening.scenario.effects import Effect

Criticality = Literal["vital", "critical", "important", "normal"]
Source = Literal[
    "supplier", "news", "media", "ministry", "citizens", "staff", "management", "partner",
    "facilitator",
]
Severity = Literal["info", "warning", "critical"]

MAX_HORIZON_HOURS = 3 * 365 * 24
MAX_TURNS = 10_000
MAX_PROCESSES = 50_000
MAX_EVENTS = 20_000

Path = tuple[str | int, ...]


class ReferenceProblems(ValueError):
    """Problems across the document, each with the path of the key it concerns."""

    def __init__(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{'.'.join(map(str, p))}: {m}" for p, m in problems))


class Weights(Strict):
    """How much a late case of each criticality counts in the continuity score."""

    vital: float = Field(default=8, ge=0, le=1e6, strict=True)
    """weight of a vital process"""
    critical: float = Field(default=4, ge=0, le=1e6, strict=True)
    """weight of a critical process"""
    important: float = Field(default=2, ge=0, le=1e6, strict=True)
    """weight of an important process"""
    normal: float = Field(default=1, ge=0, le=1e6, strict=True)
    """weight of a normal process"""


class Supplier(Strict):
    """An ICT supplier."""

    id: Id
    """the supplier's id"""
    name: Text
    """the name shown to players"""
    status: SupplierStatus = "healthy"
    """the status at the start: healthy, distressed or failed"""
    description: Text | None = None
    """background for the briefing"""


class Service(Strict):
    """An ICT service delivered by one supplier."""

    id: Id
    """the service's id"""
    name: Text
    """the name shown to players"""
    supplier: Id
    """the supplier that delivers it"""
    availability: float = Field(default=1.0, ge=0, le=1, strict=True)
    """its own availability at the start, 0 (down) to 1 (up)"""
    needs: list[Id] = []
    """services this service runs on (a SaaS on a hyperscaler): its availability is the lowest
    of its own and theirs"""
    rpo: RandomDuration | None = None
    """recovery point: when it goes down, the work of this long before is lost, and the
    processes that need it (directly or through services running on it) enter it again when
    it is back (random allowed)"""
    rework: float = Field(default=1.0, ge=0, le=10, strict=True)
    """work per lost case to enter it again (0.5: at half the effort of a new case)"""


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Calendar(Strict):
    """Office hours: when the work of the processes and fallbacks that follow it is done."""

    id: Id
    """the calendar's id"""
    name: Text | None = None
    """the name shown to players"""
    hours: str = Field(
        default="08:00-17:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
    )
    """open from-to on every working day, HH:MM-HH:MM in the local time of the start (24:00 allowed)"""
    days: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
    """the working days: mon, tue, wed, thu, fri, sat, sun"""
    holidays: list[str] = []
    """public holidays (YYYY-MM-DD): closed all day"""

    @model_validator(mode="after")
    def _valid(self) -> Calendar:
        opens, closes = self.hours.split("-")
        if opens >= closes:
            raise ValueError(f"hours {self.hours!r}: the office must open before it closes")
        from datetime import date

        for day in self.holidays:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise ValueError(f"holiday {day!r} is not a date YYYY-MM-DD") from None
        return self


Month = Literal["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


_WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)
_MONTHS: tuple[Month, ...] = get_args(Month)


class MonthEnd(Strict):
    """A peak in the last days of every month (salaries, benefits and invoices paid)."""

    days: int = Field(ge=1, le=28, strict=True)
    """how many days at the end of each month the peak lasts"""
    factor: float = Field(ge=0, le=100, strict=True)
    """the demand multiplier on those days"""


class DemandProfile(Strict):
    """How a process's demand varies by hour, weekday and season: its ``demand`` × the
    factors of the moment (local time of the start), piecewise constant by the hour."""

    id: Id
    """the profile's id"""
    name: Text | None = None
    """the name shown to players"""
    hours: list[Number] = Field(default=[1.0] * 24, min_length=24, max_length=24)
    """24 factors, one per local hour (the first for 00:00-01:00); default all 1"""
    weekdays: dict[Weekday, Number] = {}
    """a factor per weekday (mon … sun); a day left out has factor 1"""
    months: dict[Month, Number] = {}
    """a factor per month (jan … dec), for seasons; a month left out has factor 1"""
    month_end: MonthEnd | None = None
    """a peak in the last days of every month"""
    holidays: list[str] = []
    """public holidays (YYYY-MM-DD): the weekday factor is then ``holiday``"""
    holiday: float | None = Field(default=None, ge=0, le=100, strict=True)
    """the weekday factor on a public holiday (default: that of sun)"""

    def day_factors(self, day: date) -> tuple[float, float, float]:
        """The factors of a local day: its weekday's (or ``holiday``'s), its month's, and
        ``month_end``'s when it is one of the last days of its month (else 1)."""
        if day in {date.fromisoformat(h) for h in self.holidays}:
            weekday = self.holiday if self.holiday is not None else self.weekdays.get("sun", 1.0)
        else:
            weekday = self.weekdays.get(_WEEKDAYS[day.weekday()], 1.0)
        month = self.months.get(_MONTHS[day.month - 1], 1.0)
        end = 1.0
        if self.month_end is not None:
            from calendar import monthrange

            if day.day > monthrange(day.year, day.month)[1] - self.month_end.days:
                end = self.month_end.factor
        return weekday, month, end

    def factor(self, hour: int, days: tuple[float, float, float]) -> float:
        """The factor of a local hour (0–23) of a day with these :meth:`day_factors`."""
        weekday, month, end = days
        value = self.hours[hour]
        value *= weekday
        value *= month
        if self.month_end is not None:
            value *= end
        return value

    def changes(self, start: datetime, hours: float) -> int:
        """How many local hours beginning after ``start`` (local wall-clock time) and before
        ``hours`` later have another factor than the hour before: the profile's changes in a
        run (one at the very end of the run does not happen)."""
        first = start.replace(minute=0, second=0, microsecond=0)
        offset = (start - first) / timedelta(hours=1)
        count = 0
        previous: float | None = None
        day: date | None = None
        days = (1.0, 1.0, 1.0)
        for k in range(math.ceil(hours + offset)):
            moment = first + timedelta(hours=k)
            if moment.date() != day:
                day = moment.date()
                days = self.day_factors(day)
            value = self.factor(moment.hour, days)
            if previous is not None and value != previous:
                count += 1
            previous = value
        return count

    @model_validator(mode="after")
    def _valid(self) -> DemandProfile:

        for value in [*self.hours, *self.weekdays.values(), *self.months.values()]:
            if not 0.0 <= value <= 100.0:
                raise ValueError(f"factor {value!r}: a demand factor lies between 0 and 100")
        for day in self.holidays:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise ValueError(f"holiday {day!r} is not a date YYYY-MM-DD") from None
        return self


class Facility(Strict):
    """A shared fallback facility with a limited number of slots."""

    id: Id
    """the facility's id"""
    name: Text
    """the name shown to players"""
    slots: int = Field(ge=0, le=100_000, strict=True)
    """how many fallbacks it can hold at once"""


class Pool(Strict):
    """A pool of staff: the people available for manual work (fallbacks) and extra work,
    of one organisation or shared by the organisations that name it."""

    id: Id
    """the pool's id"""
    name: Text | None = None
    """the name shown to players"""
    people: float = Field(ge=0, le=1e9, strict=True)
    """how many people it holds at the start"""
    order: Literal["equal", "criticality"] = "equal"
    """who gets the people when the fallbacks ask for more than it holds: `equal` (default), each
    the same share; `criticality`, the fallbacks of vital processes first, then critical,
    important and normal ones, each level sharing equally what is left"""


class Fatigue(Strict):
    """Manual work that weakens after a sustained period, in steps, and recovers after rest."""

    after: Duration
    """how long the fallback works (from the moment its lead time passed) before each step of
    tiredness; on office hours (its calendar or its process's) its working hours only"""
    factor: float = Field(ge=0, le=1, strict=True)
    """each step multiplies its capacity by this: after `after` × factor, after twice `after` × factor², …"""
    steps: int = Field(default=1, ge=1, le=100, strict=True)
    """how many steps at most (default 1: it weakens once and then holds)"""
    rest: Duration = 0.0
    """a pause (deactivated until it works again; on office hours also closed, from its last
    working moment to its next) at least this long rests its people fully; a shorter pause
    rests nothing, and the time worked goes on counting (default 0: any pause rests fully)"""


class Fallback(Strict):
    """A way to keep a process going without its normal services, at reduced capacity."""

    id: Id
    """the fallback's id, unique within its process"""
    name: Text
    """the name shown to players"""
    description: Text | None = None
    """what it is, for the players"""
    capacity: float = Field(gt=0, le=1, strict=True)
    """fraction of the process capacity while active (0 < capacity ≤ 1)"""
    lead_time: RandomDuration = 0.0
    """time from activation until it counts (random allowed)"""
    needs: list[Id] = []
    """services the fallback itself needs"""
    facility: Id | None = None
    """a shared facility where it holds one slot while active"""
    cost: Money = 0
    """euro on activation"""
    cost_per_day: Money = 0
    """euro per day while active"""
    calendar: Id | None = None
    """office hours: the fallback (manual work) gives capacity only while its calendar is open"""
    after_work: float = Field(default=0, ge=0, le=10, strict=True)
    """after-work: this share of the cases it handled is entered again once the normal
    process is back (its needs all fully available)"""
    staff: float = Field(default=0, ge=0, le=1e9, strict=True)
    """people it needs from its organisation's pool to give its full capacity (0: none); with
    fewer it gives capacity × people it gets / people it needs"""
    fatigue: Fatigue | None = None
    """manual work that weakens: after this long its capacity is multiplied by a factor"""


class Feed(Strict):
    """Another process whose handled cases arrive at this one (a chain)."""

    process: ProcessRef
    """the feeding process, organisation/process (in any organisation)"""
    share: float = Field(default=1.0, ge=0, le=1000, strict=True)
    """cases arriving here per case handled there (1: every case)"""


class Process(Strict):
    """A primary process: cases arrive, are handled, and wait in a backlog."""

    id: Id
    """the process's id, unique within its organisation"""
    name: Text
    """the name shown to players"""
    criticality: Criticality
    """vital, critical, important or normal"""
    demand: float = Field(ge=0, le=1e9, strict=True)
    """cases per hour arriving"""
    capacity: float = Field(gt=0, le=1e9, strict=True)
    """cases per hour handled at full strength"""
    needs: list[Id | ProcessRef] = []
    """services (id) and processes (organisation/process) the normal process needs; a needed
    process running below full capacity bounds this one's normal fraction by its own"""
    fed_by: list[Feed] = []
    """processes whose handled cases arrive here: arrivals are demand + share × their service rate"""
    mbco: float = Field(ge=0, le=1, strict=True)
    """minimum capacity fraction that counts as delivered"""
    mtpd: Duration
    """maximum tolerable period of disruption"""
    norm: Duration
    """a case waiting longer than this is late"""
    cost_per_late_case: Money = 0
    """euro per late case"""
    fallbacks: list[Fallback] = []
    """ways to keep it going without its normal services"""
    calendar: Id | None = None
    """office hours: cases are handled only while this calendar is open (they keep arriving)"""
    discipline: Literal["fifo", "triage"] = "fifo"
    """the order in which waiting cases are handled: fifo (first in, first out) or triage (the
    cases that can still make the norm first, late cases when capacity is left)"""
    people_per_case: float = Field(default=1, gt=0, le=1e6, strict=True)
    """how many people one case stands for (a household, a family, a file of several
    people); the scorecard counts the people affected by late cases with it (default 1)"""
    demand_profile: Id | None = None
    """a demand profile: arrivals are ``demand`` × its factor of the hour, weekday and season"""
    staff: float | None = Field(default=None, gt=0, le=1e9, strict=True)
    """people its capacity stands for at full strength (capacity / staff cases per hour per
    person); needed to lend its staff or to have staff lent to it"""


class Organisation(Strict):
    """A government organisation with primary processes."""

    id: Id
    """the organisation's id"""
    name: Text
    """the name shown to players"""
    processes: list[Process] = Field(min_length=1)
    """its primary processes"""
    pool: Id | None = None
    """the staff pool its fallbacks draw on (several organisations may share one)"""


class InjectVariant(Strict):
    """Another wording of an inject, shown when its condition holds as the event fires."""

    when: Condition | None = None
    """show this variant when the condition holds (always, without it); the first that holds wins"""
    title: Text | None = None
    """the headline (the inject's own, without it); may quote live figures such as {backlog:org/process}"""
    text: Text | None = None
    """the message (the inject's own, without it); may quote live figures"""
    source: Source | None = None
    """who brings it (the inject's own, without it)"""
    severity: Severity | None = None
    """info, warning or critical (the inject's own, without it)"""
    expects: Condition | None = None
    """what this text presupposes about the world; `check --play` reports a variant shown while it did not hold"""


class Inject(Strict):
    """A message to the players."""

    title: Text
    """the headline; may quote live figures such as {backlog:organisation/process}"""
    text: Text = ""
    """the message itself; may quote live figures such as {holders:facility}"""
    source: Source = "news"
    """who brings it: supplier, news, media, ministry, citizens, staff, management, partner, facilitator"""
    severity: Severity = "info"
    """info, warning or critical"""
    to: str | None = None
    """who in the crisis team receives it (the MSEL's "to"), for the facilitator"""
    expected_action: str | None = None
    """what the players are expected to do with it (the MSEL's "expected action"), for the evaluation"""
    expects: Condition | None = None
    """what this text presupposes about the world; `check --play` reports it shown while it did not hold"""
    variants: list[InjectVariant] = []
    """other wordings, each with a condition; the first whose condition holds is shown, else this one"""
    teams: list[Id] = []
    """with teams: only these teams (or the coordination's id) receive it; everybody without it"""


class Question(Strict):
    """A question for the team's discussion, for the facilitator to put at one meeting."""

    turn: int = Field(ge=1, strict=True)
    """the meeting (turn as shown on screen, 1 = the first) at which the facilitator may put it"""
    text: Text
    """the question"""


class After(Strict):
    """Fire a while after another event."""

    event: Id
    """the event to follow"""
    delay: RandomDuration = 0.0
    """how long after it (random allowed)"""


class Event(Strict):
    """A storyline entry (an MSEL line)."""

    id: Id
    """the event's id"""
    at: RandomDuration | None = None
    """fire at this time since start (random allowed)"""
    after: After | None = None
    """fire a while after another event"""
    when: Condition | None = None
    """fire as soon as this condition holds"""
    manual: bool = False
    """true for an event only the facilitator fires, by hand"""
    probability: float = Field(default=1.0, ge=0, le=1, strict=True)
    """chance that the event happens at all in a run"""
    inject: Inject | None = None
    """the message the players receive"""
    effects: list[Effect] = []
    """what it changes"""
    notes: str | None = None
    """notes for the facilitator (the MSEL's "notes"): why it is there, what to watch; not for players"""
    unless: Condition | None = None
    """when this condition holds at the moment the event would fire, it is suppressed (and recorded as such)"""
    questions: list[Text] = []
    """questions for the team's discussion once its inject has reached them (for the facilitator)"""

    @model_validator(mode="after")
    def _one_trigger(self) -> Event:
        triggers = [k for k in ("at", "after", "when") if getattr(self, k) is not None]
        if len(triggers) > 1:
            raise ValueError(f"an event has one of at, after, when; found {', '.join(triggers)}")
        if not triggers and not self.manual:
            raise ValueError("an event needs one of at, after, when (or manual: true)")
        return self


class Action(Strict):
    """A decision the crisis team can take."""

    id: Id
    """the action's id"""
    title: Text
    """what the players see"""
    description: Text | None = None
    """what it does, for the players"""
    cost: Money = 0
    """euro when taken"""
    lead_time: RandomDuration = 0.0
    """time until its effects apply (random allowed)"""
    available: Condition | None = None
    """when it can be taken (always, without it)"""
    repeatable: bool = False
    """whether it can be taken more than once"""
    effects: list[Effect] = []
    """what it changes, after the lead time"""


class Players(Strict):
    """What the players see of the simulated world (the facilitator always sees everything)."""

    lead_times: Literal["range", "drawn"] = "range"
    """range: what is under way shows the expected range; drawn: the lead time the world drew"""
    phase: bool = False
    """whether the phase (normal, lukewarm, acute, recovery) is shown to the players"""
    unavailable: Literal["knowable", "all", "none"] = "knowable"
    """which options not yet possible are listed: knowable (their condition is something the team can see), all, none"""


Power = Literal["allocate", "priority", "budget"]


class Team(Strict):
    """A team of players deciding for one or more organisations (several teams play one world)."""

    id: Id
    """the team's id (unique among the teams and the coordination)"""
    name: Text
    """the name shown to players"""
    organisations: list[Id] = Field(min_length=1)
    """the organisations this team decides for (each organisation in at most one team)"""
    actions: list[Id] = []
    """the scenario's actions this team may take (each action in at most one team)"""
    budget: Money | None = None
    """the team's own budget in euro; without it the team pays from the scenario's shared budget"""


class Coordination(Strict):
    """A coordinating role above the teams (a national crisis staff, a task force) with the
    powers the scenario grants it."""

    id: Id
    """the coordination's id (not a team's id)"""
    name: Text
    """the name shown to players"""
    powers: list[Power] = []
    """allocate: give a facility place to a chosen fallback instead of first come, first served;
    priority: order a facility's waiting list by organisation; budget: release money from the
    reserve to a team's own budget"""
    actions: list[Id] = []
    """the scenario's actions only the coordination (or the facilitator) takes"""
    reserve: Money = 0
    """euro the coordination may release to the teams' own budgets (with the power budget)"""


class Scenario(Strict):
    """One exercise: the modelled world, the storyline and the available decisions."""

    format: Literal[1]
    """the format version: 1"""
    id: Id
    """the scenario's id"""
    title: Text
    """the title"""
    briefing: Text | None = None
    """the story told to the players before the first turn"""
    learning_goals: list[Text] = []
    """what the players should take away"""
    start: AwareDatetime
    """the moment the exercise starts, ISO 8601 with time zone"""
    turn: Duration = Field(gt=0)
    """the simulated time between two meetings of the crisis team"""
    horizon: Duration = Field(gt=0, le=MAX_HORIZON_HOURS)
    """how long the exercise runs (at most three years)"""
    budget: Money | None = None
    """euro available for actions and fallbacks (unlimited without it)"""
    weights: Weights = Weights()
    """weight of each criticality in the continuity score"""
    suppliers: list[Supplier] = []
    """the ICT suppliers"""
    services: list[Service] = []
    """the ICT services"""
    facilities: list[Facility] = []
    """shared fallback facilities"""
    calendars: list[Calendar] = []
    """office hours that processes and fallbacks can follow"""
    demand_profiles: list[DemandProfile] = []
    """how demand varies by hour, weekday and season, for processes to follow"""
    pools: list[Pool] = []
    """staff pools that fallbacks draw on and staff effects move people between"""
    organisations: list[Organisation] = Field(min_length=1)
    """the organisations with their primary processes"""
    events: list[Event] = []
    """the storyline"""
    actions: list[Action] = []
    """the decisions on offer"""
    players: Players = Players()
    """what the players see: ranges or drawn lead times, the phase, options not yet possible"""
    questions: list[Question] = []
    """questions for the team's discussion at a given meeting (for the facilitator)"""
    teams: list[Team] = []
    """several teams, each deciding for its own organisations (without it one team decides for all)"""
    coordination: Coordination | None = None
    """a coordinating role with powers over shared facilities, priorities and budget (needs teams)"""

    def processes(self) -> Iterator[tuple[str, Process]]:
        """Every process with its reference ``organisation/process``."""
        for org in self.organisations:
            for proc in org.processes:
                yield f"{org.id}/{proc.id}", proc

    def fallbacks(self) -> Iterator[tuple[str, Fallback]]:
        """Every fallback with its reference ``organisation/process/fallback``."""
        for ref, proc in self.processes():
            for fb in proc.fallbacks:
                yield f"{ref}/{fb.id}", fb

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        from oefening.scenario.references import scenario_problems

        problems = scenario_problems(self)
        if problems:
            raise ReferenceProblems(problems)
        return self
