"""``oefening join JOURNAL --team ID [--lang nl|en]``: one team's console in an exercise with teams.

The facilitator starts the exercise with ``oefening play`` on a scenario that names teams;
each team joins its journal from its own terminal (or tmux window, or a team link of
``oefening serve``). The team decides for its own organisations only, says when it is ready,
sends messages and shares what it chooses; every step is a journal line, written safely
beside the other teams' and the facilitator's. A team that dropped out joins again the same
way and is where it was. An unknown team or a finished exercise ends before the screen opens,
with one line and exit code 2.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "join", help="join an exercise with teams as one team (or as the coordination)",
        description=("Join the exercise of JOURNAL as one of its teams (or as the coordination), while the "
                     "facilitator runs oefening play and the other teams join from their own terminals. The "
                     "team sees its own organisations in full, the shared picture and what others share with "
                     "it, decides for its own organisations only, says when it is ready and sends messages; "
                     "every step is written to the journal. While it runs, the facilitator's console shows the team's "
                     "console open (a presence file beside the journal; nothing is written to the journal for it), "
                     "and auto-advance waits for it. Joining again after a crash goes on where the team was; a "
                     "team may join from several screens at once."))
    p.add_argument("journal", metavar="JOURNAL", help="the journal of the exercise (oefening play writes it)")
    p.add_argument("--team", required=True, metavar="ID",
                   help="the team's id (or the coordination's), as in the scenario")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the screen (default: the journal's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.journal.session import Session
    from oefening.ui.teams import make_team_app

    session = Session.join(args.journal, args.team)
    try:
        app = make_team_app(session, args.lang)
        app.run()
        return int(app.return_code or 0)
    finally:
        session.close()
