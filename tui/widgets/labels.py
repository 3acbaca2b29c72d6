"""How claims, positions and stakeholders look: Rich `Text` built from safe user text.

Every user string passes through `arguments.display` here, and only ever becomes a `Text`,
so nothing from a file is read as markup or reaches the terminal as a control sequence.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from arguments.display import one_line, safe_text
from arguments.model import Claim, Debate
from arguments.summary import ClaimSummary

RELATION_MARKS = {
    "supports": ("+ pro", "bold green"),
    "opposes": ("− con", "bold red"),
}
POSITION_STYLES = {
    -3: "bold white on red3",
    -2: "white on red",
    -1: "black on light_salmon1",
    0: "black on grey70",
    1: "black on pale_green1",
    2: "black on green3",
    3: "bold white on green4",
}


def plain(text: str, limit: int | None = 300) -> Text:
    """User text on one line, control characters visible, never markup."""
    return Text(one_line(text, limit))


def clipped(text: str, width: int) -> Text:
    """User text on one line cut to WIDTH cells with an ellipsis, for tight columns."""
    shown = one_line(text, None)
    return Text(shown if len(shown) <= width else shown[: width - 1] + "…")


def block(text: str) -> Text:
    """User text kept on its lines, control characters visible, never markup."""
    return Text(safe_text(text))


def signed(position: int) -> str:
    return f"{position:+d}" if position else "0"


def position_cell(position: int | None) -> Text:
    """A stance cell: the number on its colour, so colour is never the only cue."""
    if position is None:
        return Text(" · ", style="dim")
    return Text(f"{signed(position):^3}", style=POSITION_STYLES[position])


def claim_label(claim: Claim, summary: ClaimSummary | None, links: int = 0) -> Text:
    """One tree line: relation mark, kind, text, stance counts, evidence and link counts."""
    text = Text()
    if claim.relation:
        mark, style = RELATION_MARKS[claim.relation]
        text.append(mark + " ", style=style)
    if claim.kind == "question":
        text.append("? " if not claim.closed else "✓? ", style="bold yellow")
    elif claim.kind == "thesis":
        text.append("◆ ", style="bold")
    text.append(one_line(claim.text, 200), style="bold" if claim.kind == "thesis" else "")
    if summary is not None:
        if summary.support or summary.oppose:
            text.append("  ")
            text.append(f"▲{summary.support}", style="green")
            text.append(f"▼{summary.oppose}", style="red")
        if summary.evidence:
            text.append(f"  ev{summary.evidence}", style="dim")
    if links:
        text.append(f"  ↔{links}", style="cyan")
    return text


def summaries_for(debate: Debate, claim_ids: Iterable[str]) -> dict[str, ClaimSummary]:
    """Summaries of just these claims: one pass over stances and evidence, nothing rebuilt."""
    out = {cid: ClaimSummary() for cid in claim_ids}
    if not out:
        return out
    power = {s.id: s.power for s in debate.stakeholders}
    for stance in debate.stances:
        summary = out.get(stance.claim)
        if summary is None:
            continue
        weight = power.get(stance.stakeholder, 0)
        if stance.position > 0:
            summary.support += 1
            summary.support_power += weight
        elif stance.position < 0:
            summary.oppose += 1
            summary.oppose_power += weight
        else:
            summary.neutral += 1
    for item in debate.evidence:
        summary = out.get(item.claim)
        if summary is not None:
            if item.relation == "supports":
                summary.evidence_for += 1
            else:
                summary.evidence_against += 1
    return out


def link_counts(debate: Debate) -> dict[str, int]:
    counts: dict[str, int] = {}
    for link in debate.links:
        for end in (link.from_, link.to):
            counts[end] = counts.get(end, 0) + 1
    return counts
