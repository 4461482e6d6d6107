"""Dated phrases in a story's text, checked against the moment it is told (the story never lies).

A scenario's messages are written for the moment they fire: "Friday 28 November", "from today
until Sunday", "at midnight the service desk calls", "just before the Christmas holidays". The
simulated calendar decides whether such words are true: an event can fire at a random time, or
be fired by hand by the facilitator. :func:`contradictions` finds, in Dutch or English, the
phrases that can be checked mechanically against the moment a text is told:

- a weekday with a date ("vrijdag 28 november", "Friday 28 to Sunday 30 November"): that date
  must fall on that weekday (the year: the one that puts the date nearest the moment);
- "from today until Sunday" / "vandaag tot en met zondag": today is not past that weekday;
- "by Friday" / "vóór vrijdag": that weekday is not today (it would say today);
- "at midnight" / "om middernacht": the moment is within an hour of midnight;
- "tonight" / "vanavond" / "this evening": the moment is between 06:00 and 22:00;
- "just before the Christmas holidays" / "vlak voor de kerstvakantie": they begin (the Saturday
  before Christmas Day) within a week.

Plain functions, no Textual: for tests over ``check --play`` runs and for any front end.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"),
}
UNTIL = {"nl": r"vandaag\s+tot\s+en\s+met\s+", "en": r"today\s+(?:until|till|to|through)\s+"}
BY = {"nl": r"(?:vóór|voor|uiterlijk)\s+", "en": r"(?:by|before)\s+"}
MIDNIGHT = {"nl": r"\bmiddernacht\b", "en": r"\bmidnight\b"}
TONIGHT = {"nl": r"\bvanavond\b", "en": r"\b(?:tonight|this\s+evening)\b"}
CHRISTMAS = {"nl": r"vlak\s+voor\s+de\s+kerst(?:vakantie|dagen)?\b",
             "en": r"just\s+before\s+(?:the\s+)?christmas(?:\s+holidays)?\b"}


def christmas_holidays(year: int) -> date:
    """When the Christmas holidays begin: the Saturday before Christmas Day."""
    christmas = date(year, 12, 25)
    return christmas - timedelta(days=(christmas.weekday() - 5) % 7 or 7)


def _dated(text: str, when: datetime, lang: str) -> list[str]:
    """Weekday-and-date pairs whose date falls on another weekday."""
    days, months = WEEKDAYS[lang], MONTHS[lang]
    out = []
    for found in re.finditer(rf"\b({'|'.join(days)})\s+(\d{{1,2}})\b", text, re.IGNORECASE):
        month = re.search(rf"\b({'|'.join(months)})\b", text[found.end():], re.IGNORECASE)
        if month is None:
            continue
        weekday, day = days.index(found.group(1).lower()), int(found.group(2))
        m = months.index(month.group(1).lower()) + 1
        candidates = []
        for year in (when.year - 1, when.year, when.year + 1):
            try:
                candidates.append(date(year, m, day))
            except ValueError:
                continue
        if not candidates:
            out.append(f"{found.group(0)} {month.group(1)}: no such date")
            continue
        nearest = min(candidates, key=lambda d: abs((d - when.date()).days))
        if nearest.weekday() != weekday:
            out.append(f"'{found.group(0)} {month.group(1)}': {nearest:%d %B %Y} is a {days[nearest.weekday()]}")
    return out


def contradictions(text: str, when: datetime, lang: str) -> list[str]:
    """The dated phrases of ``text`` (in ``lang``) that the moment ``when`` contradicts, each as
    a short reason; empty when every checkable phrase agrees."""
    if lang not in WEEKDAYS:
        return []
    days = WEEKDAYS[lang]
    lower = " ".join(text.lower().split())
    today = when.weekday()
    out = _dated(lower, when, lang)
    for found in re.finditer(UNTIL[lang] + rf"({'|'.join(days)})\b", lower):
        if today > days.index(found.group(1)):
            out.append(f"'{found.group(0)}' told on a {days[today]}")
    for found in re.finditer(r"\b" + BY[lang] + rf"({'|'.join(days)})\b", lower):
        if today == days.index(found.group(1)):
            out.append(f"'{found.group(0)}' told on that {days[today]}")
    hour = when.hour + when.minute / 60
    if re.search(MIDNIGHT[lang], lower) and 1 < hour < 23:
        out.append(f"'midnight' told at {when:%H:%M}")
    if re.search(TONIGHT[lang], lower) and not 6 <= hour < 22:
        out.append(f"'tonight' told at {when:%H:%M}")
    if re.search(CHRISTMAS[lang], lower):
        begins = christmas_holidays(when.year)
        if not 0 <= (begins - when.date()).days <= 7:
            out.append(f"'just before the Christmas holidays' told on {when:%d %B %Y} (they begin {begins:%d %B})")
    return out
