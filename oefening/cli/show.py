"""``oefening show JOURNAL [--lang nl|en]``: the players' view of an exercise, read-only.

It follows the journal the facilitator's console (``oefening play``) writes, in another
terminal, tmux window or browser (``oefening serve``), and shows within a second of each new
line only what the players may know: released injects, questions put to the team, the
discussion timer and the state of the world. It never writes the journal. A journal that
cannot be read ends before the screen opens, with one line per problem and exit code 2.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "show", help="the players' view of an exercise: follows its journal, read-only",
        description=("Show the players' view of an exercise (for the projector): it follows the journal "
                     "that oefening play writes and shows only released injects, the questions put to the "
                     "team, the discussion timer and the state of the world. Read-only; q closes it."))
    p.add_argument("journal", metavar="JOURNAL", help="the journal of the exercise to follow")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the screen (default: the journal's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.journal.follow import Follower
    from oefening.ui.players import players_app

    follower = Follower(args.journal)
    follower.poll()   # a journal that cannot be read: one line per problem, exit 2, before the screen
    first = follower.session

    def follow() -> Any:
        nonlocal first
        if first is not None:
            session, first = first, None
            return session
        return follower.poll()

    app = players_app(follow, lang=args.lang)
    app.run()
    return int(app.return_code or 0)
