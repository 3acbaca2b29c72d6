"""The stance matrix: claims down the side, stakeholders across, each cell -3..+3 in colour."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from arguments.operations import Change
from arguments.tree import ClaimTree

from ..widgets.labels import RELATION_MARKS, clipped, position_cell
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .stance_keys import STANCE_BINDINGS, StanceKeys

MAX_ROWS = 500
"""Claims the matrix shows at once (a window around the claim it was opened on)."""


class MatrixScreen(StanceKeys):
    """Move with the arrows; change the cell under the cursor with the stance keys."""

    HELP_TITLE = "Stance matrix"
    HELP_RANK = 30
    HELP_KEYS = [("arrows", "Move between cells")]

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back"), *STANCE_BINDINGS]

    def __init__(self, start_claim: str | None = None) -> None:
        super().__init__()
        self.start_claim = start_claim

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # The claim column stays put while the stakeholders scroll by to the right.
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        self.fill()
        table = self.query_one(DataTable)
        table.focus()
        if self.start_claim and self.start_claim in self._rows:
            table.move_cursor(row=self._rows.index(self.start_claim), column=1)
        else:
            table.move_cursor(column=1)
        self.end_stance_run_when_moved(table)

    def fill(self) -> None:
        debate = self.app.debate
        table: DataTable[Text] = self.query_one(DataTable)
        where = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Claim", key="claim", width=34)
        for person in debate.stakeholders:
            table.add_column(clipped(person.label, 12), key=person.id)  # short names: more columns fit
        positions = {(s.claim, s.stakeholder): s.position for s in debate.stances}
        tree = ClaimTree.of(debate)
        rows = list(tree.walk())
        self._rows = []
        for claim_id, depth in self._window(rows):
            claim = tree.by_id[claim_id]
            label = Text("  " * min(depth, 6))
            if claim.relation:
                mark, style = RELATION_MARKS[claim.relation]
                label.append(mark[0] + " ", style=style)
            label.append_text(clipped(claim.text, 60))
            cells = [position_cell(positions.get((claim_id, p.id))) for p in debate.stakeholders]
            table.add_row(label, *cells, key=claim_id)
            self._rows.append(claim_id)
        if table.row_count:
            table.move_cursor(row=min(where.row, table.row_count - 1), column=where.column)

    def _window(self, rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """At most `MAX_ROWS` of ROWS (the claims in tree order), around the claim the matrix
        was opened on: a table of 100,000 claims by 50 stakeholders took minutes to build."""
        if len(rows) <= MAX_ROWS:
            return rows
        ids = [claim_id for claim_id, _ in rows]
        at = ids.index(self.start_claim) if self.start_claim in ids else 0
        first = max(0, min(at - MAX_ROWS // 10, len(rows) - MAX_ROWS))
        shown = rows[first : first + MAX_ROWS]
        if not self._told_window:
            self._told_window = True
            self.app.notify(
                f"The matrix shows {MAX_ROWS:,} of {len(rows):,} claims, around the selected one: "
                "open it from another claim to see others.",
                markup=False,
            )
        return shown

    _told_window = False

    def stance_target(self) -> tuple[str, str] | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        if keys.column_key.value == "claim":
            self.app.notify("Move right onto a stakeholder's column first.", markup=False)
            return None
        return keys.column_key.value, keys.row_key.value  # type: ignore[return-value]

    def debate_changed(self, change: Change, focus: str | None) -> None:
        if change.everything or change.parents or "claims" in change.tables:
            self.fill()
            return
        table = self.query_one(DataTable)
        debate = self.app.debate
        positions = {(s.claim, s.stakeholder): s.position for s in debate.stances if s.claim in change.claims}
        for claim_id in change.claims:
            if claim_id not in self._rows:
                continue
            for person in debate.stakeholders:
                table.update_cell(claim_id, person.id, position_cell(positions.get((claim_id, person.id))))
