"""What is under way: decisions and fallbacks that have not taken effect yet, with the
simulated moment they will (and how long until then), fallbacks waiting for a slot at a
facility, and the fallbacks that are active now."""

from __future__ import annotations

from rich.text import Text

from oefening.ui.frame import Frame
from oefening.ui.widgets.text import TextPanel
from oefening.words import formats, tr


def pending_text(frame: Frame) -> Text:
    lang, names, snap = frame.lang, frame.names, frame.snapshot
    text = Text()
    waiting = {ref for f in snap.facilities for ref in f.queue}
    facility_of = {ref: f.id for f in snap.facilities for ref in f.queue}
    ranges = frame.scenario.players.lead_times == "range"
    for item in snap.pending:
        kind = "action" if item.kind == "action" else "fallback"
        if ranges and item.earliest is not None and item.latest != item.earliest:
            # what the team can know: the range of its lead time, not the moment the world drew
            first = formats.moment(frame.start, max(item.earliest, snap.t), lang, year=False)
            if item.latest is None:
                text.append(f"◷ {tr('pending.from', lang, first=first)} ", style="bold")
            else:
                last = formats.moment(frame.start, max(item.latest, snap.t), lang, year=False)
                text.append(f"◷ {tr('pending.between', lang, first=first, last=last)} ", style="bold")
        else:
            when = formats.moment(frame.start, item.t, lang, year=False)
            text.append(f"◷ {when} ", style="bold")
            text.append(f"({tr('pending.in', lang, d=formats.duration(item.t - snap.t, lang))}) ", style="dim")
        text.append(f"{tr('pending.' + kind, lang)}: {names.of(kind, item.id)}")
        if item.id in waiting:
            facility = names.facilities.get(facility_of[item.id], facility_of[item.id])
            text.append(f" — {tr('pending.waiting', lang, facility=facility)}", style="yellow")
        text.append("\n")
    pending_refs = {p.id for p in snap.pending}
    for ref in sorted(waiting - pending_refs):
        text.append(f"◷ {names.of('fallback', ref)} — ", style="yellow")
        facility = names.facilities.get(facility_of[ref], facility_of[ref])
        text.append(tr("pending.waiting", lang, facility=facility) + "\n")
    active = [fb for p in snap.processes for fb in p.fallbacks if fb.active and fb.counts > 0]
    if active:
        text.append(f"{tr('pending.active', lang)}: ", style="bold")
        text.append(", ".join(f"{names.of('fallback', fb.ref)} ({formats.percent(fb.counts, lang)})"
                              for fb in active), style="green")
    for place in snap.facilities:
        if not place.holders and not place.queue:
            continue
        if text:
            text.append("\n")
        name = names.facilities.get(place.id, place.id)
        holders = [names.organisations.get(ref.split("/")[0], ref) for ref in place.holders]
        text.append(f"▣ {tr('pending.places', lang, facility=name, used=len(holders), slots=place.slots)}: ",
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

    def show(self, frame: Frame) -> None:
        self.show_text(pending_text(frame))
