"""The words of an exercise played by several teams, in Dutch and English: the team console
(``oefening join``) and the facilitator's overview of the teams (keys → ``{nl, en}``, looked
up like every other UI word)."""

from __future__ import annotations

TEAMS: dict[str, dict[str, str]] = {
    # -- keys ------------------------------------------------------------------------------
    "key.ready": {"nl": "Klaar", "en": "Ready"},
    "help.team_flow": {
        "nl": "Per beurt: lees de berichten, kies besluiten voor je eigen organisaties (spatie/Enter), neem ze (d) "
              "en zeg klaar (r); de facilitator gaat door. Schrijf andere teams of de coördinatie (m) en deel je "
              "organisaties met wie je wilt (s). Alles staat in het logboek.",
        "en": "Each turn: read the messages, choose decisions for your own organisations (space/Enter), take "
              "them (d) and say ready (r); the facilitator goes on. Write to other teams or the coordination (m) "
              "and share your organisations with whom you choose (s). Everything is in the journal.",
    },
    "key.message": {"nl": "Bericht", "en": "Message"},
    "key.teams": {"nl": "Teams", "en": "Teams"},
    "key.share": {"nl": "Delen", "en": "Share"},
    "key.auto_advance": {"nl": "Door als iedereen klaar is", "en": "Advance when all ready"},
    # -- the team console -----------------------------------------------------------------------
    "team.sub_title": {"nl": "teamscherm: {team}", "en": "team console: {team}"},
    "team.coordination": {"nl": "coördinatie", "en": "coordination"},
    "team.own": {"nl": "Eigen organisaties", "en": "Own organisations"},
    "team.shared_by": {"nl": "⇄ gedeeld met jullie door {teams}", "en": "⇄ shared with you by {teams}"},
    "team.ready_now": {"nl": "✔ Je team is klaar voor deze beurt; de facilitator gaat door.",
                       "en": "✔ Your team is ready for this turn; the facilitator advances."},
    "team.ready_waiting": {"nl": "✔ Je team is klaar; de beurt gaat door zodra ook klaar is: {teams}.",
                           "en": "✔ Your team is ready; the turn goes on once these are ready too: {teams}."},
    "team.ready_auto": {"nl": "✔ Je team is klaar; de beurt gaat zo door.",
                        "en": "✔ Your team is ready; the turn goes on in a moment."},
    "team.not_ready": {"nl": "Niet klaar: neem besluiten (d), zeg dan klaar (r).",
                       "en": "Not ready: take decisions (d), then say ready (r)."},
    "team.others_ready": {"nl": "Klaar: {teams}", "en": "Ready: {teams}"},
    "team.nobody_ready": {"nl": "Nog geen ander team klaar", "en": "No other team ready yet"},
    "team.said_ready": {"nl": "Je hebt gezegd dat je team klaar is.", "en": "You said your team is ready."},
    "team.already_ready": {"nl": "Je team is al klaar voor deze beurt.",
                           "en": "Your team is ready for this turn already."},
    "team.turned": {"nl": "Nu beurt {turn}.", "en": "Now turn {turn}."},
    "team.finished": {"nl": "De oefening is afgelopen.", "en": "The exercise has ended."},
    "team.continuity": {"nl": "Eigen continuïteit: {value}", "en": "Own continuity: {value}"},
    "team.reserve": {"nl": "Reserve om vrij te geven: {amount}", "en": "Reserve to release: {amount}"},
    "team.undone": {
        "nl": "De facilitator heeft een beurt teruggedraaid: terug naar het begin van beurt {turn}. Wat jullie "
              "sinds dat moment besloten, en jullie 'klaar', is vervallen: besluit opnieuw en zeg weer klaar (r).",
        "en": "The facilitator took back a turn: back to the start of turn {turn}. What your team decided since "
              "then, and its ready, is undone: decide again and say ready again (r)."},
    "team.taken_back": {"nl": "↶ Beurt {turn} opnieuw (teruggedraaid)", "en": "↶ Turn {turn} again (taken back)"},
    "undo.teams": {
        "nl": "Ook de besluiten en 'klaar' van de teams sinds dat moment vervallen; hun schermen zeggen het hun.",
        "en": "The teams' decisions and ready marks since then are undone too; their consoles tell them."},
    "undo.done_teams": {"nl": "Beurt teruggedraaid: nu beurt {turn}. De teams zien het op hun scherm en "
                              "zeggen opnieuw klaar.",
                        "en": "Turn undone: now turn {turn}. The teams see it on their consoles and say "
                              "ready again."},
    "team.rejoined": {"nl": "Weer aangesloten bij beurt {turn}.", "en": "Rejoined at turn {turn}."},
    # -- the coordination's powers, as decisions ---------------------------------------------------
    "decision.allocate": {"nl": "Plaats toewijzen", "en": "Give the place"},
    "decision.allocate_detail": {
        "nl": "Geeft deze uitwijk nu een plaats in {facility}, in plaats van wie het eerst komt: is er geen plaats "
              "vrij, dan staat de organisatie die haar plaats het laatst kreeg (en niet van de coördinatie) hem af "
              "en gaat vooraan in de wachtrij.",
        "en": "Gives this fallback a place at {facility} now, instead of first come, first served: with no place "
              "free, the organisation that got its place last (and not from coordination) gives it up and goes "
              "to the front of the waiting list."},
    "decision.priority": {"nl": "Voorrang bij {facility}: {organisations} eerst",
                          "en": "Priority at {facility}: {organisations} first"},
    "decision.priority_detail": {
        "nl": "Zet de wachtrij van {facility} op volgorde: de uitwijk van deze organisatie eerst, de rest daarna; "
              "binnen elke groep wie het eerst komt.",
        "en": "Orders the waiting list of {facility}: this organisation's fallbacks first, the others after; "
              "first come, first served within each."},
    "decision.release": {"nl": "{amount} vrijgeven aan {team}", "en": "Release {amount} to {team}"},
    "decision.release_detail": {
        "nl": "Uit de reserve van de coördinatie naar het eigen budget van het team.",
        "en": "From the coordination's reserve to the team's own budget."},
    "key.release_budget": {"nl": "Budget vrijgeven", "en": "Release budget"},
    "release.heading": {"nl": "Budget vrijgeven uit de reserve (nog {reserve})",
                        "en": "Release budget from the reserve ({reserve} left)"},
    "release.team": {"nl": "Aan team ({teams})", "en": "To team ({teams})"},
    "release.amount": {"nl": "Bedrag in euro (Enter geeft vrij)", "en": "Amount in euros (Enter releases)"},
    "release.unknown_team": {"nl": "Geen team {team} met een eigen budget; kies uit: {teams}",
                             "en": "No team {team} with a budget of its own; choose from: {teams}"},
    "release.not_a_number": {"nl": "{amount} is geen bedrag; typ een aantal euro, bijvoorbeeld 25000",
                             "en": "{amount} is not an amount; type a number of euros, for example 25000"},
    "release.not_positive": {"nl": "Het bedrag moet meer dan € 0 zijn", "en": "The amount must be more than €0"},
    "release.over_reserve": {"nl": "{amount} is meer dan de reserve: er is nog {reserve}",
                             "en": "{amount} is more than the reserve: {reserve} is left"},
    "release.none": {"nl": "Geen team heeft een eigen budget om aan vrij te geven.",
                     "en": "No team has a budget of its own to release money to."},
    "release.empty": {"nl": "De reserve is op.", "en": "The reserve is spent."},
    "release.done": {"nl": "{amount} vrijgegeven aan {team}.", "en": "Released {amount} to {team}."},
    "allocate.holding": {
        "nl": "Plaats toewijzen staat bij wie wacht; niet bij wie al een plaats heeft ({fallbacks}): dat "
              "verandert nu niets.",
        "en": "Give the place is offered for fallbacks that wait; not for those that hold a place already "
              "({fallbacks}): that changes nothing now."},
    "allocate.holding_only": {
        "nl": "Niemand wacht op een plaats: wie er een heeft ({fallbacks}) houdt hem; toewijzen verandert nu niets.",
        "en": "Nobody waits for a place: those that hold one ({fallbacks}) keep it; giving places changes "
              "nothing now."},
    "allocate.nobody": {"nl": "Niemand gebruikt of wacht op een gedeelde plaats: er is niets toe te wijzen.",
                        "en": "Nobody uses or waits for a shared place: there is nothing to give."},
    # -- messages between teams -----------------------------------------------------------------
    "panel.team_messages": {"nl": "Berichten tussen teams", "en": "Messages between teams"},
    "panel.teams": {"nl": "Teams", "en": "Teams"},
    "message.heading": {"nl": "Bericht aan een ander team", "en": "Message to another team"},
    "message.to": {"nl": "Aan", "en": "To"},
    "message.text": {"nl": "Bericht (Enter verstuurt)", "en": "Message (Enter sends)"},
    "message.send": {"nl": "Versturen", "en": "Send"},
    "message.sent": {"nl": "Bericht verstuurd aan {to}.", "en": "Message sent to {to}."},
    "message.none": {"nl": "Nog geen berichten.", "en": "No messages yet."},
    "message.arrow": {"nl": "{sender} → {to}", "en": "{sender} → {to}"},
    "message.all": {"nl": "iedereen", "en": "everyone"},
    "message.facilitator": {"nl": "facilitator", "en": "facilitator"},
    "message.new": {"nl": "Nieuw bericht van {sender}", "en": "New message from {sender}"},
    # -- sharing with other teams -------------------------------------------------------------------
    "share.heading": {"nl": "Je organisaties delen", "en": "Share your organisations"},
    "share.explain": {"nl": "Wie je deelt, ziet vanaf nu je processen, achterstand en uitwijk zoals jij ze ziet.",
                      "en": "Whoever you share with sees your processes, backlog and fallbacks as you do, "
                            "from now on."},
    "share.hint": {"nl": "↑/↓ kiezen · Enter delen aan/uit · Esc sluiten",
                   "en": "↑/↓ choose · Enter share on/off · Esc close"},
    "share.on": {"nl": "Gedeeld met {to}.", "en": "Shared with {to}."},
    "share.off": {"nl": "Niet meer gedeeld met {to}.", "en": "No longer shared with {to}."},
    "share.nothing": {"nl": "De coördinatie heeft geen eigen organisaties om te delen.",
                      "en": "The coordination has no organisations of its own to share."},
    # -- the facilitator's overview of the teams --------------------------------------------------
    "teams.heading": {"nl": "Teams: wie heeft besloten, wie is klaar", "en": "Teams: who decided, who is ready"},
    "teams.decided": {"nl": "besloten", "en": "decided"},
    "teams.not_decided": {"nl": "nog niets besloten", "en": "nothing decided yet"},
    "teams.ready": {"nl": "klaar", "en": "ready"},
    "teams.not_ready": {"nl": "niet klaar", "en": "not ready"},
    "teams.line": {"nl": "{ready} van {of} teams klaar", "en": "{ready} of {of} teams ready"},
    "teams.vital": {"nl": "vitaal binnen MTPD {held} van {of}", "en": "vital within MTPD {held} of {of}"},
    "teams.late": {"nl": "te laat {n}", "en": "late {n}"},
    "teams.backlog": {"nl": "achterstand {n}", "en": "backlog {n}"},
    "teams.auto_on": {"nl": "AAN: de beurt gaat door zodra elk team met een open scherm klaar is; een team "
                            "zonder scherm houdt niets op (a zet uit)",
                      "en": "ON: the turn advances once every team with its console open is ready; a team "
                            "without a console holds nothing up (a switches off)"},
    "teams.auto_off": {"nl": "uit: de facilitator gaat door (n); a: door als iedereen klaar is",
                       "en": "off: the facilitator advances (n); a: advance when every team is ready"},
    "teams.auto": {"nl": "Automatisch door", "en": "Advance by itself"},
    "teams.advanced": {"nl": "Elk team is klaar: door naar beurt {turn}.",
                       "en": "Every team is ready: on to turn {turn}."},
    "teams.advanced_without": {"nl": "Elk team met een open scherm is klaar: door naar beurt {turn} (niet gewacht "
                                     "op {teams}, zonder scherm).",
                               "en": "Every team with its console open is ready: on to turn {turn} (not waited "
                                     "for {teams}, without a console)."},
    "teams.console_open": {"nl": "scherm open", "en": "console open"},
    "teams.consoles_open": {"nl": "{n} schermen open", "en": "{n} consoles open"},
    "teams.no_console": {"nl": "geen scherm", "en": "no console"},
    "teams.console_lost": {"nl": "scherm weggevallen", "en": "console lost"},
    "teams.console_lost_long": {"nl": "scherm weggevallen (niet gesloten): deze beurt wordt nog op het team gewacht",
                                "en": "console lost (not closed): the turn still waits for the team this turn"},
    "teams.waiting": {"nl": "wacht op {teams}", "en": "waiting for {teams}"},
    "teams.nobody_at_console": {"nl": "geen teamscherm open: de facilitator gaat door (n)",
                                "en": "no team console open: the facilitator advances (n)"},
    "teams.join_heading": {"nl": "Zo sluiten de teams aan", "en": "How the teams join"},
    "teams.join_hint": {
        "nl": "Geef elk team zijn opdracht; het typt die in een eigen terminal (of tmux-venster) op deze machine. "
              "Met oefening serve krijgt elk team in plaats daarvan een eigen link.",
        "en": "Give each team its command; it types it in a terminal (or tmux window) of its own on this machine. "
              "With oefening serve each team gets a link of its own instead."},
    "teams.join_toast": {"nl": "Teams sluiten aan met: {command} (en zo voort; g toont de opdracht van elk team)",
                         "en": "Teams join with: {command} (and so on; g shows every team's command)"},
    "teams.hint": {"nl": "a automatisch door aan/uit · m bericht aan een team · Esc sluiten",
                   "en": "a advance by itself on/off · m message to a team · Esc close"},
}
