"""Help: every key of every screen, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.key_names import binding_keys
from ..widgets.steady_footer import SteadyFooter

NAVIGATION = [
    ("up/down, j/k", "Move the cursor"),
    ("right/l, left/h", "Expand / collapse (or go to child / parent)"),
    ("shift+up/down", "Previous / next sibling"),
    ("space", "Toggle the node"),
    ("mouse", "Click to select, click the arrow to expand"),
]


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    from ..app import DebateApp
    from ..widgets.argument_tree import ArgumentTree
    from .evidence import EvidenceScreen
    from .form import FormScreen
    from .main import MainScreen
    from .matrix import MatrixScreen
    from .stakeholders import StakeholdersScreen
    from .stances import StancesScreen

    def rows(bindings: list) -> list[tuple[str, str]]:
        return [(binding_keys(b), b.description) for b in bindings if isinstance(b, Binding) and b.description]

    out = [
        ("Everywhere", rows(DebateApp.BINDINGS) + [("ctrl+p", "Command palette: every action, jump to a claim")]),
        ("Argument tree", NAVIGATION + rows(ArgumentTree.BINDINGS) + rows(MainScreen.BINDINGS)),
        ("Stances on a claim", rows(StancesScreen.BINDINGS)),
        ("Stance matrix", [("arrows", "Move between cells")] + rows(MatrixScreen.BINDINGS)),
        ("Stakeholders", rows(StakeholdersScreen.BINDINGS)),
        ("Evidence and sources", [("tab", "Switch between the lists")] + rows(EvidenceScreen.BINDINGS)),
        ("Forms", [("enter", "OK (in a one-line field)"), ("tab", "Next field")] + rows(FormScreen.BINDINGS)),
    ]
    from .analysis import AnalysisScreen

    out.append(("Analysis", [("1-9", "Go to tab 1 to 9")] + [r for r in rows(AnalysisScreen.BINDINGS) if not r[1].startswith("Tab ")]))
    try:
        from .presenter import PresenterScreen
        from .questions import QuestionsScreen

        out.append(("Presenter mode", rows(PresenterScreen.BINDINGS)))
        out.append(("Open questions", rows(QuestionsScreen.BINDINGS)))
    except ImportError:
        pass
    return out


class HelpScreen(Screen[None]):
    """All keys by screen; escape or ? closes."""

    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("debatemap keys", style="bold"), classes="screen-heading")
            for title, keys in sections():
                table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 2))
                table.add_column(style="bold cyan", no_wrap=True)
                table.add_column()
                seen: set[str] = set()
                for key, description in keys:
                    if (key, description) not in seen:
                        seen.add((key, description))
                        table.add_row(Text(key), Text(description))
                yield Static(table)
        yield SteadyFooter()
