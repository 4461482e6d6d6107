"""`oefening new --bia`: a checked scenario from a BIA and a supplier register."""

from __future__ import annotations

import json

import pytest

from oefening.exchange import values
from oefening.scenario.load import load_scenario
from tests.paths import DATA
from tests.run_cli import run_cli

BAD = DATA / "bad-sheets"


def _three_organisations(path):
    """A BIA as a continuity manager writes it: a title row, Dutch names, a group header
    'Terugvaloptie' merged over its columns, organisation cells merged over their processes,
    a second fallback on a row of its own, and empty rows at the end; the supplier register
    on a sheet of its own, with a SaaS that runs on a hyperscaler."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "BIA"
    ws["A1"] = "Business impact analyse 2026"
    ws.merge_cells("A1:N1")
    ws.append(["Organisatie", "Proces", "Kritikaliteit", "Vraag", "Capaciteit", "MTPD", "MBCO", "RTO",
               "Norm", "Diensten", "Terugvaloptie", None, None, None])
    ws.merge_cells("K2:N2")
    ws.append([None, None, None, None, None, None, None, None, None, None,
               "Naam", "Capaciteit", "Aanlooptijd", "Kosten"])
    for col in "ABCDEFGHIJ":  # the first-level names stand over both header rows
        ws.merge_cells(f"{col}2:{col}3")
    rows = [
        ["Gemeente Noord", "Uitkeringen", "Vitaal", 40, 50, "3 dagen", "50%", "48 uur", "48 uur",
         "Zaaksysteem; Betaalplatform", "Handmatige betaalrun", "30%", "24 uur", 10000],
        [None, "Uitkeringen", None, None, None, None, None, None, None, None,
         "Uitwijk buurgemeente", 0.6, "3 dagen", "50.000"],
        [None, "Vergunningen", "belangrijk", "12,5", 15, "1 week", 0.25, None, "5d",
         "Zaaksysteem", None, None, None, None],
        ["Waterschap Zuid", "Heffingen", "kritiek", 30, 40, "5d", "40%", "3d", "72h",
         "Belastingsysteem", "Papieren aanslagen", "20%", "2d", "5.000"],
        ["Provincie Oost", "Subsidies", "normaal", 5, 8, "2w", "30%", None, "10d",
         "Zaaksysteem, Klantportaal", "Spreadsheet", "50%", "8 uur", 0],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A4:A6")  # Gemeente Noord over its three rows
    ws.append([None] * 14)
    ws.append([None] * 14)
    sup = book.create_sheet("Leveranciers")
    sup.append(["Leverancier", "Diensten", "Afhankelijk van"])
    sup.append(["Orbitas", "Zaaksysteem, Klantportaal", "Nimbus Cloud"])
    sup.append(["PayNed", "Betaalplatform", None])
    sup.append(["FiscaalSoft", "Belastingsysteem", "Nimbus Cloud"])
    sup.append([None, None, None])
    book.save(path)


def test_three_organisations_to_a_scenario_that_checks_and_runs(tmp_path):
    """Three organisations to a scenario that checks and runs."""
    bia = tmp_path / "bia.xlsx"
    _three_organisations(bia)
    out = tmp_path / "oefening.yaml"
    done = run_cli("new", "--bia", str(bia), "-o", str(out), "--lang", "en")
    assert done.code == 0, done.err
    assert "3 organisations, 4 processes" in done.out
    assert run_cli("check", str(out)).code == 0
    scenario = load_scenario(out)
    procs = dict(scenario.processes())
    assert set(procs) == {"gemeente-noord/uitkeringen", "gemeente-noord/vergunningen",
                          "waterschap-zuid/heffingen", "provincie-oost/subsidies"}
    pay = procs["gemeente-noord/uitkeringen"]
    assert (pay.criticality, pay.demand, pay.capacity, pay.mtpd, pay.mbco, pay.norm) == ("vital", 40, 50, 72, 0.5, 48)
    assert pay.needs == ["zaaksysteem", "betaalplatform"]
    assert [(f.name, f.capacity, f.lead_time, f.cost) for f in pay.fallbacks] == [
        ("Handmatige betaalrun", 0.3, 24.0, 10000), ("Uitwijk buurgemeente", 0.6, 72.0, 50000)]
    permits = procs["gemeente-noord/vergunningen"]
    assert (permits.criticality, permits.demand, permits.mtpd, permits.norm) == ("important", 12.5, 168, 120)
    assert procs["waterschap-zuid/heffingen"].fallbacks[0].cost == 5000  # 5.000 is five thousand
    services = {s.id: s for s in scenario.services}
    assert services["zaaksysteem"].supplier == "orbitas"
    assert services["zaaksysteem"].needs == services["belastingsysteem"].needs == ["nimbus-cloud-platform"]
    # Nimbus Cloud runs Orbitas's and FiscaalSoft's services: all three organisations and
    # four processes depend on it (Orbitas: two organisations), so the storyline fails it.
    failing = next(e for e in scenario.events if e.id == "uitval")
    assert failing.effects[0].supplier.id == "nimbus-cloud"  # type: ignore[union-attr]
    lukewarm = next(e for e in scenario.events if e.id == "signalen")
    assert lukewarm.at is not None and lukewarm.at < failing.at.low  # type: ignore[union-attr]
    assert lukewarm.effects[0].supplier.status == "distressed"  # type: ignore[union-attr]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=oefening.schema.json\n")
    assert "gemeente-noord/uitkeringen: 48h" in text  # the RTO kept as a comment
    done = run_cli("montecarlo", str(out), "-n", "20", "--json")
    assert done.code == 0, done.err
    result = json.loads(done.out)
    assert result["replications"] == 20
    base = result["plans"]["baseline"]
    assert 0 <= base["continuity"]["p5"] <= base["continuity"]["p95"] < 100  # the failure hurts


def test_the_most_concentrated_supplier_is_failed(tmp_path):
    """Two organisations need Orbitas, one needs PayNed: Orbitas fails."""
    bia = tmp_path / "bia.csv"
    bia.write_text(
        "Organisation,Process,Criticality,Demand,Capacity,MTPD,MBCO,Norm,Services\n"
        "A,Pay,vital,10,12,3d,0.5,2d,Payments\n"
        "B,Permits,normal,5,6,1w,0.5,5d,Cases\n"
        "C,Tax,critical,5,6,1w,0.5,5d,Cases\n",
        encoding="utf-8")
    register = tmp_path / "suppliers.csv"
    register.write_text("Supplier,Services\nPayNed,Payments\nOrbitas,Cases\n", encoding="utf-8")
    out = tmp_path / "s.yaml"
    done = run_cli("new", "--bia", str(bia), "--suppliers", str(register), "-o", str(out), "--lang", "en")
    assert done.code == 0, done.err
    assert "fails Orbitas" in done.out
    scenario = load_scenario(out)
    failing = next(e for e in scenario.events if e.id == "uitval")
    assert failing.effects[0].supplier.id == "orbitas"  # type: ignore[union-attr]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ": 1 organisation, 1 process, 0 fallbacks, 1 supplier; the storyline fails PayNed"),
    ("nl", ": 1 organisatie, 1 proces, 0 terugvalopties, 1 leverancier; de verhaallijn laat PayNed uitvallen"),
])
def test_the_summary_counts_one_in_the_singular(tmp_path, lang, said):
    """One organisation with one process is "1 organisation, 1 process", in both languages
    (it said "1 organisations")."""
    bia = tmp_path / "bia.csv"
    bia.write_text("Organisation,Process,Criticality,Demand,Capacity,MTPD,MBCO,Norm,Services\n"
                   "A,Pay,vital,10,12,3d,0.5,2d,Payments\n", encoding="utf-8")
    register = tmp_path / "suppliers.csv"
    register.write_text("Supplier,Services\nPayNed,Payments\n", encoding="utf-8")
    out = tmp_path / "s.yaml"
    done = run_cli("new", "--bia", str(bia), "--suppliers", str(register), "-o", str(out), "--lang", lang)
    assert done.code == 0, done.err
    assert said in done.out


def test_the_template_fills_in_to_a_scenario(tmp_path):
    """`new --template` writes both sheets; its example rows make a scenario as they are."""
    import openpyxl

    template = tmp_path / "bia.xlsx"
    done = run_cli("new", "--template", str(template), "--lang", "nl")
    assert done.code == 0, done.err
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["BIA", "Leveranciers", "Toelichting"]
    header = [c.value for c in book["BIA"][1]]
    assert header[:3] == ["Organisatie", "Proces", "Kritikaliteit"]
    assert all(c.font.bold for c in book["BIA"][1]) and book["BIA"].freeze_panes == "C2"
    listing = [[c.value for c in row] for row in book["Toelichting"].iter_rows(min_row=2)]
    assert listing[2][:4] == ["BIA", "Criticality", "Kritikaliteit", "ja"]
    out = tmp_path / "s.yaml"
    assert run_cli("new", "--bia", str(template), "-o", str(out)).code == 0
    assert run_cli("check", str(out)).code == 0
    assert run_cli("new", "--template", str(template)).code == 2  # never overwritten


@pytest.mark.parametrize(("fixture", "cell", "words"), [
    ("bia-criticality.csv", "bia-criticality!C2",
     ["column 'Kritikaliteit'", "'hoog'", "allowed: vital, critical, important, normal", "vitaal"]),
    ("bia-mbco.csv", "bia-mbco!G2", ["column 'MBCO'", "'150%'", "at most 1 or 100%"]),
    ("bia-duration.csv", "bia-duration!F2", ["column 'MTPD'", "'drie dagen'", "3 dagen"]),
    ("bia-rto.csv", "bia-rto!H2", ["column 'RTO'", "longer than the MTPD"]),
    ("bia-capacity-zero.csv", "bia-capacity-zero!E2", ["column 'Capaciteit'", "must be > 0"]),
    ("bia-differs.csv", "bia-differs!C3", ["column 'Kritikaliteit'", "differs from row 2"]),
    ("bia-missing-column.csv", "bia-missing-column!A1", ["missing column 'MTPD'"]),
    ("bia-fallback-capacity.csv", "bia-fallback-capacity!L2", ["column 'Capaciteit terugvaloptie'", "'130%'"]),
    ("bia-unknown-service.xlsx", "BIA!I2", ["'Betaalplatform'", "no supplier in the register", "Zaaksysteem"]),
])
def test_bad_bia_names_the_cell(tmp_path, fixture, cell, words):
    """One line FILE:SHEET!CELL: message naming the column and what is allowed; exit 2; nothing written."""
    out = tmp_path / "s.yaml"
    path = BAD / fixture
    done = run_cli("new", "--bia", str(path), "-o", str(out))
    assert done.code == 2
    lines = done.err.strip().split("\n")
    assert len(lines) == 1, done.err
    assert lines[0].startswith(f"{path}:{cell}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert not out.exists() and not (tmp_path / "oefening.schema.json").exists()


@pytest.mark.parametrize(("raw", "hours"), [
    ("72h", "72h"), ("3 dagen", "3d"), ("1 week", "1w"), ("2,5 uur", "2.5h"), (48, 48), ("30 min", "30m"),
])
def test_durations_as_people_write_them(raw, hours):
    """Durations as people write them."""
    assert values.duration(raw) == hours


@pytest.mark.parametrize(("raw", "fraction"), [("50%", 0.5), ("0,25", 0.25), (0.3, 0.3), ("12,5 %", 0.125)])
def test_fractions_as_people_write_them(raw, fraction):
    """Fractions as people write them."""
    assert values.fraction(raw) == fraction


@pytest.mark.parametrize(("raw", "number"), [("1.250,50", 1250.5), ("12,5", 12.5), ("€ 10 000", 10000), (7, 7)])
def test_numbers_as_people_write_them(raw, number):
    """Numbers as people write them."""
    assert values.number(raw) == number


def test_every_column_is_documented():
    """docs/exchange.md names every BIA and register column in both languages."""
    from oefening.exchange.bia import BIA_FIELDS, SUPPLIER_FIELDS
    from tests.paths import ROOT

    doc = (ROOT / "docs" / "exchange.md").read_text(encoding="utf-8")
    for field in (*BIA_FIELDS, *SUPPLIER_FIELDS):
        assert f"| {field.en} | {field.nl} |" in doc, field.key
