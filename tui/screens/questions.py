"""Open questions (the parking lot): every question claim; answer, close or jump to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from arguments import operations as ops
from arguments.operations import Change

from ..widgets.labels import claim_line, clipped
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .base import DebateScreen
from .form import FormField, FormScreen

if TYPE_CHECKING:
    from ..app import DebateApp


def question_form(app: DebateApp, parent: str) -> FormScreen:
    """Capture a question on PARENT."""
    fields = [
        FormField("text", "Question"),
        FormField(
            "relation",
            "It challenges or supports the claim",
            "opposes",
            "choice",
            [("challenges", "opposes"), ("supports", "supports")],
        ),
    ]

    def submit(values: dict) -> str | None:
        build = lambda: ops.add_claim(app.debate, parent, values["relation"], values["text"] or "", kind="question")  # noqa: E731
        return app.edit(build, ops.new_claim)

    return FormScreen(f"Open question on: {claim_line(app.debate, parent)}", fields, submit)


class QuestionsScreen(DebateScreen[None]):
    """Open questions first, then closed ones."""

    HELP_TITLE = "Open questions"
    HELP_RANK = 90

    EDIT_ACTIONS = frozenset({"answer", "toggle_closed"})

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("enter,g", "go_to", "Go to", id="go-to-question"),
        Binding("a", "answer", "Answer", id="answer-question"),
        Binding("c", "toggle_closed", "Close/reopen", id="close-question"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        table = self.query_one(DataTable)
        table.add_column("State", key="state")
        table.add_column("Answers", key="answers")
        table.add_column("Question", key="text")
        self.fill()
        table.focus()

    def fill(self) -> None:
        debate = self.app.debate
        answers: dict[str, int] = {}
        for claim in debate.claims:
            if claim.parent:
                answers[claim.parent] = answers.get(claim.parent, 0) + 1
        questions = sorted((c for c in debate.claims if c.kind == "question"), key=lambda c: c.closed)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for claim in questions:
            state = Text("closed", style="dim") if claim.closed else Text("open", style="bold yellow")
            table.add_row(state, Text(str(answers.get(claim.id, 0))), clipped(claim.text, 120), key=claim.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def debate_changed(self, change: Change, focus: str | None) -> None:
        if "claims" in change.tables or change.everything:
            self.fill()

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:  # enter on a row: the table handles the key itself
        self.action_go_to()

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_go_to(self) -> None:
        cid = self._selected()
        if cid:
            self.app.jump_to(("claim", cid))

    def action_answer(self) -> None:
        cid = self._selected()
        if cid is None:
            return

        def submit(values: dict) -> str | None:
            debate = self.app.debate
            return self.app.edit(lambda: ops.add_claim(debate, cid, values["relation"], values["text"] or ""))

        fields = [
            FormField("text", "Answer"),
            FormField("relation", "Relation", "supports", "choice", [("supports", "supports"), ("opposes", "opposes")]),
        ]
        title = f"Answer to: {claim_line(self.app.debate, cid)}"
        self.app.push_screen(FormScreen(title, fields, submit))

    def action_toggle_closed(self) -> None:
        cid = self._selected()
        if cid is None:
            return
        debate = self.app.debate
        closed = next(c.closed for c in debate.claims if c.id == cid)
        self.app.edit(lambda: ops.edit_claim(debate, cid, closed=not closed))
