"""The web server behind `debatemap serve`: textual-serve's page and WebSocket protocol,
behind the door policy (`door.make_door`), with bounded connections and one app process per
connection that ends with its connection.

textual-serve's `Server` supplies the page template, static files and downloads; what it
leaves open (no token, any Host, a process per connection without limit, any terminal
size, messages that raise, client bytes in the log) is closed here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
from dataclasses import dataclass
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .door import content_policy, make_access_logger, make_door, setup_logging
from .guard import (
    ConnectionCounter,
    HostPolicy,
    clamp_size,
    display_host,
    log_safe,
    url_host,
)

log = logging.getLogger("debatemap.serve")

MAX_MESSAGE_BYTES = 256 * 1024
"""The largest WebSocket message a client may send (a paste of text is well below)."""

STOP_SECONDS = 5.0
"""How long an app process has to quit after its connection closed before it is killed."""


@dataclass
class ServeOptions:
    """What `debatemap serve` was asked for."""

    argv: list[str]
    host: str
    port: int
    title: str
    token: str
    max_connections: int = 20
    public_urls: tuple[str, ...] = ()


class SafeStderr:
    """An app process's stderr as textual-serve reads it, control bytes escaped: it is
    copied to the facilitator's terminal."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def read(self, size: int = -1) -> bytes:
        data = await self.stream.read(size)
        text = data.decode("utf-8", "replace")
        return "\n".join(log_safe(line, 10_000) for line in text.split("\n")).encode()


class AppProcess(AppService):
    """One connection's app: run without a shell, so the process we hold is the app itself
    and killing it leaves nothing behind."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        if process.stderr is not None:
            process.stderr = SafeStderr(process.stderr)  # type: ignore[assignment]
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's output until it ends; then close the page's connection, so a
        crashed or killed app leaves no frozen page holding a place under the cap."""
        await super().run()
        with contextlib.suppress(OSError, ConnectionError, RuntimeError):
            await self.remote_close()

    async def end(self) -> None:
        """Ask the app to quit; kill it if it has not within STOP_SECONDS. Always returns
        with the process gone."""
        with contextlib.suppress(TimeoutError, OSError, ConnectionError):
            await asyncio.wait_for(asyncio.shield(self.stop()), STOP_SECONDS)
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()
        if self._task is not None:
            self._task.cancel()


class DebateServer(Server):
    """textual-serve's Server, guarded: see the module docstring."""

    def __init__(self, options: ServeOptions) -> None:
        public_url = options.public_urls[0] if options.public_urls else None
        super().__init__(
            " ".join(options.argv), host=options.host, port=options.port, title=options.title, public_url=public_url
        )
        self.options = options
        self.given_public_url = public_url
        self.counter = ConnectionCounter(options.max_connections)
        self.processes: set[AppProcess] = set()

    async def make_app(self, policy: HostPolicy) -> web.Application:
        app = await self._make_app()
        template = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
        door = make_door(policy, self.options.token, content_policy(template))
        app.middlewares.append(door)  # type: ignore[arg-type]
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `serve` prints the link itself (textual-serve's banner has no token)."""

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(process.end() for process in list(self.processes)), return_exceptions=True)

    def base_url(self, request: web.Request) -> str:
        # The Host header has passed the allow-list, so the page may point back at it: the
        # WebSocket then goes to the very name the browser used, with its cookie.
        if self.given_public_url:
            return self.given_public_url.rstrip("/")
        return f"{request.scheme}://{request.host}"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self.base_url(request)
        scheme, rest = base.split(":", 1)
        font_size = min(max(clamp_size(request.query.get("fontsize"), 24, (16, 24))[0], 6), 64)
        return {
            "font_size": font_size,
            "app_websocket_url": ("wss:" if scheme == "https" else "ws:") + rest + "/ws",
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One app process for this connection, if the cap allows; it ends with the connection."""
        if not self.counter.enter():
            log.warning(
                "refused a connection from %s: %d apps running (--max-connections)",
                log_safe(request.remote, 60),
                self.counter.limit,
            )
            return web.Response(
                status=503, text="The server is full: too many people are connected. Try again later.\n"
            )
        try:
            return await self._run_connection(request)
        finally:
            self.counter.leave()

    async def _run_connection(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        app_process: AppProcess | None = None
        try:
            await websocket.prepare(request)
            app_process = AppProcess(
                self.options.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.processes.add(app_process)
            await app_process.start(width, height)
            await self._process_messages(websocket, app_process)
        except asyncio.CancelledError:
            await websocket.close()
        except (OSError, ConnectionError) as error:
            log.warning("connection from %s ended: %s", log_safe(request.remote, 60), log_safe(error, 200))
        finally:
            if app_process is not None:
                await app_process.end()
                self.processes.discard(app_process)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """What the page sends: keys, resizes, pings, focus. Anything malformed is ignored,
        never raised; a terminal size is clamped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping" and isinstance(data, (str, int, float)) and len(str(data)) < 100:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # ------------------------------------------------------------ running

    def serve(self, debug: bool = False, announce: Any = print) -> None:
        """Listen until Ctrl+C or SIGTERM; ANNOUNCE(port) is called once listening."""
        setup_logging(self.options.token)
        asyncio.run(self._serve(announce))

    async def _serve(self, announce: Any) -> None:
        options = self.options
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        # the port is known only once bound (--port 0 picks a free one): the policy is
        # completed then, before the first request can arrive
        policy = HostPolicy.for_server(options.host, options.port, options.public_urls)
        app = await self.make_app(policy)
        runner = web.AppRunner(
            app,
            access_log_class=make_access_logger(options.token),
            access_log=logging.getLogger("debatemap.access"),
            handle_signals=False,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, options.host, options.port)
            await site.start()
            port = bound_port(site) or options.port
            policy.port = port
            self.port = port
            announce(port)
            await stop.wait()
        finally:
            await runner.cleanup()


def bound_port(site: web.TCPSite) -> int | None:
    server = site._server  # aiohttp keeps the listening sockets here
    sockets = getattr(server, "sockets", None) or ()
    for sock in sockets:
        return int(sock.getsockname()[1])
    return None


def link(host: str, port: int, token: str, public_url: str | None = None) -> str:
    """The link to open: the public URL or the machine's address (never 0.0.0.0), with the token."""
    base = public_url.rstrip("/") if public_url else f"http://{url_host(display_host(host))}:{port}"
    return f"{base}/?token={token}"
