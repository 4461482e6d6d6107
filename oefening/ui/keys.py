"""The key bindings of each screen, with their descriptions as keys of the word table
(:mod:`oefening.words`), so the footer and the help screen speak the exercise's language. A
screen installs its bindings for a language with :func:`install`; the help screen lists the
same table."""

from __future__ import annotations

from typing import NamedTuple

from textual.dom import DOMNode

from oefening.ui import internals
from oefening.words import tr


class Key(NamedTuple):
    key: str        # Textual's key name(s), comma separated
    action: str
    text: str       # word-table key of the description
    display: str    # how the key is written for people
    show: bool = True


TURN = (
    Key("n", "next_turn", "key.next", "n"),
    Key("d", "decide", "key.decide", "d"),
    Key("u", "undo", "key.undo", "u"),
    Key("i", "inject", "key.inject", "i"),
    Key("o", "note", "key.note", "o"),
    Key("f", "direct", "key.direct", "f"),
    Key("t", "timer", "key.timer", "t", show=False),
    Key("w", "players", "key.players", "w", show=False),
    Key("b", "briefing", "key.briefing", "b", show=False),
    Key("l", "language", "key.language", "l", show=False),
)
TOGGLE = Key("space,enter", "choose", "key.toggle", "space / Enter", show=False)
END = (
    Key("h", "hotwash", "key.hotwash", "h"),
    Key("u", "undo", "key.undo", "u"),
    Key("o", "note", "key.note", "o"),
    Key("l", "language", "key.language", "l", show=False),
)
BRIEFING_FIRST = (Key("enter", "begin", "key.start", "Enter"), Key("p", "participant", "key.participant", "p"),
                  Key("l", "language", "key.language", "l"))
HOTWASH = (
    Key("f", "finding", "key.finding", "f"),
    Key("a", "corrective", "key.corrective", "a"),
    Key("e", "edit", "key.edit_action", "e"),
    Key("x", "remove", "key.remove_action", "x"),
    Key("p", "participant", "key.participant", "p"),
    Key("r", "report", "key.report", "r"),
    Key("escape", "back", "key.back", "Esc"),
    Key("l", "language", "key.language", "l", show=False),
)
BRIEFING_AGAIN = (Key("escape,b", "back", "key.back", "Esc"), Key("l", "language", "key.language", "l"))
GLOBAL = (
    Key("question_mark", "help", "key.help", "?"),
    Key("q", "ask_quit", "key.quit", "q"),
)


def install(node: DOMNode, keys: tuple[Key, ...], lang: str) -> None:
    """Give ``node`` its class's bindings plus ``keys``, described in ``lang`` (replacing the
    descriptions of an earlier language)."""
    bindings = internals.class_bindings(node)
    for k in keys:
        bindings.bind(k.key, k.action, tr(k.text, lang), show=k.show, key_display=k.display)
    internals.set_bindings(node, bindings)
