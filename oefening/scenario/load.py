"""Loading and checking scenario and plan files: the public entry points for files.

:func:`load_scenario` and :func:`load_plan` read a file safely, validate it against the
strict models and either return the model or raise one :class:`OefeningError` listing every
problem in the file, each as ``FILE:LINE:COL: path: message`` sorted by line. Checks across
the document (unknown references, duplicate ids, cycles) run once every key is well formed,
since they need the whole model. :func:`check_plan_against` checks that every id a plan uses
exists in its scenario; :func:`read_bytes_sha256` fingerprints a file for the journal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from oefening.errors import OefeningError, Problem
from oefening.scenario.messages import problems_from, reference_problems, sorted_problems
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from oefening.scenario.references import plan_problems
from oefening.scenario.yamlsource import Document, load_yaml

M = TypeVar("M", bound=BaseModel)
Kind = Literal["scenario", "plan"]


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in the YAML file ``path``; OefeningError listing every problem if invalid.
    A plan given where a scenario belongs is one line saying so, not a line per missing key."""
    doc = load_yaml(path)
    if kind_of_document(doc) == "plan":
        scenario = doc.data.get("scenario")
        named = f" (its rules are for scenario {scenario!r})" if isinstance(scenario, str) else ""
        raise OefeningError([Problem(f"this is a plan{named}, not a scenario", str(path))])
    return validate(Scenario, doc)


def load_plan(path: str | Path) -> Plan:
    """The plan in the YAML file ``path``; OefeningError listing every problem if invalid.
    A scenario given where a plan belongs is one line saying so."""
    doc = load_yaml(path)
    if "organisations" in doc.data and "rules" not in doc.data:
        raise OefeningError([Problem("this is a scenario, not a plan; a plan has rules (see "
                                     "docs/scenario-format.md, Plans)", str(path))])
    return validate(Plan, doc)


def check_plan_against(plan: Plan, plan_path: str | Path, scenario: Scenario) -> None:
    """Raise OefeningError when ``plan`` (read from ``plan_path``) uses ids ``scenario`` lacks."""
    problems = plan_problems(plan, scenario)
    if not problems:
        return
    try:
        doc = load_yaml(plan_path)
    except OefeningError:  # the file changed since; report without lines
        doc = _unplaced(plan.model_dump(by_alias=True), str(plan_path))
    raise OefeningError(sorted_problems(reference_problems(problems, doc)))


def load_plan_against(path: str | Path, scenario: Scenario) -> Plan:
    """The plan in ``path`` checked against ``scenario`` in one pass: OefeningError listing
    every problem of its form and every id the scenario lacks, so a wrong key in one rule
    does not hide an unknown action in another."""
    doc = load_yaml(path)
    try:
        plan = load_plan(path)
    except OefeningError as error:
        if kind_of_document(doc) != "plan":
            raise
        raise OefeningError(merged(error.problems, rule_references(doc, scenario))) from None
    check_plan_against(plan, path, scenario)
    return plan


def rule_references(doc: Document, scenario: Scenario) -> list[Problem]:
    """The ids a plan document's rules use that ``scenario`` lacks, for a plan whose form has
    problems: every condition and step that is well formed on its own is checked, at its place."""
    from pydantic import TypeAdapter

    from oefening.scenario.conditions import Condition
    from oefening.scenario.plan import Step
    from oefening.scenario.references import Names, condition_problems, step_problems

    data = doc.data if isinstance(doc.data, dict) else {}
    rules = data.get("rules")
    if data.get("scenario") != scenario.id or not isinstance(rules, list):
        return []   # another scenario's plan: its form is all that can be said
    names = Names(scenario)
    conditions, steps = TypeAdapter(Condition), TypeAdapter(Step)
    found: list[tuple[tuple[str | int, ...], str]] = []
    for r, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        try:
            when = conditions.validate_python(rule["when"]) if "when" in rule else None
        except ValidationError:
            when = None
        if when is not None:
            found.extend(condition_problems(when, ("rules", r, "when"), names))
        do = rule.get("do")
        for d, raw in enumerate(do if isinstance(do, list) else []):
            try:
                step = steps.validate_python(raw)
            except ValidationError:
                continue
            found.extend(step_problems(step, ("rules", r, "do", d), names))
    return reference_problems(found, doc)


def merged(form: list[Problem], references: list[Problem]) -> list[Problem]:
    """A plan's form problems and its reference problems, each once, by line."""
    seen = {(p.line, p.column, p.message) for p in form}
    return sorted_problems([*form, *(p for p in references if (p.line, p.column, p.message) not in seen)])


def kind_of_document(doc: Document) -> Kind:
    """``plan`` for a document with ``rules`` or ``scenario`` and no ``organisations``."""
    data = doc.data
    if "organisations" not in data and ("rules" in data or "scenario" in data):
        return "plan"
    return "scenario"


def validate(model: type[M], doc: Document) -> M:
    """``doc`` validated as ``model``; OefeningError with every problem, in line order."""
    problems = list(doc.problems)
    result: M | None = None
    try:
        result = model.model_validate(doc.data)
    except ValidationError as error:
        # a value the reader already refused (a disallowed tag) is not reported twice
        refused = {(p.line, p.column) for p in doc.problems}
        found = problems_from(error, doc, model)
        problems.extend(p for p in found if (p.line, p.column) not in refused)
    if problems or result is None:
        raise OefeningError(sorted_problems(problems))
    return result


def validate_scenario_data(data: dict[str, Any], source_name: str = "<scenario>") -> Scenario:
    """A scenario from data already in memory; problems name ``source_name`` but no lines."""
    return validate(Scenario, _unplaced(data, source_name))


def validate_plan_data(data: dict[str, Any], source_name: str = "<plan>") -> Plan:
    """A plan from data already in memory; problems name ``source_name`` but no lines."""
    return validate(Plan, _unplaced(data, source_name))


def read_bytes_sha256(path: str | Path) -> str:
    """The SHA-256 (hex) of the file's bytes, as the journal records it."""
    from oefening.scenario.files import read_capped
    from oefening.scenario.yamlsource import MAX_BYTES

    return hashlib.sha256(read_capped(path, MAX_BYTES)).hexdigest()


def _unplaced(data: dict[str, Any], name: str) -> Document:
    """A document without marks: every problem points at the file only."""
    return Document(name, data, None)


__all__ = [
    "check_plan_against",
    "kind_of_document",
    "load_plan",
    "load_plan_against",
    "load_scenario",
    "read_bytes_sha256",
    "rule_references",
    "validate",
    "validate_plan_data",
    "validate_scenario_data",
]
