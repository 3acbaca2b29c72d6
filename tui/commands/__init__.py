"""The subcommands, one module each in this package, found by listing the package.

A module here defines `command`, a click command; `ORDER` puts the common ones first in
help and the rest follow alphabetically. Adding a command is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

ORDER = ["open", "new", "seed", "check", "fmt", "show", "export", "import"]


def COMMANDS() -> list[click.Command]:  # noqa: N802 - reads as a constant at the call site
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    names.sort(key=lambda n: (ORDER.index(n.rstrip("_")) if n.rstrip("_") in ORDER else len(ORDER), n))
    return [importlib.import_module(f"{__name__}.{name}").command for name in names]
