"""`debatemap serve` as a stranger meets it: a real server on 127.0.0.1, real HTTP and
WebSocket clients. Without the token, with another Host or Origin, past the connection cap
or with control characters in a header, the answer is a refusal, never the app."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.serve_support import Served, debate_file, eventually

pytest.importorskip("textual_serve")

STATIC = "/static/js/textual.js"


def statuses(server: Served, paths: list[str], **session_options: object) -> list[int]:
    async def probe() -> list[int]:
        found = []
        async with aiohttp.ClientSession(**session_options) as session:  # type: ignore[arg-type]
            for path in paths:
                async with session.get(server.base + path, allow_redirects=False) as response:
                    await response.read()
                    found.append(response.status)
        return found

    return asyncio.run(probe())


async def ws_answer(url: str, **headers: str) -> int:
    """The status a WebSocket handshake to URL gets (101: connected)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def ws_status(url: str, **headers: str) -> int:
    return asyncio.run(ws_answer(url, **headers))


def test_without_the_token_nothing_is_served(tmp_path):
    with Served(debate_file(tmp_path)) as server:
        assert statuses(server, ["/", STATIC, "/static/", "/download/x", "/ws"]) == [401] * 5
        assert ws_status(server.base.replace("http", "ws") + "/ws?width=80&height=24") == 401
        assert server.apps() == []


def test_a_wrong_token_is_refused(tmp_path):
    with Served(debate_file(tmp_path)) as server:
        wrong = server.token[:-1] + ("a" if server.token[-1] != "a" else "b")
        assert statuses(server, [f"/?token={wrong}", f"{STATIC}?token={wrong}", "/?token="]) == [401] * 3
        assert ws_status(server.base.replace("http", "ws") + f"/ws?token={wrong}") == 401
        assert server.apps() == []


def test_the_link_opens_the_page_and_the_cookie_carries_the_token_after(tmp_path):
    with Served(debate_file(tmp_path)) as server:

        async def visit() -> tuple[int, str, str, list[int]]:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
                async with session.get(server.url) as page:
                    body = await page.text()
                    cookie = page.headers.get("Set-Cookie", "")
                after = []
                for path in (STATIC, "/static/css/xterm.css"):
                    async with session.get(server.base + path) as response:
                        after.append(response.status)
                return page.status, body, cookie, after

        status, body, cookie, after = asyncio.run(visit())
    assert status == 200 and "textual-terminal" in body
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in body
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert after == [200, 200]


def test_localhost_works_as_well_as_the_address(tmp_path):
    with Served(debate_file(tmp_path)) as server:

        async def visit() -> tuple[int, str]:
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"http://localhost:{server.port}/?token={server.token}") as page,
            ):
                return page.status, await page.text()

        status, body = asyncio.run(visit())
    assert status == 200
    assert f'data-session-websocket-url="ws://localhost:{server.port}/ws"' in body  # back to the name used


def test_a_foreign_host_gets_nothing_even_with_the_token(tmp_path):
    """DNS rebinding: a page at evil.example, resolving to 127.0.0.1, sends Host evil.example."""
    with Served(debate_file(tmp_path)) as server:

        async def probe() -> list[int]:
            found = []
            async with aiohttp.ClientSession() as session:
                for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", ""):
                    async with session.get(server.url, headers={"Host": host}) as response:
                        found.append(response.status)
                        assert "textual" not in await response.text()
            return found

        assert asyncio.run(probe()) == [403, 403, 403, 403]
        ws = server.base.replace("http", "ws") + f"/ws?token={server.token}"
        assert ws_status(ws, Host="evil.example") == 403
        assert server.apps() == []


def test_a_websocket_from_another_origin_is_refused(tmp_path):
    with Served(debate_file(tmp_path)) as server:
        ws = server.base.replace("http", "ws") + f"/ws?token={server.token}&width=80&height=24"
        assert ws_status(ws, Origin="http://evil.example") == 403
        assert ws_status(ws, Origin="null") == 403
        assert server.apps() == []
        assert ws_status(ws, Origin=server.base) == 101


def open_app(server: Served, count: int = 1, width: int = 80, height: int = 24):
    """A coroutine function holding COUNT app connections open until told to close them."""

    async def run(hold: asyncio.Event, ready: asyncio.Event, log: list) -> None:
        url = server.base.replace("http", "ws") + f"/ws?token={server.token}&width={width}&height={height}"
        async with aiohttp.ClientSession() as session:
            sockets = [await session.ws_connect(url) for _ in range(count)]
            for ws in sockets:
                await ws.send_json(["resize", {"width": 10**9, "height": -5}])
                message = await ws.receive(timeout=60)  # the app drew its first screen
                log.append(message.type)
            ready.set()
            await hold.wait()
            for ws in sockets:
                await ws.close()

    return run


def test_closing_the_websocket_ends_its_app_process(tmp_path):
    with Served(debate_file(tmp_path)) as server:

        async def scenario() -> tuple[list[int], list, list[bytes]]:
            hold, ready, log = asyncio.Event(), asyncio.Event(), []
            task = asyncio.create_task(open_app(server)(hold, ready, log))
            await ready.wait()
            running = await asyncio.to_thread(server.apps)
            command = [Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in running]
            hold.set()
            await task
            return running, log, command[0]

        running, log, command = asyncio.run(scenario())
        assert len(running) == 1 and log == [aiohttp.WSMsgType.BINARY]  # a huge resize did not kill it
        assert b"--served" in command and b"open" in command  # the app that takes no paths
        assert eventually(lambda: server.apps() == []), "the app process outlived its connection"
        assert "Traceback" not in server.log()


def test_past_the_connection_cap_the_answer_is_a_message_not_a_process(tmp_path):
    with Served(debate_file(tmp_path), "--max-connections", "1") as server:

        async def scenario() -> tuple[int, str, int, list[int]]:
            hold, ready, log = asyncio.Event(), asyncio.Event(), []
            task = asyncio.create_task(open_app(server)(hold, ready, log))
            await ready.wait()
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"{server.base}/ws?token={server.token}") as refused,
            ):
                status, text = refused.status, await refused.text()
            ws_refused = await ws_answer(server.base.replace("http", "ws") + f"/ws?token={server.token}")
            running = await asyncio.to_thread(server.apps)
            hold.set()
            await task
            return status, text, ws_refused, running

        status, text, ws_refused, running = asyncio.run(scenario())
    assert (status, ws_refused) == (503, 503)
    assert "too many" in text
    assert len(running) == 1
    assert "--max-connections" in server.log()


def test_a_killed_app_closes_its_page_and_frees_its_place(tmp_path):
    import os
    import signal

    with Served(debate_file(tmp_path), "--max-connections", "1") as server:

        async def scenario() -> tuple[aiohttp.WSMsgType, int]:
            url = server.base.replace("http", "ws") + f"/ws?token={server.token}"
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(url)
                await ws.receive(timeout=60)
                (pid,) = await asyncio.to_thread(server.apps)
                os.kill(pid, signal.SIGKILL)
                while (message := await ws.receive(timeout=60)).type == aiohttp.WSMsgType.BINARY:
                    pass
                await ws.close()
            # the server closes the page before it reaps the app and frees the place, so a
            # client that reconnects at once may still find it taken: ask again for a while
            deadline = asyncio.get_running_loop().time() + 30
            while (status := await ws_answer(url)) == 503 and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.1)
            return message.type, status

        closed, next_status = asyncio.run(asyncio.wait_for(scenario(), 90))
    assert closed in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
    assert next_status == 101  # its place under the cap is free again


def raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    return received


def test_control_characters_in_a_header_are_refused_quietly(tmp_path):
    with Served(debate_file(tmp_path)) as server:
        for header in (
            b"X-Evil: a\x1b]0;pwned\x07b",
            b"X-\x1b[2JEvil: x",
            f"Host: 127.0.0.1:{server.port}\x1b[31m".encode(),
        ):
            answer = raw_request(
                server.port,
                b"GET /?token="
                + server.token.encode()
                + b" HTTP/1.1\r\n"
                + f"Host: 127.0.0.1:{server.port}\r\n".encode()
                + header
                + b"\r\nConnection: close\r\n\r\n",
            )
            assert answer.startswith(b"HTTP/1.0 400") or answer.startswith(b"HTTP/1.1 400"), answer[:80]
        answer = raw_request(
            server.port,
            b"GET /\x1b[31m?token="
            + server.token.encode()
            + f" HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nConnection: close\r\n\r\n".encode(),
        )
        assert b" 400 " in answer.split(b"\r\n")[0]
    log = server.log()
    assert "\x1b" not in log and "\x07" not in log
    assert "\\x1b" in log
    assert "Traceback" not in log
    assert log.count("malformed request") == 4
    assert server.token not in log  # aiohttp quotes the bad request line, token and all


def test_a_fixed_token_works_and_is_printed_once(tmp_path):
    token = "workshop-slide-42"
    with Served(debate_file(tmp_path), "--token", token) as server:
        assert server.token == token
        assert statuses(server, [f"/?token={token}", f"{STATIC}?token={token}", "/"]) == [200, 200, 401]
        raw_request(server.port, f"GET /\x01?token={token} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert (server.printed + server.log()).count(token) == 1
    assert "work…" in server.log()


def test_the_token_may_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBATEMAP_TOKEN", "from-the-environment")
    with Served(debate_file(tmp_path)) as server:
        assert server.token == "from-the-environment"
        assert statuses(server, ["/?token=from-the-environment", "/"]) == [200, 401]


def test_a_weak_fixed_token_is_refused(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "tui", "serve", str(debate_file(tmp_path)), "--port", "0", "--token", "abc"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1 and "--token" in done.stderr and "Traceback" not in done.stderr
