"""Every stakeholder's stance on one claim: move with the arrows, set with single keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from arguments.model import Stakeholder, Stance
from arguments.operations import Change

from ..widgets.labels import block, clipped, position_cell
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .stance_keys import STANCE_BINDINGS, StanceKeys


class StancesScreen(StanceKeys):
    """Stakeholders down the side; position, basis and rationale across."""

    HELP_TITLE = "Stances on a claim"
    HELP_RANK = 20

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back"), *STANCE_BINDINGS]

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="stances-claim", markup=False, classes="screen-heading")
        table: DataTable[Text] = DataTable(id="stances-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Stakeholder", key="who")
        table.add_column("Pos", key="position")
        table.add_column("Basis", key="basis")
        table.add_column("Rationale", key="rationale")
        yield table
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        self.fill()
        self.query_one(DataTable).focus()
        self.end_stance_run_when_moved(self.query_one(DataTable))

    def fill(self) -> None:
        debate = self.app.debate
        claim = next((c for c in debate.claims if c.id == self.claim_id), None)
        if claim is None:  # deleted by an undo elsewhere
            self.app.pop_screen()
            return
        heading = Text("Stances on: ", style="bold")
        heading.append_text(block(claim.text))
        self.query_one("#stances-claim", Static).update(heading)
        stances = {s.stakeholder: s for s in debate.stances if s.claim == self.claim_id}
        table = self.query_one(DataTable)
        rows = {person.id: self.row_of(person, stances.get(person.id)) for person in debate.stakeholders}
        if [key.value for key in table.rows] == list(rows):
            # The same stakeholders: change the cells in place, so the cursor never moves
            # (a moving cursor would end a run of stance steps, see StanceKeys).
            for key, cells in rows.items():
                for column, cell in zip(("who", "position", "basis", "rationale"), cells):
                    table.update_cell(key, column, cell)
            return
        row = table.cursor_row
        table.clear()
        for key, cells in rows.items():
            table.add_row(*cells, key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    @staticmethod
    def row_of(person: Stakeholder, stance: Stance | None) -> tuple[Text, ...]:
        return (
            clipped(person.label, 32),
            position_cell(stance.position if stance else None),
            Text(stance.basis if stance else ""),
            clipped(stance.rationale if stance else "", 100),
        )

    def stance_target(self) -> tuple[str, str] | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return (key, self.claim_id) if key else None

    def debate_changed(self, change: Change, focus: str | None) -> None:
        if change.everything or self.claim_id in change.claims:
            self.fill()
