"""The details of the selected claim: text, notes, evidence with citations, every stance."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from arguments.model import Debate

from .labels import RELATION_MARKS, block, plain, position_cell


def describe_claim(debate: Debate, claim_id: str) -> Text:
    """Everything known about one claim, as one Text."""
    claim = next((c for c in debate.claims if c.id == claim_id), None)
    if claim is None:
        return Text("")
    out = Text()
    if claim.relation:
        mark, style = RELATION_MARKS[claim.relation]
        out.append(mark + " ", style=style)
    out.append(claim.kind + (" (closed)" if claim.closed else ""), style="bold yellow" if claim.kind == "question" else "bold")
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
    citations = {s.id: s.citation for s in debate.sources}
    evidence = [e for e in debate.evidence if e.claim == claim_id]
    out.append(f"\nEvidence ({len(evidence)})\n", style="bold underline")
    for item in evidence:
        out.append("✓ " if item.relation == "supports" else "✗ ", style="green" if item.relation == "supports" else "red")
        out.append_text(block(item.text))
        out.append(f"  [{item.kind}, reliability {item.reliability}/5]\n", style="dim")
        if item.quote:
            out.append("  “", style="italic")
            out.append_text(Text(block(item.quote).plain, style="italic"))
            out.append("”\n", style="italic")
        if item.source:
            out.append("  — ", style="dim")
            out.append_text(plain(citations.get(item.source, item.source)))
            if item.locator:
                out.append_text(plain(", " + item.locator))
            out.append("\n")
    names = {s.id: s.label for s in debate.stakeholders}
    power = {s.id: s.power for s in debate.stakeholders}
    stances = [s for s in debate.stances if s.claim == claim_id]
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
    links = [k for k in debate.links if claim_id in (k.from_, k.to)]
    if links:
        out.append(f"\nLinks ({len(links)})\n", style="bold underline")
        texts = {c.id: c.text for c in debate.claims if c.id in {k.from_ for k in links} | {k.to for k in links}}
        for link in links:
            other, arrow = (link.to, "→") if link.from_ == claim_id else (link.from_, "←")
            out.append(f"{arrow} {link.relation} ", style="cyan")
            out.append_text(plain(texts.get(other, other), 120))
            out.append("\n")
    return out


class ClaimDetails(VerticalScroll, can_focus=False):
    """A scrolling panel beside the tree showing `describe_claim` for the selected claim."""

    def compose(self):  # noqa: ANN201
        yield Static(id="details-body", markup=False)

    def show(self, debate: Debate, claim_id: str | None) -> None:
        body = self.query_one("#details-body", Static)
        body.update(describe_claim(debate, claim_id) if claim_id else Text(""))
