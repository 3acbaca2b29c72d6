"""Stance-matrix analytics: how contested each claim is, and the cruxes of the motion.

Contestedness is the power-weighted standard deviation of the positions taken on a claim:
0 when everyone who took a stance agrees, 3 when equal weight sits at +3 and at −3.
A crux is a claim on which the motion's supporters and its opponents disagree most: the
score is the gap between the two camps' power-weighted mean positions on it (0..6), for
claims on which at least one member of each camp took a stance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex, motion_id


@dataclass(frozen=True)
class Contest:
    claim: str
    spread: float
    """Power-weighted standard deviation of the positions, 0..3."""
    mean: float
    """Power-weighted mean position, −3..3 (0 without stances)."""
    stances: int


@dataclass(frozen=True)
class Crux:
    claim: str
    gap: float
    """Supporters' mean minus opponents' mean, −6..6; a large |gap| is a crux."""
    supporters_mean: float
    opponents_mean: float
    supporters: int
    opponents: int


def contestedness(debate: Debate, index: StanceIndex | None = None) -> dict[str, Contest]:
    """How contested every claim is, in file order."""
    index = index or StanceIndex.of(debate)
    out: dict[str, Contest] = {}
    for claim in debate.claims:
        positions = index.by_claim.get(claim.id, {})
        weight = total = squares = 0.0
        for stakeholder, position in positions.items():
            w = index.power[stakeholder]
            weight += w
            total += w * position
            squares += w * position * position
        mean = total / weight if weight else 0.0
        spread = math.sqrt(max(squares / weight - mean * mean, 0.0)) if weight else 0.0
        out[claim.id] = Contest(claim.id, spread, mean, len(positions))
    return out


def cruxes(debate: Debate, index: StanceIndex | None = None, motion: str | None = None) -> list[Crux]:
    """Claims (other than MOTION) on which the motion's two camps disagree, largest gap first."""
    index = index or StanceIndex.of(debate)
    motion = motion or motion_id(debate)
    if motion is None:
        return []
    camp = {sid: (1 if p > 0 else -1) for sid, p in index.by_claim.get(motion, {}).items() if p}
    found: list[Crux] = []
    for claim in debate.claims:
        if claim.id == motion:
            continue
        sums = {1: [0.0, 0.0, 0], -1: [0.0, 0.0, 0]}  # camp -> [weight, weighted sum, count]
        for stakeholder, position in index.by_claim.get(claim.id, {}).items():
            side = camp.get(stakeholder)
            if side is not None:
                w = index.power[stakeholder]
                acc = sums[side]
                acc[0] += w
                acc[1] += w * position
                acc[2] += 1
        pro, con = sums[1], sums[-1]
        if pro[2] and con[2]:
            pro_mean, con_mean = pro[1] / pro[0], con[1] / con[0]
            found.append(Crux(claim.id, pro_mean - con_mean, pro_mean, con_mean, int(pro[2]), int(con[2])))
    found.sort(key=lambda c: -abs(c.gap))
    return found
