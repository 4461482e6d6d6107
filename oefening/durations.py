"""Durations as the scenario writes them: ``30m``, ``4h``, ``2d``, ``1w`` or a number of hours.

Everything inside oefening counts time in hours (floats) since the scenario's ``start``.
"""

from __future__ import annotations

import math
import re

UNIT_HOURS = {"s": 1 / 3600, "m": 1 / 60, "h": 1.0, "d": 24.0, "w": 168.0}
MAX_DURATION_HOURS = 876_600.0
"""The longest duration a scenario or plan may write: 100 years (the horizon is at most 3
years, so a longer duration can only mean "never"; bounding it keeps every time the engine
computes, and every distribution's parameters, finite)."""
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")


def parse_duration(value: object) -> float:
    """Hours in ``value``; raises ValueError with the allowed forms when it is not a duration."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration such as 30m, 4h, 2d, 1w or a number of hours, found {value!r}")
    if isinstance(value, int | float):
        try:
            hours = float(value)
        except OverflowError:  # an integer of hundreds of digits
            raise ValueError(f"a duration must be at most 100 years ({MAX_DURATION_HOURS:.0f}h), "
                             f"found an integer of {digits(int(value))} digits") from None
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if match is None:
            try:
                hours = float(value)
            except ValueError:
                raise ValueError(
                    f"expected a duration such as 30m, 4h, 2d, 1w or a number of hours, found {value!r}"
                ) from None
        else:
            try:
                hours = float(match.group(1)) * UNIT_HOURS[match.group(2)]
            except OverflowError:
                hours = math.inf
    else:
        raise ValueError(f"expected a duration such as 30m, 4h, 2d, 1w or a number of hours, found {value!r}")
    if not math.isfinite(hours) or hours < 0:
        raise ValueError(f"a duration must be a finite number of hours ≥ 0, found {_short(value)}")
    if hours > MAX_DURATION_HOURS:
        raise ValueError(f"a duration must be at most 100 years ({MAX_DURATION_HOURS:.0f}h), found {_short(value)}")
    return hours


def digits(value: int) -> str:
    """How many digits an integer has, in words ("309"; "about 5000" past Python's limit on
    turning integers into text)."""
    try:
        return str(len(str(abs(value))))
    except ValueError:
        return f"about {int(value.bit_length() * 0.30103) + 1}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"


def format_duration(hours: float) -> str:
    """A short human form: ``36h`` → ``1d 12h``; ``0.5`` → ``30m``."""
    if hours < 1:
        return f"{round(hours * 60)}m"
    days, rest = divmod(round(hours * 60), 24 * 60)
    h, m = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    if h:
        parts.append(f"{h}h")
    if m:
        parts.append(f"{m}m")
    return " ".join(parts) or "0h"
