"""The hot wash in the journal: participants, findings per learning goal with an HSEEP rating,
corrective actions; editable (a later line replaces an earlier one) until the report is made,
kept across undo, and journals without them still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oefening.errors import OefeningError
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import MINIMAL


def _start(tmp_path: Path) -> Session:
    return Session.start(MINIMAL, load_scenario(MINIMAL), seed=1, lang="en", journal_path=tmp_path / "j.jsonl")


def test_the_hot_wash_is_journalled_edited_and_read_back(tmp_path):
    """The hot wash is journalled edited and read back."""
    session = _start(tmp_path)
    chair = session.participant("Anna de Vries", "chair", "Uitvoering")
    session.participant("Bram", "scribe")
    session.advance()
    session.undo()                                       # undo keeps who took part
    session.play(None)
    session.finding(0, rating="M", strengths="Quick first meeting", improvements="No exit plan")
    session.finding(0, rating="S", strengths="Quick first meeting", improvements="Exit plan late")  # edited
    first = session.corrective(0, "Write the exit plan", "Anna de Vries", "Uitvoering", "2026-03-01")
    second = session.corrective(0, "Test the manual procedure", "Bram", "Uitvoering", "2026-04-01")
    session.corrective(0, "Write and test the exit plan", "Anna de Vries", "Uitvoering", "2026-03-15", ident=first)
    session.corrective(0, "", "", "", "", ident=second, removed=True)
    session.participant("", "", ident="p2", removed=True)
    session.close()

    again = Session.read(session.journal_path).debrief
    assert list(again.participants) == [chair]
    assert again.participants[chair].role == "chair" and again.participants[chair].organisation == "Uitvoering"
    assert again.findings[0].rating == "S" and again.findings[0].improvements == "Exit plan late"
    assert list(again.actions) == [first]
    assert again.actions[first].action == "Write and test the exit plan" and again.actions[first].due == "2026-03-15"
    assert again.reported is None


def test_the_report_closes_the_hot_wash(tmp_path):
    """The report closes the hot wash."""
    session = _start(tmp_path)
    session.play(None)
    session.finding(0, rating="P")
    session.mark_reported(tmp_path / "report.html")
    with pytest.raises(OefeningError, match="can no longer be changed"):
        session.finding(0, rating="U")
    session.close()
    assert Session.read(session.journal_path).debrief.reported.endswith("report.html")
    # a journal edited to change the hot wash after the report is refused, with the line
    path = session.journal_path
    lines = path.read_text(encoding="utf-8").splitlines()
    extra = {"type": "finding", "turn": json.loads(lines[-1])["turn"], "t": json.loads(lines[-1])["t"],
             "goal": 0, "rating": "U"}
    path.write_text("\n".join([*lines, json.dumps(extra)]) + "\n", encoding="utf-8")
    with pytest.raises(OefeningError, match=rf"{len(lines) + 1}.*hot wash is closed"):
        Session.read(path)


@pytest.mark.parametrize("call, message", [
    (lambda s: s.finding(0, rating="X"), "unknown rating 'X'"),
    (lambda s: s.finding(7, rating="P"), "there is no learning goal 8"),
    (lambda s: s.corrective(0, "Do it", "Anna", "Org", "next week"), "not a date"),
    (lambda s: s.corrective(0, "Do it", "", "Org", "2026-01-01"), "needs an owner"),
    # every problem of the form at once, not one at a time
    (lambda s: s.corrective(0, "Do it", "", "", "soon"),
     "needs an owner, an organisation; the due date 'soon' is not a date like 2025-06-30"),
    (lambda s: s.participant("Anna", " "), "needs a name and a role"),
])
def test_bad_hot_wash_input_is_refused_and_not_written(tmp_path, call, message):
    """Bad hot wash input is refused and not written."""
    session = _start(tmp_path)
    before = session.journal_path.read_bytes()
    with pytest.raises(OefeningError, match=message):
        call(session)
    session.close()
    assert session.journal_path.read_bytes() == before


def test_a_malformed_hot_wash_line_names_its_line(tmp_path):
    """A malformed hot wash line names its line."""
    session = _start(tmp_path)
    session.close()
    path = session.journal_path
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(
        {"type": "corrective", "turn": 0, "t": 0, "id": "a1", "goal": 0, "action": "x", "owner": "y",
         "organisation": "z", "due": "31-12-2026"}) + "\n", encoding="utf-8")
    with pytest.raises(OefeningError, match=r"j\.jsonl:2.*'due' has a wrong value"):
        Session.read(path)
