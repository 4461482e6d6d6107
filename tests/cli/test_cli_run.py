"""`oefening run` (SPEC §4): the JSON contract, the readable summary, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oefening.cli import main

MINIMAL = "tests/data/minimal.yaml"
SPEC_KEYS = {"scenario", "seed", "plan", "horizon_hours", "continuity", "cost", "mtpd_breaches", "processes", "timeline"}
PROCESS_KEYS = {
    "criticality", "demand", "served", "late", "backlog_end", "peak_backlog", "backlog_hours",
    "disrupted_hours", "mtpd_breached", "mtpd_breach_at",
}
# SPEC §4's extensions, then the scorecard's own further keys (docs/scorecard.md)
SPEC_KEYS |= {"continuity_projected", "vital_within_mtpd"}
PROCESS_KEYS |= {"late_projected"}
SPEC_KEYS |= {"critical_within_mtpd", "people_affected", "spent", "budget"}
PROCESS_KEYS |= {"mtpd_overrun_hours", "people_affected", "capacity_end"}
# how late the late cases are (docs/model.md, issue 16)
PROCESS_KEYS |= {"late_wait_mean", "late_wait_max", "reentered"}


def _run(capsys, *args):
    code = main(["run", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_spec_keys(capsys):
    """Json has exactly the spec keys."""
    code, out, err = _run(capsys, MINIMAL, "--seed", "7", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == SPEC_KEYS
    assert result["seed"] == 7 and result["plan"] is None
    for proc in result["processes"].values():
        assert set(proc) == PROCESS_KEYS
    for entry in result["timeline"]:
        assert {"t", "kind", "id"} <= set(entry)
    assert out.count("\n") == 1  # one JSON object, one line


def test_same_seed_same_bytes_and_other_seed_other_world(capsys):
    """Same seed same bytes and other seed other world."""
    first = _run(capsys, MINIMAL, "--seed", "3", "--json")[1]
    again = _run(capsys, MINIMAL, "--seed", "3", "--json")[1]
    other = _run(capsys, MINIMAL, "--seed", "4", "--json")[1]
    assert first == again
    assert json.loads(other)["timeline"] != json.loads(first)["timeline"]  # the storyline is random


def test_plan_run_names_the_plan(capsys):
    """Plan run names the plan."""
    code, out, err = _run(capsys, MINIMAL, "--plan", "tests/data/minimal-plan.yaml", "--json")
    assert code == 0, err
    assert json.loads(out)["plan"] is not None


def test_readable_summary(capsys):
    """Without --json, run prints a readable summary with the scores and a table per process."""
    code, out, _ = _run(capsys, MINIMAL, "--lang", "en")
    assert code == 0
    assert "Continuity:" in out and "MTPD" in out


@pytest.mark.parametrize("args, words", [
    (["missing.yaml"], "missing.yaml"),
    ([MINIMAL, "--seed", "zeven"], "invalid int value"),
    ([MINIMAL, "--frobnicate"], "unrecognized arguments"),
    ([MINIMAL, "--plan", "missing-plan.yaml"], "missing-plan.yaml"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, args, words):
    """Bad input is one line and exit 2."""
    code, _, err = _run(capsys, *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], err
    assert "Traceback" not in err


def test_entry_point_in_a_subprocess_has_no_traceback():
    """Entry point in a subprocess has no traceback."""
    proc = subprocess.run([sys.executable, "-m", "oefening", "run", "nope.yaml"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize("plan", [[], ["--plan", "scenarios/plans/leverancier-faillissement-laat.yaml"]])
def test_run_with_and_without_journal_and_replay_print_the_same_bytes(capsys, tmp_path, plan):
    """Journalling and replaying never change a number, not even in the last bit."""
    scenario = "scenarios/leverancier-faillissement.yaml"
    plain = _run(capsys, scenario, *plan, "--seed", "3", "--json")[1]
    journal = tmp_path / "j.jsonl"
    journalled = _run(capsys, scenario, *plan, "--seed", "3", "--json", "--journal", str(journal))[1]
    assert main(["replay", str(journal), "--json"]) == 0
    replayed = capsys.readouterr().out
    assert plain == journalled == replayed


def test_terminal_escapes_in_a_scenario_never_reach_the_terminal(tmp_path, capsys):
    """A title that would retitle the terminal and a bad file name with ESC and BEL: run's
    summary and check's lines carry ␛ and ␇, never the raw bytes."""
    text = Path(MINIMAL).read_text(encoding="utf-8").replace(
        "title: {nl: Minimaal scenario, en: Minimal scenario}", r'title: "Pay\e]0;pwned\a \e[2J\x9b"')
    path = tmp_path / "esc.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, str(path))
    assert code == 0, err
    assert "Pay␛]0;pwned␇ ␛[2J‹U+009B›" in out
    assert not any(ch in out + err for ch in "\x1b\x07\x9b")
    odd = tmp_path / "odd\x1b[2J\x07.yaml"
    code = main(["check", str(odd), str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "odd␛[2J␇.yaml" in err and "esc.yaml: ok" in out
    assert not any(ch in out + err for ch in "\x1b\x07\x9b")


def test_a_seed_in_other_digits_is_refused(capsys):
    """`--seed ٣` (an Arabic-Indic three) is not read as 3: one line, exit 2."""
    code, out, err = _run(capsys, MINIMAL, "--seed", "٣")
    assert code == 2 and out == ""
    assert err == "oefening: --seed ٣: invalid int value; write digits 0-9\n"
    code, out, err = _run(capsys, MINIMAL, "--seed=-3", "--json")
    assert code == 0 and json.loads(out)["seed"] == -3


@pytest.mark.parametrize(("lang", "summary", "row", "times"), [
    ("nl", "Continuïteit: 60,1 / 100 (verwacht 31,6)    Kosten: € 0",
     ["vitaal", "8.400", "3.348", "2.400", "5.748", "5.748"], "4d 18u 57m ! 5d 5u 3m"),
    ("en", "Continuity: 60.1 / 100 (projected 31.6)    Cost: € 0",
     ["vital", "8,400", "3,348", "2,400", "5,748", "5,748"], "4d 18h 57m ! 5d 5h 3m"),
])
def test_the_summary_speaks_the_language_it_is_asked_for(capsys, lang, summary, row, times):
    """`run --lang nl` writes Dutch numbers (8.400, 60,1), criticality (vitaal) and hours (u)
    in the summary line and the table, as the scorecard above them does; `--lang en` the
    English forms. Same world (seed 1): a breach at 125.05 h reads 5d 5u 3m / 5d 5h 3m."""
    code, out, err = _run(capsys, MINIMAL, "--seed", "1", "--lang", lang)
    assert code == 0, err
    assert summary in out and "horizon 7d" in out
    cells = out.splitlines()[-1].split()
    assert cells[:7] == ["uitvoering/uitkeringen", *row]
    assert " ".join(cells[7:]) == times


def test_two_plans_are_refused_not_one_quietly_dropped(capsys):
    """`run --plan A --plan B` once played B alone (argparse keeps the last); run plays one
    plan (SPEC §4), so two are one line and exit 2, pointing at montecarlo."""
    plan = "tests/data/minimal-plan.yaml"
    code, out, err = _run(capsys, MINIMAL, "--plan", plan, "--plan", plan, "--json")
    assert (code, out) == (2, "")
    assert err == "oefening run: one --plan, not 2; oefening montecarlo compares several plans on the same worlds\n"
    code, out, err = _run(capsys, MINIMAL, "--plan", plan, "--json")
    assert code == 0 and json.loads(out)["plan"] == "minimal-plan"
