"""``oefening report``: the after-action report from a journal, as self-contained HTML or as
Markdown, in the journal's language, with scores, processes and the course per turn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import MINIMAL as MINIMAL_PATH
from tests.run_cli import run_cli

MINIMAL = MINIMAL_PATH
FALLBACK = "uitvoering/uitkeringen/handmatig"


def _journal(tmp_path: Path, lang: str, finish: bool = True) -> Path:
    session = Session.start(MINIMAL, load_scenario(MINIMAL), seed=2, lang=lang, journal_path=tmp_path / "j.jsonl")
    session.decide(TakeAction("exit-plan"))                 # refused: not available yet
    session.note("Team aarzelt <b>nog</b>", author="Waarnemer")
    for _ in range(6):
        session.advance()
    session.decide(TakeAction("exit-plan"))
    session.inject("Kamervragen | urgent", "De minister wil *vandaag* antwoord.")
    session.advance()
    session.advance()
    session.undo()
    session.decide(Activate(FALLBACK))
    if finish:
        session.play(None)
    session.close()
    return session.journal_path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_is_self_contained_and_complete(tmp_path: Path, lang: str) -> None:
    """One HTML file: inline CSS, no scripts, nothing fetched; every part of the report, in
    the journal's language, with the texts escaped."""
    journal = _journal(tmp_path, lang)
    out = tmp_path / "report.html"
    outcome = run_cli("report", str(journal), "-o", str(out))
    assert outcome.code == 0, outcome.err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html and "<style>" in html
    # nothing fetched: the charts' SVG refers only to its own parts (href="#…", url(#…))
    assert not re.search(r"<script|<link|<img|\bsrc=|\bhref=\"(?!#)|url\((?!#)|@import", html)
    title = {"nl": "Minimaal scenario", "en": "Minimal scenario"}[lang]
    words = {"nl": ("Evaluatierapport", "Continuïteit", "Geweigerd", "Beurt 6 ", "teruggedraaid"),
             "en": ("After-action report", "Continuity", "Refused", "Turn 6 ", "taken back")}[lang]
    for text in (title, *words, "uitvoering/uitkeringen", "Leverancier in zwaar weer",
                 "Kamervragen | urgent", "Team aarzelt &lt;b&gt;nog&lt;/b&gt;", "Waarnemer", "<svg"):
        assert text in html, text
    assert "<b>nog</b>" not in html


def test_markdown(tmp_path: Path) -> None:
    """Plain Markdown with the scores, a process table and the course per turn."""
    journal = _journal(tmp_path, "en")
    out = tmp_path / "report.md"
    assert run_cli("report", str(journal), "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Minimal scenario\n")
    for part in ("## Scores", "**Continuity**", "**MTPD breaches**", "| Process |",
                 "| Uitkeringen betalen (uitvoering/uitkeringen) | vital |", "### Turn 1 ",
                 "Refused: Activate exit plan (not available then)", "Decision: Activate exit plan",
                 "Facilitator inject: Kamervragen \\| urgent", "> De minister wil \\*vandaag\\* antwoord.",
                 "Observer's note (Waarnemer)", "Turn 8 was taken back", "Fallback activated: Handmatige"):
        assert part in text, part
    assert "<" not in text.replace("\\<", "")


def test_unfinished_exercise_reports_so_far(tmp_path: Path) -> None:
    """A journal that stops before the horizon still gives a report, marked as so far."""
    journal = _journal(tmp_path, "en", finish=False)
    out = tmp_path / "report.md"
    assert run_cli("report", str(journal), "-o", str(out)).code == 0
    text = out.read_text()
    assert "stopped at turn 8 of 42" in text  # as on screen: the first meeting is turn 1 and "Continuity (so far)" in text


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.txt"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    """Only .html and .md: anything else is exit 2 with one clear line, and no file."""
    journal = _journal(tmp_path, "en")
    out = tmp_path / name
    outcome = run_cli("report", str(journal), "-o", str(out))
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "unknown report format" in outcome.err and "use .html, .md or .docx" in outcome.err
    assert not out.exists()


def test_report_needs_an_output(tmp_path: Path) -> None:
    """report without -o is a usage error naming -o, exit 2."""
    outcome = run_cli("report", str(_journal(tmp_path, "en")))
    assert outcome.code == 2 and "-o" in outcome.err


def test_report_refuses_to_overwrite_its_own_journal_and_names_the_users_path(tmp_path, capsys):
    """The journal survives `report J -o J`; a missing folder is named as the user wrote it;
    the report is readable by others (not a private temp file)."""
    import os
    import shutil

    from oefening.cli import main

    journal = tmp_path / "j.jsonl"
    assert main(["run", "tests/data/minimal.yaml", "--journal", str(journal)]) == 0
    disguised = tmp_path / "j.md"
    shutil.copy(journal, disguised)
    before = disguised.read_bytes()
    capsys.readouterr()
    assert main(["report", str(disguised), "-o", str(disguised)]) == 2
    assert "overwrite" in capsys.readouterr().err
    assert disguised.read_bytes() == before
    assert main(["report", str(journal), "-o", str(tmp_path / "nodir" / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "nodir" in err and ".tmp" not in err and err.count("\n") == 1
    out = tmp_path / "r.html"
    old = os.umask(0o022)
    try:
        assert main(["report", str(journal), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_deep_or_unencodable_journal_lines_are_refused_not_crashed(tmp_path, capsys):
    """Deep or unencodable journal lines are refused not crashed."""
    from oefening.cli import main

    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    assert main(["replay", str(deep)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    journal = tmp_path / "j.jsonl"
    assert main(["run", "tests/data/minimal.yaml", "--journal", str(journal)]) == 0
    lines = journal.read_text().splitlines(keepends=True)
    lines.insert(1, '{"type":"inject","turn":0,"t":0.0,"title":"\\ud800","text":""}\n')
    journal.write_text("".join(lines))
    capsys.readouterr()
    assert main(["report", str(journal), "-o", str(tmp_path / "r.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ":2:" in err


def test_report_never_overwrites_the_journals_scenario_file(tmp_path, capsys):
    """`report s.jsonl -o s.md` with the scenario saved as s.md: refused, the scenario kept."""
    import shutil

    from oefening.cli import main

    scenario = tmp_path / "s.md"
    shutil.copy(MINIMAL, scenario)
    journal = tmp_path / "s.jsonl"
    assert main(["run", str(scenario), "--journal", str(journal)]) == 0
    before = scenario.read_bytes()
    capsys.readouterr()
    assert main(["report", str(journal), "-o", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "scenario file" in err and err.count("\n") == 1
    assert scenario.read_bytes() == before


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_keeps_no_terminal_escapes(tmp_path: Path, suffix: str) -> None:
    """A note, an inject and a title with ESC/BEL: the report shows ␛ and ␇ (a Markdown
    report that is `cat`-ed must not drive the terminal)."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "title: {nl: Minimaal scenario, en: Minimal scenario}", r'title: "T\e]0;pwned\a"')
    path = tmp_path / "esc.yaml"
    path.write_text(text, encoding="utf-8")
    session = Session.start(path, load_scenario(path), seed=2, lang="en", journal_path=tmp_path / "j.jsonl")
    session.note("clear\x1b[2J", author="w\x07")
    session.inject("head\x1b[31m", "body\x9b")
    session.play(None)
    session.close()
    out = tmp_path / f"r{suffix}"
    assert run_cli("report", str(session.journal_path), "-o", str(out)).code == 0
    report = out.read_text(encoding="utf-8")
    assert not any(ch in report for ch in "\x1b\x07\x9b")
    unescaped = report.replace("\\", "")   # Markdown escapes the brackets
    assert "␛]0;pwned␇" in unescaped and "␛[2J" in unescaped and "␛[31m" in unescaped
