"""Plain data as YAML text, and YAML text in a cell as plain data.

:func:`flow` writes a value in compact flow style (``{supplier: {id: globaltech, status:
failed}}``), the form a spreadsheet cell holds; :func:`block` writes a scenario part in the
block style of the bundled scenarios, with short mappings and lists in flow style. A text is
written plain when the scenario reader gives it back unchanged, else double-quoted. Reading
a cell (:func:`cell_value`) uses the scenario's own safe reader, so a cell means exactly what
the same text means in a scenario file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from oefening.errors import OefeningError
from oefening.scenario.yamlsource import parse_yaml, resolve_plain

_PLAIN_TEXT = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
_FLOW_WIDTH = 88


def scalar(value: Any, *, in_flow: bool = True) -> str:
    """One YAML scalar (``in_flow``: inside a flow mapping or list, where commas end it)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if (
        _PLAIN_TEXT.match(text)
        and text == text.strip()
        and "\n" not in text
        and ": " not in text
        and not text.endswith(":")
        and not (in_flow and any(ch in text for ch in ",[]{}"))
        and resolve_plain(text) == text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    """``value`` in flow style on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def lines(value: dict[str, Any] | list[Any]) -> str:
    """A mapping as ``key: flow`` lines, a list as one item a line (a cell's multi-line text).

    A list item is ``key: flow`` when it is a one-key mapping (an effect), else flow; no line
    starts with ``-``, which Excel would take for the start of a formula in a csv file.
    """
    if isinstance(value, dict):
        return "\n".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items())
    return "\n".join(_item(item) for item in value)


def _item(item: Any) -> str:
    if isinstance(item, dict) and len(item) == 1:
        ((key, value),) = item.items()
        return f"{scalar(key)}: {flow(value)}"
    return flow(item)


def cell_items(text: str, name: str) -> list[Any]:
    """The list a cell of items means: YAML list text (``- …`` lines or ``[…]``) as it is,
    else one item a line."""
    stripped = text.strip()
    if stripped.startswith(("-", "[")):
        value = cell_value(text, name)
        return value if isinstance(value, list) else [value]
    return [cell_value(line, name) for line in text.split("\n") if line.strip()]


def block(value: Any, indent: int = 0) -> list[str]:
    """``value`` as block-style lines, indented by ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            head = f"{pad}{scalar(key)}:"
            folded = _folded(item, indent + 2)
            if folded:
                out.append(f"{head} >-")
                out.extend(folded)
            elif isinstance(item, dict | list) and item and (_many(item) or not _short(item, len(head))):
                out.append(head)
                out.extend(block(item, indent + 2))
            else:
                out.append(f"{head} {flow(item) if isinstance(item, dict | list) else scalar(item, in_flow=False)}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            if (isinstance(item, dict) and item and not _flat(item, indent + 2)) or (
                isinstance(item, list) and item and not _short(item, indent + 2)
            ):
                inner = block(item, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {flow(item) if isinstance(item, dict | list) else scalar(item, in_flow=False)}")
        return out
    return [f"{pad}{flow(value)}"]


def _flat(value: dict[str, Any], used: int) -> bool:
    """A short mapping of plain values, such as ``{id: orbitas, name: Orbitas}``."""
    return all(not isinstance(v, dict | list) for v in value.values()) and _short(value, used)


def _many(value: dict[str, Any] | list[Any]) -> bool:
    """A list of mappings is written one item a line, as the bundled scenarios do."""
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _folded(value: Any, indent: int) -> list[str]:
    """A long one-line text as a folded block (``>-``) that reads back exactly; else []."""
    if not isinstance(value, str) or len(value) + indent <= _FLOW_WIDTH:
        return []
    words = value.split(" ")
    if not value or value != value.strip() or any(not w for w in words) or "\n" in value or "\t" in value:
        return []
    if any(ch in value for ch in "\r\x85\u2028\u2029\ufeff"):
        return []
    out: list[str] = []
    line = ""
    for word in words:
        if line and indent + len(line) + 1 + len(word) > _FLOW_WIDTH:
            out.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(" " * indent + line)
    return out


def _short(value: dict[str, Any] | list[Any], used: int) -> bool:
    """Whether a mapping or list fits on one line in flow style, holding no long texts."""
    text = flow(value)
    return used + len(text) <= _FLOW_WIDTH and not _has_long_text(value)


def _has_long_text(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_long_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_long_text(v) for v in value)
    return isinstance(value, str) and len(value) > 40


def cell_value(text: str, name: str) -> Any:
    """The data a cell's YAML text means; OefeningError with the reader's message if invalid."""
    wrapped = "v:\n" + "\n".join("  " + line for line in text.split("\n"))
    try:
        doc = parse_yaml(wrapped, name)
    except OefeningError as error:
        raise ValueError(_unwrapped(error.problems[0].message)) from None
    if doc.problems:
        raise ValueError(_unwrapped(doc.problems[0].message))
    return doc.data.get("v")


def _unwrapped(message: str) -> str:
    """The reader's message without the places of the wrapper it was read in."""
    message = re.sub(r" (from|at) line \d+(, column \d+)?", "", message)
    return message.replace("'v'", "the cell")
