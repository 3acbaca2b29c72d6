"""The commands that know the room: shifts and analyze report the saved polls; present
refuses bad room options with exit 1 (real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SMALL_DEBATE

POLLS = """
[[polls]]
claim = "motion"
opened = "2026-11-29T10:05:12"
closed = "2026-11-29T10:09:40"
counts = [0, 1, 2, 3, 5, 4, 1]

[[polls]]
claim = "motion"
opened = "2026-11-29T11:00:00"
counts = [5, 4, 1, 0, 0, 0, 0]
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, timeout=120)


def test_shifts_and_analyze_say_where_the_room_moved(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(SMALL_DEBATE + POLLS, encoding="utf-8")
    shifts = run("shifts", str(path))
    assert shifts.returncode == 0, shifts.stderr
    assert "Where the room moved between two showings" in shifts.stdout
    row = next(line for line in shifts.stdout.splitlines() if "The town should build" in line)
    assert "+0.8" in row and "-2.4" in row and "-3.1" in row
    analyze = run("analyze", str(path), "--json")
    room = json.loads(analyze.stdout)["room"]
    assert room["moves"][0]["shift"] == -3.15
    assert [(d["stakeholder"], d["position"]) for d in room["disagreements"]] == [("council", 2)]
    text = run("analyze", str(path))
    assert "Where the room and a stakeholder stand apart" in text.stdout


def test_present_refuses_a_bad_code_or_stakeholder(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(SMALL_DEBATE, encoding="utf-8")
    bad = run("present", str(path), "--room", "--code", "a/b")
    assert bad.returncode == 1 and "--code" in bad.stderr and "Traceback" not in bad.stderr
    bad = run("present", str(path), "--room", "--speak-for", "council,nobody")
    assert bad.returncode == 1 and "'nobody'" in bad.stderr


def test_diff_shows_changed_room_polls(tmp_path: Path) -> None:
    before, after = tmp_path / "before.toml", tmp_path / "after.toml"
    before.write_text(SMALL_DEBATE + POLLS, encoding="utf-8")
    after.write_text(SMALL_DEBATE + POLLS.replace("[5, 4, 1, 0, 0, 0, 0]", "[5, 4, 1, 0, 0, 0, 1]"), encoding="utf-8")
    shown = run("diff", str(before), str(after))
    assert shown.returncode == 0
    assert "Room polls" in shown.stdout and "counts: [5, 4, 1, 0, 0, 0, 0] → [5, 4, 1, 0, 0, 0, 1]" in shown.stdout
    report = run("diff", str(before), str(after), "--format", "markdown").stdout
    assert "## Room polls" in report and "motion@2026-11-29T11:00:00" in report
