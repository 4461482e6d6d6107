"""The words of the analysis commands (analyse, stress, sweep, sensitivity) in Dutch and English.

The same shape as the product's word table (:mod:`oefening.words.table`), kept apart so the
analysis commands' many words do not crowd it: a key to ``{"nl": …, "en": …}``, looked up
with :func:`say`, which falls back to the product's table (criticalities, "none").
"""

from __future__ import annotations

from typing import Any

from oefening.words.table import tr

TEXTS: dict[str, dict[str, str]] = {
    # -- the dependency map ---------------------------------------------------------------
    "map.title": {"nl": "Afhankelijkheden", "en": "Dependency map"},
    "map.suppliers": {"nl": "Leveranciers → diensten → processen", "en": "Suppliers → services → processes"},
    "map.organisations": {"nl": "Organisaties → processen → terugvalopties",
                          "en": "Organisations → processes → fallbacks"},
    "map.facilities": {"nl": "Gedeelde voorzieningen", "en": "Shared facilities"},
    "map.no_suppliers": {"nl": "(geen leveranciers)", "en": "(no suppliers)"},
    "map.unused": {"nl": "(door niemand gebruikt)", "en": "(used by nobody)"},
    "map.needs": {"nl": "heeft nodig", "en": "needs"},
    "map.nothing": {"nl": "niets", "en": "nothing"},
    "map.fallback": {"nl": "terugval", "en": "fallback"},
    "map.no_fallback": {"nl": "geen terugvaloptie", "en": "no fallback"},
    "map.facility": {"nl": "voorziening", "en": "facility"},
    "map.lead": {"nl": "aanlooptijd {hours}", "en": "lead time {hours}"},
    "map.lead_upto": {"nl": "aanlooptijd tot {hours}", "en": "lead time up to {hours}"},
    "map.process_facts": {"nl": "{criticality}, MTPD {mtpd}, MBCO {mbco}",
                          "en": "{criticality}, MTPD {mtpd}, MBCO {mbco}"},
    "map.slots": {"nl": "{slots} plekken, {claimants} terugvalopties die er een willen",
                  "en": "{slots} places, {claimants} fallbacks that want one"},
    "map.many": {"nl": "{count} processen: te veel voor een boom; zie oefening analyse -o KAART.html",
                 "en": "{count} processes: too many for a tree; see oefening analyse -o MAP.html"},
    "map.counts": {"nl": "{services} diensten, {processes} processen hangen ervan af",
                   "en": "{services} services, {processes} processes depend on it"},
    # -- findings -------------------------------------------------------------------------
    "analyse.title": {"nl": "Analyse", "en": "Analysis"},
    "concentration": {"nl": "Concentratie (HHI, 0–10.000; aandelen naar gewicht van de processen)",
                      "en": "Concentration (HHI, 0–10,000; shares weighted by the processes)"},
    "government": {"nl": "rijksbreed", "en": "government-wide"},
    "spof": {"nl": "Single points of failure (vitale en kritieke processen)",
             "en": "Single points of failure (vital and critical processes)"},
    "spof.none": {"nl": "geen: elk vitaal en kritiek proces heeft voor elke leverancier een terugval "
                        "die hem vermijdt, de MBCO haalt en binnen de MTPD klaarstaat",
                  "en": "none: every vital and critical process has, for each supplier, a fallback "
                        "that avoids it, reaches the MBCO and is ready within the MTPD"},
    "slow": {"nl": "Terugval trager dan de MTPD", "en": "Fallbacks slower than the MTPD"},
    "slow.line": {"nl": "{fallback}: aanlooptijd tot {lead}, MTPD {mtpd}",
                  "en": "{fallback}: lead time up to {lead}, MTPD {mtpd}"},
    "common": {"nl": "Gemeenschappelijke oorzaak (terugval leunt op dezelfde leverancier)",
               "en": "Common mode (a fallback that needs the supplier it should replace)"},
    "common.line": {"nl": "{fallback}: heeft ook {supplier} nodig", "en": "{fallback}: also needs {supplier}"},
    "facilities": {"nl": "Voorzieningen (plekken tegenover terugvalopties die er een willen)",
                   "en": "Facilities (places against fallbacks that want one)"},
    "facilities.line": {"nl": "{facility}: {slots} plekken, {claimants} gegadigden",
                        "en": "{facility}: {slots} places, {claimants} claimants"},
    "facilities.over": {"nl": "  ← meer gegadigden dan plekken", "en": "  ← more claimants than places"},
    # -- stress ---------------------------------------------------------------------------
    "stress.title": {"nl": "Stresstest: elke leverancier valt alleen uit, vanaf de start",
                     "en": "Stress test: each supplier fails alone, from the start"},
    "stress.note": {"nl": "verhaallijn weggelaten; seed {seed}; een uitval langer dan de duur ({horizon}) "
                          "loopt tot het einde",
                    "en": "storyline left out; seed {seed}; an outage longer than the run ({horizon}) "
                          "lasts to the end"},
    "stress.supplier": {"nl": "leverancier", "en": "supplier"},
    "stress.outage": {"nl": "uitval", "en": "outage"},
    "stress.plan": {"nl": "plan", "en": "plan"},
    "stress.within": {"nl": "binnen MTPD", "en": "within MTPD"},
    "stress.vital": {"nl": "vitaal", "en": "vital"},
    "stress.continuity": {"nl": "continuïteit", "en": "continuity"},
    "stress.cost": {"nl": "kosten (euro)", "en": "cost (euro)"},
    "stress.breached": {"nl": "MTPD overschreden", "en": "MTPD breached"},
    # -- sweep ----------------------------------------------------------------------------
    "sweep.title": {"nl": "Variatie van {path} over {n} dezelfde werelden (seed {seed})",
                    "en": "Sweep of {path} over the same {n} worlds (seed {seed})"},
    "sweep.value": {"nl": "waarde", "en": "value"},
    "sweep.previous": {"nl": "Verschil met de vorige waarde op dezelfde werelden (gemiddelde, 95%-interval)",
                       "en": "Difference with the previous value on the same worlds (mean, 95 % interval)"},
    "sweep.breach": {"nl": "Kans op MTPD-overschrijding, vitale processen",
                     "en": "Probability of an MTPD breach, vital processes"},
    "sweep.chart": {"nl": "Continuïteit en kosten per waarde (gemiddelde, 5e–95e percentiel)",
                    "en": "Continuity and cost per value (mean, 5th–95th percentile)"},
    # -- sensitivity ----------------------------------------------------------------------
    "sens.title": {"nl": "Gevoeligheid: welke onzekerheid drijft de uitkomst (Spearman-rangcorrelatie)",
                   "en": "Sensitivity: which uncertainty drives the outcome (Spearman rank correlation)"},
    "sens.draw": {"nl": "trekking", "en": "draw"},
    "sens.continuity": {"nl": "continuïteit", "en": "continuity"},
    "sens.breach": {"nl": "P(MTPD) {process}", "en": "P(MTPD) {process}"},
    "sens.noise": {"nl": "|ρ| onder {level:.2f} is niet te onderscheiden van toeval (95%, N = {n})",
                   "en": "|ρ| below {level:.2f} cannot be told from chance (95 %, N = {n})"},
    "sens.none": {"nl": "het scenario trekt niets aan toeval", "en": "the scenario draws nothing at random"},
}


def say(key: str, lang: str, **values: Any) -> str:
    """The words for ``key`` in ``lang`` (English when that language is missing); a key not in
    this table is looked up in the product's table (:func:`oefening.words.tr`)."""
    entry = TEXTS.get(key)
    if entry is None:
        return tr(key, lang, **values)
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
