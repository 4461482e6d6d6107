"""Messages the turn screen's widgets send up to the screen, as dataclasses (Textual calls
``__post_init__`` for them). Widgets never change the exercise; they say what the team chose
and the screen acts through the session."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ChosenChanged(Message):
    """The set of decisions chosen to be taken (by option key) changed."""

    chosen: frozenset[str]


@dataclass
class ChoiceRefused(Message):
    """The team tried to choose a decision that cannot be taken now."""

    title: str
    reason: str
