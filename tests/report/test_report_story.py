"""The report tells each storyline message as what happened then: with the moment it speaks of
("Mon 3 Mar 12:00 — For the coming hours …"), and, where the facilitator stood between story
and team, when the players read it and in which words, or that they never did.

The world of tests/data/held.yaml (see tests/ui/test_release_recheck.py): the outage's message
"for the coming hours the case system runs at half strength" fires at 4 h (Mon 12:00), the
backlog report at 8 h (Mon 16:00, 80 waiting). Hosting is back at 16 h; at 16 h 240 wait.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx

from oefening.journal.session import Session
from oefening.report import render, worddoc
from oefening.report.aar import build_aar
from oefening.scenario.load import load_scenario
from tests.paths import DATA, ROOT

HELD = DATA / "held.yaml"


def _directed(tmp_path: Path, lang: str, *, drop: bool = False) -> Session:
    """Both messages held at 8 h; the backlog report released at 16 h (or dropped), the outage's
    at 28 h, after hosting came back; then on to the horizon."""
    session = Session.start(HELD, load_scenario(HELD), seed=1, lang=lang, journal_path=tmp_path / "j.jsonl")
    session.advance()
    session.advance()
    assert session.hold("outage") and session.hold("backlog-report")
    session.advance()
    session.advance()                                   # 16 h
    assert (session.drop if drop else session.release)("backlog-report")
    for _ in range(3):
        session.advance()                               # 28 h
    assert session.release("outage")
    while not session.exercise.finished:
        session.advance()
    session.close()
    return Session.read(session.journal_path)


def _course(session: Session, lang: str) -> str:
    markdown = render.markdown(build_aar(session, lang, worlds=0, with_charts=False), session.scenario.start)
    return markdown[markdown.index("## "):].split("\n## ")[-1]


def test_a_message_is_told_with_its_moment_and_when_the_players_read_it(tmp_path: Path) -> None:
    session = _directed(tmp_path, "en")
    course = _course(session, "en")
    lines = [line for line in course.splitlines() if line.strip()]
    # what happened then, in the words it fired with, with the moment they speak of
    assert "- `Mon 3 Mar 12:00` Event: Hosting slow" in lines
    assert "  > Mon 3 Mar 12:00 — For the coming hours the case system runs at half strength." in lines
    assert "  > Mon 3 Mar 16:00 — 80 claims are waiting." in lines
    # the backlog report reached the players two meetings later, in the words and figures of then
    assert ("- `Tue 4 Mar 00:00` Shown to the players: Backlog above 200 (8h after it came in at Mon 3 Mar 16:00; "
            "in the words and figures of that moment)") in lines
    assert "  > Tue 4 Mar 00:00 — 240 claims are waiting." in lines
    # the outage's message was released after hosting came back: said so, and not retold as now
    assert ("- `Tue 4 Mar 12:00` Shown to the players: Hosting slow (24h after it came in at Mon 3 Mar 12:00; "
            "although it no longer held then)") in lines
    assert sum("For the coming hours" in line for line in lines) == 1
    # in the order of the course: the release stands in the turn it was given at
    assert lines.index("### Turn 5 · Tue 4 Mar 2025 00:00 – Tue 4 Mar 04:00") < lines.index(
        "  > Tue 4 Mar 00:00 — 240 claims are waiting.")


def test_the_html_and_the_word_document_tell_the_same(tmp_path: Path) -> None:
    session = _directed(tmp_path, "nl")
    aar = build_aar(session, "nl", worlds=0, with_charts=False)
    html = render.html(aar, session.scenario.start)
    assert ("<time>ma 3 mrt 12:00</time> Gebeurtenis: Hosting traag<div class=\"detail\">ma 3 mrt 12:00 — "
            "De komende uren draait het zaaksysteem op halve kracht.</div>") in html
    assert "Aan de spelers getoond: Hosting traag (24u nadat het binnenkwam, ma 3 mrt 12:00; " \
           "hoewel het toen niet meer klopte)" in html
    document = docx.Document(io.BytesIO(worddoc.docx_bytes(aar, session.scenario.start)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "di 4 mrt 00:00 — 240 aanvragen wachten." in paragraphs
    assert any(p.endswith("Aan de spelers getoond: Achterstand boven de 200 (8u nadat het binnenkwam, "
                          "ma 3 mrt 16:00; in de woorden en cijfers van dat moment)") for p in paragraphs)


def test_a_dropped_message_is_marked_as_never_seen(tmp_path: Path) -> None:
    course = _course(_directed(tmp_path, "en", drop=True), "en")
    assert "- `Mon 3 Mar 16:00` Event: Backlog grows (dropped by the facilitator: the players never saw it)" in course
    assert "Backlog above 200" not in course


def test_without_a_facilitator_nothing_is_said_about_releases(tmp_path: Path) -> None:
    """`oefening run --journal`: nobody directed the story; every message is told as it fired."""
    path = ROOT / "scenarios" / "ransomware-leverancier.yaml"
    session = Session.start(path, load_scenario(path), seed=3, lang="en", journal_path=tmp_path / "r.jsonl")
    for _ in range(4):
        session.advance()
    course = _course(session, "en")
    assert "- `Sat 15 Nov 00:00` Event: GemeenteSoft hit by ransomware, all systems off" in course
    assert "  > Sat 15 Nov 00:00 — The GemeenteSoft service desk calls: servers have been encrypted." in course
    assert "shown to the players" not in course.lower() and "never" not in course


def test_the_end_screen_timeline_marks_what_the_players_never_saw(tmp_path: Path) -> None:
    """The facilitator's end screen tells the same course as the report: the dropped backlog
    report says the players never saw it, the outage's message (released late) says nothing."""
    from oefening.ui.screens.end import timeline
    from oefening.words.describe import Names

    for drop, lang, mark in ((True, "en", "dropped by the facilitator: the players never saw it"),
                             (True, "nl", "geschrapt door de spelleiding: de spelers hebben het niet gezien")):
        session = _directed(tmp_path / lang, lang, drop=drop)
        lines = timeline(session, Names(session.scenario, lang)).plain.splitlines()
        marked = [i for i, line in enumerate(lines) if mark in line]
        assert len(marked) == 1, lines
        assert lines[marked[0] + 1] in ("Backlog grows", "Achterstand loopt op"), lines[marked[0]:marked[0] + 2]
    released = _directed(tmp_path / "released", "en")
    assert "never saw it" not in timeline(released, Names(released.scenario, "en")).plain
