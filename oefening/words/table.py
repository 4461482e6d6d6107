"""The one table of the product's words, in Dutch and English: a key (a name, never a
position) to ``{"nl": …, "en": …}``.

Every front end takes its words from here: the terminal UI, the after-action report, the
CLI's tables and the descriptions of conditions and effects. ``tr(key, lang, **values)``
looks a key up and fills in ``{placeholders}``; an unknown language falls back to English
and an unknown key is returned as it is, so a missing translation shows up on screen instead
of crashing an exercise. Scenario texts are not here: they come from the scenario itself
through :func:`oefening.scenario.base.text_in`. No Textual, no Rich: plain strings.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    # -- general ------------------------------------------------------------------------
    "app.title": {"nl": "oefening", "en": "oefening"},
    "journal": {"nl": "logboek", "en": "journal"},
    "yes": {"nl": "Ja", "en": "Yes"},
    "no": {"nl": "Nee", "en": "No"},
    "cancel": {"nl": "Annuleren", "en": "Cancel"},
    "close": {"nl": "Sluiten", "en": "Close"},
    "none": {"nl": "geen", "en": "none"},
    "unlimited": {"nl": "onbeperkt", "en": "unlimited"},
    # -- key bindings -------------------------------------------------------------------
    "key.next": {"nl": "Volgende beurt", "en": "Next turn"},
    "key.toggle": {"nl": "Kies / ontkies", "en": "Choose / unchoose"},
    "key.decide": {"nl": "Besluiten", "en": "Decide"},
    "key.undo": {"nl": "Beurt terug", "en": "Undo turn"},
    "key.inject": {"nl": "Inject", "en": "Inject"},
    "key.note": {"nl": "Notitie", "en": "Note"},
    "key.help": {"nl": "Help", "en": "Help"},
    "key.quit": {"nl": "Stoppen", "en": "Quit"},
    "key.briefing": {"nl": "Briefing", "en": "Briefing"},
    "key.language": {"nl": "English", "en": "Nederlands"},
    "key.start": {"nl": "Beginnen", "en": "Start"},
    "key.back": {"nl": "Terug", "en": "Back"},
    "key.space": {"nl": "spatie", "en": "space"},
    "key.timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    # -- start screen -------------------------------------------------------------------
    "start.heading": {"nl": "Nieuwe oefening", "en": "New exercise"},
    "start.scenario": {"nl": "Scenario", "en": "Scenario"},
    "start.path": {"nl": "of een ander scenariobestand (pad)", "en": "or another scenario file (path)"},
    "start.language": {"nl": "Taal", "en": "Language"},
    "start.seed": {"nl": "Seed (toeval; dezelfde seed geeft dezelfde wereld)",
                   "en": "Seed (chance; the same seed gives the same world)"},
    "start.seed_bad": {"nl": "de seed moet een geheel getal zijn", "en": "the seed must be a whole number"},
    "start.button": {"nl": "Oefening starten", "en": "Start exercise"},
    "start.hint": {"nl": "Enter start het gekozen scenario. Het logboek wordt automatisch bewaard.",
                   "en": "Enter starts the chosen scenario. The journal is saved automatically."},
    # -- briefing -----------------------------------------------------------------------
    "briefing.heading": {"nl": "Briefing", "en": "Briefing"},
    "briefing.facts": {"nl": "Start {start} · beurt {turn} · {turns} beurten · duur {horizon} · budget {budget}",
                       "en": "Start {start} · turn {turn} · {turns} turns · runs {horizon} · budget {budget}"},
    "briefing.organisations": {"nl": "Organisaties en vitale processen", "en": "Organisations and vital processes"},
    "briefing.suppliers": {"nl": "Leveranciers en diensten", "en": "Suppliers and services"},
    "briefing.goals": {"nl": "Leerdoelen", "en": "Learning goals"},
    "briefing.start": {"nl": "Enter: naar de eerste beurt", "en": "Enter: to the first turn"},
    "briefing.back": {"nl": "Esc: terug naar de oefening", "en": "Esc: back to the exercise"},
    "briefing.many": {"nl": "Te veel processen voor een tabel: de beurtschermen tonen ze allemaal.",
                      "en": "Too many processes for a table: the turn screen shows them all."},
    "briefing.fallbacks": {"nl": "terugval", "en": "fallback"},
    "briefing.no_fallback": {"nl": "geen terugvaloptie", "en": "no fallback"},
    # -- columns ------------------------------------------------------------------------
    "col.process": {"nl": "Proces", "en": "Process"},
    "col.criticality": {"nl": "Krit.", "en": "Crit."},
    "col.capacity": {"nl": "Cap.", "en": "Cap."},
    "col.backlog": {"nl": "Achterstand", "en": "Backlog"},
    "col.late": {"nl": "Te laat", "en": "Late"},
    "col.backlog_now": {"nl": "Achterstand\n(nu)", "en": "Backlog\n(now)"},
    "col.late_total": {"nl": "Te laat\n(totaal)", "en": "Late\n(total)"},
    "col.mtpd": {"nl": "Onder MBCO / MTPD", "en": "Below MBCO / MTPD"},
    "col.mbco": {"nl": "MBCO", "en": "MBCO"},
    "col.norm": {"nl": "Norm", "en": "Norm"},
    "col.decision": {"nl": "Besluit", "en": "Decision"},
    "col.cost": {"nl": "Kosten", "en": "Cost"},
    "col.lead_time": {"nl": "Aanloop", "en": "Lead time"},
    "col.status": {"nl": "Kan nu?", "en": "Now?"},
    "col.demand": {"nl": "Vraag", "en": "Demand"},
    "col.on_time": {"nl": "Op tijd", "en": "On time"},
    "col.peak": {"nl": "Piek", "en": "Peak"},
    "col.disrupted": {"nl": "Onder MBCO", "en": "Below MBCO"},
    "col.verdict": {"nl": "MTPD overschreden", "en": "MTPD breached"},
    "col.verdict_short": {"nl": "MTPD over", "en": "Breached"},
    "col.mtpd_short": {"nl": "<MBCO/MTPD", "en": "<MBCO/MTPD"},
    "col.fallbacks": {"nl": "Terugvalopties", "en": "Fallbacks"},
    # -- criticality --------------------------------------------------------------------
    "crit.vital": {"nl": "vitaal", "en": "vital"},
    "crit.critical": {"nl": "kritiek", "en": "critical"},
    "crit.important": {"nl": "belangrijk", "en": "important"},
    "crit.normal": {"nl": "normaal", "en": "normal"},
    # -- status bar ---------------------------------------------------------------------
    "status.turn": {"nl": "Beurt {turn} van {turns}", "en": "Turn {turn} of {turns}"},
    "status.phase": {"nl": "Fase", "en": "Phase"},
    "status.budget": {"nl": "Budget over", "en": "Budget left"},
    "status.spent": {"nl": "uitgegeven", "en": "spent"},
    "status.continuity": {"nl": "Continuïteit", "en": "Continuity"},
    "status.finished": {"nl": "afgelopen", "en": "finished"},
    "status.vital": {"nl": "Vitaal binnen MTPD", "en": "Vital within MTPD"},
    "status.vital_of": {"nl": "{held} van {of}", "en": "{held} of {of}"},
    "phase.normal": {"nl": "normaal", "en": "normal"},
    "phase.lukewarm": {"nl": "lauw", "en": "lukewarm"},
    "phase.acute": {"nl": "acuut", "en": "acute"},
    "phase.recovery": {"nl": "herstel", "en": "recovery"},
    # -- panels -------------------------------------------------------------------------
    "panel.processes": {"nl": "Processen", "en": "Processes"},
    "panel.world": {"nl": "Leveranciers en diensten", "en": "Suppliers and services"},
    "panel.feed": {"nl": "Berichten", "en": "Messages"},
    "panel.decisions": {"nl": "Besluiten", "en": "Decisions"},
    "panel.pending": {"nl": "Onderweg", "en": "Under way"},
    "panel.trend": {"nl": "Verloop", "en": "Trend"},
    "panel.facilities": {"nl": "Noodvoorzieningen", "en": "Facilities"},
    # -- process status -----------------------------------------------------------------
    "mtpd.ok": {"nl": "ok", "en": "ok"},
    "mtpd.watch": {"nl": "let op", "en": "watch"},
    "mtpd.breach": {"nl": "OVER", "en": "OVER"},
    "mtpd.was_breached": {"nl": "was over", "en": "was over"},
    "below_mbco": {"nl": "onder MBCO", "en": "below MBCO"},
    # -- supplier and service status ----------------------------------------------------
    "supplier.healthy": {"nl": "gezond", "en": "healthy"},
    "supplier.distressed": {"nl": "in zwaar weer", "en": "distressed"},
    "supplier.failed": {"nl": "uitgevallen", "en": "failed"},
    "service.up": {"nl": "werkt", "en": "up"},
    "service.down": {"nl": "plat", "en": "down"},
    "service.partial": {"nl": "deels ({pct})", "en": "partly ({pct})"},
    "service.down_since": {"nl": "plat sinds {since}", "en": "down since {since}"},
    "facility.slots": {"nl": "{used} van {slots} plekken bezet", "en": "{used} of {slots} slots taken"},
    "facility.queue": {"nl": "{n} wachtend", "en": "{n} waiting"},
    # -- decisions ----------------------------------------------------------------------
    "decision.activate": {"nl": "Activeer", "en": "Activate"},
    "decision.deactivate": {"nl": "Stop", "en": "Stop"},
    "decision.available": {"nl": "ja", "en": "yes"},
    "decision.chosen": {"nl": "Gekozen: {n} ({cost}) — d: besluiten", "en": "Chosen: {n} ({cost}) — d: decide"},
    "decision.none_chosen": {"nl": "Spatie of Enter kiest een besluit; d neemt de gekozen besluiten.",
                             "en": "Space or Enter chooses a decision; d takes the chosen decisions."},
    "decision.over_budget": {"nl": "meer dan het budget dat over is", "en": "more than the budget left"},
    "decision.taken_this_turn": {"nl": "Deze beurt besloten: {items}", "en": "Decided this turn: {items}"},
    "decision.cannot_choose": {"nl": "Kan nu niet: {reason}", "en": "Not possible now: {reason}"},
    "decision.refused": {"nl": "Geweigerd: {title} — {reason}", "en": "Refused: {title} — {reason}"},
    "decision.taken": {"nl": "Besloten: {title}", "en": "Decided: {title}"},
    "decision.taken_n": {"nl": "{n} besluit(en) genomen", "en": "{n} decision(s) taken"},
    "decision.nothing": {"nl": "Niets gekozen: kies eerst met spatie of Enter.",
                         "en": "Nothing chosen: choose with space or Enter first."},
    "decision.effects": {"nl": "Effect", "en": "Effect"},
    "decision.when": {"nl": "Beschikbaar", "en": "Available"},
    "decision.lead_factor": {"nl": "aanlooptijd nu ×{factor}", "en": "lead time now ×{factor}"},
    "decision.fallback_of": {"nl": "Terugvaloptie voor {process}: {capacity} van de capaciteit",
                             "en": "Fallback for {process}: {capacity} of capacity"},
    "decision.per_day": {"nl": "{cost} per dag", "en": "{cost} per day"},
    "decision.stop_ends_cost": {"nl": "Stoppen werkt direct en stopt de kosten van {cost} per dag",
                                "en": "Stopping takes effect at once and ends the cost of {cost} per day"},
    "decision.stop_at_once": {"nl": "Stoppen werkt direct en kost niets",
                              "en": "Stopping takes effect at once and costs nothing"},
    "decision.at_once": {"nl": "direct", "en": "at once"},
    "decision.needs": {"nl": "heeft nodig: {services}", "en": "needs: {services}"},
    "decision.facility": {"nl": "bezet een plek in {facility}", "en": "takes a slot in {facility}"},
    # -- refusal codes ------------------------------------------------------------------
    "refusal.unknown": {"nl": "onbekend", "en": "unknown"},
    "refusal.unavailable": {"nl": "{when} niet beschikbaar", "en": "not available {when}"},
    "refusal.taken": {"nl": "al genomen", "en": "already taken"},
    "refusal.budget": {"nl": "te duur voor het resterende budget", "en": "costs more than the budget left"},
    "refusal.active": {"nl": "al actief", "en": "already active"},
    "refusal.inactive": {"nl": "niet actief", "en": "not active"},
    "refusal.now": {"nl": "nu", "en": "now"},
    "refusal.then": {"nl": "toen", "en": "then"},
    "refusal.finished": {"nl": "de oefening is afgelopen", "en": "the exercise has ended"},
    "short.unavailable": {"nl": "nu niet", "en": "not now"},
    "short.taken": {"nl": "genomen", "en": "taken"},
    "short.budget": {"nl": "te duur", "en": "too costly"},
    "short.active": {"nl": "actief", "en": "active"},
    "short.inactive": {"nl": "niet actief", "en": "inactive"},
    "short.finished": {"nl": "einde", "en": "ended"},
    "short.unknown": {"nl": "onbekend", "en": "unknown"},
    # -- pending ------------------------------------------------------------------------
    "pending.none": {"nl": "Niets onderweg.", "en": "Nothing under way."},
    "pending.in": {"nl": "over {d}", "en": "in {d}"},
    "pending.action": {"nl": "besluit werkt", "en": "decision takes effect"},
    "pending.fallback": {"nl": "terugval werkt", "en": "fallback works"},
    "pending.waiting": {"nl": "wacht op plek in {facility}", "en": "waits for a slot in {facility}"},
    "pending.active": {"nl": "Actieve terugvalopties", "en": "Active fallbacks"},
    # -- trend --------------------------------------------------------------------------
    "trend.continuity": {"nl": "Continuïteit", "en": "Continuity"},
    "trend.backlog": {"nl": "Achterstand", "en": "Backlog"},
    # -- feed ---------------------------------------------------------------------------
    "feed.new": {"nl": "NIEUW", "en": "NEW"},
    "news.none": {"nl": "Geen nieuwe berichten deze beurt.", "en": "No new messages this turn."},
    "news.count": {"nl": "{n} nieuw — zie Berichten", "en": "{n} new — see Messages"},
    "feed.empty": {"nl": "Nog geen berichten.", "en": "No messages yet."},
    "feed.facilitator": {"nl": "facilitator", "en": "facilitator"},
    "feed.action": {"nl": "Besluit genomen: {title}", "en": "Decision taken: {title}"},
    "feed.action_effective": {"nl": "Besluit werkt nu: {title}", "en": "Decision now in effect: {title}"},
    "feed.activate": {"nl": "Terugvaloptie geactiveerd: {title}", "en": "Fallback activated: {title}"},
    "feed.facility_wait": {"nl": "Wacht op een plek in {facility}: {title}",
                           "en": "Waiting for a slot in {facility}: {title}"},
    "feed.fallback_ready": {"nl": "Terugvaloptie werkt: {title}", "en": "Fallback working: {title}"},
    "story.nobody": {"nl": "niemand", "en": "nobody"},
    "story.list": {"nl": "{first} en {last}", "en": "{first} and {last}"},
    "story.unlimited": {"nl": "onbeperkt", "en": "unlimited"},
    "feed.fallback_blocked": {"nl": "Terugvaloptie werkt (nog) niet, wat zij nodig heeft ligt plat: {title}",
                              "en": "Fallback not working (yet), what it needs is down: {title}"},
    "feed.suppressed": {"nl": "Alleen voor de spelleiding: ‘{title}’ vervalt, het verloop maakte het zinloos",
                        "en": "Facilitator only: ‘{title}’ left out, the course of events made it meaningless"},
    "feed.deactivate": {"nl": "Terugvaloptie gestopt: {title}", "en": "Fallback stopped: {title}"},
    "feed.mtpd_breach": {"nl": "MTPD overschreden: {title}", "en": "MTPD breached: {title}"},
    "feed.note": {"nl": "Notitie", "en": "Note"},
    "source.supplier": {"nl": "leverancier", "en": "supplier"},
    "source.news": {"nl": "nieuws", "en": "news"},
    "source.media": {"nl": "media", "en": "media"},
    "source.ministry": {"nl": "ministerie", "en": "ministry"},
    "source.citizens": {"nl": "burgers", "en": "citizens"},
    "source.staff": {"nl": "medewerkers", "en": "staff"},
    "source.management": {"nl": "directie", "en": "management"},
    "source.partner": {"nl": "partner", "en": "partner"},
    "source.facilitator": {"nl": "facilitator", "en": "facilitator"},
    "severity.info": {"nl": "info", "en": "info"},
    "severity.warning": {"nl": "waarschuwing", "en": "warning"},
    "severity.critical": {"nl": "KRITIEK", "en": "CRITICAL"},
    # -- dialogs ------------------------------------------------------------------------
    "confirm.advance_empty": {
        "nl": "U heeft deze beurt niets besloten. Toch naar de volgende beurt ({time})?",
        "en": "You have decided nothing this turn. Go to the next turn ({time}) anyway?",
    },
    "confirm.advance_chosen": {
        "nl": "Er zijn {n} gekozen besluiten nog niet genomen. Eerst besluiten en dan door naar {time}?",
        "en": "{n} chosen decisions have not been taken yet. Decide them first, then go on to {time}?",
    },
    "confirm.advance": {"nl": "Volgende beurt", "en": "Next turn"},
    "confirm.keys": {"nl": "{again}Enter: ja · Esc: annuleren", "en": "{again}Enter: yes · Esc: cancel"},
    "confirm.keys_always": {"nl": "a: niet meer vragen", "en": "a: stop asking"},
    "confirm.always": {"nl": "Door, en niet meer vragen", "en": "Go on, and stop asking"},
    "confirm.decide_and_advance": {"nl": "Besluiten en door", "en": "Decide and go on"},
    "confirm.undo": {
        "nl": "Terug naar het begin van beurt {turn} ({time})? Wat sinds dat moment besloten en "
              "ingestuurd is vervalt: de besluiten van beurt {turn} en die van deze beurt. "
              "Het logboek houdt bij dat dit gebeurde.",
        "en": "Go back to the start of turn {turn} ({time})? What was decided and injected since "
              "then is dropped: the decisions of turn {turn} and those of this turn. "
              "The journal records that this happened.",
    },
    "undo.decisions": {"nl": "Dit draait {n} besluit(en) terug:", "en": "This undoes {n} decision(s):"},
    "undo.no_decisions": {"nl": "Er worden geen besluiten teruggedraaid.", "en": "No decisions are undone."},
    "undo.more": {"nl": "en nog {n}", "en": "and {n} more"},
    "undo.injects": {"nl": "en {n} inject(s) van de facilitator.", "en": "and {n} facilitator inject(s)."},
    "confirm.undo_button": {"nl": "Terugdraaien", "en": "Undo"},
    "confirm.quit": {
        "nl": "Stoppen? Het logboek is al veilig opgeslagen:\n{path}\nVerder spelen: oefening play --resume {path}",
        "en": "Quit? The journal is already safely saved:\n{path}\nTo continue: oefening play --resume {path}",
    },
    "confirm.quit_button": {"nl": "Stoppen", "en": "Quit"},
    "undo.nothing": {"nl": "Er is geen beurt om terug te draaien.", "en": "There is no turn to undo."},
    "undo.done": {"nl": "Beurt teruggedraaid: nu beurt {turn}.", "en": "Turn undone: now turn {turn}."},
    # -- inject dialog ------------------------------------------------------------------
    "inject.heading": {"nl": "Inject van de facilitator", "en": "Facilitator inject"},
    "inject.title": {"nl": "Kop", "en": "Headline"},
    "inject.text": {"nl": "Tekst (mag leeg)", "en": "Text (may be empty)"},
    "inject.send": {"nl": "Versturen", "en": "Send"},
    "inject.events": {"nl": "Of vuur een gebeurtenis uit het draaiboek af (Enter):",
                      "en": "Or fire an event from the storyline (Enter):"},
    "inject.no_events": {"nl": "Alle gebeurtenissen zijn al afgegaan.", "en": "Every event has already fired."},
    "inject.confirm_fire": {
        "nl": "Gebeurtenis \"{title}\" ({id}, {severity}) nu afvuren? Dit verandert de wereld van de "
              "oefening meteen; alleen een beurt terugdraaien (u) maakt het ongedaan.",
        "en": "Fire the event \"{title}\" ({id}, {severity}) now? This changes the exercise's world "
              "at once; only undoing a turn (u) takes it back.",
    },
    "inject.fire": {"nl": "Afvuren", "en": "Fire"},
    "inject.manual": {"nl": "handmatig", "en": "manual"},
    "inject.sent": {"nl": "Inject verstuurd: {title}", "en": "Inject sent: {title}"},
    "inject.fired": {"nl": "Gebeurtenis afgevuurd: {title}", "en": "Event fired: {title}"},
    "inject.fired_after": {"nl": "Gebeurtenis afgevuurd: {title}, na wat eraan voorafgaat: {earlier}",
                           "en": "Event fired: {title}, after what comes before it: {earlier}"},
    "inject.suppressed": {"nl": "Niet afgevuurd: {title}. ‘{blocker}’ kan na wat er gebeurd is niet meer plaatsvinden.",
                          "en": "Not fired: {title}. ‘{blocker}’ can no longer happen after what has happened."},
    "inject.not_fired": {"nl": "Kon niet afvuren: {title}", "en": "Could not fire: {title}"},
    "inject.need_title": {"nl": "Geef een kop.", "en": "Give a headline."},
    # -- note dialog --------------------------------------------------------------------
    "note.heading": {"nl": "Notitie van de waarnemer", "en": "Observer note"},
    "note.text": {"nl": "Wat ziet u?", "en": "What do you observe?"},
    "note.author": {"nl": "Naam (mag leeg)", "en": "Name (may be empty)"},
    "note.save": {"nl": "Bewaren", "en": "Save"},
    "note.saved": {"nl": "Notitie bewaard in het logboek.", "en": "Note saved in the journal."},
    # -- end screen ---------------------------------------------------------------------
    "end.heading": {"nl": "Einde van de oefening", "en": "End of the exercise"},
    "end.continuity": {"nl": "Continuïteitsscore", "en": "Continuity score"},
    "end.cost": {"nl": "Kosten {total} (besluiten en terugval {spent}, te late zaken {late})",
                 "en": "Cost {total} (decisions and fallbacks {spent}, late cases {late})"},
    "end.breaches": {"nl": "MTPD overschreden bij {n} van {total} processen",
                     "en": "MTPD breached for {n} of {total} processes"},
    "end.timeline": {"nl": "Tijdlijn: injects, besluiten en notities", "en": "Timeline: injects, decisions and notes"},
    "end.results": {"nl": "Resultaat per proces", "en": "Result per process"},
    "end.within": {"nl": "nee", "en": "no"},
    "end.breached_at": {"nl": "MTPD overschreden {at}", "en": "MTPD breached {at}"},
    "end.journal": {"nl": "Logboek: {path} — nabespreking: oefening report {path} -o verslag.html",
                    "en": "Journal: {path} — after-action report: oefening report {path} -o report.html"},
    # -- help ---------------------------------------------------------------------------
    "help.heading": {"nl": "Help", "en": "Help"},
    "help.keys": {"nl": "Toetsen", "en": "Keys"},
    "help.legend": {"nl": "Legenda", "en": "Legend"},
    "help.legend_text": {
        "nl": "Balk MTPD: hoe lang een proces al onder zijn MBCO zit, tegen zijn MTPD.\n"
              "  ● ok (< 50%)   ▲ let op (≥ 50%, oranje)   ✖ OVER: MTPD overschreden (rood)\n"
              "Capaciteit ▼: onder de MBCO (het minimum dat geleverd moet worden).\n"
              "Achterstand (nu): zaken die nu wachten. Te laat (totaal): zaken die langer dan de norm\n"
              "  wachtten, geteld sinds het begin van de oefening (kan dus groter zijn dan de achterstand).\n"
              "Leverancier: ● gezond   ▲ in zwaar weer (lauwe fase)   ✖ uitgevallen\n"
              "Dienst: ✔ werkt   ◐ deels   ✖ plat\n"
              "Besluiten: [x] gekozen, nog niet genomen; ✔ genomen; — kan nu niet (reden erbij).\n"
              "Berichten met NIEUW kwamen deze beurt binnen.",
        "en": "MTPD bar: how long a process has been below its MBCO, against its MTPD.\n"
              "  ● ok (< 50%)   ▲ watch (≥ 50%, amber)   ✖ OVER: MTPD breached (red)\n"
              "Capacity ▼: below the MBCO (the minimum that must be delivered).\n"
              "Backlog (now): cases waiting now. Late (total): cases that waited longer than the norm,\n"
              "  counted since the start of the exercise (so it can exceed the backlog).\n"
              "Supplier: ● healthy   ▲ distressed (lukewarm phase)   ✖ failed\n"
              "Service: ✔ up   ◐ partly   ✖ down\n"
              "Decisions: [x] chosen, not yet taken; ✔ taken; — not possible now (with the reason).\n"
              "Messages marked NEW arrived this turn.",
    },
    "help.flow": {
        "nl": "Per beurt: lees de berichten, kies besluiten (spatie/Enter), neem ze (d), ga door (n). "
              "Elk besluit staat in het logboek voordat de simulatie verder gaat.",
        "en": "Each turn: read the messages, choose decisions (space/Enter), take them (d), go on (n). "
              "Every decision is in the journal before the simulation moves on.",
    },
    "help.tab": {"nl": "Naar het volgende / vorige paneel", "en": "To the next / previous panel"},
    "help.language": {"nl": "Taal wisselen (Nederlands ↔ English)", "en": "Switch language (Nederlands ↔ English)"},
    "help.quit": {"nl": "Stoppen (vraagt eerst; q nogmaals bevestigt)", "en": "Quit (asks first; q again confirms)"},
    "help.ctrl_q": {"nl": "Meteen stoppen, zonder vraag (het logboek is al bewaard)",
                    "en": "Quit at once, without asking (the journal is already saved)"},
    "help.scroll": {"nl": "↑ ↓ PgUp PgDn: door deze help bladeren · Esc: sluiten",
                    "en": "↑ ↓ PgUp PgDn: scroll this help · Esc: close"},
    # -- conditions and effects in words (words.describe) --------------------------------
    "cond.supplier_is": {"nl": "{name} {status}", "en": "{name} {status}"},
    "cond.is_healthy": {"nl": "gezond is", "en": "is healthy"},
    "cond.is_distressed": {"nl": "in zwaar weer is", "en": "is distressed"},
    "cond.is_failed": {"nl": "uitgevallen is", "en": "has failed"},
    "cond.service_down": {"nl": "{name} is plat", "en": "{name} is down"},
    "cond.service_down_for": {"nl": "{name} is al {d} plat", "en": "{name} has been down for {d}"},
    "cond.event": {"nl": "na ‘{name}’", "en": "after ‘{name}’"},
    "cond.backlog_above": {"nl": "achterstand {name} boven {n}", "en": "backlog of {name} above {n}"},
    "cond.late_above": {"nl": "meer dan {n} te late zaken bij {name}", "en": "more than {n} late cases at {name}"},
    "cond.capacity_below": {"nl": "capaciteit {name} onder {pct}", "en": "capacity of {name} below {pct}"},
    "cond.time_after": {"nl": "vanaf {d} na de start", "en": "from {d} after the start"},
    "cond.and": {"nl": " én ", "en": " and "},
    "cond.or": {"nl": " of ", "en": " or "},
    "cond.not": {"nl": "niet: {x}", "en": "not: {x}"},
    "cond.only_while": {"nl": "alleen als {x}", "en": "only while {x}"},
    "cond.fx_supplier": {"nl": "{name} wordt {status}", "en": "{name} becomes {status}"},
    "cond.fx_service": {"nl": "{name} op {pct}", "en": "{name} at {pct}"},
    "cond.fx_rehost": {"nl": "{service} gaat naar {supplier}", "en": "{service} moves to {supplier}"},
    "cond.fx_demand": {"nl": "vraag {name} ×{f}", "en": "demand of {name} ×{f}"},
    "cond.fx_capacity": {"nl": "capaciteit {name} ×{f}", "en": "capacity of {name} ×{f}"},
    "cond.fx_budget": {"nl": "budget {sign}{amount}", "en": "budget {sign}{amount}"},
    "cond.fx_lead": {"nl": "aanlooptijd {name} ×{f}", "en": "lead time of {name} ×{f}"},
    "cond.fx_for": {"nl": " gedurende {d}", "en": " for {d}"},
    # -- the after-action report ----------------------------------------------------------
    "report.report": {"nl": "Evaluatierapport", "en": "After-action report"},
    "report.about": {"nl": "Oefening", "en": "Exercise"},
    "report.plan": {"nl": "Besloten door", "en": "Decided by"},
    "report.team": {"nl": "het crisisteam", "en": "the crisis team"},
    "report.start": {"nl": "Begin", "en": "Start"},
    "report.turns": {"nl": "Beurten", "en": "Turns"},
    "report.journal": {"nl": "Logboek", "en": "Journal"},
    "report.finished": {"nl": "tot het einde gespeeld", "en": "played to the end"},
    "report.stopped": {"nl": "gestopt bij beurt {turn} van {turns}", "en": "stopped at turn {turn} of {turns}"},
    "report.undos": {"nl": "Beurten teruggedraaid", "en": "Turns taken back"},
    "report.so_far": {"nl": "tot nu toe", "en": "so far"},
    "report.scores": {"nl": "Scores", "en": "Scores"},
    "report.scorecard": {"nl": "Scorekaart", "en": "Scorecard"},
    # -- the scorecard (oefening/report/scorecard.py) ----------------------------------------
    "unit.million": {"nl": "mln", "en": "M"},
    "card.vital": {"nl": "Vitale processen binnen MTPD", "en": "Vital processes within MTPD"},
    "card.critical": {"nl": "Kritieke processen binnen MTPD", "en": "Critical processes within MTPD"},
    "card.of": {"nl": "{k} van {n}", "en": "{k} of {n}"},
    "card.past": {"nl": "{name} {hours} over de MTPD (vanaf {at})", "en": "{name} {hours} past its MTPD (from {at})"},
    "card.all_held": {"nl": "geen enkel proces over de MTPD", "en": "none went past its MTPD"},
    "card.people": {"nl": "Getroffen mensen door te late zaken", "en": "People affected by late cases"},
    "card.cases": {"nl": "Zaken te laat of nog te laat", "en": "Cases late or still to be late"},
    "card.people_detail": {"nl": "te laat, of wachtend en zeker te laat",
                           "en": "late, or waiting and certain to be late"},
    "card.nobody_late": {"nl": "geen zaak te laat", "en": "no case late"},
    "card.mbco": {"nl": "Langste tijd onder MBCO", "en": "Longest time below MBCO"},
    "card.never_below": {"nl": "elk proces bleef op of boven zijn MBCO",
                         "en": "every process stayed at or above its MBCO"},
    "card.money": {"nl": "Uitgegeven t.o.v. budget", "en": "Spent against budget"},
    "card.money_of": {"nl": "{spent} van {budget} ({share})", "en": "{spent} of {budget} ({share})"},
    "card.money_free": {"nl": "{spent} (geen budget)", "en": "{spent} (no budget set)"},
    "card.late_cost": {"nl": "te late zaken kosten {late} extra: totaal {total}",
                       "en": "late cases cost {late} more: total {total}"},
    "card.no_late_cost": {"nl": "geen kosten voor te late zaken", "en": "no cost for late cases"},
    "card.continuity": {"nl": "Continuïteitsscore", "en": "Continuity score"},
    "card.continuity_value": {"nl": "{score} / 100", "en": "{score} / 100"},
    "card.projected": {"nl": "{projected} / 100 met de zaken die na de horizon nog te laat worden",
                       "en": "{projected} / 100 counting the cases that will be late after the horizon"},
    "card.so_far": {"nl": "tot nu toe", "en": "so far"},
    "card.hours": {"nl": "{n} u", "en": "{n} h"},
    "card.days": {"nl": "{d} d", "en": "{d} d"},
    "card.days_hours": {"nl": "{d} d {n} u", "en": "{d} d {n} h"},
    "report.trend_backlog": {"nl": "Totale achterstand per beurt", "en": "Total backlog per turn"},
    "report.processes": {"nl": "Processen", "en": "Processes"},
    "report.process": {"nl": "Proces", "en": "Process"},
    "report.criticality": {"nl": "Kritiekheid", "en": "Criticality"},
    "report.demand": {"nl": "Vraag", "en": "Demand"},
    "report.late": {"nl": "Te laat", "en": "Late"},
    "report.peak": {"nl": "Piek achterstand", "en": "Peak backlog"},
    "report.disrupted": {"nl": "Verstoord (u)", "en": "Disrupted (h)"},
    "report.briefing": {"nl": "Briefing en leerdoelen", "en": "Briefing and learning goals"},
    "report.course": {"nl": "Verloop van de oefening", "en": "Course of the exercise"},
    "report.turn": {"nl": "Beurt", "en": "Turn"},
    "report.event": {"nl": "Gebeurtenis", "en": "Event"},
    "report.by_facilitator": {"nl": "door de spelleiding", "en": "fired by the facilitator"},
    "report.inject": {"nl": "Inject spelleiding", "en": "Facilitator inject"},
    "report.refused": {"nl": "Geweigerd", "en": "Refused"},
    "report.action": {"nl": "Besluit", "en": "Decision"},
    "report.effective_at": {"nl": "werkt vanaf", "en": "takes effect"},
    "report.activate": {"nl": "Terugvaloptie aangezet", "en": "Fallback activated"},
    "report.deactivate": {"nl": "Terugvaloptie uitgezet", "en": "Fallback deactivated"},
    "report.action_effective": {"nl": "Werkt nu", "en": "Takes effect"},
    "report.fallback_ready": {"nl": "Terugvaloptie gereed", "en": "Fallback ready"},
    "report.fallback_blocked": {"nl": "Terugvaloptie werkt nog niet: wat zij nodig heeft ligt plat",
                                "en": "Fallback does not work yet: its needs are down"},
    "report.suppressed": {"nl": "Gebeurtenis vervallen: het verloop maakte haar zinloos",
                          "en": "Event left out: the story made it meaningless"},
    "report.facility_wait": {"nl": "Wacht op een plek", "en": "Waits for a slot"},
    "report.mtpd_breach": {"nl": "MTPD overschreden", "en": "MTPD breached"},
    "report.note": {"nl": "Notitie waarnemer", "en": "Observer's note"},
    "report.undo": {
        "nl": "Beurt {turn} is teruggedraaid; het team besloot opnieuw",
        "en": "Turn {turn} was taken back; the team decided again",
    },
    "report.notices": {"nl": "Meldingen", "en": "Notices"},
    # -- a result's words: run's table in the terminal, and the report where they agree ---
    "result.scenario": {"nl": "Scenario", "en": "Scenario"},
    "result.plan": {"nl": "Plan", "en": "Plan"},
    "result.nobody": {"nl": "niemand handelt", "en": "nobody acts"},
    "result.seed": {"nl": "Seed", "en": "Seed"},
    "result.continuity": {"nl": "Continuïteit", "en": "Continuity"},
    "result.cost": {"nl": "Kosten", "en": "Cost"},
    "result.breaches": {"nl": "MTPD-overschrijdingen", "en": "MTPD breaches"},
    "result.process": {"nl": "proces", "en": "process"},
    "result.criticality": {"nl": "krit.", "en": "crit."},
    "result.demand": {"nl": "vraag", "en": "demand"},
    "result.late": {"nl": "te laat", "en": "late"},
    "result.peak_backlog": {"nl": "piek achterstand", "en": "peak backlog"},
    "result.backlog_end": {"nl": "achterstand eind", "en": "backlog end"},
    "result.disrupted": {"nl": "verstoord", "en": "disrupted"},
    "result.breach_at": {"nl": "MTPD overschreden op", "en": "MTPD breached at"},
    "result.projected": {"nl": "verwacht", "en": "projected"},
    "result.to_be_late": {"nl": "+ nog te laat", "en": "+ to be late"},
    # -- montecarlo: the summary in the terminal -------------------------------------------
    "mc.title": {"nl": "Monte Carlo", "en": "Monte Carlo"},
    "mc.replications": {"nl": "replicaties", "en": "replications"},
    "mc.seed": {"nl": "seed", "en": "seed"},
    "mc.partial": {
        "nl": "ONVOLLEDIG: {done} van {requested} replicaties voltooid",
        "en": "PARTIAL: {done} of {requested} replications completed",
    },
    "mc.plan": {"nl": "plan", "en": "plan"},
    "mc.continuity": {"nl": "continuïteit", "en": "continuity"},
    "mc.cost": {"nl": "kosten (euro)", "en": "cost (euro)"},
    "mc.breach": {"nl": "Kans op MTPD-overschrijding", "en": "MTPD breach probability"},
    "mc.process": {"nl": "proces", "en": "process"},
    "mc.never": {"nl": "nog {count} processen nooit overschreden", "en": "{count} more processes never breached"},
    "mc.none": {"nl": "geen enkel proces overschreden", "en": "no process ever breached"},
    "mc.difference": {
        "nl": "Gepaarde verschillen op dezelfde werelden (gemiddelde, 95%-interval)",
        "en": "Paired differences on the same worlds (mean, 95 % interval)",
    },
    "mc.team": {
        "nl": "De eigen wereld van het team (seed {seed}, replicatie 0): continuïteit {value:.1f}, "
              "percentiel {pct:.0f} van de teambesluiten over de N werelden; als niemand handelt daar: "
              "percentiel {base:.0f}",
        "en": "The team's own world (seed {seed}, replication 0): continuity {value:.1f}, percentile "
              "{pct:.0f} of the team's decisions over the N worlds; nobody acting there: percentile "
              "{base:.0f}",
    },
    # -- play: when the screen closes ------------------------------------------------------
    "play.resume": {
        "nl": "logboek: {path}\nga verder met: oefening play --resume {path}",
        "en": "journal: {path}\nto go on: oefening play --resume {path}",
    },
}


def tr(key: str, lang: str, **values: Any) -> str:
    """The text for ``key`` in ``lang`` (English when missing), with ``values`` filled in."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**values) if values else text


def other(lang: str) -> str:
    """The other language: nl ↔ en."""
    return "en" if lang == "nl" else "nl"
