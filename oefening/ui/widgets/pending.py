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
    for item in snap.pending:
        kind = "action" if item.kind == "action" else "fallback"
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
    if not text:
        text.append(tr("pending.none", lang), style="dim")
    text.rstrip()
    return text


class PendingPanel(TextPanel):
    """Decisions and fallbacks under way, with when they take effect."""

    def show(self, frame: Frame) -> None:
        self.show_text(pending_text(frame))
