"""Options: several motions (root `thesis` claims) as answers to the one question, side by side.

For each option: the support and opposition indices (`feasibility`), the power-weighted
mean position of those who took a stance on it, the power-weighted mean of its DF-QuAD
strength over every stakeholder's view, and which coalitions back it: a declared
coalition or computed group backs an option when its members' power-weighted mean
position on it is above zero, and resists it when below.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .coalitions import CoalitionAnalysis, coalitions
from .feasibility import Feasibility, feasibility
from .index import StanceIndex
from .strength import StrengthModel


@dataclass(frozen=True)
class Option:
    claim: str
    feasibility: Feasibility
    mean_position: float | None
    """Σ power × position / Σ power over those with a stance on it; None when nobody has one."""
    strength: float
    """Σ power × σ(option in their view) / Σ power over every stakeholder."""
    backed_by: list[str]
    """Declared coalition ids and computed groups (`group 1`, ...) leaning for it."""
    resisted_by: list[str]


def options(debate: Debate) -> list[str]:
    """The motions: every root claim of kind `thesis`, in file order."""
    return [c.id for c in debate.claims if c.parent is None and c.kind == "thesis"]


def _lean(members: list[str], positions: dict[str, int], power: dict[str, int]) -> int:
    weight = total = 0
    for sid in members:
        if sid in positions:
            weight += power[sid]
            total += power[sid] * positions[sid]
    return 0 if not weight else (total > 0) - (total < 0)


def compare(
    debate: Debate,
    index: StanceIndex | None = None,
    model: StrengthModel | None = None,
    groups: CoalitionAnalysis | None = None,
) -> list[Option]:
    """Every option of the debate compared (see the module docstring), in file order."""
    index = index or StanceIndex.of(debate)
    model = model or StrengthModel(debate, index)
    groups = groups or coalitions(debate, index)
    total_power = sum(index.power.values())
    blocs = [(c.id, [m for m in c.members if m in index.power]) for c in debate.coalitions]
    blocs += [(f"group {i}", members) for i, members in enumerate(groups.groups, 1) if len(members) > 1]
    out = []
    for claim in options(debate):
        positions = index.by_claim.get(claim, {})
        weight = sum(index.power[s] for s in positions)
        mean = sum(index.power[s] * p for s, p in positions.items()) / weight if weight else None
        views = model.claim_by_stakeholder(claim)
        strength = (
            sum(index.power[s] * v for s, v in views.items()) / total_power
            if total_power
            else model.scores[model.graph.rank[claim]]
        )
        leans = {name: _lean(members, positions, index.power) for name, members in blocs}
        out.append(
            Option(
                claim,
                feasibility(debate, claim, index),
                mean,
                strength,
                [name for name, lean in leans.items() if lean > 0],
                [name for name, lean in leans.items() if lean < 0],
            )
        )
    return out
