"""``oefening serve [JOURNAL|SCENARIO] [--host H] [--port P] [--seed N] [--lang nl|en]``: the
exercise in a browser, through textual-serve.

``/`` serves the players' view (``oefening show JOURNAL``: read-only, every browser that
opens it follows the same exercise); ``/console/<secret>`` serves the facilitator's console
(``oefening play --resume JOURNAL --wait 5``: a reloaded tab's new console waits up to five
seconds for the old one, which textual-serve stops meanwhile, to let go of the journal), with
a random secret printed at start. Without the
secret the console is refused (403). In a scenario with teams every team (and the
coordination role) has its own link, ``/team/<id>/<secret>``, with a secret of its own: the
team console (``oefening join JOURNAL --team ID``); another team's secret, or none, is
refused. With a SCENARIO a new journal is started first (in ``journals/``); with a JOURNAL
the exercise goes on where it stands. The server listens on loopback (127.0.0.1) unless
``--host`` says otherwise; Ctrl-C stops it and every app it started, and the journal stays
as its last complete line left it.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError

CONSOLE_WAIT = 5.0   # seconds a new facilitator's console waits for the old one to close (a reloaded tab)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="the exercise in a browser: the players' view, and the console behind a secret link",
        description=("Serve an exercise to web browsers (textual-serve). / is the players' view; the "
                     "facilitator's console is at /console/SECRET, a random secret printed at start (without "
                     "it: refused); in a scenario with teams each team has its own link /team/ID/SECRET with "
                     "its own secret. A SCENARIO starts a new journal; a JOURNAL goes on where it stands; "
                     "without either, the bundled default scenario. Loopback only unless --host. Ctrl-C stops."))
    p.add_argument("source", nargs="?", metavar="JOURNAL|SCENARIO",
                   help="a journal (.jsonl) to go on with, or a scenario (.yaml) to start")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="the random seed of a new exercise (default 0)")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of a new exercise (default: from the locale)")
    p.set_defaults(run=run)


def journal_for(source: str | None, seed: int, lang: str) -> Path:
    """The journal to serve: the one given, or a new one started from the scenario given (or
    the bundled default); OefeningError on bad input."""
    from oefening.cli.play import DEFAULT_SCENARIO, open_session, scenarios_dir
    from oefening.journal.session import Session

    if source is not None and source.endswith(".jsonl"):
        Session.read(source)   # a journal that cannot be read: one line per problem, before serving
        return Path(source).resolve()
    scenario = Path(source) if source is not None else scenarios_dir() / DEFAULT_SCENARIO
    session = open_session(scenario, lang, seed)
    session.close()
    return Path(session.journal_path).resolve()


def team_secrets(journal: Path) -> dict[str, str]:
    """A random secret for each team (and the coordination role) of the journal's scenario."""
    from oefening.journal.session import Session

    scenario = Session.read(journal).scenario
    ids = [team.id for team in scenario.teams]
    if scenario.coordination is not None:
        ids.append(scenario.coordination.id)
    return {ident: secrets.token_urlsafe(18) for ident in ids}


def console_command(journal: Path) -> str:
    """The facilitator's console behind the secret link: ``play --resume`` with a wait, since a
    reloaded tab starts the new console while textual-serve still stops the old one."""
    return (f"{shlex.quote(sys.executable)} -m oefening play --resume {shlex.quote(str(journal))} "
            f"--wait {CONSOLE_WAIT:g}")


def make_server(journal: Path, host: str, port: int, secret: str, teams: dict[str, str] | None = None) -> Any:
    """The textual-serve server with the players' view at /, the console at /console/SECRET
    and each team's console at /team/ID/SECRET (``teams``: the secret of each team id)."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    python = shlex.quote(sys.executable)
    quoted = shlex.quote(str(journal))
    players = f"{python} -m oefening show {quoted}"
    console = console_command(journal)
    team_secret = dict(teams or {})

    class ExerciseServer(Server):
        """Two apps behind one server: anyone may watch, only the secret's holder may steer."""

        async def _make_app(self) -> web.Application:
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=__import__("jinja2").FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.players_index, name="index"),
                web.get("/ws", self.players_socket, name="websocket"),
                web.get("/console/{secret}", self.console_index, name="console"),
                web.get("/console/{secret}/ws", self.console_socket, name="console_websocket"),
                web.get("/team/{team}/{secret}", self.team_index, name="team"),
                web.get("/team/{team}/{secret}/ws", self.team_socket, name="team_websocket"),
                web.static("/static", self.statics_path, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            return app

        async def on_startup(self, app: web.Application) -> None:
            print(f"players' view:       {self.public_url}/", flush=True)
            print(f"facilitator console: {self.public_url}/console/{secret}", flush=True)
            for ident, key in team_secret.items():
                print(f"team {ident}: {self.public_url}/team/{ident}/{key}", flush=True)
            print(f"journal: {journal}", flush=True)
            print("Ctrl-C stops the server; the journal stays as it is.", flush=True)

        def _check(self, request: web.Request) -> None:
            if not secrets.compare_digest(request.match_info.get("secret", ""), secret):
                raise web.HTTPForbidden(text="the console needs its secret link (printed when the server started)")

        def _check_team(self, request: web.Request) -> str:
            ident = request.match_info.get("team", "")
            given = request.match_info.get("secret", "")
            if ident not in team_secret or not secrets.compare_digest(given, team_secret[ident]):
                raise web.HTTPForbidden(text="a team console needs its own secret link (printed at start)")
            return ident

        async def _index(self, request: web.Request, socket_route: str, **args: str) -> web.Response:
            router = request.app.router
            base = self.public_url
            socket = "ws:" + f"{base}{router[socket_route].url_for(**args)}".split(":", 1)[1]
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": socket,
                "config": {"static": {"url": f"{base}{router['static'].url_for(filename='/')}".rstrip("/") + "/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def players_index(self, request: web.Request) -> web.Response:
            return await self._index(request, "websocket")

        async def console_index(self, request: web.Request) -> web.Response:
            self._check(request)
            return await self._index(request, "console_websocket", secret=secret)

        async def _socket(self, request: web.Request, command: str) -> web.WebSocketResponse:
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await websocket.prepare(request)
            service = AppService(command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close,  # type: ignore[arg-type]  # as textual-serve does
                                 download_manager=self.download_manager, debug=False)
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
            return websocket

        async def players_socket(self, request: web.Request) -> web.WebSocketResponse:
            return await self._socket(request, players)

        async def console_socket(self, request: web.Request) -> web.WebSocketResponse:
            self._check(request)
            return await self._socket(request, console)

        async def team_index(self, request: web.Request) -> web.Response:
            ident = self._check_team(request)
            return await self._index(request, "team_websocket", team=ident, secret=team_secret[ident])

        async def team_socket(self, request: web.Request) -> web.WebSocketResponse:
            ident = self._check_team(request)
            return await self._socket(request, f"{python} -m oefening join {quoted} --team {shlex.quote(ident)}")

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level="WARNING")

    return ExerciseServer(players, host=host, port=port, title="oefening")


def run(args: argparse.Namespace) -> int:
    from oefening.cli.output import default_language

    if not 0 < args.port < 65536:
        raise OefeningError(f"oefening serve: --port must be between 1 and 65535, not {args.port}")
    journal = journal_for(args.source, args.seed, args.lang or default_language())
    secret = secrets.token_urlsafe(18)
    server = make_server(journal, args.host, args.port, secret, team_secrets(journal))
    server.serve()
    return 0
