"""The analysis screen driven by a pilot, pushed by a tiny host app as the real app will."""

from __future__ import annotations

import html
import re

from textual.app import App
from textual.widgets import Select, TabbedContent

from arguments.model import Debate
from arguments.storage import parse_debate
from tests.conftest import SMALL_DEBATE, press
from tui.screens.analysis import AnalysisScreen

TABS = [
    "positions",
    "feasibility",
    "grid",
    "contest",
    "coalitions",
    "strength",
    "gaps",
    "perspective",
    "what-if",
    "plan",
]
SCENARIO = """
[[scenarios]]
id = "shops-come-round"
name = "The shops come round"
positions = [{ stakeholder = "shops", claim = "motion", position = 2 }]
"""


class Host(App[None]):
    """An app that only opens the analysis screen on DEBATE."""

    def __init__(self, debate: Debate, **options) -> None:  # noqa: ANN003
        super().__init__()
        self.debate = debate
        self.options = options

    def on_mount(self) -> None:
        self.push_screen(AnalysisScreen(self.debate, **self.options))


def drawn_text(app: App) -> str:
    """The screen as plain text, from its SVG screenshot."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_every_analysis_has_a_tab():
    app = Host(parse_debate(SMALL_DEBATE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        tabs = screen.query_one("#analysis-tabs", TabbedContent)
        assert tabs.active == "tab-positions"
        assert [pane.id for pane in tabs.query("TabPane")] == [f"tab-{key}" for key in TABS]
        assert "Town council" in drawn_text(app)  # on the position map
        await press(pilot, "right")
        assert tabs.active == "tab-feasibility"
        assert "The town should build the bridge." in drawn_text(app)


async def test_choosing_a_stakeholder_shows_their_perspective():
    app = Host(parse_debate(SMALL_DEBATE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#analysis-tabs", TabbedContent).active = "tab-perspective"
        await pilot.pause()
        assert screen.analysis.perspective is None
        choice = screen.query_one("#perspective-choice", Select)
        choice.focus()
        await pilot.press("enter", "down", "down", "enter")  # past the blank line to the second stakeholder
        await pilot.pause()
        assert choice.value == "shops"
        assert screen.analysis.perspective is not None and screen.analysis.perspective.stakeholder == "shops"
        assert screen.analysis.perspective.opposes == [("motion", -1)]
        assert "Perspective of Shop owners" in drawn_text(app)


async def test_a_stakeholder_given_up_front_is_shown_at_once():
    app = Host(parse_debate(SMALL_DEBATE), stakeholder="council")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#perspective-choice", Select).value == "council"
        assert app.screen.analysis.perspective.supports == [("motion", 2)]


async def test_choosing_a_scenario_shows_before_and_after():
    app = Host(parse_debate(SMALL_DEBATE + SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#analysis-tabs", TabbedContent).active = "tab-what-if"
        await pilot.pause()
        screen.query_one("#scenario-choice", Select).focus()
        await press(pilot, "enter", "down", "enter")
        result = screen.analysis.what_if
        assert result is not None and result.scenario.id == "shops-come-round"
        motion = result.before.feasibility["motion"], result.after.feasibility["motion"]
        assert [(f.support, f.opposition) for f in motion] == [(8, 2), (8 + 4, 0)]
        assert "What if: The shops come round" in drawn_text(app)


async def test_escape_closes_the_screen_and_the_debate_is_unchanged():
    debate = parse_debate(SMALL_DEBATE)
    before = debate.model_dump()
    app = Host(debate)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "escape")
        assert not isinstance(app.screen, AnalysisScreen)
    assert debate.model_dump() == before


async def test_hostile_text_is_shown_literally_in_every_tab():
    text = SMALL_DEBATE.replace('name = "Town council"', 'name = "[bold]Council[/] \\u001b[2J"')
    text = text.replace('"The town should build the bridge."', '"[@click=app.quit]Build[/] [$accent]x"')
    app = Host(parse_debate(text), stakeholder="council")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one("#analysis-tabs", TabbedContent)
        seen = ""
        for key in TABS:
            tabs.active = f"tab-{key}"
            await pilot.pause()
            seen += drawn_text(app)
        assert app.is_running
        assert "[@click=app.quit]Build[/] [$accent]x" in seen
        assert "[bold]Council[/] \\x1b[2J" in seen
