"""``oefening new SCENARIO.yaml``: a commented starting scenario to edit.

One organisation with one process and one fallback, one supplier with one service, and a
two-event storyline (a lukewarm phase, then the outage). Every key is explained in a comment
in English and Dutch, and the file passes ``check`` and plays as it is.
"""

from __future__ import annotations

import re

STARTER = """\
# yaml-language-server: $schema=oefening.schema.json
#
# A starting scenario: edit it, then `oefening check {file}` and `oefening play {file}`.
# Een beginscenario: pas het aan, dan `oefening check {file}` en `oefening play {file}`.
# Every key: docs/scenario-format.md. Elke sleutel: docs/scenario-format.md.
format: 1
id: {id}                              # lower-case letters, digits, - and _ / kleine letters, cijfers, - en _
title: {{nl: Uitval van de zaaksysteemleverancier, en: Outage of the case-system supplier}}
briefing:
  nl: >-
    U bent het crisisteam van de Uitvoeringsorganisatie. Het zaaksysteem draait bij
    leverancier Voorbeeld BV. Er gaan geruchten dat het slecht gaat met de leverancier.
  en: >-
    You are the crisis team of the Uitvoeringsorganisatie. The case system is run by the
    supplier Voorbeeld BV. There are rumours that the supplier is in trouble.
start: {start}       # with a time zone / met tijdzone
turn: 4h                                  # time between two meetings / tijd tussen twee overleggen
horizon: 7d                               # how long it runs / hoe lang de oefening duurt

suppliers:
  - {{id: voorbeeld, name: Voorbeeld BV}}
services:
  # a service is down while its supplier has failed / een dienst ligt plat zolang zijn leverancier failliet is
  - {{id: zaaksysteem, name: Zaaksysteem, supplier: voorbeeld}}

organisations:
  - id: uitvoering
    name: Uitvoeringsorganisatie
    processes:
      - id: aanvragen
        name: Aanvragen behandelen
        criticality: vital                # vital | critical | important | normal
        demand: 20                        # cases per hour / zaken per uur
        capacity: 25                      # cases per hour at full strength / zaken per uur op volle sterkte
        needs: [zaaksysteem]              # services it needs / diensten die het nodig heeft
        mbco: 0.5                         # below half capacity: disrupted / onder de helft: verstoord
        mtpd: 72h                         # longest tolerable disruption / langst toelaatbare verstoring
        norm: 24h                         # a case waiting longer is late / langer wachten is te laat
        fallbacks:
          - id: papier
            name: Noodprocedure op papier
            capacity: 0.4                 # 40 % of normal capacity / 40 % van de normale capaciteit
            lead_time: 8h                 # time until it works / tijd tot het werkt
            cost: 5000                    # euro on activation / euro bij activeren
            cost_per_day: 2000            # euro per day while active / euro per dag zolang actief

events:
  - id: signalen                          # the lukewarm phase / de lauwe fase
    at: 4h
    inject:
      # source: supplier, news, media, ministry, citizens, staff, management, partner, facilitator
      source: news
      severity: warning                   # info, warning, critical
      title: {{nl: Voorbeeld BV in zwaar weer, en: Voorbeeld BV in trouble}}
      text:
        nl: De krant meldt dat Voorbeeld BV zijn leveranciers niet meer betaalt.
        en: The newspaper reports that Voorbeeld BV no longer pays its own suppliers.
    effects:
      - supplier: {{id: voorbeeld, status: distressed}}
  - id: storing
    at: {{dist: triangular, low: 12h, mode: 1d, high: 2d}}   # random / willekeurig
    inject:
      source: staff
      severity: critical
      title: {{nl: Zaaksysteem onbereikbaar, en: Case system unreachable}}
      text:
        nl: Medewerkers kunnen niet meer inloggen; Voorbeeld BV neemt de telefoon niet op.
        en: Staff can no longer log in; Voorbeeld BV does not answer the phone.
    effects:
      - service: {{id: zaaksysteem, availability: 0, duration: {{dist: lognormal, median: 2d, p90: 4d}}}}

# Activating the fallback is always a decision on offer; add your own actions here.
# De terugvaloptie activeren kan altijd; voeg hier eigen besluiten toe.
actions: []
"""


def slug_of(file_name: str) -> str:
    """A scenario id from a file name: ``Mijn Oefening.yaml`` → ``mijn-oefening``."""
    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")[:64].strip("-_")
    return slug or "mijn-oefening"


def starter_text(file_name: str, start: str) -> str:
    """The starting scenario for a file named ``file_name`` (its id from the name)."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    import shlex

    return STARTER.format(id=slug_of(file_name), start=start, file=shlex.quote(name))
