"""The console's layout on a projector (120×40) and a small terminal (80×24), checked on
the rendered screen: every decision's name in full, long Dutch words never cut in two,
what is under way named by organisation and grouped."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.frame import Frame
from oefening.ui.widgets.decisions import DecisionTable, option_title
from oefening.ui.widgets.pending import pending_text
from oefening.words.describe import Names
from tests.paths import ROOT
from tests.ui.test_ui import DEFAULT, pilot_test

MONOCULTURE = ROOT / "scenarios" / "digitale-monocultuur.yaml"


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """What the terminal shows now, one string per line (each cell's character)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def after_bankruptcy(tmp_path: Path, lang: str) -> Session:
    """The default scenario just after the supplier failed, one fallback active."""
    session = Session.start(DEFAULT, load_scenario(DEFAULT), seed=7, lang=lang, journal_path=tmp_path / "j.jsonl")
    session.decide(TakeAction("extra-capaciteit-uitkeringen"))
    while not any(s.status == "failed" for s in session.exercise.snapshot().suppliers):
        session.advance()
    session.advance()
    session.decide(Activate("uitkeringsinstituut/uitkeringen-betalen/handmatig"))
    return session


def shown_title(app, table: DecisionTable, row: int) -> str:  # type: ignore[no-untyped-def]
    """The decision name as the screen shows it in ``row``: the title column's cells on each
    of the row's lines, joined."""
    lines = screen_lines(app)
    rows = table.ordered_rows
    top = sum(r.height for r in rows[:row]) - round(table.scroll_y)
    region = table.content_region
    columns = list(table.columns.values())
    x = region.x + columns[0].get_render_width(table) + table.cell_padding
    width = columns[1].width
    y = region.y + table.header_height + top
    assert region.y + table.header_height <= y and y + rows[row].height <= region.bottom, "row out of sight"
    return " ".join(lines[y + i][x:x + width].strip() for i in range(rows[row].height)).strip()


@pytest.mark.parametrize("lang", ["en", "nl"])
@pilot_test
async def test_every_decision_name_is_shown_whole_at_120_by_40(tmp_path: Path, lang: str) -> None:
    """Walking down the decisions, each row shows its whole name (wrapped at spaces, never cut
    with an ellipsis), fallbacks with their organisation, and no two rows read the same."""
    session = after_bankruptcy(tmp_path, lang)
    app = make_app(session, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DecisionTable)
        frame = table.frame
        assert frame is not None
        order = table.current_order()
        assert len(order) >= 8
        seen: list[str] = []
        for row, key in enumerate(order):
            if row:
                await pilot.press("down")
                await pilot.pause()
            shown = shown_title(app, table, row)
            assert shown == option_title(frame.options[key], frame)
            assert "…" not in shown
            seen.append(shown)
        assert len(set(seen)) == len(seen)
        names = Names(session.scenario, lang)
        fallback_rows = [s for s, k in zip(seen, order, strict=True) if k.startswith("fallback:")]
        assert fallback_rows and all(any(org in s for org in names.organisations.values()) for s in fallback_rows)
    session.close()


@pilot_test
async def test_long_dutch_words_are_never_cut_in_two(tmp_path: Path) -> None:
    """``Detentieadministratie`` and ``Zorgadministratiekantoor`` stand whole on the turn
    screen and on the end screen's table (the name column is as wide as the longest word)."""
    session = Session.start(MONOCULTURE, load_scenario(MONOCULTURE), seed=3, lang="nl",
                            journal_path=tmp_path / "m.jsonl")
    for _ in range(3):
        session.advance()
    app = make_app(session, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Detentieadministratie" in text
        assert "Detentieadministrati\n" not in text
        while not session.exercise.finished:
            session.advance()
        app.show_end()
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Detentieadministratie" in text
    session.close()
    session = after_bankruptcy(tmp_path, "nl")
    app = make_app(session, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Zorgadministratiekantoor" in "\n".join(screen_lines(app))
    session.close()


def test_under_way_is_grouped_and_names_the_organisation(tmp_path: Path) -> None:
    """Fourteen decisions at once: one heading per moment and facility, every fallback with
    its organisation, so the same fallback of two organisations is told apart."""
    session = Session.start(MONOCULTURE, load_scenario(MONOCULTURE), seed=3, lang="en",
                            journal_path=tmp_path / "m.jsonl")
    for _ in range(3):
        session.advance()
    for option in session.exercise.options():
        if option.available:
            session.decide(option.decision)
    pending = session.exercise.snapshot().pending
    assert len(pending) >= 10
    names = Names(session.scenario, "en")
    text = pending_text(Frame.read(session, "en", names), width=36).plain
    lines = text.splitlines()
    assert all(len(line) <= 36 for line in lines if line.startswith("  "))   # items wrap, indented
    headings = [line for line in lines if line.startswith("◷")]
    assert len(headings) < len(pending)                 # grouped
    # each item of a heading, its wrapped lines joined: a fallback alone of its name reads
    # "name (organisation)", fallbacks of one name "name (n): organisation, organisation, …"
    items: list[str] = []
    for line in lines:
        if line.startswith("  · "):
            items.append(line[4:].strip())
        elif line.startswith("    ") and items:
            items[-1] += " " + line.strip()
    for item in (p for p in pending if p.kind != "action"):
        org = names.organisations[item.id.split("/")[0]]
        name = names.fallbacks[item.id]
        assert any(shown == f"{name} ({org})" or (shown.startswith(f"{name} (") and "): " in shown
                                                  and org in shown.split("): ", 1)[1].split(", "))
                   for shown in items), (name, org)
    session.close()
