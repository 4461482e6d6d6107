"""``oefening new --template bia.xlsx``: a BIA workbook to fill in.

Three sheets: *BIA* (one row per process, a further row per extra fallback), the supplier
register, and one that lists every column in English and Dutch with what it holds. The
example rows make a working scenario as they are, so a planner can try ``new --bia`` at once
and then overwrite them with their own organisation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oefening.exchange.bia import BIA_FIELDS, SUPPLIER_FIELDS, Field
from oefening.exchange.sheets import ColumnFormat, add_table

EXAMPLE_BIA: tuple[dict[str, Any], ...] = (
    {"organisation": "Gemeente Oefenstad", "process": "Uitkeringen betalen", "criticality": "vitaal", "demand": 40,
     "capacity": 50, "mtpd": "3 dagen", "mbco": "50%", "rto": "48 uur", "norm": "48 uur",
     "services": "Zaaksysteem, Betaalplatform", "cost_per_late_case": 25, "fallback": "Handmatige betaalrun",
     "fallback_capacity": "30%", "fallback_lead_time": "24 uur", "fallback_cost": 10000,
     "fallback_cost_per_day": 5000},
    {"organisation": "Gemeente Oefenstad", "process": "Uitkeringen betalen", "fallback": "Uitwijk naar buurgemeente",
     "fallback_capacity": "60%", "fallback_lead_time": "3 dagen", "fallback_cost": 50000,
     "fallback_cost_per_day": 8000, "fallback_services": "Betaalplatform"},
    {"organisation": "Gemeente Oefenstad", "process": "Klantcontact", "criticality": "belangrijk", "demand": 60,
     "capacity": 80, "mtpd": "1 week", "mbco": "25%", "norm": "8 uur", "services": "Klantportaal",
     "fallback": "Telefonisch spreekuur", "fallback_capacity": "40%", "fallback_lead_time": "4 uur",
     "fallback_cost_per_day": 2000},
)
EXAMPLE_SUPPLIERS: tuple[dict[str, Any], ...] = (
    {"supplier": "Orbitas", "services": "Zaaksysteem, Klantportaal", "depends_on": "Nimbus Cloud"},
    {"supplier": "PayNed", "services": "Betaalplatform"},
)


def write_template(path: str | Path, lang: str) -> None:
    """The BIA workbook, column names in ``lang``, with example rows."""
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()

    def formats(fields: tuple[Field, ...]) -> list[ColumnFormat]:
        return [ColumnFormat(f.nl if lang == "nl" else f.en, f.width,
                             comment=(f.help_nl if lang == "nl" else f.help_en) + ("" if f.required else
                                     (" (niet verplicht)" if lang == "nl" else " (optional)")))
                for f in fields]

    def rows(fields: tuple[Field, ...], examples: tuple[dict[str, Any], ...]) -> list[list[Any]]:
        return [[example.get(f.key) for f in fields] for example in examples]

    bia = add_table(book, "BIA", formats(BIA_FIELDS), rows(BIA_FIELDS, EXAMPLE_BIA), first=True, freeze="C2")
    words = ("vitaal,kritiek,belangrijk,normaal" if lang == "nl" else "vital,critical,important,normal")
    rule = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
    col = [f.key for f in BIA_FIELDS].index("criticality") + 1
    letter = chr(ord("A") + col - 1)
    rule.add(f"{letter}2:{letter}1000")
    bia.add_data_validation(rule)
    add_table(book, "Leveranciers" if lang == "nl" else "Suppliers", formats(SUPPLIER_FIELDS),
              rows(SUPPLIER_FIELDS, EXAMPLE_SUPPLIERS))
    head = (["Blad", "Kolom (Engels)", "Kolom (Nederlands)", "Verplicht", "Betekenis"] if lang == "nl"
            else ["Sheet", "Column (English)", "Column (Dutch)", "Required", "Meaning"])
    yes, no = ("ja", "nee") if lang == "nl" else ("yes", "no")
    listing = [
        [sheet, f.en, f.nl, yes if f.required else no, f.help_nl if lang == "nl" else f.help_en]
        for sheet, fields in (("BIA", BIA_FIELDS), ("Leveranciers" if lang == "nl" else "Suppliers", SUPPLIER_FIELDS))
        for f in fields
    ]
    add_table(book, "Toelichting" if lang == "nl" else "Columns",
              [ColumnFormat(h, w) for h, w in zip(head, (14, 26, 30, 10, 80), strict=True)], listing)
    book.save(path)
