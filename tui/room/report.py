"""Where the room moved and where it stands apart from the stakeholders, for `shifts` and
`analyze` (terminal and JSON), from the debate's saved polls."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from arguments.display import one_line
from arguments.model import Debate
from arguments.polls import disagreements, mean, moves


def room_data(debate: Debate) -> dict[str, Any]:
    """The room's moves between polls and its gaps with stakeholders, as plain data."""
    return {
        "moves": [
            {
                "claim": m.claim,
                "before": m.before.counts,
                "after": m.after.counts,
                "shift": round(m.shift, 2),
                "from": m.before.opened,
                "to": m.after.opened,
            }
            for m in moves(debate)
        ],
        "disagreements": [
            {"claim": d.claim, "stakeholder": d.stakeholder, "room": round(d.room, 2), "position": d.position}
            for d in disagreements(debate)
        ],
    }


def print_room(console: Console, debate: Debate) -> None:
    """Print the room's tables; nothing when the debate has no answered polls."""
    if not any(sum(p.counts) for p in debate.polls):
        return
    texts = {c.id: c.text for c in debate.claims}
    names = {s.id: s.label for s in debate.stakeholders}
    console.print(Rule(Text("The room")))
    found = moves(debate)
    if found:
        table = Table(title=Text("Where the room moved between two showings"))
        for name in ("Claim", "Mean before", "Mean after", "Moved", "When"):
            table.add_column(name, overflow="fold")
        for move in found:
            table.add_row(
                Text(one_line(texts.get(move.claim, move.claim), 120)),
                f"{mean(move.before.counts):+.1f}",
                f"{mean(move.after.counts):+.1f}",
                f"{move.shift:+.1f}",
                Text(one_line(f"{move.before.opened} → {move.after.opened}", 80)),
            )
        console.print(table)
    else:
        console.print(Text("The room did not move between showings of a claim (or saw each claim once)."))
    gaps = disagreements(debate)
    if gaps:
        table = Table(title=Text("Where the room and a stakeholder stand apart (2 or more)"))
        for name in ("Claim", "Stakeholder", "Stakeholder's stance", "Room's mean"):
            table.add_column(name, overflow="fold")
        for gap in gaps:
            table.add_row(
                Text(one_line(texts.get(gap.claim, gap.claim), 120)),
                Text(one_line(names.get(gap.stakeholder, gap.stakeholder), 60)),
                f"{gap.position:+d}",
                f"{gap.room:+.1f}",
            )
        console.print(table)
