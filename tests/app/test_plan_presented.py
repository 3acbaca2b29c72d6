"""What moved whom, without typing it: presenter mode records the slide with each stance change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from arguments import operations as ops
from arguments.storage import dumps_debate, parse_debate, read_debate
from export import ExportOptions, render
from tests.conftest import press
from tui.app import DebateApp
from tui.cli import cli


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


async def test_a_stance_moved_in_presenter_mode_records_the_slide_and_its_evidence(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("right")  # the traffic slide, with its evidence ev-count
        assert app.screen.claim_id == "traffic"  # type: ignore[attr-defined]
        await press(pilot, "plus")
        change = app.debate.stance_changes[-1]
        assert (change.stakeholder, change.claim, change.presented, change.evidence_shown) == (
            "council",
            "traffic",
            "traffic",
            ["ev-count"],
        )
        # saved and read back: the fields are part of the file format
        again = parse_debate(dumps_debate(app.debate))
        assert again.stance_changes[-1].presented == "traffic"


def test_stance_changes_outside_presenter_mode_record_no_slide(small_debate_file: Path) -> None:
    debate = read_debate(small_debate_file)
    ops.set_stance(debate, "shops", "motion", 1).apply(debate)
    assert debate.stance_changes[-1].presented is None and debate.stance_changes[-1].evidence_shown == []
    assert "presented" not in dumps_debate(debate)


def _moved(small_debate_file: Path) -> Path:
    text = (
        small_debate_file.read_text(encoding="utf-8")
        + """
[[stance_changes]]
at = "2026-11-26T10:15"
stakeholder = "shops"
claim = "motion"
from = -1
to = 0
presented = "traffic"
evidence_shown = ["ev-count"]
"""
    )
    small_debate_file.write_text(text, encoding="utf-8")
    return small_debate_file


def test_shifts_and_the_handout_say_what_moved_whom(small_debate_file: Path) -> None:
    path = _moved(small_debate_file)
    data = json.loads(CliRunner().invoke(cli, ["shifts", str(path), "--json"], catch_exceptions=False).output)
    assert data[0]["presented"] == ["traffic"]
    assert "moved after the discussion of traffic" in data[0]["summary"]
    table = CliRunner().invoke(cli, ["shifts", str(path)], catch_exceptions=False).output
    assert "discussion" in table  # in the Why column, wrapped
    handout = render("markdown", read_debate(path), ExportOptions(shifts=True))
    shifts = handout[handout.index("## Stance shifts") :]
    line = next(x for x in shifts.splitlines() if x.startswith("- **"))
    assert "moved after the discussion of *The bridge cuts traffic" in line


def test_plan_counts_the_people_a_claim_moved(small_debate_file: Path) -> None:
    from arguments.analysis.leverage import moved_by, polarity
    from arguments.analysis.strength import StrengthModel

    debate = read_debate(_moved(small_debate_file))
    assert moved_by(debate, polarity(StrengthModel(debate), "motion")) == {"traffic": 1}


def test_diff_and_merge_carry_changes_with_the_evidence_shown(small_debate_file: Path) -> None:
    from arguments.diff import diff_debates
    from arguments.merge import merge_debates, merge_text

    base = read_debate(small_debate_file)
    theirs = read_debate(_moved(small_debate_file))
    assert diff_debates(base, theirs).history_added[0]["evidence_shown"] == ["ev-count"]
    merged = parse_debate(merge_text(merge_debates(base, base, theirs)))
    assert merged.stance_changes[-1].evidence_shown == ["ev-count"]
