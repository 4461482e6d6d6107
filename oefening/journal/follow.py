"""Following a journal that another process is writing: the players' view reads the same
file as the facilitator's console, read-only, and rebuilds the exercise whenever it grew.

:class:`Follower` looks at the file's size and modification time; when they changed it
reads the whole journal again through :meth:`Session.read` (the one reader, so the view
always shows exactly what a replay would). A torn last line, which the writer is finishing
at that very moment, is ignored until its newline is on disk. Nothing is ever written.
"""

from __future__ import annotations

import os
from pathlib import Path

from oefening.errors import OefeningError, Problem
from oefening.journal.session import Session


class Follower:
    """Reads a journal again each time it changed on disk."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._seen: tuple[int, int] | None = None
        self.session: Session | None = None

    def poll(self) -> Session | None:
        """The exercise as the journal now has it, when the file changed since the last call;
        None when it did not. OefeningError when it cannot be read (a missing file, a changed
        scenario, a line that does not fit); the next call tries again."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            raise OefeningError([Problem("no such journal", str(self.path))]) from None
        seen = (stat.st_size, stat.st_mtime_ns)
        if seen == self._seen:
            return None
        session = Session.read(self.path)
        self._seen = seen
        self.session = session
        return session
