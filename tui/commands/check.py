"""`debatemap check FILE...`: every problem, one line each; exit 1 if any."""

from __future__ import annotations

from pathlib import Path

import click

from arguments.loading import format_of, read_debate, read_text
from arguments.locate import JsonLines, TomlLines
from arguments.problems import DebateError
from arguments.quotes import check_quotes

from ..cli_support import BadInput


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no summary.")
@click.option(
    "--allow-outside-sources",
    is_flag=True,
    help="Read source files outside the debate's folder too (only for debates you trust).",
)
def command(files: tuple[str, ...], quiet: bool, allow_outside_sources: bool) -> None:
    """Check debate FILES: syntax, keys, references, the tree, and evidence quotes.

    Source files are read only inside each debate's folder unless --allow-outside-sources.
    """
    failed = 0
    for file in files:
        problems = _problems(file, allow_outside_sources)
        for line in problems:
            click.echo(line)
        if problems:
            failed += 1
        elif not quiet:
            click.echo(f"{file}: ok")
    if failed:
        raise BadInput(f"{failed} of {len(files)} file(s) have problems")


def _problems(file: str, allow_outside: bool) -> list[str]:
    try:
        debate = read_debate(file)
    except DebateError as exc:
        return [str(p) for p in exc.problems]
    found = check_quotes(debate, Path(file).parent, allow_outside)
    if not found:
        return []
    text = read_text(file)
    lines = JsonLines(text) if format_of(file) == "json" else TomlLines(text)
    return [f"{file}:{lines.line_of(p.loc)}: {str(p).split(': ', 1)[1]}" for p in found]
