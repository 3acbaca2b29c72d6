"""`debatemap seed [NAME] [DEST]`: copy a bundled debate and its sources out to edit."""

from __future__ import annotations

from pathlib import Path

import click

from arguments.display import one_line
from seeds import DEFAULT_SEED, copy_seed, seed_names

from ..cli_support import BadInput


@click.command("seed")
@click.argument("name", required=False, default=DEFAULT_SEED)
@click.argument("dest", required=False, default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite a debate of the same name in DEST.")
@click.option("--list", "list_", is_flag=True, help="List the bundled debates.")
def command(name: str, dest: str, force: bool, list_: bool) -> None:
    """Copy bundled debate NAME (and its source files) into DEST (default: here)."""
    if list_:
        for seed in seed_names():
            click.echo(seed)
        return
    try:
        target = copy_seed(name, Path(dest), overwrite=force)
    except KeyError:
        # a usage error (exit 2): NAME is a choice among the bundled debates, not a path
        raise click.UsageError(
            f'no bundled debate called "{one_line(name)}"; the bundled debates are: {", ".join(seed_names())}'
        ) from None
    except FileExistsError as exc:
        raise BadInput(f"{exc.args[0]}: already exists (use --force to overwrite)") from None
    except OSError as exc:
        raise BadInput(f"{dest}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Copied {name} to {target}")
