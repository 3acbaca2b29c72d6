"""`debatemap fmt FILE...`: rewrite in the canonical form, in place, safely."""

from __future__ import annotations

import click

from arguments.atomic_write import write_text_atomic
from arguments.file_lock import LockBusy, save_lock
from arguments.loading import format_of, parse_debate, read_text
from arguments.problems import DebateError
from arguments.storage import dumps_debate

from ..cli_support import BadInput


@click.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
def command(files: tuple[str, ...], check_only: bool) -> None:
    """Rewrite FILES in the canonical form the app saves (a file with problems is left alone)."""
    bad = 0
    for file in files:
        if check_only:
            bad += not _format(file, check_only)
            continue
        # Read and replace under the file's save lock, so an app saving meanwhile is never lost.
        try:
            with save_lock(file):
                bad += not _format(file, check_only)
        except LockBusy as exc:
            click.echo(f"debatemap fmt: {exc.user_message}", err=True)
            bad += 1
        except OSError:  # no lock file here (a read-only or missing folder): say why it cannot be formatted
            bad += not _format(file, check_only)
    if bad:
        raise BadInput(f"{bad} of {len(files)} file(s) not formatted")


def _format(file: str, check_only: bool) -> bool:
    """Format FILE (or only check it); False when it has problems or cannot be written."""
    try:
        before = read_text(file)
        debate = parse_debate(before, file, format_of(file))
    except DebateError as exc:
        click.echo(str(exc), err=True)
        return False
    after = dumps_debate(debate, format_of(file))
    if before.lstrip("\ufeff") == after:
        return True
    if check_only:
        click.echo(f"{file}: not in canonical form")
        return False
    try:
        write_text_atomic(file, after, backup=True)
    except OSError as exc:
        click.echo(f"{file}: cannot write: {exc.strerror or exc}", err=True)
        return False
    click.echo(f"formatted {file}")
    return True
