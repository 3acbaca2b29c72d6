"""`debatemap diff OLD NEW [--format rich|markdown|json]`: what changed, matched by ids.

Exits 0 whether or not the debates differ (the output says which; JSON has `same`), 1
when a file cannot be read, 2 on a usage error.
"""

from __future__ import annotations

import json
from typing import Any

import click

from arguments.terminal_json import json_dumps_terminal_safe

from ..cli_support import FORCE_HELP, load, write_output

TABLE_TITLES = {
    "sources": "Sources",
    "stakeholders": "Stakeholders",
    "claims": "Claims",
    "links": "Links",
    "evidence": "Evidence",
    "stances": "Stances",
    "coalitions": "Coalitions",
    "scenarios": "Scenarios",
    "polls": "Room polls",
}
LABEL_FIELD = {
    "sources": "citation",
    "stakeholders": "name",
    "claims": "text",
    "evidence": "text",
    "coalitions": "name",
    "scenarios": "name",
    "stances": "position",
    "links": "relation",
    "polls": "claim",
}


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["rich", "markdown", "json"]),
    default="rich",
    show_default=True,
    help="Terminal view, Markdown ('what changed since the last workshop') or JSON.",
)
@click.option("--output", "-o", "out", default=None, help="Write here instead of stdout.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(old: str, new: str, fmt: str, out: str | None, force: bool) -> None:
    """Show what changed from OLD to NEW: claims added, removed, edited, moved, flipped or
    reordered; evidence, stakeholders and the rest likewise; stance history.

    Exit status 0 whether or not they differ."""
    from arguments.diff import diff_debates
    from arguments.diff_names import Names

    before, after = load(old), load(new)
    result = diff_debates(before, after)
    names = Names(before, after)
    if fmt == "json":
        write_output(json_dumps_terminal_safe(result.to_data()) + "\n", out, [old, new], force=force)
    elif fmt == "markdown":
        write_output(markdown(result, old, new, after.title, names), out, [old, new], force=force)
    else:
        if out not in (None, "-"):
            raise click.UsageError("--output needs --format markdown or json")
        _print_rich(result, old, new, names)


def shown(value: Any, limit: int | None = 200) -> str:
    """A field value on one line, control characters made visible."""
    from arguments.display import one_line

    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return one_line(", ".join(value) or "(none)", limit)
        return one_line(json.dumps(value, ensure_ascii=False), limit)
    return one_line(str(value), limit)


def markdown(result, old: str, new: str, title: str, names=None) -> str:  # noqa: ANN001
    """The diff as a Markdown report; all user text escaped; records by NAMES (`Names`)."""
    from arguments.diff_names import Names
    from arguments.handout_format import escape_inline as esc

    names = names or Names()

    lines = [f"# What changed: {esc(title.strip())}", "", f"Comparing {esc(old)} with {esc(new)}.", ""]
    if result.same:
        return "\n".join([*lines, "No changes.", ""])
    if result.header:
        lines += ["## The debate", ""]
        lines += [f"- {esc(f.name)}: {_md_field(f, esc, names)}" for f in result.header]
        lines.append("")
    for table, heading in TABLE_TITLES.items():
        changes = result.in_table(table)
        if not changes and not (table == "claims" and result.reorders):
            continue
        lines += [f"## {heading}", ""]
        for change in changes:
            key = f"**{esc(names.record(change))}**"
            if change.change in ("added", "removed"):
                detail = _detail(change, names)
                lines.append(f"- {change.change.capitalize()} {key}" + (f": {esc(detail)}" if detail else ""))
            else:
                parts = "; ".join(f"{esc(f.name)} {_md_field(f, esc, names)}" for f in change.fields)
                lines.append(f"- {key} {esc(', '.join(change.kinds))}: {parts}")
        if table == "claims":
            for order in result.reorders:
                under = esc(names.claim(order.parent))
                now, was = (", ".join(names.claim(c) for c in ids) for ids in (order.new, order.old))
                lines.append(f"- Reordered under {under}: {esc(now)} (was {esc(was)})")
        lines.append("")
    if result.history_added or result.history_removed:
        lines += ["## Stance history", ""]
        lines += [f"- New: {esc(names.history(h))}" for h in result.history_added]
        lines += [f"- Dropped: {esc(names.history(h))}" for h in result.history_removed]
        lines.append("")
    return "\n".join(lines)


def _detail(change, names) -> str:  # noqa: ANN001
    """What follows an added or removed record's name, when its name does not say it all."""
    if change.table in ("stances", "links"):
        field = LABEL_FIELD[change.table]
        return shown(names.value(field, (change.new or change.old).get(field)), None)
    return ""


def _md_field(change, esc, names) -> str:  # noqa: ANN001
    words = change.words
    if words is None:
        old, new = (shown(names.value(change.name, v), None) for v in (change.old, change.new))
        if change.name == "position":  # ours (+2, 0, none): nothing to escape
            return f"{old} → {new}"
        return f"{esc(old)} → {esc(new)}"
    pieces = []
    for op, text in words:
        body = " ".join(esc(word) for word in shown(text, None).split())
        if body:
            mark = {"=": "", "-": "~~", "+": "**"}[op]
            pieces.append(f"{mark}{body}{mark}")
    return " ".join(pieces)


def _print_rich(result, old: str, new: str, names) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(f"{shown(old)} → {shown(new)}", style="bold"))
    if result.same:
        console.print(Text("No changes."))
        return
    for f in result.header:
        console.print(_rich_field(Text(f"  {f.name}: "), f, names))
    for table, heading in TABLE_TITLES.items():
        changes = result.in_table(table)
        reorders = result.reorders if table == "claims" else []
        if not changes and not reorders:
            continue
        console.print(Text(f"\n{heading}", style="bold underline"))
        for change in changes:
            if change.change in ("added", "removed"):
                mark, style = ("+", "green") if change.change == "added" else ("-", "red")
                line = Text(f"  {mark} {change.change} ", style=style)
                line.append(shown(names.record(change), None), style="bold")
                detail = _detail(change, names)
                line.append(f": {detail}" if detail else "")
                console.print(line)
                continue
            head = Text("  ~ ", style="yellow")
            head.append(shown(names.record(change), None), style="bold")
            head.append("  " + ", ".join(change.kinds), style="yellow")
            console.print(head)
            for f in change.fields:
                console.print(_rich_field(Text(f"      {f.name}: "), f, names))
        for order in reorders:
            line = Text("  ↕ reordered under ", style="cyan")
            line.append(shown(names.claim(order.parent), None), style="bold")
            now, was = (", ".join(names.claim(c) for c in ids) for ids in (order.new, order.old))
            line.append(f": {shown(now, None)}  (was {shown(was, None)})")
            console.print(line)
    if result.history_added or result.history_removed:
        console.print(Text("\nStance history", style="bold underline"))
        for entry in result.history_added:
            console.print(Text("  + " + shown(names.history(entry), None), style="green"))
        for entry in result.history_removed:
            console.print(Text("  - " + shown(names.history(entry), None), style="red"))


def _rich_field(line, change, names):  # noqa: ANN001, ANN201
    # nothing is cut here: Rich wraps long values, so no `…[cut]` marker ever shows
    words = change.words
    if words is None:
        line.append(shown(names.value(change.name, change.old), None), style="red")
        line.append(" → ")
        line.append(shown(names.value(change.name, change.new), None), style="green")
        return line
    for op, text in words:  # git's word-diff marks, so the change reads without colour too
        if op == "=":
            line.append(shown(text, None))
        elif op == "-":
            line.append("[-" + shown(text, None) + "-]", style="red")
        else:
            line.append("{+" + shown(text, None) + "+}", style="green")
    return line
