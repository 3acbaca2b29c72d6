"""`debatemap analyze FILE`: who supports, who opposes, alliances, and how strong each claim is."""

from __future__ import annotations

import click

from ..cli_support import BadInput, load, write_output


@click.command("analyze")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--claim", "claim_id", metavar="ID", default=None, help="Draw the position map for this claim (default: the motion).")
@click.option("--stakeholder", metavar="ID", default=None, help="Add this stakeholder's perspective.")
@click.option("--scenario", metavar="ID", default=None, help="Add a what-if with this scenario from the file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON keyed by claim and stakeholder ids.")
def command(file: str, claim_id: str | None, stakeholder: str | None, scenario: str | None, as_json: bool) -> None:
    """Analyse FILE: position map, feasibility, power-interest grid, contested claims and
    cruxes, coalitions, argument strength (DF-QuAD) and gaps."""
    from arguments.analysis.report import analyse, to_json
    from arguments.display import one_line

    debate = load(file)

    def unknown(what: str, value: str, known: list[str]) -> BadInput:
        hint = ", ".join(known[:8]) + (" …" if len(known) > 8 else "") if known else "none"
        return BadInput(f'{one_line(file, 200)}: no {what} with id "{one_line(value, 80)}" (known: {hint})')

    if claim_id is not None and claim_id not in {c.id for c in debate.claims}:
        raise unknown("claim", claim_id, [c.id for c in debate.claims])
    if stakeholder is not None and stakeholder not in {s.id for s in debate.stakeholders}:
        raise unknown("stakeholder", stakeholder, [s.id for s in debate.stakeholders])
    chosen = None
    if scenario is not None:
        chosen = next((s for s in debate.scenarios if s.id == scenario), None)
        if chosen is None:
            raise unknown("scenario", scenario, [s.id for s in debate.scenarios])
    analysis = analyse(debate, claim=claim_id, stakeholder=stakeholder, scenario=chosen)

    if as_json:
        import json

        write_output(json.dumps(to_json(analysis), indent=2, ensure_ascii=False) + "\n", None)
        return

    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    from ..screens.analysis_views import sections

    console = Console(highlight=False, soft_wrap=False)
    console.print(Text(one_line(debate.title, 200), style="bold"))
    for _, title, renderable in sections(debate, analysis):
        console.print(Rule(Text(title)))
        console.print(renderable)
