"""The `debatemap` command: a group of subcommands, with FILE alone opening the app.

Subcommands live one per module in `tui/commands/`; this module only wires them up and
makes sure no traceback ever reaches the user. Commands that do not open the app never
import Textual.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from arguments.file_limits import MAX_FILE_BYTES, PRESTART_FROM

from .commands import command_modules, load_command

SHORT_LIVED = frozenset(
    {"analyze", "check", "diff", "export", "fmt", "import", "merge", "new", "plan", "schema", "seed", "shifts", "show"}
)
"""Commands that load, compute, print and exit. They run without the cyclic garbage
collector: the hundreds of thousands of objects of a large debate hold no cycles, and
rescanning them cost up to a tenth of a command's time. Every other command (the app,
the server) keeps it."""

PRESTARTING = frozenset({"analyze", "check", "diff", "export", "plan", "shifts", "show"})
"""Commands that load the debate files they name (`read_debate`): a second process starts
reading a big one (`_prestart_readers`) before the command is imported."""


class DebatemapGroup(click.Group):
    """`debatemap FILE` and plain `debatemap` mean `debatemap open [FILE]`.

    Commands are imported only when run or listed in help: `check` must not pay for the
    app's or the exporters' imports."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - click's signature
        super().__init__(*args, **kwargs)
        self.modules = command_modules()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.modules, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.modules:
            self.add_command(load_command(self.modules[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):  # noqa: ANN201
        if not args or (args[0] not in self.modules and args[0] not in self.commands and not args[0].startswith("-")):
            args.insert(0, "open")
        if args[0] not in SHORT_LIVED:
            gc.enable()
        if args[0] in PRESTARTING:
            _prestart_readers(args[1:])
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            args = ["open"]
        return super().parse_args(ctx, args)


def _prestart_readers(args: list[str]) -> None:
    """Start the second reader of `parallel_read` on the first two TOML files named in
    ARGS that are big enough to be read on two cores: it reads on the other core while
    the command imports the model (0.15 s), and the load takes what it made. A name that
    is not what the command loads (an option's value) costs only a process stopped at exit."""
    big = [arg for arg in args if arg.lower().endswith(".toml") and _size(arg) >= PRESTART_FROM][:2]
    if big:
        from arguments import parallel_read

        for name in big:
            parallel_read.prestart(name, MAX_FILE_BYTES, PRESTART_FROM)


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size
    except (OSError, ValueError):
        return 0


@click.group(cls=DebatemapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="debatemap")
def cli() -> None:
    """Map a policy debate: claims, evidence, stakeholders and stances.

    Run `debatemap` alone to open the bundled debate, or `debatemap FILE` to open yours.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; exit 0 ok, 1 bad input, 2 usage, never a traceback.

    As the process's entry (ARGV None) it leaves the collector off at exit, which spares a
    last scan of everything loaded; called with ARGV from code, it restores it."""
    collecting = gc.isenabled()
    gc.disable()  # until the command is known: see SHORT_LIVED
    try:
        cli.main(args=argv, prog_name="debatemap", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: a message, not a traceback
        click.echo(f"debatemap: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("Please report this with the command you ran.", err=True)
        sys.exit(1)
    finally:
        if argv is not None and collecting:
            gc.enable()


if __name__ == "__main__":
    main()
