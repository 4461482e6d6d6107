"""The terminal UI (Textual): the only part of oefening that imports Textual.

``make_app(session)`` builds the app around a ready, journalled
:class:`~oefening.journal.session.Session`; ``oefening play`` (``oefening/cli/play.py``) loads the
files, opens the session and runs the app. See ``docs/tui.md``.
"""

from __future__ import annotations

from oefening.ui.app import Launcher, OefeningApp, make_app

__all__ = ["Launcher", "OefeningApp", "make_app"]
