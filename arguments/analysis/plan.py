"""The plan: leverage, what to defend, homework and the options compared, for one motion.

`EXPLAIN` holds the one line a facilitator can say in the room for each figure; the
`plan` command, the Plan tab and the Markdown handout all print these same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Debate
from .coalitions import coalitions
from .homework import ASSUMED_RELIABILITY, MOST_POWER, WEAK, Homework, homework
from .index import StanceIndex, motion_id
from .leverage import LEARNED_BONUS, MIN_POWER, Leverage, StakeholderPlan, leverage
from .options import Option, compare, options
from .strength import StrengthModel

EXPLAIN = {
    "leverage": (
        f"For each stakeholder of power ≥ {MIN_POWER} not yet for the motion: the claims whose stance, moved one step "
        "toward the motion (up for an argument for it, down for one against it), most raises the motion's strength "
        f"in their own view, × their power, × (1 + {LEARNED_BONUS} per person the claim moved before on the slide)."
    ),
    "defend": (
        "For each supporter: the claims whose stance, eroded one step, would cost the motion most in their own view, "
        "× their power."
    ),
    "missing": (
        "Claims they hold no stance on are not ranked: record where they stand first, starting with the claims "
        "their view of the motion depends on most."
    ),
    "saturated": "Saturated: the evidence already carries the motion in their view, so no single step moves it.",
    "homework": (
        f"Claims without evidence, ranked by how far one supporting item (reliability {ASSUMED_RELIABILITY}/5) "
        f"would move the motion's strength, × power, summed over the most powerful stakeholders "
        f"(power ≥ {MOST_POWER}) with no stance on the claim."
    ),
    "weak": f"Claims whose every evidence item has reliability {WEAK}/5 or less.",
    "options": (
        "Each motion answering the question: support and opposition indices (Σ power × position), the power-weighted "
        "mean position, the power-weighted mean strength over everyone's view, and the coalitions leaning for or "
        "against."
    ),
}


class NoMotion(ValueError):
    """The debate has no claim to plan for."""


@dataclass(frozen=True)
class Plan:
    motion: str
    leverage: Leverage
    homework: Homework
    options: list[Option]
    """Every root thesis compared; empty when the debate has only one."""


def plan(debate: Debate, motion: str | None = None) -> Plan:
    """The plan for MOTION (default: the debate's motion); KeyError for an unknown claim,
    NoMotion for a debate without claims."""
    motion = motion or motion_id(debate)
    if motion is None:
        raise NoMotion("the debate has no claims")
    if motion not in {c.id for c in debate.claims}:
        raise KeyError(motion)
    index = StanceIndex.of(debate)
    model = StrengthModel(debate, index)
    groups = coalitions(debate, index)
    return Plan(
        motion,
        leverage(debate, motion, index, model, groups),
        homework(debate, motion, index, model),
        compare(debate, index, model, groups) if len(options(debate)) > 1 else [],
    )


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_json(result: Plan) -> dict[str, Any]:
    """RESULT as plain data for `json.dumps`, keyed by ids."""

    def people(plans: list[StakeholderPlan]) -> list[dict[str, Any]]:
        return [
            {
                "stakeholder": p.stakeholder,
                "power": p.power,
                "position": p.position,
                "motion_strength": _r(p.motion_strength),
                "claims": [
                    {
                        "claim": m.claim,
                        "position": m.position,
                        "step": m.step,
                        "change": _r(m.change),
                        "moved_before": m.moved_before,
                        "weight": _r(m.weight),
                        "evidence": m.evidence,
                        "allies": [{"stakeholder": s, "congruence": _r(c)} for s, c in m.allies],
                    }
                    for m in p.moves
                ],
                "missing": p.missing,
            }
            for p in plans
        ]

    return {
        "motion": result.motion,
        "explain": EXPLAIN,
        "win_over": people(result.leverage.targets),
        "defend": people(result.leverage.supporters),
        "homework": {
            "without_evidence": [
                {"claim": t.claim, "score": _r(t.score), "reached": t.reached, "direction": t.direction}
                for t in result.homework.missing
            ],
            "weak_evidence": [{"claim": c, "best_reliability": r} for c, r in result.homework.weak],
        },
        "options": options_json(result.options),
    }


def options_json(compared: list[Option]) -> list[dict[str, Any]]:
    """The options compared, as plain data."""
    return [
        {
            "claim": o.claim,
            "support": o.feasibility.support,
            "opposition": o.feasibility.opposition,
            "mean_position": _r(o.mean_position),
            "strength": _r(o.strength),
            "backed_by": o.backed_by,
            "resisted_by": o.resisted_by,
        }
        for o in compared
    ]
