"""The room end to end: the facilitator's app in tmux, ten participants in Chromium.

Participants answer and change answers while the presenter moves through the claims; the
saved `[[polls]]` hold exactly the counts their last answers make; a proposal reaches the
inbox and becomes a claim only when accepted, and undo removes it; hostile claim text shows
literally on the phones; a wrong code gets 404. `ROOM_SCREENSHOT=1` also rewrites the
README's phone screenshot, docs/room-phone.png.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from arguments.display import one_line
from arguments.model import Claim
from arguments.storage import read_debate, write_debate
from tests.conftest import ROOT, require_tool
from tests.e2e.test_e2e_tmux import Terminal

HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> [/] \u202e'
PROPOSAL = "<b>Floods</b> [@click=app.quit]x[/] wash it away"
CODE = "workshop-e2e-code"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def eventually(check, what: str, term: Terminal, seconds: float = 30.0):
    """CHECK's first truthy result, polled until SECONDS pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} never happened; the screen shows:\n{term.screen()}")


def counts(answers: dict[int, str]) -> list[int]:
    tally = Counter(int(p) for p in answers.values())
    return [tally.get(p, 0) for p in range(-3, 4)]


def test_ten_participants_answer_into_the_presented_debate(small_debate_file: Path, tmp_path: Path) -> None:
    tmux = require_tool("tmux")
    node = require_tool("node")
    if (
        not (ROOT / "tests" / "node" / "node_modules" / "playwright-core").exists()
        or not Path("/usr/bin/chromium").exists()
    ):
        pytest.skip("playwright-core or chromium is not installed")
    debate = read_debate(small_debate_file)
    traffic = next(c for c in debate.claims if c.id == "traffic")
    debate.claims[debate.claims.index(traffic)] = Claim(**{**traffic.model_dump(), "text": HOSTILE})
    write_debate(debate, small_debate_file)
    motion_text = debate.claims[0].text

    # who answers what, in order; the last answer of each participant is what counts
    motion_first = [(i, p) for i, p in enumerate(["-3", "-2", "-1", "0", "+1", "+2", "+3", "+3", "+2", "+1"])]
    motion_changes = [(0, "+1"), (5, "-1")]
    on_traffic = [(i, "+2" if i < 6 else "-1") for i in range(10)]
    motion_again = [(9, "-3"), (2, "0")]
    plan = {
        "steps": [
            {"shows": motion_text, "votes": motion_first + motion_changes},
            {"key": "Right"},
            {"shows": one_line(HOSTILE, 1000), "votes": on_traffic},
            {"key": "Left"},
            {"shows": motion_text, "votes": motion_again},
        ],
        "proposal": PROPOSAL,
    }
    expected_motion = counts(dict(motion_first + motion_changes + motion_again))
    expected_traffic = counts(dict(on_traffic))

    port = free_port()
    url = f"http://127.0.0.1:{port}/j/{CODE}"
    env = f"PYTHONPATH={ROOT}"
    term = Terminal(
        tmux,
        small_debate_file.parent,
        f"{env} exec {sys.executable} -m tui present {small_debate_file.name} --room --port {port} --code {CODE}",
    )
    try:
        shown = term.wait_for("Join the room")
        assert url in shown
        term.keys("Escape")
        term.wait_for("Who stands where")
        shot = ROOT / "docs" / "room-phone.png" if os.environ.get("ROOM_SCREENSHOT") else tmp_path / "room-phone.png"
        shot.parent.mkdir(exist_ok=True)
        args = {"url": url, "tmux": term.base, "target": "e2e", "plan": plan, "shot": str(shot)}
        done = subprocess.run(
            [node, str(ROOT / "tests" / "e2e" / "browser" / "room.mjs"), json.dumps(args)],
            capture_output=True,
            text=True,
            timeout=150,
        )
        assert done.returncode == 0, done.stderr + "\n" + term.screen()
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        # literally, as text, with the bidi override shown as a visible escape
        assert seen["claims"] == [motion_text, one_line(HOSTILE, 1000), motion_text]
        assert "</script><script>window.__pwned=1</script>" in seen["claims"][1] and "\\u202e" in seen["claims"][1]
        assert seen["pwned"] is False
        assert seen["revealed"] == [str(n) for n in expected_motion]
        assert seen["locked"] and seen["sent"]
        assert seen["afterReload"] == ["-1"]  # participant 5's answer on the motion, kept
        assert seen["wrongCode"] == [404, "not found\n"]

        # the proposal waits in the inbox; nothing is in the debate yet
        term.keys("C-s")
        eventually(lambda: read_debate(small_debate_file).polls, "saving the polls", term)
        assert not any("Floods" in c.text for c in read_debate(small_debate_file).claims)
        term.keys("I")
        term.wait_for("[@click=app.quit]x[/] wash it away")
        term.keys("a")
        term.keys("C-s")

        def accepted():
            debate = read_debate(small_debate_file)
            return debate if any(c.text == PROPOSAL for c in debate.claims) else None

        saved = eventually(accepted, "accepting the proposal", term)
        added = [c for c in saved.claims if c.text == PROPOSAL]
        assert [(c.parent, c.relation) for c in added] == [("motion", "opposes")]
        polls = {p.claim: p for p in saved.polls}
        assert len(saved.polls) == 2
        assert polls["motion"].counts == expected_motion
        assert polls["traffic"].counts == expected_traffic
        assert polls["traffic"].closed is not None and polls["motion"].closed is None

        term.keys("C-z")
        term.keys("C-s")
        eventually(
            lambda: not any(c.text == PROPOSAL for c in read_debate(small_debate_file).claims), "undoing it", term
        )
    finally:
        term.keys("C-q")
        term.close()
