"""`debatemap new FILE --title ...`: start an empty debate with its motion."""

from __future__ import annotations

from pathlib import Path

import click

from arguments.model import Claim, Debate
from arguments.storage import write_debate

from ..cli_support import BadInput


@click.command("new")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--title", required=True, help="The debate's title.")
@click.option("--question", default="", help="The motion as asked, e.g. 'Should Peru decentralize?'")
@click.option("--motion", default="", help="The motion as a claim (default: the question, or the title).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def command(file: str, title: str, question: str, motion: str, force: bool) -> None:
    """Create FILE, a new debate with a motion and nothing else."""
    if Path(file).exists() and not force:
        raise BadInput(f"{file}: already exists (use --force to overwrite)")
    if not title.strip():
        raise BadInput("--title: the title is blank")
    text = motion.strip() or question.strip() or title.strip()
    debate = Debate(title=title, question=question, claims=[Claim(id="motion", text=text, kind="thesis")])
    try:
        write_debate(debate, file)
    except OSError as exc:
        raise BadInput(f"{file}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Created {file}")
