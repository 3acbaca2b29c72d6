"""`debatemap merge BASE OURS THEIRS -o OUT`: three-way merge by ids; a git merge driver.

Exit 0: merged cleanly, OUT written. Exit 1: conflicts, OUT written with git's conflict
markers around each conflicting field or record, and every conflict listed on stderr
(a JSON OUT holds the merge with a `merge_conflicts` list in front instead: markers
cannot go in JSON). Exit 1 too when an input cannot be read, with OUT untouched. A file
that is not a debate (`pyproject.toml` caught by a `*.toml` pattern) is merged by git's
own line merge, `git merge-file`, with a note. OUT may be OURS (git runs the driver as
`-o %A`); onto BASE, THEIRS or another debate only with --force. With git:

    git config merge.debatemap.driver "debatemap merge %O %A %B -o %A --marker-size %L"
    echo "*.debate.toml merge=debatemap" >> .gitattributes
"""

from __future__ import annotations

import os
import subprocess

import click

from ..cli_support import BadInput, write_output


class _NotADebate(Exception):
    """An input is not a debate at all: git's own merge should handle the files."""


def _read(path: str, may_be_empty: bool):  # noqa: ANN202
    """(debate, format) of PATH; the debate is None for an empty base (git passes one
    when both sides added the file)."""
    from arguments.loading import format_of, parse_debate, read_text
    from arguments.problems import DebateError

    try:
        text = read_text(path)
    except DebateError as exc:
        if os.path.isfile(path):  # not UTF-8 or too big: no debate, but git can merge it
            raise _NotADebate(f"{path} ({exc.problems[0].message})") from None
        raise BadInput(str(exc)) from None
    if may_be_empty and not text.strip():
        return None, "toml"
    from arguments.merge_other import is_debate_text

    if not is_debate_text(text):
        raise _NotADebate(path)
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
@click.option(
    "--marker-size",
    type=click.IntRange(min=3, max=80),
    default=7,
    show_default=True,
    help="Length of the conflict markers (git passes %L).",
)
@click.option("--json", "as_json", is_flag=True, help="Write OUT as JSON (default: as OURS is, or by OUT's extension).")
@click.option(
    "--force", is_flag=True, help="Write OUT even onto BASE, THEIRS or another debate file (OURS needs no --force)."
)
def command(base: str, ours: str, theirs: str, out: str, marker_size: int, as_json: bool, force: bool) -> None:
    """Merge THEIRS into OURS, both changed from BASE, matching records by ids.

    Exit status 0 on a clean merge; 1 when conflicts were written to OUT (resolve them,
    then `debatemap check OUT`) or an input could not be read.
    """
    from arguments.loading import format_of
    from arguments.merge import merge_debates, merge_text
    from arguments.storage import dumps_debate

    try:
        ours_debate, ours_fmt = _read(ours, False)
        base_debate, theirs_debate = _read(base, True)[0], _read(theirs, False)[0]
    except _NotADebate as exc:
        _merge_as_text(base, ours, theirs, out, marker_size, str(exc))
        return
    result = merge_debates(base_debate, ours_debate, theirs_debate)
    fmt = "json" if as_json or format_of(out) == "json" or ours_fmt == "json" else "toml"
    for warning in result.warnings:
        click.echo(f"debatemap merge: note: {warning}", err=True)
    if result.clean:
        write_output(dumps_debate(result.debate(), fmt), out, [base, theirs], force=force, in_place=[ours])
        return
    if fmt == "json":
        from arguments.merge_other import conflicted_json

        write_output(conflicted_json(result), out, [base, theirs], force=force, in_place=[ours])
        _report(result, f"written to {out} with ours' value at each and both sides' under \"merge_conflicts\"")
    else:
        write_output(merge_text(result, marker_size), out, [base, theirs], force=force, in_place=[ours])
        _report(result, f"written to {out} between conflict markers")
    raise SystemExit(1)


def _merge_as_text(base: str, ours: str, theirs: str, out: str, marker_size: int, which: str) -> None:
    """Hand files that are not debates to `git merge-file`; exit 1 if it left conflicts."""
    from arguments.display import one_line
    from arguments.merge_other import git_merge_file

    click.echo(
        f"debatemap merge: note: {one_line(which, 300)} is not a debate; merged line by line by git merge-file",
        err=True,
    )
    try:
        merged, conflicts = git_merge_file(base, ours, theirs, marker_size)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        raise BadInput(f"git merge-file could not merge {one_line(ours, 300)}: {exc}") from None
    try:
        write_output(merged.decode("utf-8"), out)
    except UnicodeDecodeError:  # not UTF-8 text: git's bytes as they are
        with open(out, "wb") as handle:
            handle.write(merged)
    if conflicts:
        click.echo(
            f"debatemap merge: {conflicts} conflict(s) left between git's markers in {one_line(out, 300)}", err=True
        )
        raise SystemExit(1)


def _report(result, where: str) -> None:  # noqa: ANN001
    from arguments.display import one_line

    count = len(result.conflicts)
    click.echo(f"debatemap merge: {count} conflict{'s' if count != 1 else ''}, {where}:", err=True)
    for conflict in result.conflicts:
        click.echo(f"  {one_line(str(conflict), 300)}", err=True)
