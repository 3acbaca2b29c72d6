"""What-if: a scenario applied to a copy of the debate, and the analyses before and after.

A scenario (kept in the file, or made up on the spot with `adhoc_scenario`) overrides
stakeholders' positions and powers and drops claims with their subtrees. The debate passed
in is never changed: the copy shares the untouched records and replaces the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Debate, PositionOverride, PowerOverride, Scenario, Stance
from ..tree import ClaimTree
from .coalitions import coalitions
from .feasibility import Feasibility, feasibility_by_claim
from .index import StanceIndex, motion_id
from .strength import StrengthModel


class UnknownId(ValueError):
    """A scenario names a stakeholder or claim the debate does not have."""


def adhoc_scenario(
    positions: Iterable[tuple[str, str, int]] = (),
    powers: Iterable[tuple[str, int]] = (),
    dropped: Iterable[str] = (),
    name: str = "What if",
) -> Scenario:
    """A scenario that is not saved: (stakeholder, claim, position), (stakeholder, power), claim ids."""
    return Scenario(
        id="what-if",
        name=name,
        positions=[PositionOverride(stakeholder=s, claim=c, position=p) for s, c, p in positions],
        powers=[PowerOverride(stakeholder=s, power=p) for s, p in powers],
        dropped=list(dropped),
    )


def _check_ids(debate: Debate, scenario: Scenario) -> None:
    stakeholders = {s.id for s in debate.stakeholders}
    claims = {c.id for c in debate.claims}
    overrides: list[PositionOverride | PowerOverride] = [*scenario.positions, *scenario.powers]
    for override in overrides:
        if override.stakeholder not in stakeholders:
            raise UnknownId(f'scenario "{scenario.id}": no stakeholder with id "{override.stakeholder}"')
    for claim in [*(o.claim for o in scenario.positions), *scenario.dropped]:
        if claim not in claims:
            raise UnknownId(f'scenario "{scenario.id}": no claim with id "{claim}"')


def apply_scenario(debate: Debate, scenario: Scenario) -> Debate:
    """A copy of DEBATE with SCENARIO applied; raises UnknownId for ids the debate lacks."""
    _check_ids(debate, scenario)
    tree = ClaimTree.of(debate)
    gone = {cid for root in scenario.dropped for cid in tree.subtree(root)}
    powers = {o.stakeholder: o.power for o in scenario.powers}
    moved = {(o.stakeholder, o.claim): o.position for o in scenario.positions if o.claim not in gone}
    stances: list[Stance] = []
    for stance in debate.stances:
        if stance.claim in gone:
            continue
        key = (stance.stakeholder, stance.claim)
        if key in moved:
            stance = stance.model_copy(update={"position": moved.pop(key)})
        stances.append(stance)
    stances += [Stance(stakeholder=s, claim=c, position=p) for (s, c), p in moved.items()]
    return debate.model_copy(
        update={
            "stakeholders": [
                s.model_copy(update={"power": powers[s.id]}) if s.id in powers else s for s in debate.stakeholders
            ],
            "claims": [c for c in debate.claims if c.id not in gone],
            "links": [link for link in debate.links if link.from_ not in gone and link.to not in gone],
            "evidence": [e for e in debate.evidence if e.claim not in gone],
            "stances": stances,
        }
    )


@dataclass(frozen=True)
class Outcome:
    """What a what-if compares: feasibility, groups and strength (overall and per stakeholder)."""

    motion: str | None
    feasibility: dict[str, Feasibility]
    groups: list[list[str]]
    strength: dict[str, float]
    motion_by_stakeholder: dict[str, float]
    converged: bool


def outcome(debate: Debate) -> Outcome:
    index = StanceIndex.of(debate)
    model = StrengthModel(debate, index)
    motion = motion_id(debate)
    return Outcome(
        motion=motion,
        feasibility=feasibility_by_claim(debate, index),
        groups=coalitions(debate, index).groups,
        strength=model.overall().scores,
        motion_by_stakeholder=model.claim_by_stakeholder(motion) if motion else {},
        converged=model.converged,
    )


@dataclass(frozen=True)
class WhatIf:
    scenario: Scenario
    before: Outcome
    after: Outcome

    def changed_claims(self) -> list[str]:
        """Claims whose feasibility or strength differs (dropped claims included), in file order."""
        changed = []
        for claim, before in self.before.feasibility.items():
            after = self.after.feasibility.get(claim)
            if after != before or abs(self.before.strength[claim] - self.after.strength.get(claim, -1.0)) > 1e-9:
                changed.append(claim)
        return changed


def what_if(debate: Debate, scenario: Scenario, before: Outcome | None = None) -> WhatIf:
    """Feasibility, coalitions and strength before and after SCENARIO; DEBATE is unchanged.
    BEFORE, when the caller has it already, is DEBATE's outcome."""
    return WhatIf(scenario, before or outcome(debate), outcome(apply_scenario(debate, scenario)))
