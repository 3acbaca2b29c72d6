"""`debatemap present FILE`: open the app straight in presenter mode, for the projected screen."""

from __future__ import annotations

import click

from ..cli_support import load


@click.command("present")
@click.argument("file", type=click.Path(dir_okay=False))
def command(file: str) -> None:
    """Present FILE one claim at a time (right/left walk, v reveals stances, escape leaves)."""
    load(file)  # bad input: a clear message and exit 1 before any screen opens
    from ..app import run_app

    run_app(file, present=True)
