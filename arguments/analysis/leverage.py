"""Leverage: which claims to work on with whom, read off each stakeholder's own DF-QuAD view.

For a stakeholder of power ≥ MIN_POWER who does not yet support the motion (position ≤ 0,
or no stance on it), every claim they took a stance on is moved one step "toward the
motion" and the motion's strength from their point of view (`strength.StrengthModel`) is
recomputed. Toward the motion means up for a claim that argues for it and down for one
that argues against it: the sign of the claim's shortest support/attack path to the
motion (a claim attacking an attacker argues for it). The move's weight is

    gain in their σ(motion) × their power × (1 + LEARNED_BONUS × people it moved before)

where "people it moved before" counts the stakeholders whose stance moved toward the
motion while this claim was on the presenter slide (`stance_changes.presented`).
For each supporter the same is done the other way: one step away from the motion, the
loss in their σ(motion) × power is what to defend. Claims they hold no stance on are
never ranked: the plan lists them as missing, the ones the motion's strength in their
view depends on most first (what to ask them about).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Debate
from .coalitions import CoalitionAnalysis, coalitions
from .index import StanceIndex, sign
from .strength import StrengthModel, aggregate, stance_base

MIN_POWER = 3
"""Least power of a stakeholder worth a plan of their own (the middle of the 1..5 scale)."""
LEARNED_BONUS = 0.5
"""Each stakeholder a claim moved before, on the slide, adds half its weight again."""
TOP = 5
"""Claims listed per stakeholder."""
ALLIES = 3
"""Allies listed per claim."""


def polarity(model: StrengthModel, motion: str) -> dict[str, int]:
    """+1 for claims whose strength raises MOTION's, −1 for those lowering it, by the sign
    of their shortest support/attack path to it (breadth first; the motion itself is +1)."""
    graph = model.graph
    start = graph.rank[motion]
    signs = {start: 1}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for u, edge in [(s, 1) for s in graph.supporters[v]] + [(a, -1) for a in graph.attackers[v]]:
            if u not in signs:
                signs[u] = signs[v] * edge
                queue.append(u)
    return {graph.ids[v]: s for v, s in signs.items()}


class Views:
    """Each stakeholder's base scores and strengths, and the motion's strength after a change.

    Asking "what if this one base score were different?" thousands of times must not cost
    a pass over the debate each: only the claims on the way from it to the motion are
    recomputed, and each of them updates its cached attack and support products for the
    one input that changed instead of recombining all its inputs."""

    def __init__(self, model: StrengthModel, motion: str, reaching: set[str] | None = None):
        self.model = model
        graph = model.graph
        self.motion = graph.rank[motion]
        self.reaching = {graph.rank[c] for c in reaching} if reaching is not None else None
        self._cache: dict[str, tuple[Sequence[float], Sequence[float]]] = {}
        self._products: dict[str, tuple[list[float], list[float]]] = {}
        self._affected: dict[int, list[int]] = {}
        """Claim -> the components its strength flows into, toward the motion, in order."""

    def view(self, stakeholder: str) -> tuple[Sequence[float], Sequence[float]]:
        """(base, scores) from STAKEHOLDER's stances."""
        if stakeholder not in self._cache:
            base, scores, _, _ = self.model._view(stakeholder)
            self._cache[stakeholder] = (base, scores)
        return self._cache[stakeholder]

    def _rests(self, stakeholder: str) -> tuple[list[float], list[float]]:
        """∏(1 − σ) over each claim's attackers and over its supporters, in STAKEHOLDER's view."""
        if stakeholder not in self._products:
            graph = self.model.graph
            scores = self.view(stakeholder)[1]
            rests = []
            for inputs in (graph.attackers, graph.supporters):
                out = []
                for members in inputs:
                    rest = 1.0
                    for x in members:
                        rest *= 1.0 - scores[x]
                    out.append(rest)
                rests.append(out)
            self._products[stakeholder] = (rests[0], rests[1])
        return self._products[stakeholder]

    def motion_score(self, stakeholder: str) -> float:
        return self.view(stakeholder)[1][self.motion]

    def motion_after(self, stakeholder: str, claim: str, new_base: float) -> float:
        """The motion's strength for STAKEHOLDER once CLAIM's base score is NEW_BASE."""
        graph = self.model.graph
        base, scores = self.view(stakeholder)
        v = graph.rank[claim]
        affected = self._affected.get(v)
        if affected is None:
            downstream = graph.downstream([v])
            if self.reaching is not None:
                downstream &= self.reaching
            affected = self._affected[v] = sorted({graph.component_of[u] for u in downstream})
        if graph.cyclic_components.intersection(affected):
            changed = list(base)
            changed[v] = new_base
            after, _, _ = graph.evaluate(changed, affected, scores)
            return after[self.motion]
        rest_a, rest_s = self._rests(stakeholder)
        overlay: dict[int, float] = {}
        for component in affected:
            u = graph.components[component][0]
            if u == v:
                attack, support = 1.0 - rest_a[u], 1.0 - rest_s[u]
            else:
                ra = _updated(rest_a[u], graph.attackers[u], overlay, scores)
                rs = _updated(rest_s[u], graph.supporters[u], overlay, scores)
                attack, support = 1.0 - ra, 1.0 - rs
            overlay[u] = aggregate(new_base if u == v else base[u], attack, support)
        return overlay.get(self.motion, scores[self.motion])

    def sensitivity(self, stakeholder: str) -> list[float]:
        """∂σ(motion)/∂τ(claim) for every claim in STAKEHOLDER's view, in one backward pass
        from the motion (reverse-mode, as in backpropagation); claims on a cycle get 0."""
        graph = self.model.graph
        base, scores = self.view(stakeholder)
        rest_a, rest_s = self._rests(stakeholder)
        adjoint = [0.0] * len(base)
        adjoint[self.motion] = 1.0
        out = [0.0] * len(base)
        for component in reversed(range(len(graph.components))):
            members = graph.components[component]
            u = members[0]
            g = adjoint[u]
            if len(members) > 1 or not g:
                continue
            attack, support, tau = 1.0 - rest_a[u], 1.0 - rest_s[u], base[u]
            if attack >= support:
                d_tau, d_attack, d_support = 1.0 - (attack - support), -tau, tau
            else:
                d_tau, d_attack, d_support = 1.0 - (support - attack), -(1.0 - tau), 1.0 - tau
            out[u] = g * d_tau
            for inputs, rest, d in (
                (graph.attackers[u], rest_a[u], d_attack),
                (graph.supporters[u], rest_s[u], d_support),
            ):
                for x in inputs:
                    adjoint[x] += g * d * _others(rest, x, inputs, scores)
        return out


def _others(rest: float, x: int, inputs: list[int], scores: Sequence[float]) -> float:
    """∏(1 − σ) over INPUTS other than X, REST being the product over all of them."""
    if 1.0 - scores[x] > 1e-12:
        return rest / (1.0 - scores[x])
    out = 1.0
    for y in inputs:
        if y != x:
            out *= 1.0 - scores[y]
    return out


def _updated(rest: float, inputs: list[int], overlay: dict[int, float], scores: Sequence[float]) -> float:
    """REST (∏(1 − σ) over INPUTS) with the inputs in OVERLAY changed; recombined from
    scratch when a changed input was at certainty (σ = 1), which a division cannot undo."""
    for x in inputs:
        if x in overlay:
            old = 1.0 - scores[x]
            if old < 1e-12:
                rest = 1.0
                for y in inputs:
                    rest *= 1.0 - overlay.get(y, scores[y])
                return rest
            rest = rest / old * (1.0 - overlay[x])
    return rest


@dataclass(frozen=True)
class Move:
    """One claim to move one step for one stakeholder."""

    claim: str
    position: int
    """Their stance on the claim now."""
    step: int
    """+1 or −1: the step considered (toward the motion for a target, away for a supporter)."""
    change: float
    """How far the step moves the motion's strength in their view (gain, or loss, ≥ 0)."""
    moved_before: int
    """Stakeholders who moved toward the motion while this claim was on the slide."""
    weight: float
    """change × power × (1 + LEARNED_BONUS × moved_before): the ranking figure."""
    evidence: list[str]
    """Evidence already attached to the claim."""
    allies: list[tuple[str, float]]
    """(stakeholder, congruence) of the closest others (congruence > 0) who already hold the
    claim's side that helps the motion, and so could carry the argument."""


@dataclass(frozen=True)
class StakeholderPlan:
    stakeholder: str
    power: int
    position: int | None
    """Their stance on the motion; None when they have none."""
    motion_strength: float
    """The motion's strength from their point of view."""
    moves: list[Move]
    """Best first; to win them over for a target, to defend for a supporter."""
    missing: list[str]
    """Claims bearing on the motion they hold no stance on, never ranked as moves; ordered
    by how much the motion's strength in their view depends on the claim (the derivative
    of σ(motion) by the claim's base score), so the facilitator knows what to ask first."""


@dataclass(frozen=True)
class Leverage:
    motion: str
    targets: list[StakeholderPlan]
    """Stakeholders of power ≥ MIN_POWER not yet supporting the motion, most powerful first."""
    supporters: list[StakeholderPlan]
    """Supporters of the motion (any power), most powerful first."""


def moved_by(debate: Debate, signs: dict[str, int]) -> dict[str, int]:
    """Claim id -> stakeholders whose stance moved toward the motion while it was on the slide."""
    people: dict[str, set[str]] = {}
    for change in debate.stance_changes:
        direction = signs.get(change.claim)
        if not change.presented or direction is None:
            continue
        if ((change.to or 0) - (change.from_ or 0)) * direction > 0:
            people.setdefault(change.presented, set()).add(change.stakeholder)
    return {claim: len(who) for claim, who in people.items()}


def leverage(
    debate: Debate,
    motion: str,
    index: StanceIndex | None = None,
    model: StrengthModel | None = None,
    groups: CoalitionAnalysis | None = None,
) -> Leverage:
    """Who to win over with which claims, and what to defend, for MOTION (a claim id)."""
    index = index or StanceIndex.of(debate)
    model = model or StrengthModel(debate, index)
    groups = groups or coalitions(debate, index)
    signs = polarity(model, motion)
    views = Views(model, motion, set(signs))
    learned = moved_by(debate, signs)
    evidence: dict[str, list[str]] = {}
    for item in debate.evidence:
        evidence.setdefault(item.claim, []).append(item.id)
    bearing = [cid for cid in model.graph.ids if cid in signs and cid != motion]
    order = sorted(index.power, key=lambda sid: -index.power[sid])

    def plan_for(sid: str, toward: int) -> StakeholderPlan:
        own = index.by_stakeholder[sid]
        now = views.motion_score(sid)
        moves = []
        for claim in bearing:
            position = own.get(claim)
            if position is None:
                continue
            step = signs[claim] * toward
            if not -3 <= position + step <= 3:
                continue  # already as far as a stance goes
            after = views.motion_after(sid, claim, stance_base(position + step))
            change = (after - now) * toward
            if change <= 1e-9:
                continue
            bonus = 1 + LEARNED_BONUS * learned.get(claim, 0)
            moves.append(
                Move(
                    claim,
                    position,
                    step,
                    change,
                    learned.get(claim, 0),
                    change * index.power[sid] * bonus,
                    evidence.get(claim, []),
                    _allies(index, groups, sid, claim, signs[claim]),
                )
            )
        moves.sort(key=lambda m: -m.weight)
        missing = [claim for claim in bearing if claim not in own]
        if missing:
            slope = views.sensitivity(sid)
            rank = model.graph.rank
            missing.sort(key=lambda c: -abs(slope[rank[c]]))  # stable: ties keep file order
        return StakeholderPlan(sid, index.power[sid], own.get(motion), now, moves[:TOP], missing)

    targets = [
        plan_for(s, 1) for s in order if index.power[s] >= MIN_POWER and (index.by_stakeholder[s].get(motion) or 0) <= 0
    ]
    supporters = [plan_for(s, -1) for s in order if (index.by_stakeholder[s].get(motion) or 0) > 0]
    return Leverage(motion, targets, supporters)


def _allies(index: StanceIndex, groups: CoalitionAnalysis, sid: str, claim: str, side: int) -> list[tuple[str, float]]:
    """The stakeholders closest to SID (congruence > 0) whose stance on CLAIM has sign SIDE."""
    found = []
    for other, position in index.by_claim.get(claim, {}).items():
        if other == sid or sign(position) != side:
            continue
        value = groups.congruence(sid, other)
        if value is not None and value > 0:
            found.append((other, value))
    found.sort(key=lambda item: -item[1])
    return found[:ALLIES]
