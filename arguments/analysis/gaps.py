"""Gaps: what the map claims without showing why.

Claims (not questions) with no evidence; stances with neither a rationale nor evidence,
and stances without evidence; claims whose evidence all comes from one source, and
evidence items that name no source; stakeholders with no stance on the motion.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .index import motion_id


@dataclass(frozen=True)
class Gaps:
    claims_without_evidence: list[str]
    stances_without_reason: list[tuple[str, str]]
    """(stakeholder, claim) of stances with neither a rationale nor evidence."""
    stances_without_evidence: list[tuple[str, str]]
    """(stakeholder, claim) of stances that cite no evidence (with or without a rationale)."""
    single_source: dict[str, str]
    """Claim id -> the one source all its evidence comes from."""
    unsourced_evidence: list[str]
    """Evidence items that name no source."""
    silent_on_motion: list[str]
    """Stakeholders with no stance on the motion."""


def gaps(debate: Debate) -> Gaps:
    """Every gap in the debate, each list in file order."""
    with_evidence = {item.claim for item in debate.evidence}
    sources: dict[str, set[str | None]] = {}
    for item in debate.evidence:
        sources.setdefault(item.claim, set()).add(item.source)
    single = {
        claim: source
        for claim, found in sources.items()
        if len(found) == 1 and (source := next(iter(found))) is not None
    }
    motion = motion_id(debate)
    on_motion = {s.stakeholder for s in debate.stances if s.claim == motion}
    return Gaps(
        claims_without_evidence=[c.id for c in debate.claims if c.kind != "question" and c.id not in with_evidence],
        stances_without_reason=[
            (s.stakeholder, s.claim) for s in debate.stances if not s.rationale.strip() and not s.evidence
        ],
        stances_without_evidence=[(s.stakeholder, s.claim) for s in debate.stances if not s.evidence],
        single_source=single,
        unsourced_evidence=[item.id for item in debate.evidence if item.source is None],
        silent_on_motion=[s.id for s in debate.stakeholders if s.id not in on_motion] if motion else [],
    )
