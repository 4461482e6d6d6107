"""The notebook API: ``oefening.analyse``, ``oefening.stress`` and ``oefening.sweep`` return
plain data (JSON as it is) with ``to_frame()`` giving a pandas table."""

from __future__ import annotations

import json

import pytest

import oefening
from oefening.scenario.load import load_scenario
from tests.paths import PLANS, SCENARIOS

pandas = pytest.importorskip("pandas")
MONOCULTURE = SCENARIOS / "digitale-monocultuur.yaml"


def test_public_api_returns_plain_data_with_frames():
    """Public api returns plain data with frames."""
    assert {"analyse", "stress", "sweep"} <= set(oefening.__all__)
    scenario = oefening.load_scenario(MONOCULTURE)
    analysis = oefening.analyse(scenario)
    assert json.loads(json.dumps(analysis)) == dict(analysis)
    frame = analysis.to_frame()
    # ten processes, each on Nimbus and (through Nimbus's hosting) on the Atlas hyperscaler
    assert len(frame) == 20 and set(frame["supplier"]) == {"nimbus", "atlas"}
    assert not frame["single_point_of_failure"].any()

    stress = oefening.stress(scenario, [72.0, 336.0], workers=1, suppliers=["nimbus"])
    table = stress.to_frame()
    assert list(table["outage_hours"]) == [72.0, 336.0]
    assert list(table["vital_within_mtpd"]) == [3, 0]

    plan = oefening.load_plan(PLANS / "digitale-monocultuur-regie.yaml")
    sweep = oefening.sweep(scenario, "facility.rijksuitwijk.slots", [1, 3], [plan], n=4, workers=1)
    rows = sweep.to_frame()
    assert list(zip(rows["value"], rows["plan"], strict=True)) == [(1, "baseline"), (1, "regie"), (3, "baseline"),
                                                                    (3, "regie")]
    assert rows["continuity_vs_previous"].isna().sum() == 2
    assert "breach inkomensbureau/uitkeringen" in rows.columns


def test_to_frame_without_pandas_says_how(monkeypatch):
    """To frame without pandas says how."""
    import builtins

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(oefening.OefeningError, match="pip install 'oefening\\[frames\\]'"):
        oefening.analyse(load_scenario(MONOCULTURE)).to_frame()
