"""The app does a save's slow part ahead, while the user reads, and waits while they type."""

from __future__ import annotations

from pathlib import Path

import pytest

from arguments import toml_writer
from arguments.snapshot import snapshot
from arguments.storage import dumps_debate
from benchmarks.generate import generate
from tui.app import DebateApp


@pytest.mark.parametrize("fork", [True, False])
async def test_after_opening_the_next_save_is_prepared_and_writes_only_the_edit(
    tmp_path: Path, monkeypatch, fork: bool
) -> None:
    from arguments import forked

    if not fork:  # where a child process cannot be forked, the app's thread dumps ahead
        monkeypatch.setattr(forked, "can_fork", lambda: False)
    elif not forked.can_fork():
        pytest.skip("no fork here")
    path = tmp_path / "big.toml"
    path.write_text(toml_writer.dumps(generate(500), skip_empty=True), encoding="utf-8")
    app = DebateApp(str(path), autosave=False)
    async with app.run_test() as pilot:
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        cache = app.workfile._texts
        # Every record's text is made ahead: in the child (none dumped here), or here.
        assert cache.dumped == 0 if fork else cache.dumped > 500
        cache.dumps(snapshot(app.debate))
        assert cache.dumped == 0  # nothing left to dump
        await pilot.press("j", "t")  # the kind of the first claim under the motion
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert cache.dumped == 1  # the save dumped the one record changed
        assert path.read_text(encoding="utf-8") == dumps_debate(app.debate)
        assert not app.history.dirty


async def test_a_save_waits_while_keys_arrive(tmp_path: Path, monkeypatch) -> None:
    from tui import save_ahead

    path = tmp_path / "small.toml"
    path.write_text(toml_writer.dumps(generate(50), skip_empty=True), encoding="utf-8")
    app = DebateApp(str(path), autosave=False)
    async with app.run_test() as pilot:
        await pilot.press("j")
        waits: list[float] = []
        monkeypatch.setattr(save_ahead.time, "sleep", waits.append)
        app.pause_while_typing()  # a key was just pressed: the save's worker waits
        assert waits
        waits.clear()
        app._last_key = 0.0  # no key for long
        app.pause_while_typing()
        assert waits == []


async def test_autosave_waits_for_a_gap_in_typing_but_not_for_ever(tmp_path: Path) -> None:
    import time

    from tui.save_ahead import AUTOSAVE_AT_LEAST

    path = tmp_path / "small.toml"
    path.write_text(toml_writer.dumps(generate(50), skip_empty=True), encoding="utf-8")
    app = DebateApp(str(path), autosave=False)
    async with app.run_test() as pilot:
        await pilot.press("j", "t")  # an edit, and keys just pressed
        assert app.history.dirty
        app._last_autosave = time.monotonic()  # a copy was written a moment ago
        app.autosave_now()
        await app.workers.wait_for_complete()
        assert not app.workfile.recovery_path.exists()  # in the middle of typing: later
        app._last_key = 0.0  # a gap in the typing
        app.autosave_now()
        await app.workers.wait_for_complete()
        assert app.workfile.recovery() == app.debate
        await pilot.press("t")  # typing goes on, but the copy is getting old
        app._last_autosave = time.monotonic() - AUTOSAVE_AT_LEAST - 1
        app.autosave_now()
        await app.workers.wait_for_complete()
        assert app.workfile.recovery() == app.debate
