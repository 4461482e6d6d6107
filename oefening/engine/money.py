"""The money of one run (SPEC §3): what actions and fallbacks cost, the running cost per day
of active fallbacks, and the budget with what the storyline added to it.

The world pays through :class:`Money` and never keeps sums itself; :meth:`Money.spent_until`
reads the running costs at any moment without changing anything.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.engine.state import FallbackState

INF = math.inf


class Money:
    """Spent so far, running costs per day and the budget (None: unlimited)."""

    __slots__ = ("added", "budget", "paying", "spent")

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.spent = 0.0      # actions, activations and per-day costs of closed activations
        self.added = 0.0      # budget effects of the storyline and of actions
        self.paying: dict[str, FallbackState] = {}   # active fallbacks with a cost per day

    def pay(self, amount: float) -> None:
        """A one-off cost: an action or a fallback's activation."""
        self.spent += amount

    def start_paying(self, fallback: FallbackState) -> None:
        """An activated fallback with a cost per day starts costing from its activation."""
        if fallback.spec.cost_per_day > 0:
            self.paying[fallback.ref] = fallback

    def stop_paying(self, fallback: FallbackState, now: float) -> None:
        """A deactivated fallback's days so far are paid; it costs nothing more."""
        if self.paying.pop(fallback.ref, None) is not None:
            self.spent += fallback.spec.cost_per_day * (now - fallback.activated_at) / 24

    def spent_until(self, t: float) -> float:
        """Money spent on actions and fallbacks up to time ``t``."""
        running = sum(fb.spec.cost_per_day * (t - fb.activated_at) / 24 for fb in self.paying.values())
        return self.spent + running

    def left(self, now: float) -> float:
        """What is left of the budget at ``now`` (infinite without a budget)."""
        if self.budget is None:
            return INF
        return self.budget + self.added - self.spent_until(now)
