"""Issue 6 in the app: presenter mode, live stance capture with history, open questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from arguments import operations as ops
from arguments.storage import read_debate
from tests.conftest import press
from tui.app import DebateApp
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen
from tui.screens.presenter import PresenterScreen
from tui.screens.questions import QuestionsScreen

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


def shown(app: DebateApp) -> str:
    return app.screen.render_claim().plain  # type: ignore[attr-defined]


async def test_present_walks_depth_first_and_by_branch(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen) and presenter.claim_id == "motion"
        visited = []
        for _ in range(4):
            visited.append(presenter.claim_id)
            await pilot.press("right")
        assert visited == ["motion", "traffic", "cost", "grants"]
        await pilot.press("right")  # at the end: stays
        assert presenter.claim_id == "grants"
        await pilot.press("left", "left")
        assert presenter.claim_id == "traffic"
        await pilot.press("right_square_bracket")
        assert presenter.claim_id == "cost"
        await pilot.press("u")
        assert presenter.claim_id == "motion"
        text = shown(app)
        assert "Pros" in text and "The bridge cuts traffic" in text and "Cons" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_stances_hidden_until_revealed(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hidden = shown(app)
        assert "+2" not in hidden and "-1" not in hidden and "hidden" in hidden
        await pilot.press("v")
        revealed = shown(app)
        assert "+2" in revealed and "-1" in revealed
        await pilot.press("right")  # the next claim starts hidden again
        assert "hidden" in shown(app)


async def test_live_stance_capture_records_history_and_undoes(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.debate.model_copy(deep=True)
        await pilot.press("down", "plus", "plus")  # shops on the motion: -1 -> +1, one change
        await pilot.pause()
        stance = next(s for s in app.debate.stances if s.stakeholder == "shops" and s.claim == "motion")
        assert stance.position == 1
        history = [(c.stakeholder, c.claim, c.from_, c.to, c.at) for c in app.debate.stance_changes]
        assert history == [("shops", "motion", -1, 1, "2026-11-26T10:15")]
        await pilot.press("ctrl+z")  # the two steps were one edit
        await pilot.pause()
        assert app.debate == before
        await press(pilot, "ctrl+y", "N")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, *"after the traffic model", "enter")
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
    saved = read_debate(small_debate_file)
    assert [(c.from_, c.to, c.note) for c in saved.stance_changes] == [(-1, 1, "after the traffic model")]


async def test_three_steps_are_one_stance_change_and_the_note_is_on_it(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("plus", "plus", "plus")  # council on the motion: +2 -> +3 (clamped) ...
        await press(pilot, "down", "minus", "minus", "minus", "N")  # shops: -1 -> -3 (clamped at -3)
        await press(pilot, *"after the cost figures", "enter")
        await pilot.press("up", "minus", "right", "left", "minus")  # council: a new visit, a new change
        await pilot.pause()
        changes = [(c.stakeholder, c.from_, c.to, c.note) for c in app.debate.stance_changes]
        assert changes == [
            ("council", 2, 3, ""),
            ("shops", -1, -3, "after the cost figures"),
            ("council", 3, 2, ""),
            ("council", 2, 1, ""),
        ]
        await pilot.press("plus", "plus")  # the same visit goes on: still one change, 2 -> 3
        await pilot.pause()
        assert [(c.from_, c.to) for c in app.debate.stance_changes][2:] == [(3, 2), (2, 3)]


async def test_steps_back_to_the_start_leave_no_change(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.debate.model_copy(deep=True)
        await press(pilot, "down", "plus", "minus")
        assert app.debate == before and not app.history.dirty
        await pilot.press("plus")  # a fresh change, not folded into an unrelated earlier step
        await pilot.pause()
        assert [(c.from_, c.to) for c in app.debate.stance_changes] == [(-1, 0)]
        await press(pilot, "ctrl+z")
        assert app.debate == before


async def test_note_refuses_before_its_dialog_when_nothing_moved(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "N")
        assert isinstance(app.screen, PresenterScreen)
        assert any("no stance change" in n.message for n in app._notifications)
        await press(pilot, "plus", "N")
        assert isinstance(app.screen, FormScreen)
        title = app.screen.form_title
        assert title == "What moved Town council (+2 → +3) on: The town should build the bridge."


async def test_question_capture_and_the_parking_lot(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.select_claim("cost")
        await pilot.pause()
        await press(pilot, "q")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, *"Who pays for upkeep?", "enter")
        question = app.debate.claims[-1]
        assert (question.kind, question.parent, question.relation, question.closed) == (
            "question",
            "cost",
            "opposes",
            False,
        )
        assert app.main.claim_id == question.id

        await press(pilot, "Q")
        assert isinstance(app.screen, QuestionsScreen)
        await press(pilot, "a")
        await press(pilot, *"The town budget", "enter")
        answer = app.debate.claims[-1]
        assert (answer.parent, answer.relation, answer.kind) == (question.id, "supports", "claim")
        await press(pilot, "c")
        assert next(c for c in app.debate.claims if c.id == question.id).closed
        await press(pilot, "ctrl+z")
        assert not next(c for c in app.debate.claims if c.id == question.id).closed
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.claim_id == question.id


async def test_presenter_key_from_the_main_view_starts_at_the_selected_claim(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.main.select_claim("grants")
        await pilot.pause()
        await press(pilot, "P")
        assert isinstance(app.screen, PresenterScreen) and app.screen.claim_id == "grants"
        assert "The town should build" in shown(app)  # breadcrumb


def test_present_command_opens_the_app_in_presenter_mode(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import tui.app
    from tui.cli import cli

    # The real run_app loads the file before any screen opens: a missing file exits 1.
    missing = CliRunner().invoke(cli, ["present", str(small_debate_file.parent / "missing.toml")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    calls = []
    monkeypatch.setattr(tui.app, "run_app", lambda path, present=False, read_only=False: calls.append((path, present)))
    result = CliRunner().invoke(cli, ["present", str(small_debate_file)])
    assert result.exit_code == 0 and calls == [(str(small_debate_file), True)]
