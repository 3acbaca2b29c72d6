"""Two real app processes on one file, each in its own terminal (tmux): no edit is lost."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from arguments.model import Claim, Debate
from arguments.storage import read_debate, write_debate
from tests.conftest import require_tool
from tests.e2e.test_e2e_tmux import TIMEOUT, Terminal

CLAIMS = 15000
"""Enough that a save takes a while, so the two saves really overlap."""
GAP = 0.2
"""Seconds between the two ctrl+s: the second save starts while the first is writing."""


def big_debate_of(claims: int) -> Debate:
    motion = Claim(id="motion", text="The motion", kind="thesis")
    rest = [
        Claim(id=f"c{i}", text=f"Point {i} " + "words " * 15, parent="motion", relation="supports")
        for i in range(claims)
    ]
    return Debate(title="Shared file", claims=[motion, *rest])


def add_claim(term: Terminal, text: str) -> None:
    term.keys("+")
    term.wait_for("Supporting claim under")
    term.keys(text, literal=True)
    term.keys("Enter")
    term.wait_for("unsaved")


def texts(path: Path) -> set[str]:
    return {c.text for c in read_debate(path).claims}


def wait_for_either(terms: list[Terminal], first: str, second: str) -> tuple[Terminal, Terminal]:
    """The terminal that showed FIRST and the one that showed SECOND."""
    deadline = time.monotonic() + TIMEOUT
    seen: dict[str, Terminal] = {}
    while time.monotonic() < deadline and len(seen) < 2:
        for term in terms:
            shown = term.screen()
            for text in (first, second):
                if text in shown and text not in seen and term not in seen.values():
                    seen[text] = term
        time.sleep(0.1)
    screens = "\n----\n".join(t.screen() for t in terms)
    assert set(seen) == {first, second}, f"expected {first!r} in one and {second!r} in the other:\n{screens}"
    return seen[first], seen[second]


def test_two_instances_saving_at_once_the_later_gets_the_conflict_and_merge_keeps_both(tmp_path: Path) -> None:
    tmux = require_tool("tmux")
    path = tmp_path / "work.toml"
    write_debate(big_debate_of(CLAIMS), path)
    a = Terminal(tmux, tmp_path, f"{sys.executable} -m tui {path.name}")
    b = Terminal(tmux, tmp_path, f"{sys.executable} -m tui {path.name}")
    try:
        a.wait_for("Pro")
        b.wait_for("Pro")
        add_claim(a, "Claim from window A")
        add_claim(b, "Claim from window B")
        a.keys("C-s")
        time.sleep(GAP)
        b.keys("C-s")
        winner, loser = wait_for_either([a, b], "Saved the file", "changed on disk")
        mine, theirs = (
            ("Claim from window A", "Claim from window B")
            if winner is a
            else ("Claim from window B", "Claim from window A")
        )
        on_disk = texts(path)
        assert mine in on_disk and theirs not in on_disk  # the second did not overwrite the first
        assert "unsaved" in loser.screen()  # its edits are kept, unsaved

        loser.keys("m")  # merge their changes into mine
        loser.wait_for("Merged their changes")
        loser.keys("C-s")
        loser.wait_for("Saved the file")
        on_disk = texts(path)
        assert {mine, theirs} <= on_disk
        assert len(on_disk) == CLAIMS + 3
    finally:
        a.close()
        b.close()


def test_a_second_window_is_not_offered_the_first_window_s_recovery_copy_until_it_is_killed(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess

    from arguments.recovery import copies_beside

    tmux = require_tool("tmux")
    path = tmp_path / "work.toml"
    write_debate(big_debate_of(3), path)
    a = Terminal(tmux, tmp_path, f"exec {sys.executable} -m tui {path.name}")
    try:
        a.wait_for("Pro")
        add_claim(a, "Unsaved in window A")
        deadline = time.monotonic() + TIMEOUT
        while not copies_beside(path) and time.monotonic() < deadline:
            time.sleep(0.2)  # the autosave runs every few seconds
        [copy] = copies_beside(path)

        b = Terminal(tmux, tmp_path, f"{sys.executable} -m tui {path.name}")
        try:
            b.wait_for("Pro")
            for _ in range(10):  # the offer would come right after the first frame
                assert "Unsaved edits" not in b.screen()
                time.sleep(0.2)
            b.keys("C-q")  # nothing unsaved in B: it quits at once
        finally:
            b.close()
        assert copies_beside(path) == [copy]

        pane = subprocess.run([*a.base, "list-panes", "-F", "#{pane_pid}"], capture_output=True, text=True, check=True)
        os.kill(int(pane.stdout.split()[0]), signal.SIGKILL)
    finally:
        a.close()

    c = Terminal(tmux, tmp_path, f"{sys.executable} -m tui {path.name}")
    try:
        c.wait_for("Unsaved edits from an earlier session")
        c.keys("r")
        c.wait_for("Unsaved in window A")
        c.keys("C-s")
        c.wait_for("Saved the file")
    finally:
        c.close()
    assert "Unsaved in window A" in texts(path)
    assert copies_beside(path) == []
