"""The planning sections of the Markdown handout, and the homework checklist.

`--with-plan` adds who to win over with what, what to defend, the homework and (when the
debate holds several motions) the options compared; `--with-analysis` on a debate with
several motions adds the options table alone; `--with-briefs` adds a brief per coalition.
Every user string goes through `md_escape.escape`; numbers and headings are ours, and
each figure is preceded by the one line that explains it (`arguments.analysis.plan.EXPLAIN`).
"""

from __future__ import annotations

from arguments.analysis.briefs import briefs
from arguments.analysis.leverage import StakeholderPlan
from arguments.analysis.options import Option, compare
from arguments.analysis.options import options as motions
from arguments.analysis.plan import EXPLAIN, Plan, plan
from arguments.model import Debate

from . import ExportOptions
from .md_escape import escape

TEXT_WIDTH = 100
HOMEWORK_ROWS = 10


class _Names:
    def __init__(self, debate: Debate):
        self._who = {s.id: s.label for s in debate.stakeholders}
        self._claim = {c.id: c.text for c in debate.claims}

    def who(self, sid: str) -> str:
        return escape(self._who.get(sid, sid))

    def claim(self, cid: str) -> str:
        text = self._claim.get(cid, cid)
        return escape(text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1].rstrip() + "…")


def section(debate: Debate, options: ExportOptions) -> str:
    """The planning sections OPTIONS asks for ("" when none applies)."""
    out: list[str] = []
    several = len(motions(debate)) > 1
    if getattr(options, "plan", False) and debate.claims:
        out += plan_lines(debate, plan(debate))
    elif options.analysis and several:
        out += ["## Options compared", "", *options_lines(compare(debate), _Names(debate))]
    if getattr(options, "briefs", False):
        out += brief_lines(debate)
    return "\n".join(out).rstrip("\n") + "\n" if out else ""


def plan_lines(debate: Debate, result: Plan, level: int = 2) -> list[str]:
    """RESULT as Markdown lines under a heading at LEVEL."""
    names = _Names(debate)
    h = "#" * (level + 1)
    out = [f"{'#' * level} Plan", "", f"Motion: {names.claim(result.motion)}", ""]
    out += [f"{h} Who to win over, with what", "", f"*{EXPLAIN['leverage']}* *{EXPLAIN['missing']}*", ""]
    for p in result.leverage.targets:
        out += _person(p, names, defend=False)
    if not result.leverage.targets:
        out += ["Every stakeholder of power ≥ 3 already supports the motion.", ""]
    out += [f"{h} What to defend", "", f"*{EXPLAIN['defend']}*", ""]
    for p in result.leverage.supporters:
        if p.moves:
            out += _person(p, names, defend=True)
    quiet = [names.who(p.stakeholder) for p in result.leverage.supporters if not p.moves]
    if quiet:
        out += [EXPLAIN["saturated"] + " " + ", ".join(quiet), ""]
    out += [f"{h} Homework", "", f"*{EXPLAIN['homework']}*", "", *checklist(debate, result, HOMEWORK_ROWS)]
    if result.options:
        out += [f"{h} Options compared", "", *options_lines(result.options, names)]
    return out


def _person(p: StakeholderPlan, names: _Names, defend: bool) -> list[str]:
    where = "no stance" if p.position is None else f"{p.position:+d}" if p.position else "0"
    head = (
        f"**{names.who(p.stakeholder)}** (power {p.power}, on the motion {where}, "
        f"motion strength in their view {p.motion_strength:.2f})"
    )
    out = [head, ""]
    if p.moves:
        out += [
            f"| Claim | Now | Step | {'Loss' if defend else 'Gain'} | Weight | Evidence attached "
            "| Allies to carry it |",
            "| --- | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for m in p.moves:
            allies = ", ".join(f"{names.who(s)} ({c:+.2f})" for s, c in m.allies) or "—"
            moved = f" (moved {m.moved_before} before)" if m.moved_before else ""
            now = f"{m.position:+d}" if m.position else "0"
            out.append(
                f"| {names.claim(m.claim)} | {now} | {m.step:+d} | {m.change:.3f} | {m.weight:.3f}{moved} | "
                f"{', '.join(m.evidence) or 'none'} | {allies} |"
            )
        out.append("")
    else:
        out += ["No stance of theirs, moved one step, raises the motion in their view.", ""]
    if p.missing:
        first = "; ".join(names.claim(c) for c in p.missing[:3])
        out += [f"Missing: no stance on {len(p.missing)} claim(s) bearing on the motion; ask first about: {first}", ""]
    return out


def checklist(debate: Debate, result: Plan, limit: int | None = None) -> list[str]:
    """The homework as a Markdown checklist, most useful first."""
    names = _Names(debate)
    tasks = result.homework.missing if limit is None else result.homework.missing[:limit]
    out = []
    for task in tasks:
        effect = "strengthen" if task.direction > 0 else "weaken"
        if task.reached:
            reach = f"support for it would {effect} the motion for " + ", ".join(names.who(s) for s in task.reached)
        else:
            reach = "moves no view of power ≥ 4 (already carried there)"
        out.append(
            f"- [ ] Find evidence on: {names.claim(task.claim)} (`{task.claim}`): score {task.score:.3f}; {reach}"
        )
    for claim, best in result.homework.weak:
        out.append(f"- [ ] Shore up: {names.claim(claim)} (`{claim}`): its best evidence is {best}/5")
    if limit is not None and len(result.homework.missing) > limit:
        out.append(f"- … {len(result.homework.missing) - limit} more (`debatemap plan FILE --homework` lists all)")
    return (out or ["Nothing to find: every claim has evidence of reliability 3 or more."]) + [""]


def options_lines(compared: list[Option], names: _Names) -> list[str]:
    out = [
        f"*{EXPLAIN['options']}*",
        "",
        "| Option | Support | Opposition | Mean position | Strength | Backed by | Resisted by |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for o in compared:
        mean = "—" if o.mean_position is None else f"{o.mean_position:+.2f}"
        out.append(
            f"| {names.claim(o.claim)} | {o.feasibility.support} | {o.feasibility.opposition} | {mean} | "
            f"{o.strength:.2f} | {escape(', '.join(o.backed_by)) or '—'} | {escape(', '.join(o.resisted_by)) or '—'} |"
        )
    return [*out, ""]


def brief_lines(debate: Debate, level: int = 2) -> list[str]:
    """A brief per coalition: members, what holds them together, where they split."""
    names = _Names(debate)
    out = [f"{'#' * level} Coalition briefs", ""]
    found = briefs(debate)
    if not found:
        return [*out, "No coalitions declared and no computed group of two or more.", ""]
    for b in found:
        cohesion = "" if b.cohesion is None else f" (cohesion {b.cohesion:+.2f})"
        out += [
            f"{'#' * (level + 1)} {escape(b.title)}{cohesion}",
            "",
            "Members: " + (", ".join(names.who(m) for m in b.members) or "none"),
            "",
        ]
        if b.glue:
            out.append("Held together by:")
            out += [f"- {names.claim(c)}: {n} members at {mean:+.1f} on average" for c, n, mean in b.glue]
            out.append("")
        if b.splits:
            out.append("Splits on:")
            out += [
                f"- {names.claim(s.claim)}: for {', '.join(names.who(m) for m in s.for_)}; "
                f"against {', '.join(names.who(m) for m in s.against)}"
                for s in b.splits
            ]
            out.append("")
        if not b.glue and not b.splits:
            out += ["Its members share no claim with two or more stances.", ""]
    return out
