"""The lookups every analysis shares, built once in one pass over the debate."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Debate


@dataclass
class StanceIndex:
    """Stakeholders' power and positions, by claim and by stakeholder (file order kept).

    Stances that name an unknown stakeholder or claim are left out, so a half-checked
    debate never breaks an analysis.
    """

    power: dict[str, int] = field(default_factory=dict)
    by_claim: dict[str, dict[str, int]] = field(default_factory=dict)
    by_stakeholder: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, debate: Debate) -> StanceIndex:
        index = cls(power={s.id: s.power for s in debate.stakeholders})
        index.by_stakeholder = {s.id: {} for s in debate.stakeholders}
        claims = {c.id for c in debate.claims}
        for stance in debate.stances:
            if stance.stakeholder in index.power and stance.claim in claims:
                index.by_claim.setdefault(stance.claim, {})[stance.stakeholder] = stance.position
                index.by_stakeholder[stance.stakeholder][stance.claim] = stance.position
        return index

    def position(self, stakeholder: str, claim: str) -> int | None:
        return self.by_stakeholder.get(stakeholder, {}).get(claim)


def motion_id(debate: Debate) -> str | None:
    """The id of the debate's motion, or None for a debate without claims."""
    motion = debate.motion
    return motion.id if motion is not None else None


def sign(value: float) -> int:
    return (value > 0) - (value < 0)
