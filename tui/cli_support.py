"""What every command shares: loading with clear errors, writing output, plain printing.

User text printed to the terminal goes through `arguments.display.safe_text` where it
reaches Rich, so nothing in a file can restyle the terminal or send it escape sequences.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from arguments.model import Debate
from arguments.problems import DebateError
from arguments.storage import read_debate, write_text_atomic


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


def open_app(path: str, **options: bool) -> None:
    """Run the app on PATH, which it loads once; a file it cannot load exits 1 with every
    problem before any screen opens."""
    from .app import run_app  # only the commands that open the app pay for Textual

    try:
        run_app(path, **options)
    except DebateError as exc:
        raise BadInput(str(exc)) from None


def write_output(text: str, out: str | None) -> None:
    """Write to OUT atomically, or to stdout when OUT is None or '-'."""
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_text_atomic(out, text)
    except OSError as exc:
        raise BadInput(f"{out}: cannot write: {exc.strerror or exc}") from None
