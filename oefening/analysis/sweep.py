"""``oefening sweep``: one number of the scenario varied, each value over the same N worlds.

PATH names the number (SPEC §6): ``facility.ID.slots``, ``fallback.ORG/PROC/FB.capacity``,
``fallback.ORG/PROC/FB.lead_time`` (a duration), ``budget``, ``process.ORG/PROC.capacity``,
``process.ORG/PROC.demand``. Each value makes a copy of the scenario, validated like a file
(a value out of range is refused with the key it concerns). Replication r of seed S is the
same world for every value (common random numbers: the draws are keyed by element id, and
no value changes an id), so the paired difference of two values is the effect of the value
alone, with a 95 % interval that shrinks with the worlds' shared luck.

All values × N replications run as one job on the Monte Carlo backends (task index
k = value × N + replication), so the numbers are the same whatever ``--workers`` or
``--scheduler``. Each value's ``plans`` is exactly what ``montecarlo --json`` prints for it;
``difference_previous`` adds its paired difference with the previous value per plan.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from oefening.analysis.frames import PlainResult
from oefening.durations import parse_duration
from oefening.errors import OefeningError
from oefening.experiments.backends import Arm, Row, replicate, run_batches
from oefening.experiments.montecarlo import (
    MAX_REPLICATIONS,
    MAX_WORKERS,
    PlanLike,
    Rows,
    arms,
    paired,
    summarise,
)
from oefening.scenario.load import validate_scenario_data
from oefening.scenario.model import Scenario

MAX_VALUES = 1_000
SweepWork = tuple[list[Scenario], Sequence[Arm], int, int]
Progress = Callable[[int, int], None]

_PATH = re.compile(r"^(facility|fallback|process)\.(.+)\.([a-z_]+)$")
FORMS = ("facility.ID.slots, fallback.ORG/PROC/FB.capacity, fallback.ORG/PROC/FB.lead_time, budget, "
         "process.ORG/PROC.capacity, process.ORG/PROC.demand")


@dataclass(frozen=True)
class Target:
    """The number a PATH names: where it sits in the scenario document and what it takes."""

    path: str
    kind: str            # "int", "number" or "duration"
    where: tuple[Any, ...]

    def parse(self, text: str) -> float | int:
        """One value as the number it means; bad ones are one line."""
        raw = text.strip()
        try:
            if self.kind == "duration":
                return parse_duration(raw)
            number = float(raw)
        except ValueError:
            wanted = {"int": "a whole number", "number": "a number", "duration": "a duration (12h, 2d or hours)"}
            raise OefeningError(f"--vary {self.path}: {raw!r} is not {wanted[self.kind]}") from None
        if not np.isfinite(number):
            raise OefeningError(f"--vary {self.path}: {raw!r} is not a finite number")
        if self.kind == "int":
            if number != int(number):
                raise OefeningError(f"--vary {self.path}: {raw!r} is not a whole number")
            return int(number)
        return number

    def apply(self, doc: dict[str, Any], value: float | int) -> None:
        """Set the number in the scenario document ``doc`` (in place)."""
        here: Any = doc
        for step in self.where[:-1]:
            here = here[step]
        here[self.where[-1]] = value


def target(scenario: Scenario, path: str) -> Target:
    """The number ``path`` names in ``scenario``; an unknown one is one line naming the forms."""
    if path == "budget":
        return Target(path, "number", ("budget",))
    match = _PATH.match(path)
    if match is None:
        raise OefeningError(f"--vary {path}: unknown PATH; use one of {FORMS}")
    kind, ident, field = match.groups()
    if kind == "facility":
        index = next((i for i, f in enumerate(scenario.facilities) if f.id == ident), None)
        if index is None:
            raise OefeningError(f"--vary {path}: the scenario has no facility {ident!r}")
        if field != "slots":
            raise OefeningError(f"--vary {path}: a facility's number is slots (facility.{ident}.slots)")
        return Target(path, "int", ("facilities", index, "slots"))
    parts = ident.split("/")
    for o, org in enumerate(scenario.organisations):
        for p, proc in enumerate(org.processes):
            if kind == "process" and parts == [org.id, proc.id]:
                if field not in ("capacity", "demand"):
                    raise OefeningError(f"--vary {path}: a process's numbers are capacity and demand")
                return Target(path, "number", ("organisations", o, "processes", p, field))
            if kind == "fallback" and parts[:2] == [org.id, proc.id] and len(parts) == 3:
                for f, fb in enumerate(proc.fallbacks):
                    if fb.id == parts[2]:
                        if field not in ("capacity", "lead_time"):
                            raise OefeningError(
                                f"--vary {path}: a fallback's numbers are capacity and lead_time")
                        return Target(path, "duration" if field == "lead_time" else "number",
                                      ("organisations", o, "processes", p, "fallbacks", f, field))
    raise OefeningError(f"--vary {path}: the scenario has no {kind} {ident!r}")


def parse_vary(text: str) -> tuple[str, list[str]]:
    """``PATH=V1,V2,…`` as the path and the value texts."""
    path, sep, values = text.partition("=")
    items = [v.strip() for v in values.split(",")] if sep else []
    if not sep or not path.strip() or not any(items):
        raise OefeningError(f"--vary {text}: write PATH=V1,V2,… (e.g. facility.site.slots=1,2,3)")
    if any(not v for v in items):
        raise OefeningError(f"--vary {text}: an empty value between commas")
    return path.strip(), items


def variants(scenario: Scenario, path: str, texts: Sequence[str]) -> tuple[list[float | int], list[Scenario]]:
    """Each value as a number and as a validated copy of the scenario."""
    if not texts:
        raise OefeningError(f"--vary {path}: give at least one value")
    if len(texts) > MAX_VALUES:
        raise OefeningError(f"--vary {path}: at most {MAX_VALUES} values, not {len(texts)}")
    aim = target(scenario, path)
    values = [aim.parse(text) for text in texts]
    base = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    copies = []
    for text, value in zip(texts, values, strict=True):
        doc = copy.deepcopy(base)
        aim.apply(doc, value)
        copies.append(validate_scenario_data(doc, f"--vary {path}={text.strip()}"))
    return values, copies


def sweep_kernel(work: SweepWork, start: int, stop: int) -> list[Row]:
    """Task k = value × N + replication: every arm on that replication of that value's scenario."""
    scenarios, work_arms, seed, n = work
    rows = []
    for k in range(start, stop):
        value, replication = divmod(k, n)
        rows += replicate((scenarios[value], work_arms, seed), replication, replication + 1)
    return rows


class SweepResult(PlainResult):
    """The result of :func:`sweep`; ``rows()``: one row per value and plan."""


def sweep(scenario: Scenario, vary: str, values: Sequence[str | float], plans: Sequence[PlanLike] = (),
          n: int = 100, seed: int = 0, workers: int | None = None, scheduler: str | None = None,
          progress: Progress | None = None) -> SweepResult:
    """Every value of ``vary`` (a PATH) over replications 0 … n−1 of ``seed``, every arm."""
    if not 1 <= n <= MAX_REPLICATIONS:
        raise OefeningError(f"-n must be between 1 and {MAX_REPLICATIONS:,}, not {n}")
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise OefeningError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    numbers, scenarios = variants(scenario, vary, [str(v) for v in values])
    work_arms = arms(scenario, plans)
    total = len(scenarios) * n
    if total > MAX_REPLICATIONS:
        raise OefeningError(f"{len(scenarios)} values × {n:,} worlds is more than {MAX_REPLICATIONS:,}")
    rows: list[Row | None] = [None] * total
    done = 0
    batches = run_batches((scenarios, work_arms, seed, n), total, workers, scheduler, kernel=sweep_kernel)
    try:
        for start, batch in batches:
            rows[start:start + len(batch)] = batch
            done += len(batch)
            if progress is not None:
                progress(done, total)
    finally:
        batches.close()
    plan_ids = [ident for ident, _ in work_arms]
    refs = [ref for ref, _ in scenario.processes()]
    per_value = [Rows(scenario.id, seed, plan_ids, refs, rows[v * n:(v + 1) * n]) for v in range(len(numbers))]
    entries: list[dict[str, Any]] = []
    for v, (value, value_rows) in enumerate(zip(numbers, per_value, strict=True)):
        summary = summarise(value_rows)
        entry: dict[str, Any] = {"value": value, "plans": summary["plans"]}
        if v > 0:
            before = per_value[v - 1]
            previous = entries[-1]["plans"]
            for plan in plan_ids:
                here = summary["plans"][plan]
                here["difference_previous"] = {
                    "continuity": paired(value_rows.column(plan, "continuity") - before.column(plan, "continuity")),
                    "cost": paired(value_rows.column(plan, "cost") - before.column(plan, "cost")),
                    "mtpd_breach_probability": {
                        ref: here["mtpd_breach_probability"][ref] - previous[plan]["mtpd_breach_probability"][ref]
                        for ref in refs
                    },
                }
        entries.append(entry)
    vital = [ref for ref, p in scenario.processes() if p.criticality == "vital"]
    return SweepResult({"scenario": scenario.id, "replications": n, "seed": seed, "vary": vary,
                        "values": entries}, _flat(entries, vital))


def _flat(entries: list[dict[str, Any]], vital: list[str]) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        for plan, p in entry["plans"].items():
            row: dict[str, Any] = {"value": entry["value"], "plan": plan}
            for measure in ("continuity", "cost"):
                for stat, number in p[measure].items():
                    row[f"{measure}_{stat}"] = number
            for ref in vital:
                row[f"breach {ref}"] = p["mtpd_breach_probability"][ref]
            previous = p.get("difference_previous")
            row["continuity_vs_previous"] = previous["continuity"]["mean"] if previous else None
            row["cost_vs_previous"] = previous["cost"]["mean"] if previous else None
            out.append(row)
    return out
