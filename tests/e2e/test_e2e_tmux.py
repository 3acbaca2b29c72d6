"""End to end in a real terminal (tmux): add a claim, set a stance, undo, save, quit, check the file."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arguments.storage import read_debate
from seeds import seed_path
from tests.conftest import require_tool

TIMEOUT = 40.0


class Terminal:
    """A private tmux server running one command; poll the screen, type keys."""

    def __init__(self, tmux: str, cwd: Path, command: str, size: tuple[int, int] = (120, 40)) -> None:
        # a socket name no other xdist worker or checkout on this machine can pick (id() alone
        # repeats across processes, and tmux's sockets are per user, not per checkout)
        self.base = [tmux, "-L", f"e2e_{os.getpid()}_{secrets.token_hex(6)}", "-f", "/dev/null"]
        self.cwd = cwd
        subprocess.run(
            [
                *self.base,
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                "-c",
                str(cwd),
                "-e",
                "TERM=xterm-256color",
                "-e",
                "LANG=C.UTF-8",
                command,
            ],
            check=True,
        )

    def screen(self) -> str:
        done = subprocess.run([*self.base, "capture-pane", "-p", "-t", "e2e"], capture_output=True, text=True)
        return done.stdout

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.fixture
def work_copy(tmp_path: Path) -> Path:
    target = tmp_path / "work.toml"
    shutil.copyfile(seed_path(), target)
    return target


def test_add_stance_undo_save_quit(work_copy: Path) -> None:
    tmux = require_tool("tmux")
    before = read_debate(work_copy)
    first_stakeholder = before.stakeholders[0].id
    rc_file = work_copy.parent / "rc.txt"
    command = f"{sys.executable} -m tui {work_copy.name}; echo $? > {rc_file.name}"
    term = Terminal(tmux, work_copy.parent, command)
    try:
        term.wait_for("Pro")  # the footer: the app is up
        term.keys("+")
        term.wait_for("Supporting claim under")
        term.keys("Mayors need their own revenue", literal=True)
        term.keys("Enter")
        term.wait_for("Mayors need their own revenue")
        term.keys("s")
        term.wait_for("Stances on:")
        term.keys("3")  # first stakeholder: +3
        term.keys("Down", "Up")  # away and back: a new change, not a further step of this one
        term.keys("n")  # then -3 ...
        term.wait_for("-3")
        term.keys("C-z")  # ... undone: back to +3
        term.wait_for("Undone")
        term.keys("Escape")
        term.wait_for("unsaved")
        term.keys("C-s")
        term.wait_for("Saved")
        term.keys("C-q")
        deadline = time.monotonic() + TIMEOUT
        while not rc_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert rc_file.read_text().strip() == "0"
    finally:
        term.close()

    after = read_debate(work_copy)
    new = [c for c in after.claims if c.text == "Mayors need their own revenue"]
    assert len(new) == 1 and new[0].parent == "motion" and new[0].relation == "supports"
    stances = [s for s in after.stances if s.claim == new[0].id]
    assert [(s.stakeholder, s.position) for s in stances] == [(first_stakeholder, 3)]
    changes = after.stance_changes[len(before.stance_changes) :]
    assert [(c.stakeholder, c.claim, c.from_, c.to) for c in changes] == [(first_stakeholder, new[0].id, None, 3)]
    assert len(after.claims) == len(before.claims) + 1


def test_killed_with_unsaved_edits_then_reopened_offers_them_back(work_copy: Path) -> None:
    import os
    import signal

    from arguments.recovery import copies_beside

    tmux = require_tool("tmux")
    before = read_debate(work_copy)
    term = Terminal(tmux, work_copy.parent, f"exec {sys.executable} -m tui {work_copy.name}")
    try:
        term.wait_for("Pro")
        term.keys("-")
        term.wait_for("Opposing claim under")
        term.keys("Nobody asked the provinces", literal=True)
        term.keys("Enter")
        term.wait_for("unsaved")
        deadline = time.monotonic() + TIMEOUT
        while not copies_beside(work_copy) and time.monotonic() < deadline:
            time.sleep(0.2)  # the autosave runs every few seconds
        assert copies_beside(work_copy)
        pid = int(
            subprocess.run(
                [*term.base, "list-panes", "-F", "#{pane_pid}"], capture_output=True, text=True
            ).stdout.split()[0]
        )
        os.kill(pid, signal.SIGKILL)
    finally:
        term.close()
    assert read_debate(work_copy) == before  # the user's file was never written

    rc_file = work_copy.parent / "rc.txt"
    term = Terminal(tmux, work_copy.parent, f"{sys.executable} -m tui {work_copy.name}; echo $? > {rc_file.name}")
    try:
        term.wait_for("Unsaved edits from an earlier session")
        term.keys("r")
        term.wait_for("Nobody asked the provinces")
        term.keys("C-s")
        term.wait_for("Saved")
        term.keys("C-q")
        deadline = time.monotonic() + TIMEOUT
        while not rc_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert rc_file.read_text().strip() == "0"
    finally:
        term.close()
    after = read_debate(work_copy)
    assert [c.text for c in after.claims if c not in before.claims] == ["Nobody asked the provinces"]
    assert copies_beside(work_copy) == []
