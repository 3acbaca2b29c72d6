"""`debatemap shifts FILE [--since DATE] [--json]`: how stakeholders' stances moved."""

from __future__ import annotations

from datetime import datetime

import click

from arguments.terminal_json import json_dumps_terminal_safe

from ..cli_support import load


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    from arguments.history import parse_when

    when = parse_when(value)
    if when is None:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2026-11-26 or 2026-11-26T10:15")
    return when


@click.command("shifts")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--since", callback=_since, metavar="DATE", help="Only changes at or after DATE (ISO 8601).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(file: str, since: datetime | None, as_json: bool) -> None:
    """Show how stances in FILE moved, per stakeholder and claim, from its stance history."""
    from arguments.history import shifts

    debate = load(file)
    found = shifts(debate, since)
    if as_json:
        click.echo(json_dumps_terminal_safe(_as_data(debate, found)))
    else:
        _print_table(debate, found)
        from rich.console import Console

        from ..room.report import print_room

        print_room(Console(highlight=False), debate)


def _as_data(debate, found) -> list[dict]:  # noqa: ANN001
    from arguments.history import describe, stakeholder_label

    texts = {c.id: c.text for c in debate.claims}
    return [
        {
            "stakeholder": shift.stakeholder,
            "stakeholder_name": stakeholder_label(debate, shift.stakeholder),
            "claim": shift.claim,
            "claim_text": texts.get(shift.claim, ""),
            "from": shift.before,
            "to": shift.after,
            "path": shift.path,
            "first_at": shift.first_at,
            "last_at": shift.last_at,
            "notes": shift.notes,
            "presented": shift.presented,
            "summary": describe(debate, shift),
            "changes": [c.model_dump(by_alias=True) for c in shift.changes],
        }
        for shift in found
    ]


def _print_table(debate, found) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from arguments.display import one_line
    from arguments.history import stakeholder_label

    console = Console(highlight=False)
    if not found:
        console.print(
            Text("No stance changes recorded" + ("" if not debate.stance_changes else " in that period") + ".")
        )
        return
    texts = {c.id: c.text for c in debate.claims}
    title = Text(one_line(debate.title, 200) + ": stance shifts")
    if console.width < TABLE_WIDTH:
        _print_blocks(console, debate, found, texts, title)
        return
    table = Table(title=title, show_lines=False)
    for name in ("Stakeholder", "Claim", "Movement", "When", "Why"):
        # Movement and times are never split: a timestamp cut in two misreads
        table.add_column(name, overflow="fold", no_wrap=name in ("Movement", "When"))
    for shift in found:
        table.add_row(
            Text(one_line(stakeholder_label(debate, shift.stakeholder), 80)),
            Text(one_line(texts.get(shift.claim, shift.claim), 200)),
            _movement(shift.path),
            Text("\n".join(one_line(t, 80) for t in _times(shift))),
            Text(one_line("; ".join(_reasons(shift, texts)), 400)),
        )
    console.print(table)


def _reasons(shift, texts: dict[str, str]) -> list[str]:  # noqa: ANN001
    """The notes typed for a shift, then the slides it followed (recorded by presenter mode)."""
    return [*shift.notes, *(f"moved after the discussion of {texts.get(c, c)}" for c in shift.presented)]


TABLE_WIDTH = 110
"""Narrower terminals get one block per shift: five columns at 80 split words and times."""


def _print_blocks(console, debate, found, texts: dict[str, str], title) -> None:  # noqa: ANN001
    """Each shift as a heading line, its movement and times, and its reasons; Rich wraps
    at spaces only, so no word or timestamp is cut."""
    from rich.text import Text

    from arguments.display import one_line
    from arguments.history import stakeholder_label

    console.print(title, style="bold")
    for shift in found:
        head = Text("\n")
        head.append(one_line(stakeholder_label(debate, shift.stakeholder), 80), style="bold")
        head.append(" on “" + one_line(texts.get(shift.claim, shift.claim), 200) + "”")
        console.print(head)
        line = Text("  ")
        line.append_text(_movement(shift.path))
        line.append("  " + " ".join(one_line(t, 80) for t in _times(shift)))
        console.print(line)
        reasons = _reasons(shift, texts)
        if reasons:
            console.print(Text("  Why: " + one_line("; ".join(reasons), 400)))


def _times(shift) -> list[str]:  # noqa: ANN001
    return [shift.first_at] if shift.first_at == shift.last_at else [shift.first_at + " –", shift.last_at]


def _movement(path: list[int | None]):  # noqa: ANN202 - a rich Text
    from rich.text import Text

    from arguments.history import format_position

    movement = Text()
    for i, position in enumerate(path):
        if i:
            movement.append(" → ")
        movement.append(format_position(position), style=_colour(position))
    return movement


def _colour(position: int | None) -> str:
    if position is None or position == 0:
        return "dim"
    return "green" if position > 0 else "red"
