"""`debatemap analyze FILE`: who supports, who opposes, alliances, and how strong each claim is."""

from __future__ import annotations

import click

from ..cli_support import BadInput, load, write_output


def _positions(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str, int]]:
    out = []
    for value in values:
        who_what, _, pos = value.partition("=")
        who, _, claim = who_what.partition(":")
        try:
            position = int(pos)
        except ValueError:
            position = 99
        if not who or not claim or not -3 <= position <= 3:
            raise click.BadParameter(f"{value!r}: expected STAKEHOLDER:CLAIM=POS with POS from -3 to 3")
        out.append((who, claim, position))
    return out


def _powers(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, int]]:
    out = []
    for value in values:
        who, _, level = value.partition("=")
        if not who or not level.isdigit() or not 1 <= int(level) <= 5:
            raise click.BadParameter(f"{value!r}: expected STAKEHOLDER=N with N from 1 to 5")
        out.append((who, int(level)))
    return out


def _adhoc(file, debate, positions, powers, dropped, keep_as):  # noqa: ANN001, ANN202
    """The what-if from the command line, its ids checked; kept in FILE when KEEP_AS names it."""
    from arguments.analysis.whatif import UnknownId, adhoc_scenario, apply_scenario
    from arguments.ids import unique_id
    from arguments.model import Scenario
    from arguments.workfile import WorkFile

    scenario = adhoc_scenario(positions, powers, dropped, name=keep_as or "What if")
    try:
        apply_scenario(debate, scenario)
    except UnknownId as exc:
        raise BadInput(f"{file}: {exc}".replace('scenario "what-if": ', "")) from None
    if keep_as is None:
        return scenario
    if not keep_as.strip():
        raise BadInput("--keep-as: the name is blank")
    kept = Scenario.model_validate({**scenario.model_dump(by_alias=True), "id": unique_id(debate, keep_as, "scenario")})
    work = WorkFile(file)
    loaded = work.load()
    loaded.scenarios.append(kept)
    try:
        work.save(loaded)
    except OSError as exc:
        raise BadInput(getattr(exc, "user_message", None) or f"{file}: cannot save: {exc}") from None
    click.echo(f'Kept the what-if in {file} as scenario "{kept.id}"', err=True)
    return kept


@click.command("analyze")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--claim",
    "claim_id",
    metavar="ID",
    default=None,
    help="Draw the position map for this claim (default: the motion).",
)
@click.option("--stakeholder", metavar="ID", default=None, help="Add this stakeholder's perspective.")
@click.option("--scenario", metavar="ID", default=None, help="Add a what-if with this scenario from the file.")
@click.option(
    "--set",
    "set_positions",
    metavar="STAKEHOLDER:CLAIM=POS",
    multiple=True,
    callback=_positions,
    help="What if STAKEHOLDER took position POS (-3..3) on CLAIM? Repeatable; not saved.",
)
@click.option(
    "--power",
    "set_powers",
    metavar="STAKEHOLDER=N",
    multiple=True,
    callback=_powers,
    help="What if STAKEHOLDER had power N (1..5)? Repeatable; not saved.",
)
@click.option(
    "--drop",
    "dropped",
    metavar="CLAIM",
    multiple=True,
    help="What if CLAIM (and its subtree) were dropped? Repeatable.",
)
@click.option(
    "--keep-as",
    "keep_as",
    metavar="NAME",
    default=None,
    help="Keep this what-if in FILE as a named [[scenarios]] entry (the file is saved, with a backup).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON keyed by claim and stakeholder ids.")
def command(
    file: str,
    claim_id: str | None,
    stakeholder: str | None,
    scenario: str | None,
    set_positions: list[tuple[str, str, int]],
    set_powers: list[tuple[str, int]],
    dropped: tuple[str, ...],
    keep_as: str | None,
    as_json: bool,
) -> None:
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
    if set_positions or set_powers or dropped:
        if chosen is not None:
            raise click.UsageError("give either --scenario or --set/--power/--drop, not both")
        chosen = _adhoc(file, debate, set_positions, set_powers, dropped, keep_as)
    elif keep_as:
        raise click.UsageError("--keep-as needs a what-if: --set, --power or --drop")
    analysis = analyse(debate, claim=claim_id, stakeholder=stakeholder, scenario=chosen)

    if as_json:
        from arguments.terminal_json import json_dumps_terminal_safe

        data = to_json(analysis)
        compared = _options(debate)
        if compared is not None:
            from arguments.analysis.plan import options_json

            data["options"] = options_json(compared)
        if debate.polls:
            from ..room.report import room_data

            data["room"] = room_data(debate)
        write_output(json_dumps_terminal_safe(data) + "\n", None)
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
    from ..room.report import print_room

    print_room(console, debate)
    compared = _options(debate)
    if compared is not None:
        from ..screens.analysis_views import Names
        from ..screens.plan_views import options as options_view

        console.print(Rule(Text("Options compared")))
        console.print(options_view(compared, Names(debate)))


def _options(debate):  # noqa: ANN001, ANN202
    """The motions compared side by side, when the debate has several; else None."""
    from arguments.analysis.options import compare, options

    return compare(debate) if len(options(debate)) > 1 else None
