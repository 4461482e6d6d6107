"""How numbers, money, moments and durations read, in Dutch and in English, in every front
end (the terminal UI, the after-action report, the CLI).

Pure functions without Textual: simulated moments become real dates ("ma 3 mrt 2025 12:00",
"Mon 3 Mar 2025 12:00"), hours become "31u"/"31h" or "3d 4u", euros get the thousands
separator of the language, and a random lead time reads as its mean with its range. Names
in the operating system's locale are never used, so a Dutch exercise reads the same on
every machine.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from oefening.durations import format_duration
from oefening.words.table import tr

DAYS = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
HOUR = {"nl": "u", "en": "h"}


def moment(start: datetime, hours: float, lang: str, *, year: bool = True) -> str:
    """The simulated moment ``hours`` after ``start``: "ma 3 mrt 2025 12:00"."""
    when = start + timedelta(hours=hours)
    day = DAYS.get(lang, DAYS["en"])[when.weekday()]
    month = MONTHS.get(lang, MONTHS["en"])[when.month - 1]
    date = f"{day} {when.day} {month} {when.year}" if year else f"{day} {when.day} {month}"
    return f"{date} {when:%H:%M}"


def soon(start: datetime, hours: float, now: float, lang: str) -> str:
    """A moment in the coming week by its weekday and time, "ma 08:00"; further off, with
    its date ("ma 13 okt 08:00")."""
    if hours - now < 6 * 24:
        when = start + timedelta(hours=hours)
        return f"{DAYS.get(lang, DAYS['en'])[when.weekday()]} {when:%H:%M}"
    return moment(start, hours, lang, year=False)


def duration(hours: float, lang: str) -> str:
    """A duration: "45m", "31u" under two days, else "3d 4u" (English "31h", "3d 4h")."""
    h = HOUR.get(lang, "h")
    if hours < 1 - 1e-9 and hours > 1e-9:
        return f"{round(hours * 60)}m"
    whole = round(hours)
    if whole < 48:
        return f"{whole}{h}"
    days, rest = divmod(whole, 24)
    return f"{days}d {rest}{h}" if rest else f"{days}d"


def exact_duration(hours: float, lang: str) -> str:
    """A duration to the minute: "1d 13u 25m" / "1d 13h 25m" (for a moment a reader may check
    against the JSON's hours, such as an MTPD breach)."""
    h = HOUR.get(lang, "h")
    return " ".join(part[:-1] + h if part.endswith("h") else part for part in format_duration(hours).split())


def hours(value: float, lang: str) -> str:
    """Hours as a whole number with the hour sign: "31u" / "31h" (for bars that compare)."""
    return f"{number(value, lang)}{HOUR.get(lang, 'h')}"


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the language's separators: 12.345,6 in Dutch, 12,345.6 in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def counted(n: int, noun: str, lang: str) -> str:
    """``n`` of a noun of the table (``count.NOUN.one`` / ``count.NOUN.many``), singular for
    one: "1 organisation", "2 organisations", "1 proces", "3 processen"."""
    return tr(f"count.{noun}.{'one' if n == 1 else 'many'}", lang, n=number(n, lang))


def money(value: float | None, lang: str) -> str:
    """Euros: "€ 1.250.000" / "€1,250,000"; None (no budget) reads as unlimited."""
    if value is None or value == float("inf"):
        return "∞"
    sign = "-" if value < -0.5 else ""
    amount = number(abs(value), lang)
    return f"{sign}€ {amount}" if lang == "nl" else f"{sign}€{amount}"


def euros(value: float, lang: str) -> str:
    """Euros rounded as a continuity manager reads them: "€ 8.6 M" / "€ 8,6 mln" from a
    million, three significant digits from a thousand ("€ 86,400"), whole euros below."""
    sign = "−" if value < 0 else ""
    amount = abs(value)
    if amount >= 999_950:
        return f"{sign}€ {number(amount / 1e6, lang, 1)} {tr('unit.million', lang)}"
    if amount >= 1000:
        amount = round(amount, 3 - len(str(int(amount))))
    return f"{sign}€ {number(amount, lang)}"


def percent(fraction: float, lang: str) -> str:
    """A fraction as a whole percentage: "30%"."""
    return f"{number(fraction * 100, lang)}%"


def lead_time(value: Any, lang: str, factor: float = 1.0, *, short: bool = False) -> str:
    """A lead time: a number of hours, or a distribution shown as its mean and range (``short``:
    the mean only)."""
    if getattr(value, "dist", None) == "fixed":
        value = value.value
    if isinstance(value, int | float):
        return "0" if value * factor <= 0 else duration(value * factor, lang)
    mean = value.mean() * factor
    low = getattr(value, "low", None)
    high = getattr(value, "high", None)
    if low is not None and high is not None and not short:
        return f"≈{duration(mean, lang)} ({duration(low * factor, lang)}–{duration(high * factor, lang)})"
    return f"≈{duration(mean, lang)}"


def budget(value: float | None, lang: str) -> str:
    """A budget: euros, or "onbeperkt"/"unlimited" for a scenario without one (not "∞")."""
    if value is None or value == float("inf"):
        return tr("unlimited", lang)
    return money(value, lang)
