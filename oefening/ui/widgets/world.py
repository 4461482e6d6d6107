"""Suppliers with the services they deliver, and the shared fallback facilities, each with
its status as a symbol and a word (● healthy, ▲ distressed, ✖ failed; ✔ up, ◐ partly, ✖ down).

The text is rebuilt from the snapshot on each redraw but only pushed to the screen when it
changed; worlds have tens of suppliers, not thousands.
"""

from __future__ import annotations

from rich.text import Text
from textual import events

from oefening.ui.frame import Frame
from oefening.ui.widgets.text import TextPanel, hanging
from oefening.words import formats, tr
from oefening.words.plain import text_in

SUPPLIER = {"healthy": ("●", "green"), "distressed": ("▲", "bold dark_orange"), "failed": ("✖", "bold red")}


def world_text(frame: Frame, width: int = 0) -> Text:
    """Suppliers, their services and the facilities as lines of text (``width``: wrapped to
    it, a service's later lines indented under its name)."""
    lang = frame.lang
    snap = frame.snapshot
    services_of: dict[str, list] = {}
    for service in snap.services:
        services_of.setdefault(service.supplier, []).append(service)
    text = Text()
    for supplier in snap.suppliers:
        mark, style = SUPPLIER.get(supplier.status, ("?", ""))
        body = Text(text_in(supplier.name, lang), style="bold")
        if supplier.status != "healthy":
            body.append(f" — {tr('supplier.' + supplier.status, lang)}", style=style)
        text.append_text(hanging(Text(f"{mark} ", style=style), body, width))
        text.append("\n")
        for service in services_of.get(supplier.id, []):
            body = Text(text_in(service.name, lang))
            if service.availability >= 1.0 - 1e-9:
                prefix = Text.assemble("  ", ("✔ ", "green"))
            elif service.availability <= 1e-9:
                prefix = Text.assemble("  ", ("✖ ", "bold red"))
                since = service.down_since
                state = (tr("service.down_since", lang, since=formats.moment(frame.start, since, lang, year=False))
                         if since is not None else tr("service.down", lang))
                body.append(f" — {state}", style="red")
            else:
                prefix = Text.assemble("  ", ("◐ ", "yellow"))
                pct = formats.percent(service.availability, lang)
                body.append(f" — {tr('service.partial', lang, pct=pct)}", style="yellow")
            text.append_text(hanging(prefix, body, width))
            text.append("\n")
    if snap.facilities:
        text.append(f"{tr('panel.facilities', lang)}\n", style="bold underline")
        for facility in snap.facilities:
            used = len(facility.holders)
            full = used >= facility.slots
            text.append("■ " if full else "□ ", style="yellow" if full else "green")
            text.append(text_in(facility.name, lang))
            text.append(f"  {tr('facility.slots', lang, used=used, slots=facility.slots)}")
            if facility.queue:
                text.append(f", {tr('facility.queue', lang, n=len(facility.queue))}", style="bold red")
            text.append("\n")
    text.rstrip()
    return text


class WorldPanel(TextPanel):
    """Suppliers, services and facilities with their status."""

    _frame: Frame | None = None

    def show(self, frame: Frame) -> None:
        self._frame = frame
        self.show_text(world_text(frame, self.content_region.width or self.size.width))

    def on_resize(self, event: events.Resize) -> None:
        if self._frame is not None:
            self.show(self._frame)
