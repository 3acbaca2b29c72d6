"""Pydantic as debatemap uses it: no plugins, so no search for them at start-up.

Pydantic looks for plugins (entry points of every installed package) when it builds its
first validator; importing `importlib.metadata` to do so took 20-25 ms of every command's
start-up (a twentieth of `check` at 10,000 claims). debatemap uses no pydantic plugin,
and its debates must validate the same whatever else is installed, so the loader pydantic
imports is replaced, before any model is built, by one that finds none.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> Iterable[Any]:
    return ()


def _the_real_one(name: str) -> Any:
    """Anything else a later pydantic asks of its loader comes from the real module, so a
    pydantic whose loader grew new names still works (only slower to start). The import
    system's own questions (`__path__`, ...) are answered as a plain module would."""
    if name.startswith("__"):
        raise AttributeError(name)
    sys.modules.pop(LOADER, None)
    return getattr(importlib.import_module(LOADER), name)


if LOADER not in sys.modules:
    _loader = types.ModuleType(LOADER, "No pydantic plugins (see arguments.pydantic_setup).")
    _loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    _loader.__getattr__ = _the_real_one  # type: ignore[method-assign]
    sys.modules[LOADER] = _loader
