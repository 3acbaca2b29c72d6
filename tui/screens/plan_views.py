"""The plan as Rich renderables, shared by `debatemap plan` and the Plan tab of the analysis screen.

No Textual here. Every user string goes through `analysis_views.Names` into a `Text`.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from arguments.analysis.leverage import StakeholderPlan
from arguments.analysis.options import Option
from arguments.analysis.plan import EXPLAIN, Plan
from arguments.model import Debate

from .analysis_views import Names, signed

HOMEWORK_ROWS = 10
MISSING_SHOWN = 4


def _explain(key: str) -> Text:
    return Text(EXPLAIN[key], style="dim italic")


def _person(p: StakeholderPlan, names: Names, defend: bool) -> RenderableType:
    where = "no stance" if p.position is None else signed(p.position)
    head = Text(f"{names.who(p.stakeholder)}", style="bold") + Text(
        f"  power {p.power}, on the motion {where}, motion strength in their view {p.motion_strength:.2f}", style="dim"
    )
    parts: list[RenderableType] = [head]
    if p.moves:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column("Claim", ratio=3)
        table.add_column("Move", no_wrap=True)
        table.add_column("Loss" if defend else "Gain", justify="right")
        table.add_column("Weight", justify="right")
        table.add_column("Evidence", ratio=1)
        table.add_column("Allies", ratio=2)
        for m in p.moves:
            moved = f"\n×{m.moved_before} moved" if m.moved_before else ""
            table.add_row(
                Text(names.claim(m.claim, 90)),
                Text(f"{signed(m.position)}→{signed(m.position + m.step)}"),
                Text(f"{m.change:.3f}"),
                Text(f"{m.weight:.3f}{moved}"),
                Text(", ".join(m.evidence) or "none"),
                Text(", ".join(f"{names.who(s)} ({c:+.2f})" for s, c in m.allies) or "—"),
            )
        parts.append(table)
    elif defend:
        parts.append(
            Text("  Nothing to defend in their view: no stance of theirs, eroded one step, lowers the motion.")
        )
    else:
        parts.append(Text("  No stance of theirs, moved one step, raises the motion in their view."))
    if p.missing:
        shown = "; ".join(names.claim(c, 50) for c in p.missing[:MISSING_SHOWN]) + (
            " …" if len(p.missing) > MISSING_SHOWN else ""
        )
        parts.append(
            Text(
                f"  Missing: no stance on {len(p.missing)} claim(s) bearing on the motion; ask first about: {shown}",
                style="yellow",
            )
        )
    parts.append(Text(""))
    return Group(*parts)


def win_over(result: Plan, names: Names) -> RenderableType:
    people = result.leverage.targets
    body = [_person(p, names, False) for p in people] or [
        Text("Every stakeholder of power ≥ 3 already supports the motion.")
    ]
    return Group(_explain("leverage"), _explain("missing"), Text(""), *body)


def defend(result: Plan, names: Names) -> RenderableType:
    people = [p for p in result.leverage.supporters if p.moves]
    quiet = [p for p in result.leverage.supporters if not p.moves]
    body: list[RenderableType] = [_person(p, names, True) for p in people]
    if quiet:
        body.append(Text(EXPLAIN["saturated"] + " " + ", ".join(names.who(p.stakeholder) for p in quiet), style="dim"))
    return Group(_explain("defend"), Text(""), *(body or [Text("Nobody supports the motion yet.")]))


def homework(result: Plan, names: Names) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right")
    table.add_column("Find evidence on", ratio=2)
    table.add_column("Score", justify="right")
    table.add_column("Would move the motion for", ratio=1)
    tasks = result.homework.missing
    for i, task in enumerate(tasks[:HOMEWORK_ROWS], 1):
        table.add_row(
            Text(str(i)),
            Text(names.claim(task.claim, 70)),
            Text(f"{task.score:.3f}"),
            Text(", ".join(names.who(s) for s in task.reached) or "nobody (the motion is saturated there)"),
        )
    if len(tasks) > HOMEWORK_ROWS:
        table.add_row(
            Text(""),
            Text(f"… {len(tasks) - HOMEWORK_ROWS} more (plan --homework lists all)", style="dim"),
            Text(""),
            Text(""),
        )
    weak = Text("Only weak evidence: ", style="bold") + Text(
        "; ".join(f"{names.claim(c, 50)} (best {r}/5)" for c, r in result.homework.weak) or "none"
    )
    return Group(_explain("homework"), table, _explain("weak"), weak)


def options(compared: list[Option], names: Names) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    for name, justify in (
        ("Option", "left"),
        ("Support", "right"),
        ("Opposition", "right"),
        ("Mean position", "right"),
        ("Strength", "right"),
        ("Backed by", "left"),
        ("Resisted by", "left"),
    ):
        table.add_column(name, justify=justify, ratio=2 if name == "Option" else None)  # type: ignore[arg-type]
    for o in compared:
        table.add_row(
            Text(names.claim(o.claim, 50)),
            Text(str(o.feasibility.support)),
            Text(str(o.feasibility.opposition)),
            Text("—" if o.mean_position is None else f"{o.mean_position:+.2f}"),
            Text(f"{o.strength:.2f}"),
            Text(", ".join(o.backed_by) or "—"),
            Text(", ".join(o.resisted_by) or "—"),
        )
    return Group(_explain("options"), table)


def sections(result: Plan, names: Names) -> list[tuple[str, str, RenderableType]]:
    """(id, title, renderable) of each part of the plan, in reading order."""
    out = [
        ("win-over", "Who to win over, with what", win_over(result, names)),
        ("defend", "What to defend", defend(result, names)),
        ("homework", "Homework", homework(result, names)),
    ]
    if result.options:
        out.append(("options", "Options compared", options(result.options, names)))
    return out


def plan_view(result: Plan, names: Names) -> RenderableType:
    """The whole plan in one renderable, headed sections (the Plan tab)."""
    parts: list[RenderableType] = [Text("Motion: ", style="bold") + Text(names.claim(result.motion, 120))]
    for _, title, renderable in sections(result, names):
        parts += [Text(""), Text(title, style="bold underline"), renderable]
    return Group(*parts)


def plan_tab(debate: Debate) -> RenderableType:
    """The Plan tab's content for DEBATE: the plan for its motion, or why there is none."""
    from arguments.analysis.plan import plan

    if not debate.claims:
        return Text("The debate has no claims to plan for.")
    return plan_view(plan(debate), Names(debate))
