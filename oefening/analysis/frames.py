"""Results as plain data: a ``dict`` (the JSON of SPEC §6, ``json.dumps`` takes it as it is)
with a ``to_frame()`` that turns its rows into a pandas ``DataFrame`` when pandas is
installed (``pip install 'oefening[frames]'``); pandas is never needed otherwise.
"""

from __future__ import annotations

from typing import Any

from oefening.errors import OefeningError


class PlainResult(dict[str, Any]):
    """A result: plain JSON-ready data, with :meth:`rows` as a flat table for notebooks."""

    def __init__(self, data: dict[str, Any], rows: list[dict[str, Any]] | None = None) -> None:
        super().__init__(data)
        self._rows = rows or []

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per row of the table :meth:`to_frame` makes."""
        return list(self._rows)

    def to_frame(self) -> Any:
        """The :meth:`rows` as a ``pandas.DataFrame`` (needs pandas: oefening[frames])."""
        try:
            import pandas
        except ImportError:
            raise OefeningError("to_frame() needs pandas: pip install 'oefening[frames]'") from None
        return pandas.DataFrame(self.rows())
