"""Snapshots of the analysis screen: the position map it opens on, and a perspective."""

from __future__ import annotations

from arguments.storage import parse_debate
from tests.app.test_analysis_screen import Host
from tests.conftest import SMALL_DEBATE


def test_analysis_screen_position_map(snap_compare):
    assert snap_compare(Host(parse_debate(SMALL_DEBATE)), terminal_size=(100, 32))


def test_analysis_screen_perspective(snap_compare):
    async def open_perspective(pilot) -> None:  # noqa: ANN001
        pilot.app.screen.query_one("#analysis-tabs").active = "tab-perspective"
        await pilot.pause()

    app = Host(parse_debate(SMALL_DEBATE), stakeholder="shops")
    assert snap_compare(app, terminal_size=(100, 32), run_before=open_perspective)
