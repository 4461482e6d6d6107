"""The teams of an exercise played by several teams, as text: the messages between teams
(for the team console and the facilitator), every team's state with who decided and who
said ready this turn (the facilitator's overview), and the same in one line for the top of
the facilitator's turn screen. Every name and message is shown literally (``plain``)."""

from __future__ import annotations

from rich.text import Text

from oefening.engine.decisions import Decision
from oefening.engine.exercise import Option
from oefening.journal.presence import Consoles
from oefening.ui.frame import Frame
from oefening.ui.teamview import Seat, TeamMessage, organisation_of, seat_names, sender_name
from oefening.ui.widgets.decisions import option_title
from oefening.ui.widgets.text import TextPanel
from oefening.words import formats, tr
from oefening.words.plain import plain


def messages_text(items: list[TeamMessage], frame: Frame, seat: str | None = None) -> Text:
    """The messages, newest first: when, from whom to whom, then the message; a message of
    this turn to ``seat`` marked with a bar."""
    lang = frame.lang
    names = seat_names(frame.scenario, lang)
    text = Text()
    for message in reversed(items):
        if text:
            text.append("\n")
        new = message.t > frame.new_after and message.sender != seat
        when = formats.moment(frame.start, message.t, lang, year=False)
        text.append("▌ " if new else "  ", style="bold yellow")
        text.append(f"{when} ", style="dim")
        arrow = tr("message.arrow", lang, sender=sender_name(message.sender, names, lang),
                   to=names.get(message.to, plain(message.to, lines=False)))
        text.append(arrow, style="bold cyan" if message.sender != seat else "bold")
        text.append("\n")
        text.append("▌ " if new else "  ", style="bold yellow")
        text.append(plain(message.text))
    if not text:
        text.append(tr("message.none", lang), style="dim")
    return text


class MessagesPanel(TextPanel):
    """The messages between teams that this screen may show."""

    def show(self, items: list[TeamMessage], frame: Frame, seat: str | None = None) -> None:
        self.show_text(messages_text(items, frame, seat))


def mark(done: bool, yes: str, no: str, lang: str) -> Text:
    return Text(f"✔ {tr(yes, lang)}", style="bold green") if done else Text(f"· {tr(no, lang)}", style="dim")


def decision_words(decision: Decision, frame: Frame) -> str:
    """A decision by name, as the decision table names it."""
    ref = getattr(decision, "fallback", None)
    fallback = frame.fallbacks.get(ref) if isinstance(ref, str) else None
    return option_title(Option(decision, fallback.name if fallback is not None else "", 0.0, 0.0, None), frame)


def console_mark(seat: Seat, consoles: Consoles | None, lang: str) -> Text:
    """Whether the team at ``seat`` has its console open now ("▣ console open", "▣ 2 consoles
    open", "□ console lost", "□ no console"); nothing where that cannot be known."""
    if consoles is None:
        return Text()
    n = consoles.open.get(seat.id, 0)
    if n:
        return Text(f"▣ {tr('teams.console_open', lang) if n == 1 else tr('teams.consoles_open', lang, n=n)}",
                    style="green")
    if seat.id in consoles.lost:
        return Text(f"□ {tr('teams.console_lost_long', lang)}", style="bold red")
    return Text(f"□ {tr('teams.no_console', lang)}", style="bold yellow")


def teams_text(frame: Frame, all_seats: list[Seat], decided: set[str], ready: set[str],
               taken: dict[str, list[Decision]] | None = None, consoles: Consoles | None = None) -> Text:
    """Per team: its name, whether it decided and said ready this turn, whether its console is
    open (``consoles``; None: unknown), what it decided, and the state of
    its organisations (vital processes within their MTPD, late cases, backlog)."""
    lang = frame.lang
    text = Text()
    for seat in all_seats:
        if text:
            text.append("\n")
        text.append(seat.title(lang), style="bold")
        if seat.coordination:
            text.append(f" ({tr('team.coordination', lang)})", style="dim")
        text.append("  ")
        text.append_text(mark(seat.id in decided, "teams.decided", "teams.not_decided", lang))
        text.append("  ")
        text.append_text(mark(seat.id in ready, "teams.ready", "teams.not_ready", lang))
        present = console_mark(seat, consoles, lang)
        if present:
            text.append("  ")
            text.append_text(present)
        for decision in (taken or {}).get(seat.id, []):
            text.append("\n  ✔ ", style="green")
            text.append(decision_words(decision, frame))
        processes = [p for p in frame.snapshot.processes if organisation_of(p.ref) in seat.organisations]
        if not processes:
            continue
        vital = [p for p in processes if p.criticality == "vital"]
        held = sum(p.breach_at is None for p in vital)
        late = sum(p.late for p in processes)
        backlog = sum(p.backlog for p in processes)
        text.append("\n  ")
        if vital:
            text.append(tr("teams.vital", lang, held=held, of=len(vital)),
                        style="bold red" if held < len(vital) else "green")
            text.append(" · ")
        text.append(tr("teams.late", lang, n=formats.number(late, lang)), style="bold red" if late > 0.5 else "")
        text.append(" · ")
        text.append(tr("teams.backlog", lang, n=formats.number(backlog, lang)),
                    style="yellow" if backlog > 0.5 else "")
    return text


def teams_line(frame: Frame, all_seats: list[Seat], decided: set[str], ready: set[str], auto: bool,
               consoles: Consoles | None = None, waiting: list[str] | None = None) -> Text:
    """One line for the facilitator's turn screen: how many teams are ready, each team's mark
    (✔ ready, ✎ decided, · nothing yet) with "no console" after a team whose console is not
    open and "console lost" after one whose console died this turn (``consoles``; None:
    unknown), whether the turn advances by itself and then whom it waits for by name
    (``waiting``); it wraps rather than cut a team off (long team names, 80 columns)."""
    lang = frame.lang
    text = Text()
    text.append(f"{tr('panel.teams', lang)}: ", style="bold")
    text.append(tr("teams.line", lang, ready=len(ready & {s.id for s in all_seats}), of=len(all_seats)),
                style="bold green" if all_seats and ready >= {s.id for s in all_seats} else "bold")
    for seat in all_seats:
        text.append(" │ ", style="dim")
        if seat.id in ready:
            text.append("✔ ", style="bold green")
        elif seat.id in decided:
            text.append("✎ ", style="yellow")
        else:
            text.append("· ", style="dim")
        text.append(seat.title(lang))
        if consoles is not None and seat.id in consoles.lost and seat.id not in consoles.open:
            text.append(f" □ {tr('teams.console_lost', lang)}", style="bold red")
        elif consoles is not None and seat.id not in consoles.open:
            text.append(f" □ {tr('teams.no_console', lang)}", style="yellow")
    if auto:
        text.append(f" │ {tr('teams.auto', lang)} ✔", style="bold black on green")
        names = {seat.id: seat.title(lang) for seat in all_seats}
        if waiting:
            text.append(" " + tr("teams.waiting", lang, teams=", ".join(names.get(w, w) for w in waiting)),
                        style="bold")
        elif not ready & {s.id for s in all_seats}:   # nobody to wait for, nobody ready: nothing advances by itself
            text.append(" " + tr("teams.nobody_at_console", lang), style="dim")
    return text
