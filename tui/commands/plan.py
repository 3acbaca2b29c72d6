"""`debatemap plan FILE`: who to talk to, with which claims, what to defend and what to find out next."""

from __future__ import annotations

import click

from ..cli_support import BadInput, anonymized, load, write_output


@click.command("plan")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--motion", "motion", metavar="ID", default=None, help="Plan for this claim (default: the debate's motion)."
)
@click.option("--homework", is_flag=True, help="Print only the homework, as a Markdown checklist.")
@click.option(
    "--anonymize",
    type=click.Choice(["groups", "all"]),
    default=None,
    help="Chatham House: name stakeholders by group and level, or by letters.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON keyed by claim and stakeholder ids.")
def command(file: str, motion: str | None, homework: bool, anonymize: str | None, as_json: bool) -> None:
    """Plan the next workshop on FILE: for each powerful stakeholder not yet for the motion,
    the claims that would most move them and the allies to carry them; for each supporter,
    what to defend; the evidence to find (homework); and the options compared."""
    from arguments.analysis.plan import NoMotion, plan, to_json
    from arguments.display import one_line

    debate = anonymized(load(file), anonymize)
    try:
        found = plan(debate, motion)
    except NoMotion:
        raise BadInput(f"{one_line(file, 200)}: the debate has no claims to plan for") from None
    except KeyError:
        known = [c.id for c in debate.claims]
        hint = ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
        raise BadInput(
            f'{one_line(file, 200)}: no claim with id "{one_line(motion or "", 80)}" (known: {hint})'
        ) from None

    if as_json:
        import json

        write_output(json.dumps(to_json(found), indent=2, ensure_ascii=False) + "\n", None)
        return
    if homework:
        from arguments.analysis.plan import EXPLAIN
        from export.markdown_plan import checklist

        lines = [
            f"# Homework: {one_line(debate.title, 200)}",
            "",
            f"*{EXPLAIN['homework']}*",
            "",
            *checklist(debate, found),
        ]
        write_output("\n".join(lines), None)
        return

    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    from ..screens.analysis_views import Names
    from ..screens.plan_views import sections

    names = Names(debate)
    console = Console(highlight=False, soft_wrap=False)
    console.print(Text(one_line(debate.title, 200), style="bold"))
    console.print(Text("Motion: ", style="bold") + Text(names.claim(found.motion, 120)))
    for _, title, renderable in sections(found, names):
        console.print(Rule(Text(title)))
        console.print(renderable)
