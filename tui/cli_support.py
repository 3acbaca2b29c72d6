"""What every command shares: loading with clear errors, writing output, plain printing.

User text printed to the terminal goes through `arguments.display.safe_text` where it
reaches Rich, so nothing in a file can restyle the terminal or send it escape sequences.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from arguments.display import one_line
from arguments.file_limits import MAX_FILE_BYTES
from arguments.loading import read_debate
from arguments.model import Debate
from arguments.output_file import OutputRefused, write_output_file
from arguments.problems import DebateError


class BadInput(click.ClickException):
    """Bad input from the user's files: exit status 1, the message on stderr."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(self.format_message(), err=True)


def load(path: str | Path) -> Debate:
    """Load a debate or exit 1 with every problem, one line each."""
    try:
        return read_debate(path)
    except DebateError as exc:
        raise BadInput(str(exc)) from None


def open_app(path: str, **options: Any) -> None:
    """Run the app on PATH, which it loads once; a file it cannot load exits 1 with every
    problem before any screen opens."""
    from arguments import parallel_read  # here: a command on a small file never imports it

    from . import loading

    # A second process starts reading a big file on the other core (it has the most to do:
    # first, so that it keeps ahead), and its progress bar shows while Textual is imported.
    parallel_read.prestart(path, MAX_FILE_BYTES)
    loading.start(path)
    try:
        from .app import run_app  # only the commands that open the app pay for Textual

        run_app(path, **options)
    except DebateError as exc:
        raise BadInput(str(exc)) from None
    finally:
        loading.stop()


def write_output(
    text: str,
    out: str | None,
    inputs: Sequence[str] = (),
    *,
    force: bool = False,
    in_place: Sequence[str] = (),
    existing_ok: bool = True,
) -> None:
    """Write to OUT atomically, or to stdout when OUT is None or '-'. OUT may not be one of
    INPUTS or hold a debate unless FORCE (see `arguments.output_file`); what it replaces
    is kept as `.NAME.bak`. A refusal exits 1 with nothing written."""
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_output_file(out, text, inputs, force=force, in_place=in_place, existing_ok=existing_ok)
    except OutputRefused as exc:
        raise BadInput(exc.user_message) from None
    except OSError as exc:
        raise BadInput(f"{one_line(out)}: cannot write: {exc.strerror or exc}") from None


FORCE_HELP = "Write -o even onto an input or a debate file (the old one is kept as .NAME.bak)."


def anonymized(debate: Debate, mode: str | None) -> Debate:
    """DEBATE as `--anonymize MODE` asks (groups or all; None: as it is), each warning (a
    label only one stakeholder has) printed on stderr."""
    if not mode:
        return debate
    from arguments.anonymize import anonymize

    result = anonymize(debate, "all" if mode == "all" else "groups")
    for warning in result.warnings:
        click.echo(f"warning: {one_line(warning, 300)}", err=True)
    return result.debate
