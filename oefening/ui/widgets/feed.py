"""The message feed: storyline injects, the facilitator's injects and what became of the
team's decisions, newest on top, with this turn's items marked NEW (a word and a bar, not a
colour alone).

The feed is one text, not a widget per message: a screen layout costs time per widget, and a
long exercise has hundreds of messages. Each message's text is kept once made; the feed shows
at most ``LIMIT`` messages. :func:`entry_text` is shared with the end screen's timeline; the
words come from :mod:`oefening.words.entries`, the marks and colours are the feed's own.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from oefening.engine.record import Entry
from oefening.ui.frame import Frame, worded
from oefening.ui.widgets.text import TextPanel
from oefening.words import entries, formats, tr
from oefening.words.describe import Names

LIMIT = 80
SEVERITY = {"info": ("ℹ", "cyan"), "warning": ("⚠", "bold dark_orange"), "critical": ("‼", "bold red")}
LOG = {
    "action": ("✔", "green"),
    "action_effective": ("→", "green"),
    "activate": ("✔", "green"),
    "facility_wait": ("◷", "yellow"),
    "fallback_ready": ("→", "green"),
    "fallback_blocked": ("✖", "yellow"),
    "suppressed": ("∅", "dim"),
    "deactivate": ("■", "yellow"),
    "mtpd_breach": ("✖", "bold red"),
    "rework": ("↺", "yellow"),
    "fatigue": ("↓", "yellow"),
    "fallback_staffed": ("♙", "yellow"),
    "loan": ("⇄", "green"),
    "allocate": ("⇄", "cyan"),
    "priority": ("⇅", "cyan"),
    "release": ("€", "cyan"),
}


def stage_mark(entry: Entry, frame: Frame) -> Text | None:
    """In the console: what the facilitator did with a storyline inject (waiting, held,
    released, dropped; reworded), so the facilitator sees what the players see."""
    if frame.players or entry.kind != "event":
        return None
    staged = frame.staging.injects.get(entry.id)
    if staged is None:
        return None
    style = {"due": "bold black on yellow", "held": "bold yellow", "released": "green", "dropped": "red"}
    text = Text(tr(f"stage.{staged.state}", frame.lang), style=style.get(staged.state, ""))
    if staged.title is not None:
        text.append(f" · {tr('stage.edited', frame.lang)}", style="dim")
    return text


def entry_text(entry: Entry, start: datetime, names: Names, stage: Text | None = None) -> Text:
    """An entry as a message: a dim line with time and source, then the message (a storyline
    inject in the facilitator's wording when reworded, with ``stage`` after its source)."""
    lang = names.lang
    told = entries.tell(entry, names)
    when = formats.moment(start, entry.t, lang, year=False)
    text = Text()
    if entry.kind in ("event", "inject"):
        mark, style = SEVERITY.get(told.severity, ("ℹ", ""))
        text.append(f"{when} · {tr('source.' + told.source, lang)} · ", style="dim")
        text.append(f"{mark} {tr('severity.' + told.severity, lang)}", style=style)
        if stage is not None:
            text.append("  ")
            text.append_text(stage)
        text.append("\n")
        text.append(told.subject, style="bold")
        if told.text:
            text.append("\n")
            text.append(told.text)
        return text
    mark, style = LOG[entry.kind]
    text.append(f"{when} ", style="dim")
    text.append(f"{mark} ", style=style)
    text.append(entries.feed_line(told, lang))
    return text


def marked(text: Text, lang: str) -> Text:
    """A message of this turn: NEW in front and a bar down its left side."""
    out = Text()
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("\n")
        out.append("▌ ", style="bold yellow")
        if i == 0:
            out.append(f" {tr('feed.new', lang)} ", style="bold black on yellow")
            out.append(" ")
        out.append_text(line)
    return out


class Feed(VerticalScroll):
    """Injects and outcomes, newest first."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._record: list[Entry] | None = None   # a new record (after an undo): start over
        self._lang: str | None = None
        self._seen = 0
        self._items: list[tuple[Entry, Text]] = []   # oldest first
        self._stages: dict[str, tuple[str, bool]] = {}

    def compose(self) -> ComposeResult:
        yield TextPanel(id="feed-text")

    def show(self, frame: Frame) -> None:
        """Add what the record gained since the last call; start over after an undo."""
        record = frame.record
        stages = {e: (s.state, s.title is not None) for e, s in frame.staging.injects.items()}
        if (record is not self._record or len(record) < self._seen or frame.lang != self._lang
                or stages != self._stages):
            self._record, self._lang, self._seen, self._items = record, frame.lang, 0, []
            self._stages = stages
        for entry in record[self._seen:]:
            if entries.is_message(entry, frame.names):
                self._items.append((entry, entry_text(worded(entry, frame.staging), frame.start,
                                                      frame.names, stage_mark(entry, frame))))
        self._seen = len(record)
        del self._items[:-LIMIT]
        text = Text()
        for entry, item in reversed(self._items):
            if text:
                text.append("\n\n")
            text.append_text(marked(item, frame.lang) if entry.t > frame.new_after else item)
        if not text:
            text = Text(tr("feed.empty", frame.lang), style="dim")
        if self.query_one("#feed-text", TextPanel).show_text(text):
            self.scroll_home(animate=False)


def news_line(frame: Frame) -> Text:
    """One line on what came in this turn (for narrow screens, where the feed is out of
    sight): NEW, the newest storyline or facilitator inject, and how many messages came."""
    lang = frame.lang
    new: list[Entry] = []
    for entry in reversed(frame.record):  # in time order: stop at the first of an earlier turn
        if entry.t <= frame.new_after:
            break
        if entries.is_message(entry, frame.names):
            new.append(entry)
    if not new:
        return Text(tr("news.none", lang), style="dim", no_wrap=True, overflow="ellipsis")
    injects = [e for e in new if e.kind in ("event", "inject")]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" {tr('feed.new', lang)} ", style="bold black on yellow")
    text.append(" ")
    if injects:
        told = entries.tell(worded(injects[0], frame.staging), frame.names)
        mark, style = SEVERITY.get(told.severity, ("ℹ", ""))
        text.append(f"{mark} ", style=style)
        text.append(told.subject, style="bold")
    else:
        mark, style = LOG[new[0].kind]
        text.append(f"{mark} ", style=style)
        text.append(entries.feed_line(entries.tell(new[0], frame.names), lang))
    text.append(f"  ({tr('news.count', lang, n=len(new))})", style="dim")
    return text
