"""The journal's format (SPEC §5, docs/journal.md): its lines, reading them back, and refusing
journals that are malformed, tampered with, of an unknown format or of a changed scenario."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, Deactivate, TakeAction
from oefening.errors import OefeningError
from oefening.journal.format import decisions_by_turn, read_journal
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import DATA
from tests.run_cli import run_cli

FALLBACK = "uitvoering/uitkeringen/handmatig"


@pytest.fixture()
def scenario_path(tmp_path: Path) -> Path:
    """A private copy of the minimal scenario, so a test may change it."""
    path = tmp_path / "minimal.yaml"
    shutil.copy(DATA / "minimal.yaml", path)
    return path


def _played(scenario_path: Path, journal: Path, turns: int = 8) -> Session:
    session = Session.start(scenario_path, load_scenario(scenario_path), seed=3, lang="nl", journal_path=journal)
    session.decide(TakeAction("exit-plan"))          # refused: not available yet
    session.note("begin", author="A")
    for _ in range(turns):
        session.advance()
    session.decide(TakeAction("exit-plan"))
    session.decide(Activate(FALLBACK))
    session.advance()
    return session


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _resume_fails(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(OefeningError) as caught:
        Session.resume(path)
    assert path.read_bytes() == before, "a refused journal must be left untouched"
    return str(caught.value)


def test_header_and_lines(scenario_path: Path, tmp_path: Path) -> None:
    """The header names the scenario, its absolute path and SHA-256, seed and language; every
    line is compact JSON with sorted keys, ending in a newline."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    raw = journal.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    lines = _lines(journal)
    header = lines[0]
    assert header["type"] == "header" and header["format"] == 1
    assert header["scenario"] == "minimal" and header["seed"] == 3 and header["lang"] == "nl"
    assert header["scenario_path"] == str(scenario_path.resolve())
    assert header["scenario_sha256"] == hashlib.sha256(scenario_path.read_bytes()).hexdigest()
    assert header["plan"] == "team" and header["oefening"] and header["created"]
    for text, data in zip(raw.splitlines(), lines, strict=True):
        assert text == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert lines[1] == {"type": "decision", "turn": 0, "t": 0.0, "decision": {"action": "exit-plan"},
                        "refused": "unavailable"}
    assert lines[2] == {"type": "note", "turn": 0, "t": 0.0, "text": "begin", "author": "A"}
    states = [line.pop("state") for line in lines if line["type"] == "turn"]   # the state fingerprints
    assert len(states) == 9 and all(re.fullmatch("[0-9a-f]{12}", state) for state in states)
    assert len(set(states)) == 9   # each turn starts from another world
    assert lines[3] == {"type": "turn", "turn": 1, "t": 4.0}
    assert [line["type"] for line in lines[-3:]] == ["decision", "decision", "turn"]
    assert lines[-1] == {"type": "turn", "turn": 9, "t": 36.0}


def test_end_line_when_finished(scenario_path: Path, tmp_path: Path) -> None:
    """Closing a finished exercise ends the journal with one end line holding the scores."""
    journal = tmp_path / "j.jsonl"
    session = _played(scenario_path, journal)
    session.play(None)
    session.close()
    session.close()
    end = _lines(journal)[-1]
    result = session.result()
    assert end["type"] == "end" and end["turn"] == 42 and end["t"] == 168.0
    assert (end["continuity"], end["cost"], end["mtpd_breaches"]) == (
        result["continuity"], result["cost"], result["mtpd_breaches"])
    Session.resume(journal).close()
    assert sum(line["type"] == "end" for line in _lines(journal)) == 1


def test_never_overwrites(scenario_path: Path, tmp_path: Path) -> None:
    """Starting an exercise on an existing journal is refused and leaves the file alone."""
    journal = tmp_path / "j.jsonl"
    journal.write_text("precious\n")
    with pytest.raises(OefeningError, match="already exists"):
        Session.start(scenario_path, load_scenario(scenario_path), journal_path=journal)
    assert journal.read_text() == "precious\n"


def test_a_full_disk_while_creating_leaves_no_journal(scenario_path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """When the header cannot be written (disk full), no journal is left behind, so the same
    path can be used again at once; nothing half-made stays in the folder."""
    import errno

    from oefening.journal import format as journal_format

    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:7])
        raise OSError(errno.ENOSPC, "No space left on device")

    folder = tmp_path / "journals"
    journal = folder / "j.jsonl"
    scenario = load_scenario(scenario_path)
    with monkeypatch.context() as patch:
        patch.setattr(journal_format, "_write_all", full)
        with pytest.raises(OefeningError, match="cannot create the journal: No space left on device"):
            Session.start(scenario_path, scenario, journal_path=journal)
    assert list(folder.iterdir()) == []
    Session.start(scenario_path, scenario, journal_path=journal).close()
    assert json.loads(journal.read_text().splitlines()[0])["type"] == "header"


def test_default_path(scenario_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a path: journals/<scenario>-<date>-<time>.jsonl in the current directory, never reused."""
    monkeypatch.chdir(tmp_path)
    scenario = load_scenario(scenario_path)
    first = Session.start(scenario_path, scenario)
    second = Session.start(scenario_path, scenario)
    for session in (first, second):
        session.close()
        assert session.journal_path.parent == Path("journals")
        assert session.journal_path.name.startswith("minimal-") and session.journal_path.suffix == ".jsonl"
    assert first.journal_path != second.journal_path


def test_decisions_by_turn(scenario_path: Path, tmp_path: Path) -> None:
    """The decisions in effect per turn, refused ones included, undone ones left out."""
    journal = tmp_path / "j.jsonl"
    session = _played(scenario_path, journal)
    session.decide(Deactivate(FALLBACK))      # at turn 9, then taken back with turn 9
    session.advance()
    session.undo()
    session.close()
    assert decisions_by_turn(journal) == (
        "minimal", 3, {0: [TakeAction("exit-plan")], 8: [TakeAction("exit-plan"), Activate(FALLBACK)]})


def test_torn_last_line_is_ignored_and_cut(scenario_path: Path, tmp_path: Path) -> None:
    """A last line without its newline is ignored with a notice, and cut away on resume before
    anything is appended, so the file stays valid JSON Lines; nothing before it is lost."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    whole = journal.read_bytes()
    journal.write_bytes(whole + b'{"t":36.0,"tu')
    assert read_journal(journal).torn is not None
    session = Session.resume(journal)
    assert session.exercise.turn == 9
    assert any("incomplete last line" in notice for notice in session.notices)
    assert journal.read_bytes() == whole
    session.advance()
    session.close()
    assert [line["turn"] for line in _lines(journal)[-2:]] == [9, 10]


def test_garbage_last_line_counts_as_torn(scenario_path: Path, tmp_path: Path) -> None:
    """Invalid JSON on the last line only (as after a power cut) is torn too."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    whole = journal.read_bytes()
    journal.write_bytes(whole + b"\x00\x00\x00\n")
    session = Session.resume(journal)
    assert session.notices and journal.read_bytes() == whole


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", ":5: malformed journal line, not JSON"),
        ('["a list"]', ":5: malformed journal line: expected a JSON object"),
        ('{"type":"teleport","turn":1,"t":4.0}', ":5: malformed journal line: unknown type 'teleport'"),
        ('{"type":"turn","turn":2}', ":5: malformed journal line: a turn line needs 't'"),
        ('{"type":"turn","turn":"2","t":8.0}', ":5: malformed journal line: 'turn' has a wrong value"),
        ('{"type":"turn","turn":2,"t":8.0,"x":1}', ":5: malformed journal line: unknown key 'x'"),
        ('{"type":"decision","turn":1,"t":4.0,"decision":{"fly":"x"},"refused":null}', ":5: .*not a decision"),
        ('{"type":"turn","turn":5,"t":20.0}', ":5: malformed journal: a turn line to turn 5, but .* at turn 1"),
        ('{"type":"undo","turn":3,"t":4.0}', ":5: malformed journal: an undo line at turn 3"),
        ('{"type":"undo","turn":0,"t":0.0}', ":5: malformed journal: an undo line at turn 0, but"),
        ('{"type":"header","format":1}', ":5: malformed journal line: unknown type 'header'"),
        ('{"type":"note","turn":0,"t":0.0,"text":"x"}', ":5: malformed journal: a note line at turn 0"),
    ],
)
def test_malformed_line_names_its_number(scenario_path: Path, tmp_path: Path, line: str, message: str) -> None:
    """A malformed line that is not the last is an error with the journal's name and line number."""
    journal = tmp_path / "j.jsonl"
    session = Session.start(scenario_path, load_scenario(scenario_path), journal_path=journal)
    session.note("one")
    session.advance()
    session.note("two")
    session.close()
    with journal.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.write('{"type":"note","turn":1,"t":4.0,"text":"after"}\n')
    error = _resume_fails(journal)
    assert error.startswith(str(journal))
    assert re.search(message, error), error


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"refused":"unavailable"', '"refused":null', ":2: the journal does not match the simulation: the decision is refused='unavailable'"),
        ('"t":4.0,"turn":1', '"t":5.0,"turn":1', ":4: the journal does not match the simulation: the turn ends at t=4"),
        ('"action":"exit-plan"},"refused":null', '"action":"nope"},"refused":null', "refused='unknown'"),
    ],
)
def test_tampered_line_does_not_match(scenario_path: Path, tmp_path: Path, old: str, new: str, message: str) -> None:
    """A line edited so that it no longer fits the simulation is refused with its number."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    text = journal.read_text(encoding="utf-8")
    assert old in text
    journal.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert message in _resume_fails(journal)


def test_unknown_format(scenario_path: Path, tmp_path: Path) -> None:
    """A journal of another format version is refused, naming the version."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    journal.write_text(journal.read_text().replace('"format":1', '"format":2', 1))
    assert "unknown journal format 2; this oefening reads format 1" in _resume_fails(journal)
    journal.write_text('{"hello":"world"}\n')
    assert "not an oefening journal" in _resume_fails(journal)
    journal.write_text("")
    assert "the journal is empty" in _resume_fails(journal)
    journal.write_text('{"format":1,"type":"hea')
    assert "the journal has only an incomplete first line" in _resume_fails(journal)


def test_changed_scenario_is_refused(scenario_path: Path, tmp_path: Path) -> None:
    """When the scenario file changed since, resume and replay refuse (exit 2) with a clear
    message, and nothing is overwritten."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal).close()
    scenario_path.write_text(scenario_path.read_text().replace("capacity: 60", "capacity: 61"))
    before = journal.read_bytes()
    assert "the scenario file changed since the journal was written" in _resume_fails(journal)
    outcome = run_cli("replay", str(journal), "--json")
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith(f"{journal}: the scenario file changed since the journal was written: ")
    assert outcome.err.count("\n") == 1 and "Traceback" not in outcome.err
    report = tmp_path / "r.html"
    assert run_cli("report", str(journal), "-o", str(report)).code == 2 and not report.exists()
    assert journal.read_bytes() == before


def test_missing_scenario(scenario_path: Path, tmp_path: Path) -> None:
    """A journal whose scenario file is gone says so; a copy next to the journal is found."""
    journal = tmp_path / "sub" / "j.jsonl"
    _played(scenario_path, journal).close()
    moved = tmp_path / "elsewhere.yaml"
    scenario_path.rename(moved)
    assert "the scenario file of this journal is missing" in _resume_fails(journal)
    shutil.copy(moved, journal.parent / "minimal.yaml")
    assert Session.read(journal).exercise.turn == 9


def test_one_writer_at_a_time(scenario_path: Path, tmp_path: Path) -> None:
    """A journal in use by one session cannot be resumed by another at the same time."""
    journal = tmp_path / "j.jsonl"
    session = _played(scenario_path, journal)
    with pytest.raises(OefeningError, match="in use"):
        Session.resume(journal)
    session.close()
    Session.resume(journal).close()


def test_a_5000_digit_integer_in_a_journal_is_called_what_it_is(tmp_path: Path) -> None:
    """Python refuses to read integers of more than 4,300 digits; the line says so (it was
    called "not UTF-8")."""
    journal = tmp_path / "j.jsonl"
    assert run_cli("run", str(DATA / "minimal.yaml"), "--journal", str(journal)).code == 0
    lines = journal.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"turn":1', '"turn":' + "9" * 5000)
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_cli("replay", str(journal))
    assert outcome.code == 2
    assert outcome.err == f"{journal}:2: malformed journal line, not JSON: a number with too many digits\n"


def test_a_changed_seed_is_refused(scenario_path: Path, tmp_path: Path) -> None:
    """A finished journal whose header seed was edited replays to another result than its end
    line: refused (exit 2) when this oefening wrote it, since the engine is deterministic; only
    a notice for a journal of another version, whose engine may legitimately differ. (Its turn
    lines' state fingerprints are taken out here, as in a journal of a version before them, so
    that the end line is what catches the edit.)"""
    journal = tmp_path / "j.jsonl"
    assert run_cli("run", str(scenario_path), "--seed", "3", "--journal", str(journal)).code == 0
    text = journal.read_text(encoding="utf-8")
    assert '"seed":3' in text
    text = re.sub(r'"state":"[0-9a-f]{12}",', "", text)
    journal.write_text(text.replace('"seed":3', '"seed":4', 1), encoding="utf-8")
    outcome = run_cli("replay", str(journal), "--json")
    assert outcome.code == 2 and outcome.out == ""
    assert "the journal does not match the simulation: the live exercise ended with continuity" in outcome.err
    assert "(was the journal edited?)" in outcome.err and len(outcome.err.splitlines()) == 1
    older = journal.read_text(encoding="utf-8").replace('"oefening":"', '"oefening":"0.0.1-', 1)
    journal.write_text(older, encoding="utf-8")
    outcome = run_cli("replay", str(journal), "--json")
    assert outcome.code == 0
    assert "the live exercise ended with continuity" in outcome.err and "written by oefening 0.0.1-" in outcome.err


@pytest.mark.parametrize(("old", "new"), [
    ('"seed":3', '"seed":4'),
    ('"plan":"team"', '"plan":null'),
    ('"lang":"nl"', '"lang":"en"'),
])
def test_an_edited_header_of_an_unfinished_journal_is_refused(scenario_path: Path, tmp_path: Path,
                                                                old: str, new: str) -> None:
    """An unfinished journal has no end line to compare with, but each turn line carries the
    fingerprint of the world the turn starts from: a header edited by hand (its seed above
    all) is refused at the first turn line, with its number, by resume, replay, report and the
    players' view (exit 2, one line), and the file is left as it was."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal, turns=3).close()
    text = journal.read_text(encoding="utf-8")
    assert old in text.splitlines()[0]
    journal.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = journal.read_bytes()
    error = _resume_fails(journal)
    assert error.startswith(f"{journal}:4: the journal does not match the simulation: the world at turn 0 has state ")
    assert "the header (its seed) or an earlier line was changed (was the journal edited?)" in error
    for command in (["replay", str(journal), "--json"], ["report", str(journal), "-o", str(tmp_path / "r.md")],
                    ["show", str(journal)]):
        outcome = run_cli(*command)
        assert outcome.code == 2 and outcome.out == "", command
        assert outcome.err == error + "\n", command
    assert journal.read_bytes() == before and not (tmp_path / "r.md").exists()


def test_a_changed_world_is_caught_at_the_next_turn_line(scenario_path: Path, tmp_path: Path) -> None:
    """A decision line swapped for another that still fits its moment changes the world; the
    fingerprint on the next turn line catches it, naming that line."""
    journal = tmp_path / "j.jsonl"
    session = Session.start(scenario_path, load_scenario(scenario_path), seed=3, journal_path=journal)
    session.advance()
    session.decide(Activate(FALLBACK))
    session.advance()
    session.advance()
    session.close()
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert '"activate"' in lines[2] and '"type":"turn"' in lines[3]
    lines[2] = lines[2].replace('"activate"', '"deactivate"').replace('"refused":null', '"refused":"inactive"')
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"{journal}:4: the journal does not match the simulation: the world at turn 1 has state" in _resume_fails(journal)


def test_a_journal_without_fingerprints_reads_with_a_notice(scenario_path: Path, tmp_path: Path) -> None:
    """A journal written before turn lines carried a fingerprint still resumes and replays; an
    unfinished one says that an edit of its header cannot be detected."""
    journal = tmp_path / "j.jsonl"
    _played(scenario_path, journal, turns=3).close()
    text = journal.read_text(encoding="utf-8")
    older = re.sub(r'"state":"[0-9a-f]{12}",', "", text).replace('"oefening":"', '"oefening":"0.0.1-', 1)
    assert '"state"' not in older
    journal.write_text(older.replace('"seed":3', '"seed":4', 1), encoding="utf-8")
    session = Session.resume(journal)
    assert session.exercise.turn == 4 and session.seed == 4
    assert any(notice.startswith(f"{journal}:4: a turn line without a state fingerprint (written by oefening 0.0.1-")
               for notice in session.notices), session.notices
    session.advance()    # and it goes on, now with fingerprints
    session.close()
    assert '"state"' in journal.read_text(encoding="utf-8").splitlines()[-1]
    outcome = run_cli("replay", str(journal))   # unfinished: replay says so, after the notice
    assert outcome.code == 2 and "cannot be detected" in outcome.err and "the exercise has not finished" in outcome.err
