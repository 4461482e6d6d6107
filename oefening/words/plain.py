"""Text from outside, made safe to show: every text that a scenario, a journal or a person
brings (titles, names, injects, notes, paths) goes through :func:`plain` before it reaches
a terminal, a Textual widget or a report, so it is shown and never obeyed.

What is replaced, by what (one visible character or a short visible code, never nothing,
so a reader sees that something was there):

- C0 control characters and DEL (``\\x00``–``\\x1f``, ``\\x7f``) by the Unicode control
  pictures: ESC → ``␛``, BEL → ``␇``, CR → ``␍``, NUL → ``␀``, DEL → ``␡``. Newline and tab
  are kept in multi-line text and become a space with ``lines=False`` (titles, table cells,
  one-line messages).
- C1 control characters (``\\x80``–``\\x9f``, e.g. the one-byte CSI ``\\x9b``), the bidi
  overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the direction marks
  (U+200E, U+200F, U+061C), the line and paragraph separators (U+2028, U+2029) and lone
  surrogates (which no terminal can encode) by their code point between angle quotes:
  ``‹U+202E›``.

Markup is a second matter: :func:`plain` leaves ``[`` alone, because its result is meant
for places that do not parse markup (a Rich :class:`~rich.text.Text`, ``markup=False``, a
terminal line). Build UI text with :func:`text`, never with an f-string into markup; where
a markup string cannot be avoided, :func:`escaped` escapes it after sanitising.
"""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text

from oefening.scenario.base import text_in as scenario_text_in

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code in _PICTURES:
        if char in "\n\t":
            return " "
        return _PICTURES[code]
    return f"‹U+{code:04X}›"


def plain(value: object, *, lines: bool = True) -> str:
    """``value`` as text safe to show: control characters, bidi controls and lone surrogates
    replaced by visible placeholders (see the module). ``lines=False`` also makes newlines
    and tabs spaces, for one-line places."""
    text = value if isinstance(value, str) else str(value)
    pattern = _UNSAFE_LINES if lines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_picture, text)


def text(value: object, style: str = "", *, lines: bool = True, **options: object) -> Text:
    """A Rich :class:`~rich.text.Text` of outside text: shown literally (``[/`` and
    ``[@click=…]`` are characters, not markup), control characters replaced."""
    return Text(plain(value, lines=lines), style=style, **options)  # type: ignore[arg-type]


def escaped(value: object, *, lines: bool = True) -> str:
    """Outside text for a place that parses Rich/Textual markup: sanitised, then escaped."""
    return escape(plain(value, lines=lines))


def one_line(value: object) -> str:
    """:func:`plain` for a one-line place: a title, a cell, a terminal line."""
    return plain(value, lines=False)


def text_in(value: str | dict[str, str] | None, lang: str) -> str:
    """A scenario's text in ``lang`` (see :func:`oefening.scenario.base.text_in`), made safe
    to show: what every front end uses for a scenario's titles, names and stories."""
    return plain(scenario_text_in(value, lang))
