"""The details of the selected claim: text, notes, evidence with citations, every stance."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from arguments.claim_records import ClaimRecords
from arguments.model import Claim, Debate

from .labels import RELATION_MARKS, block, plain, position_cell
from .room_panel import RoomPanel, poll_lines


def describe_claim(debate: Debate, claim_id: str, records: ClaimRecords | None = None) -> Text:
    """Everything known about one claim, as one Text."""
    records = records or ClaimRecords(debate)
    claim: Claim | None = records.by_id("claims", claim_id)
    if claim is None:
        return Text("")
    out = Text()
    if claim.relation:
        mark, style = RELATION_MARKS[claim.relation]
        out.append(mark + " ", style=style)
    out.append(
        claim.kind + (" (closed)" if claim.closed else ""), style="bold yellow" if claim.kind == "question" else "bold"
    )
    out.append(f"  {claim.id}\n", style="dim")
    out.append_text(block(claim.text))
    out.append("\n")
    if claim.notes:
        out.append("\nNotes\n", style="bold underline")
        out.append_text(block(claim.notes))
        out.append("\n")
    if claim.tags:
        out.append("Tags: ", style="dim")
        out.append_text(plain(", ".join(claim.tags)))
        out.append("\n")
    evidence = records.on("evidence", claim_id)
    out.append(f"\nEvidence ({len(evidence)})\n", style="bold underline")
    for item in evidence:
        out.append(
            "✓ " if item.relation == "supports" else "✗ ", style="green" if item.relation == "supports" else "red"
        )
        out.append_text(block(item.text))
        out.append(f"  [{item.kind}, reliability {item.reliability}/5]\n", style="dim")
        if item.quote:
            out.append("  “", style="italic")
            out.append_text(Text(block(item.quote).plain, style="italic"))
            out.append("”\n", style="italic")
        if item.source:
            out.append("  — ", style="dim")
            source = records.by_id("sources", item.source)
            out.append_text(plain(source.citation if source is not None else item.source))
            if item.locator:
                out.append_text(plain(", " + item.locator))
            out.append("\n")
    names = {s.id: s.label for s in debate.stakeholders}
    power = {s.id: s.power for s in debate.stakeholders}
    stances = records.on("stances", claim_id)
    out.append(f"\nStances ({len(stances)})\n", style="bold underline")
    pro = [s for s in stances if s.position > 0]
    con = [s for s in stances if s.position < 0]
    if pro or con:
        out.append(f"▲{len(pro)} for (power {sum(power.get(s.stakeholder, 0) for s in pro)})", style="green")
        out.append(f"  ▼{len(con)} against (power {sum(power.get(s.stakeholder, 0) for s in con)})\n", style="red")
    for stance in sorted(stances, key=lambda s: -s.position):
        out.append_text(position_cell(stance.position))
        out.append(" ")
        out.append_text(plain(names.get(stance.stakeholder, stance.stakeholder), 60))
        out.append(f"  ({stance.basis})", style="dim")
        if stance.rationale:
            out.append(": ")
            out.append_text(block(stance.rationale))
        out.append("\n")
    out.append_text(poll_lines(debate, claim_id))
    links = records.on("links", claim_id)
    if links:
        out.append(f"\nLinks ({len(links)})\n", style="bold underline")
        for link in links:
            other, arrow = (link.to, "→") if link.from_ == claim_id else (link.from_, "←")
            out.append(f"{arrow} {link.relation} ", style="cyan")
            target = records.by_id("claims", other)
            out.append_text(plain(target.text if target is not None else other, 120))
            out.append("\n")
    return out


EMPTY_DEBATE = Text.assemble(
    ("This debate has no claims yet.\n\n", "bold"),
    "Press + to add the first claim: the motion, the statement the debate is about. ",
    "Then + and − add claims for and against it, and ? lists every key.",
)
"""What the details pane says when there is nothing to show, so an empty debate is never a blank screen."""


class ClaimDetails(VerticalScroll, can_focus=False):
    """A scrolling panel beside the tree showing `describe_claim` for the selected claim."""

    def __init__(self, records: ClaimRecords, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.records = records

    def compose(self):  # noqa: ANN201
        yield Static(id="details-body", markup=False)
        yield RoomPanel()

    def show(self, claim_id: str | None) -> None:
        body = self.query_one("#details-body", Static)
        if claim_id:
            body.update(describe_claim(self.records.debate, claim_id, self.records))
        elif not self.records.debate.claims:
            body.update(EMPTY_DEBATE)
        else:
            body.update(Text(""))
        self.query_one(RoomPanel).follow(claim_id)
