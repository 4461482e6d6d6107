"""Textual's private attributes are touched in one module only (oefening/ui/internals.py),
written for one Textual version; the panels show the frame, never the live engine."""

from __future__ import annotations

import asyncio
import dataclasses
import re

import textual
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from oefening.ui import internals
from oefening.ui.frame import Frame
from tests.paths import ROOT

UI = ROOT / "oefening" / "ui"
PRIVATE = re.compile(r"\._(data|update_count|merged_bindings|bindings)\b")


def test_textual_is_the_version_the_internals_were_written_for() -> None:
    """Upgrading Textual past 8.2 fails here first: check internals.py against it, then bump."""
    assert ".".join(textual.__version__.split(".")[:2]) == internals.WRITTEN_FOR


def test_only_the_internals_module_touches_textual_private_attributes() -> None:
    """Only the internals module touches textual private attributes."""
    for path in UI.rglob("*.py"):
        if path.name == "internals.py":
            continue
        assert not PRIVATE.search(path.read_text()), path


def test_the_private_attributes_are_where_the_internals_expect_them() -> None:
    """A DataTable keeps its rows in a dict by RowKey and counts updates; a widget class has
    merged bindings: if Textual moves them, this fails instead of the table going stale."""

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    async def check() -> None:
        async with Tiny().run_test() as pilot:
            table = pilot.app.query_one(DataTable)
            table.add_column("a", key="a")
            table.add_row("x", key="r")
            count = table._update_count
            assert internals.set_row(table, "r", [("a", "y")]) is True
            assert table.get_cell("r", "a") == "y"
            assert internals.set_row(table, "missing", [("a", "z")]) is False
            internals.refresh_rows(table)
            assert table._update_count == count + 1
            bindings = internals.class_bindings(table)
            assert bindings is not type(table)._merged_bindings and "enter" in bindings.key_to_bindings
            internals.bind(table, "f9", "noop")
            assert "f9" in table._bindings.key_to_bindings

    asyncio.run(check())


def test_a_frame_carries_no_live_engine() -> None:
    """The panels read the snapshot, the options, the record and the scenario."""
    names = {f.name for f in dataclasses.fields(Frame)}
    assert "exercise" not in names and "world" not in names
    for path in (UI / "widgets").rglob("*.py"):
        text = path.read_text()
        assert "frame.exercise" not in text and ".world." not in text, path
