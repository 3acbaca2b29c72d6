"""Issue 13 in a real terminal (tmux), each at the size the facilitator saw it."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from arguments.storage import read_debate
from seeds import seed_path
from tests.conftest import require_tool
from tests.e2e.test_e2e_tmux import TIMEOUT, Terminal


@pytest.fixture
def work_copy(tmp_path: Path) -> Path:
    target = tmp_path / "work.toml"
    shutil.copyfile(seed_path(), target)
    return target


def open_app(work_copy: Path, size: tuple[int, int], *args: str) -> Terminal:
    rc_file = work_copy.parent / "rc.txt"
    command = f"{sys.executable} -m tui {' '.join(args)} {work_copy.name}; echo $? > {rc_file.name}"
    return Terminal(require_tool("tmux"), work_copy.parent, command, size=size)


def save_and_quit(term: Terminal, work_copy: Path) -> None:
    term.keys("C-s")
    term.wait_for("Saved")
    term.keys("C-q")
    rc_file = work_copy.parent / "rc.txt"
    deadline = time.monotonic() + TIMEOUT
    while not rc_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert rc_file.read_text().strip() == "0"


def wait_until(term: Terminal, test) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        shown = term.screen()
        if test(shown):
            return shown
        time.sleep(0.2)
    raise AssertionError(f"the screen never matched; it shows:\n{term.screen()}")


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_presenter_chooses_a_stakeholder_below_the_fold(work_copy: Path, size: tuple[int, int]) -> None:
    before = read_debate(work_copy)
    sixth = before.stakeholders[5]
    motion = before.claims[0].id
    was = next((s.position for s in before.stances if s.stakeholder == sixth.id and s.claim == motion), 0)
    term = open_app(work_copy, size, "present")
    try:
        term.wait_for("Reveal")
        term.keys("v")
        for _ in range(5):
            term.keys("Down")
        shown = wait_until(term, lambda s: any("▶" in line and sixth.label[:12] in line for line in s.splitlines()))
        assert shown.count("▶") == 1
        term.keys("-")
        term.wait_for("unsaved")
        save_and_quit(term, work_copy)
    finally:
        term.close()
    after = read_debate(work_copy)
    changed = {(s.stakeholder, s.position) for s in after.stances if s.claim == motion} - {
        (s.stakeholder, s.position) for s in before.stances if s.claim == motion
    }
    assert changed == {(sixth.id, was - 1)}


def test_evidence_form_starts_in_the_description(work_copy: Path) -> None:
    before = read_debate(work_copy)
    motion = before.claims[0].id
    term = open_app(work_copy, (80, 24))
    try:
        term.wait_for("Pro")
        term.keys("v")
        term.wait_for("New evidence on:")
        term.keys("Survey of 300 mayors", literal=True)
        term.keys("Enter")
        term.wait_for("unsaved")
        save_and_quit(term, work_copy)
    finally:
        term.close()
    added = [e for e in read_debate(work_copy).evidence if e not in before.evidence]
    assert [(e.claim, e.text) for e in added] == [(motion, "Survey of 300 mayors")]


def test_ctrl_c_says_how_to_quit_in_plain_words(work_copy: Path) -> None:
    term = open_app(work_copy, (80, 24))
    try:
        term.wait_for("Pro")
        term.keys("C-c")
        shown = term.wait_for("to quit the app")
        assert "Press ctrl+q to quit the app" in shown and "[b]" not in shown
    finally:
        term.close()


def test_j_and_k_move_in_the_stakeholders_list(work_copy: Path) -> None:
    third = read_debate(work_copy).stakeholders[2]
    term = open_app(work_copy, (100, 30))
    try:
        term.wait_for("Pro")
        term.keys("w")
        term.wait_for("Pow  Int")
        term.keys("j", "j", "j", "k", "e")
        term.wait_for(third.name)  # the edit form of the third stakeholder
    finally:
        term.close()


def test_help_shows_keys_not_key_names(work_copy: Path) -> None:
    term = open_app(work_copy, (100, 30))
    try:
        term.wait_for("Pro")
        term.keys("?")
        term.wait_for("debatemap keys")

        def paged_to_presenter_keys(screen: str) -> bool:
            if "Next branch" in screen:
                return True
            term.keys("PageDown")  # the list grows with every screen's keys: page until it shows
            return False

        shown = wait_until(term, paged_to_presenter_keys)
        assert "square_bracket" not in shown
        assert any(line.split()[:3] == ["]", "Next", "branch"] for line in shown.splitlines())
    finally:
        term.close()


def test_note_refuses_at_once_when_nothing_moved(work_copy: Path) -> None:
    term = open_app(work_copy, (80, 24))
    try:
        term.wait_for("Pro")
        term.keys("P")
        term.wait_for("Reveal")
        term.keys("N")
        term.wait_for("no stance change")
        assert "What moved" not in term.screen()
    finally:
        term.close()


def test_wide_tree_shows_the_whole_selected_claim(work_copy: Path) -> None:
    debate = read_debate(work_copy)
    third = [c for c in debate.claims if c.parent == debate.claims[0].id][2]
    term = open_app(work_copy, (80, 24))
    try:
        term.wait_for("Pro")
        term.keys("Down", "Down", "Down")
        term.keys("z")
        shown = wait_until(term, lambda s: third.text.split()[-1] in s)
        words = " ".join(shown.split())
        assert third.text in words  # every word, in order, though the tree line is cut
    finally:
        term.close()


def test_matrix_keeps_the_claim_column_while_scrolling_right(work_copy: Path) -> None:
    debate = read_debate(work_copy)
    last = debate.stakeholders[-1]
    term = open_app(work_copy, (100, 30))
    try:
        term.wait_for("Pro")
        term.keys("m")
        term.wait_for("Claim")
        for _ in range(len(debate.stakeholders)):
            term.keys("Right")
        shown = wait_until(term, lambda s: last.label[:8] in s)
        assert "Peru should decentralize" in shown
    finally:
        term.close()
