"""Presenter mode: one claim at a time, large, for the projected screen.

Walks the tree depth-first (`right`/`left`) or branch by branch (`]`/`[`, `u` up), hides
stances until revealed (`v`) so the room answers first, and captures stances live with
the single stance keys on the stakeholder chosen with `up`/`down`.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
from textual.widgets import Static

from arguments.display import one_line
from arguments.model import Debate
from arguments.operations import Change
from arguments.tree import ClaimTree

from ..widgets.labels import RELATION_MARKS, block, plain, position_cell
from ..widgets.room_panel import RoomPanel
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .stance_keys import STANCE_BINDINGS, StanceKeys

PRESENTER_FOOTER = {
    "stance_step(1)": lambda b: replace(b, key_display="+ −", description="Stance"),
    "stance_step(-1)": lambda b: replace(b, show=False),
    "stance_note": lambda b: replace(b, show=True, description="Note why"),
}
"""The stance keys as the presenter's footer shows them: few words, so all fit at 80 columns."""


class PresenterScreen(StanceKeys):
    """One claim, its pros and cons, evidence and (once revealed) who stands where."""

    HELP_TITLE = "Presenter mode"
    HELP_RANK = 80

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Leave", id="leave-presenter"),
        Binding("right,space", "step(1)", "Next", id="presenter-next"),
        Binding("left", "step(-1)", "Previous", show=False, id="presenter-previous"),
        Binding("right_square_bracket", "sibling(1)", "Next branch", show=False, id="presenter-next-branch"),
        Binding("left_square_bracket", "sibling(-1)", "Previous branch", show=False, id="presenter-previous-branch"),
        Binding("u", "up", "Up a level", show=False, id="presenter-up"),
        Binding("v", "reveal", "Reveal", id="presenter-reveal"),
        Binding("up", "stakeholder(-1)", "Stakeholder", key_display="↑↓", id="presenter-stakeholder-up"),
        Binding("down", "stakeholder(1)", "Next stakeholder", show=False, id="presenter-stakeholder-down"),
        *[PRESENTER_FOOTER.get(b.action, lambda b: b)(b) for b in STANCE_BINDINGS if b.action != "stance_rationale"],
    ]

    def __init__(self, claim_id: str | None = None, reveal: bool = False) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.revealed = reveal
        self.stakeholder_row = 0
        self.stakeholder_rows: list[Static] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="presenter", can_focus=False), Center(), Vertical(id="presenter-slide"):
            yield Static(id="presenter-body", markup=False)
            yield RoomPanel(follow=True)
            yield Static(id="presenter-stances-heading", markup=False)
            yield Vertical(id="presenter-stances")
        yield SteadyFooter()

    @property
    def debate(self) -> Debate:
        return self.app.debate

    def on_mount(self) -> None:
        self.app.show_title()
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
        self.end_stance_run()
        self.show()
        # a new slide starts at its top: the claim and its summary are what the room reads first
        self.query_one("#presenter", VerticalScroll).scroll_home(animate=False)

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.show()

    def action_stakeholder(self, step: int) -> None:
        count = len(self.debate.stakeholders)
        if count:
            self.stakeholder_row = (self.stakeholder_row + step) % count
            self.end_stance_run()
            self.show(follow_stakeholder=True)

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

    def debate_changed(self, change: Change, focus: str | None) -> None:
        self.claims_tree = ClaimTree.of(self.debate)
        if self.claim_id not in self.claims_tree.by_id:
            self.claim_id = self.claims_tree.roots[0] if self.claims_tree.roots else None
        self.show()

    def show(self, follow_stakeholder: bool = False) -> None:
        """Draw the slide; FOLLOW_STAKEHOLDER scrolls to the stakeholder being chosen."""
        self.query_one("#presenter-body", Static).update(self.render_slide())
        self.query_one("#presenter-stances-heading", Static).update(self.render_stances_heading())
        self.query_one(RoomPanel).follow(self.claim_id)
        rows = self.query_one("#presenter-stances", Vertical)
        wanted = len(self.debate.stakeholders) if self.claim_id is not None else 0
        shown = self.stakeholder_rows
        if len(shown) != wanted:
            for widget in shown[wanted:]:
                widget.remove()
            added = [Static(markup=False, classes="presenter-stakeholder") for _ in range(wanted - len(shown))]
            if added:
                rows.mount_all(added)
            shown = self.stakeholder_rows = shown[:wanted] + added
        for row, widget in enumerate(shown):
            widget.update(self.render_stakeholder(row))
        if shown and follow_stakeholder:
            # The stakeholder being changed is always on screen, however tall the slide.
            chosen = shown[min(self.stakeholder_row, len(shown) - 1)]
            self.call_after_refresh(chosen.scroll_visible, animate=False)

    def render_claim(self) -> Text:
        """The whole slide as one text (what the room can scroll through)."""
        out = self.render_slide()
        if self.claim_id is not None:
            out.append("\n\n")
            out.append_text(self.render_stances_heading())
            for row in range(len(self.debate.stakeholders)):
                out.append("\n")
                out.append_text(self.render_stakeholder(row))
        return out

    def positions(self) -> dict[str, int]:
        return {s.stakeholder: s.position for s in self.debate.stances if s.claim == self.claim_id}

    def render_slide(self) -> Text:
        """Where we are, the claim, a summary, its pros and cons, and its evidence."""
        out = Text()
        if self.claim_id is None:
            return Text("This debate has no claims yet: leave with escape and press + to add the first claim.")
        tree, debate = self.claims_tree, self.debate
        claim = tree.by_id[self.claim_id]
        crumbs = [one_line(tree.by_id[a].text, 80) for a in reversed(tree.ancestors(self.claim_id))]
        order = self.order()
        out.append(f"{order.index(self.claim_id) + 1}/{len(order)}  ", style="dim")
        out.append(" › ".join(crumbs) or "The motion", style="dim")
        out.append("\n\n")
        if claim.kind == "question":
            out.append("QUESTION" + (" (closed)" if claim.closed else "") + "  ", style="bold yellow")
        elif claim.relation:
            mark, style = RELATION_MARKS[claim.relation]
            out.append(mark.upper() + "  ", style=style)
        out.append_text(Text(block(claim.text).plain, style="bold"))
        out.append("\n")
        kids = tree.kids(self.claim_id)
        evidence = [e for e in debate.evidence if e.claim == self.claim_id]
        out.append_text(self.render_summary(kids, evidence))
        for relation, title in (("supports", "Pros"), ("opposes", "Cons")):
            group = [k for k in kids if tree.by_id[k].relation == relation]
            if group:
                mark, style = RELATION_MARKS[relation]
                out.append(f"\n{title}\n", style=f"underline {style}")
                for kid in group:
                    out.append(f"  {mark[0]} ", style=style)
                    if tree.by_id[kid].kind == "question":
                        out.append("? ", style="bold yellow")
                    out.append_text(plain(tree.by_id[kid].text, 160))
                    out.append("\n")
        if evidence:
            out.append("\nEvidence\n", style="underline")
            citations = {s.id: s.citation for s in debate.sources}
            cited: list[str] = []
            for item in evidence:
                supports = item.relation == "supports"
                out.append("  ✓ " if supports else "  ✗ ", style="green" if supports else "red")
                out.append_text(plain(item.text, 300))
                if item.source:
                    if item.source not in cited:
                        cited.append(item.source)
                    out.append(f" [{cited.index(item.source) + 1}]", style="dim")
                out.append("\n")
            for number, source in enumerate(cited, 1):
                out.append(f"  [{number}] ", style="dim")
                out.append_text(Text(plain(citations.get(source, source), 400).plain, style="dim"))
                out.append("\n")
        out.rstrip()
        return out

    def render_summary(self, kids: list[str], evidence: list) -> Text:
        """One line on top: pros, cons and evidence, and (once revealed) who is for and against."""
        tree = self.claims_tree
        pros = sum(1 for k in kids if tree.by_id[k].relation == "supports")
        cons = len(kids) - pros
        out = Text()
        out.append(f"{pros} pro{'s' if pros != 1 else ''}", style="green")
        out.append(" · ")
        out.append(f"{cons} con{'s' if cons != 1 else ''}", style="red")
        out.append(f" · {len(evidence)} evidence · ", style="")
        if self.revealed:
            values = list(self.positions().values())
            out.append(f"{sum(1 for v in values if v > 0)} for", style="bold green")
            out.append(" · ")
            out.append(f"{sum(1 for v in values if v < 0)} against", style="bold red")
            out.append(f" · {sum(1 for v in values if v == 0)} neutral")
        else:
            out.append("stances hidden (v reveals)", style="dim")
        out.append("\n")
        return out

    def render_stances_heading(self) -> Text:
        if self.claim_id is None:
            return Text()
        out = Text("Who stands where", style="underline")
        out.append(
            "  (hidden: v reveals; ↑↓ chooses, + − set)"
            if not self.revealed
            else "  (↑↓ chooses, + − set, N notes why)",
            style="dim",
        )
        return out

    def render_stakeholder(self, row: int) -> Text:
        """One stakeholder's line: the marker when chosen, the position once revealed."""
        person = self.debate.stakeholders[row]
        position = self.positions().get(person.id)
        chosen = row == self.stakeholder_row
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append("▶ " if chosen else "  ", style="bold")
        if self.revealed:
            out.append_text(position_cell(position))
        else:
            out.append(" ? " if position is not None else " · ", style="dim")
        out.append(" ")
        out.append_text(Text(plain(person.label, 60).plain, style="bold reverse" if chosen else ""))
        return out
