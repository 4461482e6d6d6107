"""The journal (SPEC §5): the append-only JSON Lines record of an exercise's inputs.

The first line is the header (format, scenario id, path and SHA-256, seed, language); every
later line is one input (a decision, a turn, a facilitator's event or inject, an undo), one of
the facilitator's stage directions (release, hold, edit or drop a storyline inject, put a
question, the discussion timer) or an observer's note, written with sorted keys, flushed and
fsync'd before the simulation moves on. Since the engine is deterministic the inputs are
enough to rebuild the exercise exactly. This module reads and writes the lines and works out
the :class:`Course` an exercise took: the inputs still in effect after undos, per turn
boundary. A line counts once its newline
is on disk: a last line without one (a crash mid-write) is torn and ignored; any other
malformed line is an error naming its line number. See ``docs/journal.md``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from oefening.engine.decisions import Decision, decision_from_json
from oefening.errors import OefeningError, Problem
from oefening.journal.debrief import DEBRIEF, RATINGS, Debrief, valid_date
from oefening.scenario.files import read_capped
from oefening.scenario.model import Severity, Source

try:  # advisory lock against two programs appending to one journal (POSIX only)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FORMAT = 1
LANGUAGES = ("nl", "en")
SOURCES = get_args(Source)
SEVERITIES = get_args(Severity)


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _str(v: Any) -> bool:
    return isinstance(v, str)


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


def _goal(v: Any) -> bool:
    return _int(v) and 0 <= v < 1000


def _opt_str(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _sha(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v)


def _state(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 12 and all(c in "0123456789abcdef" for c in v)


Check = Callable[[Any], bool]
_WHEN: dict[str, Check] = {"turn": _int, "t": _num}
# For each line type: its required keys and its optional keys, each with a check.
SHAPES: dict[str, tuple[dict[str, Check], dict[str, Check]]] = {
    "header": (
        {"format": _int, "oefening": _str, "scenario": _str, "scenario_path": _str,
         "scenario_sha256": _sha, "seed": _int, "lang": lambda v: v in LANGUAGES, "created": _str},
        {"plan": _opt_str},
    ),
    "decision": ({**_WHEN, "decision": lambda v: isinstance(v, dict), "refused": _opt_str}, {"team": _str}),
    "turn": (_WHEN, {"state": _state}),   # state: oefening.journal.fingerprint (absent in older journals)
    "event": ({**_WHEN, "id": _str}, {}),
    "inject": ({**_WHEN, "title": _str, "text": _str},
               {"source": lambda v: v in SOURCES, "severity": lambda v: v in SEVERITIES,
                "teams": lambda v: isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v)}),
    "note": ({**_WHEN, "text": _str}, {"author": _opt_str}),
    "undo": (_WHEN, {}),
    "end": (_WHEN, {"continuity": _num, "cost": _num, "mtpd_breaches": _int}),
    # the hot wash (oefening/journal/debrief.py): kept across undo, never part of the simulation
    "participant": ({**_WHEN, "id": _str, "name": _str, "role": _str},
                    {"organisation": _opt_str, "removed": _bool}),
    "finding": ({**_WHEN, "goal": _goal},
                {"rating": lambda v: v is None or v in RATINGS, "strengths": _str, "improvements": _str,
                 "evidence": lambda v: isinstance(v, list) and all(_int(x) and 0 < x < 100_000 for x in v)}),
    "corrective": ({**_WHEN, "id": _str, "goal": _goal, "action": _str, "owner": _str, "organisation": _str,
                    "due": valid_date}, {"removed": _bool}),
    "reported": ({**_WHEN, "path": _str}, {}),
    # the facilitator's stage directions (see oefening.journal.staging): what players see
    "release": ({**_WHEN, "event": _str},
                {"variant": lambda v: v is None or (_int(v) and v >= 0), "values": lambda v: isinstance(v, dict),
                 "stands": _bool}),
    "hold": ({**_WHEN, "event": _str}, {}),
    "edit": ({**_WHEN, "event": _str, "title": _str, "text": _str}, {}),
    "drop": ({**_WHEN, "event": _str}, {}),
    "question": ({**_WHEN, "text": _str}, {"event": _opt_str}),
    "timer": ({**_WHEN, "running": lambda v: isinstance(v, bool), "left": _num, "clock": _num}, {}),
    # several teams (issue 13): a team's lines carry its id, the facilitator's none
    "ready": ({**_WHEN, "team": _str}, {}),
    "message": ({**_WHEN, "to": _str, "text": _str}, {"team": _str}),
    "share": ({**_WHEN, "team": _str, "to": _str, "on": _bool}, {}),
    "auto": ({**_WHEN, "on": _bool}, {}),
}
INPUTS = ("decision", "event", "inject")
STAGING = ("release", "hold", "edit", "drop", "question", "timer")   # in the course, never in the simulation
TEAM_LINES = ("message", "share", "auto")   # kept across undo, like notes; ``ready`` is per turn boundary


@dataclass(frozen=True, slots=True)
class Header:
    """The journal's first line: what to rebuild the exercise from."""

    scenario: str          # the scenario's id
    scenario_path: str     # where the scenario file was (absolute)
    scenario_sha256: str   # the SHA-256 of its bytes
    seed: int
    lang: str              # nl | en
    created: str           # ISO 8601, local time with offset
    oefening: str          # the version that wrote it
    plan: str | None       # the plan's id for `run --plan`, "team" for a played exercise, None: nobody

    def as_json(self) -> dict[str, Any]:
        return {
            "type": "header", "format": FORMAT, "oefening": self.oefening,
            "scenario": self.scenario, "scenario_path": self.scenario_path,
            "scenario_sha256": self.scenario_sha256, "seed": self.seed, "lang": self.lang,
            "created": self.created, "plan": self.plan,
        }


@dataclass(frozen=True, slots=True)
class Line:
    """One line after the header, with its 1-based line number in the file."""

    number: int
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def turn(self) -> int:
        return int(self.data["turn"])

    @property
    def t(self) -> float:
        return float(self.data["t"])


@dataclass(frozen=True, slots=True)
class Journal:
    """A journal as read from disk."""

    path: Path
    header: Header
    lines: list[Line]
    torn: str | None    # the notice when a torn last line was ignored
    size: int           # bytes up to the end of the last complete line
    file_size: int      # bytes in the file when it was read

    def problem(self, line: int | None, message: str) -> OefeningError:
        return OefeningError([Problem(message, str(self.path), line)])


@dataclass(slots=True)
class Course:
    """The course the exercise took: the inputs still in effect after undos.

    ``segments[k]`` holds the input lines taken at turn boundary ``k`` (the team's meeting
    at turn ``k``), ``turns[k - 1]`` the turn line that went from ``k - 1`` to ``k``; the
    exercise stands at turn ``len(segments) - 1``. Notes and undos are kept whatever
    was undone.
    """

    segments: list[list[Line]] = field(default_factory=lambda: [[]])
    turns: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    undos: list[Line] = field(default_factory=list)
    debrief: Debrief = field(default_factory=Debrief)   # the hot wash, participants, improvement plan
    teams: list[Line] = field(default_factory=list)     # messages, shares and the auto-advance switch
    end: Line | None = None   # an end line not followed by any input, turn or undo

    @property
    def turn(self) -> int:
        return len(self.segments) - 1

    def add(self, line: Line) -> None:
        """Take one line into account; ValueError when it cannot follow the lines before."""
        kind, turn = line.type, line.turn
        if kind == "turn":
            if turn != self.turn + 1:
                raise ValueError(f"a turn line to turn {turn}, but the exercise is at turn {self.turn}")
        elif turn != self.turn:
            article = "an" if kind[0] in "aeiou" else "a"
            raise ValueError(f"{article} {kind} line at turn {turn}, but the exercise is at turn {self.turn}")
        if kind == "note":
            self.notes.append(line)
            return
        if kind in TEAM_LINES:
            self.teams.append(line)
            return
        if kind in DEBRIEF:
            if self.debrief.reported is not None and kind != "reported":
                raise ValueError("a hot-wash line after the report was made from it (the hot wash is closed)")
            self.debrief.add(line)
            return
        self.end = line if kind == "end" else None
        if kind in INPUTS or kind in STAGING or kind == "ready":
            self.segments[-1].append(line)
        elif kind == "turn":
            self.turns.append(line)
            self.segments.append([])
        elif kind == "undo":
            if self.turn == 0:
                raise ValueError("an undo line at turn 0: there is no turn to take back")
            self.undos.append(line)
            self.segments.pop()
            self.turns.pop()
            self.segments[-1] = []


MAX_JOURNAL_BYTES = 256 * 2**20
"""The largest journal read (256 MB: 10,000 turns with a hundred inputs each fit several
times over); counted while reading, so a device or a pipe given as a journal is refused."""

# -- reading ----------------------------------------------------------------------------


def read_journal(path: str | Path) -> Journal:
    """Read and check every line of a journal; OefeningError naming the line when one is bad."""
    path = Path(path)
    raw = read_capped(path, MAX_JOURNAL_BYTES, missing="no such journal", directory="is a directory, not a journal")
    pieces = raw.split(b"\n")
    tail = pieces.pop()  # b"" when the file ends with a newline, else a torn last line
    torn: str | None = None
    size = len(raw) - len(tail)
    parsed: list[Any] = []
    for number, piece in enumerate(pieces, start=1):
        try:
            line = json.loads(piece.decode("utf-8"))
            json.dumps(line, ensure_ascii=False).encode("utf-8")  # no lone surrogates (\ud800) that no file can hold
            parsed.append(line)
        except (UnicodeError, ValueError, RecursionError) as error:
            if number == len(pieces) and not tail and number > 1:
                # invalid JSON on the last line only: torn as well (garbage after a crash)
                size -= len(piece) + 1
                torn = f"{path}:{number}: ignored an incomplete last line (the exercise stopped while writing it)"
                break
            reason = (error.msg if isinstance(error, json.JSONDecodeError)
                      else "not UTF-8" if isinstance(error, UnicodeError)
                      else "nested too deeply" if isinstance(error, RecursionError)
                      else "a number with too many digits" if "digits" in str(error)
                      else str(error).splitlines()[0][:80])
            raise OefeningError([Problem(f"malformed journal line, not JSON: {reason}", str(path), number)]) from None
    if tail and parsed:
        torn = f"{path}:{len(pieces) + 1}: ignored an incomplete last line (the exercise stopped while writing it)"
    if not parsed:
        what = "has only an incomplete first line" if tail else "is empty"
        raise OefeningError([Problem(f"the journal {what}: there is no header to resume from", str(path))])
    header = _header(parsed[0], path)
    lines = []
    for number, data in enumerate(parsed[1:], start=2):
        _check_shape(data, path, number)
        lines.append(Line(number, data))
    return Journal(path, header, lines, torn, size, len(raw))


def read_appended(path: Path, offset: int) -> bytes:
    """The complete lines after byte ``offset`` (what other processes appended since a
    session last looked); a last line without its newline yet is left out."""
    with open(path, "rb") as file:
        file.seek(offset)
        raw = file.read(MAX_JOURNAL_BYTES)
    return raw[:raw.rfind(b"\n") + 1]


def parse_lines(raw: bytes, path: Path, first: int) -> list[Line]:
    """The complete lines ``raw`` (numbered from ``first``), each checked as :func:`read_journal` does."""
    lines = []
    for number, piece in enumerate(raw.split(b"\n")[:-1], start=first):
        try:
            data = json.loads(piece.decode("utf-8"))
        except (UnicodeError, ValueError, RecursionError):
            raise OefeningError([Problem("malformed journal line, not JSON", str(path), number)]) from None
        _check_shape(data, path, number)
        lines.append(Line(number, data))
    return lines


def _header(data: Any, path: Path) -> Header:
    if not isinstance(data, dict) or data.get("type") != "header":
        raise OefeningError([Problem("not an oefening journal: the first line is not a header", str(path), 1)])
    version = data.get("format")
    if version != FORMAT:
        raise OefeningError([Problem(
            f"unknown journal format {version!r}; this oefening reads format {FORMAT}", str(path), 1)])
    _check_shape(data, path, 1)
    return Header(
        scenario=data["scenario"], scenario_path=data["scenario_path"],
        scenario_sha256=data["scenario_sha256"], seed=data["seed"], lang=data["lang"],
        created=data["created"], oefening=data["oefening"], plan=data.get("plan"),
    )


def _check_shape(data: Any, path: Path, number: int) -> None:
    def bad(message: str) -> OefeningError:
        return OefeningError([Problem(f"malformed journal line: {message}", str(path), number)])

    if not isinstance(data, dict):
        raise bad("expected a JSON object")
    kind = data.get("type")
    if kind not in SHAPES or (kind == "header") != (number == 1):
        allowed = ", ".join(k for k in SHAPES if k != "header")
        raise bad(f"unknown type {kind!r}; allowed: {allowed}" if number > 1 else "expected the header")
    required, optional = SHAPES[kind]
    for key, check in required.items():
        if key not in data:
            raise bad(f"a {kind} line needs {key!r}")
        if not check(data[key]):
            raise bad(f"{key!r} has a wrong value: {data[key]!r}")
    for key, value in data.items():
        if key == "type" or key in required:
            continue
        if key not in optional:
            raise bad(f"unknown key {key!r} in a {kind} line")
        if not optional[key](value):
            raise bad(f"{key!r} has a wrong value: {value!r}")
    if kind == "decision":
        try:
            decision_from_json(data["decision"])
        except ValueError as error:
            raise bad(str(error)) from None
    if kind != "header" and data["turn"] < 0:
        raise bad("'turn' is negative")


def course_of(journal: Journal) -> Course:
    """The inputs in effect after undos; OefeningError naming the line that cannot follow."""
    course = Course()
    for line in journal.lines:
        try:
            course.add(line)
        except ValueError as error:
            raise journal.problem(line.number, f"malformed journal: {error}") from None
    return course


def decisions_by_turn(journal_path: str | Path) -> tuple[str, int, dict[int, list[Decision]]]:
    """The scenario id, the seed and the decisions in effect at each turn, after undos.

    Refused decisions are included (in another world they may be taken); facilitator
    events and injects are not decisions and are left out. Turns without decisions are absent.
    """
    journal = read_journal(journal_path)
    course = course_of(journal)
    by_turn: dict[int, list[Decision]] = {}
    for turn, segment in enumerate(course.segments):
        decisions = [decision_from_json(line.data["decision"]) for line in segment if line.type == "decision"]
        if decisions:
            by_turn[turn] = decisions
    return journal.header.scenario, journal.header.seed, by_turn


# -- writing ----------------------------------------------------------------------------


def encode(data: dict[str, Any]) -> bytes:
    """One journal line: sorted keys, compact, UTF-8, ending in a newline."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8", errors="replace") + b"\n"  # a lone surrogate becomes '?'; never a crash


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (a test replaces this to crash in the middle of a line)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


CLAIM_POLL = 0.1   # seconds between looks at the facilitator's lock while waiting for its holder to close

class JournalWriter:
    """Appends lines to one journal, each on disk (fsync'd) before :meth:`write` returns.

    Alone (the default) it holds an exclusive lock on the journal for as long as it is open,
    so a second program cannot resume the same exercise. ``shared`` (a scenario with teams:
    a facilitator and several teams write one journal) it locks the journal per step
    instead: :meth:`lock` waits for the other writers, the caller takes in what they
    appended, checks its own step, writes whole lines and calls :meth:`unlock`. The
    facilitator's writer of a shared journal also holds :meth:`claim`, so a second
    facilitator's console on the same exercise is refused while the teams still join."""

    def __init__(self, path: Path, fd: int, size: int, *, shared: bool = False) -> None:
        self.path = path
        self._fd: int | None = fd
        self._claim: int | None = None   # the facilitator's lock file, held open (shared only)
        self.size = size
        self.shared = shared

    @classmethod
    def create(cls, path: str | Path, header: Header, *, shared: bool = False) -> JournalWriter:
        """A new journal holding only ``header``; OefeningError if the file exists.

        The header is written and fsync'd under a temporary name first and then linked to
        ``path`` (which fails if it exists), so a journal is never seen without its whole
        header: a crash or a full disk while creating it leaves no journal, not one that can
        be neither resumed nor reused."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OefeningError([Problem(f"cannot create the journal: {error.strerror or error}", str(path))]) from None
        if path.is_dir():
            raise OefeningError([Problem("is a directory; give the journal a file name, such as "
                                         f"{path / 'oefening.jsonl'}", str(path))])
        if path.exists() or path.is_symlink():
            raise OefeningError([Problem("the journal already exists; choose another file, or resume it", str(path))])
        temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(temporary, flags, 0o644)
            try:
                _write_all(fd, encode(header.as_json()))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.link(temporary, path)
        except FileExistsError:
            raise OefeningError([Problem(
                "the journal already exists; choose another file, or resume it", str(path))]) from None
        except OSError as error:
            raise OefeningError([Problem(f"cannot create the journal: {error.strerror or error}", str(path))]) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _fsync_directory(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        writer = cls(path, fd, os.fstat(fd).st_size, shared=shared)
        if not shared:
            writer._lock()
        return writer

    @classmethod
    def append(cls, journal: Journal, *, shared: bool = False) -> JournalWriter:
        """Append to a journal just read, first cutting away a torn last line (shared: the
        next :meth:`lock` cuts it, since only a writer that died leaves one under the lock)."""
        fd = os.open(journal.path, os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        writer = cls(journal.path, fd, journal.size, shared=shared)
        if shared:
            return writer
        writer._lock()
        if os.fstat(fd).st_size != journal.file_size:
            writer.close()
            raise journal.problem(None, "the journal changed while it was being read; is it in use?")
        if journal.size != journal.file_size:
            os.ftruncate(fd, journal.size)
            os.fsync(fd)
        return writer

    def _lock(self) -> None:
        if fcntl is None or self._fd is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.close()
            raise OefeningError([Problem(
                "the journal is in use by another oefening; close that one first", str(self.path))]) from None

    def claim(self, wait: float = 0.0) -> None:
        """Shared: hold the facilitator's lock of this journal for as long as the writer is
        open (an ``flock`` on a lock file beside it, which dies with the process, so a console
        killed with ``kill -9`` never blocks the next); OefeningError, one line, when another
        process holds it still after ``wait`` seconds (a console on its way out, such as the
        one of a browser tab just reloaded under ``oefening serve``, gets that long to go)."""
        if fcntl is None or self._claim is not None:
            return
        lock = facilitator_lock(self.path)
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as error:
                self.close()
                raise OefeningError([Problem(f"cannot lock the journal: {error.strerror or error}",
                                             str(lock))]) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                if time.monotonic() < deadline:   # give the holder a moment to close
                    time.sleep(CLAIM_POLL)
                    continue
                self.close()
                by = f" (process {holder})" if holder.isdigit() else ""
                raise OefeningError([Problem(
                    f"the facilitator's console of this exercise is open already{by}; close that one first "
                    "(teams join with oefening join JOURNAL --team ID)", str(self.path))]) from None
            try:   # the file a console that just closed removed is not the lock any more: again
                current = os.stat(lock).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._claim = fd

    def lock(self) -> int:
        """Shared: wait until no other process writes, then hold the journal; the file's size."""
        fd = self._require()
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return os.fstat(fd).st_size

    def cut(self, size: int) -> None:
        """Cut the file back to ``size`` bytes (a torn line of a writer that died), under the lock."""
        fd = self._require()
        os.ftruncate(fd, size)
        os.fsync(fd)
        self.size = size

    def unlock(self) -> None:
        if fcntl is not None and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _require(self) -> int:
        if self._fd is None:
            raise OefeningError([Problem("the journal is closed", str(self.path))])
        return self._fd

    def write(self, data: dict[str, Any]) -> None:
        """Append one line and put it on disk; on failure nothing of it stays in the file."""
        fd = self._require()
        line = encode(data)
        try:
            _write_all(fd, line)
            os.fsync(fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self.size)
            raise OefeningError([Problem(
                f"cannot write the journal ({error.strerror or error}); the last step was not taken",
                str(self.path))]) from None
        self.size += len(line)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None
        if self._claim is not None:   # removed while held, so nobody locks a file on its way out
            with contextlib.suppress(OSError):
                os.unlink(facilitator_lock(self.path))
            os.close(self._claim)
            self._claim = None

    @property
    def closed(self) -> bool:
        return self._fd is None


def facilitator_lock(journal: Path) -> Path:
    """The lock file the facilitator's console of a shared journal holds: ``.NAME.facilitator``
    beside it (empty but for the holder's process id; gone when the console closes)."""
    return journal.with_name(f".{journal.name}.facilitator")


def _fsync_directory(directory: Path) -> None:
    """Make the new file's name durable too (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
