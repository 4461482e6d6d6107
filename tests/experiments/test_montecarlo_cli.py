"""`oefening montecarlo` (SPEC §4): the JSON contract, the table, the team's journal as a
plan, Ctrl-C, and bad input as one line with exit 2."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.run_cli import run_cli

MINIMAL = "tests/data/minimal.yaml"
MINIMAL_PLAN = "tests/data/minimal-plan.yaml"
BUNDLED = "scenarios/leverancier-faillissement.yaml"
STATS = {"mean", "p5", "p50", "p95"}


def test_json_is_the_spec_object_and_only_that():
    """--json prints one line: replications, seed, and per plan (baseline always) the spread
    of continuity and cost and a breach probability for every process."""
    code, out, err = run_cli("montecarlo", MINIMAL, "--plan", MINIMAL_PLAN, "-n", "20",
                             "--seed", "3", "--workers", "1", "--json")
    assert code == 0, err
    assert out.count("\n") == 1
    result = json.loads(out)
    assert {"replications", "seed", "plans"} <= set(result) and "partial" not in result
    assert result["replications"] == 20 and result["seed"] == 3
    assert set(result["plans"]) == {"baseline", "minimal-plan"}
    for this in result["plans"].values():
        assert set(this["continuity"]) == set(this["cost"]) == STATS
        assert set(this["mtpd_breach_probability"]) == {"uitvoering/uitkeringen"}
        assert all(0.0 <= p <= 1.0 for p in this["mtpd_breach_probability"].values())
    difference = result["plans"]["minimal-plan"]["difference"]["baseline"]["continuity"]
    assert difference["low"] <= difference["mean"] <= difference["high"]


def test_the_table_shows_spreads_breaches_and_differences():
    """The table shows spreads breaches and differences."""
    code, out, err = run_cli("montecarlo", MINIMAL, "--plan", MINIMAL_PLAN, "-n", "10",
                             "--workers", "1", "--lang", "en")
    assert code == 0, err
    for text in ("10 replications", "baseline", "minimal-plan", "MTPD breach probability",
                 "minimal-plan − baseline"):
        assert text in out


def test_the_table_speaks_to_a_continuity_manager():
    """Titles instead of ids, money rounded, processes by name, and per comparison one line
    that says which plan scores higher, in what share of worlds, at what cost, then the spread
    of the difference over the worlds beside the interval of its mean."""
    import json
    import re

    args = ("montecarlo", MINIMAL, "--plan", MINIMAL_PLAN, "-n", "30", "--workers", "1")
    out = run_cli(*args, "--lang", "en").out
    result = json.loads(run_cli(*args, "--json").out)
    d = result["plans"]["minimal-plan"]["difference"]["baseline"]
    assert 0.0 <= d["share_higher"] <= 1.0 and d["continuity_spread"]["p5"] <= d["continuity_spread"]["p95"]
    assert "nobody acts (baseline)" in out and "Uitkeringen betalen" in out
    assert not re.search(r"\d{1,3},\d{3},\d{3}", out)   # no cost to the euro in millions
    line = next(line for line in out.splitlines() if line.startswith("minimal-plan − baseline: "))
    share = f"{100 * (d['share_higher'] if d['continuity']['mean'] >= 0 else d['share_lower']):.0f} % of worlds"
    assert share in line and ("points higher than" in line) and ("costs € " in line)
    assert "continuity difference per world: p5 " in out and "95 % interval of the mean" in out


def test_processes_of_the_same_name_are_told_apart_by_their_organisation(tmp_path):
    """Two organisations each with a process named P: the breach table says whose is whose
    ("A: P", "B: P"), not P twice; a name nobody else has stays as it is."""
    text = Path(MINIMAL).read_text(encoding="utf-8")
    head, rest = text.split("organisations:\n", 1)
    org, events = rest.split("events:\n", 1)
    twin = org.replace("id: uitvoering", "id: tweede").replace("name: Uitvoeringsorganisatie", "name: Tweede")
    path = tmp_path / "twins.yaml"
    path.write_text(head + "organisations:\n" + org + twin + "events:\n" + events, encoding="utf-8")
    code, out, err = run_cli("montecarlo", str(path), "-n", "2", "--workers", "1", "--lang", "en")
    assert code == 0, err
    table = out.split("MTPD breach probability\n", 1)[1].splitlines()
    assert [line.split("  ")[0] for line in table[1:3]] == [
        "Uitvoeringsorganisatie: Uitkeringen betalen", "Tweede: Uitkeringen betalen"]


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_json_and_leaves_the_environment_alone():
    """--scheduler local gives the same bytes; dask's nannies write MALLOC_TRIM_THRESHOLD_ and
    others into the starting process's environment, and it is put back afterwards."""
    before = dict(os.environ)
    one = run_cli("montecarlo", MINIMAL, "--plan", MINIMAL_PLAN, "-n", "12", "--seed", "8",
                  "--workers", "1", "--json")
    dask = run_cli("montecarlo", MINIMAL, "--plan", MINIMAL_PLAN, "-n", "12", "--seed", "8",
                   "--workers", "2", "--scheduler", "local", "--json")
    assert one.code == dask.code == 0, dask.err
    assert one.out == dask.out
    assert dict(os.environ) == before


def test_a_teams_journal_runs_as_plan_team_and_its_world_is_placed(tmp_path):
    """--journal adds the team's decisions as the plan "team", defaults to the journal's
    seed, and tells the percentile of the team's own continuity among the N worlds."""
    journal = tmp_path / "oefening.jsonl"
    played = run_cli("run", MINIMAL, "--plan", MINIMAL_PLAN, "--seed", "9", "--journal",
                     str(journal), "--json")
    assert played.code == 0, played.err
    code, out, err = run_cli("montecarlo", MINIMAL, "-n", "30", "--workers", "1",
                             "--journal", str(journal), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["seed"] == 9 and set(result["plans"]) == {"baseline", "team"}
    world = result["team_world"]
    assert world["seed"] == 9 and world["replication"] == 0
    assert world["continuity"] == json.loads(played.out)["continuity"]
    assert 0.0 <= world["percentile"] <= 100.0 and 0.0 <= world["baseline_percentile"] <= 100.0

    code, out, err = run_cli("montecarlo", MINIMAL, "-n", "5", "--seed", "1", "--workers", "1",
                             "--journal", str(journal), "--lang", "en")
    assert code == 0, err
    assert "The team's own world (seed 9" in out

    code, out, err = run_cli("montecarlo", BUNDLED, "-n", "5", "--journal", str(journal))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "the journal is of scenario 'minimal'" in err


def _plan_file(tmp_path, text: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args, message", [
    (["-n", "0"], "-n must be between 1 and"),
    (["-n", "99999999999999999999"], "-n must be between 1 and 10,000,000"),
    (["-n", "5", "--workers", "100000"], "--workers must be between 1 and 512"),
    (["-n", "5", "--workers", "0"], "--workers must be between 1 and"),
    (["-n", "5", "--scheduler", "tcp://127.0.0.1:1"], "cannot reach a dask scheduler"),
    (["-n", "five"], "invalid int value"),
    (["-n", "5", "--plan", "no-such-plan.yaml"], "no-such-plan.yaml"),
    (["-n", "5", "--plan", "OTHER"], "not 'minimal'"),
    (["-n", "5", "--plan", "TYPO"], "unknown action"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    """Bad input is one line and exit 2."""
    other = _plan_file(tmp_path, "format: 1\nid: elders\nscenario: elders\nrules: []\n")
    typo = tmp_path / "typo.yaml"
    typo.write_text("format: 1\nid: typo\nscenario: minimal\nrules:\n"
                    "  - {at: 1d, do: [exit-plann]}\n", encoding="utf-8")
    args = [{"OTHER": other, "TYPO": str(typo)}.get(a, a) for a in args]
    code, out, err = run_cli("montecarlo", MINIMAL, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err


def test_a_missing_scenario_is_one_line_and_exit_2():
    """A missing scenario is one line and exit 2."""
    code, _out, err = run_cli("montecarlo", "no-such-scenario.yaml", "-n", "3")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no-such-scenario.yaml" in err


@pytest.mark.slow
def test_ctrl_c_prints_the_partial_result_and_exits_130():
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops the workers'
    pending work and prints what completed, marked partial; the exit code is 130."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oefening", "montecarlo", BUNDLED, "-n", "100000",
         "--workers", "2", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(6.0)  # the pool's start and a first batch, with room for a loaded machine (3 s once gave 0)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    result = json.loads(out)
    assert result["partial"] is True and result["requested"] == 100000
    assert 0 < result["replications"] < 100000
    assert "interrupted after" in err and "Traceback" not in err

