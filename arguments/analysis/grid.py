"""The power-interest grid (Mendelow 1991): how to treat each stakeholder.

A stakeholder's power and interest (1..5) count as high from HIGH (3, the scale's middle)
up, so an unassessed stakeholder (both default to 3) lands where it gets attention:
high power and interest → manage closely; high power only → keep satisfied; high interest
only → keep informed; neither → monitor.
"""

from __future__ import annotations

from ..model import Debate

HIGH = 3
"""Power or interest at or above this counts as high."""
QUADRANTS: tuple[str, ...] = ("manage closely", "keep satisfied", "keep informed", "monitor")


def quadrant(power: int, interest: int) -> str:
    if power >= HIGH:
        return "manage closely" if interest >= HIGH else "keep satisfied"
    return "keep informed" if interest >= HIGH else "monitor"


def power_interest_grid(debate: Debate) -> dict[str, list[str]]:
    """Stakeholder ids in each quadrant, highest power + interest first (file order on ties)."""
    grid: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    ranked = sorted(debate.stakeholders, key=lambda s: -(s.power + s.interest))
    for stakeholder in ranked:
        grid[quadrant(stakeholder.power, stakeholder.interest)].append(stakeholder.id)
    return grid
