"""The only module that touches Textual's private attributes, so an upgrade of Textual has
one place to check (``tests/ui/test_ui_internals.py`` pins the version it was written for
and fails when these attributes move).

- :func:`set_row` writes a row's cells into ``DataTable._data`` without the whole-table
  refresh that ``DataTable.update_cell`` does per cell; :func:`refresh_rows` then refreshes
  once (bumping ``_update_count``, which makes the table re-render its rows).
- :func:`class_bindings` / :func:`set_bindings` read a widget class's merged bindings and
  give one node its own (``_merged_bindings``, ``_bindings``), so a screen's footer can be
  worded in the exercise's language; :func:`bind` adds one binding to a node.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

WRITTEN_FOR = "8.2"   # Textual major.minor these attributes were checked against


def set_row(table: DataTable[Any], key: str, cells: Iterable[tuple[str, object]]) -> bool:
    """Set the cells ``(column, value)`` of row ``key`` in place; False when the table has no
    such row (or Textual keeps its rows elsewhere): then use ``update_cell``."""
    data = getattr(table, "_data", None)
    row = data.get(RowKey(key)) if isinstance(data, dict) else None
    if row is None:
        return False
    for column, cell in cells:
        row[ColumnKey(column)] = cell
    return True


def refresh_rows(table: DataTable[Any]) -> None:
    """Show the cells set by :func:`set_row`: one refresh for the whole batch."""
    table._update_count += 1
    table.refresh()


def class_bindings(node: DOMNode) -> BindingsMap:
    """A copy of the bindings ``node``'s class declares (with its bases')."""
    base = type(node)._merged_bindings
    return base.copy() if base is not None else BindingsMap()


def set_bindings(node: DOMNode, bindings: BindingsMap) -> None:
    """Give ``node`` these bindings (Textual keeps each node's bindings in ``_bindings``)."""
    node._bindings = bindings
    if node.is_attached:
        node.refresh_bindings()


def bind(node: DOMNode, key: str, action: str) -> None:
    """One more, hidden, binding on ``node`` alone."""
    node._bindings.bind(key, action, show=False)
