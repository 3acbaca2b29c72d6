"""The room's web server: one page, one WebSocket per phone, on the app's own event loop.

Built for an attacker first (../shared/ROBUSTNESS.md): every path carries the session's
unguessable code (a wrong one is a bare 404), `Host` must be one we serve under, a browser's
`Origin` one of ours, connections are capped, messages are small and rate-limited, and the
page's script is a separate file under a Content-Security-Policy that forbids inline script.
A participant can only answer, propose, ask and say whom they speak for: the messages below
are the whole of what the server understands, and none names a file or edits the debate.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from ..net.guard import ConnectionCounter, HostPolicy, log_safe, redact, token_matches
from .state import MAX_NAME, Participant, RoomState

log = logging.getLogger("debatemap.room")

STATIC = Path(__file__).parent / "static"
CODE = re.compile(r"^[A-Za-z0-9_-]{4,64}$")
"""What a room code may be (a generated one is 32 URL-safe characters)."""
MAX_MESSAGE = 2048
"""Largest WebSocket message a participant may send (bytes)."""
RATE = 5.0
"""Messages per second a participant may send on average..."""
BURST = 20.0
"""...and at most this many at once."""
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the code rides in the URL
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


class Bucket:
    """A token bucket: `take()` is False when the sender is over the rate."""

    def __init__(self) -> None:
        self.tokens = BURST
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.at) * RATE)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class RoomServer:
    """Serves STATE to phones at `/j/CODE`; VIEW gives what the projector shows now (as
    plain data) and ON_CHANGE is called after every accepted participant message."""

    def __init__(
        self,
        state: RoomState,
        code: str,
        view: Callable[[], dict[str, Any]],
        on_change: Callable[[], None],
        *,
        limit: int = 200,
    ) -> None:
        if not CODE.match(code):
            raise ValueError("a room code is 4 to 64 letters, digits, - or _")
        self.state, self.code, self.view, self.on_change = state, code, view, on_change
        self.connections = ConnectionCounter(limit)
        self.sockets: dict[web.WebSocketResponse, Participant | None] = {}
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.policy: HostPolicy | None = None
        self._counts_pending = False
        self._sending: set[asyncio.Future[None]] = set()

    # ------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on HOST:PORT (0: any free port); return the port."""
        app = web.Application(middlewares=[self._door], client_max_size=4096)
        app.router.add_get("/j/{code}", self._page)
        app.router.add_get("/j/{code}/ws", self._socket)
        app.router.add_get("/j/{code}/{name}", self._static)
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port)
        await site.start()
        server = site._server
        self.port = (
            server.sockets[0].getsockname()[1] if isinstance(server, asyncio.Server) and server.sockets else port
        )
        self.policy = HostPolicy.for_server(host, self.port)
        return self.port

    async def stop(self) -> None:
        """End every session and stop listening."""
        for ws in list(self.sockets):
            await ws.close(code=1001, message=b"the room is closed")
        self.sockets.clear()
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    # ------------------------------------------------------------ the door

    @web.middleware
    async def _door(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        if self.policy is None or not self.policy.allows_host(request.headers.get("Host")):
            log.info("room: refused Host %s", log_safe(request.headers.get("Host")))
            return web.Response(status=421, text="misdirected request\n")
        if not token_matches(request.match_info.get("code"), self.code):
            return web.Response(status=404, text="not found\n")
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            response.headers.update(HEADERS)
        return response

    async def _page(self, request: web.Request) -> web.Response:
        html = (STATIC / "room.html").read_text("utf-8").replace("{{code}}", self.code)
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        types = {"room.js": "text/javascript", "room.css": "text/css"}
        if name not in types:
            return web.Response(status=404, text="not found\n")
        return web.Response(text=(STATIC / name).read_text("utf-8"), content_type=types[name], charset="utf-8")

    # ------------------------------------------------------------ participants

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        assert self.policy is not None
        if not self.policy.allows_origin(request.headers.get("Origin")):
            log.info("room: refused Origin %s", log_safe(request.headers.get("Origin")))
            return web.Response(status=403, text="forbidden\n")
        if not self.connections.enter():
            log.info("room: connection cap %d reached", self.connections.limit)
            return web.Response(status=503, text="the room is full\n")
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=30, autoping=True)
        try:
            await ws.prepare(request)
            self.sockets[ws] = None
            bucket = Bucket()
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    break  # binary, an oversized frame or an error: end the session
                if not bucket.take():
                    await self._send(ws, {"t": "error", "message": "too fast: wait a moment"})
                    continue
                await self._handle(ws, message.data)
        finally:
            self.sockets.pop(ws, None)
            self.connections.leave()
        return ws

    async def _handle(self, ws: web.WebSocketResponse, data: str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            message = None
        if not isinstance(message, dict) or not isinstance(message.get("t"), str):
            await self._send(ws, {"t": "error", "message": "not understood"})
            return
        kind = message["t"]
        who = self.sockets.get(ws)
        if kind == "hello":
            who = self.state.join(str(message.get("pid", ""))[:80])
            if who is None:
                await self._send(ws, {"t": "error", "message": "cannot join this room"})
                await ws.close()
                return
            self.sockets[ws] = who
            await self._send(ws, self.snapshot(who))
            self.on_change()
            return
        if who is None:
            await self._send(ws, {"t": "error", "message": "say hello first"})
            return
        problem = self._act(who, kind, message)
        if problem:
            await self._send(ws, {"t": "error", "message": problem})
            return
        self.on_change()
        if kind == "vote":
            await self._send(ws, {"t": "ack", "answer": who.answers.get(self.state.presented or "")})
            if self.state.revealed:
                self._counts_soon()
        elif kind in ("propose", "ask"):
            await self._send(ws, {"t": "sent", "what": kind})
        else:
            await self._send(ws, self.snapshot(who))

    def _act(self, who: Participant, kind: str, message: dict[str, Any]) -> str | None:
        """Apply one participant message to the room; return why not, or None."""
        state = self.state
        if kind == "vote":
            position = message.get("position")
            if type(position) is not int:
                return "a position is -3 to +3"
            return state.answer(who, str(message.get("claim", "")), position)
        if kind == "propose":
            text = message.get("text")
            return state.add_item("claim", who, text if isinstance(text, str) else "", str(message.get("relation")))
        if kind == "ask":
            text = message.get("text")
            return state.add_item("question", who, text if isinstance(text, str) else "")
        if kind == "name":
            name = message.get("name")
            if not isinstance(name, str) or len(name) > MAX_NAME:
                return f"a name is at most {MAX_NAME} characters"
            who.name = name.strip()
            return None
        if kind == "speak":
            stakeholder = message.get("stakeholder")
            if stakeholder is not None and stakeholder not in state.speak_for:
                return "the facilitator has not opened that stakeholder"
            who.speaks_for = stakeholder
            return None
        return "not understood"

    # ------------------------------------------------------------ telling the phones

    def snapshot(self, who: Participant | None) -> dict[str, Any]:
        """Everything a participant's page shows, for WHO."""
        state = self.state
        out: dict[str, Any] = {"t": "state", **self.view(), "locked": state.locked, "revealed": state.revealed}
        if state.revealed:
            out["counts"] = state.counts(state.presented)
        if who is not None:
            out["answer"] = who.answers.get(state.presented or "")
            out["speaking_for"] = who.speaks_for
            out["name"] = who.name
        return out

    def broadcast(self) -> None:
        """Send every participant the current state (the presenter moved, revealed, locked)."""
        for ws, who in list(self.sockets.items()):
            if who is not None:
                self._in_flight(self._send(ws, self.snapshot(who)))

    def _counts_soon(self) -> None:
        # under a flood of answers, one distribution update per 200 ms rather than per answer
        if self._counts_pending:
            return
        self._counts_pending = True

        def send() -> None:
            self._counts_pending = False
            if self.state.revealed:
                message = {
                    "t": "counts",
                    "claim": self.state.presented,
                    "counts": self.state.counts(self.state.presented),
                }
                for ws, who in list(self.sockets.items()):
                    if who is not None:
                        self._in_flight(self._send(ws, message))

        asyncio.get_running_loop().call_later(0.2, send)

    def _in_flight(self, sending: Coroutine[Any, Any, None]) -> None:
        """Run SENDING as a task held until it ends: the loop keeps only weak references to
        tasks, so an unheld send could be collected half way."""
        task = asyncio.ensure_future(sending)
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _send(self, ws: web.WebSocketResponse, message: dict[str, Any]) -> None:
        if ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):  # the phone went away; its socket ends on its own
            await ws.send_str(json.dumps(message))

    def describe(self) -> str:
        """One log-safe line naming the session (the code redacted)."""
        return f"room {redact(self.code)} on port {self.port}"
