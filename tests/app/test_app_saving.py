"""Saving from the app: conflicts, failures, autosave and recovery, the bundled debate."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import seeds
from arguments.model import Claim, Debate
from arguments.operations import edit_claim
from arguments.storage import dumps_debate, read_debate
from arguments.workfile import WorkFile
from tests.conftest import ROOT, SMALL_DEBATE, press
from tui.app import DebateApp
from tui.screens.choice import ChoiceScreen
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen

SIZE = (100, 32)


async def edit_something(pilot) -> None:  # noqa: ANN001
    await press(pilot, "plus", *"New point", "enter")


async def test_changed_on_disk_then_overwrite(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        small_debate_file.write_text(SMALL_DEBATE.replace("Small debate", "Their title"), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert read_debate(small_debate_file).title == "Their title"  # nothing overwritten silently
        assert app.history.dirty
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert read_debate(small_debate_file) == app.debate and not app.history.dirty


async def test_changed_on_disk_then_reload_keeps_my_edits_undoable(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        mine = app.debate.model_copy(deep=True)
        small_debate_file.write_text(SMALL_DEBATE.replace("Small debate", "Their title"), encoding="utf-8")
        await pilot.press("ctrl+s", "r")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert app.debate == read_debate(small_debate_file) and not app.history.dirty
        assert app.main.argument_tree.root.label.plain == "Their title"
        await press(pilot, "ctrl+z")
        assert app.debate == mine and app.history.dirty


async def test_changed_on_disk_then_save_as(small_debate_file: Path, tmp_path: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        small_debate_file.write_text(SMALL_DEBATE.replace("Small debate", "Their title"), encoding="utf-8")
        await pilot.press("ctrl+s", "a")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-path").value = str(small_debate_file)  # type: ignore[attr-defined]
        app.screen.action_submit()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # refuses to overwrite an existing file
        assert "exists" in str(app.screen.query_one("#form-error").render())
        mine = tmp_path / "mine.toml"
        app.screen.query_one("#field-path").value = str(mine)  # type: ignore[attr-defined]
        app.screen.action_submit()
        await pilot.pause()
        assert read_debate(mine) == app.debate and not app.history.dirty
        assert app.workfile.path == mine
        assert read_debate(small_debate_file).title == "Their title"


async def test_a_failed_save_keeps_the_edits_and_says_why(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = small_debate_file.read_bytes()

    def full_disk(self: WorkFile, debate: object, force: bool = False) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WorkFile, "save", full_disk)
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await edit_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert app.is_running and app.history.dirty
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m and "edits are kept" in m for m in messages)
    assert small_debate_file.read_bytes() == original


async def test_autosave_writes_recovery_and_the_next_open_offers_it(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        app.autosave_now()
        await app.workers.wait_for_complete()
        edited = app.debate.model_copy(deep=True)
    assert WorkFile(small_debate_file).recovery() == edited
    assert read_debate(small_debate_file) != edited  # the user's file is not touched

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "claims new-point: added" in app.screen.message.plain  # says what differs
        await press(pilot, "r")
        assert app.debate == edited and app.history.dirty
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
    assert read_debate(small_debate_file) == edited
    assert WorkFile(small_debate_file).recovery() is None  # a good save removes it


async def test_discarding_recovery_removes_it(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    recovered = read_debate(small_debate_file)
    recovered.title = "Recovered"
    work.write_recovery(recovered)
    work.close()  # the instance that wrote it is gone
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "d")
        assert isinstance(app.screen, MainScreen)
        assert app.debate.title == "Small debate" and not app.history.dirty
    assert work.recovery() is None


async def test_bundled_debate_saves_a_working_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    seed = bundle / "bridge.toml"
    seed.write_text(SMALL_DEBATE, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(seeds, "SEEDS_DIR", bundle)
    monkeypatch.chdir(work)
    app = DebateApp(seed, autosave=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await edit_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert not app.history.dirty
        assert any(str(work / "bridge.toml") in n.message for n in app._notifications)
    assert read_debate(work / "bridge.toml") == app.debate
    assert seed.read_text(encoding="utf-8") == SMALL_DEBATE


async def test_saving_twice_gives_the_same_bytes(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        first = small_debate_file.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert small_debate_file.read_bytes() == first == dumps_debate(app.debate).encode("utf-8")


async def test_the_autosave_timer_writes_recovery_while_dirty(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DebateApp, "AUTOSAVE_SECONDS", 0.05)
    app = DebateApp(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        work = app.workfile
        for _ in range(20):
            await pilot.pause(0.05)
        assert work.recovery() is None  # nothing unsaved: nothing written
        await edit_something(pilot)
        for _ in range(200):  # poll: the timer runs in the app's own time
            await pilot.pause(0.05)
            if work.recovery() == app.debate:
                break
        assert work.recovery() == app.debate
        await pilot.press("ctrl+z")  # back to the file: the recovery copy goes
        for _ in range(200):
            await pilot.pause(0.05)
            if work.recovery() is None:
                break
        assert work.recovery() is None
        await pilot.press("ctrl+y")
        for _ in range(200):
            await pilot.pause(0.05)
            if work.recovery() == app.debate:
                break
        assert work.recovery() == app.debate
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert work.recovery() is None


async def test_changed_on_disk_then_merge_keeps_both_sides(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)  # ours: a new claim
        small_debate_file.write_text(SMALL_DEBATE.replace("Small debate", "Their title"), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        await press(pilot, "m")
        assert app.debate.title == "Their title" and "new-point" in [c.id for c in app.debate.claims]
        assert app.history.dirty
        await pilot.press("ctrl+s")  # no conflict now: we build on their version
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and not app.history.dirty
        saved = read_debate(small_debate_file)
        assert saved == app.debate and saved.title == "Their title"
        await pilot.press("ctrl+z")  # the merge itself is undoable
        await pilot.pause()
        assert app.debate.title == "Small debate"


async def test_a_conflicting_merge_changes_nothing(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.edit(lambda: edit_claim(app.debate, "cost", text="Ours"))
        await pilot.pause()
        mine = app.debate.model_copy(deep=True)
        theirs_text = SMALL_DEBATE.replace("The bridge costs too much.", "Theirs")
        small_debate_file.write_text(theirs_text, encoding="utf-8")
        await pilot.press("ctrl+s", "m")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert app.debate == mine and app.history.dirty
        assert any("conflict" in n.message for n in app._notifications)
        assert small_debate_file.read_text(encoding="utf-8") == theirs_text
        await pilot.press("ctrl+s")  # still protected: asks again
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)


async def test_the_ui_stays_live_while_saving_and_later_edits_stay_unsaved(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    release = threading.Event()
    real_save = WorkFile.save

    def slow_save(self: WorkFile, debate: object, force: bool = False) -> None:
        assert release.wait(30), "the test never released the save"
        real_save(self, debate, force=force)  # type: ignore[arg-type]

    monkeypatch.setattr(WorkFile, "save", slow_save)
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        saved = app.debate.model_copy(deep=True)
        await press(pilot, "ctrl+s")
        # The write is held in its thread; the app still takes edits meanwhile.
        await press(pilot, "t")
        assert by_id(app.debate, "new-point").kind == "question"
        assert app.history.dirty
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.history.dirty  # the kind change came after the snapshot
        assert read_debate(small_debate_file) == saved
        await press(pilot, "ctrl+z")
        assert not app.history.dirty  # back to exactly what was saved


def by_id(debate: Debate, claim_id: str) -> Claim:
    return next(c for c in debate.claims if c.id == claim_id)


async def test_saving_and_autosave_never_repr_the_debate(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's default description is the repr of its arguments: for a big debate that
    alone held the UI for a third of a second."""
    calls: list[str] = []
    monkeypatch.setattr(Debate, "__repr__", lambda self: calls.append("repr") or "Debate(...)")
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        app.autosave_now()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.history.dirty
    assert calls == []


LIVE_INSTANCE = """
import sys, time
from arguments.model import Claim
from arguments.workfile import WorkFile
work = WorkFile(sys.argv[1])
debate = work.load()
claim = Claim(id="late-idea", text="Added in the other window", parent="motion", relation="opposes")
work.write_recovery(debate.model_copy(update={"claims": [*debate.claims, claim]}))
print("ready", flush=True)
time.sleep(120)
"""


async def test_another_instance_s_live_recovery_copy_is_left_alone_until_it_dies(small_debate_file: Path) -> None:
    """Instance A (another process) has unsaved edits in its recovery copy. Instance B on
    the same file is not offered them and cannot discard them; once A is killed, the
    next open offers them."""
    import os
    import signal
    import subprocess
    import sys

    from arguments.recovery import copies_beside
    from arguments.workfile import FoundCopy

    root = ROOT
    other = subprocess.Popen(
        [sys.executable, "-c", LIVE_INSTANCE, str(small_debate_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert other.stdout.readline().strip() == "ready", other.stderr.read()
        [theirs] = copies_beside(small_debate_file)
        app = DebateApp(small_debate_file, autosave=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)  # not offered
            assert app.workfile.recovery() is None
            await edit_something(pilot)
            app.autosave_now()
            await app.workers.wait_for_complete()
            assert sorted(copies_beside(small_debate_file)) == sorted([theirs, app.workfile.recovery_path])
            assert not app.workfile.discard_found(FoundCopy(theirs, app.debate))
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("q")  # quit without saving: only its own copy goes
            await pilot.pause()
        assert copies_beside(small_debate_file) == [theirs]
        assert "late-idea" in theirs.read_text(encoding="utf-8")
    finally:
        other.send_signal(signal.SIGKILL)
        other.communicate()

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "claims late-idea: added" in app.screen.message.plain
        await press(pilot, "r")
        assert "late-idea" in [c.id for c in app.debate.claims] and app.history.dirty
        assert app.workfile.recovery_path == theirs  # now this instance's, until saved
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "late-idea" in [c.id for c in read_debate(small_debate_file).claims]
    assert copies_beside(small_debate_file) == []
    assert sorted(p.name for p in small_debate_file.parent.iterdir()) == [".small.toml.bak", "small.toml"]


async def test_a_conflict_found_by_the_save_worker_opens_the_dialog_and_keeps_the_edits(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another instance saves after our ctrl+s but before our write: the worker finds it
    at the replace, under the lock, and brings the conflict dialog back to the UI thread."""
    other = WorkFile(small_debate_file)
    theirs = other.load().model_copy(update={"title": "Their title"})
    real_save = WorkFile.save
    raced: list[bool] = []

    def they_save_first(self: WorkFile, debate: Debate, force: bool = False) -> None:
        if self is not other and not raced:
            raced.append(True)
            other.save(theirs)
        real_save(self, debate, force=force)

    monkeypatch.setattr(WorkFile, "save", they_save_first)
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert raced
        assert isinstance(app.screen, ChoiceScreen)
        assert "changed on disk" in app.screen.message.plain
        assert app.history.dirty
        assert read_debate(small_debate_file).title == "Their title"
        await press(pilot, "m")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and not app.history.dirty
        saved = read_debate(small_debate_file)
        assert saved.title == "Their title" and "new-point" in [c.id for c in saved.claims]


async def test_save_as_takes_the_recovery_copy_along(small_debate_file: Path, tmp_path: Path) -> None:
    """After save-as the edits are safe in the new file: the old file's next open offers nothing."""
    from arguments.recovery import copies_beside

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await edit_something(pilot)
        app.autosave_now()
        await app.workers.wait_for_complete()
        assert copies_beside(small_debate_file)
        app.action_save_as()
        await pilot.pause()
        app.screen.query_one("#field-path").value = str(tmp_path / "mine.toml")  # type: ignore[attr-defined]
        app.screen.action_submit()  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.workfile.path == tmp_path / "mine.toml" and not app.history.dirty
    assert copies_beside(small_debate_file) == []
