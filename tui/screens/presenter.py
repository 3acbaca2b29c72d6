"""Presenter mode: one claim at a time, large, for the projected screen.

Walks the tree depth-first (`right`/`left`) or branch by branch (`]`/`[`, `u` up), hides
stances until revealed (`v`) so the room answers first, and captures stances live with
the single stance keys on the stakeholder chosen with `up`/`down`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from arguments.model import Debate
from arguments.operations import Change
from arguments.tree import ClaimTree

from ..widgets.labels import RELATION_MARKS, block, clipped, plain, position_cell
from ..widgets.room_panel import RoomPanel
from ..widgets.stance_keys import STANCE_BINDINGS, StanceKeys
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar


class PresenterScreen(StanceKeys, Screen[None]):
    """One claim, its pros and cons, evidence and (once revealed) who stands where."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Leave", id="leave-presenter"),
        Binding("right,space", "step(1)", "Next", id="presenter-next"),
        Binding("left", "step(-1)", "Previous", id="presenter-previous"),
        Binding("right_square_bracket", "sibling(1)", "Next branch", show=False, id="presenter-next-branch"),
        Binding("left_square_bracket", "sibling(-1)", "Previous branch", show=False, id="presenter-previous-branch"),
        Binding("u", "up", "Up a level", show=False, id="presenter-up"),
        Binding("v", "reveal", "Reveal stances", id="presenter-reveal"),
        Binding("up", "stakeholder(-1)", "Previous stakeholder", show=False, id="presenter-stakeholder-up"),
        Binding("down", "stakeholder(1)", "Next stakeholder", show=False, id="presenter-stakeholder-down"),
        *[b for b in STANCE_BINDINGS if b.action != "stance_rationale"],
    ]

    def __init__(self, claim_id: str | None = None, reveal: bool = False) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.revealed = reveal
        self.stakeholder_row = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="presenter"):
            with Center():
                yield Static(id="presenter-body", markup=False)
            yield RoomPanel(follow=True)
        yield SteadyFooter()

    @property
    def debate(self) -> Debate:
        return self.app.debate  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.app.show_title()  # type: ignore[attr-defined]
        self.claims_tree = ClaimTree.of(self.debate)
        if self.claim_id not in self.claims_tree.by_id:
            self.claim_id = self.claims_tree.roots[0] if self.claims_tree.roots else None
        self.show()

    def order(self) -> list[str]:
        return [cid for cid, _ in self.claims_tree.walk()]

    def action_step(self, step: int) -> None:
        order = self.order()
        if self.claim_id in order:
            at = order.index(self.claim_id) + step
            if 0 <= at < len(order):
                self.go(order[at])

    def action_sibling(self, step: int) -> None:
        if self.claim_id is None:
            return
        parent = self.claims_tree.by_id[self.claim_id].parent
        siblings = self.claims_tree.kids(parent) if parent else self.claims_tree.roots
        at = siblings.index(self.claim_id) + step
        if 0 <= at < len(siblings):
            self.go(siblings[at])
        elif step > 0 and parent:  # past the last branch: carry on after the parent
            self.claim_id = parent
            self.action_sibling(1)

    def action_up(self) -> None:
        if self.claim_id and self.claims_tree.by_id[self.claim_id].parent:
            self.go(self.claims_tree.by_id[self.claim_id].parent)  # type: ignore[arg-type]

    def go(self, claim_id: str) -> None:
        """Show CLAIM_ID, its stances hidden again so the room answers first."""
        self.claim_id = claim_id
        self.revealed = False
        self.show()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.show()

    def action_stakeholder(self, step: int) -> None:
        count = len(self.debate.stakeholders)
        if count:
            self.stakeholder_row = (self.stakeholder_row + step) % count
            self.show()

    def stance_target(self) -> tuple[str, str] | None:
        people = self.debate.stakeholders
        if not people or self.claim_id is None:
            return None
        return people[min(self.stakeholder_row, len(people) - 1)].id, self.claim_id

    def presented(self) -> dict:
        if self.claim_id is None:
            return {}
        shown = tuple(e.id for e in self.debate.evidence if e.claim == self.claim_id)
        return {"presented": self.claim_id, "evidence_shown": shown}

    def debate_changed(self, change: Change) -> None:
        self.claims_tree = ClaimTree.of(self.debate)
        if self.claim_id not in self.claims_tree.by_id:
            self.claim_id = self.claims_tree.roots[0] if self.claims_tree.roots else None
        self.show()

    def show(self) -> None:
        self.query_one("#presenter-body", Static).update(self.render_claim())
        self.query_one(RoomPanel).follow(self.claim_id)

    def render_claim(self) -> Text:
        out = Text()
        if self.claim_id is None:
            return Text("This debate has no claims yet.")
        tree, debate = self.claims_tree, self.debate
        claim = tree.by_id[self.claim_id]
        crumbs = [clipped(tree.by_id[a].text, 28).plain for a in reversed(tree.ancestors(self.claim_id))]
        order = self.order()
        out.append(f"{order.index(self.claim_id) + 1}/{len(order)}  ", style="dim")
        out.append(" › ".join(crumbs) or "The motion", style="dim")
        out.append("\n\n")
        if claim.relation:
            mark, style = RELATION_MARKS[claim.relation]
            out.append(mark.upper() + "  ", style=style)
        if claim.kind == "question":
            out.append("QUESTION" + (" (closed)" if claim.closed else "") + "  ", style="bold yellow")
        out.append_text(Text(block(claim.text).plain, style="bold"))
        out.append("\n")
        kids = tree.kids(self.claim_id)
        for relation, title in (("supports", "Pros"), ("opposes", "Cons")):
            group = [k for k in kids if tree.by_id[k].relation == relation]
            if group:
                mark, style = RELATION_MARKS[relation]
                out.append(f"\n{title}\n", style=f"underline {style}")
                for kid in group:
                    out.append(f"  {mark[0]} ", style=style)
                    out.append_text(plain(tree.by_id[kid].text, 160))
                    out.append("\n")
        citations = {s.id: s.citation for s in debate.sources}
        evidence = [e for e in debate.evidence if e.claim == self.claim_id]
        if evidence:
            out.append("\nEvidence\n", style="underline")
            for item in evidence:
                out.append("  ✓ " if item.relation == "supports" else "  ✗ ", style="green" if item.relation == "supports" else "red")
                out.append_text(plain(item.text, 300))
                if item.source:
                    out.append("\n     — ", style="dim")
                    out.append_text(Text(plain(citations.get(item.source, item.source), 400).plain, style="dim"))
                out.append("\n")
        out.append("\nWho stands where", style="underline")
        out.append("  (hidden: v reveals)\n" if not self.revealed else "\n", style="dim")
        positions = {s.stakeholder: s.position for s in debate.stances if s.claim == self.claim_id}
        for row, person in enumerate(debate.stakeholders):
            chosen = row == self.stakeholder_row
            out.append("▶ " if chosen else "  ", style="bold")
            if self.revealed:
                out.append_text(position_cell(positions.get(person.id)))
            else:
                out.append(" ? " if person.id in positions else " · ", style="dim")
            out.append(" ")
            out.append_text(Text(plain(person.label, 60).plain, style="bold" if chosen else ""))
            out.append("\n")
        return out
