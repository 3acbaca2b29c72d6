"""The analysis as sections: which there are, in what order, under what title, and what
each one selects to show (the ranking of contested claims, the claims whose feasibility
is worth a row, ...). Defined once here; the app and `debatemap analyze`
(`tui/screens/analysis_views.py`) and the Markdown export (`export/markdown_analysis.py`)
only draw them, each in its own medium and with its own row limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Debate
from ..tree import ClaimTree
from .contest import Contest
from .report import Analysis


@dataclass(frozen=True)
class Section:
    """One section of the analysis: its id (tab ids, anchors) and its title."""

    id: str
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("positions", "Position map"),
    Section("feasibility", "Feasibility"),
    Section("grid", "Power-interest grid"),
    Section("contest", "Contested claims and cruxes"),
    Section("coalitions", "Coalitions"),
    Section("strength", "Argument strength"),
    Section("gaps", "Gaps"),
)
"""The sections every analysis has, in reading order."""

PERSPECTIVE = Section("perspective", "Perspective")
"""Shown when a stakeholder is chosen (`analyse(..., stakeholder=)`)."""
WHAT_IF = Section("what-if", "What if")
"""Shown when a scenario is chosen (`analyse(..., scenario=)`)."""


def sections_of(analysis: Analysis) -> list[Section]:
    """The sections ANALYSIS has, in reading order: every one, then a perspective and a
    what-if when they were computed."""
    out = list(SECTIONS)
    if analysis.perspective is not None:
        out.append(PERSPECTIVE)
    if analysis.what_if is not None:
        out.append(WHAT_IF)
    return out


GAP_LISTS: tuple[tuple[str, str], ...] = (
    ("claims_without_evidence", "Claims without evidence"),
    ("stances_without_reason", "Stances with neither a rationale nor evidence"),
    ("stances_without_evidence", "Stances without evidence"),
    ("single_source", "Claims whose evidence all comes from one source"),
    ("unsourced_evidence", "Evidence items without a source"),
    ("silent_on_motion", "Stakeholders with no stance on the motion"),
)
"""The lists of the Gaps section, in order: (field of `gaps.Gaps`, title)."""


class Labels:
    """Stakeholder names and claim texts by id, as written; an unknown id stands for itself.
    Renderers shorten and escape them for their medium."""

    def __init__(self, debate: Debate):
        self._who = {s.id: s.label for s in debate.stakeholders}
        self._claim = {c.id: c.text for c in debate.claims}
        self._coalition = {c.id: c.name for c in debate.coalitions}

    def stakeholder_name(self, sid: str) -> str:
        """The name shown for stakeholder SID (its short name when it has one)."""
        return self._who.get(sid, sid)

    def claim_text(self, cid: str) -> str:
        """The text of claim CID."""
        return self._claim.get(cid, cid)

    def coalition_name(self, cid: str) -> str:
        """The name of declared coalition CID."""
        return self._coalition.get(cid, cid)


def contested(analysis: Analysis) -> list[Contest]:
    """Claims with stances from more than one stakeholder, most contested first."""
    return sorted((c for c in analysis.contest.values() if c.stances > 1), key=lambda c: -c.spread)


def feasibility_claims(analysis: Analysis) -> list[str]:
    """The claims the Feasibility section lists: the focus claim, then every claim someone
    supports or opposes, in file order."""
    first = [analysis.focus] if analysis.focus else []
    return first + [
        cid for cid, f in analysis.feasibility.items() if cid != analysis.focus and (f.support or f.opposition)
    ]


def strongest_views(analysis: Analysis) -> list[tuple[str, float]]:
    """(stakeholder, strength of the focus claim from their point of view), highest first."""
    return sorted(analysis.focus_by_stakeholder.items(), key=lambda kv: -kv[1])


def claims_under_focus(debate: Debate, analysis: Analysis) -> list[str]:
    """The claims directly under the focus claim, in sibling order (the strength table)."""
    return ClaimTree.of(debate).kids(analysis.focus) if analysis.focus else []
