"""`debatemap fmt FILE...`: rewrite in the canonical form, in place, safely."""

from __future__ import annotations

import click

from arguments.problems import DebateError
from arguments.storage import dumps_debate, format_of, parse_debate, read_text, write_text_atomic

from ..cli_support import BadInput


@click.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
def command(files: tuple[str, ...], check_only: bool) -> None:
    """Rewrite FILES in the canonical form the app saves (a file with problems is left alone)."""
    bad = 0
    for file in files:
        try:
            before = read_text(file)
            debate = parse_debate(before, file, format_of(file))
        except DebateError as exc:
            click.echo(str(exc), err=True)
            bad += 1
            continue
        after = dumps_debate(debate, format_of(file))
        if before.lstrip("\ufeff") == after:
            continue
        if check_only:
            click.echo(f"{file}: not in canonical form")
            bad += 1
            continue
        try:
            write_text_atomic(file, after, backup=True)
        except OSError as exc:
            click.echo(f"{file}: cannot write: {exc.strerror or exc}", err=True)
            bad += 1
            continue
        click.echo(f"formatted {file}")
    if bad:
        raise BadInput(f"{bad} of {len(files)} file(s) not formatted")
