"""Position map, as in PolicyMaker (Reich & Cooper): who stands where on a claim, by power.

Seven columns from strong support (+3) to strong opposition (−3) with the non-mobilised
(0) in the middle, and one row per power level from 5 (decisive) down to 1. Stakeholders
with no stance on the claim are listed apart, so nobody silently drops off the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex

COLUMNS: tuple[int, ...] = (3, 2, 1, 0, -1, -2, -3)
"""Positions in the order PolicyMaker draws them: support on the left."""
COLUMN_NAMES: dict[int, str] = {
    3: "strong support",
    2: "medium support",
    1: "low support",
    0: "not mobilised",
    -1: "low opposition",
    -2: "medium opposition",
    -3: "strong opposition",
}
POWER_ROWS: tuple[int, ...] = (5, 4, 3, 2, 1)


@dataclass(frozen=True)
class PositionMap:
    """`cells[power][position]` lists stakeholder ids in file order; every cell is present."""

    claim: str
    cells: dict[int, dict[int, list[str]]]
    no_stance: list[str]

    def column(self, position: int) -> list[str]:
        """Everyone at POSITION, most powerful first."""
        return [sid for power in POWER_ROWS for sid in self.cells[power][position]]


def position_map(debate: Debate, claim: str, index: StanceIndex | None = None) -> PositionMap:
    """Where every stakeholder stands on CLAIM (usually the motion)."""
    index = index or StanceIndex.of(debate)
    cells: dict[int, dict[int, list[str]]] = {power: {position: [] for position in COLUMNS} for power in POWER_ROWS}
    no_stance: list[str] = []
    positions = index.by_claim.get(claim, {})
    for stakeholder in debate.stakeholders:
        position = positions.get(stakeholder.id)
        if position is None:
            no_stance.append(stakeholder.id)
        else:
            cells[stakeholder.power][position].append(stakeholder.id)
    return PositionMap(claim, cells, no_stance)
