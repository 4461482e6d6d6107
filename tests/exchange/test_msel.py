"""`oefening msel export|import`: the storyline as an HSEEP MSEL sheet and back."""

from __future__ import annotations

import pytest

from oefening.exchange.msel import COLUMNS, read_events, rows_of
from oefening.exchange.sheets import write_csv
from oefening.scenario.load import load_scenario
from tests.paths import DATA, MINIMAL, SCENARIOS
from tests.run_cli import run_cli

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
BAD = DATA / "bad-sheets"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("scenario", BUNDLED, ids=lambda p: p.stem)
def test_round_trip_changes_nothing(tmp_path, scenario, suffix):
    """Export then import gives a scenario equal to the original, and the file passes check."""
    sheet = tmp_path / f"msel.{suffix}"
    out = tmp_path / "new.yaml"
    lang = "nl" if suffix == "xlsx" else "en"
    done = run_cli("msel", "export", str(scenario), "-o", str(sheet), "--lang", lang)
    assert done.code == 0, done.err
    done = run_cli("msel", "import", str(sheet), "--into", str(scenario), "-o", str(out))
    assert done.code == 0, done.err
    original = load_scenario(scenario)
    assert load_scenario(out) == original
    assert len(original.events) > 3
    assert run_cli("check", str(out)).code == 0


def test_import_keeps_the_rest_of_the_file_and_its_comments(tmp_path):
    """Comments outside the storyline survive; the schema line is on top."""
    scenario = SCENARIOS / "leverancier-faillissement.yaml"
    sheet, out = tmp_path / "m.csv", tmp_path / "new.yaml"
    run_cli("msel", "export", str(scenario), "-o", str(sheet))
    assert run_cli("msel", "import", str(sheet), "--into", str(scenario), "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    original = scenario.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=oefening.schema.json\n")
    head = original.split("\nevents:")[0]
    assert text.startswith(head)  # everything above the storyline, comments included
    actions = original[original.index("\nactions:"):]
    assert text.endswith(actions)


def test_schema_line_added_when_missing(tmp_path):
    """An imported scenario starts with the schema line even when the sheet lacked it."""
    into = tmp_path / "plain.yaml"
    into.write_text("\n".join(MINIMAL.read_text().split("\n")[1:]), encoding="utf-8")
    sheet, out = tmp_path / "m.csv", tmp_path / "new.yaml"
    run_cli("msel", "export", str(into), "-o", str(sheet))
    assert run_cli("msel", "import", str(sheet), "--into", str(into), "-o", str(out)).code == 0
    assert out.read_text().startswith("# yaml-language-server: $schema=oefening.schema.json\n")
    assert load_scenario(out) == load_scenario(into)


def test_xlsx_is_formatted_for_editing(tmp_path):
    """Bold frozen header, widths, wrapped text, and lists for From and Severity."""
    import openpyxl

    sheet = tmp_path / "m.xlsx"
    assert run_cli("msel", "export", str(MINIMAL), "-o", str(sheet), "--lang", "en").code == 0
    ws = openpyxl.load_workbook(sheet)["MSEL"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Nr", "Time", "Trigger", "Event"]
    assert {"Title (nl)", "Title (en)", "Text (nl)", "Text (en)", "From", "To", "Severity",
            "Expected action", "Notes", "Effects", "Other keys"} <= set(header)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["H"].width >= 30  # a text column is wide
    assert ws["D2"].value == "credit-warning" and ws["B2"].value == "1d"
    assert ws.cell(2, header.index("Effects") + 1).alignment.wrap_text
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in ws.data_validations.dataValidation}
    source = chr(ord("A") + header.index("From"))
    severity = chr(ord("A") + header.index("Severity"))
    assert "news" in lists[source] and "facilitator" in lists[source]
    assert lists[severity] == '"info,warning,critical"'


def test_a_sheet_written_by_hand(tmp_path):
    """Dutch column names in another order, a merged title row above the header, a merged
    group header, Dutch words for source and severity, and empty trailing rows."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Draaiboek"
    ws["A1"] = "MSEL oefening faillissement"
    ws.merge_cells("A1:I1")
    ws.append([None, None, None, "Inject", None, None, None, None, None])
    ws.merge_cells("D2:G2")
    ws.append(["Gebeurtenis", "TIJD", "aanleiding", "Titel (nl)", "titel (EN)", "Van", "Ernst",
               "Effecten", "Eigen kolom"])
    ws.append(["credit-warning", "1d", None, "Leverancier in zwaar weer", "Supplier in trouble",
               "Nieuws", "waarschuwing", "- supplier: {id: globaltech, status: distressed}\n"
               "- budget: {amount: -10}", "x"])
    ws.append(["bankruptcy", None, "after: {event: credit-warning, delay: 2d}", "Failliet", "Failliet",
               None, "kritiek", "supplier: {id: globaltech, status: failed}", None])
    ws.append([None] * 9)
    ws.append([None, None, None, None, None, None, None, None, None])
    sheet = tmp_path / "hand.xlsx"
    book.save(sheet)
    out = tmp_path / "new.yaml"
    done = run_cli("msel", "import", str(sheet), "--into", str(MINIMAL), "-o", str(out))
    assert done.code == 0, done.err
    assert "Eigen kolom" in done.err  # an unknown column is named, not silently used
    events = load_scenario(out).events
    assert [e.id for e in events] == ["credit-warning", "bankruptcy"]
    first, second = events
    assert first.at == 24.0
    assert first.inject is not None and first.inject.title == {"nl": "Leverancier in zwaar weer",
                                                                "en": "Supplier in trouble"}
    assert (first.inject.source, first.inject.severity) == ("news", "warning")
    assert second.after is not None and (second.after.event, second.after.delay) == ("credit-warning", 48.0)
    assert second.inject is not None and second.inject.title == "Failliet"  # the same in both: one text
    assert second.inject.severity == "critical"
    assert second.effects[0].supplier.status == "failed"  # type: ignore[union-attr]
    assert [e.budget.amount for e in first.effects[1:]] == [-10]  # type: ignore[union-attr]


def test_keys_without_a_column_round_trip(tmp_path):
    """unless, expects and variants have columns; keys a later format adds (here invented:
    someday, inject.tone) land in 'Other keys'; all come back as they were."""
    events = [
        {"id": "a", "at": "1d", "unless": {"event": "b"}, "manual": True, "someday": {"new": [1, "x"]},
         "inject": {"title": {"nl": "T", "en": "T2"}, "variants": [{"when": {"event": "b"}, "title": "V"}],
                    "expects": {"not": {"event": "b"}}, "tone": "calm"},
         "effects": [{"supplier": {"id": "x", "status": "failed"}}], "notes": "why", "probability": 0.5},
        {"id": "b", "when": {"all": [{"event": "a"}, {"time_after": "2d"}]}},
    ]
    path = tmp_path / "m.csv"
    write_csv(path, [c.en for c in COLUMNS], rows_of(events, "en"))
    back, _, ignored = read_events(path)
    assert back == events and ignored == []
    row = rows_of(events, "en")[0]
    more = row[[c.key for c in COLUMNS].index("more")]
    assert more == 'someday: {new: [1, x]}\ninject: {tone: calm}'  # the invented keys, readable
    variants = row[[c.key for c in COLUMNS].index("variants")]
    assert variants == "{when: {event: b}, title: V}"


@pytest.mark.parametrize(("fixture", "cell", "words"), [
    ("msel-severity.csv", "msel-severity!G2", ["column 'Severity'", "'dringend'", "allowed: info, warning, critical"]),
    ("msel-effect-yaml.csv", "msel-effect-yaml!E2", ["column 'Effecten'", "not valid YAML"]),
    ("msel-unknown-supplier.csv", "msel-unknown-supplier!E3", ["unknown supplier 'megatech'", "known: globaltech"]),
    ("msel-missing-id.csv", "msel-missing-id!C3", ["column 'Event'", "missing key 'id'"]),
    ("msel-typo-header.csv", "msel-typo-header!E1", ["unknown column 'Efects'", "did you mean 'Effects'"]),
    ("msel-two-triggers.csv", "msel-two-triggers!D3", ["one of at, after, when"]),
    ("msel-bad-time.csv", "msel-bad-time!B2", ["column 'Time'", "'4 uur'", "such as 30m, 4h"]),
    ("msel-probability.xlsx", "MSEL!E3", ["column 'Kans'", "must be ≤ 1"]),
    ("msel-no-id.csv", "msel-no-id!A1", ["missing column 'Event'", "'Gebeurtenis'"]),
    ("msel-empty.csv", "msel-empty!A1", ["no header row", "'Nr', 'Time', 'Trigger', 'Event'"]),
])
def test_bad_sheet_names_the_cell(tmp_path, fixture, cell, words):
    """One line FILE:SHEET!CELL: message, exit 2, nothing written."""
    out = tmp_path / "new.yaml"
    path = BAD / fixture
    done = run_cli("msel", "import", str(path), "--into", str(MINIMAL), "-o", str(out))
    assert done.code == 2
    lines = done.err.strip().split("\n")
    assert len(lines) == 1, done.err
    assert lines[0].startswith(f"{path}:{cell}: "), lines[0]
    for word in words:
        assert word in lines[0]
    assert not out.exists()
    assert "Traceback" not in done.err


def test_never_overwrites_without_force(tmp_path):
    """Never overwrites without force."""
    sheet = tmp_path / "m.csv"
    sheet.write_text("keep", encoding="utf-8")
    done = run_cli("msel", "export", str(MINIMAL), "-o", str(sheet))
    assert done.code == 2 and "already exists" in done.err and "--force" in done.err
    assert sheet.read_text() == "keep"
    assert run_cli("msel", "export", str(MINIMAL), "-o", str(sheet), "--force").code == 0
    assert sheet.read_text(encoding="utf-8-sig").startswith("Nr,")


@pytest.mark.parametrize(("argv", "words"), [
    (["msel", "export", "missing.yaml", "-o", "{tmp}/m.csv"], "missing.yaml: no such file"),
    (["msel", "export", str(MINIMAL), "-o", "{tmp}/m.ods"], "expected an output file ending in .xlsx or .csv"),
    (["msel", "import", "{tmp}/none.xlsx", "--into", str(MINIMAL), "-o", "{tmp}/n.yaml"], "none.xlsx: no such file"),
    (["msel", "import", str(MINIMAL), "--into", str(MINIMAL), "-o", "{tmp}/n.yaml"], "ending in .xlsx or .csv"),
    (["msel", "import", "{tmp}/fake.xlsx", "--into", str(MINIMAL), "-o", "{tmp}/n.yaml"], "cannot read it as an Excel workbook"),
])
def test_bad_files_are_one_line(tmp_path, argv, words):
    """Bad files are one line."""
    (tmp_path / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    done = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert done.code == 2 and words in done.err and len(done.err.strip().split("\n")) == 1, done.err


def test_every_column_is_documented():
    """docs/exchange.md names every MSEL column in both languages."""
    from tests.paths import ROOT

    doc = (ROOT / "docs" / "exchange.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        if column.key.endswith(".en"):
            continue
        assert column.en in doc and column.nl in doc, column.key


def test_story_keys_round_trip_through_the_model(tmp_path):
    """An event with unless, and an inject with expects and variants (as the story layer
    writes them), comes back equal after export and import."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "    inject: {title: Leverancier in zwaar weer, source: news, severity: warning}\n",
        "    unless: {supplier: {id: globaltech, status: failed}}\n"
        "    inject:\n"
        "      title: Leverancier in zwaar weer\n"
        "      expects: {supplier: {id: globaltech, status: healthy}}\n"
        "      variants:\n"
        "        - when: {backlog_above: {process: uitvoering/uitkeringen, cases: 10}}\n"
        "          title: {nl: 'Achterstand {backlog:uitvoering/uitkeringen} zaken', en: Backlog}\n"
        "          severity: critical\n")
    into = tmp_path / "story.yaml"
    into.write_text(text, encoding="utf-8")
    original = load_scenario(into)
    assert original.events[0].inject is not None and original.events[0].inject.variants
    for suffix in ("xlsx", "csv"):
        sheet, out = tmp_path / f"m.{suffix}", tmp_path / f"new-{suffix}.yaml"
        assert run_cli("msel", "export", str(into), "-o", str(sheet)).code == 0
        done = run_cli("msel", "import", str(sheet), "--into", str(into), "-o", str(out))
        assert done.code == 0, done.err
        assert load_scenario(out) == original


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(tmp_path):
    """An xlsx is a zip: a small file whose sheet unpacks past the cap is refused before reading."""
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 2**20))
    assert bomb.stat().st_size < 2**20
    done = run_cli("msel", "import", str(bomb), "--into", str(MINIMAL), "-o", str(tmp_path / "n.yaml"))
    assert done.code == 2 and "unpacks to 201 MB; at most 200 MB" in done.err


def test_no_csv_cell_starts_like_a_formula(tmp_path):
    """Excel takes a csv cell starting with =, +, - or @ for a formula: none is written."""
    import csv

    for scenario in BUNDLED:
        sheet = tmp_path / f"{scenario.stem}.csv"
        assert run_cli("msel", "export", str(scenario), "-o", str(sheet)).code == 0
        with sheet.open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")], scenario.stem


def test_an_hseep_msel_without_ids(tmp_path):
    """The HSEEP template's own columns (MSEL #, Designated Scenario Time, Event Synopsis,
    Inject, From, To, Method, Expected Player Action, Notes) import: ids from the numbers,
    one text for both languages; Method is not oefening's and is named as ignored."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["MSEL #", "Designated Scenario Time", "Event Synopsis", "Inject", "From", "To", "Method",
               "Expected Player Action", "Notes"])
    ws.append([1, "1d", "Supplier in trouble", "The paper reports unpaid bills.", "news", "Crisis team",
               "e-mail", "Ask the contract manager for the exit plan", "lukewarm phase"])
    ws.append([2, "3d", "Bankruptcy", None, "supplier", None, "phone", None, None])
    sheet = tmp_path / "hseep.xlsx"
    book.save(sheet)
    out = tmp_path / "n.yaml"
    done = run_cli("msel", "import", str(sheet), "--into", str(MINIMAL), "-o", str(out))
    assert done.code == 0, done.err
    assert "Method" in done.err
    first, second = load_scenario(out).events
    assert (first.id, first.at, second.id, second.at) == ("msel-1", 24.0, "msel-2", 72.0)
    assert first.inject is not None and second.inject is not None
    assert (first.inject.title, first.inject.text, first.inject.to) == (
        "Supplier in trouble", "The paper reports unpaid bills.", "Crisis team")
    assert first.inject.expected_action == "Ask the contract manager for the exit plan"
    assert first.notes == "lukewarm phase" and second.inject.source == "supplier"
