"""The UI's words and formats: every text in both languages with the same placeholders, no
key used that is not there, dates and money as a Dutch or English reader expects them."""

from __future__ import annotations

import re
import string
from datetime import datetime

import pytest

from oefening.scenario.load import load_scenario
from oefening.ui import describe, present
from oefening.ui.i18n import TEXTS, tr
from tests.paths import MINIMAL as MINIMAL_PATH
from tests.paths import ROOT

UI = ROOT / "oefening" / "ui"
START = datetime.fromisoformat("2025-03-03T08:00:00+01:00")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_is_in_both_languages_with_the_same_placeholders() -> None:
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
    assert tr("no.such.key", "nl") == "no.such.key"


@pytest.mark.parametrize(("lang", "expected"), [("nl", "ma 3 mrt 2025 12:00"), ("en", "Mon 3 Mar 2025 12:00")])
def test_simulated_moments_are_real_dates(lang: str, expected: str) -> None:
    assert present.moment(START, 4.0, lang) == expected


def test_numbers_money_and_durations() -> None:
    assert present.money(1_250_000, "nl") == "€ 1.250.000"
    assert present.money(1_250_000, "en") == "€1,250,000"
    assert present.money(None, "en") == "∞"
    assert present.number(12345.66, "nl", 1) == "12.345,7"
    assert present.duration(31, "nl") == "31u" and present.duration(76, "en") == "3d 4h"
    assert present.duration(0.5, "en") == "30m"


def test_an_unavailable_action_says_when_it_is_available() -> None:
    scenario = load_scenario(MINIMAL_PATH)
    action = scenario.actions[0]
    assert action.available is not None
    assert describe.only_while(action.available, describe.Names(scenario, "en")) == (
        "only while GlobalTech Services is distressed")
    assert describe.only_while(action.available, describe.Names(scenario, "nl")) == (
        "alleen als GlobalTech Services in zwaar weer is")
    assert describe.effects(list(action.effects), describe.Names(scenario, "en")) == (
        "lead time of Handmatige noodprocedure ×0.25")
