"""`debatemap merge BASE OURS THEIRS -o OUT`: three-way merge by ids; a git merge driver.

Exit 0: merged cleanly, OUT written. Exit 1: conflicts, OUT written with git's conflict
markers around each conflicting field or record, and every conflict listed on stderr
(a JSON OUT is not written then: markers cannot go in JSON). Exit 1 too when an input
cannot be read, with OUT untouched. OUT may be OURS (git runs the driver as `-o %A`);
onto BASE, THEIRS or another debate only with --force. With git:

    git config merge.debatemap.driver "debatemap merge %O %A %B -o %A --marker-size %L"
    echo "*.debate.toml merge=debatemap" >> .gitattributes
"""

from __future__ import annotations

import click

from ..cli_support import FORCE_HELP, BadInput, write_output


def _read(path: str, may_be_empty: bool):  # noqa: ANN202
    """(debate, format) of PATH; the debate is None for an empty base (git passes one
    when both sides added the file)."""
    from arguments.problems import DebateError
    from arguments.storage import format_of, parse_debate, read_text

    try:
        text = read_text(path)
    except DebateError as exc:
        raise BadInput(str(exc)) from None
    if may_be_empty and not text.strip():
        return None, "toml"
    # git hands the driver temporary files without the extension: recognise JSON by content
    fmt = "json" if format_of(path) == "json" or text.lstrip("\ufeff \t\r\n").startswith("{") else "toml"
    try:
        return parse_debate(text, path, fmt), fmt
    except DebateError as exc:
        raise BadInput(str(exc)) from None


@click.command("merge")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.option("--output", "-o", "out", required=True, help="Where to write the merge (may be OURS).")
@click.option("--marker-size", type=click.IntRange(min=3, max=80), default=7, show_default=True,
              help="Length of the conflict markers (git passes %L).")
@click.option("--json", "as_json", is_flag=True, help="Write OUT as JSON (default: as OURS is, or by OUT's extension).")
@click.option("--force", is_flag=True, help="Write OUT even onto BASE, THEIRS or another debate file (OURS needs no --force).")
def command(base: str, ours: str, theirs: str, out: str, marker_size: int, as_json: bool, force: bool) -> None:
    """Merge THEIRS into OURS, both changed from BASE, matching records by ids.

    Exit status 0 on a clean merge; 1 when conflicts were written to OUT (resolve them,
    then `debatemap check OUT`) or an input could not be read.
    """
    from arguments.merge import merge_debates, merge_text
    from arguments.storage import dumps_debate, format_of

    ours_debate, ours_fmt = _read(ours, False)
    result = merge_debates(_read(base, True)[0], ours_debate, _read(theirs, False)[0])
    fmt = "json" if as_json or format_of(out) == "json" or ours_fmt == "json" else "toml"
    for warning in result.warnings:
        click.echo(f"debatemap merge: note: {warning}", err=True)
    if result.clean:
        write_output(dumps_debate(result.debate(), fmt), out, [base, theirs], force=force, in_place=[ours])
        return
    if fmt == "json":
        _report(result, f"{out} left unchanged: a JSON debate cannot hold conflict markers")
    else:
        write_output(merge_text(result, marker_size), out, [base, theirs], force=force, in_place=[ours])
        _report(result, f"written to {out} between conflict markers")
    raise SystemExit(1)


def _report(result, where: str) -> None:  # noqa: ANN001
    from arguments.display import one_line

    count = len(result.conflicts)
    click.echo(f"debatemap merge: {count} conflict{'s' if count != 1 else ''}, {where}:", err=True)
    for conflict in result.conflicts:
        click.echo(f"  {one_line(str(conflict), 300)}", err=True)
