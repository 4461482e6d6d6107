"""The words of the facilitator's console and the players' view, in Dutch and English
(keys → ``{nl, en}``, looked up like every other UI word)."""

from __future__ import annotations

CONSOLE: dict[str, dict[str, str]] = {
    # -- keys -----------------------------------------------------------------------------
    "key.direct": {"nl": "Regie", "en": "Direction"},
    "key.timer": {"nl": "Timer start/pauze", "en": "Timer start/pause"},
    "key.players": {"nl": "Spelersscherm", "en": "Players' view"},
    "key.release": {"nl": "Vrijgeven", "en": "Release"},
    "key.hold": {"nl": "Vasthouden", "en": "Hold"},
    "key.edit": {"nl": "Tekst wijzigen", "en": "Edit text"},
    "key.drop": {"nl": "Schrappen", "en": "Drop"},
    "key.ask": {"nl": "Vraag stellen", "en": "Put question"},
    "key.close": {"nl": "Sluiten", "en": "Close"},
    # -- the status line ----------------------------------------------------------------------
    "status.waiting": {"nl": "{n} inject(s) wachten op vrijgave (f)", "en": "{n} inject(s) waiting for release (f)"},
    "status.timer": {"nl": "Discussie", "en": "Discussion"},
    "status.paused": {"nl": "gepauzeerd", "en": "paused"},
    # -- stage directions in the console's feed -----------------------------------------------
    "stage.due": {"nl": "⏸ WACHT OP VRIJGAVE (f)", "en": "⏸ WAITING FOR RELEASE (f)"},
    "stage.held": {"nl": "⏸ VASTGEHOUDEN", "en": "⏸ HELD BACK"},
    "stage.released": {"nl": "✔ vrijgegeven", "en": "✔ released"},
    "stage.dropped": {"nl": "✖ geschrapt (spelers zien dit niet)", "en": "✖ dropped (players never see it)"},
    "stage.edited": {"nl": "tekst gewijzigd", "en": "text edited"},
    # -- the direction dialog ----------------------------------------------------------------
    "direct.heading": {"nl": "Regie: alleen voor de facilitator", "en": "Direction: for the facilitator only"},
    "direct.waiting": {"nl": "Injects die op vrijgave wachten", "en": "Injects waiting for release"},
    "direct.none_waiting": {"nl": "Er wachten geen injects.", "en": "No injects are waiting."},
    "direct.hint": {"nl": "r vrijgeven · h vasthouden · e tekst wijzigen · x schrappen · Esc sluiten",
                    "en": "r release · h hold · e edit the text · x drop · Esc close"},
    "direct.questions": {"nl": "Discussievragen voor deze beurt", "en": "Discussion questions for this turn"},
    "direct.no_questions": {"nl": "Geen vragen voor deze beurt in het scenario.",
                            "en": "No questions for this turn in the scenario."},
    "direct.own_question": {"nl": "Eigen vraag (Enter stelt hem)", "en": "Your own question (Enter puts it)"},
    "direct.asked": {"nl": "gesteld", "en": "asked"},
    "direct.ahead": {"nl": "Het draaiboek vooruit (spelers zien dit niet)",
                     "en": "The storyline ahead (players never see this)"},
    "direct.nothing_ahead": {"nl": "Geen gebeurtenissen meer in het draaiboek.",
                             "en": "No more events in the storyline."},
    "direct.timer": {"nl": "Discussietimer: {left} van {length} ({state}) · t start/pauze",
                     "en": "Discussion timer: {left} of {length} ({state}) · t start/pause"},
    "direct.timer_idle": {"nl": "niet gestart", "en": "not started"},
    "direct.timer_running": {"nl": "loopt", "en": "running"},
    "direct.timer_paused": {"nl": "gepauzeerd", "en": "paused"},
    "direct.released": {"nl": "Vrijgegeven: {title}", "en": "Released: {title}"},
    "direct.held": {"nl": "Vastgehouden: {title}", "en": "Held back: {title}"},
    "direct.dropped": {"nl": "Geschrapt: {title}", "en": "Dropped: {title}"},
    "direct.edited": {"nl": "Gewijzigd: {title}", "en": "Edited: {title}"},
    "direct.cannot": {"nl": "Dat kan nu niet met deze inject.", "en": "That cannot be done with this inject now."},
    "direct.question_put": {"nl": "Vraag gesteld: {text}", "en": "Question put: {text}"},
    "direct.edit_heading": {"nl": "Tekst van de inject wijzigen", "en": "Edit the inject's text"},
    "direct.stale": {"nl": "klopt niet meer", "en": "no longer true"},
    # -- releasing an inject the world no longer bears out (ui/screens/premise.py) --------------
    "premise.heading": {"nl": "Dit bericht klopt niet meer met de gesimuleerde wereld",
                        "en": "This message no longer matches the simulated world"},
    "premise.heading_old": {"nl": "Klopt dit bericht nog met de gesimuleerde wereld?",
                            "en": "Does this message still match the simulated world?"},
    "premise.expects": {"nl": "Het gaat ervan uit dat {condition}; dat is nu niet zo.",
                        "en": "It presupposes that {condition}; that is not so now."},
    "premise.ended": {"nl": "Wat het beschrijft is voorbij: {effect}, afgelopen {time}.",
                      "en": "What it describes is over: {effect}, ended {time}."},
    "premise.old": {"nl": "Het kwam {ago} geleden binnen ({time}); wat het over ‘nu’ zegt, kan verouderd zijn.",
                    "en": "It came in {ago} ago ({time}); what it says about ‘now’ may be out of date."},
    "premise.keys": {"nl": "r toch vrijgeven · e eerst tekst wijzigen · x schrappen · Esc terug",
                     "en": "r release anyway · e reword first · x drop · Esc back"},
    "premise.release": {"nl": "Toch vrijgeven", "en": "Release anyway"},
    "premise.edit": {"nl": "Wijzigen, dan vrijgeven", "en": "Reword, then release"},
    "premise.drop": {"nl": "Schrappen", "en": "Drop"},
    "direct.to": {"nl": "Aan: {to}", "en": "To: {to}"},
    "direct.expected": {"nl": "Verwachte actie: {action}", "en": "Expected action: {action}"},
    "direct.notes": {"nl": "Notities: {notes}", "en": "Notes: {notes}"},
    # -- the storyline ahead -------------------------------------------------------------------
    "ahead.at": {"nl": "om {time}", "en": "at {time}"},
    "ahead.at_about": {"nl": "rond {time} (toeval)", "en": "around {time} (random)"},
    "ahead.after": {"nl": "{delay} na «{event}»", "en": "{delay} after «{event}»"},
    "ahead.when": {"nl": "zodra {condition}", "en": "as soon as {condition}"},
    "ahead.manual": {"nl": "alleen met de hand (i)", "en": "by hand only (i)"},
    "ahead.chance": {"nl": "kans {p}", "en": "chance {p}"},
    "ahead.silent": {"nl": "(geen bericht)", "en": "(no message)"},
    # -- ad-hoc injects ------------------------------------------------------------------------
    "inject.source": {"nl": "Bron", "en": "Source"},
    "inject.severity": {"nl": "Ernst", "en": "Severity"},
    # -- the players' view -------------------------------------------------------------------
    "players.sub_title": {"nl": "spelersscherm", "en": "players' view"},
    "players.questions": {"nl": "Vraag aan het team", "en": "Question for the team"},
    "players.waiting": {"nl": "Wacht op het logboek…", "en": "Waiting for the journal…"},
    "players.opened": {"nl": "Spelersscherm geopend in een nieuw venster.",
                       "en": "Players' view opened in a new window."},
    "players.command": {"nl": "Open het spelersscherm in een ander venster met:\n{command}",
                        "en": "Open the players' view in another window with:\n{command}"},
    "panel.questions": {"nl": "Vraag aan het team", "en": "Question for the team"},
    # -- a long table's virtual rows (oefening/ui/widgets/table.py) ---------------------------
    "table.above": {"nl": "↑ nog {n} rijen hierboven (↑, PgUp, Home)", "en": "↑ {n} more rows above (↑, PgUp, Home)"},
    "table.below": {"nl": "↓ nog {n} rijen hieronder (↓, PgDn, End)", "en": "↓ {n} more rows below (↓, PgDn, End)"},
}


def minutes_seconds(seconds: float) -> str:
    """A discussion timer's time left: ``12:05``, ``0:09`` (rounded up to the second, so it
    shows 0:00 only once the time is up)."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"
