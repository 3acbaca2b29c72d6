"""`debatemap serve` in a real headless Chromium (Playwright via Node): the page shows the
debate, a key moves the cursor, an editable view saves, a read-only view cannot."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from arguments.storage import parse_debate
from tests.conftest import IN_CI, ROOT, SMALL_DEBATE, require_tool
from tests.e2e.serve_support import Served, debate_file, eventually

DRIVER = ROOT / "tests" / "e2e" / "browser" / "drive.mjs"
PLAYWRIGHT = ROOT / "tests" / "node" / "node_modules" / "playwright-core"
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")


def missing(message: str) -> None:
    """Skip locally, fail under CI, where everything must be installed."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_textual_serve() -> None:
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        missing("textual-serve is not installed (pip install textual-serve)")


def require_browser() -> tuple[str, str]:
    chromium = require_tool("chromium")
    node = require_tool("node")
    if not PLAYWRIGHT.exists():
        missing("playwright-core is not installed in tests/node (bash .ci/run installs it)")
    require_textual_serve()
    return chromium, node


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drive(node: str, chromium: str, url: str, keys: list[str], out: Path, **options: bool) -> dict:
    spec = json.dumps({"url": url, "keys": keys, "out": str(out), "chromium": chromium, **options})
    done = subprocess.run([node, str(DRIVER), spec], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    if options.get("refused"):
        return result
    result["before"] = ANSI.sub("", result["before"])
    result["after"] = ANSI.sub("", result["after"])
    return result


def relation_of(path: Path, claim_id: str) -> str | None:
    return next(c.relation for c in parse_debate(path.read_text()).claims if c.id == claim_id)


KEYS = ["j", "f", "Control+s"]
"""Down to the first pro claim, flip it to con, save."""


def test_the_page_shows_the_debate_and_keys_reach_the_app(tmp_path):
    chromium, node = require_browser()
    path = debate_file(tmp_path)
    with Served(path) as server:
        result = drive(node, chromium, server.link, KEYS, tmp_path)  # the link exactly as printed
    assert "Small debate" in result["before"]
    assert "The bridge cuts traffic in the centre." in result["before"]
    first, second = (Path(p).read_bytes() for p in result["shots"])
    assert first[:8] == second[:8] == b"\x89PNG\r\n\x1a\n"
    assert first != second  # the cursor moved and the claim flipped
    assert result["after"].strip()  # the app redrew after the keys
    assert relation_of(path, "traffic") == "opposes"  # the editable view saved the flip
    assert result["blocked"] == []  # the page's Content-Security-Policy blocks nothing it needs


def test_a_read_only_view_cannot_change_the_file(tmp_path):
    chromium, node = require_browser()
    path = debate_file(tmp_path)
    before = path.read_bytes()
    with Served(path, "--read-only") as server:
        result = drive(node, chromium, server.link, KEYS, tmp_path)
    assert "The bridge cuts traffic in the centre." in result["before"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["small.toml"]  # no recovery or backup file


def test_the_served_page_escapes_the_title_and_refuses_other_origins(tmp_path):
    require_textual_serve()
    import asyncio

    import aiohttp

    path = debate_file(tmp_path)
    path.write_text(SMALL_DEBATE.replace('"Small debate"', '"<script>alert(1)</script> & co"'))

    async def probe(server: Served) -> tuple[str, str, int, int]:
        async with aiohttp.ClientSession() as session:
            async with session.get(server.url) as page:
                body, policy = await page.text(), page.headers["Content-Security-Policy"]
            ws_url = f"{server.base.replace('http:', 'ws:')}/ws?token={server.token}"
            statuses = []
            for origin in ("http://evil.example", server.base):
                try:
                    async with session.ws_connect(ws_url, headers={"Origin": origin}) as ws:
                        statuses.append(101)
                        await ws.close()
                except aiohttp.WSServerHandshakeError as exc:
                    statuses.append(exc.status)
            return body, policy, statuses[0], statuses[1]

    with Served(path) as server:
        body, csp, foreign, own = asyncio.run(probe(server))
    assert "<script>alert(1)</script>" not in body
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]  # injected script would not run
    assert "debatemap: &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in body
    assert (foreign, own) == (403, 101)


def test_serve_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "t"\n[[claims]]\nid = "A B"\ntext = "x"\n')
    done = subprocess.run(
        [sys.executable, "-m", "tui", "serve", str(bad), "--port", str(free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1 and "bad.toml:3" in done.stderr and "Traceback" not in done.stderr


def test_localhost_opens_the_app_and_a_link_without_the_token_does_not(tmp_path):
    chromium, node = require_browser()
    path = debate_file(tmp_path)
    with Served(path) as server:
        result = drive(node, chromium, server.link.replace("127.0.0.1", "localhost"), [], tmp_path)
        refused = drive(node, chromium, f"http://localhost:{server.port}/", [], tmp_path, refused=True)
        assert eventually(lambda: server.apps() == []), "the closed page left its app process running"
    assert "The bridge cuts traffic in the centre." in result["before"]
    assert refused["status"] == 401 and "token" in refused["text"]


def test_an_export_in_the_browser_is_a_download_not_a_file_on_the_server(tmp_path):
    from export import render

    chromium, node = require_browser()
    path = debate_file(tmp_path)
    out = tmp_path / "browser"
    out.mkdir()
    with Served(path) as server:
        result = drive(node, chromium, server.link, ["Control+e", "Control+j"], out, download=True)
    assert [Path(p).name for p in result["downloads"]] == ["small.md"]
    assert Path(result["downloads"][0]).read_text(encoding="utf-8") == render(
        "markdown", parse_debate(path.read_text())
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["small.toml"]  # nothing written beside the debate
