"""The message feed: storyline injects, the facilitator's injects and what happened to the
team's decisions, newest on top, with this turn's items marked NEW (a word, not a colour).

Items are appended as the exercise's record grows, and only rebuilt when the record shrank
(an undo); at most ``LIMIT`` items stay on screen. :func:`entry_text` is shared with the end
screen's timeline.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from oefening.engine.exercise import Exercise
from oefening.engine.record import Entry
from oefening.scenario.base import text_in
from oefening.ui import present
from oefening.ui.describe import Names
from oefening.ui.frame import Frame
from oefening.ui.i18n import tr

LIMIT = 120
SEVERITY = {"info": ("ℹ", "cyan"), "warning": ("⚠", "bold dark_orange"), "critical": ("‼", "bold red")}
LOG = {
    "action": ("✔", "green", "action"),
    "action_effective": ("→", "green", "action"),
    "activate": ("✔", "green", "fallback"),
    "facility_wait": ("⧗", "yellow", "fallback"),
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


def entry_text(entry: Entry, exercise: Exercise, names: Names, *, new: bool = False) -> Text:
    """An entry as a feed item: a dim line with time and source, then the message."""
    lang = names.lang
    start = exercise.scenario.start
    when = present.moment(start, entry.t, lang, year=False)
    text = Text()
    if new:
        text.append(f" {tr('feed.new', lang)} ", style="bold black on yellow")
        text.append(" ")
    if entry.kind in ("event", "inject"):
        if entry.kind == "event":
            inject = exercise.world.events[entry.id].inject
            assert inject is not None
            title, body = text_in(inject.title, lang), text_in(inject.text, lang)
            source, severity = inject.source, inject.severity
        else:
            title, body = str(entry.detail.get("title", "")), str(entry.detail.get("text", ""))
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
    detail = {"facility": names.facilities.get(str(entry.detail.get("facility", "")), "")}
    text.append(f"{when} ", style="dim")
    text.append(f"{mark} ", style=style)
    text.append(tr(f"feed.{entry.kind}", lang, title=title, **detail))
    return text


class FeedItem(Static):
    """One message in the feed."""

    def __init__(self, entry: Entry, index: int, content: Text, **kwargs: object) -> None:
        super().__init__(content, **kwargs)  # type: ignore[arg-type]
        self.entry = entry
        self.index = index


class Feed(VerticalScroll):
    """Injects and outcomes, newest first."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._exercise: Exercise | None = None
        self._seen = 0
        self._lang: str | None = None
        self._new_after = -1.0
        self._empty = Static(classes="empty")

    def show(self, frame: Frame) -> None:
        """Add what the record gained since the last call; start over after an undo."""
        record = frame.record
        rebuild = (frame.exercise is not self._exercise or len(record) < self._seen
                   or frame.lang != self._lang)
        if rebuild:
            self._exercise = frame.exercise
            self._lang = frame.lang
            self._seen = 0
            self.remove_children()
            self._empty = Static(tr("feed.empty", frame.lang), classes="empty")
            self.mount(self._empty)
        refresh_marks = frame.new_after != self._new_after
        self._new_after = frame.new_after
        if refresh_marks and not rebuild:
            for item in self.query(FeedItem):
                if "new" in item.classes and item.entry.t <= frame.new_after:
                    item.remove_class("new")
                    item.update(entry_text(item.entry, frame.exercise, frame.names))
        fresh = [
            (i, e) for i, e in enumerate(record[self._seen:], start=self._seen)
            if shown(e, frame.exercise)
        ][-LIMIT:]
        self._seen = len(record)
        if not fresh:
            return
        items = []
        for index, entry in reversed(fresh):
            new = entry.t > frame.new_after
            content = entry_text(entry, frame.exercise, frame.names, new=new)
            items.append(FeedItem(entry, index, content, classes=f"{entry.kind} new" if new else entry.kind))
        self._empty.display = False
        children = list(self.query(FeedItem))
        if children:
            self.mount_all(items, before=children[0])
        else:
            self.mount_all(items)
        excess = len(children) + len(items) - LIMIT
        if excess > 0:
            for item in children[-excess:]:
                item.remove()
        self.scroll_home(animate=False)
