"""The state fingerprint a ``turn`` line carries: a short digest of the world the turn starts from.

An unfinished journal has no ``end`` line whose scores a replay can be compared with, so an
edited seed (or another header field) would otherwise rebuild another world without a word.
Every ``turn`` line therefore carries ``state``: 12 hex digits of the SHA-256 of the header's
fields that shape the exercise (scenario, its hash, seed, language, plan) and of
the world at the turn boundary, as the record has it: the turn, the moment, the continuity score
and the total backlog there, and what happened since the previous boundary (kind, id and moment
of every entry, the inputs at this boundary included). Resume, replay, the players' view and the
report recompute it before they run the turn and refuse a journal whose fingerprint differs.
The creation time is left out, so the same exercise always gives the same lines. Numbers enter
with 9 significant digits, so the digest follows the world, not the last bit of a float.
Journals written before the fingerprint existed read as before, with a notice.
"""

from __future__ import annotations

import hashlib
import json

from oefening.engine.exercise import Exercise
from oefening.journal.format import Header

STATE = "state"   # the key of the fingerprint in a turn line
DIGITS = 12


def _figure(x: float) -> str:
    return f"{x:.9g}"


def state_fingerprint(header: Header, exercise: Exercise) -> str:
    """The fingerprint of ``exercise`` now, at a turn boundary, in the journal of ``header``."""
    record = exercise.world.record
    marks = record.turns
    since = marks[-2].first if len(marks) >= 2 else 0
    trend = record.trend[-1] if record.trend else None
    digest = hashlib.sha256()
    head = [header.scenario, header.scenario_sha256, header.seed, header.lang, header.plan]
    digest.update(json.dumps(head, ensure_ascii=True).encode("ascii"))
    figures = [str(exercise.turn), _figure(exercise.now)]
    if trend is not None:
        figures += [_figure(trend.continuity), _figure(trend.backlog)]
    digest.update(("|" + "|".join(figures)).encode("ascii"))
    for entry in record.entries[since:]:
        digest.update(f"|{entry.kind}:{entry.id}@{_figure(entry.t)}".encode("utf-8", errors="replace"))
    return digest.hexdigest()[:DIGITS]
