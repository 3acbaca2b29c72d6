"""`debatemap schema [-o OUT]`: the JSON Schema of the debate file format."""

from __future__ import annotations

import json

import click

from ..cli_support import FORCE_HELP, write_output


@click.command("schema")
@click.option("--output", "-o", "out", default=None, help="Write here instead of stdout.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(out: str | None, force: bool) -> None:
    """Print the JSON Schema of debate files, so editors can check them as you type.

    Save it, e.g. `debatemap schema -o debate.schema.json`, then point your editor at it:

    \b
    TOML (Even Better TOML, taplo): first line of the file
        #:schema ./debate.schema.json
    JSON (VS Code and most editors): a top-level key
        "$schema": "./debate.schema.json"
    """
    from export.json_export import json_schema

    write_output(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", out, force=force)
