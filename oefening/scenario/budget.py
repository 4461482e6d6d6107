"""A work budget on the whole scenario: an estimate of the process updates its storyline and
actions can cause, so every file ``check`` accepts runs in bounded time.

Each process update costs about 2–5 µs (measured: 5,000 processes on one service that fails
for 30 minutes 200 times, 2,000,000 updates, ran in 4–10 s on the 2-core development
machine). A supplier effect updates every process that needs one of its services, a service
effect every process that needs that service (twice when it is temporary: it ends), any
other effect one process (twice); an action counts once per turn when it is repeatable.
Chains (services on services, processes on processes) are not followed: the estimate is of
the direct effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oefening.scenario import effects as fx

if TYPE_CHECKING:
    from oefening.scenario.model import Scenario

MAX_WORK = 2_000_000
"""The most process updates a scenario may ask for (about 10 s of engine time)."""


def work(scenario: Scenario) -> int:
    """The estimated number of process updates of one run."""
    users: dict[str, int] = {}
    for _, proc in scenario.processes():
        needed = {n for n in proc.needs if isinstance(n, str)}
        for fb in proc.fallbacks:
            needed.update(n for n in fb.needs if isinstance(n, str))
        for ident in needed:
            users[ident] = users.get(ident, 0) + 1
    by_supplier: dict[str, int] = {}
    for service in scenario.services:
        by_supplier[service.supplier] = by_supplier.get(service.supplier, 0) + users.get(service.id, 0)

    def cost(effects: object) -> int:
        total = 0
        for effect in effects:  # type: ignore[attr-defined]
            match effect:
                case fx.SupplierEffect(supplier=s):
                    total += by_supplier.get(s.id, 0)
                case fx.ServiceEffect(service=s):
                    total += users.get(s.id, 0) * (2 if s.duration is not None else 1)
                case _:
                    total += 2
        return total

    turns = max(1, int(scenario.horizon / scenario.turn)) if scenario.turn > 0 else 1
    total = sum(cost(event.effects) for event in scenario.events)
    total += sum(cost(action.effects) * (turns if action.repeatable else 1) for action in scenario.actions)
    return total
