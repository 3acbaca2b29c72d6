"""The subcommands, one module each; `COMMANDS()` lists them in help order."""

from __future__ import annotations

import importlib

import click

MODULES = [
    "open",
    "new",
    "seed",
    "check",
    "fmt",
    "show",
    "export",
]
"""Modules in this package, each defining `command`, a click command."""


def COMMANDS() -> list[click.Command]:  # noqa: N802 - reads as a constant at the call site
    return [importlib.import_module(f"{__name__}.{name}").command for name in MODULES]
