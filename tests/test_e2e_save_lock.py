"""Two real app processes on one file, each in its own terminal (tmux): no edit is lost."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from arguments.model import Claim, Debate
from arguments.storage import read_debate, write_debate
from tests.conftest import require_tool
from tests.test_e2e_tmux import TIMEOUT, Terminal

CLAIMS = 15000
"""Enough that a save takes a while, so the two saves really overlap."""
GAP = 0.2
"""Seconds between the two ctrl+s: the second save starts while the first is writing."""


def big_debate() -> Debate:
    motion = Claim(id="motion", text="The motion", kind="thesis")
    rest = [
        Claim(id=f"c{i}", text=f"Point {i} " + "words " * 15, parent="motion", relation="supports")
        for i in range(CLAIMS)
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
    write_debate(big_debate(), path)
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
        mine, theirs = ("Claim from window A", "Claim from window B") if winner is a else ("Claim from window B", "Claim from window A")
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
