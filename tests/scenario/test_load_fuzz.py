"""Whatever is fed to the loader, it returns a Scenario or raises OefeningError: never any
other exception, and every problem is one line with a place in the file."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oefening.errors import OefeningError
from oefening.scenario.load import validate
from oefening.scenario.model import Scenario
from oefening.scenario.yamlsource import decode, load_yaml, parse_yaml
from tests.paths import MINIMAL as MINIMAL_PATH

MINIMAL = load_yaml(MINIMAL_PATH).data
KEYS = sorted(
    {"id", "name", "capacity", "demand", "mbco", "at", "after", "when", "dist", "low", "high",
     "supplier", "service_down", "effects", "fallbacks", "needs", "for", "not", "all", "x"}
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["4h", "2d", "3 dagen", "vital", "globaltech", "hosting", "uitvoering/uitkeringen",
                       "triangular", "", "0", "-1", "1e400", "yes"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path into the document, the root excluded."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found.append((*path, key))
        found.extend(paths(value, (*path, key)))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The minimal scenario with a few keys and values deleted, replaced or added."""
    doc = copy.deepcopy(MINIMAL)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(paths(doc)))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(VALUES)
        else:
            parent.insert(path[-1], draw(VALUES))
    return doc


def load_text(text: str) -> None:
    try:
        assert isinstance(validate(Scenario, parse_yaml(text, "fuzz.yaml")), Scenario)
    except OefeningError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in str(problem)


@SETTINGS
@given(mutated())
def test_mutated_scenarios(doc):
    """Problems in a well-formed YAML mapping always have a line to point at."""
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    try:
        validate(Scenario, parse_yaml(text, "fuzz.yaml"))
    except OefeningError as error:
        for problem in error.problems:
            assert "\n" not in str(problem)
            assert problem.line is not None, str(problem)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!'\"#|> \n\t?%@`~0.9")), max_size=60))
def test_yaml_like_text(text):
    """YAML-like text never crashes the loader: a clear problem or a scenario, never a traceback."""
    load_text(text)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.binary(max_size=60))
def test_random_bytes(raw):
    """Random bytes never crash the loader: a clear problem or a scenario, never a traceback."""
    try:
        load_text(decode(raw, "fuzz.yaml"))
    except OefeningError as error:
        assert error.problems
