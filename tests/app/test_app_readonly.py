"""A read-only view (for an audience): every edit, undo, save and export is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import press
from tui.app import DebateApp
from tui.screens.main import MainScreen

SIZE = (100, 32)


async def test_read_only_view_refuses_every_change(small_debate_file: Path, tmp_path: Path) -> None:
    original = small_debate_file.read_bytes()
    app = DebateApp(small_debate_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.debate.model_copy(deep=True)
        keys = [
            "plus",
            *"x",
            "enter",
            "minus",
            "e",
            "d",
            "y",
            "t",
            "f",
            "K",
            "greater_than_sign",
            "v",
            "q",
            "T",
            "s",
            "3",
            "plus",
            "delete",
            "escape",
            "m",
            "right",
            "2",
            "n",
            "escape",
            "w",
            "a",
            "d",
            "e",
            "enter",
            "escape",
            "V",
            "a",
            "d",
            "escape",
            "P",
            "down",
            "3",
            "escape",
            "Q",
            "c",
            "escape",
            "ctrl+z",
            "ctrl+y",
            "ctrl+s",
            "ctrl+e",
        ]
        for key in keys:
            await press(pilot, key)
        while not isinstance(app.screen, MainScreen):
            await press(pilot, "escape")
        assert app.debate == start and not app.history.dirty and app.history.undo_stack == []
        assert isinstance(app.screen, MainScreen)
        app.save()  # even called directly
        await pilot.press("ctrl+q")  # nothing unsaved: no question
        await pilot.pause()
    assert small_debate_file.read_bytes() == original
    assert not app.workfile.recovery_path.exists()
    assert list(tmp_path.glob("*.md")) == []


async def test_read_only_still_navigates_and_searches(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "asterisk", "slash", *"grants", "enter")
        await pilot.pause()
        assert app.main.claim_id == "grants"
        await press(pilot, "m")
        assert app.screen.__class__.__name__ == "MatrixScreen"


async def test_read_only_palette_offers_no_edits(small_debate_file: Path) -> None:
    from tui.palette import DebateCommands

    for read_only in (False, True):
        app = DebateApp(small_debate_file, read_only=read_only, autosave=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            provider = DebateCommands(app.screen)
            names = {name for name, _callback, _help in provider._actions()}
            assert ("Pro" in names, "Save" in names) == (not read_only, not read_only)
            assert "Search" in names and "Expand all" in names
