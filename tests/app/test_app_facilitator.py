"""Issue 13 in the app (in process): what a facilitator's full run showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from arguments import operations as ops
from tests.conftest import press
from tui.app import DebateApp
from tui.screens.form import FormScreen
from tui.screens.stakeholders import StakeholdersScreen

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


async def test_evidence_form_types_into_the_description_and_names_the_claim(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "v")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New evidence on: The town should build the bridge."
        await press(pilot, *"Traffic", "enter")
        item = app.debate.evidence[-1]
        assert (item.claim, item.text) == ("motion", "Traffic")


async def test_ctrl_c_tells_how_to_quit_without_markup(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+c")
        assert [n.message for n in app._notifications] == ["Press ctrl+q to quit the app."]


@pytest.mark.parametrize("screen_key", ["w", "m", "V", "Q"])
async def test_j_and_k_move_in_every_list(small_debate_file: Path, screen_key: str) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if screen_key == "V":
            await pilot.press("v", *"Report", "enter", "v", *"Count", "enter")
        if screen_key == "Q":
            await press(pilot, "q", *"Who pays", "enter", "q", *"When", "enter")
        await press(pilot, screen_key)
        table = app.screen.query_one(DataTable)
        assert table.row_count >= 2 and table.cursor_coordinate.row == 0
        await pilot.press("j")
        assert table.cursor_coordinate.row == 1
        await pilot.press("k")
        assert table.cursor_coordinate.row == 0


async def test_stakeholders_list_shows_short_names(small_debate_file: Path) -> None:
    text = small_debate_file.read_text().replace(
        'name = "Shop owners"', 'name = "Shop owners of the old town centre"\nshort = "Shops"'
    )
    small_debate_file.write_text(text)
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "w")
        assert isinstance(app.screen, StakeholdersScreen)
        table = app.screen.query_one(DataTable)
        assert [table.get_row_at(r)[0].plain for r in range(table.row_count)] == ["Town council", "Shops"]
        await press(pilot, "j", "e")
        assert app.screen.form_title == "Edit stakeholder: Shop owners of the old town centre"


async def test_palette_shows_keys_not_their_names(small_debate_file: Path) -> None:
    from tui.palette import DebateCommands

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = DebateCommands(app.screen, None)
        helps = {name: help_text for name, _, help_text in provider._actions()}
        assert helps["Search"] == "app · /" and helps["Help"] == "app · ?"
        assert helps["Pro"] == "tree · +" and helps["Indent"] == "tree · >"


async def test_analysis_opens_on_the_motion_and_its_tabs_follow_the_keys(small_debate_file: Path) -> None:
    from textual.widgets import TabbedContent

    from tui.screens.analysis import AnalysisScreen

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.select_claim("cost")
        await pilot.pause()
        await press(pilot, "A")
        assert isinstance(app.screen, AnalysisScreen) and app.screen.analysis.focus == "motion"
        tabs = app.screen.query_one("#analysis-tabs", TabbedContent)
        first = tabs.active
        await pilot.press("tab", "right_square_bracket")  # wherever the focus is
        assert tabs.active == "tab-feasibility"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert tabs.active == "tab-plan"  # the last tab: the keys wrap round
        await pilot.press("3")
        assert tabs.active == "tab-grid"
        await pilot.press("1")
        assert tabs.active == first
        await press(pilot, "escape")
        await app.run_action("analysis(True)")
        await pilot.pause()
        assert app.screen.analysis.focus == "cost"


async def test_question_and_answer_dialogs_name_their_claim_whole(small_debate_file: Path) -> None:
    from tui.screens.questions import QuestionsScreen

    long_text = "The bridge costs too much " + "and more " * 20 + "in the end."
    small_debate_file.write_text(
        small_debate_file.read_text().replace('"The bridge costs too much."', f'"{long_text}"')
    )
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.select_claim("cost")
        await pilot.pause()
        await press(pilot, "q")
        assert app.screen.form_title == f"Open question on: {long_text}"  # whole, no `…[cut]`
        await press(pilot, *"Who pays?", "enter")
        await press(pilot, "Q")
        assert isinstance(app.screen, QuestionsScreen)
        await press(pilot, "a")
        assert app.screen.form_title == "Answer to: Who pays?"
        await press(pilot, "escape", "escape")
        await press(pilot, "plus")
        assert "[cut]" not in app.screen.form_title


async def test_deleting_the_motion_says_so_and_an_empty_debate_says_how_to_start(small_debate_file: Path) -> None:
    from tui.screens.choice import ChoiceScreen

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)
        asked = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "This is the motion" in asked
        assert "Delete it and the 3 claims below it, with 1 evidence item and 2 stances?" in asked
        assert "The debate will have no claims left." in asked
        await press(pilot, "y")
        assert app.debate.claims == []
        shown = str(app.screen.query_one("#details-body").render())
        assert "Press + to add the first claim" in shown
        await press(pilot, "plus", *"Build it", "enter")
        assert [c.text for c in app.debate.claims] == ["Build it"]


@pytest.mark.slow
async def test_evidence_screen_shows_claims_by_text_and_the_evidence_whole(small_debate_file: Path) -> None:
    long_text = "The tender came in at 4.2 million, " + "with overruns " * 10 + "expected."
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.select_claim("cost")
        await pilot.pause()
        await press(pilot, "v", *long_text, "enter")
        await press(pilot, "V")
        table = app.screen.query_one("#evidence-table", DataTable)
        await press(pilot, "j")
        row = [cell.plain for cell in table.get_row_at(table.cursor_row)]
        assert row[1] == "The bridge costs too much." and "cost" not in row
        whole = str(app.screen.query_one("#evidence-whole").render())
        assert long_text in whole and "undermines" not in whole and "The bridge costs too much." in whole


async def test_export_dialog_offers_the_cli_options_and_says_when_cancelled(small_debate_file: Path) -> None:
    from textual.widgets import Select

    from export import ExportOptions, render

    target = small_debate_file.with_name("handout.md")
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+e")
        await pilot.press("tab", "tab", "tab", "tab", "enter")  # onto Cancel: never a silent way out
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Export cancelled: nothing written."]
        await press(pilot, "ctrl+e")
        app.screen.query_one("#field-extras", Select).value = "both"
        app.screen.query_one("#field-leave_out", Select).value = "evidence"
        path = app.screen.query_one("#field-path")
        path.value = str(target)
        path.focus()
        await press(pilot, "enter")
        debate = app.debate
    wanted = render("markdown", debate, ExportOptions(evidence=False, analysis=True, shifts=True))
    assert target.read_text() == wanted != render("markdown", debate)


async def test_presenter_slide_puts_what_the_room_needs_above_the_fold(small_debate_file: Path) -> None:
    from tui.screens.presenter import PresenterScreen

    long_cost = "The bridge costs too much for a town of this size to carry alone."
    extra = """
[[evidence]]
id = "ev-second"
claim = "traffic"
text = "Peak-hour queues vanish in the model."
source = "report"
relation = "supports"

[[claims]]
id = "who-pays"
text = "Who pays for the upkeep?"
parent = "grants"
relation = "supports"
kind = "question"
"""
    text = small_debate_file.read_text().replace('"The bridge costs too much."', f'"{long_cost}"')
    small_debate_file.write_text(text + extra)
    app = DebateApp(small_debate_file, autosave=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        await pilot.press("v")
        lines = presenter.render_claim().plain.splitlines()
        assert lines[3] == "1 pro · 1 con · 0 evidence · 1 for · 1 against · 0 neutral"  # on top
        await pilot.press("right")
        slide = presenter.render_claim().plain
        assert slide.count("Town Council (2024). Bridge report.") == 1  # each citation once
        assert "Traffic counts fall by a third in the model. [1]" in slide
        assert "Peak-hour queues vanish in the model. [1]" in slide
        await pilot.press("right", "right", "right")
        assert presenter.claim_id == "who-pays"
        slide = presenter.render_claim().plain
        assert long_cost in slide.splitlines()[0]  # the breadcrumb, not cut
        assert "QUESTION  Who pays for the upkeep?" in slide and "PRO" not in slide
        shown = {b.binding.action for b in presenter.active_bindings.values() if b.binding.show}
        assert {"stance_note", "stakeholder(-1)", "stance_step(1)", "reveal"} <= shown


async def test_matrix_steps_on_one_cell_are_one_change_until_the_cursor_moves(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "m")
        await pilot.press("minus", "minus", "minus")  # council on the motion: +2 -> -1, one change
        await pilot.press("right", "left", "minus")  # away and back: a new change
        await pilot.pause()
        assert [(c.stakeholder, c.from_, c.to) for c in app.debate.stance_changes] == [
            ("council", 2, -1),
            ("council", -1, -2),
        ]
        await press(pilot, "ctrl+z", "ctrl+z")
        assert app.debate.stance_changes == [] and not app.history.dirty


async def test_analysis_names_coalitions_and_missing_scenarios_in_words() -> None:
    from rich.console import Console
    from textual.widgets import Select

    from arguments.storage import read_debate
    from seeds import seed_path
    from tui.screens.analysis import AnalysisScreen

    debate = read_debate(seed_path())
    debate.scenarios.clear()
    screen = AnalysisScreen(debate, stakeholder="ngos")
    console = Console(width=200, record=True)
    from tui.screens import analysis_views as views

    console.print(views.perspective(screen.analysis, screen.names))
    shown = " ".join(console.export_text().split())
    assert "declared coalition: District development commissions, NGOs and their foreign donors" in shown
    assert "development-commissions" not in shown
    app = DebateApp(seed_path(), autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.debate.scenarios.clear()
        await press(pilot, "A")
        prompt = app.screen.query_one("#scenario-choice", Select).prompt
        assert prompt == "This debate has no scenarios yet"
