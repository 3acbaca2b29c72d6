"""`debatemap present FILE`: open the app straight in presenter mode, for the projected screen."""

from __future__ import annotations

import click

from ..cli_support import open_app


@click.command("present")
@click.argument("file", type=click.Path())
def command(file: str) -> None:
    """Present FILE one claim at a time (right/left walk, v reveals stances, escape leaves)."""
    open_app(file, present=True)
