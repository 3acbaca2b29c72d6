"""`debatemap [FILE]`: open the app on FILE, or on the bundled debate."""

from __future__ import annotations

from pathlib import Path

import click

from seeds import DEFAULT_SEED, seed_path

from ..cli_support import open_app


def default_debate() -> str:
    """The working copy of the bundled debate in the current directory if there is one (an
    earlier session saved the facilitator's edits there), else the bundled debate itself."""
    bundled = seed_path(DEFAULT_SEED)
    working = Path.cwd() / bundled.name
    if working.is_file():
        click.echo(f"Opening your working copy {working}; `debatemap seed --force` starts afresh.", err=True)
        return str(working)
    return str(bundled)


@click.command("open")
@click.argument("file", required=False, type=click.Path())
@click.option(
    "--read-only", is_flag=True, help="A view that cannot change FILE (no edits, no saving, no recovery file)."
)
# set by `debatemap serve` for each browser: nothing from the network may name a path here
@click.option("--served", is_flag=True, hidden=True)
def command(file: str | None, read_only: bool, served: bool) -> None:
    """Open the app on FILE (default: your working copy of the bundled Peru debate in this
    folder if you saved one, else the bundled debate)."""
    open_app(file or default_debate(), read_only=read_only, served=served)
