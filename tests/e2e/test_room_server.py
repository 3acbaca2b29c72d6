"""The room's server as a stranger meets it: a real server on 127.0.0.1, real clients."""

from __future__ import annotations

import asyncio
import json
import secrets

import aiohttp
import pytest

from tui.room import server as room_server
from tui.room.qr import qr_lines
from tui.room.server import RoomServer
from tui.room.state import MAX_TEXT, RoomState

CODE = "code-" + secrets.token_hex(8)


class Running:
    """A RoomServer on a free port presenting claim `c1`, counting accepted messages."""

    def __init__(self, limit: int = 200) -> None:
        self.state = RoomState(presented="c1")
        self.accepted = 0

        def view() -> dict[str, object]:
            return {"title": "T", "claim": {"id": "c1", "text": "<script>x</script>"}, "speak_for": []}

        self.server = RoomServer(self.state, CODE, view, self.count, limit=limit)

    def count(self) -> None:
        self.accepted += 1

    async def __aenter__(self) -> Running:
        port = await self.server.start("127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{port}"
        self.url = f"{self.base}/j/{CODE}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.stop()


async def hello(session: aiohttp.ClientSession, url: str, pid: str | None = None) -> aiohttp.ClientWebSocketResponse:
    ws = await session.ws_connect(url.replace("http://", "ws://") + "/ws")
    await ws.send_json({"t": "hello", "pid": pid or secrets.token_hex(12)})
    assert json.loads((await ws.receive(timeout=5)).data)["t"] == "state"
    return ws


async def reply(ws: aiohttp.ClientWebSocketResponse) -> dict:
    return json.loads((await ws.receive(timeout=5)).data)


async def test_a_wrong_code_gets_a_bare_404_everywhere() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        for path in (
            "/j/wrong-code",
            "/j/wrong-code/ws",
            "/j/wrong-code/room.js",
            "/",
            "/j/",
            f"/j/{CODE}x",
            "/static/room.js",
        ):
            async with session.get(room.base + path) as response:
                assert response.status == 404, path
                assert await response.text() == "not found\n"
        async with session.get(room.url + "/room.html") as response:
            assert response.status == 404  # only the script and the style are served by name


async def test_the_page_forbids_inline_script_and_loads_its_own() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        async with session.get(room.url) as response:
            assert response.status == 200
            page = await response.text()
            csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert "<script>" not in page and f'src="{CODE}/room.js"' in page
        async with session.get(room.url + "/room.js") as response:
            script = await response.text()
        assert "innerHTML" not in script and "textContent" in script


async def test_a_foreign_host_or_origin_is_refused() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        async with session.get(room.url, headers={"Host": "evil.example"}) as response:
            assert response.status == 421
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(room.url.replace("http", "ws") + "/ws", headers={"Origin": "http://evil.example"})
        assert refused.value.status == 403


async def test_the_connection_cap_holds() -> None:
    async with Running(limit=2) as room, aiohttp.ClientSession() as session:
        first, second = await hello(session, room.url), await hello(session, room.url)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(room.url.replace("http", "ws") + "/ws")
        assert refused.value.status == 503
        await first.close()
        await asyncio.sleep(0.1)
        third = await hello(session, room.url)  # a place came free
        await second.close()
        await third.close()


async def test_participants_can_only_answer_propose_and_ask() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        ws = await session.ws_connect(room.url.replace("http", "ws") + "/ws")
        await ws.send_json({"t": "vote", "claim": "c1", "position": 1})
        assert (await reply(ws))["message"] == "say hello first"
        await ws.send_json({"t": "hello", "pid": "short"})
        assert (await reply(ws))["message"] == "cannot join this room"
        ws = await hello(session, room.url)
        for message, why in [
            ({"t": "save", "path": "/etc/passwd"}, "not understood"),
            ({"t": "edit", "claim": "c1", "text": "x"}, "not understood"),
            ({"t": "vote", "claim": "c1", "position": 4}, "a position is -3 to +3"),
            ({"t": "vote", "claim": "c1", "position": True}, "a position is -3 to +3"),
            ({"t": "vote", "claim": "c2", "position": 1}, "that claim is no longer presented"),
            ({"t": "ask", "text": "x" * (MAX_TEXT + 1)}, f"at most {MAX_TEXT} characters"),
            ({"t": "propose", "text": "x", "relation": "sideways"}, "a proposal is for or against the claim"),
            ({"t": "speak", "stakeholder": "anyone"}, "the facilitator has not opened that stakeholder"),
        ]:
            await ws.send_json(message)
            assert (await reply(ws)) == {"t": "error", "message": why}, message
        await ws.send_str("not json")
        assert (await reply(ws))["message"] == "not understood"
        assert room.state.counts("c1") == [0] * 7 and room.state.inbox == []
        room.state.locked = True
        await ws.send_json({"t": "vote", "claim": "c1", "position": 1})
        assert (await reply(ws))["message"] == "answers are locked"


async def test_an_oversized_message_ends_the_session() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        ws = await hello(session, room.url)
        await ws.send_str(json.dumps({"t": "ask", "text": "x" * 5000}))
        message = await ws.receive(timeout=5)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert room.state.inbox == []


async def test_a_flooding_participant_is_slowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_server, "RATE", 0.001)
    async with Running() as room, aiohttp.ClientSession() as session:
        ws = await hello(session, room.url)
        for n in range(30):
            await ws.send_json({"t": "vote", "claim": "c1", "position": n % 7 - 3})
        replies = [await reply(ws) for _ in range(30)]
        assert sum(r["t"] == "ack" for r in replies) == int(room_server.BURST) - 1  # hello took one
        assert {"t": "error", "message": "too fast: wait a moment"} in replies


async def test_revealed_answers_reach_every_phone() -> None:
    async with Running() as room, aiohttp.ClientSession() as session:
        a, b = await hello(session, room.url), await hello(session, room.url)
        room.state.revealed = True
        await a.send_json({"t": "vote", "claim": "c1", "position": -2})
        assert (await reply(a))["t"] == "ack"
        assert await reply(b) == {"t": "counts", "claim": "c1", "counts": [0, 1, 0, 0, 0, 0, 0]}


def test_the_qr_code_draws_segnos_matrix_two_rows_per_line() -> None:
    import segno

    url = "http://192.0.2.7:8765/j/" + CODE
    lines = qr_lines(url, border=2)
    matrix = [[bool(v) for v in row] for row in segno.make(url, error="m").matrix_iter(scale=1, border=2)]
    drawn = []
    for line in lines:
        drawn.append([ch in "▄ " for ch in line])  # top half dark
        drawn.append([ch in "▀ " for ch in line])  # bottom half dark
    assert drawn[: len(matrix)] == matrix
