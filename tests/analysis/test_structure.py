"""``oefening analyse`` (SPEC §6): concentration, single points of failure, slow and
common-mode fallbacks and facilities, each against a hand calculation."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from oefening.analysis import analyse, dependency_map, upper_lead_time
from oefening.scenario.distributions import Exponential, Fixed, Lognormal, Pert, Triangular, Uniform
from oefening.scenario.load import load_scenario
from oefening.scenario.model import Scenario
from tests.paths import SCENARIOS
from tests.run_cli import run_cli


def process(ident: str, criticality: str, needs: list[str], fallbacks: list[dict[str, Any]] | None = None,
            mbco: float = 0.5, mtpd: str = "3d") -> dict[str, Any]:
    return {"id": ident, "name": ident.upper(), "criticality": criticality, "demand": 10, "capacity": 12,
            "needs": needs, "mbco": mbco, "mtpd": mtpd, "norm": "1d", "fallbacks": fallbacks or []}


def fallback(ident: str, needs: list[str], capacity: float = 0.5, lead_time: Any = "1d",
             facility: str | None = None) -> dict[str, Any]:
    fb: dict[str, Any] = {"id": ident, "name": ident, "capacity": capacity, "lead_time": lead_time, "needs": needs}
    if facility:
        fb["facility"] = facility
    return fb


def hand_scenario() -> Scenario:
    """Three suppliers a, b, c with one service each (sa, sb, sc); seven processes:

    - x/p1 vital on sa, no fallback: a is a single point of failure
    - x/p2 critical on sa and sb, fallback on sc that reaches the MBCO within the MTPD: covered
    - x/p3 vital on sa, its fallback needs sa too: common mode, a is a single point of failure
    - x/p4 vital on sb, its fallback's lead time reaches 5d > MTPD 3d: b is a single point of failure
    - x/p5 normal on sa, no fallback: not reported (only vital and critical are)
    - x/p6 vital on sc, a fallback below the MBCO (0.3 < 0.5): c is a single point of failure
    - y/p7 important on sb and sc
    """
    doc = {
        "format": 1, "id": "hand", "title": "Hand", "start": "2025-03-03T08:00:00+01:00",
        "turn": "4h", "horizon": "10d",
        "suppliers": [{"id": s, "name": s.upper()} for s in ("a", "b", "c")],
        "services": [{"id": f"s{s}", "name": f"S{s}", "supplier": s} for s in ("a", "b", "c")],
        "facilities": [{"id": "site", "name": "Site", "slots": 1}, {"id": "spare", "name": "Spare", "slots": 3}],
        "organisations": [
            {"id": "x", "name": "X", "processes": [
                process("p1", "vital", ["sa"]),
                process("p2", "critical", ["sa", "sb"], [fallback("f", ["sc"], facility="site")]),
                process("p3", "vital", ["sa"], [fallback("f", ["sa"])]),
                process("p4", "vital", ["sb"], [fallback("slow", [], lead_time={
                    "dist": "triangular", "low": "1d", "mode": "2d", "high": "5d"})]),
                process("p5", "normal", ["sa"]),
                process("p6", "vital", ["sc"], [fallback("weak", [], capacity=0.3, facility="site")]),
            ]},
            {"id": "y", "name": "Y", "processes": [process("p7", "important", ["sb", "sc"])]},
        ],
    }
    return Scenario.model_validate(doc)


def test_concentration_is_the_weighted_hhi():
    """Shares weigh each dependency by its process's criticality weight (8, 4, 2, 1):
    a = 8 (p1) + 4 (p2) + 8 (p3) + 1 (p5) = 21, b = 4 (p2) + 8 (p4) + 2 (p7) = 14,
    c = 8 (p6) + 2 (p7) = 10; of 45. HHI = 10,000 × Σ share²."""
    result = analyse(hand_scenario())
    gov = result["concentration"]["government"]
    assert gov["shares"] == pytest.approx({"a": 21 / 45, "b": 14 / 45, "c": 10 / 45})
    assert gov["hhi"] == pytest.approx(10_000 * (21**2 + 14**2 + 10**2) / 45**2)   # 3639.5
    x = result["concentration"]["organisations"]["x"]
    assert x["shares"] == pytest.approx({"a": 21 / 41, "b": 12 / 41, "c": 8 / 41})
    assert x["hhi"] == pytest.approx(10_000 * (21**2 + 12**2 + 8**2) / 41**2)
    y = result["concentration"]["organisations"]["y"]
    assert y == {"hhi": pytest.approx(5000.0), "shares": {"b": 0.5, "c": 0.5}}


def test_single_points_of_failure_by_hand():
    """No fallback, a common-mode fallback, one too slow, one below the MBCO: a single point of
    failure; a fallback on another supplier that reaches the MBCO in time covers both suppliers.
    One entry per supplier, sorted, each with its processes sorted; normal processes left out."""
    result = analyse(hand_scenario())
    assert result["single_points_of_failure"] == [
        {"supplier": "a", "processes": ["x/p1", "x/p3"]},
        {"supplier": "b", "processes": ["x/p4"]},
        {"supplier": "c", "processes": ["x/p6"]},
    ]


def test_slow_common_mode_and_facilities():
    """The triangular lead time's upper end (high, 5d = 120h) against the MTPD (72h); the fallback
    that needs its process's own supplier; claimants per facility."""
    result = analyse(hand_scenario())
    assert result["lead_time_over_mtpd"] == [{"fallback": "x/p4/slow", "lead_time_hours": 120.0, "mtpd_hours": 72.0}]
    assert result["common_mode"] == [{"fallback": "x/p3/f", "supplier": "a"}]
    assert result["facilities"] == {"site": {"slots": 1, "claimants": 2}, "spare": {"slots": 3, "claimants": 0}}


def test_a_fallback_exactly_at_the_mtpd_covers():
    """"No longer than the MTPD": a lead time equal to the MTPD still covers."""
    doc = hand_scenario().model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["organisations"][0]["processes"][3]["fallbacks"][0]["lead_time"] = {
        "dist": "uniform", "low": "1d", "high": "3d"}
    result = analyse(Scenario.model_validate(doc))
    assert {"supplier": "b", "processes": ["x/p4"]} not in result["single_points_of_failure"]
    assert result["lead_time_over_mtpd"] == []


def test_upper_end_of_random_lead_times():
    """high for triangular, uniform and PERT; the 90th percentile for lognormal and exponential."""
    assert upper_lead_time(7.0) == 7.0
    assert upper_lead_time(Triangular(dist="triangular", low=1, mode=2, high=9)) == 9.0
    assert upper_lead_time(Uniform(dist="uniform", low=1, high=4)) == 4.0
    assert upper_lead_time(Pert(dist="pert", low=1, mode=2, high=6)) == 6.0
    assert upper_lead_time(Lognormal(dist="lognormal", median=10, p90=30)) == 30.0
    assert upper_lead_time(Exponential.model_validate({"dist": "exponential", "mean": 10})) == pytest.approx(
        10 * math.log(10))  # P(X ≤ x) = 1 − e^(−x/10) = 0.9
    assert upper_lead_time(Fixed(dist="fixed", value=5)) == 5.0


def test_depends_on_follows_needs_not_fallbacks():
    """A process depends on the suppliers of what it needs, never on its fallbacks' suppliers."""
    dmap = dependency_map(hand_scenario())
    assert dmap.of_process("x/p2") == {"a", "b"}
    assert dmap.of_fallback("x/p2/f") == {"c"}
    assert dmap.of_process("y/p7") == {"b", "c"}


def test_digitale_monocultuur_is_a_monoculture():
    """Every process of the bundled scenario runs on Nimbus and, through Nimbus's hosting (a
    service that needs the hyperscaler's region), on Atlas: HHI 5,000 everywhere, half each; ten
    fallbacks want each facility; the Custodial Institutions' government-site fallback (up to 2d)
    is slower than its 24h MTPD; no single point of failure by SPEC §6's rule (the Defence site,
    1d at 60 %, avoids both); and the hidden concentration: every government-site fallback needs
    Atlas too (common mode)."""
    result = analyse(load_scenario(SCENARIOS / "digitale-monocultuur.yaml"))
    assert result["concentration"]["government"] == {"hhi": 5_000.0, "shares": {"atlas": 0.5, "nimbus": 0.5}}
    assert all(o["hhi"] == 5_000.0 for o in result["concentration"]["organisations"].values())
    assert result["facilities"] == {"rijksuitwijk": {"slots": 3, "claimants": 10},
                                    "defensielocatie": {"slots": 2, "claimants": 10}}
    assert result["lead_time_over_mtpd"] == [{
        "fallback": "justitiele-inrichtingen/detentieadministratie/rijksuitwijk",
        "lead_time_hours": 48.0, "mtpd_hours": 24.0}]
    assert result["single_points_of_failure"] == []
    assert result["common_mode"] == [{"fallback": f"{process}/rijksuitwijk", "supplier": "atlas"} for process in (
        "inkomensbureau/uitkeringen", "toeslagenbureau/toeslagen", "kinderbijslagbureau/pensioenen",
        "justitiele-inrichtingen/detentieadministratie", "immigratiedienst/verblijfsaanvragen",
        "registerdienst/inschrijvingen", "studiedienst/studiefinanciering", "voertuigdienst/kentekens",
        "heffingendienst/aangiften", "subsidiedienst/subsidies")]


def test_cli_json_equals_the_api(tmp_path):
    """``analyse --json`` prints SPEC §6's object; the table names each finding."""
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(hand_scenario().model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("analyse", str(path), "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out) == json.loads(json.dumps(analyse(hand_scenario())))
    assert set(json.loads(done.out)) == {"scenario", "concentration", "single_points_of_failure",
                                         "lead_time_over_mtpd", "common_mode", "facilities"}
    text = run_cli("analyse", str(path), "--lang", "en")
    assert text.code == 0
    assert "a: x/p1, x/p3" in text.out
    assert "x/p4/slow: lead time up to 5d, MTPD 3d" in text.out
    assert "x/p3/f: also needs a" in text.out
    assert "site: 1 places, 2 claimants  ← more claimants than places" in text.out


def test_html_page_has_the_map_and_escapes_names(tmp_path):
    """-o writes one HTML page with the map as inline SVG; a name that looks like markup is shown."""
    doc = hand_scenario().model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["suppliers"][0]["name"] = "<script>alert(1)</script>"
    path = tmp_path / "s.yaml"
    path.write_text(json.dumps(doc))
    out = tmp_path / "map.html"
    done = run_cli("analyse", str(path), "-o", str(out), "--lang", "nl")
    assert done.code == 0, done.err
    page = out.read_text()
    assert "<svg" in page and "</svg>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Single points of failure" in page and "x/p1" in page


@pytest.mark.parametrize("argv, message", [
    (("analyse", "missing.yaml"), "missing.yaml"),
    (("analyse", str(SCENARIOS / "kennismaking.yaml"), "-o", "map.txt"), "-o takes a file name ending in .html"),
    (("analyse", str(SCENARIOS / "kennismaking.yaml"), "-o", "/no/such/folder/map.html"), "does not exist"),
])
def test_bad_input_is_one_line_and_exit_2(argv, message):
    """Bad input is one line and exit 2."""
    done = run_cli(*argv)
    assert done.code == 2
    assert message in done.err
    assert len(done.err.strip().splitlines()) == 1


def chain_scenario() -> Scenario:
    """Service s2 (supplier b) runs on s1 (supplier a); x/p needs s2; x/q needs the process x/p
    and has a fallback on s3 (supplier c); x/r is only fed by x/p (arrivals, not a need)."""
    doc = {
        "format": 1, "id": "chain", "title": "Chain", "start": "2025-03-03T08:00:00+01:00",
        "turn": "4h", "horizon": "10d",
        "suppliers": [{"id": s, "name": s.upper()} for s in ("a", "b", "c")],
        "services": [{"id": "s1", "name": "S1", "supplier": "a"},
                     {"id": "s2", "name": "S2", "supplier": "b", "needs": ["s1"]},
                     {"id": "s3", "name": "S3", "supplier": "c"}],
        "organisations": [{"id": "x", "name": "X", "processes": [
            process("p", "vital", ["s2"]),
            process("q", "critical", ["x/p"], [fallback("f", ["s3"])]),
            {**process("r", "vital", []), "demand": 0, "fed_by": [{"process": "x/p", "share": 1.0}]},
        ]}],
    }
    return Scenario.model_validate(doc)


def test_depends_on_follows_chains_of_services_and_processes():
    """SPEC §6: through the services and processes a service or process needs. x/p depends on
    b (s2) and a (s1 under s2); x/q, needing x/p, on both too; being fed by a process is not a need."""
    dmap = dependency_map(chain_scenario())
    assert dmap.of_process("x/p") == {"a", "b"}
    assert dmap.of_process("x/q") == {"a", "b"}
    assert dmap.of_process("x/r") == frozenset()
    result = analyse(chain_scenario())
    assert result["single_points_of_failure"] == [{"supplier": "a", "processes": ["x/p"]},
                                                  {"supplier": "b", "processes": ["x/p"]}]
    # p weighs 8 on a and on b; q weighs 4 on a and on b: a and b half each
    assert result["concentration"]["government"] == {"hhi": 5000.0, "shares": {"a": 0.5, "b": 0.5}}


def test_the_tree_shows_chains_as_deeper_branches():
    """The tree shows chains as deeper branches."""
    from oefening.analysis.tree import map_lines

    lines = map_lines(chain_scenario(), dependency_map(chain_scenario()), "en")
    text = "\n".join(lines)
    assert "a · A\n└─ s1 · S1\n   └─ s2 · S2\n      └─ x/p (vital)\n         └─ x/q (critical)" in text
