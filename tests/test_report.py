"""``oefening report``: the after-action report from a journal, as self-contained HTML or as
Markdown, in the journal's language, with scores, processes and the course per turn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from run_cli import run_cli

from oefening.engine.decisions import Activate, TakeAction
from oefening.scenario.load import load_scenario
from oefening.session import Session

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
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
    assert not re.search(r"<script|<link|<img|\bsrc=|\bhref=|url\(|@import", html)
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
                 "| Uitkeringen betalen (uitvoering/uitkeringen) | vital |", "### Turn 0 ",
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
    assert "stopped at turn 7 of 42" in text and "Continuity (so far)" in text


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.txt"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    """Only .html and .md: anything else is exit 2 with one clear line, and no file."""
    journal = _journal(tmp_path, "en")
    out = tmp_path / name
    outcome = run_cli("report", str(journal), "-o", str(out))
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "unknown report format" in outcome.err and "use .html or .md" in outcome.err
    assert not out.exists()


def test_report_needs_an_output(tmp_path: Path) -> None:
    outcome = run_cli("report", str(_journal(tmp_path, "en")))
    assert outcome.code == 2 and "-o" in outcome.err
