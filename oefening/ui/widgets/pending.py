"""What is under way: decisions and fallbacks that have not taken effect yet, with the
simulated moment they will (and how long until then), fallbacks waiting for a slot at a
facility, and the fallbacks that are active now."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from oefening.engine.snapshot import FallbackView
from oefening.ui.frame import Frame
from oefening.ui.widgets.text import TextPanel, hanging
from oefening.words import formats, tr
from oefening.words.describe import Names


def named(names: Names, kind: str, ref: str) -> str:
    """An action by its name; a fallback by its name and its organisation's (organisations
    often have fallbacks of the same name: "Work from the shared site")."""
    return names.owned(kind, ref)


def working(fallback: FallbackView, frame: Frame) -> str:
    """What an active fallback gives now: "35%", or "0% (closed until Mon 08:00)" while its
    office hours are closed (its MBCO and MTPD count it as open)."""
    lang = frame.lang
    if fallback.closed_until is None:
        return formats.percent(fallback.counts, lang)
    until = tr("cap.closed_until", lang, time=formats.soon(frame.start, fallback.closed_until, frame.now, lang))
    return f"{formats.percent(0.0, lang)} ({until})"


def alike(items: list[tuple[str, str]], names: Names) -> list[Text]:
    """The items of one group, each name once: fallbacks of one name (ten organisations that
    work from the same shared site) as that name, how many, and their organisations, so a busy
    turn reads in a few lines; an action, or a fallback alone of its name, as itself."""
    by_name: dict[str, list[str]] = {}   # in the order of their first item
    for kind, ref in items:
        if kind == "fallback":
            by_name.setdefault(names.of("fallback", ref), []).append(ref)
        else:
            by_name.setdefault(names.of(kind, ref), [])
    out = []
    for name, refs in by_name.items():
        if len(refs) < 2:
            out.append(Text(named(names, "fallback", refs[0]) if refs else name))
            continue
        line = Text(f"{name} ({len(refs)}): ", style="bold")
        line.append(", ".join(names.organisations.get(ref.split("/")[0], ref) for ref in refs), style="")
        out.append(line)
    return out


def under_way(frame: Frame) -> int:
    """How many decisions and fallbacks are under way or wait for a place."""
    snap = frame.snapshot
    pending = {p.id for p in snap.pending}
    return len(pending) + len({ref for f in snap.facilities for ref in f.queue} - pending)


def short(fallback: FallbackView) -> bool:
    """Whether a fallback holds its people now but its pool cannot give it all of them."""
    return fallback.claims and fallback.staff > 0.0 and fallback.people < fallback.staff * (1 - 1e-9)


def pending_text(frame: Frame, width: int = 0) -> Text:
    """What is under way, wrapped to ``width`` (0: not wrapped) with each item's later lines
    indented under its name."""
    lang, names, snap = frame.lang, frame.names, frame.snapshot
    text = Text()
    waiting = {ref for f in snap.facilities for ref in f.queue}
    facility_of = {ref: f.id for f in snap.facilities for ref in f.queue}
    ranges = frame.scenario.players.lead_times == "range"
    # Items that take effect at the same moment (or within the same range), of the same kind
    # and waiting for the same facility, share one heading: a busy turn (fourteen fallbacks
    # waiting for the shared site) stays readable in a narrow panel.
    groups: dict[tuple[str, str, str, str], list[tuple[str, str]]] = {}   # in the order of their first item
    for item in snap.pending:
        kind = "action" if item.kind == "action" else "fallback"
        if ranges and item.earliest is not None and item.latest != item.earliest:
            # what the team can know: the range of its lead time, not the moment the world drew
            first = formats.moment(frame.start, max(item.earliest, snap.t), lang, year=False)
            if item.latest is None:
                when, until = tr("pending.from", lang, first=first), ""
            else:
                last = formats.moment(frame.start, max(item.latest, snap.t), lang, year=False)
                when, until = tr("pending.between", lang, first=first, last=last), ""
        else:
            when = formats.moment(frame.start, item.t, lang, year=False)
            until = f"({tr('pending.in', lang, d=formats.duration(item.t - snap.t, lang))})"
        facility = ""
        if item.id in waiting:
            facility = tr("pending.waiting", lang,
                          facility=names.facilities.get(facility_of[item.id], facility_of[item.id]))
        groups.setdefault((when, until, kind, facility), []).append((kind, item.id))
    for (when, until, kind, facility), items in groups.items():
        text.append(f"◷ {when} ", style="bold")
        if until:
            text.append(f"{until} ", style="dim")
        text.append(tr("pending." + kind, lang))
        if facility:
            text.append(f" — {facility}", style="yellow")
        text.append(":\n")
        for name in alike(items, names):
            text.append_text(hanging(Text("  · "), name, width))
            text.append("\n")
    pending_refs = {p.id for p in snap.pending}
    for ref in sorted(waiting - pending_refs):
        text.append(f"◷ {named(names, 'fallback', ref)} — ", style="yellow")
        facility = names.facilities.get(facility_of[ref], facility_of[ref])
        text.append(tr("pending.waiting", lang, facility=facility) + "\n")
    # a process on office hours of its own that are closed now (an active fallback on office
    # hours says it with its share below)
    for proc in snap.processes:
        if proc.closed_until is not None and not any(fb.closed_until is not None for fb in proc.fallbacks):
            until = tr("cap.closed_until", lang, time=formats.soon(frame.start, proc.closed_until, snap.t, lang))
            text.append_text(hanging(Text("☾ ", style="cyan"), Text(f"{names.owned('process', proc.ref)}: {until}"),
                                     width))
            text.append("\n")
    active = [fb for p in snap.processes for fb in p.fallbacks if fb.active and (fb.counts > 0 or short(fb))]
    if active:
        text.append(f"{tr('pending.active', lang)}: ", style="bold")
        for i, fb in enumerate(active):
            text.append((", " if i else "") + f"{named(names, 'fallback', fb.ref)} {working(fb, frame)}",
                        style="green" if fb.counts > 0 else "yellow")
            if short(fb):   # its pool cannot give it all its people: say how many it has
                people = tr("pending.people", lang, has=formats.number(fb.people, lang),
                            needs=formats.number(fb.staff, lang))
                text.append(f" (♙ {people})", style="yellow")
    for place in snap.facilities:
        if not place.holders and not place.queue:
            continue
        if text:
            text.append("\n")
        place_name = names.facilities.get(place.id, place.id)
        holders = [names.organisations.get(ref.split("/")[0], ref) for ref in place.holders]
        text.append(f"▣ {tr('pending.places', lang, facility=place_name, used=len(holders), slots=place.slots)}: ",
                    style="bold")
        text.append(", ".join(holders) or "—")
        if place.queue:
            queue = [f"{i}. {names.organisations.get(ref.split('/')[0], ref)}"
                     for i, ref in enumerate(place.queue, 1)]
            text.append(f" · {tr('pending.queue', lang)}: ", style="yellow")
            text.append(", ".join(queue), style="yellow")
    if not text:
        text.append(tr("pending.none", lang), style="dim")
    text.rstrip()
    return text


class PendingPanel(TextPanel):
    """Decisions and fallbacks under way, with when they take effect."""

    _frame: Frame | None = None

    def show(self, frame: Frame) -> None:
        """Show what is under way, and how many in the panel's title ("Under way (23)"): a long
        list scrolls, and the count says there is more than the panel shows."""
        self._frame = frame
        parent = self.parent
        if isinstance(parent, Widget):
            n = under_way(frame)
            title = tr("panel.pending", frame.lang)
            parent.border_title = f"{title} ({n})" if n else title
        self.show_text(pending_text(frame, self.content_region.width or self.size.width))

    def on_resize(self, event: events.Resize) -> None:
        if self._frame is not None:
            self.show(self._frame)
