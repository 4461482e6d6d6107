"""Shared building blocks of the scenario and plan formats: strict models, ids, texts, durations.

Every model is strict (unknown keys are errors), frozen, and documents each field with the
docstring under it, so the generated JSON Schema explains every key in the editor.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from oefening.durations import MAX_DURATION_HOURS, parse_duration

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
LANGUAGES = ("nl", "en")


class Strict(BaseModel):
    """Base of every scenario and plan model."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        allow_inf_nan=False,
    )


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=64),
]
"""An id: a lower-case slug."""

MAX_MONEY = 1e12
"""The largest amount of money one key may hold, in euro (a thousand billion: more than a
national budget). Sums of costs over every process, case and day of the longest horizon
then stay far from overflowing to infinity."""

Number = Annotated[float, Field(strict=True)]
"""A number written as a number: ``10`` or ``0.5``, never the text ``"10"`` nor ``true``
(pydantic would quietly read those as 10 and 1). Every number field of the formats is
strict in this way (``Field(strict=True)``); a whole number then also refuses ``2.0``."""

Money = Annotated[float, Field(ge=0, le=MAX_MONEY, strict=True)]
"""An amount of money in euro, ≥ 0 and at most :data:`MAX_MONEY`."""

Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhdw]\s*$"},
                {"type": "number", "minimum": 0, "maximum": MAX_DURATION_HOURS},
            ],
            "description": "a duration: 30m, 4h, 2d, 1w, or a number of hours (at most 100 years)",
        }
    ),
]
"""A duration in hours, written as 30m, 4h, 2d, 1w or a number of hours."""


def _text(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise ValueError(f"unknown language {unknown[0]!r}; allowed: nl, en")
        if not value:
            raise ValueError("a text needs at least one language: nl or en")
    return value


Text = Annotated[
    str | dict[str, str],
    BeforeValidator(_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "nl": {"type": "string", "description": "the text in Dutch"},
                        "en": {"type": "string", "description": "the text in English"},
                    },
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ],
            "description": "a text, or a map of languages {nl: …, en: …}",
        }
    ),
]
"""A text: a plain string, or a map of languages ``{nl: …, en: …}``."""


def text_in(text: str | dict[str, str] | None, lang: str) -> str:
    """The text in ``lang``, falling back to the other language; '' for None."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    return next(iter(text.values()), "")
