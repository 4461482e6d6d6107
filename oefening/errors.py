"""The project's own errors.

Every problem a user can cause (a missing file, malformed YAML, an unknown reference, a
journal that no longer matches its scenario) is an :class:`OefeningError` carrying one or
more :class:`Problem` lines. The command line prints each as one line and exits 2; nothing
else in oefening is allowed to reach the user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem, with the place it was found when that is known."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = [str(part) for part in (self.file, self.line, self.column) if part is not None]
        return f"{':'.join(where)}: {self.message}" if where else self.message


class OefeningError(Exception):
    """Bad input: one or more problems, each printed as one line.

    ``words``: the same problem as keys of the word table (oefening.words) with their values
    (a list value: word keys, said one after another), so that a front end can say it in its
    user's language (the layers below the word table cannot); the text is the English one,
    which the command line prints."""

    def __init__(self, problems: list[Problem] | str, *,
                 words: list[tuple[str, dict[str, object]]] | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: list[Problem] = problems
        self.words = words or []
        super().__init__("\n".join(str(p) for p in problems))
