"""`debatemap show FILE`: the claim tree in the terminal, with stances and evidence counts."""

from __future__ import annotations

import click

from ..cli_support import load

MARKS = {"supports": ("+ Pro", "green"), "opposes": ("- Con", "red")}


@click.command("show")
@click.argument("file", type=click.Path())
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Deepest claim level (motion = 0).")
def command(file: str, depth: int | None) -> None:
    """Show FILE's claims as a tree: pro and con, who supports and opposes, evidence counts."""
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    from arguments.display import one_line
    from arguments.summary import summarise
    from arguments.tree import ClaimTree

    debate = load(file)
    tree = ClaimTree.of(debate)
    summary = summarise(debate)
    names = {s.id: one_line(s.label, 40) for s in debate.stakeholders}
    supporters: dict[str, list[str]] = {}
    opponents: dict[str, list[str]] = {}
    for stance in debate.stances:
        who = f"{names.get(stance.stakeholder, stance.stakeholder)} ({stance.position:+d})"  # signed, as everywhere
        if stance.position > 0:
            supporters.setdefault(stance.claim, []).append(who)
        elif stance.position < 0:
            opponents.setdefault(stance.claim, []).append(who)

    def label(claim_id: str) -> Text:
        claim = tree.by_id[claim_id]
        text = Text()
        if claim.kind == "question":
            text.append("? Question ", style="bold yellow")
        elif claim.relation:
            mark, colour = MARKS[claim.relation]
            text.append(f"{mark} ", style=f"bold {colour}")
        elif claim.kind == "thesis":
            text.append("Motion " if claim.parent is None else "Thesis ", style="bold")
        text.append(one_line(claim.text, 300))
        info = summary[claim_id]
        if info.evidence:
            text.append(f"  [{info.evidence} evidence]", style="dim")
        if claim_id in supporters:
            text.append("\n  supported by: " + ", ".join(supporters[claim_id]), style="green")
        if claim_id in opponents:
            text.append("\n  opposed by: " + ", ".join(opponents[claim_id]), style="red")
        return text

    title = Text(one_line(debate.title, 300), style="bold")
    if debate.question:
        title.append("\n" + one_line(debate.question, 300), style="italic")
    root = Tree(title)
    nodes: dict[str | None, Tree] = {None: root}
    for claim_id, level in tree.walk():
        if depth is not None and level > depth:
            continue
        parent = tree.by_id[claim_id].parent
        nodes[claim_id] = nodes.get(parent, root).add(label(claim_id))
    Console(highlight=False, soft_wrap=False).print(root)
