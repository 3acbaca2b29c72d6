"""Every analysis of a debate at once, sharing one index, and its JSON form for scripts.

JSON is keyed by claim and stakeholder ids; scores are rounded to 4 decimals so that the
output is stable across platforms.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..model import Debate, Scenario
from .coalitions import CoalitionAnalysis, coalitions
from .contest import Contest, Crux, contestedness, cruxes
from .feasibility import Feasibility, feasibility_by_claim
from .gaps import Gaps, gaps
from .grid import power_interest_grid
from .index import StanceIndex, motion_id
from .perspective import Perspective, perspective
from .positions import COLUMNS, POWER_ROWS, PositionMap, position_map
from .strength import Strength, StrengthModel
from .whatif import Outcome, WhatIf, what_if


@dataclass(frozen=True)
class Analysis:
    """The analyses the app, the `analyze` command and the Markdown export show."""

    motion: str | None
    focus: str | None
    """The claim the position map is drawn for: the motion unless another was asked for."""
    position_map: PositionMap | None
    feasibility: dict[str, Feasibility]
    grid: dict[str, list[str]]
    contest: dict[str, Contest]
    cruxes: list[Crux]
    coalitions: CoalitionAnalysis
    strength: Strength
    focus_by_stakeholder: dict[str, float]
    """The focus claim's strength from each stakeholder's point of view."""
    gaps: Gaps
    perspective: Perspective | None = None
    what_if: WhatIf | None = None


def analyse(
    debate: Debate, claim: str | None = None, stakeholder: str | None = None, scenario: Scenario | None = None
) -> Analysis:
    """All analyses; CLAIM focuses the position map, STAKEHOLDER adds a perspective,
    SCENARIO (a `Scenario`) a what-if. Unknown ids raise KeyError or `whatif.UnknownId`."""
    index = StanceIndex.of(debate)
    claims = {c.id for c in debate.claims}
    if claim is not None and claim not in claims:
        raise KeyError(claim)
    motion = motion_id(debate)
    focus = claim or motion
    model = StrengthModel(debate, index)
    # The stakeholders' views of the focus (a third of the time at 100,000 claims) are
    # made on the other core while the rest is computed here (`claim_by_stakeholder_begun`).
    on_focus_later = model.claim_by_stakeholder_begun(focus) if focus else dict
    groups = coalitions(debate, index)
    overall = model.overall()
    by_claim = feasibility_by_claim(debate, index)
    positions = position_map(debate, focus, index) if focus else None
    grid = power_interest_grid(debate)
    contest = contestedness(debate, index)
    crux_list = cruxes(debate, index)
    holes = gaps(debate)
    seen_by = perspective(debate, stakeholder, index, groups) if stakeholder is not None else None
    on_focus = on_focus_later()
    before = None
    if scenario is not None:
        on_motion = on_focus if focus == motion else model.claim_by_stakeholder(motion) if motion else {}
        before = Outcome(motion, by_claim, groups.groups, overall.scores, on_motion, overall.converged)
    return Analysis(
        motion=motion,
        focus=focus,
        position_map=positions,
        feasibility=by_claim,
        grid=grid,
        contest=contest,
        cruxes=crux_list,
        coalitions=groups,
        strength=overall,
        focus_by_stakeholder=on_focus,
        gaps=holes,
        perspective=seen_by,
        what_if=what_if(debate, scenario, before) if scenario is not None else None,
    )


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


_FEASIBILITY_KEYS = tuple(field.name for field in fields(Feasibility) if field.name != "claim")


def _feasibility(f: Feasibility) -> dict[str, Any]:
    # Read field by field: `asdict` deep-copies every value and was a third of to_json's time.
    out = {name: getattr(f, name) for name in _FEASIBILITY_KEYS}
    out["balance"] = _r(f.balance)
    return out


def to_json(analysis: Analysis) -> dict[str, Any]:
    """ANALYSIS as plain data for `json.dumps`."""
    pmap = analysis.position_map
    groups = analysis.coalitions
    congruence: dict[str, dict[str, dict[str, Any]]] = {}
    for pair in groups.pairs.values():
        entry = {"congruence": _r(pair.congruence), "shared": pair.shared}
        congruence.setdefault(pair.a, {})[pair.b] = entry
        congruence.setdefault(pair.b, {})[pair.a] = entry
    strength = analysis.strength
    out: dict[str, Any] = {
        "motion": analysis.motion,
        "focus": analysis.focus,
        "position_map": None
        if pmap is None
        else {
            "claim": pmap.claim,
            "columns": {str(p): pmap.column(p) for p in COLUMNS},
            "by_power": {str(w): {str(p): pmap.cells[w][p] for p in COLUMNS} for w in POWER_ROWS},
            "no_stance": pmap.no_stance,
        },
        "feasibility": {cid: _feasibility(f) for cid, f in analysis.feasibility.items()},
        "power_interest": analysis.grid,
        "contestedness": {
            cid: {"spread": _r(c.spread), "mean": _r(c.mean), "stances": c.stances}
            for cid, c in analysis.contest.items()
        },
        "cruxes": [
            {
                "claim": c.claim,
                "gap": _r(c.gap),
                "supporters_mean": _r(c.supporters_mean),
                "opponents_mean": _r(c.opponents_mean),
                "supporters": c.supporters,
                "opponents": c.opponents,
            }
            for c in analysis.cruxes
        ],
        "coalitions": {
            "congruence": congruence,
            "groups": groups.groups,
            "conflicts": [
                {"a": p.a, "b": p.b, "congruence": _r(p.congruence), "shared": p.shared} for p in groups.conflicts
            ],
            "declared": {
                d.coalition: {
                    "group": d.group,
                    "overlap": _r(d.overlap),
                    "missing": d.missing,
                    "extra": d.extra,
                    "cohesion": _r(d.cohesion),
                }
                for d in groups.declared
            },
        },
        "strength": {
            "converged": strength.converged,
            "iterations": strength.iterations,
            "cyclic": strength.cyclic,
            "claims": {cid: {"base": _r(strength.base[cid]), "score": _r(s)} for cid, s in strength.scores.items()},
            "focus_by_stakeholder": {sid: _r(v) for sid, v in analysis.focus_by_stakeholder.items()},
        },
        "gaps": {
            "claims_without_evidence": analysis.gaps.claims_without_evidence,
            "stances_without_reason": [{"stakeholder": s, "claim": c} for s, c in analysis.gaps.stances_without_reason],
            "stances_without_evidence": [
                {"stakeholder": s, "claim": c} for s, c in analysis.gaps.stances_without_evidence
            ],
            "single_source": analysis.gaps.single_source,
            "unsourced_evidence": analysis.gaps.unsourced_evidence,
            "silent_on_motion": analysis.gaps.silent_on_motion,
        },
    }
    if analysis.perspective is not None:
        p = analysis.perspective
        out["perspective"] = {
            "stakeholder": p.stakeholder,
            "supports": dict(p.supports),
            "opposes": dict(p.opposes),
            "neutral": p.neutral,
            "without_evidence": p.without_evidence,
            "coalitions": p.coalitions,
            "peers": p.peers,
            "disagreements": {
                d.claim: {"position": d.position, "peers_mean": _r(d.peers_mean), "peers": d.peers}
                for d in p.disagreements
            },
        }
    if analysis.what_if is not None:
        out["what_if"] = _what_if(analysis.what_if)
    return out


def _what_if(result: WhatIf) -> dict[str, Any]:
    def side(o: Outcome) -> dict[str, Any]:
        return {
            "motion": o.motion,
            "feasibility": {cid: _feasibility(f) for cid, f in o.feasibility.items()},
            "groups": o.groups,
            "strength": {cid: _r(v) for cid, v in o.strength.items()},
            "motion_by_stakeholder": {sid: _r(v) for sid, v in o.motion_by_stakeholder.items()},
            "converged": o.converged,
        }

    return {
        "scenario": result.scenario.id,
        "name": result.scenario.name,
        "changed_claims": result.changed_claims(),
        "before": side(result.before),
        "after": side(result.after),
    }
