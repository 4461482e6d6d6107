"""A first scenario from a business impact analysis and a supplier register (``oefening new --bia``).

The BIA sheet has one row per process (organisation, process, criticality, demand, capacity,
MTPD, MBCO, RTO, norm, the services it needs) with its fallback (name, capacity, lead time,
cost); a further row with the same organisation and process adds another fallback. The
supplier register has one row per supplier (or per supplier and service): the services it
delivers and the other suppliers those services run on. From them comes a checked scenario
with a generic storyline for the planner to edit: the most concentrated supplier (the one
the most organisations, then processes, depend on, directly or through another supplier)
first shows signs of trouble (the lukewarm phase), then fails, and is restarted after a while.
Column names and values: docs/exchange.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError, Problem
from oefening.exchange import values
from oefening.exchange.header import Header, find_header
from oefening.exchange.placed import Key, Place, in_cell_order, validate_placed
from oefening.exchange.sheets import Sheet, read_sheets, sheet_named
from oefening.scenario.model import Scenario, Weights

BIA_SHEETS = ("BIA", "Processen", "Processes", "Bedrijfsimpactanalyse", "Business impact analysis")
SUPPLIER_SHEETS = ("Suppliers", "Leveranciers", "Supplier register", "Leveranciersregister")


@dataclass(frozen=True)
class Field:
    """A column: its key, names in English and Dutch, other names, whether it is required."""

    key: str
    en: str
    nl: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help_en: str = ""
    help_nl: str = ""
    width: float = 14


BIA_FIELDS: tuple[Field, ...] = (
    Field("organisation", "Organisation", "Organisatie", ("organization", "org", "dienst/organisatie"), True,
          "the organisation's name", "naam van de organisatie", 22),
    Field("process", "Process", "Proces", ("primary process", "primair proces", "bedrijfsproces"), True,
          "the primary process", "het primaire proces", 26),
    Field("criticality", "Criticality", "Kritikaliteit",
          ("criticaliteit", "classificatie", "classification", "belang", "kriticiteit"), True,
          "vital, critical, important or normal", "vitaal, kritiek, belangrijk of normaal", 13),
    Field("demand", "Demand", "Vraag",
          ("demand (cases per hour)", "vraag (zaken per uur)", "instroom", "cases per hour", "zaken per uur"), True,
          "cases arriving per hour", "zaken die per uur binnenkomen", 11),
    Field("capacity", "Capacity", "Capaciteit",
          ("capacity (cases per hour)", "capaciteit (zaken per uur)", "handling capacity"), True,
          "cases handled per hour at full strength", "zaken per uur op volle sterkte", 11),
    Field("mtpd", "MTPD", "MTPD", ("mtpod", "mao", "maximum tolerable period of disruption",
                                   "maximaal toelaatbare uitvalduur", "maximale uitvalduur"), True,
          "maximum tolerable period of disruption: 72h, 3d",
          "maximaal toelaatbare uitvalduur: 72 uur, 3 dagen", 10),
    Field("mbco", "MBCO", "MBCO", ("minimum business continuity objective", "minimumniveau", "minimum niveau"), True,
          "minimum capacity that counts as delivered: 50% or 0.5",
          "minimale capaciteit die telt als geleverd: 50% of 0,5", 9),
    Field("rto", "RTO", "RTO", ("recovery time objective", "hersteltijd", "hersteltijddoel"), False,
          "recovery time objective; must be within the MTPD", "hersteltijddoel; moet binnen de MTPD liggen", 9),
    Field("norm", "Norm", "Norm", ("service norm", "afhandeltermijn", "termijn", "norm (doorlooptijd)"), True,
          "a case waiting longer than this is late: 48h", "een zaak die langer wacht is te laat: 48 uur", 9),
    Field("services", "Services", "Diensten",
          ("needs", "needed services", "ict services", "ict-diensten", "benodigde diensten", "systemen", "systems"),
          False, "ICT services it needs, separated by commas",
          "ICT-diensten die het nodig heeft, gescheiden door komma's", 26),
    Field("cost_per_late_case", "Cost per late case", "Kosten per te late zaak",
          ("kosten te late zaak", "late case cost"), False, "euro per late case", "euro per te late zaak", 12),
    Field("fallback", "Fallback", "Terugvaloptie",
          ("fallback name", "terugvaloptie naam", "noodprocedure", "uitwijk", "workaround", "fallbacknaam"), False,
          "a way to keep going without the services", "een manier om door te werken zonder de diensten", 26),
    Field("fallback_capacity", "Fallback capacity", "Capaciteit terugvaloptie",
          ("terugvaloptie capaciteit", "fallback capaciteit"), False,
          "its capacity, a fraction of normal: 30% or 0.3", "haar capaciteit, deel van normaal: 30% of 0,3", 12),
    Field("fallback_lead_time", "Fallback lead time", "Aanlooptijd terugvaloptie",
          ("terugvaloptie aanlooptijd", "fallback aanlooptijd", "aanlooptijd", "lead time"), False,
          "time from activation until it works: 24h", "tijd van activeren tot het werkt: 24 uur", 12),
    Field("fallback_cost", "Fallback cost", "Kosten terugvaloptie",
          ("terugvaloptie kosten", "activation cost", "activeringskosten"), False,
          "euro on activation", "euro bij activeren", 12),
    Field("fallback_cost_per_day", "Fallback cost per day", "Kosten per dag terugvaloptie",
          ("terugvaloptie kosten per dag", "cost per day", "kosten per dag"), False,
          "euro per day while active", "euro per dag zolang actief", 12),
    Field("fallback_services", "Fallback services", "Diensten terugvaloptie",
          ("terugvaloptie diensten", "fallback needs"), False,
          "services the fallback itself needs", "diensten die de terugvaloptie zelf nodig heeft", 20),
)
SUPPLIER_FIELDS: tuple[Field, ...] = (
    Field("supplier", "Supplier", "Leverancier", ("vendor", "naam leverancier", "supplier name"), True,
          "the supplier's name", "naam van de leverancier", 24),
    Field("services", "Services", "Diensten", ("service", "dienst", "delivers", "levert", "geleverde diensten"), True,
          "the services it delivers, separated by commas", "de diensten die hij levert, gescheiden door komma's", 30),
    Field("depends_on", "Depends on", "Afhankelijk van",
          ("runs on", "draait op", "needs suppliers", "onderliggende leverancier", "subcontractor", "onderaannemer"),
          False, "other suppliers those services need (a SaaS on a hyperscaler)",
          "andere leveranciers die deze diensten nodig hebben (een SaaS op een hyperscaler)", 30),
)
PROCESS_KEYS = ("criticality", "demand", "capacity", "mtpd", "mbco", "rto", "norm", "services", "cost_per_late_case")


def _names(fields: Sequence[Field]) -> dict[str, tuple[str, ...]]:
    return {f.key: (f.en, f.nl, *f.aliases) for f in fields}


@dataclass
class Built:
    """The scenario data made from the sheets, where each key came from, and notes."""

    data: dict[str, Any]
    places: dict[Key, Place]
    notes: list[str]
    rto: dict[str, str | int | float]
    target: str


def read_bia(bia: str | Path, suppliers: str | Path | None = None, *, scenario_id: str = "eigen-organisatie",
             start: str = "2026-01-05T08:00:00+01:00") -> tuple[Scenario, Built]:
    """The scenario the BIA (and supplier register) describe; OefeningError with every problem by cell."""
    sheets = read_sheets(bia)
    bia_sheet = sheet_named(sheets, BIA_SHEETS) or sheets[0] if sheets else None
    if bia_sheet is None:
        raise OefeningError([Problem("the workbook has no sheets", str(bia))])
    register = None
    if suppliers is not None:
        theirs = read_sheets(suppliers)
        register = sheet_named(theirs, SUPPLIER_SHEETS) or (theirs[0] if theirs else None)
    else:
        register = sheet_named([s for s in sheets if s is not bia_sheet], SUPPLIER_SHEETS)
    builder = _Builder(scenario_id, start)
    builder.read_bia(bia_sheet)
    if register is not None:
        builder.read_register(register)
    builder.finish()
    if builder.problems:
        raise OefeningError(in_cell_order(builder.problems))
    built = Built(builder.data, builder.places, builder.notes, builder.rto, builder.target)
    scenario = validate_placed(Scenario, builder.data, builder.places, str(bia))
    return scenario, built


class _Builder:
    """Scenario data grown row by row, with the cell behind every key."""

    def __init__(self, scenario_id: str, start: str) -> None:
        self.problems: list[Problem] = []
        self.places: dict[Key, Place] = {}
        self.notes: list[str] = []
        self.rto: dict[str, str | int | float] = {}
        self.organisations: list[dict[str, Any]] = []
        self.rows: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        self.service_names: dict[str, str] = {}  # id → name, in the order first met
        self.service_places: dict[str, Place] = {}
        self.delivered: dict[str, str] = {}  # service id → supplier id
        self.suppliers: dict[str, dict[str, Any]] = {}
        self.supplier_places: dict[str, Place] = {}
        self.runs_on: dict[str, list[str]] = {}  # service id → service ids it needs
        self.runs_on_places: dict[str, Place] = {}
        self.target = ""
        self.data: dict[str, Any] = {"format": 1, "id": scenario_id, "start": start}

    # --- the BIA --------------------------------------------------------------------------

    def _header(self, sheet: Sheet, fields: Sequence[Field]) -> Header | None:
        """The sheet's header, or None (and its problems kept) when columns are missing."""
        header = find_header(sheet, _names(fields), [f.key for f in fields if f.required],
                             {f.key: f.en for f in fields})
        self.problems.extend(header.problems)
        return None if header.problems else header

    def read_bia(self, sheet: Sheet) -> None:
        header = self._header(sheet, BIA_FIELDS)
        if header is None:
            return
        rows = header.data_rows(sheet)
        if not rows:
            self.problems.append(sheet.problem(header.row, 0, "no processes under the header row"))
        for row in rows:
            self._bia_row(sheet, header, row)

    def _cell(self, sheet: Sheet, header: Header, row: int, key: str) -> Any:
        col = header.columns.get(key)
        return None if col is None else sheet.cell(row, col)

    def _place(self, sheet: Sheet, header: Header, row: int, key: str, base: Key) -> Place:
        col = header.columns.get(key, 0)
        name = str(sheet.cell(header.row, col)) if col else key
        return Place(sheet, row, col, name, base)

    def _empty(self, sheet: Sheet, header: Header, row: int, key: str, why: str) -> None:
        place = self._place(sheet, header, row, key, ())
        self.problems.append(sheet.problem(row, place.col, f"column {place.header!r}: empty; {why}"))

    def _read(self, sheet: Sheet, header: Header, row: int, key: str, reader: Callable[[Any], Any]) -> Any:
        raw = self._cell(sheet, header, row, key)
        if raw is None:
            return None
        try:
            return reader(raw)
        except ValueError as error:
            place = self._place(sheet, header, row, key, ())
            self.problems.append(sheet.problem(row, place.col, f"column {place.header!r}: {error}"))
            return None

    def _bia_row(self, sheet: Sheet, header: Header, row: int) -> None:
        org_name = self._read(sheet, header, row, "organisation", values.text)
        proc_name = self._read(sheet, header, row, "process", values.text)
        for key, name in (("organisation", org_name), ("process", proc_name)):
            if name is None:
                self._empty(sheet, header, row, key, f"every row names its {key}")
        if org_name is None or proc_name is None:
            return
        org_id, proc_id = values.slug(org_name, "organisatie"), values.slug(proc_name, "proces")
        readers: dict[str, Callable[[Any], Any]] = {
            "criticality": values.criticality, "demand": lambda v: values.plain_number(values.number(v)),
            "capacity": lambda v: values.plain_number(values.number(v)), "mtpd": values.duration,
            "mbco": values.fraction, "rto": values.duration, "norm": values.duration, "services": values.names,
            "cost_per_late_case": lambda v: values.plain_number(values.number(v)),
        }
        found = {key: self._read(sheet, header, row, key, reader) for key, reader in readers.items()}
        known = self.rows.get((org_id, proc_id))
        if known is not None:  # another fallback of a process already read
            first_row, earlier = known
            for key in PROCESS_KEYS:
                raw = self._cell(sheet, header, row, key)
                if raw is not None and raw != self._cell(sheet, header, first_row, key):
                    place = self._place(sheet, header, row, key, ())
                    self.problems.append(sheet.problem(row, place.col, (
                        f"column {place.header!r}: differs from row {first_row} of the same process; "
                        "leave it empty in a row that adds a fallback")))
            self._fallback(sheet, header, row, earlier, self._process_path(org_id, proc_id))
            return
        org = next((o for o in self.organisations if o["id"] == org_id), None)
        if org is None:
            org = {"id": org_id, "name": org_name, "processes": []}
            self.organisations.append(org)
            oi = len(self.organisations) - 1
            self.places[("organisations", oi)] = self._place(sheet, header, row, "organisation", ("organisations", oi))
        oi = self.organisations.index(org)
        pi = len(org["processes"])
        base: Key = ("organisations", oi, "processes", pi)
        process: dict[str, Any] = {"id": proc_id, "name": proc_name}
        for key in ("criticality", "demand", "capacity"):
            if found[key] is not None:
                process[key] = found[key]
        services = found["services"] or []
        if services:
            process["needs"] = [self._service(name, sheet, header, row) for name in services]
        for key in ("mbco", "mtpd", "norm", "cost_per_late_case"):
            if found[key] is not None:
                process[key] = found[key]
        for key in ("criticality", "demand", "capacity", "mbco", "mtpd", "norm", "cost_per_late_case"):
            if self._cell(sheet, header, row, key) is None and key in header.columns and key != "cost_per_late_case":
                self._empty(sheet, header, row, key, "required for a process")
        self.places[base] = self._place(sheet, header, row, "process", base)
        for key, column in (("id", "process"), ("name", "process"), ("criticality", "criticality"),
                            ("demand", "demand"), ("capacity", "capacity"), ("needs", "services"),
                            ("mbco", "mbco"), ("mtpd", "mtpd"), ("norm", "norm"),
                            ("cost_per_late_case", "cost_per_late_case")):
            if column in header.columns:
                self.places[(*base, key)] = self._place(sheet, header, row, column, base)
        self._check_rto(sheet, header, row, found)
        if found["rto"] is not None:
            self.rto[f"{org_id}/{proc_id}"] = found["rto"]
        org["processes"].append(process)
        self.rows[(org_id, proc_id)] = (row, process)
        self._fallback(sheet, header, row, process, base)

    def _process_path(self, org_id: str, proc_id: str) -> Key:
        oi = next(i for i, o in enumerate(self.organisations) if o["id"] == org_id)
        pi = next(i for i, p in enumerate(self.organisations[oi]["processes"]) if p["id"] == proc_id)
        return ("organisations", oi, "processes", pi)

    def _check_rto(self, sheet: Sheet, header: Header, row: int, found: dict[str, Any]) -> None:
        from oefening.durations import format_duration, parse_duration

        if found["rto"] is None or found["mtpd"] is None:
            return
        rto, mtpd = parse_duration(found["rto"]), parse_duration(found["mtpd"])
        if rto > mtpd:
            place = self._place(sheet, header, row, "rto", ())
            self.problems.append(sheet.problem(row, place.col, (
                f"column {place.header!r}: the RTO ({format_duration(rto)}) is longer than the MTPD "
                f"({format_duration(mtpd)}); a process must be recovered within its MTPD")))

    def _fallback(self, sheet: Sheet, header: Header, row: int, process: dict[str, Any], base: Key) -> None:
        keys = ("fallback", "fallback_capacity", "fallback_lead_time", "fallback_cost", "fallback_cost_per_day",
                "fallback_services")
        if all(self._cell(sheet, header, row, k) is None for k in keys):
            return
        name = self._read(sheet, header, row, "fallback", values.text)
        fallbacks = process.setdefault("fallbacks", [])
        fi = len(fallbacks)
        path: Key = (*base, "fallbacks", fi)
        if name is None:
            place = self._place(sheet, header, row, "fallback", ())
            self.problems.append(sheet.problem(row, place.col or header.columns.get("fallback_capacity", 1), (
                f"column {place.header!r}: empty; a fallback needs a name")))
            return
        fallback: dict[str, Any] = {"id": values.slug(name, "terugval"), "name": name}
        readers: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
            ("capacity", "fallback_capacity", values.fraction),
            ("lead_time", "fallback_lead_time", values.duration),
            ("cost", "fallback_cost", lambda v: values.plain_number(values.number(v))),
            ("cost_per_day", "fallback_cost_per_day", lambda v: values.plain_number(values.number(v))),
        )
        for key, column, reader in readers:
            value = self._read(sheet, header, row, column, reader)
            if value is not None:
                fallback[key] = value
            if column in header.columns:
                self.places[(*path, key)] = self._place(sheet, header, row, column, path)
        needs = self._read(sheet, header, row, "fallback_services", values.names)
        if needs:
            fallback["needs"] = [self._service(n, sheet, header, row, "fallback_services") for n in needs]
            self.places[(*path, "needs")] = self._place(sheet, header, row, "fallback_services", path)
        if "capacity" not in fallback and "fallback_capacity" not in header.columns:
            place = self._place(sheet, header, row, "fallback", ())
            self.problems.append(sheet.problem(row, place.col, (
                "the fallback has no capacity: add a column 'Fallback capacity' (30% or 0.3)")))
        self.places[path] = self._place(sheet, header, row, "fallback", path)
        self.places[(*path, "id")] = self.places[path]
        fallbacks.append(fallback)

    def _service(self, name: str, sheet: Sheet, header: Header, row: int, column: str = "services") -> str:
        ident = values.slug(name, "dienst")
        if ident not in self.service_names:
            self.service_names[ident] = name
            self.service_places[ident] = self._place(sheet, header, row, column, ())
        return ident

    # --- the supplier register ------------------------------------------------------------

    def read_register(self, sheet: Sheet) -> None:
        header = self._header(sheet, SUPPLIER_FIELDS)
        if header is None:
            return
        for row in header.data_rows(sheet):
            name = self._read(sheet, header, row, "supplier", values.text)
            if name is None:
                self._empty(sheet, header, row, "supplier", "every row names a supplier")
                continue
            ident = values.slug(name, "leverancier")
            self.suppliers.setdefault(ident, {"id": ident, "name": name})
            self.supplier_places.setdefault(ident, self._place(sheet, header, row, "supplier", ()))
            services = self._read(sheet, header, row, "services", values.names) or []
            depends = self._read(sheet, header, row, "depends_on", values.names) or []
            for service in services:
                sid = values.slug(service, "dienst")
                if sid in self.delivered and self.delivered[sid] != ident:
                    place = self._place(sheet, header, row, "services", ())
                    other = self.suppliers[self.delivered[sid]]["name"]
                    self.problems.append(sheet.problem(row, place.col, (
                        f"column {place.header!r}: service {service!r} is already delivered by {other!r}; "
                        "a service has one supplier")))
                    continue
                self.delivered[sid] = ident
                self.service_names.setdefault(sid, service)
                self.service_places.setdefault(sid, self._place(sheet, header, row, "services", ()))
                if depends:
                    self.runs_on.setdefault(sid, []).extend(values.slug(d, "leverancier") for d in depends)
                    self.runs_on_places[sid] = self._place(sheet, header, row, "depends_on", ())
            for other in depends:
                oid = values.slug(other, "leverancier")
                self.suppliers.setdefault(oid, {"id": oid, "name": other})
                self.supplier_places.setdefault(oid, self._place(sheet, header, row, "depends_on", ()))

    # --- putting it together ----------------------------------------------------------------

    def finish(self) -> None:
        if self.problems:
            return
        if not self.suppliers:
            self.notes.append("no supplier register: every service gets a supplier of its own")
        for sid, name in self.service_names.items():
            if sid in self.delivered:
                continue
            if self.suppliers and sid in self.service_places:
                place = self.service_places[sid]
                self.problems.append(place.sheet.problem(place.row, place.col, (
                    f"column {place.header!r}: service {name!r} is delivered by no supplier in the register; "
                    f"known services: {', '.join(sorted(self.service_names[d] for d in self.delivered)) or 'none'}")))
                continue
            own = f"{sid}-leverancier"
            self.suppliers.setdefault(own, {"id": own, "name": f"Leverancier van {name}"})
            self.delivered[sid] = own
        if self.problems:
            return
        services: list[dict[str, Any]] = []
        platform: dict[str, str] = {}  # supplier id → the service that stands for its platform
        for sid, name in self.service_names.items():
            services.append({"id": sid, "name": name, "supplier": self.delivered[sid]})
        for sid, owners in self.runs_on.items():
            needs = []
            for oid in dict.fromkeys(owners):
                theirs = [s for s, by in self.delivered.items() if by == oid]
                if not theirs:
                    if oid not in platform:
                        platform[oid] = f"{oid}-platform"
                        services.append({"id": platform[oid], "name": f"Platform {self.suppliers[oid]['name']}",
                                         "supplier": oid})
                    needs.append(platform[oid])
                else:
                    needs.append(theirs[0])
            next(s for s in services if s["id"] == sid)["needs"] = needs
        used_suppliers = {s["supplier"] for s in services}
        suppliers = [s for i, s in self.suppliers.items() if i in used_suppliers]
        unused = [s["name"] for i, s in self.suppliers.items() if i not in used_suppliers]
        if unused:
            self.notes.append(f"suppliers in the register that deliver no service: {', '.join(unused)}")
        for k, supplier in enumerate(suppliers):
            at = self.supplier_places.get(supplier["id"])
            if at is not None:
                self.places[("suppliers", k)] = at
        for k, service in enumerate(services):
            at = self.service_places.get(service["id"])
            if at is not None:
                self.places[("services", k)] = at
            if service["id"] in self.runs_on_places:
                self.places[("services", k, "needs")] = self.runs_on_places[service["id"]]
        target = _most_concentrated(suppliers, services, self.organisations)
        self.target = target["id"] if target else ""
        self.data.update({
            "title": {"nl": "Oefening met de eigen organisatie", "en": "Exercise with our own organisation"},
            "turn": "4h",
            "horizon": _horizon(self.organisations),
            "suppliers": suppliers,
            "services": services,
            "organisations": self.organisations,
            "events": _storyline(target, self.organisations) if target else [],
        })
        if target:
            self.data["briefing"] = _briefing(target)
        if not target:
            self.notes.append("no process needs a service: the storyline is empty")


def _depends(services: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Every service with every supplier it depends on, through the services it runs on."""
    by_id = {s["id"]: s for s in services}
    out: dict[str, set[str]] = {}

    def walk(sid: str, seen: frozenset[str]) -> set[str]:
        if sid in out:
            return out[sid]
        service = by_id[sid]
        found = {service["supplier"]}
        for need in service.get("needs", []):
            if need in by_id and need not in seen:
                found |= walk(need, seen | {sid})
        out[sid] = found
        return found

    for sid in by_id:
        walk(sid, frozenset())
    return out


def _most_concentrated(suppliers: list[dict[str, Any]], services: list[dict[str, Any]],
                       organisations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The supplier the most organisations depend on, then the most processes, the most weight
    (criticality weight × demand), the most processes directly (not through another supplier)."""
    depends = _depends(services)
    weights = Weights().model_dump()
    by_id = {s["id"]: s for s in services}
    score: dict[str, tuple[set[str], int, float, int]] = {}
    for org in organisations:
        for proc in org["processes"]:
            needs = set(proc.get("needs", []))
            direct = {by_id[n]["supplier"] for n in needs if n in by_id}
            reached: set[str] = set()
            for need in needs:
                reached |= depends.get(need, set())
            for sid in reached:
                orgs, count, weight, near = score.get(sid, (set(), 0, 0.0, 0))
                weight += weights.get(proc.get("criticality", "normal"), 1) * float(proc.get("demand", 0))
                score[sid] = (orgs | {org["id"]}, count + 1, weight, near + (sid in direct))
    if not score:
        return None
    best = sorted(score, key=lambda s: (-len(score[s][0]), -score[s][1], -score[s][2], -score[s][3], s))[0]
    return next(s for s in suppliers if s["id"] == best)


def _horizon(organisations: list[dict[str, Any]]) -> str:
    """Three weeks, or three times the longest MTPD when that is longer (at most 90 days)."""
    from oefening.durations import parse_duration

    longest = max((parse_duration(p["mtpd"]) for o in organisations for p in o["processes"] if "mtpd" in p),
                  default=0.0)
    days = min(90, max(21, int(-(-3 * longest // 24))))
    return f"{days}d"


def _briefing(target: dict[str, Any]) -> dict[str, str]:
    name = target["name"]
    return {
        "nl": (f"U bent het crisisteam. Veel van uw primaire processen draaien op diensten van {name}. "
               "Dit scenario is gemaakt uit de BIA en het leveranciersregister: pas de verhaallijn aan "
               "uw eigen organisatie aan."),
        "en": (f"You are the crisis team. Many of your primary processes run on services of {name}. "
               "This scenario was made from the BIA and the supplier register: adapt the storyline to "
               "your own organisation."),
    }


def _storyline(target: dict[str, Any], organisations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signs of trouble, a request for payment in advance, the failure, a media storm, a restart."""
    sid, name = target["id"], target["name"]
    events: list[dict[str, Any]] = [
        {"id": "signalen", "at": "1d",
         "inject": {"source": "news", "severity": "warning",
                    "title": {"nl": f"{name} in financiële problemen", "en": f"{name} in financial trouble"},
                    "text": {"nl": (f"Een kredietbeoordelaar verlaagt de rating van {name}. De leverancier laat "
                                    "weten dat de dienstverlening ongestoord doorgaat. De lauwe fase is begonnen: "
                                    "alles werkt nog, maar de leverancier is kwetsbaar."),
                             "en": (f"A rating agency downgrades {name}. The supplier says that service continues "
                                    "undisturbed. The lukewarm phase has begun: everything still works, but the "
                                    "supplier is fragile.")}},
         "notes": "the lukewarm phase: a team that prepares fallbacks now is ready when it fails",
         "effects": [{"supplier": {"id": sid, "status": "distressed"}}]},
        {"id": "vooruitbetaling", "at": "2d",
         "inject": {"source": "supplier", "severity": "warning",
                    "title": {"nl": f"{name} vraagt om vooruitbetaling", "en": f"{name} asks for payment in advance"},
                    "text": {"nl": (f"{name} vraagt de facturen van het komende kwartaal nu al te betalen. "
                                    "Uw contractmanager vraagt wat hij moet doen."),
                             "en": (f"{name} asks to pay next quarter's invoices now. Your contract manager asks "
                                    "what to do.")}}},
        {"id": "uitval", "at": {"dist": "triangular", "low": "3d", "mode": "5d", "high": "8d"},
         "inject": {"source": "supplier", "severity": "critical",
                    "title": {"nl": f"{name} failliet, diensten uit", "en": f"{name} bankrupt, services off"},
                    "text": {"nl": (f"De rechtbank verklaart {name} failliet. De diensten zijn uitgezet; "
                                    "de curator onderzoekt of een doorstart mogelijk is."),
                             "en": (f"The court declares {name} bankrupt. The services have been switched off; "
                                    "the receiver looks into a restart.")}},
         "effects": [{"supplier": {"id": sid, "status": "failed"}}]},
    ]
    hit = [(f"{o['id']}/{p['id']}", p) for o in organisations for p in o["processes"] if p.get("needs")]
    order = {"vital": 0, "critical": 1, "important": 2, "normal": 3}
    if hit:
        ref, proc = min(hit, key=lambda rp: (order.get(rp[1].get("criticality", "normal"), 3), rp[0]))
        cases = max(1, round(float(proc.get("demand", 0)) * 24))
        events.append({
            "id": "media", "when": {"late_cases_above": {"process": ref, "cases": cases}},
            "inject": {"source": "media", "severity": "critical",
                       "title": {"nl": f"Media: {proc['name']} ligt stil",
                                 "en": f"Media: {proc['name']} at a standstill"},
                       "text": {"nl": "Journalisten bellen: burgers wachten al dagen. Wat zegt u?",
                                "en": ("Journalists call: people have been waiting for days. "
                                       "What do you say?")}},
            "notes": "fires once more than a day's demand of the most critical hit process is late"})
    events.append({
        "id": "doorstart", "after": {"event": "uitval", "delay": {"dist": "lognormal", "median": "7d", "p90": "14d"}},
        "inject": {"source": "supplier", "severity": "info",
                   "title": {"nl": f"Doorstart van {name}", "en": f"{name} restarts"},
                   "text": {"nl": "De curator heeft een koper gevonden; de diensten komen weer op.",
                            "en": "The receiver found a buyer; the services come back up."}},
        "effects": [{"supplier": {"id": sid, "status": "healthy"}}]})
    return events


def scenario_text(built: Built, sources: Sequence[str]) -> str:
    """The scenario as a commented YAML file."""
    from oefening.exchange.yamltext import block

    data = built.data
    target = next((s for s in data["suppliers"] if s["id"] == built.target), None)
    out = [
        "# yaml-language-server: $schema=oefening.schema.json",
        "#",
        f"# Made by `oefening new` from {' and '.join(sources)}.",
        f"# Gemaakt door `oefening new` uit {' en '.join(sources)}.",
        "# The world (organisations, processes, fallbacks, suppliers, services) comes from the sheets;",
        "# the storyline is generic: edit it here or as a sheet (`oefening msel export`),",
        "# add actions, then `oefening check` this file.",
        "# De wereld komt uit de sheets; de verhaallijn is algemeen: pas die aan (hier of als",
        "# sheet met `oefening msel export`), voeg besluiten toe en controleer het bestand.",
    ]
    if target:
        out.append(f"# The storyline fails the most concentrated supplier: {target['name']}.")
    if built.rto:
        out.append("# RTO from the BIA (compare it with when the fallbacks work; the format has no RTO key):")
        out.extend(f"#   {ref}: {rto}" for ref, rto in built.rto.items())
    head = {k: data[k] for k in ("format", "id", "title", "briefing", "start", "turn", "horizon") if k in data}
    out.extend(block(head))
    for key, comment in (("suppliers", "# --- suppliers and their services / leveranciers en hun diensten ---"),
                         ("services", None),
                         ("organisations", "# --- organisations and their processes, from the BIA / uit de BIA ---"),
                         ("events", "# --- the storyline / de verhaallijn ---")):
        out.append("")
        if comment:
            out.append(comment)
        items = data.get(key) or []
        out.extend([f"{key}:", *block(items, 2)] if items else [f"{key}: []"])
    out.extend(["", "# --- decisions on offer; activating a fallback always is one / besluiten ---", "actions: []", ""])
    return "\n".join(out)
