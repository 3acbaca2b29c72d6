"""Renderers: a debate in, text out. Pure functions, one module per format.

Each module has `render(debate, options) -> str`. Modules are imported on demand so a
command pays only for the format it writes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from arguments.model import Debate

EXPORTERS: dict[str, str] = {
    "markdown": "export.markdown",
}
"""Format name -> module; each module renders with `render(debate, options)`."""

EXTENSIONS: dict[str, str] = {
    "markdown": ".md",
}
"""The usual file extension of each format, for save dialogs and `-o` guesses."""


@dataclass(frozen=True)
class ExportOptions:
    """What to include; every exporter honours the options that make sense for it."""

    depth: int | None = None
    """Deepest claim level to include (the motion is level 0); None for all."""
    evidence: bool = True
    """Include evidence under its claim."""
    stances: bool = True
    """Include stakeholders' stances."""
    analysis: bool = False
    """Include the analysis section (Markdown)."""
    shifts: bool = False
    """Include the stance-history section (Markdown)."""


def render(fmt: str, debate: Debate, options: ExportOptions | None = None) -> str:
    """Render DEBATE in format FMT (a key of EXPORTERS)."""
    module = importlib.import_module(EXPORTERS[fmt])
    return module.render(debate, options or ExportOptions())
