"""The message feed: storyline injects, the facilitator's injects and what became of the
team's decisions, newest on top, with this turn's items marked NEW (a word and a bar, not a
colour alone).

The feed is one text, not a widget per message: a screen layout costs time per widget, and a
long exercise has hundreds of messages. Each message's text is kept once made; the feed shows
at most ``LIMIT`` messages. :func:`entry_text` is shared with the end screen's timeline.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from oefening.engine.exercise import Exercise
from oefening.engine.record import Entry
from oefening.ui import present
from oefening.ui.describe import Names
from oefening.ui.frame import Frame
from oefening.ui.i18n import tr
from oefening.ui.widgets.text import TextPanel
from oefening.words.plain import plain, text_in

LIMIT = 80
SEVERITY = {"info": ("ℹ", "cyan"), "warning": ("⚠", "bold dark_orange"), "critical": ("‼", "bold red")}
LOG = {
    "action": ("✔", "green", "action"),
    "action_effective": ("→", "green", "action"),
    "activate": ("✔", "green", "fallback"),
    "facility_wait": ("◷", "yellow", "fallback"),
    "fallback_ready": ("→", "green", "fallback"),
    "deactivate": ("■", "yellow", "fallback"),
    "mtpd_breach": ("✖", "bold red", "process"),
}


def shown(entry: Entry, exercise: Exercise) -> bool:
    """Whether the feed shows an entry: injects, and what became of decisions and processes."""
    if entry.kind == "event":
        event = exercise.world.events.get(entry.id)
        return event is not None and event.inject is not None
    return entry.kind == "inject" or entry.kind in LOG


def entry_text(entry: Entry, exercise: Exercise, names: Names) -> Text:
    """An entry as a message: a dim line with time and source, then the message."""
    lang = names.lang
    when = present.moment(exercise.scenario.start, entry.t, lang, year=False)
    text = Text()
    if entry.kind in ("event", "inject"):
        if entry.kind == "event":
            inject = exercise.world.events[entry.id].inject
            assert inject is not None
            title, body = text_in(inject.title, lang), text_in(inject.text, lang)
            source, severity = inject.source, inject.severity
        else:
            title, body = plain(entry.detail.get("title", "")), plain(entry.detail.get("text", ""))
            source, severity = "facilitator", "info"
        mark, style = SEVERITY.get(severity, ("ℹ", ""))
        text.append(f"{when} · {tr('source.' + source, lang)} · ", style="dim")
        text.append(f"{mark} {tr('severity.' + severity, lang)}", style=style)
        text.append("\n")
        text.append(title, style="bold")
        if body:
            text.append("\n")
            text.append(body)
        return text
    mark, style, kind = LOG[entry.kind]
    title = names.of(kind, entry.id)
    facility = names.facilities.get(str(entry.detail.get("facility", "")), "")
    text.append(f"{when} ", style="dim")
    text.append(f"{mark} ", style=style)
    text.append(tr(f"feed.{entry.kind}", lang, title=title, facility=facility))
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
        self._exercise: Exercise | None = None
        self._lang: str | None = None
        self._seen = 0
        self._items: list[tuple[Entry, Text]] = []   # oldest first

    def compose(self) -> ComposeResult:
        yield TextPanel(id="feed-text")

    def show(self, frame: Frame) -> None:
        """Add what the record gained since the last call; start over after an undo."""
        record = frame.record
        if frame.exercise is not self._exercise or len(record) < self._seen or frame.lang != self._lang:
            self._exercise, self._lang, self._seen, self._items = frame.exercise, frame.lang, 0, []
        for entry in record[self._seen:]:
            if shown(entry, frame.exercise):
                self._items.append((entry, entry_text(entry, frame.exercise, frame.names)))
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
    exercise = frame.exercise
    new: list[Entry] = []
    for entry in reversed(frame.record):  # in time order: stop at the first of an earlier turn
        if entry.t <= frame.new_after:
            break
        if shown(entry, exercise):
            new.append(entry)
    if not new:
        return Text(tr("news.none", lang), style="dim", no_wrap=True, overflow="ellipsis")
    injects = [e for e in new if e.kind in ("event", "inject")]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" {tr('feed.new', lang)} ", style="bold black on yellow")
    text.append(" ")
    if injects:
        entry = injects[0]
        if entry.kind == "event":
            inject = exercise.world.events[entry.id].inject
            assert inject is not None
            mark, style = SEVERITY.get(inject.severity, ("ℹ", ""))
            title = text_in(inject.title, lang)
        else:
            (mark, style), title = SEVERITY["info"], plain(entry.detail.get("title", ""))
        text.append(f"{mark} ", style=style)
        text.append(title, style="bold")
    else:
        mark, style, kind = LOG[new[0].kind]
        text.append(f"{mark} ", style=style)
        text.append(tr(f"feed.{new[0].kind}", lang, title=frame.names.of(kind, new[0].id),
                       facility=frame.names.facilities.get(str(new[0].detail.get("facility", "")), "")))
    text.append(f"  ({tr('news.count', lang, n=len(new))})", style="dim")
    return text
