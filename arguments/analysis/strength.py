"""Argument strength: the DF-QuAD gradual semantics over the support/attack graph.

Rago, Toni, Aurisicchio & Baroni, "Discontinuity-Free Decision Support with Quantitative
Argumentation Debates" (KR 2016). The graph is the claim tree (each claim supports or
attacks its parent) plus the debate's links. A claim's strength is

    σ(a) = C(τ(a), F(σ of its attackers), F(σ of its supporters))
    F(v₁..vₙ) = 1 − ∏(1 − vᵢ)            (F of nothing = 0)
    C(v₀, va, vs) = v₀ − v₀·(va − vs)      if va ≥ vs
                  = v₀ + (1 − v₀)·(vs − va) otherwise

Base scores τ:
- overall, from evidence: τ = C(0.5, F(w of undermining items), F(w of supporting items))
  with w = reliability / 6, so one item of reliability 3 moves 0.5 to 0.75 (or 0.25) and
  no amount of evidence reaches certainty; a claim without evidence has τ = 0.5;
- from one stakeholder's view: τ = 0.5 + position / 6 on every claim they took a stance
  on (−3 → 0, 0 → 0.5, +3 → 1), the evidence-based τ elsewhere.

Acyclic parts are evaluated once in topological order (Kahn's algorithm, no recursion).
Claims on or downstream of a cycle through links start at τ and are updated together
(Jacobi iteration) until no score moves by more than TOLERANCE, at most MAX_ITERATIONS
times; a result that did not settle says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex, motion_id

NEUTRAL = 0.5
"""Base score of a claim nobody has evidence or a stance on."""
MAX_ITERATIONS = 1000
TOLERANCE = 1e-9


def combine(values: Iterable[float]) -> float:
    """F: the probabilistic sum 1 − ∏(1 − vᵢ); 0 for no values."""
    rest = 1.0
    for value in values:
        rest *= 1.0 - value
    return 1.0 - rest


def aggregate(base: float, attack: float, support: float) -> float:
    """C: move BASE down towards 0 by the excess of attack, or up towards 1 by that of support."""
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def evidence_base(debate: Debate) -> dict[str, float]:
    """τ of every claim from its evidence (see the module docstring)."""
    pro: dict[str, list[float]] = {}
    con: dict[str, list[float]] = {}
    for item in debate.evidence:
        side = pro if item.relation == "supports" else con
        side.setdefault(item.claim, []).append(item.reliability / 6)
    return {c.id: aggregate(NEUTRAL, combine(con.get(c.id, ())), combine(pro.get(c.id, ()))) for c in debate.claims}


def stance_base(position: int) -> float:
    """τ from a stakeholder's position: −3 → 0, 0 → 0.5, +3 → 1."""
    return NEUTRAL + position / 6


@dataclass(frozen=True)
class Strength:
    """Scores σ and base scores τ by claim id; `cyclic` lists claims evaluated by iteration."""

    scores: dict[str, float]
    base: dict[str, float]
    cyclic: list[str]
    converged: bool
    iterations: int


class SupportGraph:
    """Claims as nodes, support and attack edges from parents and links, in topological order."""

    def __init__(self, debate: Debate):
        self.ids = [c.id for c in debate.claims]
        self.rank = {cid: i for i, cid in enumerate(self.ids)}
        n = len(self.ids)
        self.attackers: list[list[int]] = [[] for _ in range(n)]
        self.supporters: list[list[int]] = [[] for _ in range(n)]
        self.targets: list[list[int]] = [[] for _ in range(n)]
        edges = [(c.id, c.parent, c.relation) for c in debate.claims if c.parent and c.relation]
        edges += [(link.from_, link.to, link.relation) for link in debate.links]
        seen: set[tuple[int, int, str]] = set()
        for source, target, relation in edges:
            s, t = self.rank.get(source), self.rank.get(target or "")
            if s is None or t is None or s == t or (s, t, relation) in seen:
                continue
            seen.add((s, t, relation))
            (self.supporters if relation == "supports" else self.attackers)[t].append(s)
            self.targets[s].append(t)
        self.order, self.cyclic = self._sort()
        self.position = {v: i for i, v in enumerate(self.order)}

    def _sort(self) -> tuple[list[int], list[int]]:
        """Kahn's algorithm: nodes whose inputs are all known first; the rest sit on or below a cycle."""
        waiting = [len(a) + len(s) for a, s in zip(self.attackers, self.supporters)]
        ready = deque(v for v, count in enumerate(waiting) if count == 0)
        order: list[int] = []
        while ready:
            v = ready.popleft()
            order.append(v)
            for t in self.targets[v]:
                waiting[t] -= 1
                if waiting[t] == 0:
                    ready.append(t)
        placed = set(order)
        return order, [v for v in range(len(self.ids)) if v not in placed]

    def _score(self, v: int, base: list[float], scores: list[float]) -> float:
        attack = combine(scores[a] for a in self.attackers[v]) if self.attackers[v] else 0.0
        support = combine(scores[s] for s in self.supporters[v]) if self.supporters[v] else 0.0
        return aggregate(base[v], attack, support)

    def evaluate(self, base: list[float]) -> tuple[list[float], bool, int]:
        """Scores for BASE, whether the cyclic part converged, and how many rounds it took."""
        scores = list(base)
        for v in self.order:
            scores[v] = self._score(v, base, scores)
        if not self.cyclic:
            return scores, True, 0
        for round_ in range(1, MAX_ITERATIONS + 1):
            new = [self._score(v, base, scores) for v in self.cyclic]
            moved = max(abs(value - scores[v]) for v, value in zip(self.cyclic, new))
            for v, value in zip(self.cyclic, new):
                scores[v] = value
            if moved <= TOLERANCE:
                return scores, True, round_
        return scores, False, MAX_ITERATIONS

    def downstream(self, starts: Iterable[int]) -> set[int]:
        """STARTS and every claim their strength flows into."""
        seen = set(starts)
        stack = list(seen)
        while stack:
            for t in self.targets[stack.pop()]:
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        return seen


class StrengthModel:
    """The graph and the overall scores, computed once; stakeholders' views reuse them."""

    def __init__(self, debate: Debate, index: StanceIndex | None = None):
        self.graph = SupportGraph(debate)
        self.index = index or StanceIndex.of(debate)
        by_id = evidence_base(debate)
        self.base = [by_id[cid] for cid in self.graph.ids]
        self.scores, self.converged, self.iterations = self.graph.evaluate(self.base)

    def _result(self, scores: list[float], base: list[float], converged: bool, iterations: int) -> Strength:
        ids = self.graph.ids
        return Strength(
            scores=dict(zip(ids, scores)),
            base=dict(zip(ids, base)),
            cyclic=[ids[v] for v in self.graph.cyclic],
            converged=converged,
            iterations=iterations,
        )

    def overall(self) -> Strength:
        return self._result(self.scores, self.base, self.converged, self.iterations)

    def _view(self, stakeholder: str) -> tuple[list[float], list[float], bool, int]:
        """Scores from STAKEHOLDER's stances; only claims downstream of a changed τ are recomputed."""
        base = list(self.base)
        rank = self.graph.rank
        changed = []
        for claim, position in self.index.by_stakeholder.get(stakeholder, {}).items():
            v = rank[claim]
            value = stance_base(position)
            if value != base[v]:
                base[v] = value
                changed.append(v)
        affected = self.graph.downstream(changed)
        if any(v not in self.graph.position for v in affected):
            scores, converged, iterations = self.graph.evaluate(base)  # a cycle: evaluate all again
            return base, scores, converged, iterations
        scores = list(self.scores)
        for v in sorted(affected, key=self.graph.position.__getitem__):
            scores[v] = self.graph._score(v, base, scores)
        return base, scores, self.converged, self.iterations

    def for_stakeholder(self, stakeholder: str) -> Strength:
        base, scores, converged, iterations = self._view(stakeholder)
        return self._result(scores, base, converged, iterations)

    def claim_by_stakeholder(self, claim: str) -> dict[str, float]:
        """CLAIM's strength from every stakeholder's point of view."""
        v = self.graph.rank[claim]
        return {sid: self._view(sid)[1][v] for sid in self.index.by_stakeholder}


def strength(debate: Debate, stakeholder: str | None = None) -> Strength:
    """DF-QuAD strength of every claim, overall or from STAKEHOLDER's point of view."""
    model = StrengthModel(debate)
    return model.overall() if stakeholder is None else model.for_stakeholder(stakeholder)


def motion_strength_by_stakeholder(debate: Debate) -> dict[str, float]:
    """The motion's strength from each stakeholder's point of view ({} without a motion)."""
    motion = motion_id(debate)
    return StrengthModel(debate).claim_by_stakeholder(motion) if motion else {}
