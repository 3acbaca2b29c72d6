"""`debatemap [FILE]`: open the app on FILE, or on the bundled debate."""

from __future__ import annotations

import click

from seeds import DEFAULT_SEED, seed_path

from ..cli_support import load


@click.command("open")
@click.argument("file", required=False, type=click.Path())
def command(file: str | None) -> None:
    """Open the app on FILE (default: the bundled Peru debate)."""
    path = file or str(seed_path(DEFAULT_SEED))
    debate = load(path)
    try:
        from ..app import run_app
    except ImportError:  # the app is not built yet: show the outline instead
        from export import render

        click.echo(render("markdown", debate))
        return
    run_app(path, debate)
