"""The command line (SPEC §4, §6): ``oefening check|schema|run|play|montecarlo|replay|report|msel|new``,
``analyse|stress|sweep``.

Each command lives in its own module with ``add_parser(subparsers)`` and ``run(args)``; this
module builds the parser and is the top-level error handler: bad input of any kind ends
with one line per problem on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from oefening.errors import OefeningError

COMMANDS = ("check", "schema", "run", "play", "montecarlo", "replay", "report", "msel", "new", "analyse", "stress",
            "sweep", "show", "serve", "join")
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2 (argparse prints the usage too), and
    the commands' docstrings serve as descriptions without their reStructuredText quotes."""

    def __init__(self, **kwargs: Any) -> None:
        if kwargs.get("description"):
            kwargs["description"] = kwargs["description"].replace("``", "")
        super().__init__(**kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise OefeningError(f"{self.prog}: {message} (see {self.prog} --help)")


class _Version(argparse.Action):
    """``--version``: the version, and whether the engine runs compiled (setup.py) or from
    its Python sources (the same results; the compiled one is faster)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and which engine runs, and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from oefening import __version__
        from oefening.engine import which

        print(f"oefening {__version__} (engine: {which()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="oefening",
        description=(
            "Crisis exercises and tabletop simulation of ICT-supplier outages: play an "
            "exercise in the terminal, run a plan without people, or test plans with Monte Carlo."
        ),
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        import_module(f"oefening.cli.{name}").add_parser(sub)  # each command registers itself
    return parser


NUMBER_OPTIONS = ("--seed", "-n", "--workers", "--worlds")


def _ascii_numbers(argv: list[str]) -> None:
    """A seed or a count in ASCII digits only: Python's int() reads ``٣`` as 3, which would
    silently give a run that no one can repeat from what they see typed."""
    for i, arg in enumerate(argv):
        option, equals, value = arg.partition("=")
        if option in NUMBER_OPTIONS:
            if not equals:
                if i + 1 >= len(argv):
                    continue
                value = argv[i + 1]
            if not value.isascii():  # the rest argparse judges
                from oefening.words.plain import plain

                raise OefeningError(f"oefening: {option} {plain(value)}: invalid int value; write digits 0-9")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 success, 2 bad input)."""
    try:
        parser = build_parser()
        _ascii_numbers(sys.argv[1:] if argv is None else list(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_BAD_INPUT
        return int(args.run(args) or 0)
    except OefeningError as error:
        from oefening.words.plain import plain

        for problem in error.problems:  # a problem quotes files and scenarios: shown, never obeyed
            print(plain(problem), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("oefening: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        name = f"{error.filename}: " if getattr(error, "filename", None) else ""
        from oefening.words.plain import plain

        print(plain(f"oefening: {name}{error.strerror or error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
