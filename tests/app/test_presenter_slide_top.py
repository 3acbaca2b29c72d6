"""A presenter slide opens at its top, whatever stakeholder was chosen on the last one."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.containers import VerticalScroll

from seeds import seed_path
from tui.app import DebateApp
from tui.screens.presenter import PresenterScreen


def peru_copy(tmp_path: Path) -> Path:
    target = tmp_path / "peru.toml"
    shutil.copy(seed_path("decentralization-peru"), target)
    return target


async def test_a_new_slide_starts_with_the_claim_in_view_at_80x24(tmp_path: Path) -> None:
    app = DebateApp(peru_copy(tmp_path), autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        scroll = app.screen.query_one("#presenter", VerticalScroll)
        assert scroll.scroll_y == 0  # the motion, not the first stakeholder, is what shows
        await pilot.press("v", *["down"] * 8)  # choose a stakeholder far below the fold
        await pilot.pause()
        assert scroll.scroll_y > 0  # ... who is scrolled into view
        await pilot.press("right")  # the next slide
        await pilot.pause()
        await pilot.pause()
        assert scroll.scroll_y == 0
