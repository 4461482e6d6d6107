"""The JSON Schema of the scenario and plan formats, generated from the models.

Editors use it to complete and check a scenario while it is written (a first line
``# yaml-language-server: $schema=oefening.schema.json``). The generated text is committed
as ``scenarios/oefening.schema.json`` and ``scenarios/oefening-plan.schema.json``; a test
fails when the models and the committed files drift apart.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan

DIALECT = "https://json-schema.org/draft/2020-12/schema"
Kind = Literal["scenario", "plan"]
FILES: dict[Kind, str] = {"scenario": "oefening.schema.json", "plan": "oefening-plan.schema.json"}


def json_schema(kind: Kind = "scenario") -> dict[str, Any]:
    """The JSON Schema of a scenario or a plan (format 1), as a dict."""
    model = Scenario if kind == "scenario" else Plan
    generated = model.model_json_schema(by_alias=True, mode="validation")
    head = {
        "$schema": DIALECT,
        "title": f"oefening {kind}, format 1",
        "$comment": "Generated from the models by `oefening schema`; do not edit by hand.",
    }
    generated.pop("title", None)
    return {**head, **generated}


def json_schema_text(kind: Kind = "scenario") -> str:
    """The schema as pretty-printed JSON text, ending in a newline, the same on every run."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
