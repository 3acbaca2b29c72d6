"""Evidence and sources: every evidence item with its claim and source; add, edit, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from arguments import operations as ops
from arguments.model import Evidence, Source
from arguments.operations import Change

from ..widgets.labels import block, claim_line, clipped
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .base import DebateScreen
from .form import FormField, FormScreen

if TYPE_CHECKING:
    from ..app import DebateApp

KINDS = ["statistic", "testimony", "case", "document", "expert", "news", "other"]


def evidence_form(app: DebateApp, claim_id: str | None = None, evidence_id: str | None = None) -> FormScreen:
    """A form adding evidence to CLAIM_ID, or editing EVIDENCE_ID."""
    debate = app.debate
    item: Evidence | None = next((e for e in debate.evidence if e.id == evidence_id), None)
    sources = [("(none)", None)] + [(clipped(s.citation, 60), s.id) for s in debate.sources]  # Text: never markup
    on_claim = item.claim if item else claim_id
    fields = [
        FormField("text", "What it shows", item.text if item else ""),
        FormField(
            "relation",
            "Relation",
            item.relation if item else "supports",
            "choice",
            [("supports", "supports"), ("undermines", "undermines")],
        ),
        FormField("source", "Source", item.source if item else None, "choice", sources),
        FormField("locator", "Where in the source", item.locator if item else ""),
        FormField("kind", "Kind", item.kind if item else "other", "choice", [(k, k) for k in KINDS]),
        FormField(
            "reliability",
            "Reliability (1-5)",
            item.reliability if item else 3,
            "choice",
            [(str(n), n) for n in range(1, 6)],
        ),
        FormField("quote", "Quote", item.quote if item else "", "area"),
        FormField("claim", "On claim (id; change it to move the evidence)", on_claim or ""),
    ]

    def submit(values: dict) -> str | None:
        if item is None:
            claim = values.pop("claim")
            return app.edit(lambda: ops.add_evidence(debate, claim, **values))
        return app.edit(lambda: ops.edit_evidence(debate, item.id, **values))

    about = f" on: {claim_line(debate, on_claim)}" if on_claim else ""
    return FormScreen(("Edit evidence" if item else "New evidence") + about, fields, submit, focus="text")


def source_form(app: DebateApp, source: Source | None) -> FormScreen:
    debate = app.debate
    fields = [] if source else [FormField("id", "Id (blank: made from the citation)", "")]
    fields += [
        FormField("citation", "Citation", source.citation if source else ""),
        FormField("url", "URL", (source.url or "") if source else ""),
    ]
    if not getattr(app, "served", False):  # a path on the serving machine is not for a browser to set
        fields.append(FormField("file", "Text file", (source.file or "") if source else ""))

    def submit(values: dict) -> str | None:
        values["url"] = values["url"] or None
        if "file" in values:
            values["file"] = values["file"] or None
        if source is None:
            return app.edit(lambda: ops.add_source(debate, **values))
        return app.edit(lambda: ops.edit_source(debate, source.id, **values))

    return FormScreen(f"Edit source {source.id}" if source else "New source", fields, submit)


MAX_ROWS = 2000
"""Rows each table lists: 50,000 evidence items took 7 s to lay out at 100,000 claims."""


class EvidenceScreen(DebateScreen[None]):
    """Evidence above, sources below; `tab` switches; `a`, `e`, `d` act on the focused list."""

    HELP_TITLE = "Evidence and sources"
    HELP_RANK = 50
    HELP_KEYS = [("tab", "Switch between the lists")]

    EDIT_ACTIONS = frozenset({"add", "edit", "delete"})

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("a", "add", "Add", id="add-item"),
        Binding("e,enter", "edit", "Edit", id="edit-item"),
        Binding("d,delete", "delete", "Delete", id="delete-item"),
        Binding("g", "go_to_claim", "Go to claim", id="go-to-claim"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(Text("Evidence", style="bold"), classes="screen-heading", id="evidence-heading")
        yield DataTable(id="evidence-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="evidence-whole", markup=False)
        yield Static(Text("Sources", style="bold"), classes="screen-heading")
        yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        evidence = self.query_one("#evidence-table", DataTable)
        for name, key in (("What it shows", "text"), ("On claim", "claim"), ("Rel", "rel"), ("Source", "source")):
            evidence.add_column(name, key=key)
        sources = self.query_one("#sources-table", DataTable)
        for name in ("Id", "Citation", "URL"):
            sources.add_column(name, key=name.lower())
        self.fill()
        evidence.focus()

    def fill(self) -> None:
        debate = self.app.debate
        evidence = self.query_one("#evidence-table", DataTable)
        row = evidence.cursor_row
        evidence.clear()
        claims = {c.id: c.text for c in debate.claims}
        citations = {s.id: s.citation for s in debate.sources}
        listed = debate.evidence[:MAX_ROWS]
        heading = (
            "Evidence"
            if len(listed) == len(debate.evidence)
            else (
                f"Evidence: the first {len(listed):,} of {len(debate.evidence):,} (each claim's own are in its details)"
            )
        )
        self.query_one("#evidence-heading", Static).update(Text(heading, style="bold"))
        for item in listed:
            evidence.add_row(
                clipped(item.text, 60),
                clipped(claims.get(item.claim, item.claim), 32),
                Text(item.relation[:4]),
                clipped(citations.get(item.source, item.source) if item.source else "", 24),
                key=item.id,
            )
        if evidence.row_count:
            evidence.move_cursor(row=min(row, evidence.row_count - 1))
        sources = self.query_one("#sources-table", DataTable)
        row = sources.cursor_row
        sources.clear()
        for source in debate.sources[:MAX_ROWS]:
            sources.add_row(Text(source.id), clipped(source.citation, 80), clipped(source.url or "", 60), key=source.id)
        if sources.row_count:
            sources.move_cursor(row=min(row, sources.row_count - 1))

    def debate_changed(self, change: Change, focus: str | None) -> None:
        if change.tables & {"evidence", "sources", "claims"} or change.everything:
            self.fill()

    @on(DataTable.RowHighlighted, "#evidence-table")
    def _show_whole(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted evidence in full, with the claim it bears on: the table cuts both."""
        debate = self.app.debate
        item = next((e for e in debate.evidence if e.id == event.row_key.value), None)
        whole = Text()
        if item is not None:
            whole.append_text(block(item.text))
            whole.append("\n" + ("supports: " if item.relation == "supports" else "undermines: "), style="dim")
            whole.append_text(Text(claim_line(debate, item.claim), style="italic"))
        self.query_one("#evidence-whole", Static).update(whole)

    @on(DataTable.RowSelected)
    async def _row_chosen(self) -> None:  # enter on a row: the table handles the key itself
        await self.run_action("edit")

    def _focused(self) -> tuple[str, str | None]:
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#evidence-table", DataTable)
        which = "sources" if table.id == "sources-table" else "evidence"
        if not table.row_count:
            return which, None
        return which, table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_add(self) -> None:
        which, _ = self._focused()
        if which == "sources":
            self.app.push_screen(source_form(self.app, None))
        else:
            main = self.app.main
            self.app.push_screen(evidence_form(self.app, claim_id=main.claim_id))

    def action_edit(self) -> None:
        which, rid = self._focused()
        if rid is None:
            return
        if which == "sources":
            source = next(s for s in self.app.debate.sources if s.id == rid)
            self.app.push_screen(source_form(self.app, source))
        else:
            self.app.push_screen(evidence_form(self.app, evidence_id=rid))

    def action_delete(self) -> None:
        which, rid = self._focused()
        if rid is None:
            return
        debate = self.app.debate
        if which == "sources":
            self.app.edit(lambda: ops.delete_source(debate, rid))
        else:
            self.app.edit(lambda: ops.delete_evidence(debate, rid))

    def action_go_to_claim(self) -> None:
        which, rid = self._focused()
        if which == "evidence" and rid is not None:
            claim = next(e.claim for e in self.app.debate.evidence if e.id == rid)
            self.app.jump_to(("claim", claim))
