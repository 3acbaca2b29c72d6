"""`debatemap analyze` as a user runs it: JSON keyed by ids, Rich output, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from arguments.storage import read_debate
from tui.cli import cli

SCENARIO = """
[[scenarios]]
id = "shops-come-round"
name = "The shops come round"
positions = [{ stakeholder = "shops", claim = "motion", position = 2 }]
powers = [{ stakeholder = "council", power = 2 }]
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args], catch_exceptions=False)


def test_json_is_keyed_by_claim_and_stakeholder_ids(small_debate_file):
    result = run(str(small_debate_file), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    debate = read_debate(small_debate_file)
    claims = [c.id for c in debate.claims]
    assert list(data["feasibility"]) == claims
    assert list(data["strength"]["claims"]) == claims
    assert data["feasibility"]["motion"]["support"] == 4 * 2 and data["feasibility"]["motion"]["opposition"] == 2 * 1
    assert data["position_map"]["columns"]["2"] == ["council"] and data["position_map"]["columns"]["-1"] == ["shops"]
    assert data["coalitions"]["congruence"]["council"]["shops"]["congruence"] == -1.0
    assert set(data["strength"]["focus_by_stakeholder"]) == {"council", "shops"}
    # σ(cost) = .5 − .5·.5 = .25 (rebutted by grants); σ(traffic) = 5/6 (one r4 item);
    # σ(motion) = .5 + .5·(5/6 − .25) = .79167
    assert data["strength"]["claims"]["motion"]["score"] == pytest.approx(0.7917, abs=1e-4)
    assert "perspective" not in data and "what_if" not in data


def test_json_with_a_stakeholder_claim_and_scenario(small_debate_file):
    small_debate_file.write_text(small_debate_file.read_text() + SCENARIO)
    result = run(
        str(small_debate_file), "--json", "--stakeholder", "shops", "--claim", "cost", "--scenario", "shops-come-round"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["focus"] == "cost" and data["position_map"]["claim"] == "cost"
    assert data["perspective"]["stakeholder"] == "shops"
    assert data["perspective"]["opposes"] == {"motion": -1}
    what_if = data["what_if"]
    assert what_if["scenario"] == "shops-come-round"
    assert what_if["before"]["feasibility"]["motion"]["support"] == 8
    assert what_if["after"]["feasibility"]["motion"]["support"] == 2 * 2 + 2 * 2  # council at power 2, shops at +2
    assert what_if["after"]["feasibility"]["motion"]["opposition"] == 0


@pytest.mark.parametrize(
    ("option", "value", "what"),
    [("--claim", "nowhere", "claim"), ("--stakeholder", "nobody", "stakeholder"), ("--scenario", "never", "scenario")],
)
def test_unknown_ids_exit_1_with_a_one_line_message(small_debate_file, option, value, what):
    result = CliRunner().invoke(cli, ["analyze", str(small_debate_file), option, value])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(str(small_debate_file)) and f'no {what} with id "{value}"' in lines[0]


def test_a_broken_file_exits_1_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[[claims]]\nid = "m"\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "analyze", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "claims[0].text" in proc.stderr


def test_rich_output_shows_hostile_text_literally(small_debate_file):
    text = small_debate_file.read_text()
    text = text.replace('name = "Town council"', 'name = "[bold]Council[/] \\u001b[2J"')
    text = text.replace('"The town should build the bridge."', '"[@click=app.quit]Build[/] the bridge"')
    small_debate_file.write_text(text)
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "analyze", str(small_debate_file)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout  # not a terminal: no styling, and the file's ESC is made visible
    assert "[bold]Council[/] \\x1b[2J" in proc.stdout
    assert "[@click=app.quit]Build[/] the bridge" in proc.stdout
    for title in ("Position map", "Feasibility", "Power-interest grid", "Coalitions", "Argument strength", "Gaps"):
        assert title in proc.stdout
