"""The words of the commands that bring an organisation in and out (``oefening new``,
``oefening msel``), merged into the one table of :mod:`oefening.words.table`."""

EXCHANGE: dict[str, dict[str, str]] = {
    "new.starter": {
        "en": "{out}: a starting scenario; next: oefening check {out}, then oefening play {out}",
        "nl": "{out}: een beginscenario; daarna: oefening check {out}, dan oefening play {out}",
    },
    "new.bia": {
        "en": ("{out}: {orgs}, {procs}, {fallbacks}, {suppliers}; the storyline fails {target}; "
               "next: oefening check {out}"),
        "nl": ("{out}: {orgs}, {procs}, {fallbacks}, {suppliers}; de verhaallijn laat {target} uitvallen; "
               "daarna: oefening check {out}"),
    },
    "new.no_target": {"en": "no supplier (no process needs a service)",
                      "nl": "geen leverancier (geen proces heeft een dienst nodig)"},
    # counted nouns (oefening.words.formats.counted): one, or any other number
    "count.organisation.one": {"en": "{n} organisation", "nl": "{n} organisatie"},
    "count.organisation.many": {"en": "{n} organisations", "nl": "{n} organisaties"},
    "count.process.one": {"en": "{n} process", "nl": "{n} proces"},
    "count.process.many": {"en": "{n} processes", "nl": "{n} processen"},
    "count.fallback.one": {"en": "{n} fallback", "nl": "{n} terugvaloptie"},
    "count.fallback.many": {"en": "{n} fallbacks", "nl": "{n} terugvalopties"},
    "count.supplier.one": {"en": "{n} supplier", "nl": "{n} leverancier"},
    "count.supplier.many": {"en": "{n} suppliers", "nl": "{n} leveranciers"},
    "new.template": {
        "en": "{out}: a BIA to fill in (sheets BIA and Suppliers); then oefening new --bia {out} -o SCENARIO.yaml",
        "nl": ("{out}: een BIA om in te vullen (bladen BIA en Leveranciers); daarna oefening new --bia {out} "
               "-o SCENARIO.yaml"),
    },
    "new.schema": {"en": "{out}: the JSON Schema, for editors", "nl": "{out}: het JSON-schema, voor editors"},
    "new.note": {"en": "note: {text}", "nl": "let op: {text}"},
    "msel.exported": {"en": "{out}: {n} events from {src}", "nl": "{out}: {n} gebeurtenissen uit {src}"},
    "msel.imported": {
        "en": "{out}: {src} with {n} events from {sheet}",
        "nl": "{out}: {src} met {n} gebeurtenissen uit {sheet}",
    },
    "msel.ignored": {
        "en": "{sheet}: ignored columns (not part of the MSEL): {names}",
        "nl": "{sheet}: genegeerde kolommen (geen onderdeel van de MSEL): {names}",
    },
}
