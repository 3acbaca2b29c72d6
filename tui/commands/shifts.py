"""`debatemap shifts FILE [--since DATE] [--json]`: how stakeholders' stances moved."""

from __future__ import annotations

import json
from datetime import datetime

import click

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
        click.echo(json.dumps(_as_data(debate, found), ensure_ascii=False, indent=2))
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
    from arguments.history import format_position, stakeholder_label

    console = Console(highlight=False)
    if not found:
        console.print(Text("No stance changes recorded" + ("" if not debate.stance_changes else " in that period") + "."))
        return
    texts = {c.id: c.text for c in debate.claims}
    table = Table(title=Text(one_line(debate.title, 200) + ": stance shifts"), show_lines=False)
    for name in ("Stakeholder", "Claim", "Movement", "When", "Why"):
        table.add_column(name, overflow="fold")
    for shift in found:
        claim = Text(one_line(shift.claim, 80), style="bold")
        if shift.claim in texts:
            claim.append("\n" + one_line(texts[shift.claim], 200), style="dim")
        movement = Text()
        for i, position in enumerate(shift.path):
            if i:
                movement.append(" → ")
            movement.append(format_position(position), style=_colour(position))
        when = shift.first_at if shift.first_at == shift.last_at else f"{shift.first_at} – {shift.last_at}"
        table.add_row(
            Text(one_line(stakeholder_label(debate, shift.stakeholder), 80)),
            claim,
            movement,
            Text(one_line(when, 80)),
            Text(one_line("; ".join(shift.notes), 400)),
        )
    console.print(table)


def _colour(position: int | None) -> str:
    if position is None or position == 0:
        return "dim"
    return "green" if position > 0 else "red"
