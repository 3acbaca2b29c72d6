"""`debatemap serve FILE`: the app in a web browser, for a participant's laptop or a second screen.

Each browser connection starts its own app process on FILE (textual-serve). With
`--read-only` the process is `debatemap open --read-only FILE`, which cannot change the
file. Web pages from other sites cannot drive the app: a WebSocket whose Origin is not
this server is refused.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from ..cli_support import BadInput, load


def app_command(file: str, read_only: bool) -> str:
    """The shell command each connection runs: this install's debatemap, on FILE."""
    args = [sys.executable, "-m", "tui", "open"]
    if read_only:
        args.append("--read-only")
    return shlex.join([*args, str(Path(file).resolve())])


def make_server(command: str, host: str, port: int, title: str, public_url: str | None = None):  # noqa: ANN201
    """A textual-serve Server that refuses WebSockets from other origins."""
    from urllib.parse import urlsplit

    from aiohttp import web
    from textual_serve.server import Server

    class DebateServer(Server):
        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                raise web.HTTPForbidden(text="cross-origin connections are refused")
            return await super().handle_websocket(request)

    # the page template escapes the title (aiohttp-jinja2 autoescapes); tests check it
    return DebateServer(command, host=host, port=port, title=title, public_url=public_url)


@click.command("serve")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets other machines on the network connect.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Serve a view that cannot change FILE (for the audience).")
@click.option("--public-url", default=None, help="The URL browsers reach this server at, if not http://HOST:PORT.")
def command(file: str, host: str, port: int, read_only: bool, public_url: str | None) -> None:
    """Serve the app on FILE in the browser until Ctrl+C."""
    from arguments.display import one_line

    debate = load(file)
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise BadInput("serving needs textual-serve: pip install textual-serve") from None
    title = "debatemap: " + one_line(debate.title, 120) + (" (read-only)" if read_only else "")
    server = make_server(app_command(file, read_only), host, port, title, public_url)
    try:
        server.serve()
    except OSError as exc:
        raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
