"""The analysis screen: every analysis of a debate in tabs, read-only.

Self-contained: push `AnalysisScreen(debate)` from anywhere. The debate is only read; the
analyses are computed once when the screen opens; a perspective or a what-if is computed
when a stakeholder or a scenario is chosen. All text is shown through Rich renderables built from `Text`.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Select, Static, TabbedContent, TabPane

from arguments.analysis.perspective import perspective
from arguments.analysis.report import Analysis, analyse
from arguments.analysis.sections import PERSPECTIVE, WHAT_IF
from arguments.analysis.whatif import what_if
from arguments.model import Debate, Scenario

from . import analysis_views as views
from . import plan_views
from .base import ListedInHelp


class AnalysisScreen(ListedInHelp, Screen[None]):
    """Position map, feasibility, grid, contest, coalitions, strength, gaps, a perspective and
    a what-if of DEBATE; CLAIM, STAKEHOLDER and SCENARIO choose what the screen opens with."""

    HELP_TITLE = "Analysis"
    HELP_RANK = 70
    HELP_KEYS = [("1-9", "Go to tab 1 to 9")]

    BINDINGS = [
        Binding("escape", "close", "Close", id="analysis-close"),
        Binding("right_square_bracket", "tab(1)", "Next tab", priority=True, id="analysis-next-tab"),
        Binding("left_square_bracket", "tab(-1)", "Previous tab", priority=True, id="analysis-previous-tab"),
        *[Binding(str(n), f"tab_number({n})", f"Tab {n}", show=False, id=f"analysis-tab-{n}") for n in range(1, 10)],
    ]

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        return [row for row in super().help_rows() if not row[1].startswith("Tab ")]  # "1-9" says it once

    DEFAULT_CSS = """
    AnalysisScreen #analysis-title { padding: 0 1; text-style: bold; }
    AnalysisScreen #analysis-tabs, AnalysisScreen ContentSwitcher, AnalysisScreen TabPane { height: 1fr; }
    AnalysisScreen TabPane { padding: 0; }
    AnalysisScreen #perspective-choice, AnalysisScreen #scenario-choice { width: 60; margin: 1 1 0 1; }
    AnalysisScreen .analysis-body { padding: 0 1; }
    """

    def __init__(
        self,
        debate: Debate,
        claim: str | None = None,
        stakeholder: str | None = None,
        scenario: Scenario | None = None,
        analysis: Analysis | None = None,
    ) -> None:
        super().__init__()
        self.debate = debate
        self.names = views.Names(debate)
        self.analysis: Analysis = analysis or analyse(debate, claim=claim, stakeholder=stakeholder, scenario=scenario)
        """ANALYSIS when given (made beforehand, in a thread, for a big debate)."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Analysis: " + views.shorten(self.debate.title, 200)), id="analysis-title")
        with TabbedContent(id="analysis-tabs"):
            for key, title, renderable in views.sections(self.debate, self.analysis):
                if key in (PERSPECTIVE.id, WHAT_IF.id):
                    continue
                with TabPane(title, id=f"tab-{key}"), VerticalScroll():
                    yield Static(renderable, id=f"analysis-{key}", classes="analysis-body")
            with TabPane(PERSPECTIVE.title, id=f"tab-{PERSPECTIVE.id}"):
                chosen = self.analysis.perspective.stakeholder if self.analysis.perspective else Select.NULL
                yield Select(
                    [(Text(self.names.who(s.id)), s.id) for s in self.debate.stakeholders],
                    prompt="Whose perspective?",
                    value=chosen,
                    id="perspective-choice",
                )
                with VerticalScroll():
                    yield Static(
                        views.perspective(self.analysis, self.names), id="analysis-perspective", classes="analysis-body"
                    )
            with TabPane(WHAT_IF.title, id=f"tab-{WHAT_IF.id}"):
                scenario = self.analysis.what_if.scenario.id if self.analysis.what_if else Select.NULL
                yield Select(
                    [(Text(views.shorten(s.name, 80)), s.id) for s in self.debate.scenarios],
                    prompt="Which scenario?" if self.debate.scenarios else "This debate has no scenarios yet",
                    value=scenario,
                    id="scenario-choice",
                )
                with VerticalScroll():
                    yield Static(
                        views.what_if(self.analysis, self.names), id="analysis-what-if", classes="analysis-body"
                    )
            with TabPane("Plan", id="tab-plan"), VerticalScroll():
                yield Static(Text("Computing the plan…"), id="analysis-plan", classes="analysis-body")
        yield Footer()

    @on(Select.Changed, "#perspective-choice")
    def _stakeholder_chosen(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else None
        view = perspective(self.debate, value, groups=self.analysis.coalitions) if value else None
        self.analysis = replace(self.analysis, perspective=view)
        self.query_one("#analysis-perspective", Static).update(views.perspective(self.analysis, self.names))

    @on(Select.Changed, "#scenario-choice")
    def _scenario_chosen(self, event: Select.Changed) -> None:
        chosen = next((s for s in self.debate.scenarios if s.id == event.value), None)
        result = what_if(self.debate, chosen) if chosen is not None else None
        self.analysis = replace(self.analysis, what_if=result)
        self.query_one("#analysis-what-if", Static).update(views.what_if(self.analysis, self.names))

    @on(TabbedContent.TabActivated, "#analysis-tabs", pane="#tab-plan")
    def _plan_shown(self) -> None:
        # computed when first shown: on a large debate the plan takes seconds, the other tabs do not
        if not getattr(self, "_plan_done", False):
            self._plan_done = True
            self.query_one("#analysis-plan", Static).update(plan_views.plan_tab(self.debate))

    def _tab_ids(self) -> list[str]:
        return [pane.id for pane in self.query(TabPane) if pane.id]

    def action_tab(self, step: int) -> None:
        """`]` / `[`: the next or previous tab, wherever the focus is."""
        tabs = self.query_one("#analysis-tabs", TabbedContent)
        ids = self._tab_ids()
        at = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(at + step) % len(ids)]

    def action_tab_number(self, number: int) -> None:
        ids = self._tab_ids()
        if number <= len(ids):
            self.query_one("#analysis-tabs", TabbedContent).active = ids[number - 1]

    def action_close(self) -> None:
        self.dismiss(None)
