"""Values as continuity managers write them in a sheet: numbers, durations, fractions, lists.

Each reader takes a cell's value and returns what the scenario format writes, or raises
ValueError with what was found and what is allowed. Numbers may use a decimal comma
(``0,5``) and a thousands dot (``1.250,5``; ``5.000`` is five thousand); durations may be
``72h``, ``3d``, ``1w``, ``72 uur``, ``3 dagen``, ``2 weken`` or a number of hours (also a time
cell of Excel); a fraction is ``0.5``, ``50%`` (or a percentage-formatted cell); a list is
separated by commas, semicolons or line breaks.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_DURATION = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)$")
UNITS = {
    "": "h", "h": "h", "u": "h", "uur": "h", "uren": "h", "hour": "h", "hours": "h", "hr": "h", "hrs": "h",
    "d": "d", "dag": "d", "dagen": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "week": "w", "weken": "w", "weeks": "w",
    "m": "m", "min": "m", "minuut": "m", "minuten": "m", "minute": "m", "minutes": "m",
}
DURATION_HELP = "a duration such as 4h, 3d, 1w, 72 uur, 3 dagen or a number of hours"
CRITICALITY = {
    "vital": "vital", "critical": "critical", "important": "important", "normal": "normal",
    "vitaal": "vital", "kritiek": "critical", "kritisch": "critical", "belangrijk": "important",
    "normaal": "normal",
}
CRITICALITY_HELP = "vital, critical, important, normal (in Dutch: vitaal, kritiek, belangrijk, normaal)"


def number(raw: Any) -> float:
    """A number (≥ 0 is left to the model)."""
    if isinstance(raw, bool):
        raise ValueError(f"found {_shown(raw)}; expected a number")
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):  # 5.000 and 1.250.000: Dutch thousands
        text = text.replace(".", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"found {_shown(raw)}; expected a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"found {_shown(raw)}; expected a finite number")
    return value


def plain_number(value: float) -> int | float:
    """``50.0`` as ``50``, so the written YAML reads as a person writes it."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def duration(raw: Any) -> str | int | float:
    """A duration as the scenario writes it: ``72h``, ``3d`` or a number of hours."""
    if isinstance(raw, bool):
        raise ValueError(f"found {_shown(raw)}; expected {DURATION_HELP}")
    if isinstance(raw, int | float):
        return plain_number(float(raw))
    if isinstance(raw, dt.timedelta):
        return plain_number(raw.total_seconds() / 3600)
    if isinstance(raw, dt.time):
        return plain_number(raw.hour + raw.minute / 60 + raw.second / 3600)
    match = _DURATION.match(str(raw).strip().lower())
    if match is None or match.group(2) not in UNITS:
        raise ValueError(f"found {_shown(raw)}; expected {DURATION_HELP}")
    amount = float(match.group(1).replace(",", "."))
    return f"{plain_number(amount)}{UNITS[match.group(2)]}"


def fraction(raw: Any) -> float:
    """A fraction between 0 and 1 from ``0.5``, ``0,5`` or ``50%``."""
    text = str(raw).strip() if isinstance(raw, str) else None
    if text is not None and text.endswith("%"):
        try:
            value = number(text[:-1]) / 100
        except ValueError:
            raise ValueError(f"found {_shown(raw)}; expected a fraction such as 0.5 or 50%") from None
    else:
        try:
            value = number(raw)
        except ValueError:
            raise ValueError(f"found {_shown(raw)}; expected a fraction such as 0.5 or 50%") from None
    if value > 1:
        raise ValueError(f"found {_shown(raw)}; write a fraction (0.5) or a percentage (50%), at most 1 or 100%")
    return round(value, 12)


def criticality(raw: Any) -> str:
    """vital, critical, important or normal, also from the Dutch words."""
    word = str(raw).strip().lower()
    if word in CRITICALITY:
        return CRITICALITY[word]
    from difflib import get_close_matches

    close = get_close_matches(word, list(CRITICALITY), n=1, cutoff=0.7)
    guess = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"found {_shown(raw)}{guess}; allowed: {CRITICALITY_HELP}")


def names(raw: Any) -> list[str]:
    """The names in a list cell, in order, without repeats."""
    parts = re.split(r"[,;\n]", str(raw))
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def slug(name: str, fallback: str = "x") -> str:
    """An id from a name: ``Zorg & Welzijn`` → ``zorg-welzijn``."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64].strip("-")
    return text or fallback


def text(raw: Any) -> str:
    """A cell as a text (a whole number without ``.0``)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _shown(raw: Any) -> str:
    if isinstance(raw, str):
        return repr(raw)
    if isinstance(raw, float):
        return repr(plain_number(raw))
    return str(raw)
