"""Mutated bundled scenarios through ``check`` and, when it accepts them, ``run``: never a
traceback, and JSON output never holds Infinity or NaN (#18). A bounded number of examples,
each a small change of one value (huge or tiny numbers, markup, escapes, wrong kinds)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oefening.scenario.yamlsource import load_yaml
from tests.paths import ROOT
from tests.run_cli import run_cli

SOURCES = [ROOT / "tests" / "data" / "minimal.yaml", ROOT / "oefening" / "scenarios" / "kennismaking.yaml",
           ROOT / "tests" / "data" / "world-keys.yaml"]


def _chained(doc: dict[str, Any]) -> dict[str, Any]:
    """The minimal scenario with the keys of issues 11 and 16 that it lacks, so that mutations
    reach them: a service running on another with a recovery point, a process that needs one
    and is fed by another (a chain), office hours on a process and a fallback, triage, and a
    discipline effect switching it."""
    doc = json.loads(json.dumps(doc, default=str))
    doc["id"] = "chained"
    doc["suppliers"].append({"id": "cloudco", "name": "CloudCo"})
    doc["services"][0]["needs"] = ["cloud"]
    doc["services"].append({"id": "cloud", "name": "Cloud", "supplier": "cloudco", "rpo": "12h", "rework": 0.5})
    doc["calendars"] = [{"id": "kantoor", "name": "Kantooruren", "hours": "08:00-17:00", "holidays": ["2025-03-05"]}]
    first = doc["organisations"][0]["processes"][0]
    first["discipline"] = "triage"
    first["fallbacks"][0]["calendar"] = "kantoor"
    doc["organisations"][0]["processes"].append({
        "id": "controle", "name": "Controle", "criticality": "critical", "demand": 5, "capacity": 40,
        "needs": ["uitvoering/uitkeringen"], "fed_by": [{"process": "uitvoering/uitkeringen", "share": 0.5}],
        "mbco": 0.5, "mtpd": "48h", "norm": "24h", "calendar": "kantoor",
    })
    doc["events"].append({"id": "cloud-down", "at": "2d",
                          "effects": [{"service": {"id": "cloud", "availability": 0, "duration": "8h"}}]})
    doc["actions"].append({"id": "weer-fifo", "title": "FIFO", "repeatable": True,
                           "effects": [{"discipline": {"process": "uitvoering/uitkeringen", "order": "fifo"}}]})
    return doc


DOCS = [load_yaml(path).data for path in SOURCES]
DOCS.append(_chained(DOCS[0]))
VALUES = (
    st.integers(min_value=-(10**320), max_value=10**320)
    | st.sampled_from([0, 1, -1, 10**309, 1e308, -1e308, 1e-300, 5e-324, 0.5, 1e12, 1e13])
    | st.floats(min_value=-1e308, max_value=1e308)
    | st.sampled_from(["1e308h", "99999999999999999999w", "0h", "1s", "[/", "[@click=app.quit]x[/]",
                       "\x1b]0;pwned\x07", "\x1b[2J", "status [wip]", "", "pert", "lognormal"])
    | st.sampled_from(["uitvoering/uitkeringen", "uitvoering/controle", ["uitvoering/controle"], ["hosting"],
                       ["cloud", "hosting"], [{"process": "uitvoering/controle", "share": 1e308}], "triage",
                       "00:00-24:00", "17:00-08:00", "25:00-26:00", ["sun"], ["2025-02-30"]])
    | st.sampled_from([[], {}, ["x"], {"dist": "pert", "low": 0, "mode": 1e308, "high": 1e308},
                       {"dist": "lognormal", "median": 1e-300, "p90": 1e300},
                       {"dist": "exponential", "mean": 1e300}])
)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaves(value, (*path, key))] or [path]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _leaves(value, (*path, i))] or [path]
    return [path]


def _replaced(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copy


def _finite(text: str) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"non-finite JSON: {constant}")
    json.loads(text, parse_constant=refuse)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_scenarios_never_crash_check_or_run(tmp_path: Path, data: st.DataObject) -> None:
    doc = data.draw(st.sampled_from(DOCS))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_leaves(doc)))
        doc = _replaced(doc, path, data.draw(VALUES))
    file = tmp_path / "mutant.json"   # JSON is YAML; the dates stay text
    file.write_text(json.dumps(doc, default=str), encoding="utf-8")
    checked = run_cli("check", str(file))
    assert checked.code in (0, 2) and "Traceback" not in checked.err
    if checked.code == 2:
        assert checked.err.strip() and all(line.startswith(str(file)) for line in checked.err.splitlines())
        return
    ran = run_cli("run", str(file), "--json")
    assert ran.code in (0, 2) and "Traceback" not in ran.err, ran.err
    if ran.code == 0:
        _finite(ran.out)
