"""The analysis as Rich renderables, shared by `debatemap analyze` and the analysis screen.

No Textual here, so the command stays light. Every user string (names, claim texts) goes
through `arguments.display.one_line` into a `rich.text.Text`; no markup is ever parsed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from arguments.analysis.grid import HIGH
from arguments.analysis.positions import COLUMN_NAMES, COLUMNS, POWER_ROWS
from arguments.analysis.report import Analysis
from arguments.analysis.sections import (
    GAP_LISTS,
    Labels,
    claims_under_focus,
    contested,
    feasibility_claims,
    sections_of,
    strongest_views,
)
from arguments.display import one_line
from arguments.model import Debate

BAR_WIDTH = 30
LIST_LIMIT = 15
"""Rows shown in ranked lists (contested claims, conflicts, gaps) before `… N more`."""


class Names(Labels):
    """Display labels for stakeholder and claim ids: one line, bounded, control characters visible."""

    def who(self, sid: str) -> str:
        return shorten(self.stakeholder_name(sid), 32)

    def claim(self, cid: str, width: int = 70) -> str:
        return shorten(self.claim_text(cid), width)

    def coalition(self, cid: str) -> str:
        return shorten(self.coalition_name(cid), 48)

    def people(self, ids: list[str]) -> Text:
        return Text(", ".join(self.who(s) for s in ids) if ids else "—")


def shorten(text: str, width: int) -> str:
    """TEXT on one line, control characters visible, cut to WIDTH characters with an ellipsis."""
    shown = one_line(text[: width * 2], None)
    return shown if len(shown) <= width and len(text) <= width * 2 else shown[: width - 1] + "…"


def signed(position: int) -> str:
    return f"{position:+d}" if position else "0"


def bar(value: float, scale: float, style: str, width: int = BAR_WIDTH) -> Text:
    cells = round(width * value / scale) if scale else 0
    return Text("█" * cells, style=style) + Text("·" * (width - cells), style="dim")


def _more(table: Table, hidden: int, columns: int) -> None:
    if hidden > 0:
        table.add_row(Text(f"… {hidden} more", style="dim"), *[Text("")] * (columns - 1))


def position_map(analysis: Analysis, names: Names) -> RenderableType:
    pmap = analysis.position_map
    if pmap is None:
        return Text("No motion: the debate has no claims.")
    table = Table(
        title=Text("Position map: " + names.claim(pmap.claim)),
        box=box.SQUARE,
        show_lines=True,
        expand=True,
        pad_edge=False,
    )
    table.add_column("Pow.", justify="center", no_wrap=True)
    for position in COLUMNS:
        style = "green" if position > 0 else "red" if position < 0 else "yellow"
        table.add_column(Text(f"{signed(position)}\n{COLUMN_NAMES[position]}", style=style), ratio=1)
    for power in POWER_ROWS:
        row = pmap.cells[power]
        table.add_row(Text(str(power)), *[Text("\n".join(names.who(s) for s in row[p])) for p in COLUMNS])
    caption = Text("No stance recorded: ") + names.people(pmap.no_stance)
    return Group(table, caption)


def feasibility(analysis: Analysis, names: Names) -> RenderableType:
    """Support and opposition bars for the focus claim and the claims anyone took a stance on."""
    listed = feasibility_claims(analysis)
    scale = max((max(analysis.feasibility[c].support, analysis.feasibility[c].opposition) for c in listed), default=0)
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Claim", ratio=1, min_width=24, no_wrap=True, overflow="ellipsis")
    table.add_column("Support", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Opposition", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Idle", justify="right", no_wrap=True)
    for cid in listed[: LIST_LIMIT * 2]:
        f = analysis.feasibility[cid]
        table.add_row(
            Text(names.claim(cid), style="bold" if cid == analysis.focus else ""),
            Text(str(f.support), style="green"),
            bar(f.support, scale, "green", 12),
            Text(str(f.opposition), style="red"),
            bar(f.opposition, scale, "red", 12),
            Text(f"{f.non_mobilised}+{f.no_stance}"),
        )
    _more(table, len(listed) - LIST_LIMIT * 2, 6)
    note = Text("Index = Σ power × |position| on each side; Idle = not mobilised (0) + no stance.", style="dim")
    return Group(table, note)


def grid(analysis: Analysis, names: Names) -> RenderableType:
    table = Table(title=Text(f"Power-interest grid (high = {HIGH} or more)"), box=box.SQUARE, show_lines=True)
    table.add_column("")
    table.add_column("High interest", ratio=1)
    table.add_column("Low interest", ratio=1)

    def cell(quadrant: str) -> Text:
        return Text(quadrant.capitalize() + "\n", style="bold") + names.people(analysis.grid[quadrant])

    table.add_row(Text("High power"), cell("manage closely"), cell("keep satisfied"))
    table.add_row(Text("Low power"), cell("keep informed"), cell("monitor"))
    return table


def contest(analysis: Analysis, names: Names) -> RenderableType:
    ranked = contested(analysis)
    spread = Table(title=Text("Most contested claims (power-weighted spread, 0..3)"), box=box.SIMPLE_HEAD, expand=True)
    spread.add_column("Claim", ratio=1, min_width=24, no_wrap=True, overflow="ellipsis")
    spread.add_column("Spread", justify="right")
    spread.add_column("Mean", justify="right")
    spread.add_column("Stances", justify="right")
    for c in ranked[:LIST_LIMIT]:
        spread.add_row(
            Text(names.claim(c.claim)), Text(f"{c.spread:.2f}"), Text(f"{c.mean:+.2f}"), Text(str(c.stances))
        )
    _more(spread, len(ranked) - LIST_LIMIT, 4)
    cruxes = Table(title=Text("Cruxes: where the motion's camps disagree most"), box=box.SIMPLE_HEAD, expand=True)
    cruxes.add_column("Claim", ratio=1, min_width=24, no_wrap=True, overflow="ellipsis")
    cruxes.add_column("Supporters", justify="right")
    cruxes.add_column("Opponents", justify="right")
    cruxes.add_column("Gap", justify="right")
    for crux in analysis.cruxes[:LIST_LIMIT]:
        cruxes.add_row(
            Text(names.claim(crux.claim)),
            Text(f"{crux.supporters_mean:+.1f} ({crux.supporters})", style="green"),
            Text(f"{crux.opponents_mean:+.1f} ({crux.opponents})", style="red"),
            Text(f"{abs(crux.gap):.1f}", style="bold"),
        )
    _more(cruxes, len(analysis.cruxes) - LIST_LIMIT, 4)
    return Group(spread, cruxes)


def coalitions(analysis: Analysis, names: Names, debate: Debate) -> RenderableType:
    found = analysis.coalitions
    groups = Table(title=Text("Computed groups (average-linkage on congruence)"), box=box.SIMPLE_HEAD, expand=True)
    groups.add_column("#", justify="right")
    groups.add_column("Members", ratio=1)
    for i, members in enumerate(found.groups, 1):
        groups.add_row(Text(str(i)), names.people(members))
    conflicts = Table(title=Text("Sharpest conflicts"), box=box.SIMPLE_HEAD, expand=True)
    conflicts.add_column("Pair", ratio=1)
    conflicts.add_column("Congruence", justify="right")
    conflicts.add_column("Shared claims", justify="right")
    for pair in found.conflicts[:LIST_LIMIT]:
        conflicts.add_row(
            Text(f"{names.who(pair.a)} × {names.who(pair.b)}"),
            Text(f"{pair.congruence:+.2f}", style="red"),
            Text(str(pair.shared)),
        )
    _more(conflicts, len(found.conflicts) - LIST_LIMIT, 3)
    parts: list[RenderableType] = [groups, conflicts]
    if found.declared:
        declared = Table(title=Text("Declared coalitions against computed groups"), box=box.SIMPLE_HEAD, expand=True)
        declared.add_column("Coalition", ratio=1)
        declared.add_column("Group", justify="right")
        declared.add_column("Overlap", justify="right")
        declared.add_column("Cohesion", justify="right")
        declared.add_column("Not in the group", ratio=1)
        titles = {c.id: c.name for c in debate.coalitions}
        for check in found.declared:
            declared.add_row(
                Text(one_line(titles.get(check.coalition, check.coalition), 40)),
                Text("—" if check.group is None else str(check.group + 1)),
                Text(f"{check.overlap:.0%}"),
                Text("—" if check.cohesion is None else f"{check.cohesion:+.2f}"),
                names.people(check.missing),
            )
        parts.append(declared)
    return Group(*parts)


def strength(analysis: Analysis, names: Names, tree_children: list[str]) -> RenderableType:
    result = analysis.strength
    parts: list[RenderableType] = []
    if not result.converged:
        parts.append(
            Text(
                f"Warning: a support/attack cycle did not settle in {result.iterations} rounds; "
                "scores on it are the last round's.",
                style="bold red",
            )
        )
    if analysis.focus:
        head = Text("Strength of ", style="bold") + Text(names.claim(analysis.focus))
        head += Text(f": {result.scores[analysis.focus]:.2f} overall", style="bold")
        parts.append(head)
        views = Table(title=Text("From each stakeholder's point of view"), box=box.SIMPLE_HEAD, expand=True)
        views.add_column("Stakeholder", ratio=1)
        views.add_column("σ", justify="right")
        views.add_column("", no_wrap=True)
        for sid, value in strongest_views(analysis):
            views.add_row(Text(names.who(sid)), Text(f"{value:.2f}"), bar(value, 1.0, "cyan", 20))
        parts.append(views)
    claims = Table(title=Text("Claims under it (DF-QuAD; τ from evidence)"), box=box.SIMPLE_HEAD, expand=True)
    claims.add_column("Claim", ratio=1, min_width=24, no_wrap=True, overflow="ellipsis")
    claims.add_column("τ", justify="right")
    claims.add_column("σ", justify="right")
    claims.add_column("", no_wrap=True)
    for cid in tree_children[: LIST_LIMIT * 2]:
        claims.add_row(
            Text(names.claim(cid)),
            Text(f"{result.base[cid]:.2f}"),
            Text(f"{result.scores[cid]:.2f}"),
            bar(result.scores[cid], 1.0, "cyan", 20),
        )
    _more(claims, len(tree_children) - LIST_LIMIT * 2, 4)
    parts.append(claims)
    return Group(*parts)


def gaps(analysis: Analysis, names: Names) -> RenderableType:
    found = analysis.gaps
    claims = [names.claim(c) for c in found.claims_without_evidence]
    bare = [f"{names.who(s)} on: {names.claim(c, 50)}" for s, c in found.stances_without_reason]
    uncited = [f"{names.who(s)} on: {names.claim(c, 50)}" for s, c in found.stances_without_evidence]
    single = [f"{names.claim(c, 60)} (only {shorten(src, 30)})" for c, src in found.single_source.items()]
    silent = [names.who(s) for s in found.silent_on_motion]
    lists = {
        "claims_without_evidence": claims,
        "stances_without_reason": bare,
        "stances_without_evidence": uncited,
        "single_source": single,
        "unsourced_evidence": found.unsourced_evidence,
        "silent_on_motion": silent,
    }
    parts: list[RenderableType] = []
    for key, title in GAP_LISTS:
        items = lists[key]
        parts.append(Text(f"{title}: {len(items)}", style="bold" if items else "dim"))
        for item in items[:LIST_LIMIT]:
            parts.append(Text("  • " + item, no_wrap=True, overflow="ellipsis"))
        if len(items) > LIST_LIMIT:
            parts.append(Text(f"  … {len(items) - LIST_LIMIT} more", style="dim"))
    return Group(*parts)


def perspective(analysis: Analysis, names: Names) -> RenderableType:
    p = analysis.perspective
    if p is None:
        return Text("Choose a stakeholder to see the debate from their side.")
    parts: list[RenderableType] = [Text("Perspective of ", style="bold") + Text(names.who(p.stakeholder), style="bold")]
    view = analysis.focus_by_stakeholder.get(p.stakeholder)
    if view is not None and analysis.focus is not None:
        overall = analysis.strength.scores[analysis.focus]
        what = "the motion" if analysis.focus == analysis.motion else "the claim"
        parts.append(Text(f"From their point of view {what} stands at {view:.2f} (overall {overall:.2f})."))
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Claim", ratio=1, min_width=24, no_wrap=True, overflow="ellipsis")
    table.add_column("Position", justify="right")
    table.add_column("Evidence")
    stances = [*p.supports, *p.opposes, *((c, 0) for c in p.neutral)]
    uncited = set(p.without_evidence)
    for cid, position in stances[: LIST_LIMIT * 6]:
        style = "green" if position > 0 else "red" if position < 0 else "yellow"
        table.add_row(
            Text(names.claim(cid)),
            Text(signed(position), style=style),
            Text("none", style="bold red") if cid in uncited else Text("cited"),
        )
    _more(table, len(stances) - LIST_LIMIT * 6, 3)
    parts.append(table)
    if not p.peers:
        parts.append(Text("No coalition to compare with: they form a group of their own."))
        return Group(*parts)
    against = Text("Compared with: ") + names.people(p.peers)
    declared = ", ".join(names.coalition(c) for c in p.coalitions)
    against += Text(f" ({'declared coalition: ' + declared if p.coalitions else 'their computed group'})", style="dim")
    parts.append(against)
    if p.disagreements:
        gaps_ = Table(title=Text("Where they part from their coalition"), box=box.SIMPLE_HEAD, expand=True)
        gaps_.add_column("Claim", ratio=1)
        gaps_.add_column("Theirs", justify="right")
        gaps_.add_column("Coalition mean", justify="right")
        for d in p.disagreements:
            gaps_.add_row(
                Text(names.claim(d.claim)), Text(signed(d.position)), Text(f"{d.peers_mean:+.1f} ({d.peers})")
            )
        parts.append(gaps_)
    else:
        parts.append(Text("No disagreement with their coalition."))
    return Group(*parts)


def what_if(analysis: Analysis, names: Names) -> RenderableType:
    result = analysis.what_if
    if result is None:
        return Text("Choose a scenario to see feasibility, groups and strength before and after it.")
    before, after = result.before, result.after
    table = Table(title=Text("What if: ") + Text(one_line(result.scenario.name, 80)), box=box.SIMPLE_HEAD, expand=True)
    table.add_column("", ratio=1)
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    motion = before.motion
    if motion is not None:
        fb, fa = before.feasibility[motion], after.feasibility.get(motion)
        table.add_row(Text("Motion support index"), Text(str(fb.support)), Text(str(fa.support) if fa else "dropped"))
        table.add_row(
            Text("Motion opposition index"), Text(str(fb.opposition)), Text(str(fa.opposition) if fa else "dropped")
        )
        table.add_row(
            Text("Motion strength (σ)"),
            Text(f"{before.strength[motion]:.2f}"),
            Text(f"{after.strength[motion]:.2f}" if motion in after.strength else "dropped"),
        )
        for sid, value in before.motion_by_stakeholder.items():
            now = after.motion_by_stakeholder.get(sid)
            if now is not None and abs(now - value) > 0.005:
                table.add_row(Text("  σ for " + names.who(sid)), Text(f"{value:.2f}"), Text(f"{now:.2f}"))
    table.add_row(Text("Computed groups"), Text(str(len(before.groups))), Text(str(len(after.groups))))
    changed = result.changed_claims()
    summary = Text(f"{len(changed)} claim(s) changed: ") + Text(
        "; ".join(names.claim(c, 40) for c in changed[:LIST_LIMIT]) or "none"
    )
    groups = Table(title=Text("Groups after"), box=box.SIMPLE_HEAD, expand=True)
    groups.add_column("#", justify="right")
    groups.add_column("Members", ratio=1)
    for i, members in enumerate(after.groups, 1):
        groups.add_row(Text(str(i)), names.people(members))
    return Group(table, summary, groups)


def sections(debate: Debate, analysis: Analysis) -> list[tuple[str, str, RenderableType]]:
    """(id, title, renderable) of every section to show, in reading order
    (`arguments.analysis.sections.sections_of`)."""
    names = Names(debate)
    draw: dict[str, Callable[[], RenderableType]] = {
        "positions": lambda: position_map(analysis, names),
        "feasibility": lambda: feasibility(analysis, names),
        "grid": lambda: grid(analysis, names),
        "contest": lambda: contest(analysis, names),
        "coalitions": lambda: coalitions(analysis, names, debate),
        "strength": lambda: strength(analysis, names, claims_under_focus(debate, analysis)),
        "gaps": lambda: gaps(analysis, names),
        "perspective": lambda: perspective(analysis, names),
        "what-if": lambda: what_if(analysis, names),
    }
    return [(part.id, part.title, draw[part.id]()) for part in sections_of(analysis)]
