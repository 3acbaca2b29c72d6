"""How claims, positions and stakeholders look: Rich `Text` built from safe user text.

Every user string passes through `arguments.display` here, and only ever becomes a `Text`,
so nothing from a file is read as markup or reaches the terminal as a control sequence.
"""

from __future__ import annotations

from rich.text import Text

from arguments.display import one_line, safe_text
from arguments.history import stakeholder_label
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


def stakeholder_name(debate: Debate, stakeholder_id: str) -> str:
    """The short name (or name) people say in the room, never the id."""
    return clipped(stakeholder_label(debate, stakeholder_id), 60).plain


def claim_line(debate: Debate, claim_id: str, width: int = 400) -> str:
    """A claim's text on one line for a dialog title (which wraps), cut with … only past WIDTH."""
    shown = one_line(next((c.text for c in debate.claims if c.id == claim_id), claim_id), None)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


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


STANCE_WIDTH = 5
"""Cells for `▲n▼n`: room for one two-digit count, so sibling texts line up."""
EVIDENCE_WIDTH = 4
"""Cells for `evN` and the space after it."""


def summary_prefix(summary: ClaimSummary | None) -> Text:
    """The compact counts put before a claim's text, where a narrow tree never cuts them:
    `▲3▼1 ev2 `, always as wide (blank where there is nothing to count)."""
    text = Text()
    support = summary.support if summary else 0
    oppose = summary.oppose if summary else 0
    evidence = summary.evidence if summary else 0
    if support or oppose:
        text.append(f"▲{support}", style="green")
        text.append(f"▼{oppose}", style="red")
    text.pad_right(max(0, STANCE_WIDTH - text.cell_len) + 1)
    start = text.cell_len
    if evidence:
        text.append(f"ev{evidence}", style="dim")
    text.pad_right(max(1, start + EVIDENCE_WIDTH - text.cell_len))
    return text


def claim_label(claim: Claim, summary: ClaimSummary | None, links: int = 0) -> Text:
    """One tree line: relation mark, stance and evidence counts, kind, text, link count."""
    text = Text()
    if claim.relation:
        mark, style = RELATION_MARKS[claim.relation]
        text.append(mark + " ", style=style)
    text.append_text(summary_prefix(summary))
    if claim.kind == "question":
        text.append("? " if not claim.closed else "✓? ", style="bold yellow")
    elif claim.kind == "thesis":
        text.append("◆ ", style="bold")
    text.append(one_line(claim.text, 200), style="bold" if claim.kind == "thesis" else "")
    if links:
        text.append(f"  ↔{links}", style="cyan")
    return text


def link_counts(debate: Debate) -> dict[str, int]:
    counts: dict[str, int] = {}
    for link in debate.links:
        for end in (link.from_, link.to):
            counts[end] = counts.get(end, 0) + 1
    return counts
