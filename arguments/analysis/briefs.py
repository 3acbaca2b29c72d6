"""Coalition briefs: per coalition, who is in it, what holds it together, where it splits.

Written from the stances alone. A coalition is held together by a claim when at least two
members took a stance on it and all of them stand on the same side (ranked by how many,
then by the mean strength of their positions); it splits on a claim when some members
support it and others oppose it (ranked by the gap between the two sides' means).
Briefs are made for the declared `[[coalitions]]` and for the computed groups of two or more.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .coalitions import CoalitionAnalysis, coalitions
from .index import StanceIndex, sign

TOP = 5


@dataclass(frozen=True)
class Split:
    claim: str
    for_: list[str]
    against: list[str]
    gap: float
    """Mean position of those for minus that of those against."""


@dataclass(frozen=True)
class Brief:
    name: str
    """The declared coalition's id, or `group N` for a computed group."""
    title: str
    members: list[str]
    glue: list[tuple[str, int, float]]
    """(claim, members agreeing, their mean position) of the claims holding it together."""
    splits: list[Split]
    cohesion: float | None
    """Mean congruence over member pairs sharing a claim."""


def brief(name: str, title: str, members: list[str], index: StanceIndex, groups: CoalitionAnalysis) -> Brief:
    """The brief of one coalition of MEMBERS."""
    glue: list[tuple[str, int, float]] = []
    splits: list[Split] = []
    for claim, positions in index.by_claim.items():
        held = {m: positions[m] for m in members if m in positions}
        if len(held) < 2:
            continue
        sides = {sign(p) for p in held.values()}
        if len(sides) == 1 and 0 not in sides:
            glue.append((claim, len(held), sum(held.values()) / len(held)))
        elif {1, -1} <= sides:
            pro = [m for m, p in held.items() if p > 0]
            con = [m for m, p in held.items() if p < 0]
            gap = sum(held[m] for m in pro) / len(pro) - sum(held[m] for m in con) / len(con)
            splits.append(Split(claim, pro, con, gap))
    glue.sort(key=lambda g: (-g[1], -abs(g[2])))
    splits.sort(key=lambda s: -s.gap)
    values = [c for i, a in enumerate(members) for b in members[i + 1 :] if (c := groups.congruence(a, b)) is not None]
    return Brief(name, title, members, glue[:TOP], splits[:TOP], sum(values) / len(values) if values else None)


def briefs(debate: Debate, index: StanceIndex | None = None, groups: CoalitionAnalysis | None = None) -> list[Brief]:
    """Briefs of the declared coalitions, then of the computed groups of two or more."""
    index = index or StanceIndex.of(debate)
    groups = groups or coalitions(debate, index)
    out = [
        brief(c.id, c.name, list(dict.fromkeys(m for m in c.members if m in index.power)), index, groups)
        for c in debate.coalitions
    ]
    out += [
        brief(f"group {i}", f"Computed group {i}", members, index, groups)
        for i, members in enumerate(groups.groups, 1)
        if len(members) > 1
    ]
    return out
