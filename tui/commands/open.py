"""`debatemap [FILE]`: open the app on FILE, or on the bundled debate."""

from __future__ import annotations

import click

from seeds import DEFAULT_SEED, seed_path

from ..cli_support import open_app


@click.command("open")
@click.argument("file", required=False, type=click.Path())
@click.option("--read-only", is_flag=True, help="A view that cannot change FILE (no edits, no saving, no recovery file).")
def command(file: str | None, read_only: bool) -> None:
    """Open the app on FILE (default: the bundled Peru debate)."""
    open_app(file or str(seed_path(DEFAULT_SEED)), read_only=read_only)
