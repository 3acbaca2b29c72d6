"""The subcommands, one module each in this package, found by listing the package.

A module here defines `command`, a click command named like the module (a trailing `_`
dropped: `import_` is `import`); `ORDER` puts the common ones first in help and the rest
follow alphabetically. Adding a command is adding a module. Listing the names imports
nothing, so a command run pays only for its own module's imports.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

ORDER = ["open", "new", "seed", "check", "fmt", "show", "export", "import"]


def command_modules() -> dict[str, str]:
    """Command name -> module name, in help order, without importing any of them."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    names.sort(key=lambda n: (ORDER.index(n.rstrip("_")) if n.rstrip("_") in ORDER else len(ORDER), n))
    return {name.rstrip("_"): name for name in names}


def load_command(module: str) -> click.Command:
    """The click command defined by MODULE of this package."""
    return importlib.import_module(f"{__name__}.{module}").command


def COMMANDS() -> list[click.Command]:  # noqa: N802 - reads as a constant at the call site
    """Every command, each module imported."""
    return [load_command(module) for module in command_modules().values()]
