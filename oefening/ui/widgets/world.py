"""Suppliers with the services they deliver, and the shared fallback facilities, each with
its status as a symbol and a word (● healthy, ▲ distressed, ✖ failed; ✔ up, ◐ partly, ✖ down).

The text is rebuilt from the snapshot on each redraw but only pushed to the screen when it
changed; worlds have tens of suppliers, not thousands.
"""

from __future__ import annotations

from rich.text import Text

from oefening.scenario.base import text_in
from oefening.ui import present
from oefening.ui.frame import Frame
from oefening.ui.i18n import tr
from oefening.ui.widgets.text import TextPanel

SUPPLIER = {"healthy": ("●", "green"), "distressed": ("▲", "bold dark_orange"), "failed": ("✖", "bold red")}


def world_text(frame: Frame) -> Text:
    """Suppliers, their services and the facilities as lines of text."""
    lang = frame.lang
    snap = frame.snapshot
    services_of: dict[str, list] = {}
    for service in snap.services:
        services_of.setdefault(service.supplier, []).append(service)
    text = Text()
    for supplier in snap.suppliers:
        mark, style = SUPPLIER.get(supplier.status, ("?", ""))
        text.append(f"{mark} ", style=style)
        text.append(text_in(supplier.name, lang), style="bold")
        if supplier.status != "healthy":
            text.append(f" — {tr('supplier.' + supplier.status, lang)}", style=style)
        text.append("\n")
        for service in services_of.get(supplier.id, []):
            text.append("  ")
            if service.availability >= 1.0 - 1e-9:
                text.append("✔ ", style="green")
                text.append(text_in(service.name, lang))
            elif service.availability <= 1e-9:
                text.append("✖ ", style="bold red")
                text.append(text_in(service.name, lang))
                since = service.down_since
                state = (tr("service.down_since", lang, since=present.moment(frame.start, since, lang, year=False))
                         if since is not None else tr("service.down", lang))
                text.append(f" — {state}", style="red")
            else:
                text.append("◐ ", style="yellow")
                text.append(text_in(service.name, lang))
                pct = present.percent(service.availability, lang)
                text.append(f" — {tr('service.partial', lang, pct=pct)}", style="yellow")
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

    def show(self, frame: Frame) -> None:
        self.show_text(world_text(frame))
