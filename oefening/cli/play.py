"""``oefening play [SCENARIO] [--seed N] [--journal FILE] [--resume JOURNAL] [--lang nl|en]``:
the exercise in the terminal (Textual).

With a scenario the exercise starts at its briefing; without one, the start screen offers the
bundled scenarios with the default (``scenarios/leverancier-faillissement.yaml``) highlighted,
so Enter starts it. ``--resume`` goes on with a journal where it stopped. This module loads
every file and opens the journalled session before the UI starts (bad input: one line per
problem, exit 2); the UI is handed the ready session and never reads a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oefening.errors import OefeningError
from oefening.words.plain import plain

if TYPE_CHECKING:
    from oefening.journal.session import Session

DEFAULT_SCENARIO = "leverancier-faillissement.yaml"


def scenarios_dir() -> Path:
    """The bundled scenarios: ``scenarios/`` next to the package (a source checkout), else
    the copy installed inside the package."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "scenarios", package / "scenarios"):
        if candidate.is_dir():
            return candidate
    return package.parent / "scenarios"


def bundled() -> list[Path]:
    return sorted(scenarios_dir().glob("*.yaml"))


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "play", help="play an exercise in the terminal (the default scenario without one)",
        description=("Play an exercise in the terminal. With a SCENARIO it starts at the briefing; "
                     "without one, a start screen offers the bundled scenarios with the default "
                     "highlighted (Enter starts it). --resume goes on with a journal where it stopped. "
                     "Keys: ? help, n next turn, u undo, i inject, o note, f direction (release, hold, edit "
                     "or drop injects; questions; the storyline ahead), t discussion timer, w players' view, "
                     "q quit. A scenario with teams: the briefing and g (the teams) show the oefening join "
                     "command of each team and whose console is open; a, advance once every team with its console open "
                     "is ready (a team nobody plays holds nothing up)."))
    p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                   help="the scenario file (YAML); without it, the start screen with the bundled default")
    p.add_argument("--seed", type=int, default=None, metavar="N",
                   help="the random seed (default 0; with --resume, the journal's)")
    p.add_argument("--journal", metavar="FILE",
                   help="where to write the journal (default journals/<scenario>-<time>.jsonl)")
    p.add_argument("--resume", metavar="JOURNAL",
                   help="go on with the exercise of this journal (refused while another console has it open)")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the screens (default: from the locale, LANG/LC_ALL)")
    p.add_argument("--timer", type=_minutes, default=10.0, metavar="MINUTES",
                   help="length of the discussion timer per turn (default 10; t starts and pauses it)")
    p.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                   help="with --resume of a team journal whose facilitator's console is still open: wait up to "
                        "SECONDS for it to close before refusing (default 0; oefening serve uses 5, so a reloaded "
                        "tab gets its console back while the old one is stopped)")
    p.set_defaults(run=run)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 <= seconds <= 60:
        raise argparse.ArgumentTypeError(f"--wait must be between 0 and 60 seconds, not {value}")
    return seconds


def _minutes(value: str) -> float:
    try:
        minutes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {value!r}") from None
    if not 0 < minutes <= 24 * 60:
        raise argparse.ArgumentTypeError(f"the timer must be between 0 and 1440 minutes, not {value}")
    return minutes


def open_players_window(journal: Path) -> bool:
    """Open ``oefening show JOURNAL`` in a new tmux window when running inside tmux, else in a
    new terminal window when a desktop has one; False when neither is there (the console then
    shows the command to type)."""
    import os
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-m", "oefening", "show", str(Path(journal).resolve())]
    if os.environ.get("TMUX") and shutil.which("tmux"):
        return subprocess.run(["tmux", "new-window", "-n", "players", *command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode == 0
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        terminal = shutil.which("x-terminal-emulator") or shutil.which("gnome-terminal") or shutil.which("xterm")
        if terminal:
            subprocess.Popen([terminal, "-e", *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            return True
    return False


def open_session(scenario_path: str | Path, lang: str, seed: int, journal: str | None = None) -> Session:
    """Load the scenario and start a new journalled session (OefeningError on bad input)."""
    from oefening.journal.session import Session
    from oefening.scenario.load import load_scenario

    path = Path(scenario_path)
    if not path.is_file():
        raise OefeningError(f"{path}: no such scenario file")
    scenario = load_scenario(path)
    return Session.start(path, scenario, seed=seed, lang=lang, journal_path=journal)


def _title(path: Path) -> str | dict[str, str]:
    """A bundled scenario's title for the start screen (its file name when it does not load)."""
    from oefening.scenario.load import load_scenario

    try:
        return load_scenario(path).title
    except (OefeningError, OSError):
        return path.stem


def run(args: argparse.Namespace) -> int:
    from oefening.cli.output import default_language

    lang = args.lang or default_language()
    if args.resume and args.scenario:
        raise OefeningError("oefening play: give a SCENARIO or --resume JOURNAL, not both")
    if args.resume and args.journal:
        raise OefeningError("oefening play: --resume goes on in its own journal; leave out --journal")
    if args.resume and args.seed is not None:
        raise OefeningError("oefening play: --resume goes on with the seed in its journal; leave out --seed")
    seed = 0 if args.seed is None else args.seed
    if args.journal and Path(args.journal).exists():
        raise OefeningError(f"{args.journal}: the journal exists already (use --resume to go on with it)")

    from oefening.ui import Launcher, make_app

    session: Session | None = None
    launcher: Launcher | None = None
    if args.resume:
        from oefening.journal.session import Session

        session = Session.resume(args.resume, wait=args.wait)
        lang = args.lang or session.lang
    elif args.scenario:
        session = open_session(args.scenario, lang, seed, args.journal)
    else:
        paths = bundled()
        default = scenarios_dir() / DEFAULT_SCENARIO
        if not paths:
            raise OefeningError(f"{scenarios_dir()}: no bundled scenarios; give a SCENARIO file")
        launcher = Launcher(
            choices=[(_title(p), _relative(p)) for p in paths],
            open=lambda path, lang_, seed: open_session(path, lang_, seed, args.journal),
            default=_relative(default),
            seed=seed,
        )
    app = make_app(session, launcher=launcher, lang=lang, timer_minutes=args.timer, players=open_players_window)
    try:
        app.run()
    finally:
        opened = app.session or session
        if opened is not None:
            opened.close()
            from oefening.words import tr

            # printed when the screen closes, in the language of the screens
            print(tr("play.resume", app.lang, path=plain(opened.journal_path)))
    return int(app.return_code or 0)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
