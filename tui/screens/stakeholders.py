"""Stakeholders: group, level, power, interest, interests; add, edit and delete them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from arguments import operations as ops
from arguments.display import one_line
from arguments.model import Stakeholder
from arguments.operations import Change

from ..widgets.labels import clipped
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .base import DebateScreen
from .choice import ChoiceScreen
from .form import FormField, FormScreen

LEVELS = ["national", "regional", "local", "international"]
SCALE = [(str(n), n) for n in range(1, 6)]


def stakeholder_fields(person: Stakeholder | None) -> list[FormField]:
    fields = [] if person else [FormField("id", "Id (blank: made from the name)", "")]
    return [
        *fields,
        FormField("name", "Name", person.name if person else ""),
        FormField("short", "Short name", (person.short or "") if person else ""),
        FormField("group", "Group", person.group if person else ""),
        FormField("level", "Level", person.level if person else "national", "choice", [(v, v) for v in LEVELS]),
        FormField("power", "Power (1-5)", person.power if person else 3, "choice", SCALE),
        FormField("interest", "Interest (1-5)", person.interest if person else 3, "choice", SCALE),
        FormField("interests", "Interests", person.interests if person else "", "area"),
        FormField("notes", "Notes", person.notes if person else "", "area"),
    ]


class StakeholdersScreen(DebateScreen[None]):
    """The stakeholder list; `a` adds, `e` edits, `d` deletes (asking when it has stances)."""

    HELP_TITLE = "Stakeholders"
    HELP_RANK = 40

    EDIT_ACTIONS = frozenset({"add", "edit", "delete"})

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("a", "add", "Add", id="add-stakeholder"),
        Binding("e,enter", "edit", "Edit", id="edit-stakeholder"),
        Binding("d,delete", "delete", "Delete", id="delete-stakeholder"),
    ]

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        self.select = select

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(id="stakeholders", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        table = self.query_one(DataTable)
        for name, key in [
            ("Name", "name"),
            ("Pow", "power"),
            ("Int", "interest"),
            ("Level", "level"),
            ("Group", "group"),
            ("Interests", "interests"),
        ]:
            table.add_column(name, key=key)
        self.fill()
        table.focus()
        ids = [s.id for s in self.app.debate.stakeholders]
        if self.select in ids:
            table.move_cursor(row=ids.index(self.select))

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for person in self.app.debate.stakeholders:
            table.add_row(
                clipped(person.label, 28),  # the short name: long names differ only at their end
                Text(str(person.power)),
                Text(str(person.interest)),
                Text(person.level),
                clipped(person.group, 20),
                clipped(person.interests, 80),
                key=person.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def debate_changed(self, change: Change, focus: str | None) -> None:
        if "stakeholders" in change.tables or change.everything:
            self.fill()

    @on(DataTable.RowSelected)
    async def _row_chosen(self) -> None:  # enter on a row: the table handles the key itself
        await self.run_action("edit")

    def _selected(self) -> Stakeholder | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.app.debate.stakeholders if s.id == key), None)

    def action_add(self) -> None:
        def submit(values: dict) -> str | None:
            values = {k: v for k, v in values.items() if k != "short" or v}
            return self.app.edit(lambda: ops.add_stakeholder(self.app.debate, **values))

        self.app.push_screen(FormScreen("New stakeholder", stakeholder_fields(None), submit))

    def action_edit(self) -> None:
        person = self._selected()
        if person is None:
            return

        def submit(values: dict) -> str | None:
            values["short"] = values["short"] or None
            return self.app.edit(lambda: ops.edit_stakeholder(self.app.debate, person.id, **values))

        self.app.push_screen(
            FormScreen(f"Edit stakeholder: {one_line(person.name, None)}", stakeholder_fields(person), submit)
        )

    def action_delete(self) -> None:
        person = self._selected()
        if person is None:
            return
        count = ops.stances_of(self.app.debate, person.id)

        def delete() -> None:
            self.app.edit(lambda: ops.delete_stakeholder(self.app.debate, person.id))

        def answered(answer: str | None) -> None:
            if answer == "delete":
                delete()

        if count == 0:
            delete()
            return
        message = Text(f"Delete this stakeholder and their {count} stance(s)? (undo brings them back)\n\n")
        message.append_text(clipped(person.name, 120))
        self.app.push_screen(
            ChoiceScreen(message, [("delete", "Delete", "y"), ("keep", "Keep", "n")]),
            answered,
        )
