"""Keyed randomness (SPEC §3): every random value comes from a stream keyed by
(seed, replication, the element's id), never from the order in which things happen.

A key such as ``event:bankruptcy:at`` or ``fallback:org/proc/fb:lead_time:2`` is hashed
together with the seed and the replication into a uniform number in (0, 1); a distribution
turns it into a value by its inverse distribution function. So taking a decision, adding an
event or running on another worker never shifts another draw: two plans compared with one
seed face the same world (common random numbers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from hashlib import blake2b
from typing import Final

from oefening.scenario.distributions import (
    Exponential,
    Fixed,
    Lognormal,
    Pert,
    Triangular,
    Uniform,
)

Drawable = float | Triangular | Uniform | Pert | Lognormal | Exponential | Fixed

_SCALE: Final = 1.0 / (1 << 53)
_RECORD: dict[str, float] | None = None   # set by recording(): every random value drawn, by key


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Within the block, every random value any world draws is kept by its key (for the
    sensitivity analysis: the inputs of each world). Fixed numbers are not draws."""
    global _RECORD
    saved, _RECORD = _RECORD, {}
    try:
        yield _RECORD
    finally:
        _RECORD = saved


class Streams:
    """The random streams of one replication of one seed."""

    __slots__ = ("_prefix", "replication", "seed")

    def __init__(self, seed: int, replication: int = 0) -> None:
        self.seed = seed
        self.replication = replication
        self._prefix = f"oefening/{seed}/{replication}/".encode()

    def _bits(self, key: str) -> int:
        digest = blake2b(self._prefix + key.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    def uniform(self, key: str) -> float:
        """A uniform number in the open interval (0, 1) for ``key``."""
        u = ((self._bits(key) >> 11) + 0.5) * _SCALE
        if _RECORD is not None:
            _RECORD[key] = u
        return u

    def draw(self, value: Drawable, key: str) -> float:
        """``value`` itself when it is a number, else a draw from its distribution for ``key``."""
        if isinstance(value, float | int):
            return float(value)
        bits = self._bits(key)
        drawn = max(0.0, value.sample(((bits >> 11) + 0.5) * _SCALE, bits))
        if _RECORD is not None and not isinstance(value, Fixed):
            _RECORD[key] = drawn
        return drawn
