"""`debatemap diff` and `show` speak to people: names not ids, signed positions, nothing cut."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from arguments.model import Claim
from arguments.storage import read_debate, write_debate
from seeds import seed_path
from tests.conftest import ROOT

LONG = " And a great deal more is said here, so much that the line runs past two hundred characters, which the diff used to cut with a marker instead of wrapping it onto the next lines of the terminal."


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    debate = read_debate(seed_path())
    stance = next(s for s in debate.stances if s.stakeholder == "executive" and s.claim == "motion")
    stance.position = 1
    debate.claims[1].text += LONG
    debate.claims.append(Claim(id="new-one", text="A new objection.", parent="motion", relation="opposes"))
    path = tmp_path / "after.toml"
    write_debate(debate, path)
    return path


@pytest.mark.parametrize("fmt", ["rich", "markdown"])
def test_diff_names_stakeholders_and_claims_signs_positions_and_cuts_nothing(changed: Path, fmt: str) -> None:
    done = run("diff", str(seed_path()), str(changed), "--format", fmt)
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "Executive on the motion" in flat and "executive/motion" not in flat
    assert "-2 → +1" in flat
    assert "“A new objection.”" in flat and "new-one" not in flat
    assert "[cut]" not in flat and "…" not in flat
    words = set(flat.replace("{+", " ").replace("+}", " ").replace("**", " ").split())
    assert set(LONG.split()) <= words


def test_show_signs_every_position() -> None:
    done = run("show", str(seed_path()))
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "Congress (-2)" in flat and "AMRESAM (+3)" in flat
