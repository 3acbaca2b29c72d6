"""Search (`/`): claims, evidence and stakeholders matching as you type; enter jumps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from arguments.display import one_line

if TYPE_CHECKING:
    from ..app import DebateApp


MAX_RESULTS = 60


def search(debate, query: str) -> list[tuple[tuple[str, str], Text]]:  # noqa: ANN001
    """Results as ((kind, id to jump to), label), claims first, at most MAX_RESULTS."""
    needle = query.casefold().strip()
    if not needle:
        return []
    out: list[tuple[tuple[str, str], Text]] = []

    def add(kind: str, target: tuple[str, str], shown: str) -> bool:
        label = Text(f"{kind:<12}", style="dim")
        label.append(one_line(shown, 120))
        out.append((target, label))
        return len(out) >= MAX_RESULTS

    for claim in debate.claims:
        if (needle in claim.text.casefold() or needle in claim.notes.casefold()) and add(
            "claim", ("claim", claim.id), claim.text
        ):
            return out
    for item in debate.evidence:
        if (needle in item.text.casefold() or needle in item.quote.casefold()) and add(
            "evidence", ("claim", item.claim), item.text
        ):
            return out
    for person in debate.stakeholders:
        if (needle in person.name.casefold() or needle in (person.short or "").casefold()) and add(
            "stakeholder", ("stakeholder", person.id), person.name
        ):
            return out
    return out


class SearchScreen(ModalScreen["tuple[str, str] | None"]):
    """Type to filter; up/down choose; enter jumps; escape closes."""

    if TYPE_CHECKING:
        app = getters.app(DebateApp)

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="close-search"),
        Binding("down", "focus_results", "Results", show=False, id="search-results"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="search", classes="dialog-box"):
            yield Input(placeholder="Search claims, evidence, stakeholders", id="search-input")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self._targets: list[tuple[str, str]] = []
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        results = search(self.app.debate, event.value)
        self._targets = [target for target, _ in results]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(label) for _, label in results])
        if results:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if self._targets:
            self.dismiss(self._targets[options.highlighted or 0])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._targets[event.option_index])

    def action_focus_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
