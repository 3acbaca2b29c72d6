"""The analysis section of the Markdown export (`--with-analysis`): who stands where, with
what weight, in which alliances, and how strong the arguments are.

Every user string goes through `md_escape.escape`, so no claim or name can change the
section's structure; numbers and headings are ours.
"""

from __future__ import annotations

from collections.abc import Callable

from arguments.analysis.grid import HIGH, QUADRANTS
from arguments.analysis.positions import COLUMN_NAMES, COLUMNS, POWER_ROWS
from arguments.analysis.report import Analysis, analyse
from arguments.analysis.sections import (
    GAP_LISTS,
    SECTIONS,
    Labels,
    claims_under_focus,
    contested,
    feasibility_claims,
    strongest_views,
)
from arguments.model import Debate

from .md_escape import escape

HEADING = "Analysis"
LIMIT = 10
"""Rows of a ranked table (contested claims, cruxes, conflicts, gap lists) before "and N more"."""
TEXT_WIDTH = 120
"""Longest claim text quoted in a table cell; the full text is in the Claims list."""
NAME_WIDTH = 60
"""Longest stakeholder name repeated in the section's tables and lists."""

QUADRANT_NOTES = {
    "manage closely": "high power, high interest",
    "keep satisfied": "high power, low interest",
    "keep informed": "low power, high interest",
    "monitor": "low power, low interest",
}


def section(debate: Debate, level: int = 2) -> str:
    """The analysis as a Markdown section headed at LEVEL, one subsection per
    `arguments.analysis.sections.SECTIONS`."""
    analysis = analyse(debate)
    names = _Names(debate)
    h = "#" * (level + 1)
    out = [f"{'#' * level} {HEADING}", ""]
    if analysis.focus is None:
        return "\n".join([*out, "The debate has no claims to analyse.", ""])
    for part in SECTIONS:
        out += [f"{h} {part.title}", "", *_BODIES[part.id](analysis, names, debate)]
    return "\n".join(out).rstrip("\n") + "\n"


class _Names(Labels):
    """Names and claim texts for Markdown: cut to NAME_WIDTH / TEXT_WIDTH, escaped."""

    def who(self, sid: str) -> str:
        name = self.stakeholder_name(sid).strip()
        return escape(name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…")

    def claim(self, cid: str) -> str:
        text = self.claim_text(cid).strip()
        return escape(text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…")

    def people(self, ids: list[str]) -> str:
        return ", ".join(self.who(s) for s in ids) if ids else "none"


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _more(lines: list[str], total: int) -> list[str]:
    if total > LIMIT:
        lines.insert(len(lines) - 1, f"| and {total - LIMIT} more |" + " |" * (lines[0].count("|") - 2))
    return lines


def _positions(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    pmap = analysis.position_map
    assert pmap is not None
    lines = [f"Motion: {names.claim(pmap.claim)}", "", "Positions on it by power (5 = decisive):", ""]
    header = ["Power"] + [f"{p:+d} {COLUMN_NAMES[p]}" if p else f"0 {COLUMN_NAMES[p]}" for p in COLUMNS]
    rows = [
        [str(power)] + [", ".join(names.who(s) for s in pmap.cells[power][p]) for p in COLUMNS]
        for power in POWER_ROWS
        if any(pmap.cells[power][p] for p in COLUMNS)
    ]
    lines += _table(header, rows, ["---:"] + ["---"] * len(COLUMNS))
    if pmap.no_stance:
        lines += [f"No stance recorded: {names.people(pmap.no_stance)}.", ""]
    return lines


def _feasibility(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    rows = []
    for cid in feasibility_claims(analysis)[: LIMIT * 2]:
        f = analysis.feasibility[cid]
        balance = "–" if f.balance is None else f"{f.balance:.0%}"
        rows.append(
            [names.claim(cid), str(f.support), str(f.opposition), balance, str(f.non_mobilised), str(f.no_stance)]
        )
    header = ["Claim", "Support", "Opposition", "Support share", "Not mobilised", "No stance"]
    note = ["Support and opposition indices: Σ power × |position| on each side.", ""]
    return note + _table(header, rows, ["---"] + ["---:"] * 5)


def _grid(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    lines = [f"Power and interest count as high from {HIGH} (of 5).", ""]
    lines += [f"- **{q.capitalize()}** ({QUADRANT_NOTES[q]}): {names.people(analysis.grid[q])}" for q in QUADRANTS]
    return [*lines, ""]


def _contest(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    ranked = contested(analysis)
    lines = ["Power-weighted spread of positions (0 = consensus, 3 = split between the extremes).", ""]
    rows = [[names.claim(c.claim), f"{c.spread:.2f}", f"{c.mean:+.2f}", str(c.stances)] for c in ranked[:LIMIT]]
    lines += _more(_table(["Claim", "Spread", "Mean", "Stances"], rows, ["---", "---:", "---:", "---:"]), len(ranked))
    if analysis.cruxes:
        lines += ["Cruxes: claims on which the motion's supporters and opponents disagree most.", ""]
        rows = [
            [
                names.claim(c.claim),
                f"{c.supporters_mean:+.1f} ({c.supporters})",
                f"{c.opponents_mean:+.1f} ({c.opponents})",
                f"{abs(c.gap):.1f}",
            ]
            for c in analysis.cruxes[:LIMIT]
        ]
        header = ["Claim", "Supporters' mean", "Opponents' mean", "Gap"]
        lines += _more(_table(header, rows, ["---", "---:", "---:", "---:"]), len(analysis.cruxes))
    else:
        lines += ["No crux: no claim has stances from both the motion's supporters and its opponents.", ""]
    return lines


def _coalitions(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    found = analysis.coalitions
    lines = ["Groups computed from congruence (agreement over the claims both took a stance on):", ""]
    lines += [f"{i}. {names.people(g)}" for i, g in enumerate(found.groups, 1)] + [""]
    if found.conflicts:
        lines += ["Sharpest conflicts:", ""]
        rows = [
            [f"{names.who(p.a)} × {names.who(p.b)}", f"{p.congruence:+.2f}", str(p.shared)]
            for p in found.conflicts[:LIMIT]
        ]
        lines += _more(
            _table(["Pair", "Congruence", "Shared claims"], rows, ["---", "---:", "---:"]), len(found.conflicts)
        )
    if found.declared:
        titles = {c.id: c.name for c in debate.coalitions}
        rows = [
            [
                escape(titles.get(d.coalition, d.coalition).strip()),
                "–" if d.group is None else str(d.group + 1),
                f"{d.overlap:.0%}",
                "–" if d.cohesion is None else f"{d.cohesion:+.2f}",
                names.people(d.missing),
            ]
            for d in found.declared
        ]
        lines += ["Declared coalitions against the computed groups:", ""]
        lines += _table(
            ["Coalition", "Best group", "Overlap", "Cohesion", "Not in that group"],
            rows,
            ["---", "---:", "---:", "---:", "---"],
        )
    return lines


def _strength(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    result = analysis.strength
    focus = analysis.focus
    assert focus is not None
    lines = [
        f"DF-QuAD strength (0..1) of the motion: **{result.scores[focus]:.2f}** overall, "
        "with base scores from the evidence.",
        "",
    ]
    if not result.converged:
        lines += [
            f"A support/attack cycle did not settle in {result.iterations} rounds; its scores are the last round's.",
            "",
        ]
    views = strongest_views(analysis)
    if views:
        lines += _table(
            ["From the point of view of", "Strength"], [[names.who(s), f"{v:.2f}"] for s, v in views], ["---", "---:"]
        )
    under = claims_under_focus(debate, analysis)
    if under:
        rows = [[names.claim(c), f"{result.base[c]:.2f}", f"{result.scores[c]:.2f}"] for c in under]
        lines += _table(["Claim under the motion", "Base", "Strength"], rows, ["---", "---:", "---:"])
    return lines


def _gaps(analysis: Analysis, names: _Names, debate: Debate) -> list[str]:
    found = analysis.gaps
    shown = {
        "claims_without_evidence": [names.claim(c) for c in found.claims_without_evidence],
        "stances_without_reason": [f"{names.who(s)} on {names.claim(c)}" for s, c in found.stances_without_reason],
        "stances_without_evidence": [f"{names.who(s)} on {names.claim(c)}" for s, c in found.stances_without_evidence],
        "single_source": [names.claim(c) for c in found.single_source],
        "unsourced_evidence": [escape(e) for e in found.unsourced_evidence],
        "silent_on_motion": [names.who(s) for s in found.silent_on_motion],
    }
    lines: list[str] = []
    for key, title in GAP_LISTS:
        items = shown[key]
        lines.append(f"- {title}: {len(items)}")
        lines += [f"  - {item}" for item in items[:LIMIT]]
        if len(items) > LIMIT:
            lines.append(f"  - and {len(items) - LIMIT} more")
    return [*lines, ""]


_BODIES: dict[str, Callable[[Analysis, _Names, Debate], list[str]]] = {
    "positions": _positions,
    "feasibility": _feasibility,
    "grid": _grid,
    "contest": _contest,
    "coalitions": _coalitions,
    "strength": _strength,
    "gaps": _gaps,
}
"""How each section of `SECTIONS` is drawn in Markdown."""
