"""Per-claim counts every view shows: who supports, who opposes, how much evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Debate, Evidence, Stance


@dataclass
class ClaimSummary:
    """Stances and evidence on one claim; `*_power` weigh each stakeholder by power."""

    support: int = 0
    oppose: int = 0
    neutral: int = 0
    support_power: int = 0
    oppose_power: int = 0
    evidence_for: int = 0
    evidence_against: int = 0

    @property
    def evidence(self) -> int:
        return self.evidence_for + self.evidence_against


def summarise(debate: Debate, claim_ids: Iterable[str] | None = None) -> dict[str, ClaimSummary]:
    """A summary for every claim (or just CLAIM_IDS), in one pass over stances and evidence."""
    out = (
        {cid: ClaimSummary() for cid in claim_ids}
        if claim_ids is not None
        else {c.id: ClaimSummary() for c in debate.claims}
    )
    if not out:
        return out
    power = {s.id: s.power for s in debate.stakeholders}
    for stance in debate.stances:
        summary = out.get(stance.claim)
        if summary is not None:
            _count_stance(summary, stance, power)
    for item in debate.evidence:
        summary = out.get(item.claim)
        if summary is not None:
            _count_evidence(summary, item)
    return out


def summary_of(stances: Iterable[Stance], evidence: Iterable[Evidence], power: dict[str, int]) -> ClaimSummary:
    """The summary of one claim from its STANCES and EVIDENCE (POWER: stakeholder id to power)."""
    summary = ClaimSummary()
    for stance in stances:
        _count_stance(summary, stance, power)
    for item in evidence:
        _count_evidence(summary, item)
    return summary


def _count_stance(summary: ClaimSummary, stance: Stance, power: dict[str, int]) -> None:
    weight = power.get(stance.stakeholder, 0)
    if stance.position > 0:
        summary.support += 1
        summary.support_power += weight
    elif stance.position < 0:
        summary.oppose += 1
        summary.oppose_power += weight
    else:
        summary.neutral += 1


def _count_evidence(summary: ClaimSummary, item: Evidence) -> None:
    if item.relation == "supports":
        summary.evidence_for += 1
    else:
        summary.evidence_against += 1
