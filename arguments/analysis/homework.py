"""Homework: the evidence worth finding before the next workshop.

A claim bearing on the motion with no evidence is scored by what one new supporting item
of reliability ASSUMED_RELIABILITY (the middle of the 1..5 scale) would do: its base score
goes from 0.5 to 0.75, and for every stakeholder of power ≥ MOST_POWER who holds no stance
on the claim (a stance replaces the evidence in their view) the motion's strength moves;
the score is Σ power × |that move|. Claims whose evidence is all weak (reliability ≤
WEAK) are listed after them, to be shored up. Questions are not claims to prove: left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from .index import StanceIndex
from .leverage import Views, polarity
from .strength import NEUTRAL, StrengthModel, aggregate

ASSUMED_RELIABILITY = 3
MOST_POWER = 4
"""The stakeholders the homework is for: power 4 (strong) and 5 (decisive)."""
WEAK = 2
"""Evidence at or below this reliability (1 hearsay, 2 doubtful) does not carry a claim alone."""


@dataclass(frozen=True)
class Task:
    claim: str
    score: float
    """Σ power × |change in the motion's strength| over the stakeholders it would reach."""
    reached: list[str]
    """Stakeholders of power ≥ MOST_POWER whose view it would move (no stance on the claim)."""
    direction: int
    """+1 when the evidence would strengthen the motion, −1 when it would weaken it."""


@dataclass(frozen=True)
class Homework:
    motion: str
    missing: list[Task]
    """Claims without evidence, most useful first (ties in file order)."""
    weak: list[tuple[str, int]]
    """(claim, best reliability) of claims whose every evidence item is weak."""


def homework(
    debate: Debate, motion: str, index: StanceIndex | None = None, model: StrengthModel | None = None
) -> Homework:
    """The evidence to find for MOTION, ranked (see the module docstring)."""
    index = index or StanceIndex.of(debate)
    model = model or StrengthModel(debate, index)
    signs = polarity(model, motion)
    views = Views(model, motion, set(signs))
    reliabilities: dict[str, list[int]] = {}
    for item in debate.evidence:
        reliabilities.setdefault(item.claim, []).append(item.reliability)
    kinds = {c.id: c.kind for c in debate.claims}
    powerful = [sid for sid, power in index.power.items() if power >= MOST_POWER]
    new_base = aggregate(NEUTRAL, 0.0, ASSUMED_RELIABILITY / 6)
    tasks = []
    for claim in model.graph.ids:
        if claim not in signs or claim in reliabilities or kinds[claim] == "question":
            continue
        score = 0.0
        reached = []
        for sid in powerful:
            if claim in index.by_stakeholder[sid]:
                continue
            moved = views.motion_after(sid, claim, new_base) - views.motion_score(sid)
            if abs(moved) > 1e-9:
                score += index.power[sid] * abs(moved)
                reached.append(sid)
        tasks.append(Task(claim, score, reached, signs[claim]))
    tasks.sort(key=lambda t: -t.score)  # stable: ties keep file order
    weak = [(c, max(r)) for c, r in reliabilities.items() if c in signs and kinds[c] != "question" and max(r) <= WEAK]
    return Homework(motion, tasks, weak)
