"""Feasibility, as in PolicyMaker: how much weight stands behind and against a claim.

The support index is Σ power × position over the stakeholders who support the claim, the
opposition index Σ power × |position| over those who oppose it (each at most 5 × 3 = 15
per stakeholder); the non-mobilised (position 0) and those with no stance are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex


@dataclass(frozen=True)
class Feasibility:
    claim: str
    support: int = 0
    opposition: int = 0
    supporters: int = 0
    opponents: int = 0
    non_mobilised: int = 0
    no_stance: int = 0

    @property
    def balance(self) -> float | None:
        """Support's share of the mobilised weight, 0..1; None when nobody is mobilised."""
        total = self.support + self.opposition
        return self.support / total if total else None


def _of(claim: str, positions: dict[str, int], power: dict[str, int]) -> Feasibility:
    support = opposition = supporters = opponents = idle = 0
    for stakeholder, position in positions.items():
        if position > 0:
            support += power[stakeholder] * position
            supporters += 1
        elif position < 0:
            opposition -= power[stakeholder] * position
            opponents += 1
        else:
            idle += 1
    return Feasibility(claim, support, opposition, supporters, opponents, idle, len(power) - len(positions))


def feasibility(debate: Debate, claim: str, index: StanceIndex | None = None) -> Feasibility:
    """Support and opposition indices of CLAIM."""
    index = index or StanceIndex.of(debate)
    return _of(claim, index.by_claim.get(claim, {}), index.power)


def feasibility_by_claim(debate: Debate, index: StanceIndex | None = None) -> dict[str, Feasibility]:
    """Support and opposition indices of every claim, in file order."""
    index = index or StanceIndex.of(debate)
    return {c.id: _of(c.id, index.by_claim.get(c.id, {}), index.power) for c in debate.claims}
