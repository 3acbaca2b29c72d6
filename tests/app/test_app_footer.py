"""The footer keeps its keys across a dialog and rebuilds them only when they change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.conftest import press
from tui.app import DebateApp
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen


def footer_keys(app: DebateApp) -> list[FooterKey]:
    return list(app.main.query(FooterKey))


async def test_closing_a_dialog_keeps_the_same_footer_keys(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        before = footer_keys(app)
        assert "add_supporting_claim" in [key.action for key in before]
        await press(pilot, "plus")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert [id(key) for key in footer_keys(app)] == [id(key) for key in before]


async def test_the_footer_follows_keys_that_change(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "add_supporting_claim" in [key.action for key in footer_keys(app)]
        app.read_only = True  # the edit keys are refused, so they leave the footer
        app.main.refresh_bindings()
        await pilot.pause()
        shown = [key.action for key in footer_keys(app)]
        assert shown and "add_supporting_claim" not in shown
