"""The after-action report and improvement plan: the hot wash in it, in the exercise's language
or another, as HTML that Chromium prints on A4, as Markdown, and as a Word file whose
improvement-plan table python-docx reads back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import ROOT
from tests.run_cli import run_cli

SCENARIO = ROOT / "scenarios" / "kennismaking.yaml"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _exercise(tmp_path: Path, lang: str = "nl") -> Path:
    """kennismaking played by a team of two: the emergency number when the portal fails, then
    a hot wash with a rating, findings linked to decision 1, and two corrective actions."""
    session = Session.start(SCENARIO, load_scenario(SCENARIO), seed=0, lang=lang,
                            journal_path=tmp_path / "team.jsonl")
    session.participant("Anna de Vries", "voorzitter", "Gemeente Oefenstad")
    session.participant("Bram Jansen", "informatiemanager", "Gemeente Oefenstad")
    while "storing" not in session.exercise.world.fired:
        session.advance()
    session.decide(Activate("oefenstad/klantcontact/noodnummer"))
    session.advance()
    session.decide(TakeAction("websitebericht"))
    session.play(None)
    session.finding(0, rating="S", strengths="Noodnummer binnen een beurt", improvements="Geen <b>draaiboek</b>",
                    evidence=[1])
    session.finding(1, rating="M", improvements="MTPD niet bewaakt")
    session.corrective(0, "Draaiboek noodnummer schrijven", "Anna de Vries", "Gemeente Oefenstad", "2026-03-01")
    session.corrective(1, "MTPD in het crisisoverleg volgen", "Bram Jansen", "Gemeente Oefenstad", "2026-04-15")
    session.close()
    return session.journal_path


def test_the_hot_wash_and_the_evidence_are_in_the_report(tmp_path):
    """The hot wash and the evidence are in the report."""
    journal = _exercise(tmp_path)
    out = tmp_path / "verslag.html"
    outcome = run_cli("report", str(journal), "-o", str(out), "--worlds", "20")
    assert outcome.code == 0, outcome.err
    assert outcome.out == f"{out}: het evaluatierapport van {journal}\n"  # says where it went
    html = out.read_text(encoding="utf-8")
    for text in ("Evaluatierapport en verbeterplan", "Deelnemers en rollen", "Anna de Vries", "informatiemanager",
                 "uitgevoerd met enkele problemen (S)", "uitgevoerd met grote problemen (M)",
                 "Noodnummer binnen een beurt", "Geen &lt;b&gt;draaiboek&lt;/b&gt;", "Verbeterplan",
                 "Draaiboek noodnummer schrijven", "2026-04-15", "Besluiten die het meest uitmaakten",
                 "Dezelfde wereld, andere koersen", "niemand handelt", "Noodnummer bij de eerste beurt",
                 "Goed of geluk?", "20 werelden", "Processen in de tijd", "toevalstrekkingen (seed 0)"):
        assert text in html, text
    assert "<b>draaiboek" not in html
    # the first goal's evidence is decision 1, with its turn as on screen and what it was worth
    goal = html[html.index("1. "):html.index("Verbeterplan")]
    assert re.search(r"1\. Terugvaloptie aangezet: [^<]*— beurt \d+, ", goal)
    assert html.count("<svg") >= 3   # process charts and good-or-lucky, drawn by matplotlib
    assert not re.search(r"<script|<link|<img|\bsrc=|\bhref=\"(?!#)|url\((?!#)|@import", html)


def test_another_language_and_markdown(tmp_path):
    """The report in the other language, and as Markdown, has the same parts."""
    journal = _exercise(tmp_path, lang="nl")
    out = tmp_path / "report.md"
    assert run_cli("report", str(journal), "-o", str(out), "--lang", "en", "--worlds", "0").code == 0
    text = out.read_text(encoding="utf-8")
    for part in ("*After-action report and improvement plan*", "## Improvement plan",
                 "| Learning goal | Area for improvement | Corrective action | Owner | Organisation | Due |",
                 "Draaiboek noodnummer schrijven | Anna de Vries | Gemeente Oefenstad | 2026-03-01 |",
                 "performed with some challenges (S)", "### Turn 1 ", "## Decisions that mattered most"):
        assert part in text, part
    assert "Good or lucky" not in text   # --worlds 0 leaves it out
    assert "Evaluatierapport" not in text


def test_the_word_file_has_the_improvement_plan_table(tmp_path):
    """The word file has the improvement plan table."""
    from docx import Document

    journal = _exercise(tmp_path)
    out = tmp_path / "verslag.docx"
    assert run_cli("report", str(journal), "-o", str(out), "--worlds", "10").code == 0
    doc = Document(str(out))
    plans = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["Leerdoel", "Verbeterpunt",
                                                                              "Verbeteractie"]]
    assert len(plans) == 1
    rows = [[c.text for c in row.cells] for row in plans[0].rows[1:]]
    assert [r[2:] for r in rows] == [
        ["Draaiboek noodnummer schrijven", "Anna de Vries", "Gemeente Oefenstad", "2026-03-01"],
        ["MTPD in het crisisoverleg volgen", "Bram Jansen", "Gemeente Oefenstad", "2026-04-15"]]
    assert rows[1][1] == "MTPD niet bewaakt"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Verbeterplan" in headings and "Deelnemers en rollen" in headings
    assert len(doc.inline_shapes) >= 2                      # the charts, as pictures
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine to print the report with")
def test_chromium_prints_the_report_on_a4(tmp_path):
    """Chromium prints the report on a4."""
    journal = _exercise(tmp_path)
    html = tmp_path / "verslag.html"
    assert run_cli("report", str(journal), "-o", str(html), "--worlds", "20").code == 0
    pdf = tmp_path / "verslag.pdf"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4
    assert len(boxes) >= 3   # several pages: the report is long
