"""The money of one run (SPEC §3): what actions and fallbacks cost, the running cost per day
of active fallbacks, and the budget with what the storyline added to it.

The world pays through :class:`Money` and never keeps sums itself; :meth:`Money.spent_until`
reads the running costs at any moment without changing anything.

With teams (issue 13) every cost is booked to the team whose decision it was (``owner``:
a fallback's ref or ``action:ID`` → team); a team with a budget of its own pays from it
(and the coordination may release money from its reserve to it), every other cost comes out
of the shared budget, which is what :meth:`Money.left` reads.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from oefening.engine.state import FallbackState

INF: Final = math.inf


class Money:
    """Spent so far, running costs per day and the budget (None: unlimited)."""

    __slots__ = ("added", "budget", "by_team", "own", "owner", "paying", "reserve", "spent")

    def __init__(self, budget: float | None, owner: dict[str, str] | None = None,
                 own: dict[str, float] | None = None, reserve: float = 0.0) -> None:
        self.budget = budget
        self.spent = 0.0      # actions, activations and per-day costs of closed activations
        self.added = 0.0      # budget effects of the storyline and of actions
        self.paying: dict[str, FallbackState] = {}   # active fallbacks with a cost per day
        self.owner = owner or {}                      # with teams: what → the team that pays for it
        self.by_team = {team: 0.0 for team in set(self.owner.values())}   # spent per team (closed)
        self.own = dict(own or {})                    # a team's own budget, with what was released to it
        self.reserve = reserve                        # what the coordination can still release

    def pay(self, amount: float, what: str = "") -> None:
        """A one-off cost: an action (``what`` = ``action:ID``) or a fallback's activation (its ref)."""
        self.spent += amount
        if self.owner:
            team = self.owner.get(what)
            if team is not None:
                self.by_team[team] += amount

    def start_paying(self, fallback: FallbackState) -> None:
        """An activated fallback with a cost per day starts costing from its activation."""
        if fallback.shape.cost_per_day > 0:
            self.paying[fallback.ref] = fallback

    def stop_paying(self, fallback: FallbackState, now: float) -> None:
        """A deactivated fallback's days so far are paid; it costs nothing more."""
        if self.paying.pop(fallback.ref, None) is not None:
            days = fallback.shape.cost_per_day * (now - fallback.activated_at) / 24
            self.spent += days
            team = self.owner.get(fallback.ref)
            if team is not None:
                self.by_team[team] += days

    def spent_until(self, t: float) -> float:
        """Money spent on actions and fallbacks up to time ``t``."""
        running = sum(fb.shape.cost_per_day * (t - fb.activated_at) / 24 for fb in self.paying.values())
        return self.spent + running

    def spent_by(self, team: str, t: float) -> float:
        """Money a team's decisions spent up to time ``t``."""
        running = sum(fb.shape.cost_per_day * (t - fb.activated_at) / 24
                      for ref, fb in self.paying.items() if self.owner.get(ref) == team)
        return self.by_team.get(team, 0.0) + running

    def left(self, now: float) -> float:
        """What is left of the shared budget at ``now`` (infinite without a budget)."""
        if self.budget is None:
            return INF
        spent = self.spent_until(now)
        for team in self.own:
            spent -= self.spent_by(team, now)
        return self.budget + self.added - spent

    def left_for(self, what: str, now: float) -> float:
        """What is left of the budget that pays for ``what`` (a team's own, else the shared one)."""
        team = self.owner.get(what)
        if team is not None and team in self.own:
            return self.own[team] - self.spent_by(team, now)
        return self.left(now)
