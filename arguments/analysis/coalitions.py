"""Coalitions: who agrees with whom, groups found from it, and declared alliances checked.

Congruence follows the Discourse Network Analyzer (Leifeld 2017): actors are tied by the
claims both took a stance on. With graded positions the tie is the cosine of the two
actors' positions over those shared claims, Σ pa·pb / √(Σ pa² · Σ pb²): +1 when they always
stand on the same side with proportionate strength, −1 when always on opposite sides, 0
when they share no claim or one of them is neutral on all shared ones (DNA's congruence
minus conflict, normalised like its cosine option).

Groups come from average-linkage agglomerative clustering: start with every stakeholder
alone and merge the two groups with the highest mean congruence between their members
(pairs sharing no claim count 0) while that mean is at least GROUP_THRESHOLD.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex

GROUP_THRESHOLD = 0.3
"""Least mean congruence between two groups for them to merge: clearly more agreement than not."""


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    congruence: float
    """−1 (always opposed) .. +1 (always on the same side)."""
    shared: int
    """Claims both took a stance on."""


@dataclass(frozen=True)
class DeclaredCheck:
    """A declared coalition against the computed group that best matches it."""

    coalition: str
    group: int | None
    """Index of the best-matching computed group; None when the coalition has no members."""
    overlap: float
    """Jaccard overlap of the declared members and that group, 0..1."""
    missing: list[str]
    """Declared members the computed group does not hold."""
    extra: list[str]
    """Members of the computed group the coalition does not declare."""
    cohesion: float | None
    """Mean congruence over the declared members' pairs that share a claim."""


@dataclass(frozen=True)
class CoalitionAnalysis:
    pairs: dict[tuple[str, str], Pair]
    """Every pair sharing at least one claim, keyed (a, b) with a before b in file order."""
    groups: list[list[str]]
    """Computed groups, largest first; stakeholders on their own are groups of one."""
    conflicts: list[Pair]
    """Pairs with negative congruence, sharpest first."""
    declared: list[DeclaredCheck]

    def congruence(self, a: str, b: str) -> float | None:
        pair = self.pairs.get((a, b)) or self.pairs.get((b, a))
        return pair.congruence if pair else None

    def group_of(self, stakeholder: str) -> list[str]:
        return next((g for g in self.groups if stakeholder in g), [stakeholder])


def congruence_pairs(index: StanceIndex) -> dict[tuple[str, str], Pair]:
    """Congruence of every pair of stakeholders that share a claim, in one pass over claims."""
    rank = {sid: i for i, sid in enumerate(index.power)}
    sums: dict[tuple[str, str], list[int]] = {}
    for positions in index.by_claim.values():
        items = sorted(positions.items(), key=lambda item: rank[item[0]])
        for i, (a, pa) in enumerate(items):
            for b, pb in items[i + 1 :]:
                acc = sums.get((a, b))
                if acc is None:
                    sums[(a, b)] = [pa * pb, pa * pa, pb * pb, 1]
                else:
                    acc[0] += pa * pb
                    acc[1] += pa * pa
                    acc[2] += pb * pb
                    acc[3] += 1
    out: dict[tuple[str, str], Pair] = {}
    for (a, b), (dot, na, nb, shared) in sums.items():
        value = dot / math.sqrt(na * nb) if na and nb else 0.0
        out[(a, b)] = Pair(a, b, value, shared)
    return out


def cluster(ids: list[str], pairs: dict[tuple[str, str], Pair], threshold: float = GROUP_THRESHOLD) -> list[list[str]]:
    """Average-linkage groups of IDS (see the module docstring), largest first."""
    groups = [[sid] for sid in ids]
    # between[i][j]: sum of congruence over member pairs of groups i and j
    between = [[0.0] * len(ids) for _ in ids]
    position = {sid: i for i, sid in enumerate(ids)}
    for (a, b), pair in pairs.items():
        if a in position and b in position:
            i, j = position[a], position[b]
            between[i][j] = between[j][i] = pair.congruence
    alive = list(range(len(ids)))
    while len(alive) > 1:
        best, best_pair = threshold, None
        for x, i in enumerate(alive):
            for j in alive[x + 1 :]:
                mean = between[i][j] / (len(groups[i]) * len(groups[j]))
                if mean > best or (mean == best and best_pair is None):
                    best, best_pair = mean, (i, j)
        if best_pair is None:
            break
        i, j = best_pair
        groups[i] += groups[j]
        alive.remove(j)
        for k in alive:
            if k != i:
                between[i][k] = between[k][i] = between[i][k] + between[j][k]
    found = [sorted(groups[i], key=position.__getitem__) for i in alive]
    found.sort(key=lambda g: (-len(g), position[g[0]]))
    return found


def _check(
    coalition_id: str, members: list[str], groups: list[list[str]], pairs: dict[tuple[str, str], Pair]
) -> DeclaredCheck:
    declared = set(members)
    if not declared:
        return DeclaredCheck(coalition_id, None, 0.0, [], [], None)
    scores = [len(declared & set(g)) / len(declared | set(g)) for g in groups]
    best = max(range(len(groups)), key=lambda i: (scores[i], -i)) if groups else None
    group = groups[best] if best is not None else []
    values = [
        pair.congruence
        for i, a in enumerate(members)
        for b in members[i + 1 :]
        if (pair := pairs.get((a, b)) or pairs.get((b, a))) is not None
    ]
    return DeclaredCheck(
        coalition_id,
        best,
        scores[best] if best is not None else 0.0,
        [m for m in members if m not in group],
        [m for m in group if m not in declared],
        sum(values) / len(values) if values else None,
    )


def coalitions(debate: Debate, index: StanceIndex | None = None) -> CoalitionAnalysis:
    """Congruence, computed groups, sharpest conflicts and the check of declared coalitions."""
    index = index or StanceIndex.of(debate)
    pairs = congruence_pairs(index)
    ids = list(index.power)
    groups = cluster(ids, pairs)
    conflicts = sorted((p for p in pairs.values() if p.congruence < 0), key=lambda p: (p.congruence, -p.shared))
    known = set(ids)
    declared = [
        _check(c.id, list(dict.fromkeys(m for m in c.members if m in known)), groups, pairs) for c in debate.coalitions
    ]
    return CoalitionAnalysis(pairs, groups, conflicts, declared)
