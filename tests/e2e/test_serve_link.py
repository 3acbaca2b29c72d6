"""The link `debatemap serve` prints is one a participant's browser can open: the machine's
address for a wildcard bind (never 0.0.0.0), the token in it; and the Host allow-list that
goes with it. Servers in tests listen on 127.0.0.1 only, so the wildcard cases are checked
on the functions that make the link and the policy."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.serve_support import Served, debate_file
from tui.net import guard
from tui.net.guard import HostPolicy, clamp_size, token_problem


@pytest.fixture
def lan(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(guard, "machine_addresses", lambda: ["192.168.7.21"])
    return "192.168.7.21"


def test_a_wildcard_bind_prints_the_machine_address(lan: str) -> None:
    from tui.net.app_server import link

    for wildcard in ("0.0.0.0", "::"):
        shown = link(wildcard, 8000, "T" * 32)
        assert shown == f"http://{lan}:8000/?token={'T' * 32}"
        assert "0.0.0.0" not in shown and "[::]" not in shown
    assert link("127.0.0.1", 8123, "tok") == "http://127.0.0.1:8123/?token=tok"
    assert link("::1", 8123, "tok") == "http://[::1]:8123/?token=tok"
    assert link("0.0.0.0", 8000, "tok", "https://debate.example.org/") == "https://debate.example.org/?token=tok"


def test_a_wildcard_bind_answers_to_its_addresses_and_localhost_only(lan: str) -> None:
    policy = HostPolicy.for_server("0.0.0.0", 8000, ("https://debate.example.org",))
    for host in (f"{lan}:8000", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "debate.example.org", "127.0.0.1"):
        assert policy.allows_host(host), host
    for host in (
        "evil.example:8000",
        "0.0.0.0:8000",
        "8.8.8.8:8000",
        f"{lan}:9000",
        "localhost:8001",
        "localhost.evil.example:8000",
        "127.0.0.1:8000\x1b[2J",
        "",
    ):
        assert not policy.allows_host(host), host
    assert policy.allows_origin(f"http://{lan}:8000") and policy.allows_origin(None)
    assert not policy.allows_origin("http://evil.example:8000")
    assert not policy.allows_origin("null") and not policy.allows_origin("file://")


def test_the_printed_link_holds_the_token_and_works_on_loopback(tmp_path) -> None:
    with Served(debate_file(tmp_path)) as server:
        parts = urlsplit(server.link)
        assert parts.hostname == "127.0.0.1" and parts.port == server.port
        token = parse_qs(parts.query)["token"][0]
        assert token_problem(token) is None and len(token) >= 32
    with Served(debate_file(tmp_path)) as again:
        assert again.token != token  # a new secret every start


def test_terminal_sizes_are_clamped() -> None:
    assert clamp_size("80", "24") == (80, 24)
    assert clamp_size(10**12, -3) == (guard.MAX_COLUMNS, 1)
    assert clamp_size("wide", None) == (80, 24)
    assert clamp_size(float("inf"), float("nan")) == (80, 24)
    assert clamp_size(True, [1]) == (80, 24)


def test_chosen_tokens_must_resist_guessing_and_fit_a_url() -> None:
    assert token_problem("short") is not None
    assert token_problem("has space in it") is not None
    assert token_problem("workshop-slide-42") is None
    assert guard.redact("workshop-slide-42") == "work…"
