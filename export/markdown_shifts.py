"""The stance-history section of the Markdown export: who moved, on what, and why."""

from __future__ import annotations

from arguments.history import format_position, shifts, stakeholder_label
from arguments.model import Debate

from .md_escape import escape_inline

HEADING = "Stance shifts"


def section(debate: Debate, level: int = 2) -> str:
    """A Markdown section listing each stakeholder's stance shifts, oldest first."""
    lines = [f"{'#' * level} {HEADING}", ""]
    found = shifts(debate)
    if not found:
        lines.append("No stance changes recorded.")
    texts = {c.id: c.text for c in debate.claims}
    for shift in found:
        who = escape_inline(stakeholder_label(debate, shift.stakeholder))
        claim = escape_inline(texts.get(shift.claim, shift.claim))
        movement = " → ".join(escape_inline(format_position(p)) for p in shift.path)
        when = escape_inline(
            shift.first_at if shift.first_at == shift.last_at else f"{shift.first_at} to {shift.last_at}"
        )
        line = f"- **{who}** on *{claim}*: {movement} ({when})"
        if shift.notes:
            line += ", " + escape_inline("; ".join(shift.notes))
        if shift.presented:
            line += ", moved after the discussion of " + "; ".join(
                f"*{escape_inline(texts.get(c, c))}*" for c in shift.presented
            )
        lines.append(line)
    return "\n".join(lines) + "\n"
