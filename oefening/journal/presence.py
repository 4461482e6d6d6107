"""Which team consoles are open on a journal with teams, without writing the journal.

Every ``oefening join`` (every :meth:`~oefening.journal.session.Session.join`) holds an
``flock`` on a presence file of its own beside the journal, ``.NAME.console.XXXX``: the team's
id and the process id on its first line, the turn boundary the console last stood at on its
second. The lock dies with the process, so a console closed, crashed or killed with
``kill -9`` is no longer open at once. The journal itself never changes: presence is no input
of the exercise (replay does not need it), only what the facilitator sees of the room and what
auto-advance waits for (:meth:`~oefening.journal.teams.TeamsMixin.waiting_for`).

A console that closes removes its file. One that died leaves it behind, unlocked: that team's
console is *lost* at the turn it stood at, and is still waited for at that turn (it is
probably joining again); whoever looks once the exercise has gone past that turn removes the
file. A presence file is made under a temporary name (``.NAME.joining.XXXX``), locked and
filled, and only then renamed, so a look at the directory never mistakes a console that is
opening for one that died.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:   # pragma: no cover - not on Windows; presence is then unknown (see look)
    fcntl = None  # type: ignore[assignment]

STALE_OPENING = 30.0   # seconds: a presence file never renamed is left over from a process killed while joining
TURN_WIDTH = 10        # digits of the turn on a presence file's second line (rewritten in place)


def _prefix(journal: Path, kind: str) -> str:
    return f".{journal.name}.{kind}."


@dataclass(frozen=True)
class Consoles:
    """The team consoles of one journal, as the presence files tell them now."""

    open: dict[str, int] = field(default_factory=dict)   # player → how many of its consoles are open
    lost: dict[str, int] = field(default_factory=dict)   # player → the turn its console died at (none open now)


class Presence:
    """One open console of ``player`` on ``journal``, until :meth:`close` (or the process ends)."""

    def __init__(self, journal: Path, player: str, turn: int) -> None:
        self.path: Path | None = None
        self._fd: int | None = None
        self._head = 0
        self.turn = turn
        if fcntl is None:
            return
        journal = Path(journal)
        try:
            fd, opening = tempfile.mkstemp(prefix=_prefix(journal, "joining"), dir=journal.parent)
        except OSError:   # a directory we may not write: the console works, it is only not seen
            return
        head = json.dumps({"team": player, "pid": os.getpid()}).encode("utf-8") + b"\n"
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.fchmod(fd, 0o644)   # the facilitator may run as another user of the same group
            os.write(fd, head + _turn_line(turn))
            final = journal.with_name(Path(opening).name.replace(_prefix(journal, "joining"),
                                                                 _prefix(journal, "console"), 1))
            os.rename(opening, final)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(opening)
            return
        self._fd = fd
        self._head = len(head)
        self.path = final

    def at(self, turn: int) -> None:
        """The console stands at turn boundary ``turn`` now (written in place, same length)."""
        if self._fd is None or turn == self.turn:
            return
        self.turn = turn
        with contextlib.suppress(OSError):
            os.pwrite(self._fd, _turn_line(turn), self._head)

    def close(self) -> None:
        """The console closes: its file goes first (so nobody reads a file on its way out), then the lock."""
        if self._fd is None:
            return
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
        self.path = None


def _turn_line(turn: int) -> bytes:
    return f"{max(turn, 0):0{TURN_WIDTH}d}\n".encode("ascii")


def look(journal: str | Path, turn: int) -> Consoles | None:
    """The consoles open on ``journal`` now, and those lost at turn ``turn`` or later (the
    exercise stands at ``turn``); None where presence cannot be known (no ``flock``). The file
    of a console lost at an earlier turn is removed on the way (quietly where not allowed)."""
    if fcntl is None:
        return None
    journal = Path(journal)
    console, joining = _prefix(journal, "console"), _prefix(journal, "joining")
    try:
        names = os.listdir(journal.parent)
    except OSError:
        return Consoles()
    opened: dict[str, int] = {}
    lost: dict[str, int] = {}
    for name in sorted(names):
        path = journal.parent / name
        if name.startswith(joining):
            _remove_if_left_over(path)
        elif name.startswith(console):
            seen = _read(path, turn)
            if seen is None:
                continue
            player, alive, at = seen
            if alive:
                opened[player] = opened.get(player, 0) + 1
            else:
                lost[player] = max(lost.get(player, at), at)
    return Consoles(opened, {p: t for p, t in lost.items() if p not in opened})


def _read(path: Path, turn: int) -> tuple[str, bool, int] | None:
    """(player, whether its console is open, the turn it stood at) of one presence file; None
    when it is gone or unreadable, or was left at a turn before ``turn`` (then removed)."""
    assert fcntl is not None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:   # gone meanwhile: that console just closed
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            alive = False
        except OSError:   # locked: the console is open
            alive = True
        head, _, rest = os.pread(fd, 4096, 0).partition(b"\n")
        try:
            player = json.loads(head.decode("utf-8"))["team"]
            at = int(rest[:TURN_WIDTH])
        except (ValueError, KeyError, TypeError):
            player, at = None, -1
        if not alive and (at < turn or not isinstance(player, str)):   # left at a turn played since
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None
        return (player, alive, at) if isinstance(player, str) else None
    finally:
        os.close(fd)


def _remove_if_left_over(path: Path) -> None:
    """A ``joining`` file of a process killed between making it and renaming it (old and unlocked)."""
    assert fcntl is not None
    try:
        if time.time() - os.stat(path).st_mtime < STALE_OPENING:
            return
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return
    with contextlib.suppress(OSError):
        os.unlink(path)
    os.close(fd)
