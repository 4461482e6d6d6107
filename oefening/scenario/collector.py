"""The pause of Python's cyclic garbage collector, written once for every layer (it lives in
the lowest layer so that loading YAML can use it too).

Building a scenario, a world or a turn makes thousands of small, long-lived objects; the
collector would rescan them again and again (10× the processes cost 30× the time). Pause it
around such work with :func:`collector_paused`, or, where the work ends in another callback
(the TUI's turn), with :func:`pause` and :func:`resume`. A pause inside a pause leaves the
collector as the outer one found it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> bool:
    """Stop the collector; whether it was running (give that to :func:`resume`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    return was_enabled


def resume(was_enabled: bool) -> None:
    """Start the collector again if it was running before :func:`pause`."""
    if was_enabled:
        gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused for the duration of a ``with`` block."""
    was_enabled = pause()
    try:
        yield
    finally:
        resume(was_enabled)
