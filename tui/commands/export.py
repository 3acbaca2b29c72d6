"""`debatemap export FILE --format F [-o OUT]`: render the debate for another tool."""

from __future__ import annotations

import click

from export import ExportOptions, render
from export.formats import writable

from ..cli_support import FORCE_HELP, anonymized, load, write_output


@click.command("export")
@click.argument("file", type=click.Path())
@click.option("--format", "-f", "fmt", type=click.Choice(writable()), default="markdown", show_default=True)
@click.option("--output", "-o", "out", default=None, help="Write here instead of stdout.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Deepest claim level (motion = 0).")
@click.option("--no-evidence", is_flag=True, help="Leave out evidence.")
@click.option("--no-stances", is_flag=True, help="Leave out stakeholders' stances.")
@click.option("--with-analysis", is_flag=True, help="Add the analysis section (markdown, html).")
@click.option("--with-shifts", is_flag=True, help="Add the stance-history section (markdown, html).")
@click.option("--with-ids", is_flag=True, help="Markdown: keep ids in <!-- --> markers, for import back.")
@click.option("--with-plan", is_flag=True, help="Add the plan: who to win over, what to defend, homework (markdown).")
@click.option("--with-briefs", is_flag=True, help="Add a brief per coalition (markdown).")
@click.option(
    "--anonymize",
    type=click.Choice(["groups", "all"]),
    default=None,
    help="Chatham House: name stakeholders by group and level, or by letters (all formats).",
)
def command(
    file: str,
    fmt: str,
    out: str | None,
    depth: int | None,
    no_evidence: bool,
    no_stances: bool,
    with_analysis: bool,
    with_shifts: bool,
    with_ids: bool,
    with_plan: bool = False,
    with_briefs: bool = False,
    anonymize: str | None = None,
    force: bool = False,
) -> None:
    """Export FILE as FORMAT (to stdout unless -o)."""
    debate = anonymized(load(file), anonymize)
    options = ExportOptions(
        depth=depth,
        evidence=not no_evidence,
        stances=not no_stances,
        analysis=with_analysis,
        shifts=with_shifts,
        ids=with_ids,
        plan=with_plan,
        briefs=with_briefs,
    )
    write_output(render(fmt, debate, options), out, [file], force=force)
