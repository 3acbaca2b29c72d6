"""Perspective: the tree as one stakeholder sees it.

Which claims they support and oppose (in tree order), which of their stances have no
evidence behind them, and where they part from their own coalition: the declared
coalitions they belong to, or else the group computed for them. They disagree with it on a
claim when their position and the power-weighted mean of the other members who took a
stance there lie on different sides of neutral and at least one point apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from ..tree import ClaimTree
from .coalitions import CoalitionAnalysis, coalitions
from .index import StanceIndex, sign


@dataclass(frozen=True)
class Disagreement:
    claim: str
    position: int
    peers_mean: float
    """Power-weighted mean position of the other coalition members with a stance here."""
    peers: int


@dataclass(frozen=True)
class Perspective:
    stakeholder: str
    supports: list[tuple[str, int]]
    """(claim id, position) of every claim they support, in tree order."""
    opposes: list[tuple[str, int]]
    neutral: list[str]
    without_evidence: list[str]
    """Claims on which their stance cites no evidence, in tree order."""
    coalitions: list[str]
    """Declared coalitions they belong to; empty when compared with their computed group."""
    peers: list[str]
    """The stakeholders they are compared with."""
    disagreements: list[Disagreement]
    """Where they part from their peers, widest gap first."""


def perspective(
    debate: Debate,
    stakeholder: str,
    index: StanceIndex | None = None,
    groups: CoalitionAnalysis | None = None,
) -> Perspective:
    """STAKEHOLDER's view of the debate; raises KeyError for an unknown stakeholder."""
    index = index or StanceIndex.of(debate)
    if stakeholder not in index.power:
        raise KeyError(stakeholder)
    order = {cid: i for i, (cid, _) in enumerate(ClaimTree.of(debate).walk())}
    own = index.by_stakeholder[stakeholder]
    claims = sorted(own, key=lambda cid: order.get(cid, len(order)))
    cited = {s.claim for s in debate.stances if s.stakeholder == stakeholder and s.evidence}

    declared = [c for c in debate.coalitions if stakeholder in c.members]
    if declared:
        peers = list(dict.fromkeys(m for c in declared for m in c.members if m != stakeholder and m in index.power))
    else:
        groups = groups or coalitions(debate, index)
        peers = [m for m in groups.group_of(stakeholder) if m != stakeholder]

    disagreements: list[Disagreement] = []
    for claim in claims:
        weight = total = 0.0
        count = 0
        for peer in peers:
            position = index.by_stakeholder[peer].get(claim)
            if position is not None:
                weight += index.power[peer]
                total += index.power[peer] * position
                count += 1
        if not count:
            continue
        mean = total / weight
        mine = own[claim]
        if sign(mine) != sign(mean) and abs(mine - mean) >= 1:
            disagreements.append(Disagreement(claim, mine, mean, count))
    disagreements.sort(key=lambda d: -abs(d.position - d.peers_mean))

    return Perspective(
        stakeholder=stakeholder,
        supports=[(c, own[c]) for c in claims if own[c] > 0],
        opposes=[(c, own[c]) for c in claims if own[c] < 0],
        neutral=[c for c in claims if own[c] == 0],
        without_evidence=[c for c in claims if c not in cited],
        coalitions=[c.id for c in declared],
        peers=peers,
        disagreements=disagreements,
    )
