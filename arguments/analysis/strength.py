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

The graph is split into strongly connected components (Kosaraju's algorithm, without
recursion) taken in topological order, so a claim outside any cycle is computed once,
after everything that bears on it. The claims of a cycle (only links can close one) start
at τ and are updated together (Jacobi iteration) until no score moves by more than
TOLERANCE, at most MAX_ITERATIONS rounds; a result that did not settle says so.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress

from .. import forked
from ..model import Debate
from .index import StanceIndex, motion_id

SPLIT_VIEWS_FROM = 20_000
"""Claims from which stakeholders' views of a claim are computed in a forked child
(`claim_by_stakeholder_begun`): at 100,000 claims they took 1.9 s of `analyze`'s 6; at
10,000, 0.08 s, less than a fork is worth."""
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
    """Scores σ and base scores τ by claim id; `cyclic` lists the claims on a cycle, which
    were iterated; `converged` is false when a cycle did not settle in MAX_ITERATIONS rounds."""

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
        self.components = self._components()
        self.component_of = [0] * n
        for c, members in enumerate(self.components):
            for v in members:
                self.component_of[v] = c
        self.alone = [members[0] if len(members) == 1 else -1 for members in self.components]
        """Component -> its one claim, or -1 for a cycle's component."""
        self.cyclic = sorted(v for members in self.components if len(members) > 1 for v in members)
        self.cyclic_components = {c for c, members in enumerate(self.components) if len(members) > 1}

    def _components(self) -> list[list[int]]:
        """Strongly connected components in topological order (Kosaraju, without recursion):
        everything that bears on a component comes before it."""
        n = len(self.ids)
        visited = [False] * n
        finished: list[int] = []
        for start in range(n):
            if visited[start]:
                continue
            visited[start] = True
            stack = [(start, iter(self.targets[start]))]
            while stack:
                v, pending = stack[-1]
                for t in pending:
                    if not visited[t]:
                        visited[t] = True
                        stack.append((t, iter(self.targets[t])))
                        break
                else:
                    stack.pop()
                    finished.append(v)
        component = [-1] * n
        components: list[list[int]] = []
        for start in reversed(finished):
            if component[start] != -1:
                continue
            members = [start]
            component[start] = len(components)
            todo = [start]
            while todo:
                v = todo.pop()
                for u in (*self.attackers[v], *self.supporters[v]):
                    if component[u] == -1:
                        component[u] = len(components)
                        members.append(u)
                        todo.append(u)
            components.append(sorted(members))
        return components

    def _score(self, v: int, base: Sequence[float], scores: Sequence[float]) -> float:
        # `combine` written out: this runs for every claim in every stakeholder's view.
        attack = support = 0.0
        attackers = self.attackers[v]
        if attackers:
            rest = 1.0
            for a in attackers:
                rest *= 1.0 - scores[a]
            attack = 1.0 - rest
        supporters = self.supporters[v]
        if supporters:
            rest = 1.0
            for s in supporters:
                rest *= 1.0 - scores[s]
            support = 1.0 - rest
        return aggregate(base[v], attack, support)

    def evaluate(
        self, base: Sequence[float], only: Iterable[int] | None = None, scores: Sequence[float] | None = None
    ) -> tuple[array[float], set[int], int]:
        """(scores, components of cycles that did not settle, most rounds a cycle took) for
        BASE. With ONLY (component indexes, ascending: in topological order) and SCORES,
        recompute just those on top of SCORES.

        Scores are an `array` of doubles, not a list of floats: copying one for each
        stakeholder's view is then a copy of memory, where a list's copy touched each of
        its 100,000 float objects (their reference counts) twice, and at that size they
        no longer sat in the processor's cache (a third of `analyze`'s time)."""
        scores = array("d", scores if scores is not None else base)
        unsettled: set[int] = set()
        rounds = 0
        # `_score` written out for the claims outside any cycle, with the lists bound
        # locally: every stakeholder's view runs this for thousands of claims (at 100,000
        # claims, 700,000 times in `analyze`). Same operations, same order: same floats.
        components, alone = self.components, self.alone
        attackers_of, supporters_of = self.attackers, self.supporters
        for c in only if only is not None else range(len(components)):
            v = alone[c]
            if v >= 0:
                attackers, supporters = attackers_of[v], supporters_of[v]
                attack = support = 0.0
                if attackers:
                    rest = 1.0
                    for a in attackers:
                        rest *= 1.0 - scores[a]
                    attack = 1.0 - rest
                if supporters:
                    rest = 1.0
                    for s in supporters:
                        rest *= 1.0 - scores[s]
                    support = 1.0 - rest
                b = base[v]
                scores[v] = b - b * (attack - support) if attack >= support else b + (1.0 - b) * (support - attack)
            else:
                members = components[c]
                settled, used = self.iterate(members, base, scores)
                rounds = max(rounds, used)
                if not settled:
                    unsettled.add(c)
        return scores, unsettled, rounds

    def iterate(self, nodes: list[int], base: Sequence[float], scores: array[float]) -> tuple[bool, int]:
        """Update a cycle's NODES together from their base scores until none moves; (converged, rounds)."""
        for v in nodes:
            scores[v] = base[v]
        for round_ in range(1, MAX_ITERATIONS + 1):
            new = [self._score(v, base, scores) for v in nodes]
            moved = max(abs(value - scores[v]) for v, value in zip(nodes, new))
            for v, value in zip(nodes, new):
                scores[v] = value
            if moved <= TOLERANCE:
                return True, round_
        return False, MAX_ITERATIONS

    def affected(self, starts: Iterable[int]) -> list[int]:
        """The components of STARTS and of every claim their strength flows into, in
        topological order: `downstream` and its components sorted, with flags in place of
        sets (each stakeholder's view asks this of thousands of claims)."""
        targets, component_of = self.targets, self.component_of
        seen = bytearray(len(self.ids))
        marked = bytearray(len(self.components))
        stack = []
        for v in starts:
            if not seen[v]:
                seen[v] = 1
                stack.append(v)
        while stack:
            v = stack.pop()
            marked[component_of[v]] = 1
            for t in targets[v]:
                if not seen[t]:
                    seen[t] = 1
                    stack.append(t)
        return list(compress(range(len(marked)), marked))

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
        self.base = array("d", [by_id[cid] for cid in self.graph.ids])
        self.scores, self.unsettled, self.iterations = self.graph.evaluate(self.base)

    def _result(self, scores: Sequence[float], base: Sequence[float], converged: bool, iterations: int) -> Strength:
        ids = self.graph.ids
        return Strength(
            scores=dict(zip(ids, scores)),
            base=dict(zip(ids, base)),
            cyclic=[ids[v] for v in self.graph.cyclic],
            converged=converged,
            iterations=iterations,
        )

    @property
    def converged(self) -> bool:
        return not self.unsettled

    def overall(self) -> Strength:
        return self._result(self.scores, self.base, self.converged, self.iterations)

    def _view(self, stakeholder: str) -> tuple[array[float], array[float], bool, int]:
        """(base, scores, converged, rounds) from STAKEHOLDER's stances; only claims downstream
        of a changed τ are recomputed, cycles among them iterated afresh."""
        base = self.base[:]
        rank = self.graph.rank
        changed = []
        for claim, position in self.index.by_stakeholder.get(stakeholder, {}).items():
            v = rank[claim]
            value = stance_base(position)
            if value != base[v]:
                base[v] = value
                changed.append(v)
        affected = self.graph.affected(changed)
        scores, unsettled, rounds = self.graph.evaluate(base, affected, self.scores)
        unsettled |= self.unsettled.difference(affected)  # cycles this view left as they were
        if self.graph.cyclic_components.isdisjoint(affected):
            rounds = self.iterations
        return base, scores, not unsettled, rounds

    def for_stakeholder(self, stakeholder: str) -> Strength:
        base, scores, converged, iterations = self._view(stakeholder)
        return self._result(scores, base, converged, iterations)

    def claim_by_stakeholder(self, claim: str) -> dict[str, float]:
        """CLAIM's strength from every stakeholder's point of view (from `SPLIT_VIEWS_FROM`
        claims, half the views computed by a forked child on the other core)."""
        return self.claim_by_stakeholder_begun(claim, split=True)()

    def claim_by_stakeholder_begun(self, claim: str, split: bool = False) -> Callable[[], dict[str, float]]:
        """`claim_by_stakeholder(CLAIM)` begun now: call what this returns for the answer.
        From `SPLIT_VIEWS_FROM` claims a forked child computes the views meanwhile, on the
        other core: all of them, for a caller with other work to do until it asks (as
        `report.analyse`), or with SPLIT the second half, the first being computed here
        when asked. The same floats either way: the same code on the same data; and
        computed here whenever no child can be had, or it fails."""
        v = self.graph.rank[claim]
        stakeholders = list(self.index.by_stakeholder)
        here = len(stakeholders) // 2 if split else 0
        child = None
        if len(self.graph.ids) >= SPLIT_VIEWS_FROM and here < len(stakeholders):
            child = forked.start(lambda: [self._view(sid)[1][v] for sid in stakeholders[here:]])
        if child is None:
            here = len(stakeholders)

        def answer() -> dict[str, float]:
            scores = [self._view(sid)[1][v] for sid in stakeholders[:here]]
            theirs = child.result() if child is not None else None
            if not (isinstance(theirs, list) and len(theirs) == len(stakeholders) - here):
                theirs = [self._view(sid)[1][v] for sid in stakeholders[here:]]
            return dict(zip(stakeholders, scores + theirs))

        return answer


def strength(debate: Debate, stakeholder: str | None = None) -> Strength:
    """DF-QuAD strength of every claim, overall or from STAKEHOLDER's point of view."""
    model = StrengthModel(debate)
    return model.overall() if stakeholder is None else model.for_stakeholder(stakeholder)


def motion_strength_by_stakeholder(debate: Debate) -> dict[str, float]:
    """The motion's strength from each stakeholder's point of view ({} without a motion)."""
    motion = motion_id(debate)
    return StrengthModel(debate).claim_by_stakeholder(motion) if motion else {}
