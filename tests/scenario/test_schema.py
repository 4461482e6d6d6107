"""The JSON Schema is generated from the models, committed, explains every key, and
accepts the bundled scenarios and plans."""

from __future__ import annotations

import json

import pytest

from oefening.scenario.schema import FILES, json_schema, json_schema_text
from oefening.scenario.yamlsource import load_yaml
from tests.paths import ROOT
from tests.run_cli import run_cli

SCENARIOS = ROOT / "scenarios"
KINDS = ("scenario", "plan")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_matches_the_models(kind):
    """Regenerate with `oefening schema > scenarios/oefening.schema.json` (and --plan)."""
    committed = (SCENARIOS / FILES[kind]).read_text(encoding="utf-8")
    assert committed == json_schema_text(kind), f"scenarios/{FILES[kind]} is out of date"


def _properties_without_description(node, path=()):
    if isinstance(node, dict):
        for key, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and not prop.get("description"):
                yield "/".join(map(str, (*path, "properties", key)))
        for key, value in node.items():
            yield from _properties_without_description(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties_without_description(value, (*path, i))


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description(kind):
    """Editors show the description of every key while a scenario is written."""
    assert list(_properties_without_description(json_schema(kind))) == []


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_schema(kind):
    """Schema command prints the schema."""
    outcome = run_cli("schema", *(["--plan"] if kind == "plan" else []))
    assert outcome.code == 0
    assert outcome.out == json_schema_text(kind)
    schema = json.loads(outcome.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"oefening {kind}, format 1"


def test_schema_accepts_the_bundled_and_test_documents():
    """Checked with jsonschema when it is installed (it is not a dependency)."""
    jsonschema = pytest.importorskip("jsonschema")
    documents = {
        "scenario": [ROOT / "tests/data/minimal.yaml", *sorted(SCENARIOS.glob("*.yaml"))],
        "plan": [ROOT / "tests/data/minimal-plan.yaml", *sorted(SCENARIOS.glob("plans/*.yaml"))],
    }
    for kind, paths in documents.items():
        validator = jsonschema.Draft202012Validator(json_schema(kind))
        for path in paths:
            errors = [e.message for e in validator.iter_errors(load_yaml(path).data)]
            assert errors == [], path
