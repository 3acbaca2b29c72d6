"""`debatemap import SRC --from F -o DEBATE.toml`: bring in a debate from another tool.

A stance matrix (`--from csv`) is merged into an existing debate instead: `--into
DEBATE.toml` writes the merged debate back to that file (or to -o when given).
"""

from __future__ import annotations

from pathlib import Path

import click

from arguments.display import one_line
from arguments.file_limits import MAX_FILE_BYTES
from arguments.importers import ImportResult
from arguments.importers.limits import too_big_message
from arguments.loading import format_of, read_text
from arguments.problems import DebateError
from arguments.storage import dumps_debate
from export.formats import MERGING, guess_reader, readable, reader

from ..cli_support import BadInput, load, write_output
from ._import_progress import import_progress

SHOWN_EXAMPLES = 5


def guess_format(src: str) -> str:
    """The format SRC's extension names, or a usage error asking for --from."""
    fmt = guess_reader(src)
    if fmt is None:
        raise click.UsageError(f"cannot tell the format of {one_line(src)} from its extension; use --from")
    return fmt


@click.command("import")
@click.argument("src")
@click.option(
    "--from", "fmt", type=click.Choice(readable()), default=None, help="Format of SRC (default: by extension)."
)
@click.option("--output", "-o", "out", default=None, help="The debate file to write (.toml or .json; - for stdout).")
@click.option("--into", default=None, help="csv only: the debate to merge the stances into, written back in place.")
@click.option("--force", is_flag=True, help="Overwrite -o if it exists.")
def command(src: str, fmt: str | None, out: str | None, into: str | None, force: bool) -> None:
    """Import SRC (Kialo, Argdown, OPML, our Markdown, or a csv stance matrix)."""
    fmt = fmt or guess_format(src)
    if fmt in MERGING and into is None:
        raise click.UsageError(f"--from {fmt} merges into an existing debate: give --into DEBATE.toml")
    if fmt not in MERGING and into is not None:
        raise click.UsageError(f"--into is only for merging formats ({', '.join(sorted(MERGING))})")
    if fmt not in MERGING and out is None:
        raise click.UsageError("give -o DEBATE.toml, the file to create")
    target = out if out is not None else str(into)
    if out not in (None, "-") and Path(out).exists() and not force:
        raise BadInput(f"{one_line(out)}: already exists (use --force to overwrite)")
    try:
        text = read_text(src)
        with import_progress(len(text)):
            if fmt in MERGING:
                result = reader(fmt).parse_into(load(str(into)), text, src)  # --into is checked given above
            else:
                result = reader(fmt).parse(text, src)
    except DebateError as exc:
        raise BadInput("\n".join(one_line(str(p), None) for p in exc.problems)) from None
    del text  # the source's text is not needed while writing
    _write(result, target, src, into, force)
    _report(result, src, target, "Merged" if fmt in MERGING else "Imported")


def _write(result: ImportResult, target: str, src: str, into: str | None, force: bool) -> None:
    text = dumps_debate(result.debate, "toml" if target == "-" else format_of(target))
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        # the early bound is a lower one: never write a debate the loader would refuse
        raise BadInput(f"{one_line(target)}: not written: {too_big_message('the import')}")
    if target == "-":
        write_output(text, None)
        return
    in_place = [into] if into is not None else []  # --into writes the merged debate back by design
    write_output(text, target, [src], force=force, in_place=in_place)


def _report(result: ImportResult, src: str, target: str, verb: str) -> None:
    debate = result.debate
    where = "stdout" if target == "-" else one_line(target)
    click.echo(
        f"{verb} {one_line(src)} into {where}: {len(debate.claims)} claims, {len(debate.links)} links, "
        f"{len(debate.stances)} stances.",
        err=True,
    )
    if result.dropped:
        click.echo(f"Could not carry over {result.dropped_count}:", err=True)
        for item in result.dropped:
            click.echo(f"  {item.count} {one_line(item.reason)}", err=True)
        for shown in result.examples(SHOWN_EXAMPLES):
            click.echo(f"  e.g. {one_line(shown, 200)}", err=True)
