"""Reading an input file (a scenario, a plan, a journal): a regular file only, and never
more than a cap, counted while reading, not trusted from the file's size (``/dev/zero``
says it is empty and never ends; a FIFO would block for ever before the first byte).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from oefening.errors import OefeningError, Problem

_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def read_capped(path: str | Path, limit: int, *, missing: str = "no such file",
                directory: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; else an
    OefeningError of one line: missing, a directory (``directory`` words it), a pipe, a
    device, too large, unreadable."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise OefeningError([Problem(missing, name)]) from None
    except IsADirectoryError:
        raise OefeningError([Problem(directory or _KINDS[0][1], name)]) from None
    except PermissionError:
        raise OefeningError([Problem("cannot read the file: permission denied", name)]) from None
    except OSError as error:
        raise OefeningError([Problem(f"cannot read the file: {error.strerror or error}", name)]) from None
    try:
        mode = os.fstat(fd).st_mode
        for test, words in _KINDS:
            if test(mode):
                raise OefeningError([Problem(directory if directory and test is stat.S_ISDIR else words, name)])
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise OefeningError([Problem(
                    f"the file is too large (at most {limit / 2**20:.0f} MB)",
                    name)])
        return b"".join(chunks)
    except OSError as error:
        raise OefeningError([Problem(f"cannot read the file: {error.strerror or error}", name)]) from None
    finally:
        os.close(fd)
