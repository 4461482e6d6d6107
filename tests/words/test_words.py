"""The product's words and formats (oefening.words): every text in both languages with the same
placeholders, no key used that is not there, dates and money as a Dutch or English reader
expects them, and one wording per thing for every front end."""

from __future__ import annotations

import re
import string
from datetime import datetime

import pytest

from oefening.scenario.load import load_scenario
from oefening.words import TEXTS, describe, tr
from oefening.words import formats as present
from tests.paths import MINIMAL as MINIMAL_PATH
from tests.paths import ROOT

UI = ROOT / "oefening" / "ui"
START = datetime.fromisoformat("2025-03-03T08:00:00+01:00")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_is_in_both_languages_with_the_same_placeholders() -> None:
    """Every text is in both languages with the same placeholders."""
    for key, entry in TEXTS.items():
        assert set(entry) == {"nl", "en"}, key
        assert fields(entry["nl"]) == fields(entry["en"]), key


def test_every_key_the_ui_asks_for_exists() -> None:
    """Literal keys in tr(...) calls, and the prefixes of keys built from a code or status."""
    source = "\n".join(p.read_text() for p in UI.rglob("*.py"))
    for key in re.findall(r"""\btr\(\s*["']([a-z_]+\.[a-z_.]+)["']""", source):
        assert key in TEXTS, key
    for prefix in ("phase.", "supplier.", "refusal.", "short.", "crit.", "source.", "severity.", "feed."):
        assert any(k.startswith(prefix) for k in TEXTS), prefix
    for code in ("unknown", "unavailable", "taken", "budget", "active", "inactive", "finished"):
        assert f"refusal.{code}" in TEXTS and f"short.{code}" in TEXTS, code


def test_unknown_key_shows_itself() -> None:
    """An unknown word key is shown as it is, so a missing word is visible, not a crash."""
    assert tr("no.such.key", "nl") == "no.such.key"


@pytest.mark.parametrize(("lang", "expected"), [("nl", "ma 3 mrt 2025 12:00"), ("en", "Mon 3 Mar 2025 12:00")])
def test_simulated_moments_are_real_dates(lang: str, expected: str) -> None:
    """Simulated hours read as real dates, with day and month names of the language."""
    assert present.moment(START, 4.0, lang) == expected


def test_numbers_money_and_durations() -> None:
    """Numbers, money and durations use the language's separators and hour sign."""
    assert present.money(1_250_000, "nl") == "€ 1.250.000"
    assert present.money(1_250_000, "en") == "€1,250,000"
    assert present.money(None, "en") == "∞"
    assert present.number(12345.66, "nl", 1) == "12.345,7"
    assert present.duration(31, "nl") == "31u" and present.duration(76, "en") == "3d 4h"
    assert present.duration(0.5, "en") == "30m"


def test_an_unavailable_action_says_when_it_is_available() -> None:
    """An unavailable action says when it is available."""
    scenario = load_scenario(MINIMAL_PATH)
    action = scenario.actions[0]
    assert action.available is not None
    assert describe.only_while(action.available, describe.Names(scenario, "en")) == (
        "only while GlobalTech Services is distressed")
    assert describe.only_while(action.available, describe.Names(scenario, "nl")) == (
        "alleen als GlobalTech Services in zwaar weer is")
    assert describe.effects(list(action.effects), describe.Names(scenario, "en")) == (
        "lead time of Handmatige noodprocedure ×0.25")


def test_every_key_has_dutch_and_english_and_no_text_is_empty() -> None:
    """Each entry of the one table has exactly nl and en, neither of them empty."""
    assert len(TEXTS) > 300
    for key, entry in TEXTS.items():
        assert sorted(entry) == ["en", "nl"], key
        assert entry["nl"].strip() and entry["en"].strip(), key


def test_every_key_the_report_and_the_cli_ask_for_exists() -> None:
    """Literal keys in tr(...) and in the report's word lookups, in every front end."""
    front = [ROOT / "oefening" / part for part in ("report", "cli", "words")]
    source = "\n".join(p.read_text() for folder in front for p in folder.rglob("*.py"))
    for key in re.findall(r"""\btr\(\s*f?["']([a-z_]+\.[a-z_.]+)["']""", source):
        assert key in TEXTS, key
    report = (ROOT / "oefening" / "report" / "document.py").read_text()
    for key in re.findall(r"""\bw(?:ords)?\[["']([a-z_]+)["']\]""", report):
        assert f"report.{key}" in TEXTS or f"result.{key}" in TEXTS, key
    from oefening.cli.output import HEAD
    for key in HEAD:
        assert f"result.{key}" in TEXTS, key


def test_no_front_end_keeps_its_own_table_of_days_or_months() -> None:
    """Weekday and month names are written once, in oefening/words/formats.py."""
    for path in (ROOT / "oefening").rglob("*.py"):
        if path.name == "formats.py" and path.parent.name == "words":
            continue
        text = path.read_text()
        assert '"mrt"' not in text and '"Mon"' not in text, path


@pytest.mark.parametrize(("lang", "now", "then"), [
    ("en", "not available now", "not available then"),
    ("nl", "nu niet beschikbaar", "toen niet beschikbaar"),
])
def test_a_refusal_reads_the_same_in_the_ui_and_in_the_report(lang: str, now: str, then: str) -> None:
    """One wording per refusal code: the UI says it now, the report says it then."""
    from oefening.words import entries

    assert entries.refusal("unavailable", lang) == now
    assert entries.refusal("unavailable", lang, when="then") == then
    for code in ("unknown", "taken", "budget", "active", "inactive", "finished"):
        assert entries.refusal(code, lang) == entries.refusal(code, lang, when="then") == tr(f"refusal.{code}", lang)
    assert entries.refusal("no-such-code", lang) == "no-such-code"


def test_a_record_entry_is_told_with_the_scenarios_names() -> None:
    """An entry's id becomes its name once; the feed, the undo list and the report agree on it."""
    from oefening.engine.record import Entry
    from oefening.words import entries

    scenario = load_scenario(MINIMAL_PATH)
    names = describe.Names(scenario, "en")
    fallback = "uitvoering/uitkeringen/handmatig"
    told = entries.tell(Entry(6.0, "activate", fallback, {"ready_at": 8.0}), names)
    assert told.subject == names.fallbacks[fallback] == "Handmatige noodprocedure"
    assert entries.feed_line(told, "en") == "Fallback activated: Handmatige noodprocedure"
    assert entries.decided(told, "en") == "Activate: Handmatige noodprocedure"
    assert entries.decided(told, "en", verb=False) == "Handmatige noodprocedure"
    assert entries.report_line(told, START, "en") == "Fallback activated: Handmatige noodprocedure (uitvoering/uitkeringen)"
    refused = entries.tell(Entry(0.0, "refused", "exit-plan", {"reason": "unavailable"}), names)
    assert entries.report_line(refused, START, "en") == "Refused: Activate exit plan (not available then)"
    inject = entries.tell(Entry(1.0, "inject", "facilitator", {"title": "Minister", "text": "Now."}), names)
    assert (inject.subject, inject.text, inject.source, inject.severity) == ("Minister", "Now.", "facilitator", "info")
    assert entries.is_message(Entry(1.0, "inject", "facilitator", {}), names)
    assert not entries.is_message(Entry(1.0, "refused", "exit-plan", {}), names)


def test_every_effect_of_the_bundled_scenarios_is_described_in_words() -> None:
    """A decision's effect line never shows a Python repr ("postpone=Postponement(...)"):
    every effect of every bundled scenario is described in both languages, and a
    postponement says that the cases come back."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        effects = [e for a in scenario.actions for e in a.effects] + [e for ev in scenario.events for e in ev.effects]
        for lang in ("nl", "en"):
            names = describe.Names(scenario, lang)
            for eff in effects:
                text = describe.effect(eff, names)
                assert "(" not in text.split(" ")[0] and "=" not in text, (path.name, text)
    scenario = load_scenario(ROOT / "scenarios" / "leverancier-faillissement.yaml")
    hearings = next(a for a in scenario.actions if a.id == "zittingen-aanhouden")
    assert describe.effect(hearings.effects[0], describe.Names(scenario, "en")) == (
        "40% of the new cases of Civil and administrative cases postponed for 21d; they come back afterwards")
    assert describe.effect(hearings.effects[0], describe.Names(scenario, "nl")).startswith(
        "40% van de nieuwe zaken van Civiele en bestuursrechtelijke zaken uitgesteld gedurende 21d")
    ransomware = load_scenario(ROOT / "scenarios" / "ransomware-leverancier.yaml")
    loan = next(a for a in ransomware.actions if a.id == "medewerkers-uitlenen")
    assert describe.effect(loan.effects[0], describe.Names(ransomware, "en")) == (
        "2.5 staff from Municipality of Grootveen (Social assistance payments) to "
        "Municipality of Westerbroek (Social assistance payments) for 21d")
    assert describe.effect(loan.effects[0], describe.Names(ransomware, "nl")).startswith(
        "2,5 medewerkers van Gemeente Grootveen (Bijstand en levensonderhoud) naar Gemeente Westerbroek")


def test_the_lost_data_of_ransomware_is_told_with_its_cases_and_service() -> None:
    """ransomware-leverancier: the backup is from two days before the attack (both services
    `rpo: 2d`, full rework), so when the systems are back Grootveen's social assistance
    (20 cases an hour, the world before the start quiet) enters 48 × 20 = 960 cases again,
    and the feed and the report say so, with the service whose data was lost."""
    from oefening.decide import play
    from oefening.engine.exercise import Exercise
    from oefening.words import entries

    scenario = load_scenario(ROOT / "scenarios" / "ransomware-leverancier.yaml")
    exercise = Exercise(scenario, 0)
    play(exercise, None)
    result = exercise.result()
    rework = [e for e in exercise.world.record.entries if e.kind == "rework" and e.id == "grootveen/levensonderhoud"]
    assert len(rework) == 1 and rework[0].detail["cases"] == pytest.approx(960.0, rel=1e-9)
    assert result["processes"]["grootveen/levensonderhoud"]["reentered"] == pytest.approx(960.0, rel=1e-9)
    back = [e["t"] for e in result["timeline"] if e["kind"] == "event" and e["id"] == "herstel-uit-backup"]
    assert rework[0].t == back[0]
    told = entries.tell(rework[0], describe.Names(scenario, "en"))
    assert entries.feed_line(told, "en") == (
        "Work of 960 cases to do again (data lost in Social-domain system): "
        "Social assistance payments (Municipality of Grootveen)")
    told_nl = entries.tell(rework[0], describe.Names(scenario, "nl"))
    assert entries.feed_line(told_nl, "nl").startswith("Werk van 960 gevallen opnieuw te doen (gegevens verloren in Sociaal-domeinsysteem)")
    assert entries.report_line(told, START, "en").startswith("Work of 960 cases to do again (data lost in Social-domain system): ")


def test_effects_on_same_named_processes_name_their_organisations() -> None:
    """Five municipalities' "Emergency payments through the bank" sped up: said once, with the
    five municipalities (was five identical phrases); one of them alone names its own."""
    ransomware = load_scenario(ROOT / "scenarios" / "ransomware-leverancier.yaml")
    crisis = next(a for a in ransomware.actions if a.id == "regionaal-crisisteam")
    assert describe.effects(list(crisis.effects), describe.Names(ransomware, "en")) == (
        "lead time of Emergency payments through the bank (Mon-Sat 7 am-11 pm) ×0.3 (Municipality of Westerbroek, "
        "Municipality of Oostwolde, Municipality of Kerkdrecht, Municipality of Zandhoven, Municipality of Lindeburg)")
    assert describe.effects(list(crisis.effects[:1]), describe.Names(ransomware, "nl")) == (
        "aanlooptijd Noodbetalingen via de bank (ma-za 7-23 uur) (Gemeente Westerbroek) ×0,3")
    media = next(e for e in ransomware.events if e.id == "media-grootveen")
    assert media.when is not None
    assert describe.condition(media.when, describe.Names(ransomware, "en")).startswith(
        "backlog of Social assistance payments (Municipality of Grootveen) above 1,500")
