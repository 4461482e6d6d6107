"""The storyline as an HSEEP MSEL table, and back (``oefening msel export|import``).

One row per event, in storyline order. The HSEEP columns (number, time or trigger, event,
inject title and text per language, from, to, severity, expected action, notes) come first;
then what oefening needs: the effects and any other event keys, each as compact YAML in its
cell, in exactly the words of the scenario format. Every key of an event has a column, and a
key without its own column (one a later version of the format adds) goes into *Other keys*,
so export followed by import gives the same scenario. docs/exchange.md lists the columns.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError, Problem
from oefening.exchange.header import find_header
from oefening.exchange.placed import Key, Place, in_cell_order, validate_placed
from oefening.exchange.sheets import (
    CSV,
    XLSX,
    CellProblem,
    ColumnFormat,
    Sheet,
    add_table,
    read_sheets,
    sheet_named,
    write_csv,
)
from oefening.exchange.values import slug
from oefening.exchange.yamltext import block, cell_items, cell_value, flow, lines
from oefening.scenario.load import validate
from oefening.scenario.model import Scenario
from oefening.scenario.yamlsource import Document, load_yaml, parse_yaml, read_text

SCHEMA_LINE = "# yaml-language-server: $schema=oefening.schema.json"
SHEET_NAMES = ("MSEL",)
TRIGGER_KEYS = ("after", "when", "manual")


@dataclass(frozen=True)
class Column:
    """One MSEL column: its key, its names in English and Dutch, and what it holds."""

    key: str
    en: str
    nl: str
    kind: str
    """number (the row's number), yaml (a value as in the scenario), text, lines (a mapping, one
    key a line), items (a list, one item a line), or choice (one of a few words)"""
    width: float
    help_en: str
    help_nl: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("nr", "Nr", "Nr", "number", 5, "the row's number (informative; rows are read in order)",
           "volgnummer (ter informatie; de rijen worden op volgorde gelezen)",
           ("#", "number", "nummer", "msel", "mselnr", "mselnumber", "injectnr")),
    Column("at", "Time", "Tijd", "yaml", 12,
           "when the event fires, since the start: 6h, 2d or {dist: triangular, low: 4d, mode: 7d, high: 14d}",
           "wanneer de gebeurtenis plaatsvindt, sinds de start: 6h, 2d of "
           "{dist: triangular, low: 4d, mode: 7d, high: 14d}",
           ("at", "op", "scenario time", "scenariotijd", "designated scenario time", "tijdstip")),
    Column("trigger", "Trigger", "Aanleiding", "lines", 30,
           "instead of a time: after: {event: ID, delay: 1d}, when: CONDITION, or manual",
           "in plaats van een tijd: after: {event: ID, delay: 1d}, when: VOORWAARDE, of manual",
           ("condition", "voorwaarde", "trigger or condition")),
    Column("id", "Event", "Gebeurtenis", "yaml", 22, "the event's id (lower-case letters, digits, - and _)",
           "het id van de gebeurtenis (kleine letters, cijfers, - en _)", ("id", "event id", "eventid")),
    Column("probability", "Probability", "Kans", "yaml", 10,
           "chance that the event happens at all (0 to 1; empty: 1)",
           "kans dat de gebeurtenis überhaupt plaatsvindt (0 tot 1; leeg: 1)", ("kans (0-1)",)),
    Column("title.nl", "Title (nl)", "Titel (nl)", "text", 34, "the inject's headline in Dutch",
           "de kop van de inject in het Nederlands", ("inject title (nl)", "inject (nl)", "titel nl", "kop (nl)")),
    Column("title.en", "Title (en)", "Titel (en)", "text", 34, "the inject's headline in English",
           "de kop van de inject in het Engels", ("inject title (en)", "inject (en)", "titel en", "kop (en)")),
    Column("text.nl", "Text (nl)", "Tekst (nl)", "text", 60, "the inject's message in Dutch",
           "het bericht van de inject in het Nederlands", ("inject text (nl)", "bericht (nl)", "message (nl)")),
    Column("text.en", "Text (en)", "Tekst (en)", "text", 60, "the inject's message in English",
           "het bericht van de inject in het Engels", ("inject text (en)", "bericht (en)", "message (en)")),
    Column("source", "From", "Van", "choice", 13, "who brings the inject", "wie de inject brengt",
           ("source", "bron", "afzender")),
    Column("to", "To", "Aan", "text", 16, "who in the crisis team receives it",
           "wie in het crisisteam het ontvangt", ("recipient", "ontvanger")),
    Column("severity", "Severity", "Ernst", "choice", 11, "how urgent the inject is", "hoe urgent de inject is",
           ("urgency", "urgentie", "priority", "prioriteit")),
    Column("expected_action", "Expected action", "Verwachte actie", "text", 34,
           "what the players are expected to do", "wat van de spelers verwacht wordt",
           ("expected player action", "verwachte handeling", "expected response")),
    Column("effects", "Effects", "Effecten", "items", 46,
           "what the event changes, one effect a line: supplier: {id: ID, status: failed}",
           "wat de gebeurtenis verandert, één effect per regel: supplier: {id: ID, status: failed}",
           ("gevolgen",)),
    Column("unless", "Unless", "Tenzij", "yaml", 30,
           "a condition: when it holds as the event would fire, the event is suppressed",
           "een voorwaarde: geldt die op het moment van de gebeurtenis, dan gaat ze niet door",
           ("suppressed when", "onderdrukt als")),
    Column("expects", "Expects", "Veronderstelt", "yaml", 30,
           "a condition the inject's text presupposes (check --play reports it shown while false)",
           "een voorwaarde die de tekst van de inject veronderstelt (check --play meldt het als die niet gold)",
           ("presupposes", "verwacht")),
    Column("variants", "Variants", "Varianten", "items", 46,
           "other wordings, one a line: {when: CONDITION, title: {nl: ..., en: ...}, text: ...}",
           "andere formuleringen, één per regel: {when: VOORWAARDE, title: {nl: ..., en: ...}, text: ...}",
           ("inject variants", "inject varianten")),
    Column("notes", "Notes", "Notities", "text", 34, "for the facilitator, never shown to players",
           "voor de spelleider, nooit getoond aan spelers", ("opmerkingen", "toelichting", "notes/objectives")),
    Column("more", "Other keys", "Overige sleutels", "lines", 30,
           "any other keys of the event, one a line as in the scenario: key: value",
           "alle andere sleutels van de gebeurtenis, één per regel zoals in het scenario: sleutel: waarde",
           ("more", "meer", "other", "overig")),
)
IMPORT_ONLY: tuple[Column, ...] = (  # single-language columns, as an HSEEP MSEL has them
    Column("title", "Title", "Titel", "text", 34, "the inject's headline, one text for both languages",
           "de kop van de inject, één tekst voor beide talen", ("event synopsis", "synopsis", "inject title", "kop")),
    Column("text", "Text", "Tekst", "text", 60, "the inject's message, one text for both languages",
           "het bericht van de inject, één tekst voor beide talen",
           ("inject", "inject text", "message", "bericht", "description", "omschrijving")),
)
BY_KEY = {c.key: c for c in (*COLUMNS, *IMPORT_ONLY)}
INJECT_COLUMNS = {"source", "to", "severity", "expected_action"}

SOURCES = ("supplier", "news", "media", "ministry", "citizens", "staff", "management", "partner", "facilitator")
SEVERITIES = ("info", "warning", "critical")
WORDS_NL = {
    "supplier": "leverancier", "news": "nieuws", "media": "media", "ministry": "ministerie",
    "citizens": "burgers", "staff": "medewerkers", "management": "directie", "partner": "partner",
    "facilitator": "spelleider", "info": "info", "warning": "waarschuwing", "critical": "kritiek",
}
ALIASES = {
    **{nl: en for en, nl in WORDS_NL.items()},
    "inwoners": "citizens", "personeel": "staff", "leiding": "management", "ketenpartner": "partner",
    "informatie": "info", "kritisch": "critical",
}
CHOICES = {"source": SOURCES, "severity": SEVERITIES}


def header_of(column: Column, lang: str) -> str:
    return column.nl if lang == "nl" else column.en


# --- export ---------------------------------------------------------------------------------


def rows_of(events: Sequence[dict[str, Any]], lang: str) -> list[list[Any]]:
    """The MSEL rows of the storyline as the scenario file writes it (plain data)."""
    return [_row(i, dict(event), lang) for i, event in enumerate(events, start=1)]


def _row(number: int, event: dict[str, Any], lang: str) -> list[Any]:
    cells: dict[str, Any] = {"nr": number}
    inject = dict(event.pop("inject", None) or {})
    for key in ("at", "id", "probability"):
        if key in event:
            cells[key] = _cell(event.pop(key))
    trigger = {k: event.pop(k) for k in TRIGGER_KEYS if k in event}
    if trigger:
        cells["trigger"] = lines(trigger)
    for part in ("title", "text"):
        if part in inject:
            nl, en = _languages(inject.pop(part))
            cells[f"{part}.nl"], cells[f"{part}.en"] = nl, en
    for key in INJECT_COLUMNS:
        if key in inject:
            value = inject.pop(key)
            cells[key] = WORDS_NL.get(value, value) if lang == "nl" and key in CHOICES else value
    if "effects" in event:
        effects = event.pop("effects")
        cells["effects"] = lines(effects) if isinstance(effects, list) and effects else flow(effects)
    if "unless" in event:
        cells["unless"] = _cell(event.pop("unless"))
    if "expects" in inject:
        cells["expects"] = _cell(inject.pop("expects"))
    if "variants" in inject:
        variants = inject.pop("variants")
        cells["variants"] = lines(variants) if isinstance(variants, list) and variants else flow(variants)
    if "notes" in event:
        cells["notes"] = event.pop("notes")
    if inject:
        event["inject"] = inject
    if event:
        cells["more"] = lines(event)
    return [cells.get(c.key) for c in COLUMNS]


def _cell(value: Any) -> Any:
    """A scalar as itself (a number stays a number in Excel), anything else as flow YAML."""
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return value if not isinstance(value, str) or _reads_back(value) else flow(value)
    return flow(value)


def _reads_back(text: str) -> bool:
    try:
        return bool(cell_value(text, "<cell>") == text)
    except ValueError:
        return False


def _languages(text: Any) -> tuple[str | None, str | None]:
    """A text's Dutch and English; one text for both languages is written in both columns."""
    if isinstance(text, dict):
        return text.get("nl"), text.get("en")
    return text, text


def export_msel(scenario_path: str | Path, out: str | Path, lang: str = "en") -> int:
    """Write the storyline of ``scenario_path`` to ``out`` (.xlsx or .csv); the number of rows."""
    doc = load_yaml(scenario_path)
    validate(Scenario, doc)
    events = doc.data.get("events") or []
    rows = rows_of(events, lang)
    target = Path(out)
    headers = [header_of(c, lang) for c in COLUMNS]
    suffix = target.suffix.lower()
    if suffix in CSV:
        _atomic(target, lambda tmp: write_csv(tmp, headers, rows))
    elif suffix in XLSX:
        _atomic(target, lambda tmp: _write_xlsx(tmp, rows, lang))
    else:
        raise OefeningError([Problem("expected an output file ending in .xlsx or .csv", str(out))])
    return len(rows)


def _write_xlsx(path: Path, rows: list[list[Any]], lang: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    formats = []
    for c in COLUMNS:
        choices: Sequence[str] = CHOICES.get(c.key, ())
        if lang == "nl":
            choices = [WORDS_NL[v] for v in choices]
        formats.append(ColumnFormat(header_of(c, lang), c.width, choices, c.help_nl if lang == "nl" else c.help_en))
    add_table(book, "MSEL", formats, rows, first=True, freeze="B2")
    help_title = "Kolommen" if lang == "nl" else "Columns"
    help_head = ["Kolom", "Betekenis", "Toegestaan"] if lang == "nl" else ["Column", "Meaning", "Allowed"]
    help_rows = [
        [header_of(c, lang), c.help_nl if lang == "nl" else c.help_en,
         ", ".join(WORDS_NL[v] if lang == "nl" else v for v in CHOICES.get(c.key, ()))]
        for c in COLUMNS
    ]
    add_table(book, help_title, [ColumnFormat(h, w) for h, w in zip(help_head, (20, 90, 60), strict=True)],
              help_rows)
    book.save(path)


def _atomic(target: Path, write: Any) -> None:
    """Write through a temporary file next to ``target``, so a failure leaves nothing behind."""
    directory = target.parent if str(target.parent) else Path(".")
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=directory)
    os.close(handle)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- import ---------------------------------------------------------------------------------


def read_events(path: str | Path) -> tuple[list[dict[str, Any]], dict[Key, Place], list[str]]:
    """The events an MSEL sheet describes, where each key came from, and the ignored columns."""
    sheets = read_sheets(path)
    if not sheets:
        raise OefeningError([Problem("the workbook has no sheets", str(path))])
    sheet = sheet_named(sheets, SHEET_NAMES) or sheets[0]
    names = {c.key: (c.en, c.nl, *c.aliases) for c in BY_KEY.values()}
    header = find_header(sheet, names, (), {c.key: c.en for c in BY_KEY.values()})
    problems: list[Problem] = list(header.problems)
    if header.row and "id" not in header.columns and "nr" not in header.columns:
        problems.append(sheet.problem(header.row, 0, "missing column 'Event' (in Dutch 'Gebeurtenis')"))
    events: list[dict[str, Any]] = []
    places: dict[Key, Place] = {}
    shown = {key: str(sheet.cell(header.row, col)) for key, col in header.columns.items()}
    if header.row:
        for row in header.data_rows(sheet):
            i = len(events)
            event = _event(sheet, row, header.columns, shown, problems)
            _place(places, sheet, row, i, header.columns, shown, event)
            events.append(event)
    if problems:
        raise OefeningError(in_cell_order(problems))
    return events, places, header.ignored


def _event(sheet: Sheet, row: int, columns: dict[str, int], shown: dict[str, str],
           problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, col in columns.items():
        raw = sheet.cell(row, col)
        if raw is None or key == "nr":
            continue
        column = BY_KEY[key]
        try:
            values[key] = _read(column, raw, f"{sheet.name}!{col}")
        except ValueError as error:
            problems.append(sheet.problem(row, col, f"column {shown[key]!r}: {error}"))
    event: dict[str, Any] = {}
    if "id" in values:
        event["id"] = values["id"]
    elif "id" not in columns and "nr" in columns and sheet.cell(row, columns["nr"]) is not None:  # HSEEP
        event["id"] = "msel-" + slug(_as_text(sheet.cell(row, columns["nr"])), "x")
    if "at" in values:
        event["at"] = values["at"]
    trigger = values.get("trigger")
    if trigger is not None:
        if isinstance(trigger, str) and trigger.strip().lower() in ("manual", "handmatig"):
            trigger = {"manual": True}
        if not isinstance(trigger, dict):
            problems.append(sheet.problem(row, columns["trigger"], (
                f"column {shown['trigger']!r}: found {flow(trigger)}; expected after: {{event: ID, delay: 1d}}, "
                "when: CONDITION or manual")))
        else:
            event.update(trigger)
    if "probability" in values:
        event["probability"] = values["probability"]
    inject: dict[str, Any] = {}
    for part in ("title", "text"):
        text = _text(values.get(f"{part}.nl"), values.get(f"{part}.en"))
        text = values.get(part) if text is None else text
        if text is not None:
            inject[part] = text
    for key in ("source", "to", "severity", "expected_action", "expects", "variants"):
        if key in values:
            inject[key] = values[key]
    if isinstance(inject.get("variants"), dict):  # one variant written without "- "
        inject["variants"] = [inject["variants"]]
    more = values.get("more")
    if more is not None:
        if not isinstance(more, dict):
            problems.append(sheet.problem(row, columns["more"], (
                f"column {shown['more']!r}: found {flow(more)}; expected lines of key: value")))
        else:
            extra_inject = more.pop("inject", None)
            if isinstance(extra_inject, dict):
                twice = sorted(set(extra_inject) & set(inject))
                if twice:
                    problems.append(sheet.problem(row, columns["more"], (
                        f"column {shown['more']!r}: inject.{twice[0]} has its own column")))
                inject.update({k: v for k, v in extra_inject.items() if k not in inject})
            elif extra_inject is not None:
                more["inject"] = extra_inject
            own = {"id", "at", "probability", "effects", "notes", "unless", *TRIGGER_KEYS}
            twice = sorted(k for k in more if k in own and (k in event or k in values))
            if twice:
                problems.append(sheet.problem(row, columns["more"], (
                    f"column {shown['more']!r}: {twice[0]} has its own column")))
    if inject:
        event["inject"] = inject
    if "effects" in values:
        effects = values["effects"]
        event["effects"] = [effects] if isinstance(effects, dict) else effects
    if "unless" in values:
        event["unless"] = values["unless"]
    if "notes" in values:
        event["notes"] = values["notes"]
    if isinstance(more, dict):
        event.update({k: v for k, v in more.items() if k not in event})
    return event


def _read(column: Column, raw: Any, name: str) -> Any:
    if column.kind == "text":
        return _as_text(raw)
    if column.kind == "choice":
        word = _as_text(raw)
        choices = CHOICES[column.key]
        value = ALIASES.get(word.lower(), word.lower())
        if value not in choices:
            dutch = ", ".join(WORDS_NL[c] for c in choices)
            raise ValueError(f"found {word!r}; allowed: {', '.join(choices)} (in Dutch: {dutch})")
        return value
    if isinstance(raw, bool | int | float):
        return raw
    if isinstance(raw, dt.timedelta):
        return raw.total_seconds() / 3600
    if isinstance(raw, dt.time):
        return raw.hour + raw.minute / 60 + raw.second / 3600
    if isinstance(raw, dt.datetime | dt.date):
        raise ValueError(f"found the date {raw.isoformat()}; write a duration such as 6h or 2d "
                         "(format the cell as text)")
    if column.kind == "items":
        return cell_items(str(raw), name)
    return cell_value(str(raw), name)


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date | dt.time):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return str(raw)


def _text(nl: str | None, en: str | None) -> str | dict[str, str] | None:
    if nl is not None and nl == en:
        return nl
    text = {lang: value for lang, value in (("nl", nl), ("en", en)) if value is not None}
    return text or None


def _place(places: dict[Key, Place], sheet: Sheet, row: int, i: int, columns: dict[str, int],
           shown: dict[str, str], event: dict[str, Any]) -> None:
    base: Key = ("events", i)

    def put(path: Key, key: str) -> None:
        if key == "id" and key not in columns:
            key = "nr"
        if key in columns:
            places[(*base, *path)] = Place(sheet, row, columns[key], shown[key], base)

    put((), "id")
    put(("id",), "id")
    put(("at",), "at")
    for key in TRIGGER_KEYS:
        put((key,), "trigger")
    put(("probability",), "probability")
    for key in event:
        if key not in ("id", "at", "probability", "inject", "effects", "notes", "unless", *TRIGGER_KEYS):
            put((key,), "more")
    def first(part: str) -> str:
        return next((k for k in (f"{part}.nl", f"{part}.en", part) if k in columns), part)

    put(("inject",), first("title"))
    for part in ("title", "text"):
        put(("inject", part), first(part))
        put(("inject", part, "nl"), f"{part}.nl")
        put(("inject", part, "en"), f"{part}.en")
    for key in (*INJECT_COLUMNS, "expects", "variants"):
        put(("inject", key), key)
    for key in (event.get("inject") or {}):
        if key not in ("title", "text", "expects", "variants", *INJECT_COLUMNS):
            put(("inject", key), "more")
    put(("effects",), "effects")
    put(("notes",), "notes")
    put(("unless",), "unless")


def import_msel(sheet_path: str | Path, into: str | Path) -> tuple[str, Scenario, list[str]]:
    """The YAML text of ``into`` with its storyline replaced by the sheet's, the scenario it
    is, and the sheet's ignored columns. OefeningError with every problem by cell."""
    text = read_text(into)
    doc = parse_yaml(text, str(into))
    validate(Scenario, doc)
    events, places, ignored = read_events(sheet_path)
    data = dict(doc.data)
    data["events"] = events
    scenario = validate_placed(Scenario, data, places, str(sheet_path))
    new_text = replace_events(text, doc, events)
    written = validate(Scenario, parse_yaml(new_text, str(into)))
    if written != scenario:  # pragma: no cover - the writer and the reader disagree
        raise OefeningError("oefening msel import: the written YAML does not read back the same (a bug)")
    return new_text, scenario, ignored


def replace_events(text: str, doc: Document, events: list[dict[str, Any]]) -> str:
    """``text`` with the top-level ``events`` replaced (comments elsewhere kept), schema line on top."""
    source = text.split("\n")
    keys = doc.root.keys if doc.root is not None and doc.root.keys is not None else {}
    new = ["events:", *block(events, 2)] if events else ["events: []"]
    if "events" in keys:
        start = keys["events"].line - 1
        later = [m.line - 1 for m in keys.values() if m.line - 1 > start]
        end = min(later) if later else len(source)
        while end > start + 1 and (not source[end - 1].strip() or source[end - 1].lstrip().startswith("#")):
            end -= 1  # comments just above the next key belong to it
        source[start:end] = new
    else:
        while source and not source[-1].strip():
            source.pop()
        source.extend(["", *new])
    if not source or not source[0].startswith("# yaml-language-server:"):
        source.insert(0, SCHEMA_LINE)
    result = "\n".join(source)
    return result if result.endswith("\n") else result + "\n"


__all__ = ["COLUMNS", "CellProblem", "export_msel", "import_msel", "read_events", "replace_events", "rows_of"]
