"""Saving from the app keeps the file's `#` comments, also on the record being edited."""

from __future__ import annotations

from pathlib import Path

from arguments.storage import read_debate
from tests.app.test_app_editing import SIZE, by_id, fill, go
from tests.conftest import press
from tests.model.test_comments import COMMENT_LINES, COMMENTED
from tui.app import DebateApp


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()  # the file is written in a thread
    await pilot.pause()


async def test_saving_after_an_edit_elsewhere_keeps_every_comment(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "traffic")
        await press(pilot, "e")
        await fill(pilot, app, text="Traffic in the centre halves.")
        await save(pilot)
    text = path.read_text()
    assert by_id(read_debate(path), "traffic").text == "Traffic in the centre halves."
    assert [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")] == COMMENT_LINES
    assert 'text = "The bridge costs too much."  # 4 million\n' in text


async def test_editing_the_commented_claim_keeps_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        await press(pilot, "e")
        await fill(pilot, app, text="The bridge costs 4 million.")
        await save(pilot)
    text = path.read_text()
    assert by_id(read_debate(path), "cost").text == "The bridge costs 4 million."
    assert (
        '# Raised by the treasurer at the first meeting.\n[[claims]]\nid = "cost"\n'
        '# wording from the minutes\ntext = "The bridge costs 4 million."  # 4 million\n'
    ) in text


async def test_deleting_the_commented_claim_in_the_app_drops_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        await pilot.press("d", "y")  # the claim and its rebuttal "grants"
        await pilot.pause()
        await save(pilot)
        text = path.read_text()
        assert "cost" not in {c.id for c in read_debate(path).claims}
        assert "treasurer" not in text and "minutes" not in text and "4 million" not in text
        assert text.startswith("# Bridge debate, kept by the town clerk.\n")
        await pilot.press("ctrl+z")  # undo brings the claim back with its comments
        await pilot.pause()
        await save(pilot)
    assert '# wording from the minutes\ntext = "The bridge costs too much."  # 4 million\n' in path.read_text()
