"""`debatemap diff OLD NEW [--format rich|markdown|json]`: what changed, matched by ids.

Exits 0 whether or not the debates differ (the output says which; JSON has `same`), 1
when a file cannot be read, 2 on a usage error.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..cli_support import load, write_output

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
LABEL_FIELD = {"sources": "citation", "stakeholders": "name", "claims": "text", "evidence": "text",
               "coalitions": "name", "scenarios": "name", "stances": "position", "links": "relation",
               "polls": "claim"}


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(["rich", "markdown", "json"]), default="rich",
              show_default=True, help="Terminal view, Markdown ('what changed since the last workshop') or JSON.")
@click.option("--output", "-o", "out", default=None, help="Write here instead of stdout.")
def command(old: str, new: str, fmt: str, out: str | None) -> None:
    """Show what changed from OLD to NEW: claims added, removed, edited, moved, flipped or
    reordered; evidence, stakeholders and the rest likewise; stance history.

    Exit status 0 whether or not they differ."""
    from arguments.diff import diff_debates

    before, after = load(old), load(new)
    result = diff_debates(before, after)
    if fmt == "json":
        write_output(json.dumps(result.to_data(), ensure_ascii=False, indent=2) + "\n", out)
    elif fmt == "markdown":
        write_output(markdown(result, old, new, after.title), out)
    else:
        if out not in (None, "-"):
            raise click.UsageError("--output needs --format markdown or json")
        _print_rich(result, old, new)


def shown(value: Any, limit: int = 200) -> str:
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


def _label(change) -> str:  # noqa: ANN001
    record = change.new or change.old
    return shown(record.get(LABEL_FIELD[change.table], ""), 120)


def markdown(result, old: str, new: str, title: str) -> str:  # noqa: ANN001
    """The diff as a Markdown report; all user text escaped."""
    from export.md_escape import escape_inline as esc

    lines = [f"# What changed: {esc(title.strip())}", "", f"Comparing {esc(old)} with {esc(new)}.", ""]
    if result.same:
        return "\n".join(lines + ["No changes.", ""])
    if result.header:
        lines += ["## The debate", ""]
        lines += [f"- {esc(f.name)}: {_md_field(f, esc)}" for f in result.header]
        lines.append("")
    for table, heading in TABLE_TITLES.items():
        changes = result.in_table(table)
        if not changes and not (table == "claims" and result.reorders):
            continue
        lines += [f"## {heading}", ""]
        for change in changes:
            key = f"**{esc(change.key)}**"
            if change.change == "added":
                lines.append(f"- Added {key}: {esc(_label(change))}")
            elif change.change == "removed":
                lines.append(f"- Removed {key}: {esc(_label(change))}")
            else:
                parts = "; ".join(f"{esc(f.name)} {_md_field(f, esc)}" for f in change.fields)
                lines.append(f"- {key} {esc(', '.join(change.kinds))}: {parts}")
        if table == "claims":
            for order in result.reorders:
                under = esc(order.parent) if order.parent else "the roots"
                lines.append(f"- Reordered under {under}: {esc(', '.join(order.new))} (was {esc(', '.join(order.old))})")
        lines.append("")
    if result.history_added or result.history_removed:
        lines += ["## Stance history", ""]
        lines += [f"- New: {esc(_history_line(h))}" for h in result.history_added]
        lines += [f"- Dropped: {esc(_history_line(h))}" for h in result.history_removed]
        lines.append("")
    return "\n".join(lines)


def _md_field(change, esc) -> str:  # noqa: ANN001
    words = change.words
    if words is None:
        return f"{esc(shown(change.old))} → {esc(shown(change.new))}"
    pieces = []
    for op, text in words:
        body = " ".join(esc(word) for word in shown(text, None).split())
        if body:
            mark = {"=": "", "-": "~~", "+": "**"}[op]
            pieces.append(f"{mark}{body}{mark}")
    return " ".join(pieces)


def _history_line(entry: dict[str, Any]) -> str:
    from arguments.history import format_position

    line = f"{entry['at']} {entry['stakeholder']} on {entry['claim']}: "
    line += f"{format_position(entry['from'])} → {format_position(entry['to'])}"
    return line + (f", {entry['note']}" if entry.get("note") else "")


def _print_rich(result, old: str, new: str) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(f"{shown(old)} → {shown(new)}", style="bold"))
    if result.same:
        console.print(Text("No changes."))
        return
    for f in result.header:
        console.print(_rich_field(Text(f"  {f.name}: "), f))
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
                line.append(shown(change.key), style="bold")
                line.append("  " + _label(change))
                console.print(line)
                continue
            head = Text("  ~ ", style="yellow")
            head.append(shown(change.key), style="bold")
            head.append("  " + ", ".join(change.kinds), style="yellow")
            console.print(head)
            for f in change.fields:
                console.print(_rich_field(Text(f"      {f.name}: "), f))
        for order in reorders:
            line = Text("  ↕ reordered under ", style="cyan")
            line.append(shown(order.parent) if order.parent else "the roots", style="bold")
            line.append(f": {shown(', '.join(order.new))}  (was {shown(', '.join(order.old))})")
            console.print(line)
    if result.history_added or result.history_removed:
        console.print(Text("\nStance history", style="bold underline"))
        for entry in result.history_added:
            console.print(Text("  + " + shown(_history_line(entry), 300), style="green"))
        for entry in result.history_removed:
            console.print(Text("  - " + shown(_history_line(entry), 300), style="red"))


def _rich_field(line, change):  # noqa: ANN001, ANN201
    words = change.words
    if words is None:
        line.append(shown(change.old), style="red")
        line.append(" → ")
        line.append(shown(change.new), style="green")
        return line
    for op, text in words:  # git's word-diff marks, so the change reads without colour too
        if op == "=":
            line.append(shown(text, 400))
        elif op == "-":
            line.append("[-" + shown(text, 400) + "-]", style="red")
        else:
            line.append("{+" + shown(text, 400) + "+}", style="green")
    return line
