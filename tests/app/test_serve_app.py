"""The app as `debatemap serve` runs it for a browser (`open --served`): nothing typed in the
browser names a path on the serving machine. Exports are downloads, save-as is not offered
(keys, palette, conflict dialog), and no form asks for a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from arguments.storage import read_debate
from tests.conftest import ROOT, SMALL_DEBATE, press
from tui.app import DebateApp
from tui.screens.choice import ChoiceScreen
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen

SIZE = (100, 32)


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


async def test_a_served_export_is_a_download_and_writes_no_file(small_debate_file: Path, monkeypatch) -> None:
    from export import render

    monkeypatch.chdir(small_debate_file.parent)
    before = files_under(small_debate_file.parent)
    delivered: list[tuple[str, dict]] = []
    app = DebateApp(small_debate_file, autosave=False, served=True)
    monkeypatch.setattr(app, "deliver_text", lambda file, **options: delivered.append((file.read(), options)))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        assert isinstance(app.screen, FormScreen)
        assert list(app.screen.query(Input)) == []  # no field for a path, or any text
        app.screen.query_one("#field-format").value = "json"  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.action_submit()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert len(delivered) == 1
    text, options = delivered[0]
    assert text == render("json", read_debate(small_debate_file))
    assert options["save_filename"] == "small.json" and options["mime_type"] == "application/json"
    assert files_under(small_debate_file.parent) == before


async def test_the_local_app_still_exports_to_a_path(small_debate_file: Path, monkeypatch) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    monkeypatch.setattr(app, "deliver_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("no download")))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        assert app.screen.query_one("#field-path")
        await press(pilot, "enter")
    assert small_debate_file.with_suffix(".md").exists()


async def palette_names(app: DebateApp, query: str) -> set[str]:
    from tui.palette import DebateCommands

    provider = DebateCommands(app.screen)
    found = {name for name, _callback, _help in provider._actions()}
    found |= {str(hit.text) async for hit in provider.search(query)}
    return found


async def test_save_as_is_not_offered_in_a_served_view(small_debate_file: Path) -> None:
    for served in (False, True):
        app = DebateApp(small_debate_file, autosave=False, served=served)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            names = await palette_names(app, "save as")
            assert ("Save as…" in names) == (not served)
            assert "Save" in names  # the served file itself can still be saved
            if served:
                app.action_save_as()  # any other route: refused, no form
                await pilot.pause()
                assert isinstance(app.screen, MainScreen)


async def test_a_served_conflict_dialog_offers_no_save_as(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, served=True)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "plus", *"New point", "enter")
        small_debate_file.write_text(SMALL_DEBATE.replace("Small debate", "Their title"), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [answer for answer, _label, _key in app.screen.choices] == ["merge", "overwrite", "reload", "cancel"]
        await press(pilot, "a")
        assert not isinstance(app.screen, FormScreen)


async def test_a_served_source_form_asks_for_no_file(small_debate_file: Path) -> None:
    from tui.screens.evidence import source_form

    for served in (False, True):
        app = DebateApp(small_debate_file, autosave=False, served=served)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            form = source_form(app, None)
            assert ("file" in [field.name for field in form.fields]) == (not served)
            values = {field.name: field.value for field in form.fields} | {"citation": "A report"}
            assert form.submit_values(values) is None  # adding still works without the field
            assert app.debate.sources[-1].citation == "A report" and app.debate.sources[-1].file is None


def test_served_is_a_hidden_option_of_open() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "tui", "open", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert shown.returncode == 0 and "--read-only" in shown.stdout and "--served" not in shown.stdout


async def test_a_served_view_cannot_open_the_room(small_debate_file: Path) -> None:
    """The room listens on a port: a browser's keys must never open one on this machine."""
    for served in (False, True):
        app = DebateApp(small_debate_file, autosave=False, served=served)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await press(pilot, "R")
            assert (app.room is not None) == (not served)
            if app.room is not None:
                await pilot.press("R")  # close it again: the port must not outlive the test
                await pilot.pause()
