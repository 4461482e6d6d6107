"""The storyline's injects as the players read them: the wording the world chose when the
event fired, with the live figures it quoted written in the player's language.

The engine records, with each fired event, which variant of its inject was shown and the
figures its placeholders named (:mod:`oefening.scenario.placeholders`); this module turns
that into a title and a text. Numbers use the language's separators (``1.234,5`` in Dutch,
``1,234.5`` in English); facility places read as the organisations that hold or wait for
them, in order. Every front end (TUI, report) takes inject texts from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oefening.scenario.model import Inject
from oefening.scenario.placeholders import Placeholder, PlaceholderError, parse
from oefening.words.formats import money, number
from oefening.words.plain import text_in
from oefening.words.table import tr

if TYPE_CHECKING:
    from oefening.words.describe import Names



@dataclass(frozen=True, slots=True)
class Told:
    """An inject as shown: the wording chosen when its event fired, figures filled in, made
    safe to show (control characters visible, see :mod:`oefening.words.plain`)."""

    title: str
    text: str
    source: str
    severity: str


def _names(refs: list[str], names_of: Names) -> str:
    """Fallback references as the organisations they belong to: "A, B en C"."""
    lang = names_of.lang
    names = [names_of.organisations.get(ref.split("/")[0], ref) for ref in refs]
    if not names:
        return tr("story.nobody", lang)
    if len(names) == 1:
        return names[0]
    return tr("story.list", lang, first=", ".join(names[:-1]), last=names[-1])


def figure(placeholder: Placeholder, value: Any, names: Names) -> str:
    """One recorded figure in words."""
    name, lang = placeholder.name, names.lang
    if value is None and name == "budget":
        return tr("story.unlimited", lang)
    if name in ("holders", "waiting"):
        return _names(list(value or []), names)
    if name == "capacity":
        return f"{number(float(value) * 100, lang)}%"
    if name == "demand":
        return number(float(value), lang, 1)
    if name == "budget":
        return money(float(value), lang)
    return number(float(value or 0), lang)


def fill(text: str, values: dict[str, Any], names: Names) -> str:
    """A text with its placeholders replaced by the recorded figures (a placeholder without
    a figure, as in an old record, reads as written)."""
    try:
        pieces = parse(text)
    except PlaceholderError:
        return text
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif piece.key in values:
            out.append(figure(piece, values[piece.key], names))
        else:
            out.append("{" + piece.key + "}")
    return "".join(out)


def told(inject: Inject, detail: dict[str, Any], names: Names) -> Told:
    """The inject as shown when its event fired: the variant the record names (else the
    inject itself), in the language of ``names``, with the figures the record kept."""
    lang = names.lang
    title, text, source, severity = inject.title, inject.text, inject.source, inject.severity
    k = detail.get("variant")
    if isinstance(k, int) and 0 <= k < len(inject.variants):
        variant = inject.variants[k]
        title = variant.title if variant.title is not None else title
        text = variant.text if variant.text is not None else text
        source = variant.source or source
        severity = variant.severity or severity
    values = detail.get("values") or {}
    return Told(
        fill(text_in(title, lang), values, names),
        fill(text_in(text, lang), values, names),
        source,
        severity,
    )
